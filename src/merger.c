// SPDX-License-Identifier: LGPL-2.1-or-later
#include "merger.h"

#include <errno.h>
#include <stdlib.h>

#include "tracefile.h"

/* The next record of one stream: its current chunk and the chunks behind it. */
struct head {
	struct vt_chunk *c;	/* NULL: nothing pending */
	struct vt_chunk *tail;	/* last of the private list c -> next -> ... */
	uint32_t pos, off;	/* record index and byte offset in c */
	uint64_t ts;		/* ts of the current record */
	uint64_t wm;		/* watermark read before the last pop */
};

struct merger {
	struct vt_stream *streams;
	unsigned n;
	struct vt_wait *wait;
	struct merger_out *out;
	uint32_t block_size;
	unsigned nblocks, nalloc;
	uint64_t flush_ns;

	struct head *heads;
	unsigned *heap;		/* stream indices, min-heap on heads[].ts */
	unsigned heapn;

	struct vt_chunk *blk;	/* block being filled, or NULL */
	uint64_t blk_since;	/* when its first record went in */
	uint64_t last_emitted;
	uint64_t late;
	int finished;

	struct merger_stats st;
	pthread_t thread;
	int started;
};

void merger_out_init(struct merger_out *out, struct vt_wait *merger_wait)
{
	memset(out, 0, sizeof(*out));
	vt_queue_init(&out->blocks);
	vt_queue_init(&out->free);
	out->merger_wait = merger_wait;
}

static void free_blocks(struct vt_queue *q)
{
	struct vt_chunk *c;

	/* no pusher is left by now, so no push can be half done */
	while ((c = vt_queue_pop(q)))
		vt_chunk_free(c);
}

void merger_out_fini(struct merger_out *out)
{
	free_blocks(&out->blocks);
	free_blocks(&out->free);
}

struct vt_chunk *merger_out_pop(struct merger_out *out)
{
	return vt_queue_pop(&out->blocks);
}

void merger_out_put(struct merger_out *out, struct vt_chunk *block)
{
	vt_queue_push(&out->free, block);
	vt_wait_wake(out->merger_wait, VT_WAIT_CHUNKS);
}

int merger_new(struct merger **out, const struct merger_opts *o)
{
	struct merger *m;

	*out = NULL;
	if (!o->out || !o->wait || (o->nstreams && !o->streams))
		return -EINVAL;
	m = vt_calloc(1, sizeof(*m));
	m->streams = o->streams;
	m->n = o->nstreams;
	m->wait = o->wait;
	m->out = o->out;
	m->block_size = o->block_size ? o->block_size : MERGER_BLOCK_DEFAULT;
	if (m->block_size < TRACEFILE_BLOCK_HDR + VT_RECORD_MAX)
		m->block_size = TRACEFILE_BLOCK_HDR + VT_RECORD_MAX;
	if (m->block_size > TRACEFILE_BLOCK_HDR + TRACEFILE_BLOCK_MAX)
		m->block_size = TRACEFILE_BLOCK_HDR + TRACEFILE_BLOCK_MAX;
	m->nblocks = o->nblocks ? o->nblocks : MERGER_NBLOCKS_DEFAULT;
	if (m->nblocks < 2)
		m->nblocks = 2; /* merge into one while the writer writes the other */
	m->flush_ns = o->flush_ns ? o->flush_ns : MERGER_FLUSH_NS_DEFAULT;
	m->heads = vt_calloc(m->n ? m->n : 1, sizeof(*m->heads));
	m->heap = vt_calloc(m->n ? m->n : 1, sizeof(*m->heap));
	*out = m;
	return 0;
}

/* ---- blocks ---- */

static void send_block(struct merger *m)
{
	struct vt_chunk *b = m->blk;

	if (!b || !b->nrec)
		return;
	tracefile_block_seal(b->data, b->len - TRACEFILE_BLOCK_HDR, b->nrec, b->first_ts,
			     b->last_ts);
	vt_queue_push(&m->out->blocks, b);
	__atomic_add_fetch(&m->out->sent, 1, __ATOMIC_RELAXED);
	vt_wait_wake(&m->out->writer_wait, VT_WAIT_CHUNKS);
	m->blk = NULL;
	__atomic_store_n(&m->st.blocks, m->st.blocks + 1, __ATOMIC_RELAXED);
	if (!m->st.first_ts || b->first_ts < m->st.first_ts)
		__atomic_store_n(&m->st.first_ts, b->first_ts, __ATOMIC_RELAXED);
	if (b->last_ts > m->st.last_ts)
		__atomic_store_n(&m->st.last_ts, b->last_ts, __ATOMIC_RELAXED);
}

/* An empty block: back from the writer, new within nblocks, or wait for one. */
static struct vt_chunk *get_block(struct merger *m)
{
	struct vt_chunk *b;
	int32_t ticket;

	for (;;) {
		b = vt_queue_pop(&m->out->free);
		if (b)
			break;
		if (m->nalloc < m->nblocks) {
			b = vt_chunk_new(m->block_size);
			m->nalloc++;
			break;
		}
		/* backpressure: the writer is behind; it wakes us when it gives one back */
		ticket = vt_wait_prepare(m->wait, VT_WAIT_CHUNKS);
		if (!vt_queue_empty(&m->out->free)) {
			vt_wait_cancel(m->wait);
			continue;
		}
		vt_wait_sleep(m->wait, ticket, 100000000ull);
	}
	vt_chunk_reset(b);
	b->len = TRACEFILE_BLOCK_HDR;
	return b;
}

static inline void emit(struct merger *m, const struct vt_hdr *rec, uint64_t now)
{
	struct vt_chunk *b = m->blk;
	uint32_t size = rec->size;

	if (vt_unlikely(!b || size > b->cap - b->len)) {
		send_block(m);
		b = m->blk = get_block(m);
		m->blk_since = now;
	}
	memcpy(b->data + b->len, rec, size);
	b->len += size;
	b->nrec++;
	if (rec->ts < b->first_ts)
		b->first_ts = rec->ts;
	if (rec->ts > b->last_ts)
		b->last_ts = rec->ts;
	if (vt_unlikely(rec->ts < m->last_emitted))
		m->late++;
	else
		m->last_emitted = rec->ts;
}

/* ---- heads and heap ---- */

static void head_load(struct head *h)
{
	h->ts = vt_chunk_rec(h->c, h->pos, h->off)->ts;
}

/* Move past the current record; returns 0 when the stream has nothing more now. */
static inline int head_next(struct merger *m, unsigned i, uint32_t size)
{
	struct head *h = &m->heads[i];
	struct vt_chunk *c = h->c;

	h->pos++;
	h->off += size;
	if (vt_likely(h->pos < c->nrec)) {
		head_load(h);
		return 1;
	}
	h->c = c->next;
	if (!h->c)
		h->tail = NULL;
	vt_stream_put_chunk(&m->streams[i], c);
	h->pos = 0;
	h->off = 0;
	if (!h->c)
		return 0;
	head_load(h);
	return 1;
}

static inline int heap_less(const struct merger *m, unsigned a, unsigned b)
{
	return m->heads[m->heap[a]].ts < m->heads[m->heap[b]].ts;
}

static void heap_down(struct merger *m, unsigned i)
{
	unsigned n = m->heapn, c, t;

	for (;;) {
		c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && heap_less(m, c + 1, c))
			c++;
		if (!heap_less(m, c, i))
			break;
		t = m->heap[i];
		m->heap[i] = m->heap[c];
		m->heap[c] = t;
		i = c;
	}
}

static void heap_build(struct merger *m)
{
	unsigned i;

	m->heapn = 0;
	for (i = 0; i < m->n; i++)
		if (m->heads[i].c)
			m->heap[m->heapn++] = i;
	for (i = m->heapn / 2; i-- > 0;)
		heap_down(m, i);
}

/* Emit every pending record with ts <= limit, in time order. */
static uint64_t merge(struct merger *m, uint64_t limit, uint64_t now)
{
	uint64_t n = 0, bytes = 0;

	heap_build(m);
	while (m->heapn) {
		unsigned i = m->heap[0];
		struct head *h = &m->heads[i];
		uint64_t bound = limit;
		int more;

		if (h->ts > limit)
			break;
		/*
		 * Emit a run from this stream while it stays ahead of every other
		 * stream's next record: one heap fix per run, not per record.
		 */
		if (m->heapn > 1) {
			uint64_t t = m->heads[m->heap[1]].ts;

			if (m->heapn > 2 && m->heads[m->heap[2]].ts < t)
				t = m->heads[m->heap[2]].ts;
			if (t < bound)
				bound = t;
		}
		do {
			const struct vt_hdr *rec = vt_chunk_rec(h->c, h->pos, h->off);
			uint32_t size = rec->size;

			emit(m, rec, now);
			n++;
			bytes += size;
			more = head_next(m, i, size);
		} while (more && h->ts <= bound);
		if (!more)
			m->heap[0] = m->heap[--m->heapn];
		heap_down(m, 0);
	}
	if (n) {
		__atomic_store_n(&m->st.records, m->st.records + n, __ATOMIC_RELAXED);
		__atomic_store_n(&m->st.bytes, m->st.bytes + bytes, __ATOMIC_RELAXED);
		__atomic_store_n(&m->st.late, m->late, __ATOMIC_RELAXED);
	}
	return n;
}

/* Take the chunks each stream has pushed; returns how many, and the merge limit. */
static unsigned take_chunks(struct merger *m, uint64_t *limit, int *all_done)
{
	unsigned i, got = 0;

	*limit = VT_WATERMARK_DONE;
	*all_done = 1;
	for (i = 0; i < m->n; i++) {
		struct head *h = &m->heads[i];
		struct vt_chunk *c;

		/*
		 * The watermark first: it covers only chunks pushed before it was
		 * published, and all of those are popped below.
		 */
		h->wm = vt_stream_watermark(&m->streams[i]);
		while ((c = vt_stream_pop(&m->streams[i]))) {
			c->next = NULL;
			if (!c->nrec) {
				vt_stream_put_chunk(&m->streams[i], c);
				continue;
			}
			if (h->tail)
				h->tail->next = c;
			else
				h->c = c;
			h->tail = c;
			if (h->c == c) {
				h->pos = h->off = 0;
				head_load(h);
			}
			got++;
		}
		if (h->wm < *limit)
			*limit = h->wm;
		if (h->wm != VT_WATERMARK_DONE || h->c)
			*all_done = 0;
	}
	return got;
}

int merger_step(struct merger *m, uint64_t now)
{
	uint64_t limit, n;
	unsigned got;
	int all_done;

	if (m->finished)
		return -1;
	got = take_chunks(m, &limit, &all_done);
	n = merge(m, limit, now);
	if (all_done) {
		/* every stream ended and is emitted: the last chunks may still be queued */
		unsigned i;

		for (i = 0; i < m->n; i++)
			if (!vt_queue_empty(&m->streams[i].full))
				return 1;
		send_block(m);
		m->finished = 1;
		__atomic_store_n(&m->out->done, 1, __ATOMIC_RELEASE);
		vt_wait_wake(&m->out->writer_wait, VT_WAIT_CHUNKS);
		return -1;
	}
	if (m->blk && m->blk->nrec && now - m->blk_since >= m->flush_ns) {
		send_block(m);
		return 1;
	}
	return got || n;
}

/* Sleep until a stream pushes (or, with records held back, any watermark moves). */
static void idle(struct merger *m, uint64_t now)
{
	uint64_t timeout = 100000000ull;
	int what = VT_WAIT_CHUNKS;
	int32_t ticket;
	unsigned i;

	for (i = 0; i < m->n; i++)
		if (m->heads[i].c)
			what = VT_WAIT_ANY;
	if (m->blk && m->blk->nrec) {
		uint64_t due = m->blk_since + m->flush_ns;

		timeout = due > now ? due - now : 0;
	}
	ticket = vt_wait_prepare(m->wait, what);
	for (i = 0; i < m->n; i++) {
		uint64_t wm = vt_stream_watermark(&m->streams[i]);

		if (!vt_queue_empty(&m->streams[i].full) ||
		    (wm != m->heads[i].wm && (what == VT_WAIT_ANY || wm == VT_WATERMARK_DONE))) {
			vt_wait_cancel(m->wait);
			return;
		}
	}
	if (!timeout) {
		vt_wait_cancel(m->wait);
		return;
	}
	vt_wait_sleep(m->wait, ticket, timeout);
}

static void *merger_main(void *arg)
{
	struct merger *m = arg;
	uint64_t now;
	int r;

	for (;;) {
		now = vt_now_ns(CLOCK_MONOTONIC);
		r = merger_step(m, now);
		if (r < 0)
			break;
		if (!r)
			idle(m, now);
	}
	return NULL;
}

int merger_start(struct merger *m)
{
	int err = pthread_create(&m->thread, NULL, merger_main, m);

	if (err)
		return -err;
	pthread_setname_np(m->thread, "vt-merger");
	m->started = 1;
	return 0;
}

void merger_join(struct merger *m)
{
	int err;

	if (!m || !m->started)
		return;
	err = pthread_join(m->thread, NULL);
	if (err)
		vt_die(err);
	m->started = 0;
}

void merger_stats(const struct merger *m, struct merger_stats *st)
{
	st->records = __atomic_load_n(&m->st.records, __ATOMIC_RELAXED);
	st->bytes = __atomic_load_n(&m->st.bytes, __ATOMIC_RELAXED);
	st->late = __atomic_load_n(&m->st.late, __ATOMIC_RELAXED);
	st->blocks = __atomic_load_n(&m->st.blocks, __ATOMIC_RELAXED);
	st->first_ts = __atomic_load_n(&m->st.first_ts, __ATOMIC_RELAXED);
	st->last_ts = __atomic_load_n(&m->st.last_ts, __ATOMIC_RELAXED);
}

void merger_free(struct merger *m)
{
	unsigned i;

	if (!m)
		return;
	/* chunks still held (cut short before the end) go back to their streams */
	for (i = 0; i < m->n; i++) {
		struct vt_chunk *c = m->heads[i].c, *next;

		for (; c; c = next) {
			next = c->next;
			vt_stream_put_chunk(&m->streams[i], c);
		}
	}
	if (m->blk)
		vt_chunk_free(m->blk);
	free(m->heads);
	free(m->heap);
	free(m);
}
