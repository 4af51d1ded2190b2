// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --format=csv and --format=tsv: one row per call, the columns of docs/TABLES.md.
 * CSV quotes as RFC 4180 says (a field holding a comma, a double quote, CR or LF
 * is quoted, its quotes doubled; rows end with CRLF); TSV has no quoting, so a
 * tab, newline, carriage return or backslash in a field is written as \t, \n, \r
 * or \\ (the convention of PostgreSQL's COPY and of ClickHouse's TabSeparated).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode.h"
#include "render_fmt.h"
#include "util.h"

#define NSEC ((uint64_t)1000000000)

/* The columns, in order: keep in sync with docs/TABLES.md. */
static const char *const columns[] = {
	"time", "ts_ns", "pid", "tid", "comm", "syscall", "arg0", "arg1", "arg2",
	"arg3", "arg4", "arg5", "ret", "errno", "dur_ns",
};

struct table {
	struct outbuf *out;
	char sep;
	uint64_t realtime_at_mono0;
	struct dstr row;
};

static void put_field(struct table *t, const char *f, size_t n, int first)
{
	struct dstr *s = &t->row;

	if (!first)
		dstr_putc(s, t->sep);
	if (t->sep == ',') {
		if (!memchr(f, ',', n) && !memchr(f, '"', n) && !memchr(f, '\r', n) &&
		    !memchr(f, '\n', n)) {
			dstr_write(s, f, n);
			return;
		}
		dstr_putc(s, '"');
		for (size_t i = 0; i < n; i++) {
			if (f[i] == '"')
				dstr_putc(s, '"');
			dstr_putc(s, f[i]);
		}
		dstr_putc(s, '"');
		return;
	}
	for (size_t i = 0; i < n; i++) {
		switch (f[i]) {
		case '\t':
			dstr_puts(s, "\\t");
			break;
		case '\n':
			dstr_puts(s, "\\n");
			break;
		case '\r':
			dstr_puts(s, "\\r");
			break;
		case '\\':
			dstr_puts(s, "\\\\");
			break;
		default:
			dstr_putc(s, f[i]);
		}
	}
}

static void put_str(struct table *t, const char *f, int first)
{
	put_field(t, f ? f : "", f ? strlen(f) : 0, first);
}

static void put_num(struct table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put_num(struct table *t, const char *fmt, ...)
{
	char buf[32];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	put_field(t, buf, strlen(buf), 0);
}

static void row_end(struct table *t)
{
	if (t->sep == ',')
		dstr_putc(&t->row, '\r');
	dstr_putc(&t->row, '\n');
	outbuf_write(t->out, t->row.p, t->row.len);
	dstr_reset(&t->row);
}

static void *table_open(struct outbuf *out, const struct render_opts *o, char sep)
{
	struct table *t = vt_calloc(1, sizeof(*t));

	t->out = out;
	t->sep = sep;
	t->realtime_at_mono0 = o->realtime_at_mono0;
	dstr_init(&t->row);
	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		put_str(t, columns[i], i == 0);
	row_end(t);
	return t;
}

static void *csv_open(struct outbuf *out, const struct render_opts *o)
{
	return table_open(out, o, ',');
}

static void *tsv_open(struct outbuf *out, const struct render_opts *o)
{
	return table_open(out, o, '\t');
}

static void table_call(void *st, const struct render_call *c)
{
	struct table *t = st;
	uint64_t ts = c->entered ? c->enter_ts : c->exit_ts;
	uint64_t wall = t->realtime_at_mono0 + ts;
	time_t sec = wall / NSEC;
	char buf[48];
	struct tm tm;

	gmtime_r(&sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), ".%09" PRIu64 "Z", wall % NSEC);
	put_str(t, buf, 1);
	put_num(t, "%" PRIu64, ts);
	put_num(t, "%u", c->tgid);
	put_num(t, "%u", c->tid);
	put_str(t, c->comm, 0);
	put_str(t, c->name, 0);
	for (int i = 0; i < 6; i++)
		put_str(t, c->entered && i < c->nargs ? c->arg[i] : NULL, 0);
	if (c->returned) {
		put_num(t, "%" PRId64, c->ret);
		put_str(t, c->errname, 0);
	} else {
		put_str(t, NULL, 0);
		put_str(t, NULL, 0);
	}
	if (c->returned && c->entered)
		put_num(t, "%" PRIu64, c->exit_ts > c->enter_ts ? c->exit_ts - c->enter_ts : 0);
	else
		put_str(t, NULL, 0);
	row_end(t);
}

static void table_finish(void *st)
{
}

static void table_close(void *st)
{
	struct table *t = st;

	if (!t)
		return;
	dstr_free(&t->row);
	free(t);
}

const struct render_fmt_ops render_csv_ops = {
	.open = csv_open,
	.call = table_call,
	.finish = table_finish,
	.close = table_close,
};

const struct render_fmt_ops render_tsv_ops = {
	.open = tsv_open,
	.call = table_call,
	.finish = table_finish,
	.close = table_close,
};
