// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * vltrace's own ring (bpf/record.h struct vt_ring_ctl, --buffer=ring), read by the
 * reader.  The producer here follows the BPF programs' protocol step for step
 * (bpf/vltrace.bpf.c ring_reserve and ring_commit): compare-and-swap on head
 * within tail + size, the record written with size 0, size stored last.  Records
 * that run on into the slack, uncommitted records, a full ring, a damaged length,
 * and producers racing each other on one ring (as nested BPF programs do).
 */
#include <errno.h>
#include <sched.h>
#include <stddef.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"
#include "tap.h"

struct vring {
	struct vt_ring_ctl *ctl;
	uint8_t *mem;
	uint64_t size;
	struct reader_ring r;
};

static void vring_init(struct vring *v, uint64_t size)
{
	size_t len = VT_RING_ELEM_SIZE(size);

	memset(v, 0, sizeof(*v));
	v->size = size;
	v->mem = vt_aligned_alloc(4096, len);
	memset(v->mem, 0, len); /* as the kernel hands out a new array */
	v->ctl = (struct vt_ring_ctl *)v->mem;
	v->r.kind = READER_RING_VT;
	v->r.ctl = v->ctl;
	v->r.data = v->mem + VT_RING_DATA_OFF;
	v->r.mask = size - 1;
}

/* ring_reserve: a place for len bytes, or NULL when the ring is full. */
static struct vt_hdr *vring_reserve(struct vring *v, uint32_t len)
{
	__u64 h, t; /* the type of head and tail: the compare-and-swap takes &h */

	for (;;) {
		h = __atomic_load_n(&v->ctl->head, __ATOMIC_RELAXED);
		t = __atomic_load_n(&v->ctl->tail, __ATOMIC_ACQUIRE);
		if (h + len - t > v->size)
			return NULL;
		if (__atomic_compare_exchange_n(&v->ctl->head, &h, h + len, 0, __ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED))
			return (struct vt_hdr *)(v->r.data + (h & v->r.mask));
	}
}

/* Fill a reserved place from rec (its size field left 0), then commit it. */
static void vring_fill(struct vt_hdr *dst, const struct vt_hdr *rec)
{
	size_t at = offsetof(struct vt_hdr, size), past = at + sizeof(rec->size);

	memcpy(dst, rec, at);
	memcpy((uint8_t *)dst + past, (const uint8_t *)rec + past, rec->size - past);
}

static void vring_commit(struct vt_hdr *dst, uint16_t size)
{
	__atomic_store_n(&dst->size, size, __ATOMIC_RELEASE);
}

static int vring_put(struct vring *v, const struct vt_hdr *rec)
{
	struct vt_hdr *dst = vring_reserve(v, rec->size);

	if (!dst)
		return -1;
	vring_fill(dst, rec);
	vring_commit(dst, rec->size);
	return 0;
}

/* A thread exit record of size bytes, tagged with a producer and a sequence number. */
static struct vt_hdr *make_rec(void *buf, uint64_t ts, uint32_t who, uint32_t seq, uint16_t size)
{
	struct vt_thread_exit *x = buf;

	memset(buf, 0, size);
	x->h.ts = ts;
	x->h.tid = who;
	x->h.tgid = seq;
	x->h.type = VT_THREAD_EXIT;
	x->h.size = size;
	x->h.nr = VT_NR_NONE;
	/* the last word carries the sequence too: a record cut or overwritten shows */
	memcpy((uint8_t *)buf + size - 4, &seq, 4);
	return &x->h;
}

static uint64_t fake_now;

static uint64_t fake_clock(void)
{
	return fake_now;
}

#define NPROD 3

struct taken {
	uint32_t n, bad_seq, bad_tail, bad_order;
	uint32_t next[NPROD];
	uint64_t last_ts;
	int check_order;
};

static void take(struct vt_stream *s, struct taken *t)
{
	struct vt_chunk *c;

	while ((c = vt_stream_pop(s))) {
		uint32_t off = 0;

		for (uint32_t i = 0; i < c->nrec; i++) {
			const struct vt_hdr *h = vt_chunk_rec(c, i, off);
			uint32_t last;

			off += h->size;
			memcpy(&last, (const uint8_t *)h + h->size - 4, 4);
			if (last != h->tgid)
				t->bad_tail++;
			if (h->tid >= NPROD || h->tgid != t->next[h->tid])
				t->bad_seq++;
			else
				t->next[h->tid]++;
			if (t->check_order && h->ts < t->last_ts)
				t->bad_order++;
			t->last_ts = h->ts;
			t->n++;
		}
		vt_stream_put_chunk(s, c);
	}
}

struct rtest {
	struct vring ring;
	struct vt_stream *s;
	struct reader *r;
	int stop;
};

static void rtest_init(struct rtest *t, uint64_t size)
{
	struct reader_opts o = {
		.ring_fd = -1, .counters_fd = -1, .stop_fd = -1,
		.slack_ns = 100, .clock = fake_clock, .cpu = 0,
	};

	memset(t, 0, sizeof(*t));
	vring_init(&t->ring, size);
	t->s = vt_aligned_alloc(VT_CACHELINE, sizeof(*t->s));
	vt_stream_init(t->s, 0, VT_CHUNK_MIN, 8, NULL);
	o.ring = &t->ring.r;
	o.stream = t->s;
	o.stop = &t->stop;
	if (reader_new(&t->r, &o))
		vt_die(EINVAL);
}

static void rtest_fini(struct rtest *t)
{
	reader_free(t->r);
	vt_stream_fini(t->s);
	free(t->s);
	free(t->ring.mem);
}

/* Every byte of the ring and its slack is zero: what the reader took, it cleared. */
static int all_zero(const struct vring *v)
{
	const uint8_t *d = v->r.data;

	for (uint64_t i = 0; i < v->size + VT_RECORD_MAX; i++)
		if (d[i])
			return 0;
	return 1;
}

static void test_wrap(void)
{
	struct rtest t;
	struct taken tk = { .check_order = 1 };
	struct reader_stats st;
	uint8_t rec[512];
	uint32_t seq = 0, full = 0, not_empty = 0, into_slack = 0;

	rtest_init(&t, 4096);
	fake_now = 1000000;
	for (uint32_t round = 0; round < 2000; round++) {
		uint32_t n = 1 + round % 13;

		for (uint32_t k = 0; k < n; k++) {
			uint16_t size = 32 + 8 * ((round * 31 + k * 7) % 50);
			uint64_t at = __atomic_load_n(&t.ring.ctl->head, __ATOMIC_RELAXED) & 4095;

			if (vring_put(&t.ring, make_rec(rec, fake_now + seq, 0, seq, size))) {
				full++;
				break;
			}
			if (at + size > 4096)
				into_slack++;
			seq++;
		}
		if (reader_batch(t.r) != READER_EMPTY)
			not_empty++;
		take(t.s, &tk);
		fake_now += 100000;
	}
	is_int(full, 0, "the ring never fills while drained every round");
	is_int(not_empty, 0, "every batch drains the ring to its end");
	is_int(tk.n, seq, "every record comes through");
	ok(into_slack > 100, "records ran on into the slack (%u times)", into_slack);
	is_int(tk.bad_seq + tk.bad_tail + tk.bad_order, 0,
	       "in ring order, whole, nothing doubled or skipped");
	is_int(t.ring.ctl->tail, t.ring.ctl->head, "tail reaches head");
	ok(t.ring.ctl->head > 100 * t.ring.size, "the ring went round %llu times",
	   (unsigned long long)(t.ring.ctl->head / t.ring.size));
	ok(all_zero(&t.ring), "the reader left every byte it took zeroed");
	reader_stats(t.r, &st);
	is_int(st.records, seq, "reader_stats counts the records");
	is_int(st.malformed, 0, "and no malformed one");
	rtest_fini(&t);
}

static void test_busy_and_full(void)
{
	struct rtest t;
	struct taken tk = { .check_order = 1 };
	struct reader_stats st;
	uint8_t rec[512];
	struct vt_hdr *held;
	uint32_t seq = 0, n;
	int res;

	rtest_init(&t, 4096);
	fake_now = 5000;
	vring_put(&t.ring, make_rec(rec, 100, 0, seq++, 32));
	/* reserved, written, not committed: as a BPF program interrupted before its commit */
	held = vring_reserve(&t.ring, 40);
	vring_fill(held, make_rec(rec, 110, 0, seq++, 40));
	vring_put(&t.ring, make_rec(rec, 120, 0, seq++, 32));
	res = reader_batch(t.r);
	take(t.s, &tk);
	is_int(res, READER_BUSY, "an uncommitted record stops the batch");
	is_int(tk.n, 1, "the records before it are taken");
	is_int(vt_stream_watermark(t.s), 100 - 100, "watermark: the last record taken - slack");
	vring_commit(held, 40);
	res = reader_batch(t.r);
	take(t.s, &tk);
	is_int(res, READER_EMPTY, "once committed, the rest follows");
	is_int(tk.n, 3, "all three");

	/* fill it: reservations fail (the BPF side counts a loss), nothing is overwritten */
	for (n = 0; vring_put(&t.ring, make_rec(rec, 200 + seq, 0, seq, 200)) == 0; n++)
		seq++;
	is_int(n, 4096 / 200, "a full ring refuses the record that does not fit");
	is_int(t.ring.ctl->head - t.ring.ctl->tail, n * 200, "head stops within a ring of tail");
	res = reader_batch(t.r);
	take(t.s, &tk);
	is_int(tk.n, 3 + n, "what fit comes through whole");
	is_int(tk.bad_seq + tk.bad_tail, 0, "and intact");
	is_int(vring_put(&t.ring, make_rec(rec, 5000, 0, seq, 200)), 0, "drained, it takes records again");
	seq++;
	reader_batch(t.r);
	take(t.s, &tk);
	is_int(tk.n, seq, "all of them");
	reader_stats(t.r, &st);
	is_int(st.malformed, 0, "none malformed");
	rtest_fini(&t);
}

static void test_damaged(void)
{
	struct rtest t;
	struct taken tk = { 0 };
	struct reader_stats st;
	uint8_t rec[64];
	struct vt_hdr *h;
	int res;

	rtest_init(&t, 4096);
	fake_now = 5000;
	vring_put(&t.ring, make_rec(rec, 100, 0, 0, 32));
	/* a length that is not a multiple of 8 cannot be walked past */
	h = vring_reserve(&t.ring, 32);
	vring_fill(h, make_rec(rec, 110, 0, 1, 32));
	vring_commit(h, 30);
	vring_put(&t.ring, make_rec(rec, 120, 0, 2, 32));
	res = reader_batch(t.r);
	take(t.s, &tk);
	reader_stats(t.r, &st);
	is_int(tk.n, 1, "the record before a damaged length comes through");
	is_int(st.malformed, 1, "the damage is counted");
	is_int(res, READER_EMPTY, "the reader gives up what was reserved instead of stalling");
	is_int(t.ring.ctl->tail, t.ring.ctl->head, "and moves tail to head");
	ok(all_zero(&t.ring), "zeroed, so it cannot be read as records later");
	/* an unknown type is dropped by the record check, the walk goes on */
	vring_put(&t.ring, make_rec(rec, 130, 0, 3, 32));
	h = make_rec(rec, 140, 0, 4, 32);
	h->type = 99;
	vring_put(&t.ring, h);
	vring_put(&t.ring, make_rec(rec, 150, 0, 4, 32));
	reader_batch(t.r);
	take(t.s, &tk);
	reader_stats(t.r, &st);
	is_int(tk.n, 3, "good records around a bad one come through");
	is_int(st.malformed, 2, "the bad one is counted");
	reader_finish(t.r);
	ok(vt_stream_watermark(t.s) == VT_WATERMARK_DONE, "reader_finish publishes the end");
	rtest_fini(&t);
}

/* ---- producers racing on one ring, the reader draining meanwhile ---- */

#define PER_PROD 200000

struct prod {
	struct vring *ring;
	uint32_t who;
	uint32_t full; /* reservations refused: retried */
};

static void *produce(void *arg)
{
	struct prod *p = arg;
	uint8_t rec[512];

	for (uint32_t seq = 0; seq < PER_PROD; seq++) {
		uint16_t size = 32 + 8 * ((seq * 13 + p->who * 5) % 40);
		struct vt_hdr *dst;

		make_rec(rec, seq, p->who, seq, size);
		while (!(dst = vring_reserve(p->ring, size))) {
			p->full++;
			sched_yield();
		}
		vring_fill(dst, (struct vt_hdr *)rec);
		vring_commit(dst, size);
	}
	return NULL;
}

static void test_racing(void)
{
	struct rtest t;
	struct taken tk = { 0 };
	struct reader_stats st;
	struct prod p[NPROD];
	pthread_t th[NPROD];
	uint32_t full = 0;
	uint64_t deadline = vt_now_ns(CLOCK_MONOTONIC) + 120ull * 1000000000;

	rtest_init(&t, 16384);
	fake_now = 1ull << 40;
	for (uint32_t i = 0; i < NPROD; i++) {
		p[i] = (struct prod){ &t.ring, i, 0 };
		pthread_create(&th[i], NULL, produce, &p[i]);
	}
	/* a record lost would keep this from ending: bounded by a generous deadline */
	while (tk.n < NPROD * PER_PROD && vt_now_ns(CLOCK_MONOTONIC) < deadline) {
		reader_batch(t.r);
		take(t.s, &tk);
	}
	for (uint32_t i = 0; i < NPROD; i++) {
		pthread_join(th[i], NULL);
		full += p[i].full;
	}
	is_int(tk.n, NPROD * PER_PROD, "racing producers: every record comes through");
	is_int(tk.bad_seq, 0, "each producer's records once, in its order");
	is_int(tk.bad_tail, 0, "none cut or overwritten");
	ok(full > 0, "the ring was full at times (%u refusals), producers waited", full);
	reader_stats(t.r, &st);
	is_int(st.malformed, 0, "none malformed");
	ok(all_zero(&t.ring), "the ring is left zeroed");
	rtest_fini(&t);
}

int main(void)
{
	test_wrap();
	test_busy_and_full();
	test_damaged();
	test_racing();
	return done_testing();
}
