/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A reader: one thread per CPU buffer.  It owns that CPU's buffer (vltrace's own
 * ring, a BPF ring buffer or a perf buffer), mapped into its address space, and copies the records out in batches into chunks
 * (queue.h), which it hands to the merger through its stream.  After each batch it
 * publishes its watermark: the time up to which it has delivered every record.
 *
 * One wait per batch: the BPF side writes ring records without waking
 * anyone (perf buffers wake past a quarter full), so the reader sleeps in
 * epoll_wait for at most poll_ms and then drains whatever is there.
 *
 * It also turns the BPF side's count of failed reservations on its CPU into
 * in-band VT_LOST records, so a reader of the trace sees where records are missing.
 *
 * Threads:
 *
 * | function                             | called by                               |
 * |--------------------------------------|-----------------------------------------|
 * | reader_new, reader_start, reader_join| the main thread (pipeline.c)            |
 * | reader_free                          | the main thread, after reader_join      |
 * | reader_batch, reader_finish          | the reader thread (or a test, in place  |
 * |                                      | of the thread: never both)              |
 * | reader_stats                         | any thread (a snapshot)                 |
 *
 * The reader thread runs until *opts.stop becomes non-zero, then drains the ring to
 * its end (unless vt_stop is 2), reports the last losses, publishes
 * VT_WATERMARK_DONE and exits.
 */
#ifndef VLTRACE_READER_H
#define VLTRACE_READER_H

#include <stdint.h>

#include "queue.h"

/*
 * A ring in memory, of one of two layouts:
 *  - READER_RING_BPF: a BPF ring buffer as the kernel lays it out (see the
 *    kernel's BPF ring buffer documentation): a consumer position the reader
 *    writes, a producer position the kernel writes, and a power-of-two data area
 *    of 8-byte headers (length with busy and discard bits, page offset) each
 *    followed by a sample padded to 8;
 *  - READER_RING_VT: vltrace's own ring (record.h struct vt_ring_ctl): records
 *    back to back from ctl->tail to ctl->head, each after a commit word that
 *    vt_ring_word() of its position, its size and key makes once it is
 *    committed; data has VT_RECORD_MAX bytes of slack after mask + 1, and the
 *    reader leaves what it took as it was.
 */
enum { READER_RING_BPF = 0, READER_RING_VT = 1 };

struct reader_ring {
	int kind;
	unsigned long *consumer_pos;	   /* READER_RING_BPF */
	const unsigned long *producer_pos; /* READER_RING_BPF */
	struct vt_ring_ctl *ctl;	   /* READER_RING_VT */
	uint8_t *data;			   /* NULL: no ring (a CPU that is not online) */
	uint64_t mask;			   /* ring size - 1 */
	uint64_t key;			   /* READER_RING_VT: the commit words' key */
};

#define READER_RB_BUSY (1u << 31)
#define READER_RB_DISCARD (1u << 30)
#define READER_RB_HDR 8

struct reader_opts {
	unsigned cpu;
	int ring_fd;		/* BPF_MAP_TYPE_RINGBUF fd, mapped by reader_new; or -1 ... */
	int perf;		/* ring_fd is a perf event (BPF_OUTPUT) buffer instead */
	uint64_t perf_size;	/* its data area in bytes (a power of two pages) */
	const struct reader_ring *ring; /* ... and a ring in memory: vltrace's own ring
					 * (mapped by the loader) or a test's */
	int counters_fd;	/* per-CPU struct vt_counters array, or -1 */
	int stop_fd;		/* readable when the pipeline stops (eventfd), or -1 */
	const int *stop;	/* non-zero: finish (read with acquire) */
	struct vt_stream *stream;
	unsigned poll_ms;	/* longest sleep between batches; 0: default */
	uint64_t slack_ns;	/* how late a record may follow newer ones; see reader.c */
	uint64_t counters_ns;	/* least time between two reads of the loss counters */
	uint64_t (*clock)(void); /* CLOCK_MONOTONIC ns; NULL: the real clock (tests set it) */
	/* tests: this CPU's loss counters from here instead of counters_fd; 0 or -errno */
	int (*read_counters)(void *arg, unsigned cpu, struct vt_counters *out);
	void *read_counters_arg;
};

#define READER_POLL_MS_DEFAULT 4
#define READER_SLACK_NS_DEFAULT 2000000ull	 /* 2 ms */
#define READER_COUNTERS_NS_DEFAULT 10000000ull /* 10 ms */

struct reader_stats {
	uint64_t records;   /* records delivered, lost notes included */
	uint64_t bytes;	    /* bytes of records delivered */
	uint64_t malformed; /* records dropped by vt_record_check */
	uint64_t lost;	    /* records the BPF side could not store on this CPU */
	uint64_t lost_notes; /* VT_LOST records delivered */
	uint64_t stalls;    /* batches cut short for want of a free chunk */
	uint64_t batches;
};

enum reader_drain {
	READER_EMPTY = 0,   /* the ring was drained to its end */
	READER_MORE = 1,    /* stopped early: one ring's worth taken, more to come */
	READER_BUSY = 2,    /* stopped early: a record is still being written */
	READER_STALLED = 3, /* stopped early: no free chunk */
};

struct reader;

int reader_new(struct reader **out, const struct reader_opts *o);
int reader_start(struct reader *r);
void reader_join(struct reader *r);
void reader_free(struct reader *r);

/*
 * One batch: report new losses, drain the ring, push the chunk, publish the
 * watermark.  Returns enum reader_drain.
 */
int reader_batch(struct reader *r);
/* The end: drain to the end (bounded when cut short), final losses, publish DONE. */
void reader_finish(struct reader *r);
void reader_stats(const struct reader *r, struct reader_stats *st);

#endif /* VLTRACE_READER_H */
