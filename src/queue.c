// SPDX-License-Identifier: LGPL-2.1-or-later
#include "queue.h"

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

struct vt_chunk *vt_chunk_new(uint32_t cap)
{
	struct vt_chunk *c;
	size_t nidx;

	cap = VT_ALIGN(cap, 8);
	/* the smallest record is a bare header: that bounds the index */
	nidx = cap / sizeof(struct vt_hdr);
	/*
	 * The index area is only written when a chunk arrives out of order; being
	 * at the end of a large allocation it costs no resident memory otherwise.
	 */
	c = vt_malloc(sizeof(*c) + cap + nidx * sizeof(uint32_t));
	c->cap = cap;
	c->idx = (uint32_t *)(c->data + cap);
	vt_chunk_reset(c);
	return c;
}

void vt_chunk_free(struct vt_chunk *c)
{
	free(c);
}

void vt_chunk_seal(struct vt_chunk *c)
{
	uint32_t off = 0, n = 0, j;
	uint32_t *idx = c->idx;

	if (c->sorted)
		return;
	/*
	 * Insertion sort of the offsets: the input is ring order, in which a record
	 * is out of place only by the few that a preempted producer let pass it, so
	 * each insertion moves a handful of entries at most.  Stable: records with
	 * equal timestamps keep ring order.
	 */
	while (off < c->len) {
		const struct vt_hdr *h = (const struct vt_hdr *)(c->data + off);
		uint64_t ts = h->ts;

		for (j = n; j > 0; j--) {
			const struct vt_hdr *p = (const struct vt_hdr *)(c->data + idx[j - 1]);

			if (p->ts <= ts)
				break;
			idx[j] = idx[j - 1];
		}
		idx[j] = off;
		n++;
		off += h->size;
	}
	c->nrec = n;
}

void vt_queue_init(struct vt_queue *q)
{
	__cds_wfcq_init(&q->head, &q->tail);
}

static long futex(int32_t *uaddr, int op, int32_t val, const struct timespec *ts)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

int32_t vt_wait_prepare(struct vt_wait *w, int what)
{
	int32_t ticket = __atomic_load_n(&w->seq, __ATOMIC_ACQUIRE);

	__atomic_store_n(&w->waiting, what, __ATOMIC_RELAXED);
	/* pairs with the fence in vt_wait_wake: either we see the work, or it sees us */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return ticket;
}

void vt_wait_sleep(struct vt_wait *w, int32_t ticket, uint64_t timeout_ns)
{
	struct timespec ts = {
		.tv_sec = timeout_ns / 1000000000ull,
		.tv_nsec = timeout_ns % 1000000000ull,
	};

	if (__atomic_load_n(&w->seq, __ATOMIC_ACQUIRE) == ticket)
		futex(&w->seq, FUTEX_WAIT_PRIVATE, ticket, &ts);
	__atomic_store_n(&w->waiting, VT_WAIT_NONE, __ATOMIC_RELAXED);
}

void vt_wait_wake(struct vt_wait *w, int what)
{
	int waiting;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	waiting = __atomic_load_n(&w->waiting, __ATOMIC_RELAXED);
	if (waiting == VT_WAIT_NONE || waiting < what)
		return;
	__atomic_fetch_add(&w->seq, 1, __ATOMIC_RELEASE);
	futex(&w->seq, FUTEX_WAKE_PRIVATE, INT_MAX, NULL);
}

void vt_stream_init(struct vt_stream *s, unsigned id, uint32_t chunk_size, unsigned budget,
		    struct vt_wait *merger_wait)
{
	memset(s, 0, sizeof(*s));
	vt_queue_init(&s->full);
	vt_queue_init(&s->free);
	s->merger_wait = merger_wait;
	s->chunk_size = chunk_size < VT_CHUNK_MIN ? VT_CHUNK_MIN : chunk_size;
	s->budget = budget < 2 ? 2 : budget;
	s->id = id;
}

static void free_queue(struct vt_queue *q)
{
	struct vt_chunk *c;

	/* no pusher is left by now, so no push can be half done */
	while ((c = vt_queue_pop(q)))
		vt_chunk_free(c);
}

void vt_stream_fini(struct vt_stream *s)
{
	if (!s)
		return;
	free_queue(&s->full);
	free_queue(&s->free);
	s->nalloc = 0;
}

struct vt_chunk *vt_stream_get_chunk(struct vt_stream *s)
{
	struct vt_chunk *c = vt_queue_pop(&s->free);

	if (!c) {
		if (s->nalloc >= s->budget)
			return NULL;
		c = vt_chunk_new(s->chunk_size);
		s->nalloc++;
	}
	vt_chunk_reset(c);
	return c;
}

void vt_stream_push(struct vt_stream *s, struct vt_chunk *c)
{
	vt_chunk_seal(c);
	vt_queue_push(&s->full, c);
	if (s->merger_wait)
		vt_wait_wake(s->merger_wait, VT_WAIT_CHUNKS);
}

void vt_stream_publish(struct vt_stream *s, uint64_t wm)
{
	if (wm <= __atomic_load_n(&s->watermark, __ATOMIC_RELAXED))
		return;
	__atomic_store_n(&s->watermark, wm, __ATOMIC_RELEASE);
	/* the end of a stream always matters to the merger, a mere move only if it waits on it */
	if (s->merger_wait)
		vt_wait_wake(s->merger_wait, wm == VT_WATERMARK_DONE ? VT_WAIT_CHUNKS : VT_WAIT_ANY);
}
