// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Reader: a CPU's ring (vltrace's own, a BPF ring buffer or a perf buffer) -> chunks.
 *
 * Watermark.  A record is stamped (bpf_ktime_get_ns) before the BPF program
 * reserves its place in the ring, so a producer preempted in between can commit a
 * record older than records already in the ring.  The reader therefore promises
 * only "nothing older than W will come", with W lagging by slack_ns:
 *   - the batch found the ring empty: W = (clock read before the batch) - slack;
 *     anything stamped earlier had been reserved, hence was drained, unless its
 *     producer was held up longer than the slack;
 *   - the batch stopped early (batch budget, a record still being written):
 *     W = (timestamp of the last record taken) - slack, for the same reason;
 *   - the batch stalled for want of a free chunk: W = the newest timestamp taken.
 *     Lagging then could hold every chunk of this reader in the merger while it
 *     waits for this watermark; giving up the slack guarantees progress, at the
 *     price of maybe a late record while the pipeline is overloaded anyway.
 * A record that still arrives behind the merger is written and counted as late.
 */
#include "reader.h"

#include <linux/perf_event.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tracefile.h"

struct reader {
	struct reader_ring ring;
	struct vt_stream *stream;
	struct vt_chunk *cur;
	unsigned cpu;
	int epfd;
	int counters_fd;
	int (*read_counters)(void *arg, unsigned cpu, struct vt_counters *out);
	void *read_counters_arg;
	const int *stop;
	unsigned poll_ms;
	uint64_t slack_ns;
	uint64_t counters_ns;
	uint64_t (*clock)(void);

	/* the mapping of a real ring */
	struct perf_event_mmap_page *perf_meta; /* --buffer=perf */
	int perf;
	void *cons_map, *prod_map;
	size_t cons_len, prod_len;

	/* loss accounting */
	void *cbuf;		/* one struct vt_counters per possible CPU, 8-aligned */
	size_t cstride;
	int ncpus_possible;
	struct vt_counters ctest;
	uint64_t counters_at;	/* when last read */
	uint64_t lost_seen;	/* lost count already reported in-band */
	uint64_t lost_last_ts;	/* last_lost_ts at that point */

	uint64_t batch_records, batch_bytes; /* counted in the hot loop, then added to st */
	int took;		/* the last batch delivered records */
	uint64_t max_ts;	/* newest timestamp delivered */
	uint64_t last_ts;	/* timestamp of the last record taken, ring order */
	uint64_t wm;		/* watermark last published */

	struct reader_stats st; /* written by the reader thread, read relaxed by others */
	pthread_t thread;
	int started;
};

static uint64_t real_clock(void)
{
	return vt_now_ns(CLOCK_MONOTONIC);
}

static void stat_add(uint64_t *v, uint64_t n)
{
	__atomic_store_n(v, *v + n, __ATOMIC_RELAXED);
}

/*
 * --buffer=perf: a perf event buffer (kernels before 5.8 have no BPF ring
 * buffer).  One mapping: the control page (data_head written by the kernel,
 * data_tail by us), then the power-of-two data area.  Each BPF output is a
 * PERF_RECORD_SAMPLE: perf_event_header, u32 size, then the record.
 */
static int map_perf(struct reader *r, int fd, uint64_t size)
{
	long page = sysconf(_SC_PAGESIZE);

	if (!size || (size & (size - 1)) || size % page)
		return -EINVAL;
	r->cons_len = page + size;
	r->cons_map = mmap(NULL, r->cons_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (r->cons_map == MAP_FAILED) {
		r->cons_map = NULL;
		return -errno;
	}
	r->perf_meta = r->cons_map;
	r->ring.data = (uint8_t *)r->cons_map + page;
	r->ring.mask = size - 1;
	r->perf = 1;
	return 0;
}

static int map_ring(struct reader *r, int fd)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	long page = sysconf(_SC_PAGESIZE);
	int err;

	memset(&info, 0, sizeof(info));
	err = bpf_obj_get_info_by_fd(fd, &info, &len);
	if (err)
		return -errno;
	if (info.type != BPF_MAP_TYPE_RINGBUF || !info.max_entries ||
	    (info.max_entries & (info.max_entries - 1)))
		return -EINVAL;
	r->cons_len = page;
	r->cons_map = mmap(NULL, r->cons_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (r->cons_map == MAP_FAILED) {
		r->cons_map = NULL;
		return -errno;
	}
	/*
	 * The kernel maps the data pages twice in a row so a record that wraps is
	 * contiguous; the copy below handles the wrap itself anyway (that lets the
	 * same code run on a ring in plain memory), but mapping both costs nothing.
	 */
	r->prod_len = page + 2 * (size_t)info.max_entries;
	r->prod_map = mmap(NULL, r->prod_len, PROT_READ, MAP_SHARED, fd, page);
	if (r->prod_map == MAP_FAILED) {
		err = -errno;
		r->prod_map = NULL;
		munmap(r->cons_map, r->cons_len);
		r->cons_map = NULL;
		return err;
	}
	r->ring.kind = READER_RING_BPF;
	r->ring.consumer_pos = r->cons_map;
	r->ring.producer_pos = r->prod_map;
	r->ring.data = (uint8_t *)r->prod_map + page;
	r->ring.mask = info.max_entries - 1;
	return 0;
}

int reader_new(struct reader **out, const struct reader_opts *o)
{
	struct reader *r;
	struct epoll_event ev;
	int err = 0;

	*out = NULL;
	if (!o->stream || !o->stop || (o->ring_fd < 0 && (!o->ring || !o->ring->data)))
		return -EINVAL;
	if (o->ring_fd < 0 && o->ring->kind == READER_RING_VT && !o->ring->ctl)
		return -EINVAL;
	r = vt_calloc(1, sizeof(*r));
	r->stream = o->stream;
	r->cpu = o->cpu;
	r->counters_fd = o->counters_fd;
	r->read_counters = o->read_counters;
	r->read_counters_arg = o->read_counters_arg;
	if (r->read_counters)
		r->counters_fd = -1;
	r->stop = o->stop;
	r->poll_ms = o->poll_ms ? o->poll_ms : READER_POLL_MS_DEFAULT;
	r->slack_ns = o->slack_ns;
	r->counters_ns = o->counters_ns ? o->counters_ns : READER_COUNTERS_NS_DEFAULT;
	r->clock = o->clock ? o->clock : real_clock;
	r->epfd = -1;

	if (o->ring_fd >= 0 && o->perf) {
		err = map_perf(r, o->ring_fd, o->perf_size);
		if (err)
			goto fail;
	} else if (o->ring_fd >= 0) {
		err = map_ring(r, o->ring_fd);
		if (err)
			goto fail;
	} else {
		r->ring = *o->ring;
	}

	r->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (r->epfd < 0) {
		err = -errno;
		goto fail;
	}
	if (o->ring_fd >= 0) {
		/*
		 * Edge-triggered: wake only on a wake-up (a perf buffer past its
		 * watermark, a stop), not whenever the ring holds something, else a
		 * busy ring would turn the timed wait into a spin.
		 */
		ev.events = EPOLLIN | EPOLLET;
		ev.data.u32 = 0;
		if (epoll_ctl(r->epfd, EPOLL_CTL_ADD, o->ring_fd, &ev)) {
			err = -errno;
			goto fail;
		}
	}
	if (o->stop_fd >= 0) {
		ev.events = EPOLLIN;
		ev.data.u32 = 1;
		if (epoll_ctl(r->epfd, EPOLL_CTL_ADD, o->stop_fd, &ev)) {
			err = -errno;
			goto fail;
		}
	}

	if (r->counters_fd >= 0) {
		r->ncpus_possible = libbpf_num_possible_cpus();
		if (r->ncpus_possible <= 0 || r->cpu >= (unsigned)r->ncpus_possible) {
			err = r->ncpus_possible < 0 ? r->ncpus_possible : -EINVAL;
			goto fail;
		}
		/* a per-CPU value comes back once per possible CPU, each rounded up to 8 */
		r->cstride = VT_ALIGN(sizeof(struct vt_counters), 8);
		r->cbuf = vt_calloc(r->ncpus_possible, r->cstride);
	}
	*out = r;
	return 0;
fail:
	reader_free(r);
	return err;
}

static int stop_requested(const struct reader *r)
{
	return __atomic_load_n(r->stop, __ATOMIC_ACQUIRE);
}

/* The current chunk, replaced by a fresh one when it cannot take size more bytes. */
static struct vt_chunk *chunk_for(struct reader *r, uint32_t size)
{
	struct vt_chunk *c = r->cur;

	if (vt_likely(c && vt_chunk_room(c) >= size))
		return c;
	if (c && c->nrec) {
		vt_stream_push(r->stream, c);
		r->cur = NULL;
	}
	if (!r->cur)
		r->cur = vt_stream_get_chunk(r->stream);
	return r->cur;
}

/*
 * Read this CPU's loss counters; append a VT_LOST note when they grew.  Returns 1
 * when there are losses it could not report for want of a chunk.  drained: the
 * batch before it emptied the ring.
 */
static int report_losses(struct reader *r, int drained)
{
	const struct vt_counters *c;
	struct vt_chunk *ch;
	struct vt_lost *l;
	__u32 key = 0;
	uint64_t first, last;

	if (r->read_counters) {
		if (r->read_counters(r->read_counters_arg, r->cpu, &r->ctest))
			return 0;
		c = &r->ctest;
	} else {
		if (bpf_map_lookup_elem(r->counters_fd, &key, r->cbuf))
			return 0;
		c = (const struct vt_counters *)((const char *)r->cbuf + r->cpu * r->cstride);
	}
	if (c->lost <= r->lost_seen)
		return 0;
	if (c->lost > r->st.lost)
		__atomic_store_n(&r->st.lost, c->lost, __ATOMIC_RELAXED);
	ch = chunk_for(r, sizeof(*l));
	if (!ch)
		return 1; /* no room now: the next read reports it */
	/*
	 * The counters are never cleared (clearing one CPU's slot rewrites them
	 * all and would race with the other CPUs), so the new losses happened
	 * after the ones already reported.
	 */
	first = r->lost_seen ? r->lost_last_ts : c->first_lost_ts;
	last = c->last_lost_ts > first ? c->last_lost_ts : first;
	l = vt_chunk_reserve(ch, sizeof(*l));
	memset(l, 0, sizeof(*l));
	l->h.type = VT_LOST;
	l->h.size = sizeof(*l);
	l->h.cpu = r->cpu;
	l->h.nr = VT_NR_NONE;
	/*
	 * The note goes into the stream where it falls in time order, so that
	 * neither it nor the records after it are late; [first_ts, last_ts] keeps
	 * the truth.  A ring that overflowed still holds the records stored before
	 * the losses, older than last (after a SIGSTOP of vltrace, a whole ring of
	 * them): stamped last, the note would run ahead of them, and once the
	 * merger emitted it every one of them would be late.  So, unless the ring
	 * is drained, no later than the newest record taken; and never before the
	 * watermark already published.
	 */
	l->h.ts = last;
	if (!drained && l->h.ts > r->max_ts)
		l->h.ts = r->max_ts;
	if (l->h.ts <= r->wm)
		l->h.ts = r->wm + 1;
	l->count = c->lost - r->lost_seen;
	l->first_ts = first;
	l->last_ts = last;
	vt_chunk_commit(ch, sizeof(*l));
	if (l->h.ts > r->max_ts)
		r->max_ts = l->h.ts;
	stat_add(&r->st.records, 1);
	stat_add(&r->st.bytes, sizeof(*l));
	stat_add(&r->st.lost_notes, 1);
	r->lost_seen = c->lost;
	r->lost_last_ts = last;
	return 0;
}

/*
 * Copy the sample of len bytes at ring position pos into the current chunk (in
 * vltrace's ring, pos is that of the record's commit word).
 */
static int take_record(struct reader *r, unsigned long pos, uint32_t len)
{
	const struct reader_ring *rb = &r->ring;
	uint64_t size = rb->mask + 1, off;
	struct vt_chunk *c;
	struct vt_hdr *h;
	uint32_t rsize;
	int n;

	if (vt_unlikely(len < sizeof(struct vt_hdr) || len > VT_RECORD_MAX)) {
		stat_add(&r->st.malformed, 1);
		return 0;
	}
	rsize = VT_ALIGN(len, 8);
	c = chunk_for(r, rsize);
	if (vt_unlikely(!c))
		return READER_STALLED;
	h = vt_chunk_reserve(c, rsize);
	off = pos & rb->mask;
	/* vltrace's ring never wraps a record: it runs on into the slack */
	if (rb->kind == READER_RING_VT) {
		memcpy(h, rb->data + off + VT_RING_WORD, len);
	} else if (vt_likely(off + len <= size)) {
		memcpy(h, rb->data + off, len);
	} else {
		memcpy(h, rb->data + off, size - off);
		memcpy((uint8_t *)h + (size - off), rb->data, len - (size - off));
	}
	/* checked in our copy: what is checked is what the merger will read */
	n = vt_record_check(h, len);
	if (vt_unlikely(n < 0 || (uint32_t)n > rsize)) {
		stat_add(&r->st.malformed, 1);
		return 0;
	}
	vt_chunk_commit(c, n);
	r->last_ts = h->ts;
	if (h->ts > r->max_ts)
		r->max_ts = h->ts;
	r->batch_records++;
	r->batch_bytes += n;
	return 0;
}

/* The end of a drain: what it took goes into the stats; returns res. */
static int batch_done(struct reader *r, int *took, int res)
{
	*took = r->batch_records != 0;
	stat_add(&r->st.records, r->batch_records);
	stat_add(&r->st.bytes, r->batch_bytes);
	r->batch_records = 0;
	r->batch_bytes = 0;
	return res;
}

/* The perf buffer's counterpart of drain(): samples between data_tail and data_head. */
static int drain_perf(struct reader *r, int *took)
{
	struct perf_event_mmap_page *m = r->perf_meta;
	const struct reader_ring *rb = &r->ring;
	uint64_t head, tail, start, budget = rb->mask + 1;
	int res = READER_EMPTY;

	head = __atomic_load_n(&m->data_head, __ATOMIC_ACQUIRE);
	tail = m->data_tail;
	start = tail;
	while (tail < head) {
		struct perf_event_header eh;
		uint64_t off = tail & rb->mask;
		uint32_t raw;

		if (tail - start >= budget) {
			res = READER_MORE;
			break;
		}
		/* headers and the size word may wrap: copy them out piecewise */
		for (unsigned i = 0; i < sizeof(eh); i++)
			((uint8_t *)&eh)[i] = rb->data[(off + i) & rb->mask];
		if (eh.size < sizeof(eh) || tail + eh.size > head) {
			stat_add(&r->st.malformed, 1);
			tail = head; /* cannot walk on: drop the rest of this batch */
			break;
		}
		if (eh.type == PERF_RECORD_SAMPLE && eh.size >= sizeof(eh) + 4) {
			for (unsigned i = 0; i < 4; i++)
				((uint8_t *)&raw)[i] = rb->data[(off + sizeof(eh) + i) & rb->mask];
			if (raw > eh.size - sizeof(eh) - 4)
				raw = eh.size - sizeof(eh) - 4;
			if (take_record(r, tail + sizeof(eh) + 4, raw) == READER_STALLED) {
				res = READER_STALLED;
				break;
			}
		}
		/* PERF_RECORD_LOST: the BPF side counted those in its loss counters too */
		tail += eh.size;
	}
	__atomic_store_n(&m->data_tail, tail, __ATOMIC_RELEASE);
	return batch_done(r, took, res);
}

static int drain(struct reader *r, int *took)
{
	const struct reader_ring *rb = &r->ring;
	unsigned long cons, prod, start, released;
	uint64_t budget = rb->mask + 1;
	int res = READER_EMPTY;

	cons = __atomic_load_n(rb->consumer_pos, __ATOMIC_ACQUIRE);
	prod = __atomic_load_n(rb->producer_pos, __ATOMIC_ACQUIRE);
	start = released = cons;
	for (;;) {
		uint32_t hdr, len;

		if (cons >= prod) {
			prod = __atomic_load_n(rb->producer_pos, __ATOMIC_ACQUIRE);
			if (cons >= prod)
				break;
		}
		/* one ring's worth per batch: publish watermarks and see stop in time */
		if (cons - start >= budget) {
			res = READER_MORE;
			break;
		}
		hdr = __atomic_load_n((const uint32_t *)(rb->data + (cons & rb->mask)),
				      __ATOMIC_ACQUIRE);
		if (hdr & READER_RB_BUSY) {
			res = READER_BUSY;
			break;
		}
		len = hdr & ~(READER_RB_BUSY | READER_RB_DISCARD);
		if (!(hdr & READER_RB_DISCARD)) {
			if (take_record(r, cons + READER_RB_HDR, len) == READER_STALLED) {
				res = READER_STALLED;
				break;
			}
		}
		cons += VT_ALIGN((uint64_t)len + READER_RB_HDR, 8);
		/* give producers room back as we go, not only at the end of a long batch */
		if (cons - released >= budget / 4) {
			__atomic_store_n(r->ring.consumer_pos, cons, __ATOMIC_RELEASE);
			released = cons;
		}
	}
	if (cons != released)
		__atomic_store_n(r->ring.consumer_pos, cons, __ATOMIC_RELEASE);
	return batch_done(r, took, res);
}

/*
 * vltrace's ring: take committed records from tail on, give the room back.
 * Producers reserve with a compare-and-swap on head, so between tail and head
 * there may be records not committed yet (their commit word not this lap's): the
 * batch stops at the first one, as at a BPF ring buffer's busy bit.  Nothing is
 * cleared: the reader only reads the ring, so its lines stay shared with the
 * producer's CPU instead of coming back dirty from the reader's.
 */
static int drain_vt(struct reader *r, int *took)
{
	const struct reader_ring *rb = &r->ring;
	struct vt_ring_ctl *ctl = rb->ctl;
	uint64_t tail, head, start, released, budget = rb->mask + 1;
	int res = READER_EMPTY;

	tail = __atomic_load_n(&ctl->tail, __ATOMIC_RELAXED); /* ours alone */
	head = __atomic_load_n(&ctl->head, __ATOMIC_ACQUIRE);
	start = released = tail;
	for (;;) {
		uint64_t word;
		uint32_t len;

		if (tail >= head) {
			head = __atomic_load_n(&ctl->head, __ATOMIC_ACQUIRE);
			if (tail >= head)
				break;
		}
		if (tail - start >= budget) {
			res = READER_MORE;
			break;
		}
		word = __atomic_load_n((uint64_t *)(rb->data + (tail & rb->mask)),
				       __ATOMIC_ACQUIRE) ^ rb->key;
		if ((word & ~rb->mask) != (tail & ~rb->mask)) {
			res = READER_BUSY;
			break;
		}
		len = word & rb->mask;
		if (vt_unlikely(len < sizeof(struct vt_hdr) || len % 8 || len > VT_RECORD_MAX ||
				VT_RING_WORD + len > head - tail)) {
			/*
			 * Only a damaged ring looks like this, and the length cannot be
			 * trusted to walk on: give up what is reserved.  What it held
			 * does not read as records in later laps.
			 */
			stat_add(&r->st.malformed, 1);
			tail = head;
			break;
		}
		if (take_record(r, tail, len) == READER_STALLED) {
			res = READER_STALLED;
			break;
		}
		tail += VT_RING_WORD + len;
		/* give producers room back as we go, not only at the end of a long batch */
		if (tail - released >= budget / 4) {
			__atomic_store_n(&ctl->tail, tail, __ATOMIC_RELEASE);
			released = tail;
		}
	}
	if (tail != released)
		__atomic_store_n(&ctl->tail, tail, __ATOMIC_RELEASE);
	return batch_done(r, took, res);
}

static void publish(struct reader *r, uint64_t wm)
{
	if (wm > r->wm) {
		r->wm = wm;
		vt_stream_publish(r->stream, wm);
	}
}

int reader_batch(struct reader *r)
{
	uint64_t t0;
	int res, took = 0;

	t0 = r->clock();
	if (r->perf)
		res = drain_perf(r, &took);
	else if (r->ring.kind == READER_RING_VT)
		res = drain_vt(r, &took);
	else
		res = drain(r, &took);
	r->took = took;
	/* after the drain: the records taken come before the note of the losses */
	if ((r->counters_fd >= 0 || r->read_counters) && t0 - r->counters_at >= r->counters_ns) {
		report_losses(r, res == READER_EMPTY);
		r->counters_at = t0;
	}
	if (r->cur && r->cur->nrec) {
		vt_stream_push(r->stream, r->cur);
		r->cur = NULL;
	}
	if (res == READER_EMPTY)
		publish(r, t0 > r->slack_ns ? t0 - r->slack_ns : 0);
	else if (res == READER_STALLED)
		publish(r, r->max_ts);
	else if (took)
		publish(r, r->last_ts > r->slack_ns ? r->last_ts - r->slack_ns : 0);
	if (res == READER_STALLED)
		stat_add(&r->st.stalls, 1);
	stat_add(&r->st.batches, 1);
	return res;
}

static void wait_ring(struct reader *r, int ms)
{
	struct epoll_event ev[2];

	/* EINTR or a timeout: either way the caller drains next */
	epoll_wait(r->epfd, ev, ARRAY_SIZE(ev), ms);
}

void reader_finish(struct reader *r)
{
	unsigned busy = 0;
	int res;

	/*
	 * The programs are detached by now: drain the ring to its end.  Every chunk
	 * may be in flight behind a slow renderer: wait for them as long as it
	 * takes (the writer always gives them back, even after a failed write),
	 * since what stays in the ring would be lost without being counted.  Only
	 * a record stuck half-written (BUSY) for about 2 s is given up on, and a
	 * second signal (vt_stop 2) cuts the wait short.
	 */
	while (__atomic_load_n(&vt_stop, __ATOMIC_RELAXED) < 2 && busy < 2000) {
		res = reader_batch(r);
		if (res == READER_EMPTY)
			break;
		if (res == READER_BUSY)
			busy++;
		if (res != READER_MORE)
			wait_ring(r, 1);
	}
	/* the last losses: likewise, wait for a chunk to carry the note */
	while ((r->counters_fd >= 0 || r->read_counters) && report_losses(r, 1) &&
	       __atomic_load_n(&vt_stop, __ATOMIC_RELAXED) < 2)
		wait_ring(r, 1);
	if (r->cur && r->cur->nrec) {
		vt_stream_push(r->stream, r->cur);
	} else if (r->cur) {
		/* an empty chunk left over: back where vt_stream_fini frees it */
		vt_stream_put_chunk(r->stream, r->cur);
	}
	r->cur = NULL;
	r->wm = VT_WATERMARK_DONE;
	vt_stream_publish(r->stream, VT_WATERMARK_DONE);
}

static void *reader_main(void *arg)
{
	struct reader *r = arg;
	int res = READER_EMPTY;

	while (!stop_requested(r)) {
		if (__atomic_load_n(&vt_stop, __ATOMIC_RELAXED) >= 2) {
			/* cut short: leave the ring alone, wait for the stop */
			wait_ring(r, r->poll_ms);
			continue;
		}
		/* a producer finishing its record while records flow: go on at once */
		if (res == READER_EMPTY)
			wait_ring(r, r->poll_ms);
		else if (res == READER_STALLED || (res == READER_BUSY && !r->took))
			wait_ring(r, 1);
		if (stop_requested(r))
			break;
		res = reader_batch(r);
	}
	reader_finish(r);
	return NULL;
}

int reader_start(struct reader *r)
{
	int err = pthread_create(&r->thread, NULL, reader_main, r);
	char name[16];

	if (err)
		return -err;
	/* named for top -H and for the tests that count one reader per CPU */
	snprintf(name, sizeof(name), "vt-reader/%u", r->cpu);
	pthread_setname_np(r->thread, name);
	r->started = 1;
	return 0;
}

void reader_join(struct reader *r)
{
	int err;

	if (!r || !r->started)
		return;
	err = pthread_join(r->thread, NULL);
	if (err)
		vt_die(err);
	r->started = 0;
}

void reader_stats(const struct reader *r, struct reader_stats *st)
{
	st->records = __atomic_load_n(&r->st.records, __ATOMIC_RELAXED);
	st->bytes = __atomic_load_n(&r->st.bytes, __ATOMIC_RELAXED);
	st->malformed = __atomic_load_n(&r->st.malformed, __ATOMIC_RELAXED);
	st->lost = __atomic_load_n(&r->st.lost, __ATOMIC_RELAXED);
	st->stalls = __atomic_load_n(&r->st.stalls, __ATOMIC_RELAXED);
	st->lost_notes = __atomic_load_n(&r->st.lost_notes, __ATOMIC_RELAXED);
	st->batches = __atomic_load_n(&r->st.batches, __ATOMIC_RELAXED);
}

void reader_free(struct reader *r)
{
	if (!r)
		return;
	if (r->cur)
		vt_chunk_free(r->cur);
	if (r->epfd >= 0)
		close(r->epfd);
	if (r->prod_map)
		munmap(r->prod_map, r->prod_len);
	if (r->cons_map)
		munmap(r->cons_map, r->cons_len);
	free(r->cbuf);
	free(r);
}
