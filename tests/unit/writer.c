// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The writer: a trace file through O_DIRECT (where the file system takes it) and
 * through plain write() (a pipe), exact file length, the file read back with the
 * trace file reader, live rendering, and write errors (disk full, closed pipe).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "writer.h"

/* The tests hand the writer this in place of a renderer (the real one is not used here). */
struct fake_render {
	struct outbuf *out;
	uint64_t records, finished, last_ts, order_bad;
};

void render_record(struct renderer *r, const struct vt_hdr *rec)
{
	struct fake_render *f = (struct fake_render *)r;

	if (rec->ts < f->last_ts)
		f->order_bad++;
	f->last_ts = rec->ts;
	f->records++;
	outbuf_printf(f->out, "%llu\n", (unsigned long long)rec->ts);
}

void render_finish(struct renderer *r)
{
	((struct fake_render *)r)->finished++;
}

void render_flush(struct renderer *r)
{
	outbuf_flush(((struct fake_render *)r)->out);
}

static const char *names[] = { "read", "write", NULL, "close" };

static struct tracefile_meta meta = {
	.arch = "x86_64",
	.kernel = "6.18.0-test",
	.host = "testhost",
	.cmdline = "vltrace -W x -- true",
	.realtime_at_mono0 = 1700000000000000000ull,
	.start_mono = 1000,
	.ncpus = 2,
	.nsyscalls = 4,
	.syscall_names = names,
};

#define NBLOCKS 37

static uint64_t lost_per_cpu[2] = { 5, 7 };
static uint64_t total_records, total_payload;

static void totals(void *arg, struct tracefile_totals *t)
{
	t->records = total_records;
	t->blocks = NBLOCKS;
	t->lost = 12;
	t->late = 0;
	t->first_ts = 1;
	t->last_ts = total_records;
	t->ncpus = 2;
	t->lost_per_cpu = lost_per_cpu;
}

/* NBLOCKS sealed blocks of odd sizes, queued for the writer, then "done". */
static void queue_blocks(struct merger_out *out)
{
	uint64_t ts = 1;
	unsigned i;

	total_records = total_payload = 0;
	for (i = 0; i < NBLOCKS; i++) {
		struct vt_chunk *b = vt_chunk_new(256 << 10);
		unsigned n = 1 + (i * 7919) % 3000, k;

		vt_chunk_reset(b);
		b->len = TRACEFILE_BLOCK_HDR;
		for (k = 0; k < n; k++) {
			struct vt_exit *x = (struct vt_exit *)(b->data + b->len);

			memset(x, 0, sizeof(*x));
			x->h.ts = ts++;
			x->h.tid = x->h.tgid = 42;
			x->h.type = VT_EXIT;
			x->h.size = sizeof(*x);
			x->h.nr = 3;
			x->ret = k;
			b->len += sizeof(*x);
			b->nrec++;
		}
		tracefile_block_seal(b->data, b->len - TRACEFILE_BLOCK_HDR, b->nrec, ts - n, ts - 1);
		total_records += n;
		total_payload += b->len;
		vt_queue_push(&out->blocks, b);
	}
	out->done = 1;
}

/* Read a trace file (or image) back; returns records read, -1 on an error. */
static long read_back(const char *path, const void *mem, size_t len, uint64_t *footer_records)
{
	struct tracefile_reader *r;
	const struct vt_hdr *rec;
	char err[256];
	long n = 0;
	uint64_t want_ts = 1;
	int rc;

	rc = path ? tracefile_open(path, &r, err, sizeof(err))
		  : tracefile_open_mem(mem, len, &r, err, sizeof(err));
	if (rc) {
		diag("open: %s", err);
		return -1;
	}
	while ((rc = tracefile_next(r, &rec)) == 1) {
		if (rec->ts != want_ts++)
			n = -1000000000;
		n++;
	}
	if (rc < 0 || tracefile_reader_warning(r)) {
		diag("read: %s / %s", tracefile_reader_error(r) ? tracefile_reader_error(r) : "",
		     tracefile_reader_warning(r) ? tracefile_reader_warning(r) : "");
		n = -1;
	}
	*footer_records = tracefile_reader_totals(r) ? tracefile_reader_totals(r)->records : 0;
	tracefile_close(r);
	return n;
}

/* run_writer's header, and the blocks it says the merger sent (the writer's backlog) */
static const struct tracefile_meta *run_meta = &meta;
static uint64_t run_sent;

static void expected_size(uint64_t *size)
{
	struct tracefile_totals t;

	totals(NULL, &t);
	*size = tracefile_header_size(run_meta) + total_payload + tracefile_footer_size(&t);
}

static int run_writer(int fd, size_t stage, struct fake_render *fr, struct outbuf *text,
		      struct writer_stats *ws, unsigned *given_back)
{
	struct vt_wait mw = { 0 };
	struct merger_out *out = vt_aligned_alloc(VT_CACHELINE, sizeof(*out));
	struct writer *w;
	struct writer_opts wo = {
		.fd = fd, .meta = run_meta, .in = out, .stage_size = stage,
		.render = (struct renderer *)fr, .text_out = text,
		.totals = totals,
	};
	struct vt_chunk *b;
	int err;

	merger_out_init(out, &mw);
	queue_blocks(out);
	out->sent = run_sent;
	err = writer_new(&w, &wo);
	if (err) {
		diag("writer_new: %d", err);
		return err;
	}
	writer_run(w);
	writer_stats(w, ws);
	err = writer_failed(w);
	*given_back = 0;
	while ((b = vt_queue_pop(&out->free))) {
		(*given_back)++;
		vt_chunk_free(b);
	}
	writer_free(w);
	merger_out_fini(out);
	free(out);
	return err;
}

/* Does this directory's file system take O_DIRECT? */
static int direct_ok(const char *dir)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/vltrace-direct-XXXXXX", dir);
	fd = mkstemp(path);
	if (fd < 0)
		return 0;
	unlink(path);
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_DIRECT)) {
		close(fd);
		return 0;
	}
	close(fd);
	return 1;
}

static void test_file(const char *dir, size_t stage)
{
	char path[256];
	struct writer_stats ws;
	struct stat sb;
	uint64_t want, footer = 0;
	unsigned back;
	int fd, err, direct = direct_ok(dir);

	snprintf(path, sizeof(path), "%s/vltrace-writer-XXXXXX", dir);
	fd = mkstemp(path);
	if (!ok(fd >= 0, "%s: temporary file", dir))
		return;
	err = run_writer(fd, stage, NULL, NULL, &ws, &back);
	is_int(err, 0, "%s: no write error", dir);
	is_int(ws.direct_bytes > 0, direct, "%s: O_DIRECT %s", dir,
	       direct ? "in use" : "not available");
	if (direct)
		ok(ws.direct_bytes > ws.bytes - WRITER_ALIGN,
		   "%s: all but the unaligned end goes through O_DIRECT", dir);
	is_int(back, NBLOCKS, "%s: every block is given back to the merger", dir);
	is_int(ws.blocks, NBLOCKS, "%s: writer_stats counts the blocks", dir);
	expected_size(&want);
	fstat(fd, &sb);
	is_int(sb.st_size, want, "%s: the file is exactly header + blocks + footer", dir);
	is_int(ws.bytes, want, "%s: writer_stats counts every byte", dir);
	ok(!(fcntl(fd, F_GETFL) & O_DIRECT), "%s: the fd is left without O_DIRECT", dir);
	close(fd);
	is_int(read_back(path, NULL, 0, &footer), total_records,
	       "%s: the trace file reader reads every record back, in order", dir);
	is_int(footer, total_records, "%s: the footer holds the totals", dir);
	unlink(path);
}

struct sink {
	int fd;
	uint8_t *buf;
	size_t len, cap;
};

static void *drain_pipe(void *arg)
{
	struct sink *s = arg;
	ssize_t r;

	for (;;) {
		if (s->len == s->cap) {
			s->cap = s->cap ? 2 * s->cap : 1 << 20;
			s->buf = realloc(s->buf, s->cap);
		}
		r = read(s->fd, s->buf + s->len, s->cap - s->len);
		if (r <= 0)
			break;
		s->len += r;
	}
	return NULL;
}

static void test_pipe(void)
{
	struct writer_stats ws;
	struct sink s = { 0 };
	pthread_t th;
	uint64_t want, footer = 0;
	unsigned back;
	int p[2], err;

	if (pipe(p))
		vt_die(errno);
	s.fd = p[0];
	pthread_create(&th, NULL, drain_pipe, &s);
	err = run_writer(p[1], 0, NULL, NULL, &ws, &back);
	close(p[1]);
	pthread_join(th, NULL);
	close(p[0]);
	is_int(err, 0, "pipe: no write error");
	is_int(ws.direct_bytes, 0, "pipe: never O_DIRECT (packet mode would split the stream)");
	expected_size(&want);
	is_int(s.len, want, "pipe: exactly header + blocks + footer");
	is_int(read_back(NULL, s.buf, s.len, &footer), total_records,
	       "pipe: the image reads back, every record in order");
	free(s.buf);
}

static void test_render(void)
{
	struct fake_render fr = { 0 };
	struct outbuf text;
	struct writer_stats ws;
	struct sink s = { 0 };
	pthread_t th;
	unsigned back;
	int p[2], err;
	size_t want = 0;
	uint64_t ts;

	if (pipe(p))
		vt_die(errno);
	s.fd = p[0];
	pthread_create(&th, NULL, drain_pipe, &s);
	outbuf_init(&text, p[1], 4096);
	fr.out = &text;
	err = run_writer(-1, 0, &fr, &text, &ws, &back);
	close(p[1]);
	pthread_join(th, NULL);
	close(p[0]);
	is_int(err, 0, "render: no error");
	is_int(fr.records, total_records, "render: every record is rendered");
	is_int(fr.order_bad, 0, "render: in order");
	is_int(fr.finished, 0, "render: render_finish is left to the caller");
	for (ts = 1; ts <= total_records; ts++)
		want += snprintf(NULL, 0, "%llu\n", (unsigned long long)ts);
	is_int(s.len, want, "render: all the text reaches the output");
	is_int(back, NBLOCKS, "render: every block is given back");
	outbuf_fini(&text);
	free(s.buf);
}

static void test_errors(void)
{
	struct writer_stats ws;
	unsigned back;
	int p[2], fd, err;

	fd = open("/dev/full", O_WRONLY);
	if (fd >= 0) {
		err = run_writer(fd, 64 << 10, NULL, NULL, &ws, &back);
		is_int(err, -ENOSPC, "disk full: the error is reported");
		is_int(back, NBLOCKS, "disk full: blocks keep being taken and given back");
		close(fd);
	} else {
		ok(1, "# SKIP no /dev/full");
		ok(1, "# SKIP no /dev/full");
	}

	signal(SIGPIPE, SIG_IGN);
	if (pipe(p))
		vt_die(errno);
	close(p[0]);
	err = run_writer(p[1], 0, NULL, NULL, &ws, &back);
	is_int(err, -EPIPE, "closed pipe: EPIPE is reported");
	is_int(back, NBLOCKS, "closed pipe: blocks keep being taken and given back");
	close(p[1]);
}

/* Count the blocks of a trace file image by their ZSTD flag; the footer's degraded count. */
static void scan_blocks(const uint8_t *p, size_t len, unsigned *zstd, unsigned *raw,
			uint32_t *degraded)
{
	size_t off;
	uint32_t hlen;

	*zstd = *raw = 0;
	memcpy(&hlen, p + 16, 4);
	for (off = hlen; off + TRACEFILE_BLOCK_HDR <= len && !memcmp(p + off, "VLTBLOCK", 8);) {
		uint32_t plen, flags;

		memcpy(&plen, p + off + 12, 4);
		memcpy(&flags, p + off + 20, 4);
		if (flags & TRACEFILE_BLOCK_ZSTD)
			(*zstd)++;
		else
			(*raw)++;
		off += TRACEFILE_BLOCK_HDR + plen;
	}
	memcpy(degraded, p + len - 8, 4);
}

/*
 * Compression in the writer: every block compressed while the writer keeps up; with
 * blocks waiting behind it, lower levels and raw blocks, counted in the footer, and
 * the file reads back the same either way.
 */
static void test_compress(void)
{
	struct tracefile_meta zm = meta;
	struct writer_stats ws;
	unsigned back, zstd, raw, pass;
	uint64_t want, footer;
	uint32_t degraded;

	zm.compress = TRACEFILE_COMPRESS_ZSTD;
	zm.compress_level = 3;
	run_meta = &zm;
	for (pass = 0; pass < 2; pass++) {
		struct sink s = { 0 };
		pthread_t t;
		int p[2];

		/* pass 1: the merger has sent all of them: the writer is behind from the start */
		run_sent = pass ? NBLOCKS : 0;
		if (pipe(p))
			abort();
		s.fd = p[0];
		pthread_create(&t, NULL, drain_pipe, &s);
		is_int(run_writer(p[1], 0, NULL, NULL, &ws, &back), 0, "zstd %s: no write error",
		       pass ? "behind" : "keeping up");
		close(p[1]);
		pthread_join(t, NULL);
		close(p[0]);
		scan_blocks(s.buf, s.len, &zstd, &raw, &degraded);
		expected_size(&want);
		if (!pass) {
			/* the first block holds one record: compressed it would be larger */
			ok(zstd == NBLOCKS - 1 && raw == 1 && !degraded && !ws.degraded,
			   "zstd keeping up: every block compressed but the one-record one "
			   "(%u zstd, %u raw, %u degraded)",
			   zstd, raw, degraded);
			ok(s.len * 4 < want, "zstd keeping up: %zu bytes, %llu raw", s.len,
			   (unsigned long long)want);
		} else {
			ok(raw > 0 && ws.degraded > 0 && degraded == ws.degraded,
			   "zstd behind: raw blocks (%u zstd, %u raw), %llu degraded, in the footer %u",
			   zstd, raw, (unsigned long long)ws.degraded, degraded);
		}
		is_int(ws.raw_bytes, want, "zstd %s: raw_bytes is the size without compression",
		       pass ? "behind" : "keeping up");
		is_int(read_back(NULL, s.buf, s.len, &footer), total_records,
		       "zstd %s: every record reads back, in order", pass ? "behind" : "keeping up");
		free(s.buf);
	}
	run_meta = &meta;
	run_sent = 0;
}

int main(void)
{
	const char *dirs[] = { "/var/tmp", "/tmp", "/dev/shm" };
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		if (access(dirs[i], W_OK))
			continue;
		diag("%s: O_DIRECT %s", dirs[i], direct_ok(dirs[i]) ? "accepted" : "refused");
		/* a small staging buffer: many full-buffer writes and carried tails */
		test_file(dirs[i], 64 << 10);
	}
	test_file("/var/tmp", 0);
	test_pipe();
	test_render();
	test_errors();
	test_compress();
	return done_testing();
}
