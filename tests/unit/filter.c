// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The --filter language: every field and operator on calls whose fields are
 * known, the three-valued logic on entries and events, and the errors with
 * their columns.
 */
#include "filter.h"
#include "syscalltab.h"
#include "tap.h"
#include "timewin.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t regs[6] = { 4, 0x1000, 100, (uint64_t)-1, 0, 7 };

/* read(4, ..., 100) by 300/301 of "nginx" on CPU 1, -11 (EAGAIN) after 2.5 ms */
static struct filter_call base(void)
{
	struct filter_call c = {
		.kind = FILTER_CALL,
		.nr = (unsigned)syscalltab_lookup("read"),
		.pid = 300,
		.tid = 301,
		.cpu = 1,
		.comm = "nginx",
		.ret = -11,
		.dur = 2500000,
		.args = regs,
		.nfds = 1,
		.fds = { 4 },
	};
	return c;
}

/* 1 true, 0 false, 2 unknown, -1 parse error */
static int ev(const char *expr, const struct filter_call *c)
{
	struct filter *f;
	char err[256];
	int col, r;

	if (filter_parse(expr, &f, err, sizeof(err), &col)) {
		diag("%s: column %d: %s", expr, col, err);
		return -1;
	}
	r = filter_eval(f, c);
	filter_free(f);
	return r;
}

static void t(const char *expr, int want)
{
	struct filter_call c = base();

	is_int(ev(expr, &c), want, "%s", expr);
}

/* the column of the error in expr, 0 when it parses */
static int errcol(const char *expr, char *err, size_t len)
{
	struct filter *f;
	int col = 0;

	if (!filter_parse(expr, &f, err, len, &col)) {
		filter_free(f);
		return 0;
	}
	return col;
}

int main(void)
{
	struct filter_call c;
	struct filter *f;
	char err[256];
	int col;

	/* syscall: names, globs, classes, in, ~ */
	t("syscall = read", 1);
	t("syscall == write", 0);
	t("syscall != write", 1);
	t("syscall = re*", 1);
	t("syscall = %desc", 1);
	t("syscall = %net", 0);
	t("syscall in (write, pread64, read)", 1);
	t("syscall in (write, pread64)", 0);
	t("syscall ~ \"r?ad\"", 1);
	/* numbers */
	t("pid = 300", 1);
	t("pid != 300", 0);
	t("pid in (1, 2, 300)", 1);
	t("tid = 301", 1);
	t("tid < 301", 0);
	t("tid <= 301", 1);
	t("tid > 300", 1);
	t("tid >= 302", 0);
	t("cpu = 1", 1);
	t("cpu = 0", 0);
	t("comm = nginx", 1);
	t("comm = ngin", 0);
	t("comm ~ ngi*", 1);
	t("comm in (apache2, nginx)", 1);
	t("ret = -11", 1);
	t("ret < 0", 1);
	t("ret >= 0", 0);
	t("errno = EAGAIN", 1);
	t("errno != EAGAIN", 0);
	t("errno = 11", 1);
	t("errno in (ENOENT, EAGAIN)", 1);
	t("dur > 1ms", 1);
	t("dur > 2.5ms", 0);
	t("dur >= 2500us", 1);
	t("dur < 1s", 1);
	t("dur = 2500000ns", 1);
	t("fd = 4", 1);
	t("fd != 4", 0);
	t("fd in (3, 5)", 0);
	t("arg0 = 4", 1);
	t("arg1 = 0x1000", 1);
	t("arg2 > 99", 1);
	t("arg3 = -1", 1);
	t("arg3 > 5", 1); /* a register compared unsigned: all ones is large */
	t("arg3 <= -1", 1); /* ... and signed against a negative value */
	t("arg3 < 0", 0);
	t("arg5 = 7", 1);
	/* and, or, not, parentheses, precedence */
	t("syscall = read and dur > 1ms", 1);
	t("syscall = read and dur > 1s", 0);
	t("syscall = write or fd = 4", 1);
	t("not syscall = write", 1);
	t("! (syscall = read)", 0);
	t("!(syscall = write)", 1);
	t("syscall = write and fd = 4 or pid = 300", 1);
	t("syscall = write and (fd = 4 or pid = 300)", 0);
	t("errno != EAGAIN and ret < 0", 0);
	t("syscall = read && pid = 300 || pid = 1", 1);
	t("comm = nginx and syscall in (writev, sendfile)", 0);

	/* path: any path argument, = and ~ */
	c = base();
	c.nr = (unsigned)syscalltab_lookup("renameat2");
	c.npaths = 2;
	c.paths[0] = "/var/log/a.log";
	c.path_lens[0] = strlen(c.paths[0]);
	c.paths[1] = "/tmp/b";
	c.path_lens[1] = strlen(c.paths[1]);
	is_int(ev("path = /tmp/b", &c), 1, "path = : the second path argument");
	is_int(ev("path ~ \"/var/log/*\"", &c), 1, "path ~ glob");
	is_int(ev("path ~ \"/etc/*\"", &c), 0, "path ~ glob, no match");
	is_int(ev("path != /tmp/b", &c), 0, "path != : no path argument is it");
	c.npaths = 0;
	is_int(ev("path ~ \"*\"", &c), 0, "path of a call without a path argument");

	/* a successful call has errno 0 */
	c = base();
	c.ret = 5;
	is_int(ev("errno != EAGAIN and ret >= 0", &c), 1, "success: errno != EAGAIN");
	is_int(ev("errno = 0", &c), 1, "success: errno = 0");

	/* entries: exit fields unknown */
	c = base();
	c.kind = FILTER_ENTRY;
	is_int(ev("dur > 1ms", &c), 2, "entry: dur unknown");
	is_int(ev("syscall = write and dur > 1ms", &c), 0, "entry: false and unknown is false");
	is_int(ev("syscall = read or dur > 1ms", &c), 1, "entry: true or unknown is true");
	is_int(ev("not dur > 1ms", &c), 2, "entry: not unknown is unknown");
	/* events: only pid, tid, comm, cpu */
	c.kind = FILTER_EVENT;
	is_int(ev("pid = 300 and syscall = read", &c), 2, "event: syscall unknown");
	is_int(ev("pid = 1 and syscall = read", &c), 0, "event: pid decides");
	if (!filter_parse("pid = 300 and dur > 1ms", &f, err, sizeof(err), &col)) {
		ok(filter_pass(f, &c), "event: shown unless the filter is false");
		c.kind = FILTER_ENTRY;
		ok(!filter_pass(f, &c), "entry: not passed while unknown");
		c.kind = FILTER_CALL;
		ok(filter_pass(f, &c), "whole call: passed when true");
		c.comm = NULL;
		filter_free(f);
	}
	/* an unknown process name passes no comm condition */
	c = base();
	c.comm = NULL;
	is_int(ev("comm = nginx", &c), 2, "comm not known: unknown");
	ok(!filter_parse("comm != nginx", &f, err, sizeof(err), &col) && !filter_pass(f, &c),
	   "a call whose comm is not known does not pass comm != nginx");
	filter_free(f);

	/* fields used */
	if (!filter_parse("dur > 1ms or fd = 3", &f, err, sizeof(err), &col)) {
		is_int(filter_fields(f), (1 << FF_DUR) | (1 << FF_FD), "filter_fields");
		filter_free(f);
	}

	/* another syscall table (a trace file's): names decide */
	if (!filter_parse("syscall = getppid", &f, err, sizeof(err), &col)) {
		static const char *names[] = { "read", "getppid", NULL };

		filter_bind(f, names, 3);
		c = base();
		c.nr = 1;
		ok(filter_eval(f, &c) == FILTER_TRUE, "bound to a file's table: nr 1 is getppid");
		c.nr = 0;
		ok(filter_eval(f, &c) == FILTER_FALSE, "bound to a file's table: nr 0 is read");
		c.nr = 7;
		ok(filter_eval(f, &c) == FILTER_FALSE, "bound: a number beyond the table");
		filter_free(f);
	}

	/* errors point at their column */
	is_int(errcol("dur > 1", err, sizeof(err)), 7, "dur without unit: column 7 (%s)", err);
	is_int(errcol("drt > 1ms", err, sizeof(err)), 1, "unknown field: column 1 (%s)", err);
	is_int(errcol("syscall = raed", err, sizeof(err)), 11, "unknown syscall: column 11 (%s)",
	       err);
	ok(strstr(err, "read") != NULL, "unknown syscall: suggests read");
	is_int(errcol("errno = ENOPE", err, sizeof(err)), 9, "unknown errno (%s)", err);
	is_int(errcol("pid >", err, sizeof(err)), 6, "missing value (%s)", err);
	is_int(errcol("pid 5", err, sizeof(err)), 5, "missing operator (%s)", err);
	is_int(errcol("(pid = 5", err, sizeof(err)), 1, "( not closed (%s)", err);
	is_int(errcol("pid = 5 pid = 6", err, sizeof(err)), 9, "two conditions without and (%s)",
	       err);
	is_int(errcol("path < /x", err, sizeof(err)), 6, "< on text (%s)", err);
	is_int(errcol("fd ~ 3", err, sizeof(err)), 4, "~ on a number (%s)", err);
	is_int(errcol("syscall in (read, write", err, sizeof(err)), 24, "list not closed (%s)",
	       err);
	is_int(errcol("path = \"/x", err, sizeof(err)), 8, "string not closed (%s)", err);
	is_int(errcol("syscall = %nope", err, sizeof(err)), 11, "unknown class (%s)", err);
	is_int(errcol("pid = 5 & pid = 6", err, sizeof(err)), 9, "single & (%s)", err);
	is_int(errcol("", err, sizeof(err)), 1, "empty expression (%s)", err);
	is_int(errcol("pid = -1", err, sizeof(err)), 7, "negative pid (%s)", err);

	/* the kernel's part: top-level "and" conditions only */
	{
		struct vt_kfilter k;
		uint64_t mask[VT_MASK_WORDS];
		int use, rd = syscalltab_lookup("read"), wr = syscalltab_lookup("write");

		filter_parse("dur > 1ms and errno != EAGAIN and ret < 0 and fd in (3, 4)", &f, err,
			     sizeof(err), &col);
		filter_kernel(f, &k, mask, &use);
		ok(k.dur_min == 1000001 && k.dur_max == UINT64_MAX,
		   "kernel: dur > 1ms is dur >= 1000001 ns");
		ok(k.ret_max == -1 && k.ret_min == INT64_MIN, "kernel: ret < 0");
		ok(k.nret_not == 1 && k.ret_not[0] == -11, "kernel: errno != EAGAIN is ret != -11");
		ok(k.nfds == 2 && k.fds[0] == 3 && k.fds[1] == 4, "kernel: fd in (3, 4)");
		ok(k.on_exit && k.on_entry && !use,
		   "kernel: exit and entry conditions, no syscall mask");
		filter_free(f);
		filter_parse(
			"syscall in (read, write) and pid = 7 and tid in (8, 9) and arg2 <= 100",
			&f, err, sizeof(err), &col);
		filter_kernel(f, &k, mask, &use);
		ok(use && ((mask[rd / 64] >> (rd % 64)) & 1) &&
			   ((mask[wr / 64] >> (wr % 64)) & 1) && !((mask[0] >> 39) & 1),
		   "kernel: syscall in (read, write) is a mask of the two");
		ok(k.npids == 1 && k.pids[0] == 7 && k.ntids == 2 && k.tids[1] == 9,
		   "kernel: pid, tid");
		ok(k.arg_max[2] == 100 && k.arg_min[2] == 0 && !k.on_exit, "kernel: arg2 <= 100");
		filter_free(f);
		filter_parse("dur > 1ms or fd = 3", &f, err, sizeof(err), &col);
		filter_kernel(f, &k, mask, &use);
		ok(!k.on_exit && !k.on_entry && !use, "kernel: nothing of an or");
		filter_free(f);
		filter_parse("not dur > 1ms and syscall != read and errno = ENOENT", &f, err,
			     sizeof(err), &col);
		filter_kernel(f, &k, mask, &use);
		ok(k.dur_min == 0 && k.dur_max == UINT64_MAX, "kernel: nothing of a not");
		ok(use && !((mask[rd / 64] >> (rd % 64)) & 1) && ((mask[wr / 64] >> (wr % 64)) & 1),
		   "kernel: syscall != read clears read only");
		ok(k.ret_min == -2 && k.ret_max == -2, "kernel: errno = ENOENT is ret = -2");
		filter_free(f);
	}

	/* exact for -c: only syscall, pid, tid, ret, errno and dur under and */
	{
		static const struct {
			const char *expr;
			int exact;
		} cases[] = {
			{ "dur > 1ms and errno != EAGAIN and syscall in (read, write)", 1 },
			{ "pid = 5 and tid in (5, 6) and ret >= 0 and errno = ENOENT", 1 },
			{ "fd = 3", 0 },
			{ "arg0 = 1", 0 },
			{ "comm = nginx and dur > 1ms", 0 },
			{ "dur > 1ms or syscall = read", 0 },
			{ "not dur > 1ms", 0 },
			{ "ret in (1, 2)", 0 },
			{ "errno = 0", 0 },
		};
		struct vt_kfilter k;
		uint64_t mask[VT_MASK_WORDS];
		int use;

		for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			filter_parse(cases[i].expr, &f, err, sizeof(err), &col);
			is_int(filter_kernel(f, &k, mask, &use), cases[i].exact,
			       "kernel decides '%s' %s", cases[i].expr,
			       cases[i].exact ? "whole" : "in part");
			filter_free(f);
		}
	}

	/* --since/--until: mono0 at 2026-12-04T10:00:00Z, first record 5 s later */
	{
		const uint64_t rt0 = 1796378400ull * 1000000000ull, first = 5000000000ull;
		uint64_t m = 0;

		setenv("TZ", "UTC", 1);
		tzset();
		ok(!timewin_parse("+1.5s", rt0, first, &m, err, sizeof(err)) &&
		   m == first + 1500000000ull, "+1.5s after the first record");
		ok(!timewin_parse("+200ms", rt0, first, &m, err, sizeof(err)) &&
			   m == first + 200000000ull,
		   "+200ms");
		ok(!timewin_parse("+7ns", rt0, first, &m, err, sizeof(err)) && m == first + 7,
		   "+7ns");
		ok(!timewin_parse("+2", rt0, first, &m, err, sizeof(err)) &&
			   m == first + 2000000000ull,
		   "+2: seconds");
		ok(!timewin_parse("2026-12-04T10:00:06.25Z", rt0, first, &m, err, sizeof(err)) &&
		   m == 6250000000ull, "ISO 8601 with Z");
		ok(!timewin_parse("2026-12-04T11:00:06+01:00", rt0, first, &m, err, sizeof(err)) &&
		   m == 6000000000ull, "ISO 8601 with a zone offset");
		ok(!timewin_parse("2026-12-04 10:00:07", rt0, first, &m, err, sizeof(err)) &&
		   m == 7000000000ull, "ISO 8601 local time, with a blank");
		ok(!timewin_parse("10:00:08.000000001", rt0, first, &m, err, sizeof(err)) &&
		   m == 8000000001ull, "HH:MM:SS.frac on the first record's day, to the ns");
		ok(!timewin_parse("10:01", rt0, first, &m, err, sizeof(err)) && m == 60000000000ull,
		   "HH:MM");
		ok(!timewin_parse("1796378409.5", rt0, first, &m, err, sizeof(err)) &&
		   m == 9500000000ull, "epoch seconds as -ttt prints them");
		ok(!timewin_parse("2020-01-01T00:00:00Z", rt0, first, &m, err, sizeof(err)) &&
			   m == 0,
		   "a time before the trace: its start");
		ok(timewin_parse("junk", rt0, first, &m, err, sizeof(err)) < 0, "junk refused");
		ok(timewin_parse("25:00:00", rt0, first, &m, err, sizeof(err)) < 0,
		   "hour 25 refused");
		ok(timewin_parse("+1h", rt0, first, &m, err, sizeof(err)) < 0,
		   "unknown unit refused");
		ok(timewin_parse("2026-12-04T10:00:00X", rt0, first, &m, err, sizeof(err)) < 0,
		   "trailing junk refused");
	}
	return done_testing();
}
