/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The merger: one thread that turns the readers' streams of chunks into one stream
 * of records in time order, packed into trace file blocks for the writer.
 *
 * It emits a record only once every stream's watermark has reached the record's
 * time, k-way merging (a binary heap over the streams' next records).  A record
 * that arrives after the merger has passed its time is still emitted, and counted
 * as late.  Blocks are sealed (tracefile_block_seal) when full, when the oldest
 * record in them has waited flush_ns (live output stays prompt), and at the end.
 *
 * Threads:
 *
 * | function                              | called by                              |
 * |---------------------------------------|----------------------------------------|
 * | merger_new, merger_start, merger_join | the main thread                        |
 * | merger_free                           | the main thread, after merger_join     |
 * | merger_stats                          | any thread (a snapshot; exact after    |
 * |                                       | merger_join or once out->done is seen) |
 * | merger_out_init, merger_out_fini      | the main thread, no stage running      |
 * | merger_out_pop, merger_out_put        | the writer thread (the consumer)       |
 * | merger_out_done                       | the writer thread                      |
 *
 * The merger ends when every stream has published VT_WATERMARK_DONE and all their
 * records are emitted: it sends the last block and marks the output done.
 */
#ifndef VLTRACE_MERGER_H
#define VLTRACE_MERGER_H

#include <stdint.h>

#include "queue.h"

#define MERGER_BLOCK_DEFAULT (1u << 20)
#define MERGER_NBLOCKS_DEFAULT 4
#define MERGER_FLUSH_NS_DEFAULT 50000000ull /* 50 ms */

/*
 * Blocks between the merger and the writer.  A block is a vt_chunk whose data[]
 * holds TRACEFILE_BLOCK_HDR bytes of header (sealed) and then the records; len
 * counts both.
 */
struct merger_out {
	struct vt_queue blocks;	  /* sealed blocks: merger -> writer */
	struct vt_queue free;	  /* written blocks: writer -> merger */
	struct vt_wait writer_wait; /* the writer sleeps here */
	struct vt_wait *merger_wait; /* the merger sleeps here (merger_opts.wait) */
	int done;		  /* no block will follow (store-release) */
	uint64_t sent;		  /* blocks pushed so far (atomic): the writer's backlog */
};

void merger_out_init(struct merger_out *out, struct vt_wait *merger_wait);
/* Frees the blocks left in both queues. */
void merger_out_fini(struct merger_out *out);
/* Next sealed block, or NULL. */
struct vt_chunk *merger_out_pop(struct merger_out *out);
/* Give a block back once written. */
void merger_out_put(struct merger_out *out, struct vt_chunk *block);
/* Has the merger sent its last block?  (After a NULL pop: then pop once more.) */
static inline int merger_out_done(struct merger_out *out)
{
	return __atomic_load_n(&out->done, __ATOMIC_ACQUIRE);
}

struct merger_opts {
	struct vt_stream *streams; /* one per reader */
	unsigned nstreams;
	struct vt_wait *wait;	   /* the streams and the writer wake the merger here */
	struct merger_out *out;
	uint32_t block_size;	   /* bytes per block, header included; 0: default */
	unsigned nblocks;	   /* blocks allocated at most (>= 2); 0: default */
	uint64_t flush_ns;	   /* seal a partial block after this long; 0: default */
};

struct merger_stats {
	uint64_t records;	   /* emitted */
	uint64_t bytes;		   /* of records emitted */
	uint64_t late;		   /* emitted after a newer record */
	uint64_t blocks;	   /* sealed and sent */
	uint64_t first_ts, last_ts; /* smallest and largest timestamp emitted (0 if none) */
};

struct merger;

int merger_new(struct merger **out, const struct merger_opts *o);
int merger_start(struct merger *m);
void merger_join(struct merger *m);
void merger_free(struct merger *m);
void merger_stats(const struct merger *m, struct merger_stats *st);

/*
 * One round of the thread's loop (for tests that run the merger in place of its
 * thread): take new chunks, merge what the watermarks allow, seal a block that
 * has waited long enough.  now: CLOCK_MONOTONIC ns.  Returns 1 when it did
 * something, 0 when idle, -1 once finished (the last block is sent).
 */
int merger_step(struct merger *m, uint64_t now);

#endif /* VLTRACE_MERGER_H */
