/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * How records travel between the stage threads: chunks (fixed-size batches of
 * records), wait-free queues of chunks (liburcu's cds_wfcq), one stream per reader
 * (full chunks to the merger, used chunks back, and the reader's watermark), and a
 * futex-based waiter so an idle thread sleeps without a lock on the record path.
 *
 * Threads:
 *
 * | function                          | called by                                   |
 * |-----------------------------------|---------------------------------------------|
 * | vt_chunk_new, vt_chunk_free       | any thread (the owner of the chunk)         |
 * | vt_chunk_reserve/commit/seal      | the thread filling the chunk (a reader)     |
 * | vt_chunk_rec, vt_chunk_next       | the thread consuming the chunk (the merger) |
 * | vt_queue_push                     | any number of producer threads              |
 * | vt_queue_pop, vt_queue_empty      | the single consumer of that queue           |
 * | vt_stream_get_chunk               | the stream's reader only                    |
 * | vt_stream_push, vt_stream_publish | the stream's reader only                    |
 * | vt_stream_pop                     | the merger only                             |
 * | vt_stream_put_chunk               | the merger; the reader for a spare at exit  |
 * | vt_stream_watermark               | the merger (any thread for a snapshot)      |
 * | vt_wait_prepare/sleep/cancel      | the single thread that owns the waiter      |
 * | vt_wait_wake                      | any thread                                  |
 * | vt_stream_init, vt_stream_fini    | the thread that sets up / tears down, while |
 * |                                   | no stage thread runs                        |
 *
 * Memory is bounded per stream: a reader allocates at most `budget` chunks; once
 * they are all in flight vt_stream_get_chunk returns NULL until the merger gives
 * one back, and the reader leaves the records in the kernel buffer.
 */
#ifndef VLTRACE_QUEUE_H
#define VLTRACE_QUEUE_H

/*
 * liburcu 0.13 orders its queue with inline assembly ThreadSanitizer cannot see.
 * Under TSan the queue is called in the (uninstrumented) library instead of
 * inlined, and the queue says what it guarantees: a push happens before the pop
 * that returns the chunk.
 */
#if defined(__SANITIZE_THREAD__)
#define VT_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define VT_TSAN 1
#endif
#endif
#ifdef VT_TSAN
#include <sanitizer/tsan_interface.h>
#define vt_tsan_release(p) __tsan_release(p)
#define vt_tsan_acquire(p) __tsan_acquire(p)
#else
#define _LGPL_SOURCE
#define vt_tsan_release(p) ((void)(p))
#define vt_tsan_acquire(p) ((void)(p))
#endif

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <urcu/wfcqueue.h>

#include "record.h"
#include "util.h"

#define VT_CACHELINE 64
#define VT_CHUNK_DEFAULT (256u << 10)
#define VT_CHUNK_MIN (VT_RECORD_MAX + 64)
#define VT_WATERMARK_DONE UINT64_MAX /* the stream will deliver nothing more */

/*
 * A batch of records, back to back, each vt_hdr.size bytes.  A reader fills it in
 * ring order; records are nearly in time order, so vt_chunk_seal sorts an index of
 * them only when some record was older than one before it.
 */
struct vt_chunk {
	struct cds_wfcq_node node;
	struct vt_chunk *next;	/* the merger's private list */
	uint32_t cap;		/* bytes of data[] */
	uint32_t len;		/* bytes used */
	uint32_t nrec;
	uint32_t sorted;	/* data[] is in time order: idx is not used */
	uint32_t *idx;		/* when !sorted: record offsets in time order */
	uint64_t first_ts;	/* smallest and largest ts in the chunk */
	uint64_t last_ts;
	uint64_t tail_ts;	/* ts of the record appended last */
	uint8_t data[] __attribute__((aligned(8)));
};

/* cap: bytes of records; the index area for sorting is allocated after them. */
struct vt_chunk *vt_chunk_new(uint32_t cap);
void vt_chunk_free(struct vt_chunk *c);

static inline void vt_chunk_reset(struct vt_chunk *c)
{
	c->len = 0;
	c->nrec = 0;
	c->sorted = 1;
	c->first_ts = UINT64_MAX;
	c->last_ts = 0;
	c->tail_ts = 0;
	c->next = NULL;
}

static inline uint32_t vt_chunk_room(const struct vt_chunk *c)
{
	return c->cap - c->len;
}

/* Where the next record of size bytes goes, or NULL when it does not fit. */
static inline void *vt_chunk_reserve(struct vt_chunk *c, uint32_t size)
{
	if (vt_unlikely(size > c->cap - c->len))
		return NULL;
	return c->data + c->len;
}

/* Keep the record written at vt_chunk_reserve's pointer; size is a multiple of 8. */
static inline void vt_chunk_commit(struct vt_chunk *c, uint32_t size)
{
	const struct vt_hdr *h = (const struct vt_hdr *)(c->data + c->len);

	if (vt_unlikely(h->ts < c->tail_ts))
		c->sorted = 0;
	if (h->ts < c->first_ts)
		c->first_ts = h->ts;
	if (h->ts > c->last_ts)
		c->last_ts = h->ts;
	c->tail_ts = h->ts;
	c->len += size;
	c->nrec++;
}

/* Done filling: build the time-order index if the records are out of order. */
void vt_chunk_seal(struct vt_chunk *c);

/* Record at position pos (0..nrec-1) in time order; off is its byte offset when sorted. */
static inline const struct vt_hdr *vt_chunk_rec(const struct vt_chunk *c, uint32_t pos,
						uint32_t off)
{
	if (vt_likely(c->sorted))
		return (const struct vt_hdr *)(c->data + off);
	return (const struct vt_hdr *)(c->data + c->idx[pos]);
}

/* ---- wait-free queue of chunks: many producers, one consumer ---- */

struct vt_queue {
	struct __cds_wfcq_head head __attribute__((aligned(VT_CACHELINE)));
	struct cds_wfcq_tail tail __attribute__((aligned(VT_CACHELINE)));
};

void vt_queue_init(struct vt_queue *q);

static inline void vt_queue_push(struct vt_queue *q, struct vt_chunk *c)
{
	vt_tsan_release(c);
	cds_wfcq_node_init(&c->node);
	/* wait-free; implies a full memory barrier */
	cds_wfcq_enqueue(&q->head, &q->tail, &c->node);
}

/* NULL when empty or when the newest push is still being linked (try again later). */
static inline struct vt_chunk *vt_queue_pop(struct vt_queue *q)
{
	struct cds_wfcq_node *n = __cds_wfcq_dequeue_nonblocking(&q->head, &q->tail);
	struct vt_chunk *c;

	if (!n || n == CDS_WFCQ_WOULDBLOCK)
		return NULL;
	c = caa_container_of(n, struct vt_chunk, node);
	vt_tsan_acquire(c);
	return c;
}

static inline bool vt_queue_empty(struct vt_queue *q)
{
	return cds_wfcq_empty(&q->head, &q->tail);
}

/* ---- waiter: sleep until woken or a timeout, no lock ---- */

enum {
	VT_WAIT_NONE = 0,
	VT_WAIT_CHUNKS = 1,	/* wake on new chunks / blocks only */
	VT_WAIT_ANY = 2,	/* wake on new chunks and on watermark moves */
};

struct vt_wait {
	int32_t seq __attribute__((aligned(VT_CACHELINE)));
	int32_t waiting;
};

/*
 * vt_wait_prepare announces the sleep (what = VT_WAIT_*) and returns a ticket;
 * the caller then checks once more for work and, finding none, calls
 * vt_wait_sleep with the ticket.  A wake-up between the two is not lost.
 */
int32_t vt_wait_prepare(struct vt_wait *w, int what);
void vt_wait_sleep(struct vt_wait *w, int32_t ticket, uint64_t timeout_ns);
/* Found work after vt_wait_prepare after all: do not sleep. */
static inline void vt_wait_cancel(struct vt_wait *w)
{
	__atomic_store_n(&w->waiting, VT_WAIT_NONE, __ATOMIC_RELAXED);
}
/* what: the kind of event (VT_WAIT_CHUNKS or VT_WAIT_ANY for a watermark move). */
void vt_wait_wake(struct vt_wait *w, int what);

/* ---- one reader's stream ---- */

struct vt_stream {
	struct vt_queue full;	/* reader -> merger */
	struct vt_queue free;	/* merger -> reader */
	uint64_t watermark __attribute__((aligned(VT_CACHELINE)));
	struct vt_wait *merger_wait; /* woken on push and publish; may be NULL */
	uint32_t chunk_size;
	unsigned budget;	/* chunks this stream may allocate */
	unsigned nalloc;	/* chunks allocated (reader only) */
	unsigned id;		/* CPU */
};

void vt_stream_init(struct vt_stream *s, unsigned id, uint32_t chunk_size, unsigned budget,
		    struct vt_wait *merger_wait);
/* Free every chunk of the stream; every chunk must be back in one of its queues. */
void vt_stream_fini(struct vt_stream *s);

/* An empty chunk: recycled, else newly allocated within budget, else NULL. */
struct vt_chunk *vt_stream_get_chunk(struct vt_stream *s);
/* Hand a sealed chunk to the merger. */
void vt_stream_push(struct vt_stream *s, struct vt_chunk *c);
/* Everything with ts <= wm has been pushed (store-release); never moves back. */
void vt_stream_publish(struct vt_stream *s, uint64_t wm);

static inline uint64_t vt_stream_watermark(struct vt_stream *s)
{
	return __atomic_load_n(&s->watermark, __ATOMIC_ACQUIRE);
}

static inline struct vt_chunk *vt_stream_pop(struct vt_stream *s)
{
	return vt_queue_pop(&s->full);
}

static inline void vt_stream_put_chunk(struct vt_stream *s, struct vt_chunk *c)
{
	vt_queue_push(&s->free, c);
}

#endif /* VLTRACE_QUEUE_H */
