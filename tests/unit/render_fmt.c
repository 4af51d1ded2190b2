// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The formatters of whole calls (render_fmt.h), fed calls built by hand: CSV's
 * RFC 4180 quoting and TSV's escapes byte for byte, and the Perfetto encoder's
 * packets read back field by field with a protobuf reader of the test's own
 * (tests/integration/perfetto-pb.sh decodes real traces with protoc).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "render_fmt.h"
#include "tap.h"

struct sink {
	struct outbuf ob;
	int fd;
	char buf[8192];
	size_t len;
};

static void sink_open(struct sink *s)
{
	s->fd = memfd_create("fmt", 0);
	if (s->fd < 0)
		abort();
	outbuf_init(&s->ob, s->fd, 0);
}

/* Everything written since the last sink_reset. */
static const char *sink_take(struct sink *s)
{
	off_t end;

	outbuf_flush(&s->ob);
	end = lseek(s->fd, 0, SEEK_CUR);
	if (end < 0 || (size_t)end >= sizeof(s->buf) || pread(s->fd, s->buf, end, 0) != end)
		abort();
	s->len = end;
	s->buf[s->len] = 0;
	return s->buf;
}

static void sink_reset(struct sink *s)
{
	if (ftruncate(s->fd, 0) || lseek(s->fd, 0, SEEK_SET))
		abort();
}

static struct render_call a_call(void)
{
	struct render_call c = {
		.enter_ts = 1000000000,
		.exit_ts = 1000000300,
		.entered = 1,
		.returned = 1,
		.tgid = 42,
		.tid = 43,
		.comm = "cat",
		.nr = 257,
		.name = "openat",
		.nargs = 3,
		.arg = { "AT_FDCWD", "\"/x,y\"", "O_RDONLY" },
		.ret = 3,
	};

	return c;
}

static const char header_csv[] =
	"time,ts_ns,pid,tid,comm,syscall,arg0,arg1,arg2,arg3,arg4,arg5,ret,errno,dur_ns\r\n";

static void test_csv(void)
{
	struct render_opts o = { .realtime_at_mono0 = 1764876620000000000ull };
	struct sink s;
	struct render_call c = a_call();
	void *f;

	sink_open(&s);
	f = render_csv_ops.open(&s.ob, &o);
	is_str(sink_take(&s), header_csv, "csv: the header row, CRLF");
	sink_reset(&s);

	render_csv_ops.call(f, &c);
	is_str(sink_take(&s),
	       "2025-12-04T19:30:21.000000000Z,1000000000,42,43,cat,openat,AT_FDCWD,"
	       "\"\"\"/x,y\"\"\",O_RDONLY,,,,3,,300\r\n",
	       "csv: a field with a comma and quotes is quoted, its quotes doubled");
	sink_reset(&s);

	c.arg[0] = "a\r\nb";
	c.arg[1] = NULL;
	c.ret = -2;
	c.errname = "ENOENT";
	render_csv_ops.call(f, &c);
	is_str(sink_take(&s),
	       "2025-12-04T19:30:21.000000000Z,1000000000,42,43,cat,openat,\"a\r\nb\",,"
	       "O_RDONLY,,,,-2,ENOENT,300\r\n",
	       "csv: CR and LF quoted; an argument not shown is empty; errno named");
	sink_reset(&s);

	c.returned = 0;
	c.comm = "";
	render_csv_ops.call(f, &c);
	is_str(sink_take(&s),
	       "2025-12-04T19:30:21.000000000Z,1000000000,42,43,,openat,\"a\r\nb\",,"
	       "O_RDONLY,,,,,,\r\n",
	       "csv: a call that has not returned: no ret, errno or duration");
	render_csv_ops.finish(f);
	render_csv_ops.close(f);
	outbuf_fini(&s.ob);
	close(s.fd);
}

static void test_tsv(void)
{
	struct render_opts o = { .realtime_at_mono0 = 1764876620000000000ull };
	struct sink s;
	struct render_call c = a_call();
	void *f;

	sink_open(&s);
	f = render_tsv_ops.open(&s.ob, &o);
	sink_take(&s);
	ok(!strncmp(s.buf, "time\tts_ns\tpid\t", 15) && s.buf[s.len - 1] == '\n' &&
		   s.buf[s.len - 2] != '\r',
	   "tsv: tab-separated header, LF");
	sink_reset(&s);
	c.arg[1] = "\"a\\tb\"\t\n\r";
	c.entered = 0;
	render_tsv_ops.call(f, &c);
	is_str(sink_take(&s),
	       "2025-12-04T19:30:21.000000300Z\t1000000300\t42\t43\tcat\topenat"
	       "\t\t\t\t\t\t\t3\t\t\n",
	       "tsv: a call that entered before tracing: its exit's time, no arguments");
	sink_reset(&s);
	c.entered = 1;
	render_tsv_ops.call(f, &c);
	is_str(sink_take(&s),
	       "2025-12-04T19:30:21.000000000Z\t1000000000\t42\t43\tcat\topenat\tAT_FDCWD\t"
	       "\"a\\\\tb\"\\t\\n\\r\tO_RDONLY\t\t\t\t3\t\t300\n",
	       "tsv: backslash, tab, LF and CR escaped");
	render_tsv_ops.close(f);
	outbuf_fini(&s.ob);
	close(s.fd);
}

/* ---- a protobuf reader, enough for the test ---- */

struct pbf {
	unsigned field, wt;
	uint64_t v;		/* varint value */
	const uint8_t *p;	/* length-delimited: the bytes */
	size_t len;
};

static int pb_read_varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	*v = 0;
	for (int shift = 0; *p < end && shift < 70; shift += 7) {
		uint8_t b = *(*p)++;

		*v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return 0;
	}
	return -1;
}

/* The next field of [*p, end), or -1 at the end or on a malformed field. */
static int pb_next(const uint8_t **p, const uint8_t *end, struct pbf *f)
{
	uint64_t key;

	if (*p >= end || pb_read_varint(p, end, &key))
		return -1;
	f->field = key >> 3;
	f->wt = key & 7;
	if (f->wt == 0)
		return pb_read_varint(p, end, &f->v);
	if (f->wt != 2 || pb_read_varint(p, end, &f->v) || f->v > (uint64_t)(end - *p))
		return -1;
	f->p = *p;
	f->len = f->v;
	*p += f->len;
	return 0;
}

/* The first field number n of message [p, p+len), or NULL. */
static int pb_find(const uint8_t *p, size_t len, unsigned n, struct pbf *out)
{
	const uint8_t *end = p + len;

	while (!pb_next(&p, end, out))
		if (out->field == n)
			return 1;
	return 0;
}

/* Splits the Trace into its packets; returns how many, -1 if it is malformed. */
static int packets(const char *buf, size_t len, struct pbf *pk, int max)
{
	const uint8_t *p = (const uint8_t *)buf, *end = p + len;
	int n = 0;

	while (p < end) {
		if (pb_next(&p, end, &pk[n]) || pk[n].field != 1 || pk[n].wt != 2 || n + 1 >= max)
			return -1;
		n++;
	}
	return n;
}

static void test_perfetto(void)
{
	struct render_opts o = { 0 };
	struct sink s;
	struct render_call c = a_call();
	struct pbf pk[16], f, ev, g, ann;
	int n, begin_ok, end_ok;
	void *st;

	sink_open(&s);
	st = render_perfetto_ops.open(&s.ob, &o);
	c.ret = -2;
	c.errname = "ENOENT";
	render_perfetto_ops.call(st, &c);
	sink_take(&s);
	n = packets(s.buf, s.len, pk, 16);
	is_int(n, 5, "perfetto: a new thread's call: start, two descriptors, begin, end");
	if (n != 5)
		goto out;

	ok(pb_find(pk[0].p, pk[0].len, 13, &f) && f.v == 1 &&
		   pb_find(pk[0].p, pk[0].len, 10, &g) && g.v == 2 &&
		   pb_find(pk[0].p, pk[0].len, 6, &f) && pb_find(pk[0].p, pk[0].len, 59, &f),
	   "perfetto: the first packet clears sequence 2's state, sets its clock and defaults");
	ok(pb_find(pk[1].p, pk[1].len, 60, &f) && pb_find(f.p, f.len, 3, &g) &&
		   pb_find(g.p, g.len, 6, &ann) && ann.len == 3 && !memcmp(ann.p, "cat", 3),
	   "perfetto: the process descriptor carries the process's name");
	ok(pb_find(pk[2].p, pk[2].len, 60, &f) && pb_find(f.p, f.len, 4, &g) &&
		   pb_find(g.p, g.len, 2, &ann) && ann.v == 43,
	   "perfetto: the thread descriptor carries the TID");

	/* begin: delta 0 from the snapshot, name interned, the arguments joined */
	begin_ok = pb_find(pk[3].p, pk[3].len, 8, &f) && f.v == 0 &&
		   pb_find(pk[3].p, pk[3].len, 11, &ev) && pb_find(ev.p, ev.len, 9, &g) &&
		   g.v == 1 &&
		   pb_find(ev.p, ev.len, 10, &g) && g.v == 1 &&
		   pb_find(pk[3].p, pk[3].len, 12, &f) && pb_find(f.p, f.len, 2, &g) &&
		   pb_find(g.p, g.len, 2, &ann) && ann.len == 6 && !memcmp(ann.p, "openat", 6) &&
		   pb_find(f.p, f.len, 29, &g) && pb_find(g.p, g.len, 2, &ann) &&
		   ann.len == strlen("AT_FDCWD, \"/x,y\", O_RDONLY") &&
		   !memcmp(ann.p, "AT_FDCWD, \"/x,y\", O_RDONLY", ann.len);
	ok(begin_ok, "perfetto: SLICE_BEGIN at delta 0, openat and the argument list interned");

	/* end: 300 ns later as a varint of two bytes (0xac 0x02), ret -2 as int64 */
	end_ok = pk[4].len > 3 && !memcmp(pk[4].p + 2, "\x40\xac\x02", 3) &&
		 pb_find(pk[4].p, pk[4].len, 11, &ev) && pb_find(ev.p, ev.len, 9, &g) && g.v == 2 &&
		 pb_find(ev.p, ev.len, 4, &ann) && pb_find(ann.p, ann.len, 4, &g) &&
		 (int64_t)g.v == -2;
	ok(end_ok, "perfetto: SLICE_END 300 ns later (varint ac 02), ret -2");
	sink_reset(&s);

	/* the same call again: everything is interned already */
	c.enter_ts += 1000;
	c.exit_ts += 1000;
	render_perfetto_ops.call(st, &c);
	sink_take(&s);
	n = packets(s.buf, s.len, pk, 16);
	is_int(n, 2, "perfetto: the next call on the thread is two packets");
	ok(n == 2 && !pb_find(pk[0].p, pk[0].len, 12, &f) && !pb_find(pk[1].p, pk[1].len, 12, &f),
	   "perfetto: ... that intern nothing");
	ok(n == 2 && pb_find(pk[0].p, pk[0].len, 8, &f) && f.v == 700,
	   "perfetto: ... the begin 700 ns after the last end");
out:
	render_perfetto_ops.close(st);
	outbuf_fini(&s.ob);
	close(s.fd);
}

/* Packets of [buf, buf+len) whose sequence_flags say the incremental state was cleared. */
static int count_cleared(const char *buf, size_t len, size_t *last_at)
{
	const uint8_t *p = (const uint8_t *)buf, *end = p + len;
	struct pbf pk, f;
	int n = 0;

	while (!pb_next(&p, end, &pk)) {
		if (pb_find(pk.p, pk.len, 13, &f) && f.v == 1) {
			n++;
			*last_at = pk.p + pk.len - (const uint8_t *)buf; /* the packet after it */
		}
	}
	return p == end ? n : -1;
}

/* A thread that interns ever new strings starts its sequence over, and interns again. */
static void test_perfetto_restart(void)
{
	struct render_opts o = { 0 };
	struct render_call c = a_call();
	char arg[32], *buf;
	size_t at = 0, len;
	void *st;
	struct sink s;
	struct pbf pk, f, g;
	const uint8_t *p, *end;
	int ok_after = 0;

	sink_open(&s);
	st = render_perfetto_ops.open(&s.ob, &o);
	c.nargs = 1;
	for (int i = 0; i < 4200; i++) {
		snprintf(arg, sizeof(arg), "%#x", 0x10000 + i);
		c.arg[0] = arg;
		c.enter_ts += 1000;
		c.exit_ts += 1000;
		render_perfetto_ops.call(st, &c);
	}
	render_perfetto_ops.close(st);
	outbuf_flush(&s.ob);
	len = lseek(s.fd, 0, SEEK_CUR);
	buf = malloc(len);
	if (!buf || pread(s.fd, buf, len, 0) != (ssize_t)len)
		abort();
	is_int(count_cleared(buf, len, &at), 2,
	       "perfetto: 4200 strings on one thread: the sequence starts over once");
	/* the packet after the new start is a begin that interns openat again */
	p = (const uint8_t *)buf + at;
	end = (const uint8_t *)buf + len;
	if (!pb_next(&p, end, &pk))
		ok_after = pb_find(pk.p, pk.len, 12, &f) && pb_find(f.p, f.len, 2, &g);
	ok(ok_after, "perfetto: ... and interns the syscall name again after it");
	free(buf);
	outbuf_fini(&s.ob);
	close(s.fd);
}

int main(void)
{
	test_csv();
	test_tsv();
	test_perfetto();
	test_perfetto_restart();
	return done_testing();
}
