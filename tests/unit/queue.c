// SPDX-License-Identifier: LGPL-2.1-or-later
/* Chunks, the wait-free queues, stream recycling and its memory bound, the waiter. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include "queue.h"
#include "tap.h"

static void put_rec(struct vt_chunk *c, uint64_t ts, uint32_t tid, uint16_t size)
{
	struct vt_hdr *h = vt_chunk_reserve(c, size);

	memset(h, 0, size);
	h->ts = ts;
	h->tid = tid;
	h->type = VT_THREAD_EXIT;
	h->size = size;
	vt_chunk_commit(c, size);
}

static void test_chunk_order(void)
{
	struct vt_chunk *c = vt_chunk_new(4096);
	/* ring order; tid is the position the record must take in time order */
	static const struct {
		uint64_t ts;
		uint32_t want_pos;
	} in[] = {
		{ 10, 0 }, { 20, 2 }, { 30, 4 }, { 15, 1 }, { 40, 6 }, { 30, 5 }, { 25, 3 },
	};
	uint32_t i, off = 0, bad = 0;

	vt_chunk_reset(c);
	for (i = 0; i < 4; i++)
		put_rec(c, (i + 1) * 10, i, i % 2 ? 24 : 32);
	vt_chunk_seal(c);
	ok(c->sorted, "records appended in time order leave the chunk sorted");
	for (i = 0; i < c->nrec; i++) {
		const struct vt_hdr *h = vt_chunk_rec(c, i, off);

		if (h->tid != i)
			bad++;
		off += h->size;
	}
	is_int(bad, 0, "a sorted chunk is read in place");
	is_int(c->first_ts, 10, "first_ts is the smallest timestamp");
	is_int(c->last_ts, 40, "last_ts is the largest timestamp");

	vt_chunk_reset(c);
	for (i = 0; i < ARRAY_SIZE(in); i++)
		put_rec(c, in[i].ts, in[i].want_pos, i % 2 ? 24 : 40);
	ok(!c->sorted, "an older record after a newer one marks the chunk unsorted");
	vt_chunk_seal(c);
	is_int(c->nrec, ARRAY_SIZE(in), "sealing keeps every record");
	bad = 0;
	for (i = 0; i < c->nrec; i++) {
		const struct vt_hdr *h = vt_chunk_rec(c, i, 0);

		if (h->tid != i)
			bad++;
	}
	is_int(bad, 0, "the index yields time order, equal timestamps in ring order");
	is_int(c->first_ts, 10, "first_ts of an unsorted chunk");
	is_int(c->last_ts, 40, "last_ts of an unsorted chunk");

	vt_chunk_reset(c);
	ok(vt_chunk_reserve(c, 4096) != NULL, "a record as large as the chunk fits");
	ok(vt_chunk_reserve(c, 4104) == NULL, "a record larger than the chunk does not");
	put_rec(c, 1, 0, 4088);
	ok(vt_chunk_reserve(c, 16) == NULL, "no room past the end");
	ok(vt_chunk_reserve(c, 8) != NULL, "exactly the room left fits");
	vt_chunk_free(c);
}

static void test_budget(void)
{
	struct vt_stream *s = vt_aligned_alloc(VT_CACHELINE, sizeof(*s));
	struct vt_chunk *got[8], *c;
	unsigned i, n = 0;

	vt_stream_init(s, 3, VT_CHUNK_MIN, 4, NULL);
	for (i = 0; i < 8; i++) {
		got[i] = vt_stream_get_chunk(s);
		if (got[i])
			n++;
	}
	is_int(n, 4, "a stream allocates no more chunks than its budget");
	is_int(s->nalloc, 4, "and counts them");
	ok(!vt_stream_get_chunk(s), "with every chunk in flight there is none to get");

	/* the merger gives one back: it is the one handed out next */
	vt_stream_put_chunk(s, got[2]);
	c = vt_stream_get_chunk(s);
	ok(c == got[2], "a returned chunk is recycled");
	is_int(c->len, 0, "a recycled chunk comes back empty");
	ok(c->sorted && c->nrec == 0, "and reset");
	is_int(s->nalloc, 4, "recycling allocates nothing");

	for (i = 0; i < 4; i++)
		if (got[i])
			vt_stream_push(s, got[i]);
	n = 0;
	while ((c = vt_stream_pop(s))) {
		if (c != got[n])
			break;
		n++;
		vt_stream_put_chunk(s, c);
	}
	is_int(n, 4, "pushed chunks come out in order");
	vt_stream_fini(s);
	free(s);
}

static void test_watermark(void)
{
	struct vt_stream *s = vt_aligned_alloc(VT_CACHELINE, sizeof(*s));

	vt_stream_init(s, 0, VT_CHUNK_MIN, 2, NULL);
	is_int(vt_stream_watermark(s), 0, "a new stream promises nothing");
	vt_stream_publish(s, 100);
	is_int(vt_stream_watermark(s), 100, "publish sets the watermark");
	vt_stream_publish(s, 50);
	is_int(vt_stream_watermark(s), 100, "a watermark never moves back");
	vt_stream_publish(s, VT_WATERMARK_DONE);
	ok(vt_stream_watermark(s) == VT_WATERMARK_DONE, "the end of a stream is published");
	vt_stream_fini(s);
	free(s);
}

static void test_wait(void)
{
	struct vt_wait w = { 0 };
	int32_t t;

	t = vt_wait_prepare(&w, VT_WAIT_CHUNKS);
	vt_wait_wake(&w, VT_WAIT_ANY);
	is_int(w.seq, t, "a watermark move does not wake a thread waiting for chunks");
	vt_wait_wake(&w, VT_WAIT_CHUNKS);
	ok(w.seq != t, "a push wakes it");
	/* the ticket is stale: this must return at once, not after the hour */
	vt_wait_sleep(&w, t, 3600ull * 1000000000ull);
	is_int(w.waiting, VT_WAIT_NONE, "a woken waiter is no longer waiting");

	t = vt_wait_prepare(&w, VT_WAIT_ANY);
	vt_wait_wake(&w, VT_WAIT_ANY);
	ok(w.seq != t, "a watermark move wakes a thread waiting on it");
	vt_wait_cancel(&w);
	t = w.seq;
	vt_wait_wake(&w, VT_WAIT_CHUNKS);
	is_int(w.seq, t, "nobody waiting: a wake-up costs no futex call");
}

/* Two producers push numbered chunks; one consumer checks each producer's order. */
#define PER_PRODUCER 20000

struct prod_arg {
	struct vt_queue *q;
	struct vt_wait *w;
	uint32_t id;
};

static void *producer(void *arg)
{
	struct prod_arg *a = arg;
	uint32_t i;

	for (i = 0; i < PER_PRODUCER; i++) {
		struct vt_chunk *c = vt_malloc(sizeof(*c));

		c->nrec = a->id;
		c->len = i;
		vt_queue_push(a->q, c);
		vt_wait_wake(a->w, VT_WAIT_CHUNKS);
	}
	return NULL;
}

static void test_mpsc(void)
{
	struct vt_queue *q = vt_aligned_alloc(VT_CACHELINE, sizeof(*q));
	struct vt_wait w = { 0 };
	struct prod_arg a[2] = { { q, &w, 0 }, { q, &w, 1 } };
	pthread_t th[2];
	uint32_t next[2] = { 0, 0 }, misordered = 0, got = 0;

	vt_queue_init(q);
	for (int i = 0; i < 2; i++)
		if (pthread_create(&th[i], NULL, producer, &a[i]))
			vt_die(EAGAIN);
	while (got < 2 * PER_PRODUCER) {
		struct vt_chunk *c = vt_queue_pop(q);
		int32_t t;

		if (!c) {
			t = vt_wait_prepare(&w, VT_WAIT_CHUNKS);
			if (!vt_queue_empty(q))
				vt_wait_cancel(&w);
			else
				vt_wait_sleep(&w, t, 10000000ull);
			continue;
		}
		if (c->nrec > 1 || c->len != next[c->nrec])
			misordered++;
		else
			next[c->nrec]++;
		got++;
		free(c);
	}
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	is_int(got, 2 * PER_PRODUCER, "every chunk pushed by two threads is popped once");
	is_int(misordered, 0, "each producer's chunks come out in its order");
	ok(vt_queue_empty(q) && !vt_queue_pop(q), "and the queue is empty after");
	free(q);
}

int main(void)
{
	test_chunk_order();
	test_budget();
	test_watermark();
	test_wait();
	test_mpsc();
	return done_testing();
}
