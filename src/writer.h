/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The writer: one thread that owns the output.  It takes sealed blocks from the
 * merger and
 *   - with a trace file: writes the header, every block, then the footer, in large
 *     writes from a 4 KiB-aligned staging buffer, with O_DIRECT where the file
 *     system takes it (plain write() otherwise: tmpfs, pipes), so the page cache
 *     is not filled with a trace nobody reads back soon;
 *   - with a renderer: renders every record of the block and flushes the text.
 *     With meta->compress, each block is compressed here first (and written less
 *     compressed, or raw, while the writer is behind: the footer counts those);
 * Then it gives the block back to the merger.
 *
 * On a write error (disk full, EIO, a closed pipe) it records the error, stops
 * writing that output, and keeps taking blocks so the stages before it never
 * block for good.  The file then holds the blocks written before the error.
 *
 * Threads:
 *
 * | function                              | called by                             |
 * |---------------------------------------|---------------------------------------|
 * | writer_new, writer_start, writer_join | the main thread                       |
 * | writer_free                           | the main thread, after writer_join    |
 * | writer_failed, writer_stats           | any thread                            |
 * | writer_run                            | the writer thread (or a test, in its  |
 * |                                       | place)                                |
 * | opts.totals callback                  | called on the writer thread, at the   |
 * |                                       | end of each file (rotation, limit)    |
 * | opts.open_file callback               | called on the writer thread, at each  |
 * |                                       | rotation                              |
 * | writer_limited, writer_snapshot       | any thread                            |
 *
 * opts.trigger is read on the writer thread only (through a refilter of its own).
 *
 * The renderer and text outbuf are used only on the writer thread between
 * writer_start and writer_join; render_finish is the caller's, after the join.
 */
#ifndef VLTRACE_WRITER_H
#define VLTRACE_WRITER_H

#include <stdint.h>

#include "merger.h"
#include "outbuf.h"
#include "render.h"
#include "tracefile.h"

#define WRITER_STAGE_DEFAULT (4u << 20)
#define WRITER_ALIGN 4096
/* Blocks waiting behind the one taken at which compression steps down (writer.c). */
#define WRITER_BEHIND 2

struct writer_opts {
	int fd;				  /* trace file, or -1 */
	const struct tracefile_meta *meta; /* its header (required with fd) */
	struct renderer *render;	  /* or NULL */
	struct outbuf *text_out;	  /* where render writes; flushed after each block */
	struct merger_out *in;
	size_t stage_size;		  /* bytes, multiple of 4 KiB; 0: default */
	int no_direct;			  /* never try O_DIRECT */
	/* fills the footer's totals at the end (records, lost, ...); may be NULL */
	void (*totals)(void *arg, struct tracefile_totals *t);
	void *totals_arg;

	/*
	 * Rotation: a new file once this one would pass rotate_size bytes (a block
	 * larger than that gets a file alone) or once its records span rotate_ns; the
	 * footer ends each file, the header starts the next, so each reads alone.
	 * open_file creates file number index (1, 2, ...; fd is number 0) and returns
	 * its descriptor or a negative errno; the writer closes the files it opened.
	 * max_size: bytes of all files at most; the block that would pass it is not
	 * written, the last file gets its footer, and writer_limited() turns 1.
	 */
	uint64_t rotate_size, rotate_ns, max_size;
	int (*open_file)(void *arg, unsigned index);
	void *file_arg;

	/*
	 * Flight recorder (fd -1): the newest blocks, flight_size bytes of them as they
	 * would be written (compressed), in memory; writer_snapshot() has them written
	 * to open_file(snapshot number) as a whole trace file.  After max_snapshots
	 * (0: no limit) writer_limited() turns 1.
	 */
	uint64_t flight_size;
	unsigned max_snapshots;
	/*
	 * Triggers (with flight_size): the writer thread runs every record through
	 * trigger, on whole calls (entry and exit paired, as --filter does).  The
	 * first call that passes has a snapshot written once the blocks hold
	 * trigger_after_ns of records after its exit (or once that much time has
	 * passed on the clock, or at the end); until then no kept block is dropped.
	 * The header names trigger_text and the call.  A call that passes while a
	 * snapshot waits is in that snapshot and triggers nothing more.
	 */
	const struct filter *trigger;
	const char *trigger_text;
	uint64_t trigger_after_ns;
};

struct writer_stats {
	uint64_t bytes;	 /* trace file bytes written */
	uint64_t blocks; /* blocks taken */
	uint64_t records; /* records in them (written ones, with max_size) */
	uint64_t direct_bytes; /* of those, written with O_DIRECT */
	uint64_t raw_bytes; /* what the trace file would hold without compression */
	uint64_t calls;	/* syscalls in them: exit and whole-call records */
	uint64_t degraded; /* blocks written below the compression level asked for */
	uint64_t files;	/* trace files started */
};

struct writer;

int writer_new(struct writer **out, const struct writer_opts *o);
int writer_start(struct writer *w);
void writer_join(struct writer *w);
void writer_free(struct writer *w);
/* The loop of the thread: until the merger is done, then the footer. */
void writer_run(struct writer *w);
/* Ask for a flight recorder snapshot: the writer thread writes it when it next wakes. */
void writer_snapshot(struct writer *w);
/* Has max_size or max_snapshots been reached (nothing more is written)? */
int writer_limited(const struct writer *w);
/* Negative errno of the first failed write (file or text), or 0. */
int writer_failed(const struct writer *w);
void writer_stats(const struct writer *w, struct writer_stats *st);

#endif /* VLTRACE_WRITER_H */
