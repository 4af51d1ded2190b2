// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target for the whole -R path: each input is read as a trace file and
 * its records go, as read_mode() sends them, through the refilter (-e trace=, -z,
 * -Z), the decoders and every output: strace text with each timing option, -s
 * from 0 to INT_MAX, raw arguments, JSON Lines, Chrome JSON, Perfetto's protobuf,
 * CSV and TSV, the -c and -C tables (by thread, with histograms and errnos, and as
 * JSON), and -ff's file per thread.
 *
 * Besides memory errors (AddressSanitizer) and undefined behaviour, it traps on
 * broken promises about what a file can make vltrace print:
 *  - text, tables, CSV and TSV hold no control byte but line ends (and TSV's
 *    tabs): a trace file can never put a terminal escape sequence on a screen;
 *  - every JSON Lines line is one valid JSON object, and the Chrome JSON output
 *    is one valid JSON document once rendering is finished.
 *
 * Its seeds are tests/fuzz/corpus (the reader's) and tests/fuzz/corpus-render:
 * traces recorded as root, run from an empty directory, with V=src/vltrace and
 * F=tests/integration/families,
 *   $V -q -f -s 64 -W families.vlt -- $F
 *   $V -q -f -z -s 16 -W families-z.vlt -- $F
 *   $V -q -f -W fork-signal.vlt -- sh -c '/bin/true & wait; trap "" USR1; kill -USR1 $$; exec /bin/false'
 *   $V -q -f -e trace=%file,%process -W ls.vlt -- ls -la /proc/self/fd
 * and the *-nocrc.vlt copies of two of them with their four kinds of checksum set
 * to 0, which fuzzing builds take as matching (tracefile.c), so that mutations of
 * the records reach the decoders.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outbuf.h"
#include "refilter.h"
#include "render.h"
#include "summary.h"
#include "tracefile.h"

#define check(cond)                                                              \
	do {                                                                     \
		if (!(cond)) {                                                   \
			fprintf(stderr, "fuzz-render: %s:%d: %s\n", __FILE__, __LINE__, \
				#cond);                                          \
			__builtin_trap();                                        \
		}                                                                \
	} while (0)

enum kind { TEXT, TABLE, JSON_LINES, JSON_DOC, BINARY };

struct config {
	enum render_format format;
	int tstamp, relative, syscall_time;
	unsigned string_limit;
	enum render_pid_prefix pid_prefix;
	int raw;	/* -e raw=all */
	int status;	/* -z / -Z through the refilter */
	int trace_set;	/* -e trace= of some syscalls through the refilter */
	int summary;	/* 1: -c alone, 2: -C (table and lines) */
	int sum_json;	/* the summary as JSON objects */
	unsigned sum_by; /* --summary-by, with --histogram and --errno-summary */
	int ff;		/* -ff: a file per thread */
};

static const struct config configs[] = {
	{ RENDER_TEXT, 0, 0, 0, 32, RENDER_PID_AUTO },
	{ RENDER_TEXT, 2, 0, 1, 4096, RENDER_PID_ALWAYS },
	{ RENDER_TEXT, 3, 0, 1, 0, RENDER_PID_ALWAYS, .raw = 1 },
	{ RENDER_TEXT, 1, 1, 0, INT_MAX, RENDER_PID_AUTO, .status = VT_STATUS_SUCCESSFUL },
	{ RENDER_TEXT, 0, 1, 1, 7, RENDER_PID_AUTO, .status = VT_STATUS_FAILED, .trace_set = 1 },
	{ RENDER_TEXT, 2, 0, 0, 32, RENDER_PID_AUTO, .summary = 1 },
	{ RENDER_TEXT, 0, 0, 1, 32, RENDER_PID_AUTO, .summary = 2, .trace_set = 1 },
	{ RENDER_TEXT, 0, 0, 0, 32, RENDER_PID_AUTO, .summary = 1,
	  .sum_by = SUMMARY_BY_SYSCALL | SUMMARY_BY_WHO },
	{ RENDER_JSON, 0, 0, 0, 32, RENDER_PID_AUTO, .summary = 2, .sum_json = 1,
	  .sum_by = SUMMARY_BY_SYSCALL | SUMMARY_BY_COMM },
	{ RENDER_TEXT, 2, 0, 1, 32, RENDER_PID_NEVER, .ff = 1 },
	{ RENDER_JSON, 0, 0, 0, 32, RENDER_PID_AUTO },
	{ RENDER_JSON, 0, 0, 0, 0, RENDER_PID_AUTO, .raw = 1, .status = VT_STATUS_FAILED },
	{ RENDER_CHROME_JSON, 0, 0, 0, 32, RENDER_PID_AUTO },
	{ RENDER_CHROME_JSON, 0, 0, 0, 4096, RENDER_PID_AUTO, .status = VT_STATUS_SUCCESSFUL },
	{ RENDER_PERFETTO, 0, 0, 0, 32, RENDER_PID_AUTO },
	{ RENDER_CSV, 0, 0, 0, 32, RENDER_PID_AUTO },
	{ RENDER_TSV, 0, 0, 0, 4096, RENDER_PID_AUTO, .status = VT_STATUS_FAILED },
};

static int out_fd = -1;
static char ff_dir[64];
static uint64_t all_mask[VT_MASK_WORDS], some_mask[VT_MASK_WORDS];

static void remove_ff_dir(void)
{
	rmdir(ff_dir);
}

static void init_once(void)
{
	unsigned i;

	if (out_fd >= 0)
		return;
	out_fd = memfd_create("fuzz-render", MFD_CLOEXEC);
	check(out_fd >= 0);
	/* in the directory the fuzzer runs in (run-fuzzer.sh: its build directory) */
	snprintf(ff_dir, sizeof(ff_dir), "ff.%d", (int)getpid());
	check(!mkdir(ff_dir, 0700) || errno == EEXIST);
	atexit(remove_ff_dir);
	for (i = 0; i < VT_MASK_WORDS; i++) {
		all_mask[i] = ~0ull;
		/* read, write, close, execve, the socket calls, a scattering of others */
		some_mask[i] = 0x5555555555555555ull >> (i & 7);
	}
	some_mask[0] |= 0xf;
}

/* ---- what the output may hold ---- */

static void check_text(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		check(p[i] == '\n' || (p[i] >= 0x20 && p[i] != 0x7f));
}

/* CSV rows end with CRLF and quote fields that hold them; TSV separates with tabs. */
static void check_table(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		check(p[i] == '\n' || p[i] == '\r' || p[i] == '\t' || (p[i] >= 0x20 && p[i] != 0x7f));
}

/* A small JSON validator: value at *p, returns 0 when valid (p moves past it). */
static int json_value(const uint8_t **pp, const uint8_t *end, int depth);

static void json_ws(const uint8_t **pp, const uint8_t *end)
{
	while (*pp < end && (**pp == ' ' || **pp == '\t' || **pp == '\n' || **pp == '\r'))
		(*pp)++;
}

static int json_string(const uint8_t **pp, const uint8_t *end)
{
	const uint8_t *p = *pp + 1;

	while (p < end && *p != '"') {
		if (*p < 0x20)
			return -1;
		if (*p == '\\') {
			p++;
			if (p >= end)
				return -1;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (p + i >= end || !strchr("0123456789abcdefABCDEF", p[i]) ||
					    !p[i])
						return -1;
				p += 4;
			} else if (!strchr("\"\\/bfnrt", *p) || !*p) {
				return -1;
			}
		}
		p++;
	}
	if (p >= end)
		return -1;
	*pp = p + 1;
	return 0;
}

static int json_number(const uint8_t **pp, const uint8_t *end)
{
	const uint8_t *p = *pp;
	int digits = 0;

	if (p < end && *p == '-')
		p++;
	while (p < end && *p >= '0' && *p <= '9')
		p++, digits++;
	if (!digits)
		return -1;
	if (p < end && *p == '.') {
		p++;
		digits = 0;
		while (p < end && *p >= '0' && *p <= '9')
			p++, digits++;
		if (!digits)
			return -1;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		digits = 0;
		while (p < end && *p >= '0' && *p <= '9')
			p++, digits++;
		if (!digits)
			return -1;
	}
	*pp = p;
	return 0;
}

static int json_container(const uint8_t **pp, const uint8_t *end, int depth, uint8_t close)
{
	const uint8_t *p = *pp + 1;

	json_ws(&p, end);
	if (p < end && *p == close) {
		*pp = p + 1;
		return 0;
	}
	for (;;) {
		json_ws(&p, end);
		if (close == '}') {
			if (p >= end || *p != '"' || json_string(&p, end))
				return -1;
			json_ws(&p, end);
			if (p >= end || *p != ':')
				return -1;
			p++;
		}
		if (json_value(&p, end, depth + 1))
			return -1;
		json_ws(&p, end);
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		if (p < end && *p == close) {
			*pp = p + 1;
			return 0;
		}
		return -1;
	}
}

static int json_value(const uint8_t **pp, const uint8_t *end, int depth)
{
	const uint8_t *p;

	if (depth > 64)
		return -1;
	json_ws(pp, end);
	p = *pp;
	if (p >= end)
		return -1;
	switch (*p) {
	case '{':
		return json_container(pp, end, depth, '}');
	case '[':
		return json_container(pp, end, depth, ']');
	case '"':
		return json_string(pp, end);
	case 't':
	case 'f':
	case 'n': {
		static const char *const lits[] = { "true", "false", "null" };

		for (int i = 0; i < 3; i++) {
			size_t l = strlen(lits[i]);

			if ((size_t)(end - p) >= l && !memcmp(p, lits[i], l)) {
				*pp = p + l;
				return 0;
			}
		}
		return -1;
	}
	default:
		return json_number(pp, end);
	}
}

static void check_json_lines(const uint8_t *p, size_t n)
{
	const uint8_t *end = p + n;

	check(!n || end[-1] == '\n');
	while (p < end) {
		const uint8_t *nl = memchr(p, '\n', (size_t)(end - p)), *q = p;

		check(nl);
		check(*p == '{');
		check(!json_value(&q, nl, 0));
		check(q == nl);
		p = nl + 1;
	}
}

static void check_json_doc(const uint8_t *p, size_t n)
{
	const uint8_t *q = p, *end = p + n;

	if (!n)
		return;
	check(!json_value(&q, end, 0));
	json_ws(&q, end);
	check(q == end);
}

/* The output written so far, checked as kind says; the output is then emptied. */
static void check_output(enum kind kind)
{
	off_t len = lseek(out_fd, 0, SEEK_END);
	uint8_t *p;

	check(len >= 0);
	if (len > 0) {
		p = malloc((size_t)len);
		check(p && pread(out_fd, p, (size_t)len, 0) == len);
		if (kind == TEXT)
			check_text(p, (size_t)len);
		else if (kind == TABLE)
			check_table(p, (size_t)len);
		else if (kind == JSON_LINES)
			check_json_lines(p, (size_t)len);
		else if (kind == JSON_DOC)
			check_json_doc(p, (size_t)len);
		free(p);
	}
	check(!ftruncate(out_fd, 0) && lseek(out_fd, 0, SEEK_SET) == 0);
}

/* -ff's files: each one's text checked, then removed. */
static void check_ff_files(void)
{
	DIR *d = opendir(ff_dir);
	struct dirent *e;

	check(d);
	while ((e = readdir(d))) {
		char path[256];
		uint8_t buf[65536];
		ssize_t n;
		int fd;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", ff_dir, e->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			while ((n = read(fd, buf, sizeof(buf))) > 0)
				check_text(buf, (size_t)n);
			close(fd);
		}
		unlink(path);
	}
	closedir(d);
}

/* ---- read_mode(), one configuration ---- */

struct sink {
	struct renderer *rd;
	struct summary *sm;
};

static void to_sink(void *ctx, const struct vt_hdr *rec)
{
	struct sink *k = ctx;

	if (k->rd)
		render_record(k->rd, rec);
	if (k->sm)
		summary_record(k->sm, rec);
}

static void run(const uint8_t *data, size_t size, const struct config *c)
{
	struct tracefile_reader *r;
	const struct tracefile_meta *m;
	const struct vt_hdr *rec;
	struct render_opts ro = { 0 };
	struct summary_opts so;
	struct refilter *rf = NULL;
	struct sink k = { 0 };
	struct outbuf out;
	char ffpath[128];
	enum kind kind;

	if (tracefile_open_mem(data, size, &r, NULL, 0) < 0)
		return;
	m = tracefile_reader_meta(r);
	ro.format = c->format;
	ro.tstamp = c->tstamp;
	ro.relative = c->relative;
	ro.syscall_time = c->syscall_time;
	ro.string_limit = c->string_limit;
	ro.pid_prefix = c->pid_prefix;
	ro.raw_mask = c->raw ? all_mask : NULL;
	ro.realtime_at_mono0 = m->realtime_at_mono0;
	ro.start_mono = m->start_mono;
	ro.syscall_names = m->syscall_names;
	ro.syscall_sig = m->syscall_sig;
	ro.nsyscalls = m->nsyscalls;
	if (c->ff) {
		snprintf(ffpath, sizeof(ffpath), "%s/out", ff_dir);
		ro.per_task_path = ffpath;
	}
	outbuf_init(&out, out_fd, 0);
	k.rd = c->summary == 1 ? NULL : render_new(&ro, &out);
	summary_opts_init(&so);
	so.json = c->sum_json;
	if (c->sum_by) {
		so.by = c->sum_by;
		so.histogram = 1;
		memset(so.hist_mask, 0xff, sizeof(so.hist_mask));
		so.errnos = 1;
	}
	k.sm = c->summary ? summary_new(&so) : NULL;
	if (c->status || c->trace_set)
		rf = refilter_new(c->trace_set ? some_mask : NULL, c->status, to_sink, &k);
	while (tracefile_next(r, &rec) > 0) {
		if (k.sm)
			summary_names(k.sm, rec);
		if (rf)
			refilter_record(rf, rec);
		else
			to_sink(&k, rec);
	}
	refilter_free(rf);
	if (k.rd) {
		render_finish(k.rd);
		render_free(k.rd);
	}
	if (k.sm) {
		summary_print(k.sm, &out, m->syscall_names, m->nsyscalls, NULL);
		summary_free(k.sm);
	}
	outbuf_fini(&out);
	tracefile_close(r);

	switch (c->format) {
	case RENDER_JSON:
		kind = JSON_LINES; /* the summary's JSON objects too */
		break;
	case RENDER_CHROME_JSON:
		kind = JSON_DOC;
		break;
	case RENDER_PERFETTO:
		kind = BINARY;
		break;
	case RENDER_CSV:
	case RENDER_TSV:
		kind = TABLE;
		break;
	default:
		kind = TEXT; /* -C puts the table after the lines: text both */
		break;
	}
	check_output(kind);
	if (c->ff)
		check_ff_files();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned i;

	init_once();
	for (i = 0; i < sizeof(configs) / sizeof(configs[0]); i++)
		run(data, size, &configs[i]);
	return 0;
}
