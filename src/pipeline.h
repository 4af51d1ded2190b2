/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The record path, wired together: one reader thread per CPU buffer -> one
 * liburcu wait-free queue per reader -> one merger thread (time order, blocks)
 * -> one writer thread (trace file and/or rendered text).
 *
 * Threads: pipeline_start, pipeline_stop and pipeline_totals are called by the
 * main thread only.  Everything else happens in the stage threads.
 *
 * Stop protocol: the main thread detaches the BPF programs (or the traced command
 * has exited), then calls pipeline_stop(): readers drain their buffers to the
 * end, publish "no more records", and exit; the merger emits everything left and
 * the last partial block; the writer writes it, the footer, and closes.  With
 * vt_stop == 2 (a second SIGINT) the drain is cut short; the file stays valid.
 */
#ifndef VLTRACE_PIPELINE_H
#define VLTRACE_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "outbuf.h"
#include "render.h"
#include "tracefile.h"

enum pipeline_buffer {
	PIPELINE_RINGBUF = 0, /* BPF_MAP_TYPE_RINGBUF, one per CPU */
	PIPELINE_PERFBUF = 1, /* BPF_MAP_TYPE_PERF_EVENT_ARRAY */
};

struct pipeline_opts {
	enum pipeline_buffer buffer;
	unsigned ncpus;	     /* CPU buffers, one reader each */
	const int *buf_fds;  /* ring buffer map fd per CPU (-1: none for that CPU) */
	uint64_t buf_size;   /* bytes per CPU buffer */
	int counters_fd;     /* BPF per-CPU struct vt_counters array, or -1 */

	int trace_fd;	     /* -W: the trace file, opened by the caller; -1 for none */
	const struct tracefile_meta *meta; /* for the trace file header */

	struct renderer *render; /* live output (owned by the caller), or NULL */
	struct outbuf *text_out; /* where render writes; flushed by the writer */

	uint64_t max_queued;	 /* bytes of records held in queues at most; 0: default */
};

struct pipeline_totals {
	uint64_t records;     /* records handed to the writer */
	uint64_t bytes;	      /* trace file bytes written */
	uint64_t lost;	      /* all CPUs */
	uint64_t late;
	unsigned ncpus;
	uint64_t *lost_per_cpu; /* owned by the pipeline, ncpus entries */
	int write_error;      /* negative errno of the first failed write, or 0 */
};

struct pipeline;

int pipeline_start(struct pipeline **out, const struct pipeline_opts *o);
/* Drain, join every thread, finish the file.  Returns 0 or the first write error. */
int pipeline_stop(struct pipeline *p);
void pipeline_totals(const struct pipeline *p, struct pipeline_totals *t);
/* Has the writer failed (disk full, EIO, closed pipe)?  Main thread polls this. */
int pipeline_failed(const struct pipeline *p);
void pipeline_free(struct pipeline *p);

#endif /* VLTRACE_PIPELINE_H */
