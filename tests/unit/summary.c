// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The summary without the kernel: -U and -S parsing, strace's table layout,
 * exact percentiles from calls, percentiles from log-linear buckets within the
 * stated error, bpftrace's hist() layout, intervals as differences, --summary-by.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "summary.h"
#include "syscalltab.h"
#include "tap.h"

#define NR_GETPPID 110
#define NR_READ 0

static char text[1 << 16];

/* Print s with opts' span into text */
static const char *print(struct summary *s, const struct summary_span *span)
{
	int fd = memfd_create("summary", 0);
	struct outbuf out;
	ssize_t n;

	outbuf_init(&out, fd, 0);
	summary_print(s, &out, NULL, 0, span);
	outbuf_fini(&out);
	n = pread(fd, text, sizeof(text) - 1, 0);
	text[n > 0 ? n : 0] = 0;
	close(fd);
	return text;
}

static void call(struct summary *s, unsigned nr, uint32_t tid, int64_t ret, uint64_t ns)
{
	struct summary_call c = { .tid = tid, .pid = 1, .nr = nr, .ret = ret, .ns = ns,
				  .timed = 1 };

	summary_call(s, &c);
}

/* The line of the table whose last field is name */
static const char *line_of(const char *t, const char *name, char *buf, size_t len)
{
	const char *p = t;

	while (*p) {
		size_t l = strcspn(p, "\n"), nl = strlen(name);

		if (l >= nl && !strncmp(p + l - nl, name, nl) && (l == nl || p[l - nl - 1] == ' ')) {
			snprintf(buf, len, "%.*s", (int)l, p);
			return buf;
		}
		p += l + (p[l] != 0);
	}
	snprintf(buf, len, "(none)");
	return buf;
}

/* The line that starts with prefix followed by a space */
static const char *line_from(const char *t, const char *prefix, char *buf, size_t len)
{
	const char *p = t;

	while (*p) {
		size_t l = strcspn(p, "\n"), pl = strlen(prefix);

		if (l > pl && !strncmp(p, prefix, pl) && p[pl] == ' ') {
			snprintf(buf, len, "%.*s", (int)l, p);
			return buf;
		}
		p += l + (p[l] != 0);
	}
	snprintf(buf, len, "(none)");
	return buf;
}

static void test_parse(void)
{
	struct summary_opts o;

	summary_opts_init(&o);
	ok(!summary_parse_columns(&o, "calls"), "-U calls");
	ok(o.columns[0] == SUMMARY_COL_CALLS && o.columns[1] == SUMMARY_COL_NAME && !o.columns[2],
	   "-U calls: the name column is added, as strace does");
	ok(!summary_parse_columns(&o, "name,min-time,max-time,p99.9"), "-U with a percentile");
	ok(summary_wants_hist(&o) && summary_wants_minmax(&o),
	   "a percentile column asks the kernel for histograms");
	ok(summary_parse_columns(&o, "calls,count") == -EINVAL, "a column given twice is refused");
	ok(summary_parse_columns(&o, "calls,bogus") == -EINVAL, "an unknown column is refused");
	ok(!summary_parse_sort(&o, "nothing") && o.sort == SUMMARY_COL_NONE, "-S nothing");
	ok(summary_parse_sort(&o, "bogus") == -EINVAL, "-S bogus is refused");
	ok(!summary_parse_by(&o, "comm,syscall") &&
		   o.by == (SUMMARY_BY_COMM | SUMMARY_BY_SYSCALL),
	   "--summary-by=comm,syscall");
	ok(summary_parse_by(&o, "thread") == -EINVAL, "--summary-by=thread is refused");
	summary_opts_init(&o);
	ok(!summary_wants_hist(&o) && !summary_wants_minmax(&o),
	   "strace's default table asks the kernel for nothing more than plain -c");
}

static void test_layout(void)
{
	struct summary *s = summary_new(NULL);
	char buf[256];

	for (int i = 0; i < 3; i++)
		call(s, NR_READ, 5, i ? 10 : -2, 2000);
	call(s, NR_GETPPID, 5, 1, 1000);
	print(s, NULL);
	is_str(line_of(text, "syscall", buf, sizeof(buf)),
	       "% time     seconds  usecs/call     calls    errors syscall", "strace's header");
	is_str(line_of(text, "read", buf, sizeof(buf)),
	       " 85.71    0.000006           2         3         1 read", "a row as strace prints it");
	is_str(line_of(text, "getppid", buf, sizeof(buf)),
	       " 14.29    0.000001           1         1           getppid",
	       "no errors: an empty cell, as strace");
	is_str(line_of(text, "total", buf, sizeof(buf)),
	       "100.00    0.000007           1         4         1 total", "the total line");
	ok(strstr(text, "------ ----------- ----------- --------- --------- ----------------\n") !=
		   NULL,
	   "strace's rule");
	summary_free(s);
}

static void test_exact_percentiles(void)
{
	struct summary_opts o;
	struct summary *s;
	char buf[256];

	summary_opts_init(&o);
	summary_parse_columns(&o, "name,calls,p50,p90,p99,max-time");
	s = summary_new(&o);
	/* 1..100 us in a shuffled order: nearest rank gives 50, 90, 99 us */
	for (int i = 0; i < 100; i++)
		call(s, NR_GETPPID, 7, 0, (uint64_t)((i * 37) % 100 + 1) * 1000);
	print(s, NULL);
	is_str(line_from(text, "syscall", buf, sizeof(buf)),
	       "syscall              calls      p50      p90      p99  longest",
	       "percentile headers after strace's");
	is_str(line_from(text, "getppid", buf, sizeof(buf)),
	       "getppid                100 0.000050 0.000090 0.000099 0.000100",
	       "exact percentiles from calls (nearest rank)");
	summary_free(s);
}

static void test_bucket_error(void)
{
	uint64_t first[VT_HIST_BUCKETS];
	uint32_t prev = 0;
	int bad = 0, mono = 1;

	memset(first, 0xff, sizeof(first));
	/* every value up to 2^20, then a sample of larger ones */
	for (uint64_t v = 0; v < (1ull << 41); v = v < (1u << 20) ? v + 1 : v + v / 997) {
		uint32_t b = vt_hist_bucket(v);

		if (b >= VT_HIST_BUCKETS || b < prev)
			mono = 0;
		prev = b;
		if (first[b] == UINT64_MAX)
			first[b] = v;
		/* a bucket is at most 1/8 of its lower bound wide (exact below 8) */
		if (b < VT_HIST_BUCKETS - 1 && (v - first[b]) * VT_HIST_SUB > first[b])
			bad++;
	}
	ok(mono, "buckets grow with the value and stay in the table");
	is_int(bad, 0, "no bucket is wider than 1/8 of its lower bound");
	is_int(vt_hist_bucket(7), 7, "below 8 ns, a bucket a value");
	is_int(vt_hist_bucket(1ull << 40), VT_HIST_BUCKETS - 1, "2^40 ns and more: the last bucket");
}

static void test_kernel_percentiles(void)
{
	struct summary_opts o;
	struct summary *exact, *kern;
	struct vt_sysstat st = { 0 };
	uint64_t hist[VT_HIST_BUCKETS] = { 0 };
	double e[3] = { 0 }, k[3] = { 0 };
	char buf[256];

	summary_opts_init(&o);
	summary_parse_columns(&o, "name,p50,p90,p99");
	exact = summary_new(&o);
	kern = summary_new(&o);
	/* a spread of durations: 1 us to about 5 ms, not on bucket bounds */
	for (int i = 0; i < 1000; i++) {
		uint64_t ns = 1000 + (uint64_t)i * i * 5 + i * 7;

		call(exact, NR_READ, 9, 0, ns);
		hist[vt_hist_bucket(ns)]++;
		st.calls++;
		st.ns += ns;
		if (!st.min || ns < st.min)
			st.min = ns;
		if (ns > st.max)
			st.max = ns;
	}
	summary_add(kern, NR_READ, &st);
	summary_add_hist(kern, NR_READ, hist);
	print(exact, NULL);
	sscanf(line_from(text, "read", buf, sizeof(buf)), "%*s %lf %lf %lf", &e[0], &e[1], &e[2]);
	print(kern, NULL);
	sscanf(line_from(text, "read", buf, sizeof(buf)), "%*s %lf %lf %lf", &k[0], &k[1], &k[2]);
	for (int i = 0; i < 3; i++)
		ok(e[i] > 0 && (k[i] - e[i] <= e[i] / 16 + 1e-6 && e[i] - k[i] <= e[i] / 16 + 1e-6),
		   "bucket percentile %f within 1/16 of the exact %f", k[i], e[i]);
	summary_free(exact);
	summary_free(kern);
}

static void test_histogram(void)
{
	struct summary_opts o;
	struct summary *s;
	static const uint64_t v[] = { 0, 1, 1, 3, 1048576, 1500000 };

	summary_opts_init(&o);
	o.histogram = 1;
	s = summary_new(&o);
	for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		call(s, NR_GETPPID, 3, 0, v[i]);
	print(s, NULL);
	/* bpftrace 0.17's output for hist() of the same values */
	ok(strstr(text, "\n@getppid: \n"
			"[0]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n"
			"[1]                    2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
			"[2, 4)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n"
			"[4, 8)                 0 |                                                    |\n") !=
		   NULL,
	   "bpftrace's hist() layout");
	ok(strstr(text, "[512K, 1M)             0 |") &&
		   strstr(text, "[1M, 2M)               2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@"
				"@@@@@@@@@|\n"),
	   "K and M bucket labels, the last bucket used ends the histogram");
	summary_free(s);
}

static void test_diff_and_by(void)
{
	struct summary_opts o;
	struct summary *a, *b, *d;
	struct vt_sysstat st1 = { .calls = 10, .ns = 10000 }, st2 = { .calls = 25, .ns = 40000 };
	char buf[256];

	a = summary_new(NULL);
	b = summary_new(NULL);
	summary_add(a, NR_GETPPID, &st1);
	summary_add(b, NR_GETPPID, &st2);
	d = summary_diff(b, a);
	print(d, NULL);
	is_str(line_of(text, "getppid", buf, sizeof(buf)),
	       "100.00    0.000030           2        15           getppid",
	       "an interval: what the later totals have that the earlier had not");
	summary_free(d);
	summary_free(a);
	summary_free(b);

	summary_opts_init(&o);
	summary_parse_by(&o, "tid");
	summary_parse_columns(&o, "calls,name");
	a = summary_new(&o);
	for (int i = 0; i < 3; i++)
		call(a, NR_GETPPID, 101, 0, 10);
	call(a, NR_READ, 101, 0, 10);
	call(a, NR_READ, 102, 0, 10);
	print(a, NULL);
	is_str(line_of(text, "tid", buf, sizeof(buf)), "    calls tid", "rows by thread");
	is_str(line_of(text, "101", buf, sizeof(buf)), "        4 101",
	       "a thread's calls of all syscalls");
	is_str(line_of(text, "102", buf, sizeof(buf)), "        1 102", "the other thread's");
	summary_free(a);
}

int main(void)
{
	test_parse();
	test_layout();
	test_exact_percentiles();
	test_bucket_error();
	test_kernel_percentiles();
	test_histogram();
	test_diff_and_by();
	return done_testing();
}
