// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The merger over randomized per-CPU streams: jitter inside chunks, records held
 * back by watermarks, late records injected on purpose (counted exactly), blocks
 * flushed when idle, and a threaded run with the writer side slow to give blocks
 * back.
 */
#include <pthread.h>
#include <stdlib.h>

#include "merger.h"
#include "tap.h"
#include "tracefile.h"

#define NSTREAMS 3

static uint64_t rng = 88172645463325252ull;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

/* tid: stream, tgid: sequence number over all records made, nr: 1 if injected late */
static uint32_t made;

static void put_rec(struct vt_chunk *c, uint64_t ts, unsigned stream, int late)
{
	uint16_t size = 32 + 8 * rnd(12);
	struct vt_hdr *h = vt_chunk_reserve(c, size);

	memset(h, 0, size);
	h->ts = ts;
	h->tid = stream;
	h->tgid = made++;
	h->type = VT_THREAD_EXIT;
	h->size = size;
	h->nr = late;
	vt_chunk_commit(c, size);
}

/* What came out, checked as it comes. */
struct seen {
	uint8_t *got;		/* per sequence number */
	uint32_t records, dups, late_marked_ok, blocks, bad_blocks;
	uint64_t max_ts;
	uint32_t behind;	/* records older than one before them */
	uint32_t unmarked_behind; /* of those, not injected as late */
};

static void take_blocks(struct merger_out *out, struct seen *s)
{
	struct vt_chunk *b;

	while ((b = merger_out_pop(out))) {
		uint32_t off = TRACEFILE_BLOCK_HDR, n = 0;

		s->blocks++;
		while (off < b->len) {
			const struct vt_hdr *h = (const struct vt_hdr *)(b->data + off);

			if (s->got[h->tgid]++)
				s->dups++;
			if (h->ts < s->max_ts) {
				s->behind++;
				if (!h->nr)
					s->unmarked_behind++;
			} else {
				s->max_ts = h->ts;
			}
			off += h->size;
			n++;
			s->records++;
		}
		/* the sealed header says what the block holds */
		if (n != b->nrec || memcmp(b->data, "VLTBLOCK", 0) ||
		    *(uint32_t *)(b->data + 12) != b->len - TRACEFILE_BLOCK_HDR ||
		    *(uint32_t *)(b->data + 16) != n)
			s->bad_blocks++;
		merger_out_put(out, b);
	}
}

static void test_stepped(void)
{
	struct vt_stream *st = vt_aligned_alloc(VT_CACHELINE, NSTREAMS * sizeof(*st));
	struct merger_out *out = vt_aligned_alloc(VT_CACHELINE, sizeof(*out));
	struct vt_wait w = { 0 };
	struct merger *m;
	struct merger_stats ms;
	struct seen s = { 0 };
	const uint64_t T = 1000000; /* one round: 1 ms */
	uint32_t injected = 0, held_ok = 1, round, i, total;
	int r;

	merger_out_init(out, &w);
	for (i = 0; i < NSTREAMS; i++)
		vt_stream_init(&st[i], i, 64 << 10, 64, &w);
	{
		struct merger_opts mo = {
			.streams = st, .nstreams = NSTREAMS, .wait = &w, .out = out,
			.nblocks = 64, .block_size = 64 << 10, .flush_ns = 1000 * T,
		};
		is_int(merger_new(&m, &mo), 0, "merger_new");
	}
	s.got = calloc(1, 1 << 20);

	for (round = 1; round <= 200; round++) {
		for (i = 0; i < NSTREAMS; i++) {
			struct vt_chunk *c = vt_stream_get_chunk(&st[i]);
			uint32_t n = 20 + rnd(200), k;
			uint64_t base = round * T;

			for (k = 0; k < n; k++) {
				uint64_t ts = base + (uint64_t)k * (T / n);

				/* jitter: a producer preempted for a while */
				if (rnd(10) == 0 && ts > base + 20000)
					ts -= rnd(20000);
				put_rec(c, ts, i, 0);
			}
			/* older than what the merger has already emitted: late */
			if (round > 2 && rnd(4) == 0) {
				put_rec(c, base - T - rnd(T / 2), i, 1);
				injected++;
			}
			vt_stream_push(&st[i], c);
			/* honest, except the stream 0 lags one round every 7th round */
			if (!(i == 0 && round % 7 == 0))
				vt_stream_publish(&st[i], base + T - 1);
		}
		r = merger_step(m, round * T);
		take_blocks(out, &s);
		merger_stats(m, &ms);
		/* nothing above the smallest watermark may have gone out */
		if (s.max_ts >= (round % 7 == 0 ? round * T : round * T + T))
			held_ok = 0;
		if (r < 0)
			break;
	}
	ok(held_ok, "no record newer than the smallest watermark is emitted");
	total = made;
	for (i = 0; i < NSTREAMS; i++)
		vt_stream_publish(&st[i], VT_WATERMARK_DONE);
	while ((r = merger_step(m, 1000 * T)) >= 0)
		take_blocks(out, &s);
	take_blocks(out, &s);
	is_int(r, -1, "the merger finishes once every stream is done");
	ok(merger_out_done(out), "and says so to the writer");
	merger_stats(m, &ms);
	is_int(s.records, total, "every record comes out");
	is_int(s.dups, 0, "once");
	is_int(s.unmarked_behind, 0, "in time order, but for the late ones");
	is_int(s.behind, injected, "every injected record is emitted behind newer ones");
	is_int(ms.late, injected, "and counted late, exactly");
	is_int(ms.records, total, "merger_stats counts the records");
	is_int(s.bad_blocks, 0, "block headers match their contents");
	is_int(ms.blocks, s.blocks, "merger_stats counts the blocks");
	ok(s.blocks > 10, "records fill many blocks (%u)", s.blocks);
	diag("%u records, %u injected late, %u blocks", total, injected, s.blocks);

	merger_free(m);
	for (i = 0; i < NSTREAMS; i++) {
		is_int(st[i].nalloc <= 64, 1, "stream %u stays within its budget", i);
		vt_stream_fini(&st[i]);
	}
	merger_out_fini(out);
	free(s.got);
	free(out);
	free(st);
}

static void test_idle_flush(void)
{
	struct vt_stream *st = vt_aligned_alloc(VT_CACHELINE, sizeof(*st));
	struct merger_out *out = vt_aligned_alloc(VT_CACHELINE, sizeof(*out));
	struct vt_wait w = { 0 };
	struct merger *m;
	struct seen s = { 0 };
	struct vt_chunk *c;
	struct merger_opts mo = {
		.streams = st, .nstreams = 1, .wait = &w, .out = out, .flush_ns = 50,
	};

	made = 0;
	s.got = calloc(1, 1024);
	merger_out_init(out, &w);
	vt_stream_init(st, 0, VT_CHUNK_MIN, 4, &w);
	merger_new(&m, &mo);
	c = vt_stream_get_chunk(st);
	put_rec(c, 100, 0, 0);
	put_rec(c, 200, 0, 0);
	vt_stream_push(st, c);
	vt_stream_publish(st, 150);
	merger_step(m, 1000);
	take_blocks(out, &s);
	is_int(s.records, 0, "a young partial block is kept");
	merger_step(m, 1049);
	take_blocks(out, &s);
	is_int(s.records, 0, "still kept just before flush_ns");
	merger_step(m, 1050);
	take_blocks(out, &s);
	is_int(s.records, 1, "sent once it has waited flush_ns, with what the watermark allows");
	vt_stream_publish(st, VT_WATERMARK_DONE);
	while (merger_step(m, 2000) >= 0)
		;
	take_blocks(out, &s);
	is_int(s.records, 2, "the rest goes out at the end");
	merger_free(m);
	vt_stream_fini(st);
	merger_out_fini(out);
	free(s.got);
	free(out);
	free(st);
}

/* Threaded: producers with honest watermarks, a slow consumer, two blocks. */
#define PER_STREAM 200000

struct feeder {
	struct vt_stream *s;
	unsigned id;
	uint64_t seq0;
};

static uint64_t clock_ts;

static void *feed(void *arg)
{
	struct feeder *f = arg;
	uint32_t k = 0;
	uint64_t x = 0x9e3779b97f4a7c15ull * (f->id + 1);

	while (k < PER_STREAM) {
		struct vt_chunk *c = vt_stream_get_chunk(f->s);
		uint64_t now, wm;

		if (!c) {
			sched_yield();
			continue;
		}
		now = __atomic_add_fetch(&clock_ts, 1000, __ATOMIC_SEQ_CST);
		wm = now - 1000;
		/* records stamped in (now - 1000, now], slightly shuffled */
		while (k < PER_STREAM && vt_chunk_room(c) >= 64) {
			struct vt_hdr *h = vt_chunk_reserve(c, 32);

			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			memset(h, 0, 32);
			h->ts = now - 999 + x % 999;
			h->tid = f->id;
			h->tgid = f->seq0 + k++;
			h->type = VT_THREAD_EXIT;
			h->size = 32;
			vt_chunk_commit(c, 32);
		}
		vt_stream_push(f->s, c);
		vt_stream_publish(f->s, wm);
	}
	vt_stream_publish(f->s, VT_WATERMARK_DONE);
	return NULL;
}

static void test_threaded(void)
{
	struct vt_stream *st = vt_aligned_alloc(VT_CACHELINE, NSTREAMS * sizeof(*st));
	struct merger_out *out = vt_aligned_alloc(VT_CACHELINE, sizeof(*out));
	struct vt_wait w = { 0 };
	struct merger *m;
	struct merger_stats ms;
	struct feeder f[NSTREAMS];
	pthread_t th[NSTREAMS];
	struct seen s = { 0 };
	struct merger_opts mo = {
		.streams = st, .nstreams = NSTREAMS, .wait = &w, .out = out, .nblocks = 2,
		.block_size = 64 << 10,
	};
	unsigned i, missing = 0;

	s.got = calloc(1, NSTREAMS * PER_STREAM);
	merger_out_init(out, &w);
	for (i = 0; i < NSTREAMS; i++)
		vt_stream_init(&st[i], i, VT_CHUNK_MIN, 8, &w);
	merger_new(&m, &mo);
	is_int(merger_start(m), 0, "merger thread starts");
	for (i = 0; i < NSTREAMS; i++) {
		f[i] = (struct feeder){ &st[i], i, (uint64_t)i * PER_STREAM };
		pthread_create(&th[i], NULL, feed, &f[i]);
	}
	for (;;) {
		int32_t t;

		take_blocks(out, &s);
		if (merger_out_done(out)) {
			take_blocks(out, &s);
			break;
		}
		t = vt_wait_prepare(&out->writer_wait, VT_WAIT_CHUNKS);
		if (!vt_queue_empty(&out->blocks) || merger_out_done(out))
			vt_wait_cancel(&out->writer_wait);
		else
			vt_wait_sleep(&out->writer_wait, t, 100000000ull);
	}
	for (i = 0; i < NSTREAMS; i++)
		pthread_join(th[i], NULL);
	merger_join(m);
	merger_stats(m, &ms);
	for (i = 0; i < NSTREAMS * PER_STREAM; i++)
		missing += !s.got[i];
	is_int(s.records, NSTREAMS * PER_STREAM, "threaded: every record comes out");
	is_int(missing + s.dups, 0, "threaded: each exactly once");
	is_int(s.behind, 0, "threaded: in time order");
	is_int(ms.late, 0, "threaded: none late");
	merger_free(m);
	for (i = 0; i < NSTREAMS; i++)
		vt_stream_fini(&st[i]);
	merger_out_fini(out);
	free(s.got);
	free(out);
	free(st);
}

int main(void)
{
	test_stepped();
	test_idle_flush();
	test_threaded();
	return done_testing();
}
