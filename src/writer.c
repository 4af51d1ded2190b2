// SPDX-License-Identifier: LGPL-2.1-or-later
#include "writer.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zstd.h>

#include "refilter.h"
#include "syscalltab.h"

/*
 * A trigger's records may still be in the merger's blocks when their time has come:
 * without blocks to show it, the snapshot waits this long past its end.
 */
#define TRIGGER_GRACE_NS 1000000000ull

/* A block kept by the flight recorder: its bytes as they go to a file. */
struct flight_blk {
	struct flight_blk *next;
	size_t len;
	uint32_t nrec;
	uint64_t first_ts, last_ts;
	uint8_t data[] __attribute__((aligned(8)));
};

struct writer {
	int fd;
	const struct tracefile_meta *meta;
	struct renderer *render;
	struct outbuf *text;
	struct merger_out *in;
	void (*totals)(void *arg, struct tracefile_totals *t);
	void *totals_arg;

	/* the file: staging buffer, always written from its start in 4 KiB multiples */
	uint8_t *stage;
	size_t cap, len;
	int direct;
	int file_err;		/* the file is given up */

	/* compression (meta->compress): the compressed block is built in zbuf */
	ZSTD_CCtx *cctx;
	uint8_t *zbuf;
	size_t zcap;
	unsigned behind;	/* blocks taken in a row with another one already waiting */
	uint64_t degraded;	/* blocks written below the level asked for */

	/* rotation and limits (writer_opts) */
	uint64_t rotate_size, rotate_ns, max_size;
	int (*open_file)(void *arg, unsigned index);
	void *file_arg;
	int no_direct;
	unsigned index;		/* of the file being written */
	uint64_t file_bytes;	/* of it so far, header included */
	uint64_t out_bytes;	/* of every file */
	uint32_t footer_len;
	struct tracefile_totals ft; /* the file's own: records, blocks, time range */
	uint64_t lost_base, late_base; /* the run's totals when the file was started */
	uint64_t *lost_cpu_base, *lost_cpu;
	int limited;		/* max_size reached: the last file is closed (atomic) */

	/* flight recorder: the newest blocks, as they would be written, in memory */
	uint64_t flight_size;
	struct flight_blk *fl_head, *fl_tail;
	uint64_t fl_bytes;
	unsigned snap_req;	/* snapshots asked for (atomic, any thread) */
	unsigned snap_done;	/* snapshots written, or given up */
	unsigned snap_sig;	/* of those, the ones snap_req asked for */
	unsigned max_snapshots;

	/* triggers: the whole calls that pass trig have a snapshot written */
	struct refilter *trig;
	const char *trig_text;
	uint64_t trig_after;
	int trig_pending;	/* a call passed: its snapshot waits for trig_end */
	uint64_t trig_end;	/* CLOCK_MONOTONIC ns */
	uint32_t trig_enter_tid; /* the last entry trig let through, for its exit */
	uint64_t trig_enter_ts;
	char trig_why[512];	/* the expression and the call, for the header */

	int text_err;		/* the text output is given up */

	int failed;		/* first error, negative errno (atomic) */
	struct writer_stats st;
	pthread_t thread;
	int started;
};

static void direct_on(struct writer *w);
static void trigger_emit(void *ctx, const struct vt_hdr *rec);

int writer_new(struct writer **out, const struct writer_opts *o)
{
	struct writer *w;

	*out = NULL;
	if (!o->in || (o->fd >= 0 && !o->meta) || (o->render && !o->text_out))
		return -EINVAL;
	w = vt_calloc(1, sizeof(*w));
	w->fd = o->fd;
	w->meta = o->meta;
	w->render = o->render;
	w->text = o->text_out;
	w->in = o->in;
	w->totals = o->totals;
	w->totals_arg = o->totals_arg;
	w->rotate_size = o->rotate_size;
	w->rotate_ns = o->rotate_ns;
	w->max_size = o->max_size;
	w->open_file = o->open_file;
	w->file_arg = o->file_arg;
	w->no_direct = o->no_direct;
	w->flight_size = o->flight_size;
	w->max_snapshots = o->max_snapshots;
	if (((w->rotate_size || w->rotate_ns || w->flight_size) && !w->open_file) ||
	    (w->flight_size && (w->fd >= 0 || !w->meta)) || (o->trigger && !w->flight_size)) {
		free(w);
		return -EINVAL;
	}
	if (o->trigger) {
		w->trig = refilter_new(NULL, 0, trigger_emit, w);
		refilter_set_filter(w->trig, o->trigger, NULL, NULL, 0, 1);
		w->trig_text = o->trigger_text ? o->trigger_text : "--trigger";
		w->trig_after = o->trigger_after_ns;
	}
	if (w->fd >= 0 || w->flight_size) {
		uint64_t one = 0;
		struct tracefile_totals ft = { .ncpus = w->meta->ncpus, .lost_per_cpu = &one };

		w->footer_len = (uint32_t)tracefile_footer_size(&ft);
		w->lost_cpu_base = vt_calloc(w->meta->ncpus + 1, sizeof(uint64_t));
		w->lost_cpu = vt_calloc(w->meta->ncpus + 1, sizeof(uint64_t));
		w->cap = o->stage_size ? VT_ALIGN(o->stage_size, WRITER_ALIGN) : WRITER_STAGE_DEFAULT;
		w->stage = vt_aligned_alloc(WRITER_ALIGN, w->cap);
		direct_on(w);
		if (w->meta->compress == TRACEFILE_COMPRESS_ZSTD) {
			w->cctx = ZSTD_createCCtx();
			if (!w->cctx)
				vt_die(ENOMEM);
			w->zcap = tracefile_block_compress_bound(TRACEFILE_BLOCK_MAX);
			w->zbuf = vt_aligned_alloc(8, w->zcap);
		}
	}
	*out = w;
	return 0;
}

/*
 * O_DIRECT only on regular files: on a pipe the same flag turns on packet mode, which
 * would split what the reader of the pipe sees.
 */
static void direct_on(struct writer *w)
{
	struct stat sb;

	if (!w->no_direct && !fstat(w->fd, &sb) && S_ISREG(sb.st_mode)) {
		int fl = fcntl(w->fd, F_GETFL);

		if (fl >= 0 && !fcntl(w->fd, F_SETFL, fl | O_DIRECT))
			w->direct = 1;
	}
}

static void set_failed(struct writer *w, int err)
{
	int zero = 0;

	__atomic_compare_exchange_n(&w->failed, &zero, err, 0, __ATOMIC_RELEASE,
				    __ATOMIC_RELAXED);
}

static void direct_off(struct writer *w)
{
	int fl = fcntl(w->fd, F_GETFL);

	if (fl >= 0)
		fcntl(w->fd, F_SETFL, fl & ~O_DIRECT);
	w->direct = 0;
}

static int write_all(struct writer *w, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t r = write(w->fd, p, n);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EINVAL && w->direct) {
				/* the file system refuses direct I/O after all: buffered it is */
				direct_off(w);
				continue;
			}
			return -errno;
		}
		if (r == 0)
			return -EIO;
		p += r;
		n -= r;
		__atomic_store_n(&w->st.bytes, w->st.bytes + r, __ATOMIC_RELAXED);
		if (w->direct)
			__atomic_store_n(&w->st.direct_bytes, w->st.direct_bytes + r,
					 __ATOMIC_RELAXED);
		/* a short direct write leaves an unaligned rest: go on buffered */
		if (n && w->direct)
			direct_off(w);
	}
	return 0;
}

/* Write the whole 4 KiB pieces of the staging buffer; keep the rest for later. */
static void stage_flush(struct writer *w, int all)
{
	size_t n = all ? w->len : w->len & ~(size_t)(WRITER_ALIGN - 1);
	int err;

	if (!n || w->file_err)
		return;
	if (all && w->direct && (n & (WRITER_ALIGN - 1))) {
		/* O_DIRECT writes whole pieces; the unaligned end goes through the cache */
		size_t whole = n & ~(size_t)(WRITER_ALIGN - 1);

		err = whole ? write_all(w, w->stage, whole) : 0;
		if (!err) {
			direct_off(w);
			err = write_all(w, w->stage + whole, n - whole);
		}
	} else {
		err = write_all(w, w->stage, n);
	}
	if (err) {
		w->file_err = err;
		set_failed(w, err);
		w->len = 0;
		return;
	}
	memmove(w->stage, w->stage + n, w->len - n);
	w->len -= n;
}

static void stage_append(struct writer *w, const void *data, size_t n)
{
	const uint8_t *p = data;

	w->file_bytes += n;
	w->out_bytes += n;
	while (n && !w->file_err) {
		size_t take = w->cap - w->len;

		if (take > n)
			take = n;
		memcpy(w->stage + w->len, p, take);
		w->len += take;
		p += take;
		n -= take;
		if (w->len == w->cap)
			stage_flush(w, 0);
	}
}

static void write_header(struct writer *w)
{
	ssize_t size = tracefile_header_size(w->meta), n;
	void *buf;

	if (size < 0) {
		w->file_err = (int)size;
		set_failed(w, (int)size);
		return;
	}
	buf = vt_malloc(size);
	n = tracefile_header_encode(w->meta, buf, size);
	if (n < 0) {
		w->file_err = (int)n;
		set_failed(w, (int)n);
	} else {
		stage_append(w, buf, n);
		__atomic_store_n(&w->st.raw_bytes, w->st.raw_bytes + n, __ATOMIC_RELAXED);
	}
	free(buf);
}

static void write_footer(struct writer *w)
{
	struct tracefile_totals t;
	ssize_t size, n;
	void *buf;

	memset(&t, 0, sizeof(t));
	if (w->totals)
		w->totals(w->totals_arg, &t);
	/*
	 * The file's own counts, so that each of several files reads alone; losses are
	 * those counted while it was written (their LOST records may fall in the next).
	 */
	t.records = w->ft.records;
	t.blocks = w->ft.blocks;
	t.first_ts = w->ft.first_ts;
	t.last_ts = w->ft.last_ts;
	t.lost -= w->lost_base;
	t.late -= w->late_base;
	w->lost_base += t.lost;
	w->late_base += t.late;
	for (uint32_t i = 0; i < t.ncpus && i < w->meta->ncpus; i++) {
		w->lost_cpu[i] = t.lost_per_cpu[i] - w->lost_cpu_base[i];
		w->lost_cpu_base[i] = t.lost_per_cpu[i];
	}
	if (t.ncpus > w->meta->ncpus)
		t.ncpus = w->meta->ncpus;
	if (t.ncpus)
		t.lost_per_cpu = w->lost_cpu;
	t.degraded = w->ft.degraded;
	size = tracefile_footer_size(&t);
	if (size < 0) {
		set_failed(w, (int)size);
		return;
	}
	buf = vt_malloc(size);
	n = tracefile_footer_encode(&t, buf, size);
	if (n < 0) {
		set_failed(w, (int)n);
	} else {
		stage_append(w, buf, n);
		__atomic_store_n(&w->st.raw_bytes, w->st.raw_bytes + n, __ATOMIC_RELAXED);
	}
	free(buf);
}

static void render_block(struct writer *w, const struct vt_chunk *b)
{
	uint32_t off = TRACEFILE_BLOCK_HDR;

	while (off < b->len) {
		const struct vt_hdr *rec = (const struct vt_hdr *)(b->data + off);

		render_record(w->render, rec);
		off += rec->size;
	}
	render_flush(w->render);
	if (outbuf_error(w->text)) {
		w->text_err = outbuf_error(w->text) ? outbuf_error(w->text) : -EIO;
		set_failed(w, w->text_err);
	}
}

/*
 * The level for the next block.  The merger has a few blocks only (MERGER_NBLOCKS_DEFAULT,
 * 4): one it fills, one the writer writes; once two more wait, the merger waits for the
 * writer, readers stop draining and the kernel soon drops records.  So a writer that
 * finds two blocks waiting behind the one it took compresses faster, then not at all,
 * and is back at the level asked for as soon as it has caught up.  Returns 0 for raw.
 */
static int writer_level(struct writer *w, int behind)
{
	int level = w->meta->compress_level ? w->meta->compress_level : ZSTD_CLEVEL_DEFAULT;

	w->behind = behind ? w->behind + 1 : 0;
	if (w->behind >= 2)
		return 0;
	if (w->behind == 1 && level > 1)
		return 1;
	return level;
}

/* The bytes of b as they go to the file: *p and the length. */
static size_t block_bytes(struct writer *w, const struct vt_chunk *b, int behind,
			  const uint8_t **p)
{
	int want = w->meta->compress_level ? w->meta->compress_level : ZSTD_CLEVEL_DEFAULT;
	int level = writer_level(w, behind);
	ssize_t n = 0;

	if (level != want) {
		w->degraded++;
		w->ft.degraded++;
	}
	if (level)
		n = tracefile_block_compress(w->cctx, level, b->data, w->zbuf, w->zcap);
	/* a compression error is not a write error: the block goes out as it is */
	if (n > 0) {
		*p = w->zbuf;
		return (size_t)n;
	}
	*p = b->data;
	return b->len;
}

/* Close the file being written with its footer: complete, it reads alone. */
static void end_file(struct writer *w)
{
	write_footer(w);
	stage_flush(w, 1);
	if (w->direct)
		direct_off(w);
	if (w->index && !w->file_err)
		close(w->fd); /* the first file's descriptor is the caller's */
}

/* The next file of a rotation: footer on this one, header on the next. */
static void rotate(struct writer *w)
{
	int fd;

	end_file(w);
	if (w->file_err)
		return;
	fd = w->open_file(w->file_arg, w->index + 1);
	if (fd < 0) {
		w->file_err = fd;
		set_failed(w, fd);
		return;
	}
	__atomic_store_n(&w->index, w->index + 1, __ATOMIC_RELAXED);
	w->fd = fd;
	w->file_bytes = 0;
	memset(&w->ft, 0, sizeof(w->ft));
	direct_on(w);
	write_header(w);
}

static void write_block(struct writer *w, const struct vt_chunk *b, int behind)
{
	const uint8_t *p = b->data;
	size_t len = w->cctx ? block_bytes(w, b, behind, &p) : b->len;

	if (w->max_size && w->out_bytes + len + w->footer_len > w->max_size) {
		/* stop cleanly: the files hold every block before this one, and a footer */
		end_file(w);
		__atomic_store_n(&w->limited, 1, __ATOMIC_RELEASE);
		return;
	}
	if (w->ft.blocks && ((w->rotate_size && w->file_bytes + len + w->footer_len >
							  w->rotate_size) ||
			     (w->rotate_ns && b->first_ts - w->ft.first_ts >= w->rotate_ns))) {
		rotate(w);
		if (w->file_err)
			return;
	}
	stage_append(w, p, len);
	if (!w->ft.blocks || b->first_ts < w->ft.first_ts)
		w->ft.first_ts = b->first_ts;
	if (b->last_ts > w->ft.last_ts)
		w->ft.last_ts = b->last_ts;
	w->ft.blocks++;
	w->ft.records += b->nrec;
}

/* Syscalls in a block, for the closing line: one exit or whole-call record each. */
static uint64_t count_calls(const struct vt_chunk *b)
{
	uint32_t off = TRACEFILE_BLOCK_HDR;
	uint64_t n = 0;

	while (off < b->len) {
		const struct vt_hdr *rec = (const struct vt_hdr *)(b->data + off);

		n += rec->type == VT_EXIT || rec->type == VT_SYSCALL;
		off += rec->size;
	}
	return n;
}

/* Keep b, compressed as it would be written, and drop the oldest past flight_size. */
static void flight_keep(struct writer *w, const struct vt_chunk *b, int behind)
{
	const uint8_t *p = b->data;
	size_t len = w->cctx ? block_bytes(w, b, behind, &p) : b->len;
	struct flight_blk *f = vt_aligned_alloc(8, sizeof(*f) + len);

	f->next = NULL;
	f->len = len;
	f->nrec = b->nrec;
	f->first_ts = b->first_ts;
	f->last_ts = b->last_ts;
	memcpy(f->data, p, len);
	if (w->fl_tail)
		w->fl_tail->next = f;
	else
		w->fl_head = f;
	w->fl_tail = f;
	w->fl_bytes += len;
	/* a snapshot waiting for the records after its trigger keeps what it has */
	while (!w->trig_pending && w->fl_bytes > w->flight_size && w->fl_head != w->fl_tail) {
		struct flight_blk *old = w->fl_head;

		w->fl_head = old->next;
		w->fl_bytes -= old->len;
		free(old);
	}
}

/*
 * A snapshot: a whole trace file of the blocks kept, its header naming what asked for
 * it.  Written on this thread, synchronously; the kernel buffers and the queues hold
 * what arrives meanwhile.
 */
static void flight_snapshot(struct writer *w, const char *why)
{
	const struct tracefile_meta *meta = w->meta;
	struct tracefile_meta sm = *meta;
	struct flight_blk *f;
	int fd;

	fd = w->open_file(w->file_arg, w->snap_done);
	w->snap_done++;
	if (fd < 0)
		return; /* the callback said why; the next trigger tries again */
	sm.trigger = why;
	w->meta = &sm;
	w->fd = fd;
	w->file_err = 0;
	w->file_bytes = 0;
	memset(&w->ft, 0, sizeof(w->ft));
	direct_on(w);
	write_header(w);
	for (f = w->fl_head; f && !w->file_err; f = f->next) {
		stage_append(w, f->data, f->len);
		if (!w->ft.blocks || f->first_ts < w->ft.first_ts)
			w->ft.first_ts = f->first_ts;
		if (f->last_ts > w->ft.last_ts)
			w->ft.last_ts = f->last_ts;
		w->ft.blocks++;
		w->ft.records += f->nrec;
		stage_flush(w, 0);
	}
	write_footer(w);
	stage_flush(w, 1);
	if (w->file_err)
		set_failed(w, w->file_err);
	close(fd);
	w->fd = -1;
	w->direct = 0;
	w->meta = meta;
	__atomic_store_n(&w->index, w->snap_done, __ATOMIC_RELAXED);
	if (w->max_snapshots && w->snap_done >= w->max_snapshots)
		__atomic_store_n(&w->limited, 1, __ATOMIC_RELEASE);
}

/*
 * A call the trigger let through: an entry is noted for the exit that follows it
 * (a call that waited for its exit comes as both, back to back); the first exit or
 * whole call sets the snapshot going.
 */
static void trigger_emit(void *ctx, const struct vt_hdr *rec)
{
	struct writer *w = ctx;
	const struct vt_syscall_info *si;
	uint64_t enter = 0;
	int64_t ret;
	int n;

	if (rec->type == VT_ENTER) {
		w->trig_enter_tid = rec->tid;
		w->trig_enter_ts = rec->ts;
		return;
	}
	if (w->trig_pending || (rec->type != VT_EXIT && rec->type != VT_SYSCALL))
		return;
	if (rec->type == VT_SYSCALL) {
		enter = ((const struct vt_syscall *)rec)->enter_ts;
		ret = ((const struct vt_syscall *)rec)->ret;
	} else {
		if (w->trig_enter_tid == rec->tid && w->trig_enter_ts <= rec->ts)
			enter = w->trig_enter_ts;
		ret = ((const struct vt_exit *)rec)->ret;
	}
	w->trig_enter_tid = 0;
	si = syscalltab_get(rec->nr);
	if (si && si->name)
		n = snprintf(w->trig_why, sizeof(w->trig_why), "%s: [pid %u] %s() = %" PRId64,
			     w->trig_text, rec->tid, si->name, ret);
	else
		n = snprintf(w->trig_why, sizeof(w->trig_why),
			     "%s: [pid %u] syscall_%u() = %" PRId64, w->trig_text, rec->tid,
			     rec->nr, ret);
	if (enter && n > 0 && (size_t)n < sizeof(w->trig_why))
		snprintf(w->trig_why + n, sizeof(w->trig_why) - n, " <%" PRIu64 ".%06" PRIu64 ">",
			 (uint64_t)((rec->ts - enter) / 1000000000u),
			 (uint64_t)((rec->ts - enter) / 1000u % 1000000u));
	w->trig_pending = 1;
	w->trig_end = rec->ts + w->trig_after;
}

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* end: 1 once no more records come (the end of tracing) */
static void flight_check(struct writer *w, int end)
{
	if (!w->flight_size || w->limited)
		return;
	if (__atomic_load_n(&w->snap_req, __ATOMIC_ACQUIRE) != w->snap_sig) {
		w->snap_sig++;
		flight_snapshot(w, "SIGUSR1");
	}
	if (w->trig_pending && !w->limited &&
	    (end || mono_ns() >= w->trig_end + TRIGGER_GRACE_NS)) {
		w->trig_pending = 0;
		flight_snapshot(w, w->trig_why);
	}
}

/* Run b's records through the trigger; a snapshot once b reaches past the trigger's end. */
static void trigger_block(struct writer *w, const struct vt_chunk *b)
{
	uint32_t off = TRACEFILE_BLOCK_HDR;

	while (off < b->len) {
		const struct vt_hdr *rec = (const struct vt_hdr *)(b->data + off);

		refilter_record(w->trig, rec);
		off += rec->size;
	}
	if (w->trig_pending && b->last_ts >= w->trig_end) {
		w->trig_pending = 0;
		flight_snapshot(w, w->trig_why);
	}
}

static void take_block(struct writer *w, struct vt_chunk *b)
{
	if (w->render && !w->text_err)
		render_block(w, b);
	/* sent counts pushes only the merger makes: tests that push by hand see 0 */
	int64_t waiting = (int64_t)(__atomic_load_n(&w->in->sent, __ATOMIC_RELAXED) -
				    w->st.blocks - 1);

	if (w->flight_size)
		flight_keep(w, b, waiting >= WRITER_BEHIND);
	if (w->trig && !w->limited)
		trigger_block(w, b);
	if (w->fd >= 0 && !w->file_err && !w->limited) {
		write_block(w, b, waiting >= WRITER_BEHIND);
		/* keep the file current: whole pieces now, the rest with the next block */
		if (!w->limited)
			stage_flush(w, 0);
	}
	__atomic_store_n(&w->st.blocks, w->st.blocks + 1, __ATOMIC_RELAXED);
	if (!w->limited) {
		/* past --max-size the blocks are taken but not written: not counted */
		__atomic_store_n(&w->st.records, w->st.records + b->nrec, __ATOMIC_RELAXED);
		__atomic_store_n(&w->st.raw_bytes, w->st.raw_bytes + b->len, __ATOMIC_RELAXED);
		__atomic_store_n(&w->st.calls, w->st.calls + count_calls(b), __ATOMIC_RELAXED);
	}
	__atomic_store_n(&w->st.degraded, w->degraded, __ATOMIC_RELAXED);
	merger_out_put(w->in, b);
}

void writer_run(struct writer *w)
{
	struct vt_chunk *b;
	int32_t ticket;

	if (w->fd >= 0)
		write_header(w);
	for (;;) {
		flight_check(w, 0);
		b = merger_out_pop(w->in);
		if (b) {
			take_block(w, b);
			continue;
		}
		if (merger_out_done(w->in)) {
			/* done is set after the last push: one more pop sees it */
			b = merger_out_pop(w->in);
			if (!b)
				break;
			take_block(w, b);
			continue;
		}
		ticket = vt_wait_prepare(&w->in->writer_wait, VT_WAIT_CHUNKS);
		if (!vt_queue_empty(&w->in->blocks) || merger_out_done(w->in) ||
		    (w->flight_size && __atomic_load_n(&w->snap_req, __ATOMIC_ACQUIRE) !=
					       w->snap_sig)) {
			vt_wait_cancel(&w->in->writer_wait);
			continue;
		}
		vt_wait_sleep(&w->in->writer_wait, ticket, 100000000ull);
	}
	if (w->fd >= 0 && !w->file_err && !w->limited)
		end_file(w);
	flight_check(w, 1); /* a request that came with the end, a trigger's records */
}

void writer_snapshot(struct writer *w)
{
	__atomic_add_fetch(&w->snap_req, 1, __ATOMIC_RELEASE);
	vt_wait_wake(&w->in->writer_wait, VT_WAIT_CHUNKS);
}

static void *writer_main(void *arg)
{
	writer_run(arg);
	return NULL;
}

int writer_start(struct writer *w)
{
	int err = pthread_create(&w->thread, NULL, writer_main, w);

	if (err)
		return -err;
	pthread_setname_np(w->thread, "vt-writer");
	w->started = 1;
	return 0;
}

void writer_join(struct writer *w)
{
	int err;

	if (!w || !w->started)
		return;
	err = pthread_join(w->thread, NULL);
	if (err)
		vt_die(err);
	w->started = 0;
}

int writer_limited(const struct writer *w)
{
	return __atomic_load_n(&w->limited, __ATOMIC_ACQUIRE);
}

int writer_failed(const struct writer *w)
{
	return __atomic_load_n(&w->failed, __ATOMIC_ACQUIRE);
}

void writer_stats(const struct writer *w, struct writer_stats *st)
{
	st->bytes = __atomic_load_n(&w->st.bytes, __ATOMIC_RELAXED);
	st->blocks = __atomic_load_n(&w->st.blocks, __ATOMIC_RELAXED);
	st->records = __atomic_load_n(&w->st.records, __ATOMIC_RELAXED);
	st->direct_bytes = __atomic_load_n(&w->st.direct_bytes, __ATOMIC_RELAXED);
	st->raw_bytes = __atomic_load_n(&w->st.raw_bytes, __ATOMIC_RELAXED);
	st->calls = __atomic_load_n(&w->st.calls, __ATOMIC_RELAXED);
	st->degraded = __atomic_load_n(&w->st.degraded, __ATOMIC_RELAXED);
	st->files = w->fd >= 0 ? __atomic_load_n(&w->index, __ATOMIC_RELAXED) + 1 :
		    w->flight_size ? __atomic_load_n(&w->index, __ATOMIC_RELAXED) : 0;
}

void writer_free(struct writer *w)
{
	if (!w)
		return;
	if (w->fd >= 0 && w->direct && !w->index)
		direct_off(w); /* the fd is the caller's: leave it as it came */
	while (w->fl_head) {
		struct flight_blk *f = w->fl_head;

		w->fl_head = f->next;
		free(f);
	}
	refilter_free(w->trig);
	free(w->lost_cpu_base);
	free(w->lost_cpu);
	free(w->stage);
	free(w->zbuf);
	ZSTD_freeCCtx(w->cctx);
	free(w);
}
