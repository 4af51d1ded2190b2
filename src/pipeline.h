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
 * the last partial block; the writer writes it and the footer (the caller closes
 * trace_fd).  With vt_stop == 2 (a second SIGINT) the drain is cut short; the file
 * stays valid.  pipeline_stop works whether vt_stop is set or not.
 */
#ifndef VLTRACE_PIPELINE_H
#define VLTRACE_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "outbuf.h"
#include "render.h"
#include "tracefile.h"

/* The values of record.h's enum vt_buffer_kind. */
enum pipeline_buffer {
	PIPELINE_RING = 0,    /* vltrace's own ring per CPU (rings, mapped by the loader) */
	PIPELINE_RINGBUF = 1, /* BPF_MAP_TYPE_RINGBUF, one per CPU (buf_fds) */
	PIPELINE_PERFBUF = 2, /* BPF_MAP_TYPE_PERF_EVENT_ARRAY (buf_fds) */
};

struct reader_ring;

struct pipeline_opts {
	enum pipeline_buffer buffer;
	unsigned ncpus;	     /* CPU buffers, one reader each */
	const int *buf_fds;  /* ring buffer map fd per CPU (-1: none for that CPU) */
	uint64_t buf_size;   /* bytes per CPU buffer */
	int counters_fd;     /* BPF per-CPU struct vt_counters array, or -1 */

	int trace_fd;	     /* -W: the trace file, opened by the caller; -1 for none */
	const struct tracefile_meta *meta; /* for the trace file header */

	struct renderer *render; /* live output (owned by the caller; the writer thread
				  * uses it until pipeline_stop returns), or NULL */
	struct outbuf *text_out; /* where render writes; flushed by the writer */

	uint64_t max_queued;	 /* bytes of records held in queues at most; 0: default */

	/* Tuning (0 picks the default; see reader.h, merger.h, writer.h). */
	unsigned poll_ms;	 /* a reader sleeps at most this long between batches (4) */
	uint64_t slack_ns;	 /* how late a record may follow newer ones on its CPU (2 ms) */
	uint32_t chunk_size;	 /* bytes per chunk of records (256 KiB) */
	uint32_t block_size;	 /* bytes per trace file block (1 MiB) */
	uint64_t flush_ns;	 /* a partial block goes out after this long (50 ms) */
	int no_direct;		 /* never use O_DIRECT for the trace file */

	/* -W's rotation and limits: writer.h, struct writer_opts */
	uint64_t rotate_size, rotate_ns, max_size;
	int (*open_file)(void *arg, unsigned index);
	void *file_arg;
	uint64_t flight_size;	 /* --flight-recorder (trace_fd -1, open_file names snapshots) */
	unsigned max_snapshots;
	/* --trigger, its text, --trigger-after: writer.h, struct writer_opts */
	const struct filter *trigger;
	const char *trigger_text;
	uint64_t trigger_after_ns;

	/*
	 * Rings in memory (reader.h), one per CPU, instead of buf_fds: vltrace's own
	 * rings, or a test's or benchmark's.  A ring with data NULL gets no reader.
	 */
	const struct reader_ring *rings;
};

#define PIPELINE_MAX_QUEUED_DEFAULT (32ull << 20)

/*
 * Benchmarks: set the tuning fields of o from spec, "key=value,..." with keys
 * poll_ms, slack_ms, flush_ms, chunk (bytes, K/M/G), block (bytes), queued
 * (max_queued, bytes) and direct (0: no O_DIRECT).  main.c passes the
 * environment's VLTRACE_TUNE.  Returns 0, or -EINVAL after a one-line error.
 */
int pipeline_tune(struct pipeline_opts *o, const char *spec);

struct pipeline_totals {
	uint64_t records;     /* records handed to the writer */
	uint64_t bytes;	      /* trace file bytes written */
	uint64_t lost;	      /* all CPUs */
	uint64_t late;
	unsigned ncpus;
	uint64_t *lost_per_cpu; /* owned by the pipeline, ncpus entries */
	int write_error;      /* negative errno of the first failed write, or 0 */
	uint64_t malformed;   /* records dropped by the readers' checks */
	uint64_t stalls;      /* reader batches cut short for want of a free chunk */
	uint64_t blocks;      /* trace file blocks */
	uint64_t raw_bytes;   /* trace file bytes there would be without compression */
	uint64_t calls;	      /* syscalls in the records handed to the writer */
	uint64_t degraded;    /* blocks written less compressed than asked (writer behind) */
	uint64_t files;	      /* trace files written (rotation) */
};

struct pipeline;

int pipeline_start(struct pipeline **out, const struct pipeline_opts *o);
/* Drain, join every thread, finish the file.  Returns 0 or the first write error. */
int pipeline_stop(struct pipeline *p);
void pipeline_totals(const struct pipeline *p, struct pipeline_totals *t);
/* Ask the flight recorder for a snapshot (main thread, on SIGUSR1). */
void pipeline_snapshot(struct pipeline *p);
/* Has the writer reached -W's --max-size or --max-snapshots?  Main thread polls this. */
int pipeline_limited(const struct pipeline *p);
/* Has the writer failed (disk full, EIO, closed pipe)?  Main thread polls this. */
int pipeline_failed(const struct pipeline *p);
void pipeline_free(struct pipeline *p);

#endif /* VLTRACE_PIPELINE_H */
