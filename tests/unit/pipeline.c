// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The reader on rings laid out in plain memory as the kernel lays out a BPF ring
 * buffer (wrap-around, discarded and unfinished records, malformed ones, a full
 * queue, loss counters), then the whole pipeline: producer threads filling those
 * rings, readers, merger and writer, and the trace file read back.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "merger.h"
#include "pipeline.h"
#include "reader.h"
#include "tap.h"

/* The pipeline links the writer, which renders through these when asked to. */
static uint64_t rendered;

void render_record(struct renderer *r, const struct vt_hdr *rec)
{
	rendered++;
}

void render_finish(struct renderer *r)
{
}

void render_flush(struct renderer *r)
{
}

/* ---- a ring in memory, produced into as the kernel does ---- */

struct fring {
	unsigned long cons __attribute__((aligned(64)));
	unsigned long prod __attribute__((aligned(64)));
	uint8_t *data;
	uint64_t size;
	struct reader_ring r;
};

static void fring_init(struct fring *f, uint64_t size)
{
	memset(f, 0, sizeof(*f));
	f->size = size;
	f->data = vt_aligned_alloc(4096, size);
	memset(f->data, 0xa5, size);
	f->r.consumer_pos = &f->cons;
	f->r.producer_pos = &f->prod;
	f->r.data = f->data;
	f->r.mask = size - 1;
}

/* Reserve len bytes: the header is busy until fring_commit.  -1 when full. */
static long fring_reserve(struct fring *f, uint32_t len)
{
	uint64_t total = VT_ALIGN((uint64_t)len + READER_RB_HDR, 8);
	unsigned long cons = __atomic_load_n(&f->cons, __ATOMIC_ACQUIRE);
	unsigned long pos = f->prod;

	if (pos + total - cons > f->size)
		return -1;
	__atomic_store_n((uint32_t *)(f->data + (pos & (f->size - 1))), len | READER_RB_BUSY,
			 __ATOMIC_RELAXED);
	__atomic_store_n(&f->prod, pos + total, __ATOMIC_RELEASE);
	return (long)pos;
}

static void fring_write(struct fring *f, long pos, const void *src, uint32_t len)
{
	uint64_t off = ((uint64_t)pos + READER_RB_HDR) & (f->size - 1);
	uint64_t first = len < f->size - off ? len : f->size - off;

	memcpy(f->data + off, src, first);
	memcpy(f->data, (const uint8_t *)src + first, len - first);
}

static void fring_commit(struct fring *f, long pos, uint32_t len, int discard)
{
	__atomic_store_n((uint32_t *)(f->data + ((uint64_t)pos & (f->size - 1))),
			 len | (discard ? READER_RB_DISCARD : 0), __ATOMIC_RELEASE);
}

static long fring_put(struct fring *f, const void *rec, uint32_t len, int discard)
{
	long pos = fring_reserve(f, len);

	if (pos >= 0) {
		fring_write(f, pos, rec, len);
		fring_commit(f, pos, len, discard);
	}
	return pos;
}

/* A record of size bytes (a thread exit, padded: only its header matters here). */
static uint32_t make_rec(void *buf, uint64_t ts, uint32_t seq, uint16_t size)
{
	struct vt_thread_exit *x = buf;

	memset(buf, 0, size);
	x->h.ts = ts;
	x->h.tid = 7;
	x->h.tgid = seq;
	x->h.type = VT_THREAD_EXIT;
	x->h.size = size;
	x->h.nr = VT_NR_NONE;
	return size;
}

/* ---- the reader alone, batch by batch ---- */

static uint64_t fake_now;

static uint64_t fake_clock(void)
{
	return fake_now;
}

static struct vt_counters fake_counters;

static int fake_read_counters(void *arg, unsigned cpu, struct vt_counters *out)
{
	*out = fake_counters;
	return 0;
}

struct taken {
	uint32_t n, bad_order, bad_seq, lost_notes;
	uint32_t next_seq;
	uint64_t last_ts;
	struct vt_lost lost[4];
};

/* Pop what the reader pushed, check it, give the chunks back. */
static void take(struct vt_stream *s, struct taken *t)
{
	struct vt_chunk *c;

	while ((c = vt_stream_pop(s))) {
		uint32_t i, off = 0;

		for (i = 0; i < c->nrec; i++) {
			const struct vt_hdr *h = vt_chunk_rec(c, i, off);

			off += h->size;
			if (h->type == VT_LOST) {
				if (t->lost_notes < 4)
					memcpy(&t->lost[t->lost_notes], h, sizeof(struct vt_lost));
				t->lost_notes++;
				continue;
			}
			if (h->ts < t->last_ts)
				t->bad_order++;
			t->last_ts = h->ts;
			if (h->tgid != t->next_seq)
				t->bad_seq++;
			t->next_seq = h->tgid + 1;
			t->n++;
		}
		vt_stream_put_chunk(s, c);
	}
}

struct rtest {
	struct fring ring;
	struct vt_stream *s;
	struct reader *r;
	int stop;
};

static void rtest_init(struct rtest *t, uint64_t ring_size, uint32_t chunk, unsigned budget,
		       int counters)
{
	struct reader_opts o = {
		.ring_fd = -1, .counters_fd = -1, .stop_fd = -1,
		.slack_ns = 100, .clock = fake_clock,
	};

	memset(t, 0, sizeof(*t));
	fring_init(&t->ring, ring_size);
	t->s = vt_aligned_alloc(VT_CACHELINE, sizeof(*t->s));
	vt_stream_init(t->s, 1, chunk, budget, NULL);
	o.ring = &t->ring.r;
	o.stream = t->s;
	o.stop = &t->stop;
	o.cpu = 1;
	if (counters)
		o.read_counters = fake_read_counters;
	if (reader_new(&t->r, &o))
		vt_die(EINVAL);
}

static void rtest_fini(struct rtest *t)
{
	reader_free(t->r);
	vt_stream_fini(t->s);
	free(t->s);
	free(t->ring.data);
}

static void test_reader_wrap(void)
{
	struct rtest t;
	struct taken tk = { 0 };
	struct reader_stats st;
	uint8_t rec[256];
	uint32_t seq = 0, round, lost_space = 0, res_bad = 0;

	rtest_init(&t, 4096, VT_CHUNK_MIN, 4, 0);
	fake_now = 1000000;
	for (round = 0; round < 500; round++) {
		uint32_t k, n = 1 + round % 23;

		for (k = 0; k < n; k++) {
			uint16_t size = 32 + 8 * ((round * 31 + k * 7) % 25);

			make_rec(rec, fake_now + seq, seq, size);
			if (fring_put(&t.ring, rec, size, 0) < 0) {
				lost_space++;
				break;
			}
			seq++;
		}
		if (reader_batch(t.r) != READER_EMPTY)
			res_bad++;
		take(t.s, &tk);
		fake_now += 100000;
	}
	is_int(lost_space, 0, "the ring never fills while drained every round");
	is_int(res_bad, 0, "every batch drains the ring to its end");
	is_int(tk.n, seq, "every record comes through, across many wrap-arounds");
	is_int(tk.bad_seq + tk.bad_order, 0, "in ring order, nothing doubled or skipped");
	ok(t.ring.prod > 20 * t.ring.size, "the ring wrapped around (%lu times)",
	   t.ring.prod / t.ring.size);
	is_int(t.ring.cons, t.ring.prod, "the consumer position reaches the producer's");
	is_int(vt_stream_watermark(t.s), fake_now - 100000 - 100,
	       "an empty ring: watermark = clock before the batch - slack");
	reader_stats(t.r, &st);
	is_int(st.records, seq, "reader_stats counts the records");
	is_int(st.malformed, 0, "and no malformed one");
	rtest_fini(&t);
}

static void test_reader_flags(void)
{
	struct rtest t;
	struct taken tk = { 0 };
	struct reader_stats st;
	uint8_t rec[64];
	long busy;
	int res;

	rtest_init(&t, 4096, VT_CHUNK_MIN, 4, 0);
	fake_now = 5000;
	make_rec(rec, 100, 0, 32);
	fring_put(&t.ring, rec, 32, 0);
	make_rec(rec, 150, 99, 32);
	fring_put(&t.ring, rec, 32, 1); /* discarded */
	make_rec(rec, 200, 1, 32);
	fring_put(&t.ring, rec, 32, 0);
	/* a record whose producer has not finished it */
	busy = fring_reserve(&t.ring, 40);
	make_rec(rec, 300, 2, 40);
	fring_write(&t.ring, busy, rec, 40);
	make_rec(rec, 310, 3, 32);
	fring_put(&t.ring, rec, 32, 0);

	res = reader_batch(t.r);
	take(t.s, &tk);
	is_int(res, READER_BUSY, "a record still being written stops the batch");
	is_int(tk.n, 2, "discarded records are skipped, the ones before the busy one taken");
	is_int(vt_stream_watermark(t.s), 200 - 100,
	       "stopped early: watermark = last record - slack");
	fring_commit(&t.ring, busy, 40, 0);
	res = reader_batch(t.r);
	take(t.s, &tk);
	is_int(res, READER_EMPTY, "once committed, the rest follows");
	is_int(tk.n, 4, "every record that was not discarded");
	is_int(tk.bad_seq + tk.bad_order, 0, "in order");

	/* malformed: too short, and an unknown type; good ones around them */
	make_rec(rec, 400, 4, 32);
	fring_put(&t.ring, rec, 32, 0);
	fring_put(&t.ring, rec, 16, 0);
	make_rec(rec, 410, 5, 32);
	((struct vt_hdr *)rec)->type = 99;
	fring_put(&t.ring, rec, 32, 0);
	make_rec(rec, 420, 5, 32);
	((struct vt_hdr *)rec)->size = 40; /* says more than the sample holds */
	fring_put(&t.ring, rec, 32, 0);
	make_rec(rec, 430, 5, 32);
	fring_put(&t.ring, rec, 32, 0);
	reader_batch(t.r);
	take(t.s, &tk);
	reader_stats(t.r, &st);
	is_int(tk.n, 6, "good records around malformed ones come through");
	is_int(st.malformed, 3, "malformed records are dropped and counted");
	is_int(tk.bad_seq, 0, "and nothing else is lost");
	reader_finish(t.r);
	ok(vt_stream_watermark(t.s) == VT_WATERMARK_DONE, "reader_finish publishes the end");
	rtest_fini(&t);
}

static void test_reader_stall(void)
{
	struct rtest t;
	struct taken tk = { 0 };
	struct reader_stats st;
	uint8_t rec[256];
	uint32_t seq = 0, stalls = 0;
	int res;

	/* two chunks of about 32 KiB, a 256 KiB ring nearly full */
	rtest_init(&t, 256 << 10, VT_CHUNK_MIN, 2, 0);
	fake_now = 1ull << 40;
	for (;;) {
		make_rec(rec, 1000 + seq, seq, 200);
		if (fring_put(&t.ring, rec, 200, 0) < 0)
			break;
		seq++;
	}
	res = reader_batch(t.r);
	is_int(res, READER_STALLED, "without a free chunk the reader stops draining");
	is_int(t.s->nalloc, 2, "and allocates no more than its budget");
	ok(t.ring.cons < t.ring.prod, "the rest stays in the ring");
	take(t.s, &tk);
	/* the merger must be able to empty every chunk: no slack then */
	is_int(vt_stream_watermark(t.s), tk.last_ts, "stalled: watermark = newest delivered");
	for (stalls = 0; stalls < 100; stalls++) {
		res = reader_batch(t.r);
		take(t.s, &tk);
		if (res == READER_EMPTY)
			break;
	}
	is_int(res, READER_EMPTY, "with chunks given back it drains the rest");
	is_int(tk.n, seq, "and nothing is lost or doubled");
	is_int(tk.bad_seq + tk.bad_order, 0, "in order");
	reader_stats(t.r, &st);
	ok(st.stalls >= 1, "stalls are counted (%llu)", (unsigned long long)st.stalls);
	rtest_fini(&t);
}

static void test_reader_lost(void)
{
	struct rtest t;
	struct taken tk = { 0 };
	struct reader_stats st;

	rtest_init(&t, 4096, VT_CHUNK_MIN, 4, 1);
	memset(&fake_counters, 0, sizeof(fake_counters));
	fake_now = 1000000;
	reader_batch(t.r);
	take(t.s, &tk);
	is_int(tk.lost_notes, 0, "no losses, no note");

	fake_counters.lost = 5;
	fake_counters.first_lost_ts = 500;
	fake_counters.last_lost_ts = 600;
	fake_now += 20000000; /* past the counters period */
	reader_batch(t.r);
	take(t.s, &tk);
	is_int(tk.lost_notes, 1, "losses become an in-band note");
	is_int(tk.lost[0].count, 5, "with the count");
	is_int(tk.lost[0].first_ts, 500, "the first loss time");
	is_int(tk.lost[0].last_ts, 600, "the last loss time");
	is_int(tk.lost[0].h.cpu, 1, "and the CPU");
	is_int(tk.lost[0].h.ts, 1000000 - 100 + 1,
	       "stamped just past the watermark already published, so it is not late");

	fake_counters.lost = 8;
	fake_counters.last_lost_ts = 30000000;
	fake_now += 20000000;
	reader_batch(t.r);
	take(t.s, &tk);
	is_int(tk.lost_notes, 2, "more losses, another note");
	is_int(tk.lost[1].count, 3, "counting only the new ones");
	is_int(tk.lost[1].first_ts, 600, "since the last reported loss");
	is_int(tk.lost[1].h.ts, 30000000, "a recent loss keeps its own time");

	fake_counters.lost = 9;
	fake_counters.last_lost_ts = 41000000;
	reader_finish(t.r);
	take(t.s, &tk);
	is_int(tk.lost_notes, 3, "the final read at stop reports the last losses");
	reader_stats(t.r, &st);
	is_int(st.lost, 9, "reader_stats: all losses");
	is_int(st.lost_notes, 3, "reader_stats: notes written");
	rtest_fini(&t);
}

/* Blocks out of the merger: records counted, given back. */
static uint64_t drain_blocks(struct merger_out *out)
{
	struct vt_chunk *b;
	uint64_t n = 0;

	while ((b = merger_out_pop(out))) {
		n += b->nrec;
		merger_out_put(out, b);
	}
	return n;
}

/*
 * vltrace stopped (SIGSTOP) while its command ran on: the ring is full of records
 * older than the losses that followed, the newest of them just now.  The note of
 * the losses goes where it falls in time order, so that the merger emits none of
 * the records behind it late, the reader stalling for chunks on the way.
 */
static void test_reader_lost_backlog(void)
{
	struct merger_out *out = vt_aligned_alloc(VT_CACHELINE, sizeof(*out));
	struct vt_wait w = { 0 };
	struct merger_opts mo = { 0 };
	struct merger_stats ms;
	struct merger *m;
	struct rtest t;
	uint8_t rec[256];
	uint32_t seq = 0, round;
	uint64_t emitted = 0;
	int res = READER_MORE;

	rtest_init(&t, 256 << 10, VT_CHUNK_MIN, 2, 1);
	fake_now = 1ull << 40;
	for (;;) {
		make_rec(rec, 1000 + seq, seq, 200);
		if (fring_put(&t.ring, rec, 200, 0) < 0)
			break;
		seq++;
	}
	memset(&fake_counters, 0, sizeof(fake_counters));
	fake_counters.lost = 100000;
	fake_counters.first_lost_ts = 1000 + seq;
	fake_counters.last_lost_ts = fake_now - 10;
	merger_out_init(out, &w);
	mo.streams = t.s;
	mo.nstreams = 1;
	mo.wait = &w;
	mo.out = out;
	if (merger_new(&m, &mo))
		vt_die(EINVAL);
	for (round = 0; round < 1000 && res != READER_EMPTY; round++) {
		fake_now += 1000;
		res = reader_batch(t.r);
		merger_step(m, fake_now);
		emitted += drain_blocks(out);
	}
	is_int(res, READER_EMPTY, "the reader drains the backlog in %u batches", round);
	reader_finish(t.r);
	for (round = 0; round < 1000 && merger_step(m, fake_now) >= 0; round++)
		emitted += drain_blocks(out);
	emitted += drain_blocks(out);
	merger_stats(m, &ms);
	is_int(emitted, seq + 1, "every record and one loss note come out");
	is_int(ms.late, 0, "none of them late");
	merger_free(m);
	merger_out_fini(out);
	free(out);
	rtest_fini(&t);
}

/* ---- the whole pipeline, threads and all ---- */

#define NCPU 2

struct producer {
	struct fring *ring;
	unsigned cpu;
	uint32_t n;
	uint32_t seq0;
	uint32_t produced;
	int cut; /* stop at vt_stop */
};

static void *produce(void *arg)
{
	struct producer *p = arg;
	uint8_t rec[256];
	uint32_t k;

	for (k = 0; k < p->n; k++) {
		uint16_t size = k % 3 ? sizeof(struct vt_exit) : sizeof(struct vt_thread_exit) + 64;
		struct vt_hdr *h;
		long pos;

		while ((pos = fring_reserve(p->ring, size)) < 0) {
			if (p->cut && __atomic_load_n(&vt_stop, __ATOMIC_RELAXED))
				return NULL;
			sched_yield();
		}
		make_rec(rec, 0, p->seq0 + k, size);
		h = (struct vt_hdr *)rec;
		if (k % 3) {
			h->type = VT_EXIT;
			h->nr = 0;
		}
		h->cpu = p->cpu;
		/*
		 * Stamped once the place is reserved: ring order is then time order,
		 * and the output must be in order with nothing late.
		 */
		h->ts = vt_now_ns(CLOCK_MONOTONIC);
		fring_write(p->ring, pos, rec, size);
		fring_commit(p->ring, pos, size, 0);
		__atomic_store_n(&p->produced, p->produced + 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

static const char *names[] = { "read" };

static void run_pipeline(const char *what, uint32_t per_cpu, int with_render, int cut)
{
	struct fring rings[NCPU];
	struct reader_ring rr[NCPU];
	struct producer prod[NCPU];
	pthread_t th[NCPU];
	struct tracefile_meta meta = {
		.arch = "x86_64", .kernel = "test", .host = "test", .cmdline = "test",
		.ncpus = NCPU, .nsyscalls = 1, .syscall_names = names,
	};
	struct outbuf text;
	struct pipeline *p;
	struct pipeline_totals t;
	struct tracefile_reader *tr;
	const struct vt_hdr *rec;
	char path[] = "/var/tmp/vltrace-pipeline-XXXXXX", err[256];
	uint8_t *seen;
	uint64_t n = 0, dups = 0, behind = 0, last = 0, produced = 0, lost_notes = 0;
	unsigned i;
	int fd, rc, nullfd = open("/dev/null", O_WRONLY);
	struct pipeline_opts o = {
		.ncpus = NCPU, .counters_fd = -1, .meta = &meta, .rings = rr,
		.poll_ms = 1, .max_queued = 8 << 20,
	};

	fd = mkstemp(path);
	if (fd < 0)
		vt_die(errno);
	o.trace_fd = fd;
	outbuf_init(&text, nullfd, 0);
	if (with_render) {
		/* the stub above counts; a dummy pointer stands for the renderer */
		o.render = (struct renderer *)&text;
		o.text_out = &text;
	}
	rendered = 0;
	seen = calloc(1, (size_t)NCPU * per_cpu);
	for (i = 0; i < NCPU; i++) {
		fring_init(&rings[i], 64 << 10);
		rr[i] = rings[i].r;
	}
	rc = pipeline_start(&p, &o);
	is_int(rc, 0, "%s: pipeline_start", what);
	if (rc)
		return;
	for (i = 0; i < NCPU; i++) {
		prod[i] = (struct producer){ &rings[i], i, per_cpu, i * per_cpu, 0, cut };
		pthread_create(&th[i], NULL, produce, &prod[i]);
	}
	if (cut) {
		/* a second ^C while records still flow */
		while (__atomic_load_n(&prod[0].produced, __ATOMIC_RELAXED) < per_cpu / 4)
			sched_yield();
		__atomic_store_n(&vt_stop, 2, __ATOMIC_RELAXED);
	}
	for (i = 0; i < NCPU; i++) {
		pthread_join(th[i], NULL);
		produced += prod[i].produced;
	}
	if (!cut)
		__atomic_store_n(&vt_stop, 1, __ATOMIC_RELAXED); /* as main does at the end */
	rc = pipeline_stop(p);
	is_int(rc, 0, "%s: pipeline_stop reports no write error", what);
	pipeline_totals(p, &t);
	pipeline_free(p);
	__atomic_store_n(&vt_stop, 0, __ATOMIC_RELAXED);

	rc = tracefile_open(path, &tr, err, sizeof(err));
	if (!is_int(rc, 0, "%s: the trace file opens", what))
		diag("%s", err);
	while (!rc && (rc = tracefile_next(tr, &rec)) == 1) {
		rc = 0;
		if (rec->type == VT_LOST) {
			lost_notes++;
			continue;
		}
		if (rec->tgid >= NCPU * per_cpu || seen[rec->tgid]++)
			dups++;
		if (rec->ts < last)
			behind++;
		last = rec->ts;
		n++;
	}
	is_int(rc, 0, "%s: read to its end without an error", what);
	ok(!tracefile_reader_warning(tr), "%s: and without a warning", what);
	if (cut) {
		ok(n <= produced, "%s: cut short: %llu of %llu records written", what,
		   (unsigned long long)n, (unsigned long long)produced);
	} else {
		is_int(n, produced, "%s: every record produced is in the file", what);
		is_int(produced, NCPU * per_cpu, "%s: (all of them)", what);
	}
	is_int(dups, 0, "%s: once", what);
	is_int(behind, 0, "%s: in time order", what);
	is_int(t.late, 0, "%s: none late", what);
	is_int(t.records, n, "%s: pipeline_totals counts the records", what);
	is_int(t.lost + lost_notes + t.malformed, 0, "%s: nothing lost or malformed", what);
	ok(tracefile_reader_totals(tr) && tracefile_reader_totals(tr)->records == n,
	   "%s: the footer holds the totals", what);
	{
		struct stat sb;

		fstat(fd, &sb);
		is_int(t.bytes, sb.st_size, "%s: pipeline_totals counts the file's bytes", what);
	}
	if (with_render)
		is_int(rendered, n, "%s: every record is rendered too", what);
	tracefile_close(tr);
	close(fd);
	unlink(path);
	outbuf_fini(&text);
	close(nullfd);
	for (i = 0; i < NCPU; i++)
		free(rings[i].data);
	free(seen);
}

static void test_stop_idle(void)
{
	struct fring ring;
	struct reader_ring rr;
	struct pipeline *p;
	struct pipeline_totals t;
	int nullfd = open("/dev/null", O_WRONLY);
	struct outbuf text;
	struct pipeline_opts o = {
		.ncpus = 1, .counters_fd = -1, .trace_fd = -1, .rings = &rr,
		.render = (struct renderer *)&text, .text_out = &text,
	};

	outbuf_init(&text, nullfd, 0);
	fring_init(&ring, 4096);
	rr = ring.r;
	is_int(pipeline_start(&p, &o), 0, "idle: starts with no trace file, live output only");
	/* vt_stop never set: pipeline_stop alone must end every thread */
	is_int(pipeline_stop(p), 0, "idle: stops without vt_stop");
	pipeline_totals(p, &t);
	is_int(t.records, 0, "idle: no records");
	is_int(pipeline_failed(p), 0, "idle: no failure");
	pipeline_free(p);
	outbuf_fini(&text);
	close(nullfd);
	free(ring.data);

	/* perf event buffers need the kernel: tests/integration/buffers.sh covers them */
	o.render = NULL;
	is_int(pipeline_start(&p, &o), -EINVAL, "no output at all is refused");
}

static void test_tune(void)
{
	struct pipeline_opts o = { 0 };

	is_int(pipeline_tune(&o, "poll_ms=2,slack_ms=3,flush_ms=40,chunk=64K,block=4M,queued=8M,direct=0"),
	       0, "tune: every key");
	is_int(o.poll_ms, 2, "tune: poll_ms");
	is_int(o.slack_ns, 3000000, "tune: slack_ms");
	is_int(o.flush_ns, 40000000, "tune: flush_ms");
	is_int(o.chunk_size, 64 << 10, "tune: chunk");
	is_int(o.block_size, 4 << 20, "tune: block");
	is_int(o.max_queued, 8 << 20, "tune: queued");
	is_int(o.no_direct, 1, "tune: direct=0");
	is_int(pipeline_tune(&o, ""), 0, "tune: nothing to set");
	is_int(pipeline_tune(&o, "poll=2"), -EINVAL, "tune: an unknown key is refused");
	is_int(pipeline_tune(&o, "block=5000"), -EINVAL, "tune: a block not a multiple of 4K is refused");
	is_int(pipeline_tune(&o, "poll_ms"), -EINVAL, "tune: a key without a value is refused");
	is_int(pipeline_tune(&o, "direct=2"), -EINVAL, "tune: direct takes 0 or 1");
	is_int(o.poll_ms, 2, "tune: a refused setting leaves the earlier ones");
}

int main(void)
{
	test_tune();
	test_reader_wrap();
	test_reader_flags();
	test_reader_stall();
	test_reader_lost();
	test_reader_lost_backlog();
	test_stop_idle();
	run_pipeline("file", 300000, 0, 0);
	run_pipeline("file+render", 100000, 1, 0);
	run_pipeline("cut short", 2000000, 0, 1);
	return done_testing();
}
