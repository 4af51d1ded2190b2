// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * vltrace's own ring (bpf/record.h struct vt_ring_ctl, --buffer=ring), read by the
 * reader.  The producer here follows the BPF programs' protocol step for step
 * (bpf/vltrace.bpf.c ring_reserve and ring_commit): compare-and-swap on head
 * within tail + size, the record written after its commit word's place, the
 * commit word stored last.  Records that run on into the slack, uncommitted
 * records, a full ring, a damaged length, what earlier laps left in the ring
 * (the reader clears nothing), and producers racing each other on one ring (as
 * nested BPF programs do).
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
	/* as the loader's: random, top bit set */
	v->r.key = 0x9e3779b97f4a7c15ull | 1ull << 63;
}

/*
 * ring_reserve: a place for a record of len bytes and its commit word, or NULL
 * when the ring is full; *pos is the place's position.
 */
static struct vt_hdr *vring_reserve(struct vring *v, uint32_t len, __u64 *pos)
{
	__u64 h, t; /* as the fields: __u64 is unsigned long long, uint64_t unsigned long */

	for (;;) {
		h = __atomic_load_n(&v->ctl->head, __ATOMIC_RELAXED);
		t = __atomic_load_n(&v->ctl->tail, __ATOMIC_ACQUIRE);
		if (h + VT_RING_WORD + len - t > v->size)
			return NULL;
		if (__atomic_compare_exchange_n(&v->ctl->head, &h, h + VT_RING_WORD + len, 0,
						__ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
			*pos = h;
			return (struct vt_hdr *)(v->r.data + (h & v->r.mask) + VT_RING_WORD);
		}
	}
}

static void vring_fill(struct vt_hdr *dst, const struct vt_hdr *rec)
{
	memcpy(dst, rec, rec->size);
}

/* ring_commit: the commit word of a record of size bytes at pos, stored last. */
static void vring_commit(struct vring *v, struct vt_hdr *dst, __u64 pos, uint32_t size)
{
	__atomic_store_n((__u64 *)((uint8_t *)dst - VT_RING_WORD),
			 vt_ring_word(pos, v->r.mask, size, v->r.key), __ATOMIC_RELEASE);
}

static int vring_put(struct vring *v, const struct vt_hdr *rec)
{
	__u64 pos;
	struct vt_hdr *dst = vring_reserve(v, rec->size, &pos);

	if (!dst)
		return -1;
	vring_fill(dst, rec);
	vring_commit(v, dst, pos, rec->size);
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
			if (at + VT_RING_WORD + size > 4096)
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
	__u64 pos;
	int res;

	rtest_init(&t, 4096);
	fake_now = 5000;
	vring_put(&t.ring, make_rec(rec, 100, 0, seq++, 32));
	/* reserved, written, not committed: as a BPF program interrupted before its commit */
	held = vring_reserve(&t.ring, 40, &pos);
	vring_fill(held, make_rec(rec, 110, 0, seq++, 40));
	vring_put(&t.ring, make_rec(rec, 120, 0, seq++, 32));
	res = reader_batch(t.r);
	take(t.s, &tk);
	is_int(res, READER_BUSY, "an uncommitted record stops the batch");
	is_int(tk.n, 1, "the records before it are taken");
	is_int(vt_stream_watermark(t.s), 100 - 100, "watermark: the last record taken - slack");
	vring_commit(&t.ring, held, pos, 40);
	res = reader_batch(t.r);
	take(t.s, &tk);
	is_int(res, READER_EMPTY, "once committed, the rest follows");
	is_int(tk.n, 3, "all three");

	/* fill it: reservations fail (the BPF side counts a loss), nothing is overwritten */
	for (n = 0; vring_put(&t.ring, make_rec(rec, 200 + seq, 0, seq, 200)) == 0; n++)
		seq++;
	is_int(n, 4096 / (VT_RING_WORD + 200), "a full ring refuses the record that does not fit");
	is_int(t.ring.ctl->head - t.ring.ctl->tail, n * (VT_RING_WORD + 200),
	       "head stops within a ring of tail");
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
	__u64 pos;
	int res;

	rtest_init(&t, 4096);
	fake_now = 5000;
	vring_put(&t.ring, make_rec(rec, 100, 0, 0, 32));
	/* a length that is not a multiple of 8 cannot be walked past */
	h = vring_reserve(&t.ring, 32, &pos);
	vring_fill(h, make_rec(rec, 110, 0, 1, 32));
	vring_commit(&t.ring, h, pos, 30);
	vring_put(&t.ring, make_rec(rec, 120, 0, 2, 32));
	res = reader_batch(t.r);
	take(t.s, &tk);
	reader_stats(t.r, &st);
	is_int(tk.n, 1, "the record before a damaged length comes through");
	is_int(st.malformed, 1, "the damage is counted");
	is_int(res, READER_EMPTY, "the reader gives up what was reserved instead of stalling");
	is_int(t.ring.ctl->tail, t.ring.ctl->head, "and moves tail to head");
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

/* Put records, each taken at once, until head is at ring offset off. */
static void advance_to(struct rtest *t, struct taken *tk, uint64_t off, uint32_t *seq)
{
	uint8_t rec[512];

	while (t->ring.ctl->head % 4096 != off) {
		uint64_t gap = (off - t->ring.ctl->head % 4096) % 4096, n = 64;

		/* the last one of the size that lands there exactly */
		if (gap >= VT_RING_WORD + 32 && gap <= VT_RING_WORD + 256)
			n = gap;
		if (vring_put(&t->ring, make_rec(rec, 100 + *seq, 0, *seq, n - VT_RING_WORD)))
			vt_die(ENOSPC);
		(*seq)++;
		reader_batch(t->r);
		take(t->s, tk);
	}
}

/*
 * The reader clears nothing: a place reserved in a later lap still holds what an
 * earlier lap wrote there, a committed record's word or captured data, which
 * must not read as committed.
 */
static void test_stale(void)
{
	struct rtest t;
	struct taken tk = { 0 };
	struct reader_stats st;
	uint8_t rec[512];
	struct vt_hdr *h;
	uint32_t seq = 0;
	__u64 pos, forged, at;
	int res;

	rtest_init(&t, 4096);
	fake_now = 5000;
	/* one lap exactly, in records of 64 bytes with their words, all taken */
	while (t.ring.ctl->head < 4096) {
		vring_put(&t.ring, make_rec(rec, 100 + seq, 0, seq, 64 - VT_RING_WORD));
		seq++;
		if (!(seq % 16))
			reader_batch(t.r);
	}
	reader_batch(t.r);
	take(t.s, &tk);
	is_int(tk.n, seq, "a lap of records comes through");
	is_int(t.ring.ctl->tail, 4096, "tail at the start of the next lap");
	/* the same place and size as the first record: its old word is still there */
	h = vring_reserve(&t.ring, 64 - VT_RING_WORD, &pos);
	vring_fill(h, make_rec(rec, 100 + seq, 0, seq, 64 - VT_RING_WORD));
	res = reader_batch(t.r);
	take(t.s, &tk);
	is_int(res, READER_BUSY, "an earlier lap's commit word does not commit a new record");
	is_int(tk.n, seq, "nothing is taken from it");
	vring_commit(&t.ring, h, pos, 64 - VT_RING_WORD);
	seq++;
	reader_batch(t.r);
	take(t.s, &tk);
	is_int(tk.n, seq, "its own commit does");
	/*
	 * A record whose data holds, where a record's word will be a lap later, the
	 * word that record would carry without the key: what a traced program could
	 * guess and write into a buffer that is captured.
	 */
	advance_to(&t, &tk, 4096 - 256 - VT_RING_WORD, &seq);
	at = t.ring.ctl->head;
	forged = ((at + VT_RING_WORD + 64 + 4096) & ~t.ring.r.mask) | 32;
	make_rec(rec, 100 + seq, 0, seq, 256);
	memcpy(rec + 64, &forged, sizeof(forged));
	is_int(vring_put(&t.ring, (struct vt_hdr *)rec), 0, "the record with the forged word");
	seq++;
	reader_batch(t.r);
	take(t.s, &tk);
	advance_to(&t, &tk, (at + VT_RING_WORD + 64) % 4096, &seq);
	take(t.s, &tk);
	is_int(tk.n, seq, "all taken up to the place of the forged word, a lap later");
	h = vring_reserve(&t.ring, 32, &pos);
	ok(pos == at + VT_RING_WORD + 64 + 4096 &&
		   forged == vt_ring_word(pos, t.ring.r.mask, 32, 0),
	   "a record reserved over the forged word, which its unkeyed word is");
	vring_fill(h, make_rec(rec, 100 + seq, 0, seq, 32));
	res = reader_batch(t.r);
	take(t.s, &tk);
	is_int(res, READER_BUSY, "the forged word does not commit it");
	vring_commit(&t.ring, h, pos, 32);
	seq++;
	reader_batch(t.r);
	take(t.s, &tk);
	is_int(tk.n, seq, "its own commit does");
	is_int(tk.bad_seq + tk.bad_tail, 0, "every record once, whole, in order");
	reader_stats(t.r, &st);
	is_int(st.malformed, 0, "none malformed");
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
		__u64 pos;

		make_rec(rec, seq, p->who, seq, size);
		while (!(dst = vring_reserve(p->ring, size, &pos))) {
			p->full++;
			sched_yield();
		}
		vring_fill(dst, (struct vt_hdr *)rec);
		vring_commit(p->ring, dst, pos, size);
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
	rtest_fini(&t);
}

int main(void)
{
	test_wrap();
	test_busy_and_full();
	test_damaged();
	test_stale();
	test_racing();
	return done_testing();
}
