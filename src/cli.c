// SPDX-License-Identifier: LGPL-2.1-or-later
#include "cli.h"
#include "decode.h"
#include "syscalltab.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"

#define DEFAULT_BUFFER_SIZE (8u << 20)
/*
 * The largest --buffer=ring: a program writes into the ring at a variable
 * offset, and the verifier refuses any variable offset into a map value of
 * 512 MiB or more (BPF_MAX_VAR_OFF, kernel/bpf/verifier.c).
 */
#define RING_MAX_SIZE (512u << 20)

enum {
	OPT_SYSTEM_WIDE = 256,
	OPT_FORMAT,
	OPT_BUFFER_SIZE,
	OPT_BUFFER,
	OPT_BENCH,
	OPT_BPF_OBJECT,
	OPT_PROGRESS,
	OPT_BENCH_ROUNDS,
	OPT_BENCH_ITERS,
	OPT_FLOOR,
	OPT_SUMMARY_BY,
	OPT_HISTOGRAM,
	OPT_ERRNO_SUMMARY,
	OPT_INTERVAL,
	OPT_OVERHEAD,
	OPT_STRINGS_IN_HEX,
	OPT_ABS_TS,
	OPT_SIGNAL,
	OPT_PTRACE_ONLY,
	OPT_FILTER,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_COMPRESS,
	OPT_ROTATE_SIZE,
	OPT_ROTATE_TIME,
	OPT_MAX_FILES,
	OPT_MAX_SIZE,
	OPT_DURATION,
	OPT_FLIGHT_RECORDER,
	OPT_MAX_SNAPSHOTS,
	OPT_TRIGGER,
	OPT_TRIGGER_AFTER,
};

static const struct option long_opts[] = {
	{ "name", required_argument, NULL, 'N' },
	{ "system-wide", no_argument, NULL, OPT_SYSTEM_WIDE },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "write", required_argument, NULL, 'W' },
	{ "compress", required_argument, NULL, OPT_COMPRESS },
	{ "rotate-size", required_argument, NULL, OPT_ROTATE_SIZE },
	{ "rotate-time", required_argument, NULL, OPT_ROTATE_TIME },
	{ "max-files", required_argument, NULL, OPT_MAX_FILES },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "flight-recorder", required_argument, NULL, OPT_FLIGHT_RECORDER },
	{ "max-snapshots", required_argument, NULL, OPT_MAX_SNAPSHOTS },
	{ "trigger", required_argument, NULL, OPT_TRIGGER },
	{ "trigger-after", required_argument, NULL, OPT_TRIGGER_AFTER },
	{ "read", required_argument, NULL, 'R' },
	{ "output", required_argument, NULL, 'o' },
	{ "summary-only", no_argument, NULL, 'c' },
	{ "summary", no_argument, NULL, 'C' },
	{ "summary-sort-by", required_argument, NULL, 'S' },
	{ "summary-columns", required_argument, NULL, 'U' },
	{ "summary-wall-clock", no_argument, NULL, 'w' },
	{ "summary-syscall-overhead", required_argument, NULL, 'O' },
	{ "summary-by", required_argument, NULL, OPT_SUMMARY_BY },
	{ "histogram", optional_argument, NULL, OPT_HISTOGRAM },
	{ "errno-summary", no_argument, NULL, OPT_ERRNO_SUMMARY },
	{ "interval", required_argument, NULL, OPT_INTERVAL },
	{ "buffer-size", required_argument, NULL, OPT_BUFFER_SIZE },
	{ "buffer", required_argument, NULL, OPT_BUFFER },
	{ "bench", no_argument, NULL, OPT_BENCH },
	{ "bench-rounds", required_argument, NULL, OPT_BENCH_ROUNDS },
	{ "bench-iters", required_argument, NULL, OPT_BENCH_ITERS },
	{ "floor", no_argument, NULL, OPT_FLOOR },
	{ "bpf-object", required_argument, NULL, OPT_BPF_OBJECT },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "filter", required_argument, NULL, OPT_FILTER },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "follow-forks", no_argument, NULL, 'f' },
	{ "attach", required_argument, NULL, 'p' },
	{ "user", required_argument, NULL, 'u' },
	{ "string-limit", required_argument, NULL, 's' },
	{ "syscall-times", optional_argument, NULL, 'T' },
	{ "relative-timestamps", optional_argument, NULL, 'r' },
	{ "absolute-timestamps", optional_argument, NULL, OPT_ABS_TS },
	{ "strings-in-hex", optional_argument, NULL, OPT_STRINGS_IN_HEX },
	{ "syscall-number", no_argument, NULL, 'n' },
	{ "no-abbrev", no_argument, NULL, 'v' },
	{ "const-print-style", required_argument, NULL, 'X' },
	{ "columns", required_argument, NULL, 'a' },
	{ "output-append-mode", no_argument, NULL, 'A' },
	{ "signal", required_argument, NULL, OPT_SIGNAL },
	{ "quiet", optional_argument, NULL, 'q' },
	/* strace's ptrace machinery: accepted, with a note that they change nothing here */
	{ "daemonize", optional_argument, NULL, OPT_PTRACE_ONLY },
	{ "interruptible", required_argument, NULL, OPT_PTRACE_ONLY },
	{ "seccomp-bpf", no_argument, NULL, OPT_PTRACE_ONLY },
	{ "detach-on", required_argument, NULL, OPT_PTRACE_ONLY },
	{ "kill-on-exit", no_argument, NULL, OPT_PTRACE_ONLY },
	{ "debug", no_argument, NULL, OPT_PTRACE_ONLY },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

void cli_usage(void)
{
	fputs("Usage: vltrace [OPTIONS] -- COMMAND [ARGS...]\n"
	      "       vltrace [OPTIONS] -p PID[,PID...] | -N NAME[,NAME...] | --system-wide\n"
	      "       vltrace [OPTIONS] -R FILE [FILE...] [FILTER...]\n"
	      "       vltrace --bench\n"
	      "\n"
	      "Trace system calls with eBPF, as strace prints them, at a fraction of the cost.\n"
	      "\n"
	      "Targets:\n"
	      "  -p, --attach PID[,PID...]   attach to running processes (all their threads)\n"
	      "  -N, --name NAME[,NAME...]   attach to processes by name (with -f, also later ones)\n"
	      "      --system-wide           trace every process but vltrace itself\n"
	      "  -f, --follow-forks          follow forks, vforks and clones (-ff: per-process -o files)\n"
	      "  -u, --user USER             run COMMAND as USER\n"
	      "Filters:\n"
	      "  -e trace=SET                syscalls and %classes to trace, ! to exclude\n"
	      "  -e status=successful|failed only successful / only failed syscalls\n"
	      "  -e raw=SET                  print these syscalls' arguments undecoded, in hex\n"
	      "                              (SET also takes /REGEX, and ?NAME: no error if unknown)\n"
	      "  -e read=SET                 hex dump of all read from these fds (up to 4096 bytes)\n"
	      "  -e write=SET                hex dump of all written to these fds (the same)\n"
	      "  -e signal=SET               only the lines of these signals (names, numbers, !)\n"
	      "      --signal SET            the same as -e signal=SET\n"
	      "  -z                          only successful syscalls (-e status=successful)\n"
	      "  -Z                          only failed syscalls (-e status=failed)\n"
	      "      --filter EXPR           only calls that match EXPR, like 'dur > 1ms'\n"
	      "                              (docs/FILTERS.md); after -R FILE, as trailing words\n"
	      "Output:\n"
	      "  -s, --string-limit N        bytes of strings and buffers to print (default 32)\n"
	      "  -t                          wall-clock time of day (-tt: with microseconds,\n"
	      "                              -ttt: seconds since the epoch)\n"
	      "      --absolute-timestamps[=[format:]none|time|unix][,[precision:]s|ms|us|ns]\n"
	      "                              -t with its format and precision spelled out\n"
	      "  -r, --relative-timestamps[=s|ms|us|ns]  time since the previous line\n"
	      "  -T, --syscall-times[=s|ms|us|ns]  time spent in each syscall\n"
	      "  -x, --strings-in-hex[=WHICH] strings in hex: -x (non-ascii) those with non-ASCII\n"
	      "                              bytes, -xx (all, the default) all of them,\n"
	      "                              non-ascii-chars only the escapes, none\n"
	      "  -n, --syscall-number        print the syscall number before each line\n"
	      "  -v, --no-abbrev             structs unabbreviated: stat's every field, execve's\n"
	      "                              environment\n"
	      "  -X, --const-print-style abbrev  constants by name (the one style there is)\n"
	      "  -a, --columns COLUMN        align results to COLUMN (default 40)\n"
	      "  -o, --output FILE           rendered output to FILE instead of stderr\n"
	      "  -A, --output-append-mode    append to the -o FILE instead of truncating it\n"
	      "      --format FORMAT         text (strace), json (JSON Lines), perfetto,\n"
	      "                              chrome-json, csv or tsv\n"
	      "  -c, --summary-only          count time, calls and errors; print a summary\n"
	      "  -C, --summary               like -c, and print the trace too\n"
	      "  -S, --summary-sort-by KEY   sort the summary by time, min-time, max-time, avg-time,\n"
	      "                              calls, errors, name, p50, p90, p99, p99.9 or nothing\n"
	      "  -U, --summary-columns COLS  summary columns: time-percent, total-time, min-time,\n"
	      "                              max-time, avg-time, calls, errors, name, p50, p90,\n"
	      "                              p99, p99.9\n"
	      "  -w, --summary-wall-clock    accepted: summary times are always wall-clock\n"
	      "  -O, --summary-syscall-overhead TIME  accepted and ignored (no tracer overhead\n"
	      "                              to subtract)\n"
	      "      --summary-by KEYS       split the summary by syscall, tid, pid, comm\n"
	      "      --histogram[=SET]       latency histograms (of the syscalls in SET)\n"
	      "      --errno-summary         the errors of each syscall by errno\n"
	      "      --interval DURATION     with -c: a summary every DURATION, then the total\n"
	      "  -q, --quiet[=SET]           no attach and detach messages; twice, no exit lines;\n"
	      "                              =SET: leave out these (attach, exit, all, none...)\n"
	      "  -e quiet=SET                the same as --quiet=SET\n"
	      "      --progress              status line on stderr even when it is not a terminal\n"
	      "                              (never while the trace itself goes to stderr)\n"
	      "Trace files:\n"
	      "  -W, --write FILE            write the binary trace to FILE\n"
	      "      --compress zstd[:LEVEL]|none  compress its blocks (default zstd:1)\n"
	      "      --rotate-size SIZE      a new file, FILE.NNNNNN, before one passes SIZE\n"
	      "      --rotate-time DURATION  a new file when one's records span DURATION\n"
	      "      --max-files N           keep the last N files of a rotation, remove older\n"
	      "      --max-size SIZE         stop tracing before the files pass SIZE in all\n"
	      "      --duration DURATION     stop tracing after DURATION (5s, 10m, 1h)\n"
	      "      --flight-recorder SIZE  keep the last SIZE in memory; SIGUSR1 writes it\n"
	      "                              to FILE.NNNNNN-TIME\n"
	      "      --max-snapshots N       stop tracing after N snapshots\n"
	      "      --trigger EXPR          also write a snapshot after a call matching EXPR\n"
	      "                              (the --filter language)\n"
	      "      --trigger-after DURATION  with it the records of DURATION after the call\n"
	      "  -R, --read FILE             read a binary trace file instead of tracing\n"
	      "                              (several: merged in time order)\n"
	      "      --since TIME            -R: from TIME on (HH:MM:SS[.frac], ISO 8601,\n"
	      "                              or +1.5s after the first record)\n"
	      "      --until TIME            -R: up to TIME\n"
	      "Tuning:\n"
	      "      --buffer-size SIZE      kernel buffer per CPU (default 8M)\n"
	      "      --buffer ring|ringbuf|perf  kernel buffer kind (default ring)\n"
	      "      --bench                 measure the cost of tracing on this machine\n"
	      "      --bench-rounds N        rounds of each --bench variant (default 5)\n"
	      "      --bench-iters N         syscalls per --bench run (default 1000000)\n"
	      "      --floor                 attach hooks that filter and record nothing (the\n"
	      "                              benchmarks' reference point)\n"
	      "      --bpf-object FILE       load this BPF object instead of the built-in one\n"
	      "strace's ptrace options, accepted with a note that they have no effect here:\n"
	      "  -D, --daemonize[=HOW]       run as a grandchild (-DD, -DDD: other ways)\n"
	      "  -I, --interruptible N       which signals interrupt tracing\n"
	      "      --seccomp-bpf           stop only at the traced syscalls\n"
	      "  -b, --detach-on execve      detach at execve\n"
	      "      --kill-on-exit          kill the tracees when the tracer exits\n"
	      "  -d, --debug                 strace's debugging output\n"
	      "  -h, --help                  this help\n"
	      "  -V, --version               print the version\n",
	      stdout);
}

/* --interval: a number with s, ms, us or ns (seconds without a unit) */
static int parse_interval(const char *s, uint64_t *ns)
{
	static const struct {
		const char *unit;
		double mult;
	} units[] = { { "", 1e9 }, { "s", 1e9 }, { "ms", 1e6 }, { "us", 1e3 }, { "ns", 1 } };
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || !(v >= 0) || v > 1e6)
		return -EINVAL;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (!strcmp(end, units[i].unit)) {
			*ns = (uint64_t)(v * units[i].mult);
			return 0;
		}
	}
	return -EINVAL;
}

/* -O: strace's overhead to subtract; vltrace's times have no tracer stop in them */
static int parse_overhead(const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || v < 0 ||
	    (*end && strcmp(end, "s") && strcmp(end, "ms") && strcmp(end, "us") &&
	     strcmp(end, "ns"))) {
		vt_error("invalid -O '%s': give a time such as 10us", s);
		return -EINVAL;
	}
	return 0;
}

/* strace's PRECISION: s, ms, us or ns, with or without "precision:" */
static int parse_prec(const char *s, int *prec)
{
	static const char *const names[] = { "s", "ms", "us", "ns" };

	if (!strncmp(s, "precision:", 10))
		s += 10;
	for (int i = 0; i < 4; i++) {
		if (!strcmp(s, names[i])) {
			*prec = RENDER_PREC_S + i;
			return 0;
		}
	}
	return -EINVAL;
}

/* --absolute-timestamps=[[format:]none|time|unix][,[precision:]s|ms|us|ns] */
static int parse_abs_ts(const char *arg, struct cli_opts *o)
{
	char *copy = vt_strdup(arg ? arg : ""), *tok, *save = NULL;
	int err = 0;

	o->tstamp = 1;
	for (tok = strtok_r(copy, ",", &save); tok && !err; tok = strtok_r(NULL, ",", &save)) {
		const char *f = !strncmp(tok, "format:", 7) ? tok + 7 : tok;

		if (!strcmp(f, "none"))
			o->tstamp = 0;
		else if (!strcmp(f, "time"))
			o->tstamp = 1;
		else if (!strcmp(f, "unix"))
			o->tstamp = 3;
		else if (f != tok || parse_prec(tok, &o->ts_prec))
			err = -EINVAL;
	}
	free(copy);
	/* seconds unless told, also for unix (-ttt is unix,us) */
	if (!o->ts_prec)
		o->ts_prec = RENDER_PREC_S;
	if (err)
		vt_error("invalid --absolute-timestamps '%s': give [format:]none|time|unix and/or "
			 "[precision:]s|ms|us|ns, comma-separated",
			 arg);
	return err;
}

/* -e quiet=SET: names of messages, all, none, ! to invert */
static int parse_quiet(const char *val, struct cli_opts *o)
{
	static const char *const names[] = {
		"attach", "exit", "path-resolution", "personality", "thread-execve", "superseded",
	};
	unsigned set = 0;
	int negate = *val == '!', err = 0;
	char *copy = vt_strdup(val + negate), *tok, *save = NULL;

	for (tok = strtok_r(copy, ",", &save); tok && !err; tok = strtok_r(NULL, ",", &save)) {
		unsigned i;

		if (!strcmp(tok, "all")) {
			set = (1u << ARRAY_SIZE(names)) - 1;
			continue;
		}
		if (!strcmp(tok, "none"))
			continue;
		/* strace's plural and short spellings */
		if (!strcmp(tok, "exits"))
			tok = "exit";
		else if (!strcmp(tok, "path-resolutions"))
			tok = "path-resolution";
		for (i = 0; i < ARRAY_SIZE(names) && strcmp(tok, names[i]); i++)
			;
		if (i == ARRAY_SIZE(names)) {
			vt_error("invalid -e quiet= value '%s': use attach, exit, path-resolution, "
				 "personality, thread-execve, superseded, all or none",
				 tok);
			err = -EINVAL;
		}
		set |= 1u << i;
	}
	free(copy);
	if (err)
		return err;
	if (negate)
		set = ((1u << ARRAY_SIZE(names)) - 1) & ~set;
	o->quiet_set = set;
	return 0;
}

/* -e signal=SET: names with or without SIG, numbers, all, none, ! to invert */
static int parse_signal_set(const char *val, struct cli_opts *o)
{
	uint64_t set = 0;
	int negate = *val == '!', err = 0;
	char *copy = vt_strdup(val + negate), *tok, *save = NULL;

	for (tok = strtok_r(copy, ",", &save); tok && !err; tok = strtok_r(NULL, ",", &save)) {
		char buf[16], *end;
		long n;
		int sig = 0;

		if (!strcasecmp(tok, "all")) {
			set = ~0ull;
			continue;
		}
		if (!strcasecmp(tok, "none"))
			continue;
		errno = 0;
		n = strtol(tok, &end, 10);
		if (!errno && end != tok && !*end && n >= 1 && n <= 64)
			sig = n;
		for (int i = 1; i <= 64 && !sig; i++) {
			const char *name = decode_signame(i, buf, sizeof(buf));

			if (name && (!strcasecmp(tok, name) || !strcasecmp(tok, name + 3)))
				sig = i;
		}
		if (!sig) {
			vt_error("invalid signal '%s' in -e signal=: give names (SIGINT or INT), "
				 "numbers, all or none",
				 tok);
			err = -EINVAL;
			break;
		}
		set |= 1ull << (sig - 1);
	}
	free(copy);
	if (err)
		return err;
	o->signal_mask = negate ? ~set : set;
	o->signal_filter = 1;
	return 0;
}

/* -e read=SET, -e write=SET: descriptor numbers, all, none, ! to invert */
static int parse_fd_set(const char *what, const char *val, uint64_t fds[VT_DUMP_WORDS])
{
	uint64_t set[VT_DUMP_WORDS] = { 0 };
	int negate = *val == '!', err = 0;
	char *copy = vt_strdup(val + negate), *tok, *save = NULL;

	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *end;
		long n;

		if (!strcmp(tok, "all")) {
			memset(set, 0xff, sizeof(set));
			continue;
		}
		if (!strcmp(tok, "none"))
			continue;
		errno = 0;
		n = strtol(tok, &end, 10);
		if (errno || end == tok || *end || n < 0 || n >= VT_DUMP_FDS) {
			vt_error("invalid descriptor '%s' in -e %s=: give numbers from 0 to %d, all "
				 "or none",
				 tok, what, VT_DUMP_FDS - 1);
			err = -EINVAL;
			break;
		}
		set[n / 64] |= 1ull << (n % 64);
	}
	free(copy);
	if (err)
		return err;
	for (int i = 0; i < VT_DUMP_WORDS; i++)
		fds[i] = negate ? ~set[i] : set[i];
	return 0;
}

/* ptrace-only options: accepted so that scripts written for strace keep working */
static void ptrace_only(int c, const char *name)
{
	if (c != OPT_PTRACE_ONLY)
		fprintf(stderr, "vltrace: -%c has no effect: vltrace traces without ptrace\n", c);
	else
		fprintf(stderr, "vltrace: --%s has no effect: vltrace traces without ptrace\n",
			name);
}

/* -e trace=/REGEX: every syscall whose name the extended regex matches */
static int trace_regex(const char *re, uint64_t m[VT_MASK_WORDS])
{
	regex_t rx;
	int rc = regcomp(&rx, re, REG_EXTENDED | REG_NOSUB);

	if (rc) {
		char msg[128];

		regerror(rc, &rx, msg, sizeof(msg));
		vt_error("invalid regular expression '%s' in -e trace=: %s", re, msg);
		return -EINVAL;
	}
	for (unsigned nr = 0; nr < syscalltab_size() && nr < VT_NR_SYSCALLS; nr++) {
		const struct vt_syscall_info *e = syscalltab_get(nr);

		if (e && e->name && !regexec(&rx, e->name, 0, NULL, 0))
			m[nr / 64] |= 1ull << (nr % 64);
	}
	regfree(&rx);
	return 0;
}

static void mask_set_all(uint64_t mask[VT_MASK_WORDS])
{
	for (int i = 0; i < VT_MASK_WORDS; i++)
		mask[i] = ~0ull;
}

int cli_parse_trace_set(const char *set, uint64_t mask[VT_MASK_WORDS])
{
	uint64_t m[VT_MASK_WORDS] = { 0 };
	int negate = 0, err = 0, ntok = 0;
	const char *whole = set;
	char *copy, *tok, *save = NULL;

	if (*set == '!') {
		negate = 1;
		set++;
	}
	copy = vt_strdup(set);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int nr, optional = *tok == '?';

		ntok++;
		/* ?NAME: a name this system does not know is no error (scripts for several) */
		tok += optional;
		if (*tok == '/') {
			err = trace_regex(tok + 1, m);
			if (err)
				break;
			continue;
		}
		if (!strcmp(tok, "all")) {
			mask_set_all(m);
			continue;
		}
		if (!strcmp(tok, "none"))
			continue;
		if (*tok == '%' || syscalltab_lookup(tok) < 0) {
			/* strace also takes the classes without the % (file, desc, ...) */
			if (!syscalltab_class_mask(tok, m))
				continue;
			if (optional)
				continue;
			if (*tok == '%') {
				vt_error("invalid system call class '%s': use one of %%file %%desc "
					 "%%net %%process %%memory %%signal %%ipc %%creds %%clock "
					 "%%stat %%lstat %%fstat %%statfs %%pure",
					 tok);
				err = -EINVAL;
				break;
			}
		}
		nr = syscalltab_lookup(tok);
		if (nr < 0) {
			const char *s = syscalltab_suggest(tok);

			if (s)
				vt_error("invalid system call '%s': did you mean '%s'?", tok, s);
			else
				vt_error("invalid system call '%s': see syscalls(2) for the names",
					 tok);
			err = -EINVAL;
			break;
		}
		if (nr < VT_NR_SYSCALLS)
			m[nr / 64] |= 1ull << (nr % 64);
	}
	free(copy);
	if (!err && !ntok) {
		/* strace refuses a set with no name in it ("", ",", "!"): it is a slip, not "none" */
		vt_error("invalid system call '%s': give names or %%classes, or none to trace "
			 "nothing",
			 whole);
		err = -EINVAL;
	}
	if (err)
		return err;
	for (int i = 0; i < VT_MASK_WORDS; i++)
		mask[i] = negate ? ~m[i] : m[i];
	return 0;
}

int cli_parse_pids(const char *s, struct cli_opts *o)
{
	const char *p = s;

	while (*p) {
		char *end;
		long v;

		if (*p == ',' || isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		errno = 0;
		v = strtol(p, &end, 10);
		if (errno || end == p || v <= 0 || v > INT_MAX ||
		    (*end && *end != ',' && !isspace((unsigned char)*end))) {
			vt_error("invalid process id: '%s'", s);
			return -EINVAL;
		}
		o->pids = realloc(o->pids, (o->npids + 1) * sizeof(*o->pids));
		if (!o->pids)
			vt_die(ENOMEM);
		o->pids[o->npids++] = v;
		p = end;
	}
	return 0;
}

static int add_names(const char *s, struct cli_opts *o)
{
	char *copy = vt_strdup(s), *tok, *save = NULL;

	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (strlen(tok) > 15) {
			/* comm is 15 characters: a longer name could never match */
			vt_error("process name '%s' is longer than 15 characters: give the first 15, "
				 "as ps -o comm shows it",
				 tok);
			free(copy);
			return -EINVAL;
		}
		o->names = realloc(o->names, (o->nnames + 1) * sizeof(*o->names));
		if (!o->names)
			vt_die(ENOMEM);
		o->names[o->nnames++] = vt_strdup(tok);
	}
	free(copy);
	return 0;
}

static int parse_filter(const char *expr, const char *what, struct cli_opts *o)
{
	char err[256];
	int col;

	if (o->filter) {
		vt_error("more than one filter expression: join them with and, in one --filter");
		return -EINVAL;
	}
	if (filter_parse(expr, &o->filter, err, sizeof(err), &col)) {
		vt_error("invalid %s '%s' at column %d: %s", what, expr, col, err);
		return -EINVAL;
	}
	return 0;
}

/* tcpdump's way: vltrace -R FILE dur '>' 1ms, the words joined by spaces */
static int parse_trailing_filter(char **words, struct cli_opts *o)
{
	size_t len = 1;

	for (char **w = words; *w; w++)
		len += strlen(*w) + 1;
	o->filter_text = vt_calloc(1, len);
	for (char **w = words; *w; w++) {
		if (w != words)
			strcat(o->filter_text, " ");
		strcat(o->filter_text, *w);
	}
	return parse_filter(o->filter_text, "filter", o);
}

static void add_read_path(const char *path, struct cli_opts *o)
{
	o->read_paths = realloc(o->read_paths, (o->nread + 1) * sizeof(*o->read_paths));
	if (!o->read_paths)
		vt_die(ENOMEM);
	o->read_paths[o->nread++] = path;
	o->read_path = o->read_paths[0];
}

/* A duration of -W's limits: a number and s, ms, us, ns, m or h; not 0. */
static int parse_duration(const char *s, uint64_t *ns)
{
	size_t n = strlen(s);
	char num[64];
	char *end;
	double v;

	if (n && n < sizeof(num) && (s[n - 1] == 'm' || s[n - 1] == 'h') &&
	    !(n >= 2 && s[n - 2] == 'm')) {
		memcpy(num, s, n - 1);
		num[n - 1] = '\0';
		errno = 0;
		v = strtod(num, &end);
		if (errno || end == num || *end || !(v > 0) || v > 1e6)
			return -EINVAL;
		*ns = (uint64_t)(v * (s[n - 1] == 'h' ? 3600e9 : 60e9));
		return 0;
	}
	if (parse_interval(s, ns) || !*ns)
		return -EINVAL;
	return 0;
}

/* --compress=zstd[:LEVEL]|none */
static int parse_compress(const char *arg, struct cli_opts *o)
{
	char *end;
	long v;

	o->compress_set = 1;
	if (!strcmp(arg, "none")) {
		o->compress = TRACEFILE_COMPRESS_NONE;
		return 0;
	}
	if (strncmp(arg, "zstd", 4) || (arg[4] && arg[4] != ':'))
		goto bad;
	o->compress = TRACEFILE_COMPRESS_ZSTD;
	if (!arg[4])
		return 0;
	errno = 0;
	v = strtol(arg + 5, &end, 10);
	if (errno || end == arg + 5 || *end || v < 1 || v > CLI_ZSTD_LEVEL_MAX)
		goto bad;
	o->compress_level = (int)v;
	return 0;
bad:
	vt_error("bad --compress '%s': use zstd, zstd:LEVEL (1 to %d) or none", arg,
		 CLI_ZSTD_LEVEL_MAX);
	return -EINVAL;
}

static int parse_expr(const char *e, struct cli_opts *o)
{
	const char *val = strchr(e, '=');
	size_t klen = val ? (size_t)(val - e) : 0;

	if (!val) {
		/* -e SET is -e trace=SET, as in strace */
		klen = 0;
		val = e;
	} else {
		val++;
	}
	if (!klen || (klen == 5 && !strncmp(e, "trace", 5)) ||
	    (klen == 1 && !strncmp(e, "t", 1))) {
		uint64_t m[VT_MASK_WORDS];
		int err = cli_parse_trace_set(val, m);

		if (err)
			return err;
		/* several -e trace= add up, as in strace */
		if (!o->filter_syscalls)
			memset(o->syscall_mask, 0, sizeof(o->syscall_mask));
		for (int i = 0; i < VT_MASK_WORDS; i++)
			o->syscall_mask[i] |= m[i];
		o->filter_syscalls = 1;
		return 0;
	}
	if (klen == 3 && !strncmp(e, "raw", 3)) {
		uint64_t m[VT_MASK_WORDS];
		int err = cli_parse_trace_set(val, m);

		if (err)
			return err;
		for (int i = 0; i < VT_MASK_WORDS; i++)
			o->raw_mask[i] |= m[i];
		o->raw = 1;
		return 0;
	}
	if (klen == 5 && !strncmp(e, "quiet", 5))
		return parse_quiet(val, o);
	if (klen == 4 && !strncmp(e, "read", 4)) {
		o->dump_read = 1;
		return parse_fd_set("read", val, o->dump_read_fds);
	}
	if (klen == 5 && !strncmp(e, "write", 5)) {
		o->dump_write = 1;
		return parse_fd_set("write", val, o->dump_write_fds);
	}
	if ((klen == 6 && !strncmp(e, "signal", 6)) || (klen == 7 && !strncmp(e, "signals", 7)))
		return parse_signal_set(val, o);
	if ((klen == 6 && !strncmp(e, "status", 6))) {
		if (!strcmp(val, "successful") || !strcmp(val, "!failed"))
			o->status = CLI_STATUS_SUCCESSFUL;
		else if (!strcmp(val, "failed") || !strcmp(val, "!successful"))
			o->status = CLI_STATUS_FAILED;
		else if (!strcmp(val, "all"))
			o->status = CLI_STATUS_ALL;
		else {
			vt_error("invalid -e status value '%s': use successful, failed or all", val);
			return -EINVAL;
		}
		return 0;
	}
	vt_error("unsupported -e expression '%.*s': vltrace knows trace=, status=, raw=, "
		 "signal=, quiet=, read= and write=",
		 (int)klen, e);
	return -EINVAL;
}

static const char *format_name(enum render_format f)
{
	static const char *const names[] = {
		"text", "json", "chrome-json", "perfetto", "csv", "tsv",
	};

	return (unsigned)f < sizeof(names) / sizeof(names[0]) ? names[f] : "?";
}

/*
 * Name the option getopt stopped at, in getopt's own words.  optopt is a long
 * option's value (OPT_* or its short letter), not a character to print: a long
 * option is named from arg, the word getopt was reading.
 */
static void bad_option(int c, const char *arg)
{
	int is_long = !strncmp(arg, "--", 2);
	int len = is_long ? (int)strcspn(arg, "=") : 0;

	if (c == ':' && is_long)
		vt_error("option '%.*s' requires an argument: see vltrace --help", len, arg);
	else if (c == ':')
		vt_error("option '-%c' requires an argument: see vltrace --help", optopt);
	else if (is_long && optopt)
		vt_error("option '%.*s' doesn't allow an argument: see vltrace --help", len, arg);
	else if (is_long)
		vt_error("unknown or ambiguous option '%.*s': see vltrace --help", len, arg);
	else if (isprint(optopt))
		vt_error("unknown option '-%c': see vltrace --help", optopt);
	else
		vt_error("unknown option '%s': see vltrace --help", arg);
}

int cli_parse(int argc, char **argv, struct cli_opts *o)
{
	int c, li = 0, err = 0, tflag = 0, abs_ts = 0;
	unsigned long v;
	char *end;

	memset(o, 0, sizeof(*o));
	o->string_limit = 32;
	o->columns = 40;
	o->buffer_size = DEFAULT_BUFFER_SIZE;
	o->bench_rounds = 5;
	o->bench_iters = 1000000;
	summary_opts_init(&o->sum);
	o->compress = TRACEFILE_COMPRESS_ZSTD;
	o->compress_level = CLI_ZSTD_LEVEL_DEFAULT;

	optind = 1;
	opterr = 0;
	for (;;) {
		struct stat st;

		/* ':' first: a missing argument comes back as ':', told apart from an unknown option */
		c = getopt_long(argc, argv, "+:fp:N:u:e:zZs:trTo:W:R:cCS:U:wO:qhVxna:AdDI:b:vX:",
				long_opts, &li);
		if (c == -1 && o->read_path && optind < argc && !stat(argv[optind], &st) &&
		    !S_ISDIR(st.st_mode)) {
			/* -R a.vlt b.vlt: more files, and options may follow them */
			add_read_path(argv[optind++], o);
			continue;
		}
		if (c == -1)
			break;
		switch (c) {
		case 'f':
			o->follow++;
			break;
		case 'p':
			err = cli_parse_pids(optarg, o);
			break;
		case 'N':
			err = add_names(optarg, o);
			break;
		case 'u':
			o->user = optarg;
			break;
		case 'e':
			err = parse_expr(optarg, o);
			break;
		case 'z':
			o->status = CLI_STATUS_SUCCESSFUL;
			break;
		case 'Z':
			o->status = CLI_STATUS_FAILED;
			break;
		case 's':
			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (errno || end == optarg || *end || v > INT_MAX) {
				vt_error("invalid -s value '%s': give a number of bytes", optarg);
				err = -EINVAL;
			}
			o->string_limit = v;
			break;
		case 't':
			if (abs_ts) {
				vt_error("-t and --absolute-timestamps cannot be given together: use "
					 "one of them");
				err = -EINVAL;
			}
			o->tstamp++;
			tflag = 1;
			break;
		case OPT_ABS_TS:
			if (tflag || abs_ts) {
				vt_error("-t and --absolute-timestamps cannot be given together: use "
					 "one of them");
				err = -EINVAL;
				break;
			}
			abs_ts = 1;
			err = parse_abs_ts(optarg, o);
			break;
		case 'r':
			o->relative = 1;
			if (optarg && parse_prec(optarg, &o->rel_prec)) {
				vt_error("invalid --relative-timestamps '%s': give s, ms, us or ns",
					 optarg);
				err = -EINVAL;
			}
			break;
		case 'T':
			o->syscall_time = 1;
			if (optarg && parse_prec(optarg, &o->dur_prec)) {
				vt_error("invalid --syscall-times '%s': give s, ms, us or ns", optarg);
				err = -EINVAL;
			}
			break;
		case 'x':
			o->strings_hex = o->strings_hex ? DECODE_HEX_ALL : DECODE_HEX_NON_ASCII;
			break;
		case OPT_STRINGS_IN_HEX:
			if (!optarg || !strcmp(optarg, "all"))
				o->strings_hex = DECODE_HEX_ALL;
			else if (!strcmp(optarg, "non-ascii"))
				o->strings_hex = DECODE_HEX_NON_ASCII;
			else if (!strcmp(optarg, "non-ascii-chars"))
				o->strings_hex = DECODE_HEX_CHARS;
			else if (!strcmp(optarg, "none"))
				o->strings_hex = DECODE_HEX_NONE;
			else {
				vt_error("invalid --strings-in-hex '%s': use none, non-ascii-chars, "
					 "non-ascii or all",
					 optarg);
				err = -EINVAL;
			}
			break;
		case 'n':
			o->syscall_number = 1;
			break;
		case 'v':
			o->verbose = 1;
			break;
		case 'X':
			/* abbrev is how every constant prints; raw and verbose are not there yet */
			if (strcmp(optarg, "abbrev")) {
				vt_error("-X %s is not supported: vltrace prints constants as -X abbrev "
					 "does; -e raw=SET prints arguments as numbers",
					 optarg);
				err = -EINVAL;
			}
			break;
		case 'a':
			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (errno || end == optarg || *end || v > 1024) {
				vt_error("invalid -a value '%s': give a column from 0 to 1024", optarg);
				err = -EINVAL;
			}
			o->columns = v;
			break;
		case 'A':
			o->append = 1;
			break;
		case OPT_SIGNAL:
			err = parse_signal_set(optarg, o);
			break;
		case 'd':
		case 'D':
		case 'I':
		case 'b':
		case OPT_PTRACE_ONLY:
			ptrace_only(c, long_opts[li].name);
			break;
		case 'o':
			o->out_path = optarg;
			break;
		case 'W':
			o->write_path = optarg;
			break;
		case 'R':
			add_read_path(optarg, o);
			break;
		case 'c':
			o->summary = 1;
			break;
		case 'C':
			o->summary = 2;
			break;
		case 'S':
			err = summary_parse_sort(&o->sum, optarg);
			break;
		case 'U':
			err = summary_parse_columns(&o->sum, optarg);
			break;
		case 'w':
			/* the summary's times are entry to exit, wall-clock, always */
			break;
		case 'O':
			err = parse_overhead(optarg);
			break;
		case OPT_SUMMARY_BY:
			err = summary_parse_by(&o->sum, optarg);
			break;
		case OPT_HISTOGRAM:
			o->sum.histogram = 1;
			if (optarg)
				err = cli_parse_trace_set(optarg, o->sum.hist_mask);
			break;
		case OPT_ERRNO_SUMMARY:
			o->sum.errnos = 1;
			break;
		case OPT_INTERVAL:
			if (parse_interval(optarg, &o->interval_ns) ||
			    o->interval_ns < 10000000) {
				vt_error("invalid --interval '%s': give a duration of at least 10ms, "
					 "like 1s or 500ms",
					 optarg);
				err = -EINVAL;
			}
			break;
		case 'q':
			if (optarg)
				err = parse_quiet(optarg, o);
			else
				o->quiet++;
			break;
		case OPT_SYSTEM_WIDE:
			o->system_wide = 1;
			break;
		case OPT_FORMAT:
			if (!strcmp(optarg, "text") || !strcmp(optarg, "strace"))
				o->format = RENDER_TEXT;
			else if (!strcmp(optarg, "json") || !strcmp(optarg, "jsonl"))
				o->format = RENDER_JSON;
			else if (!strcmp(optarg, "perfetto"))
				o->format = RENDER_PERFETTO;
			else if (!strcmp(optarg, "chrome-json") || !strcmp(optarg, "chrome"))
				o->format = RENDER_CHROME_JSON;
			else if (!strcmp(optarg, "csv"))
				o->format = RENDER_CSV;
			else if (!strcmp(optarg, "tsv"))
				o->format = RENDER_TSV;
			else {
				vt_error("unknown format '%s': use text, json, perfetto, "
					 "chrome-json, csv or tsv", optarg);
				err = -EINVAL;
			}
			break;
		case OPT_BUFFER_SIZE:
			if (vt_parse_size(optarg, &o->buffer_size) || o->buffer_size < 4096 ||
			    o->buffer_size > (1ull << 30)) {
				vt_error("invalid --buffer-size '%s': give a size from 4K to 1G, "
					 "like 8M",
					 optarg);
				err = -EINVAL;
			}
			break;
		case OPT_BUFFER:
			if (!strcmp(optarg, "ring"))
				o->buffer = PIPELINE_RING;
			else if (!strcmp(optarg, "ringbuf"))
				o->buffer = PIPELINE_RINGBUF;
			else if (!strcmp(optarg, "perf"))
				o->buffer = PIPELINE_PERFBUF;
			else {
				vt_error("unknown --buffer '%s': use ring, ringbuf or perf", optarg);
				err = -EINVAL;
			}
			break;
		case OPT_BENCH:
			o->bench = 1;
			break;
		case OPT_BENCH_ROUNDS:
			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (errno || end == optarg || *end || v < 1 || v > 1000) {
				vt_error("invalid --bench-rounds '%s': give 1 to 1000", optarg);
				err = -EINVAL;
			}
			o->bench_rounds = v;
			break;
		case OPT_BENCH_ITERS:
			if (vt_parse_size(optarg, &o->bench_iters) || o->bench_iters < 1000) {
				vt_error("invalid --bench-iters '%s': give at least 1000 (K and M "
					 "suffixes work)",
					 optarg);
				err = -EINVAL;
			}
			break;
		case OPT_FLOOR:
			o->floor = 1;
			break;
		case OPT_BPF_OBJECT:
			o->bpf_object = optarg;
			break;
		case OPT_PROGRESS:
			o->progress = 1;
			break;
		case OPT_FILTER:
			err = parse_filter(optarg, "--filter", o);
			break;
		case OPT_SINCE:
			o->since = optarg;
			break;
		case OPT_UNTIL:
			o->until = optarg;
			break;
		case OPT_COMPRESS:
			err = parse_compress(optarg, o);
			break;
		case OPT_ROTATE_SIZE:
		case OPT_MAX_SIZE:
		case OPT_FLIGHT_RECORDER: {
			uint64_t *size = c == OPT_MAX_SIZE	? &o->max_size :
					 c == OPT_ROTATE_SIZE ? &o->rotate_size :
								  &o->flight_size;

			if (vt_parse_size(optarg, size) || !*size) {
				vt_error("bad %s '%s': give a size in bytes, with K, M or G",
					 c == OPT_MAX_SIZE    ? "--max-size" :
					 c == OPT_ROTATE_SIZE ? "--rotate-size" :
								"--flight-recorder",
					 optarg);
				return -EINVAL;
			}
			break;
		}
		case OPT_ROTATE_TIME:
		case OPT_DURATION:
			if (parse_duration(optarg,
					   c == OPT_DURATION ? &o->duration_ns : &o->rotate_ns)) {
				vt_error("bad %s '%s': give a duration such as 500ms, 30s, 10m "
					 "or 1h",
					 c == OPT_DURATION ? "--duration" : "--rotate-time",
					 optarg);
				return -EINVAL;
			}
			break;
		case OPT_MAX_FILES:
		case OPT_MAX_SNAPSHOTS:
			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (errno || end == optarg || *end || !isdigit((unsigned char)*optarg) ||
			    !v || v > 1000000) {
				vt_error("bad %s '%s': give a count from 1 to 1000000",
					 c == OPT_MAX_FILES ? "--max-files" : "--max-snapshots",
					 optarg);
				return -EINVAL;
			}
			*(c == OPT_MAX_FILES ? &o->max_files : &o->max_snapshots) = (unsigned)v;
			break;
		case OPT_TRIGGER: {
			char msg[256];
			int col;

			filter_free(o->trigger);
			o->trigger = NULL;
			if (filter_parse(optarg, &o->trigger, msg, sizeof(msg), &col)) {
				vt_error("invalid --trigger '%s' at column %d: %s", optarg, col, msg);
				return -EINVAL;
			}
			o->trigger_text = optarg;
			break;
		}
		case OPT_TRIGGER_AFTER:
			if (parse_duration(optarg, &o->trigger_after_ns)) {
				vt_error("bad --trigger-after '%s': give a duration such as 500ms, 30s, "
					 "10m or 1h",
					 optarg);
				return -EINVAL;
			}
			break;
		case 'h':
			cli_usage();
			return 1;
		case 'V':
			printf("vltrace %s\n", PACKAGE_VERSION);
			return 1;
		case ':':
		case '?':
		default:
			bad_option(c, argv[optind - 1]);
			return -EINVAL;
		}
		if (err)
			return err;
	}
	if (optind < argc && o->read_path) {
		/* after -R FILE the words are a filter, as tcpdump -r FILE takes one */
		err = parse_trailing_filter(&argv[optind], o);
		if (err)
			return err;
	} else if (optind < argc) {
		o->cmd = &argv[optind];
	}
	/* strace's -q is quiet=attach,personality; -qq adds exit; -qqq all */
	if (o->quiet >= 1)
		o->quiet_set |= CLI_QUIET_ATTACH | CLI_QUIET_PERSONALITY;
	if (o->quiet >= 2)
		o->quiet_set |= CLI_QUIET_EXIT;
	if (o->quiet >= 3)
		o->quiet_set = ~0u;
	if ((o->quiet_set & CLI_QUIET_ATTACH) && !o->quiet)
		o->quiet = 1;
	if (o->append && !o->out_path) {
		vt_error("-A appends to the -o FILE: add -o FILE");
		return -EINVAL;
	}

	/* Conflicts, checked before anything starts */
	{
		int ntargets = !!o->cmd + !!o->npids + !!o->nnames + !!o->system_wide;

		if (o->read_path) {
			/* -p and -N choose processes of the file */
			if (o->cmd || o->system_wide || o->write_path || o->bench) {
				vt_error("-R reads a trace file: it takes no command, "
					 "--system-wide, -W or --bench");
				return -EINVAL;
			}
		} else if (o->since || o->until) {
			vt_error("--since and --until choose a part of a trace file: use them "
				 "with -R");
			return -EINVAL;
		} else if (o->bench) {
			if (ntargets) {
				vt_error("--bench runs its own workload: it takes no command or target");
				return -EINVAL;
			}
		} else if (!ntargets) {
			vt_error("must have a COMMAND to run, -p PID, -N NAME or --system-wide: see "
				 "vltrace --help");
			return -EINVAL;
		} else if (o->system_wide && ntargets > 1) {
			vt_error("--system-wide traces everything: it takes no command, -p or -N");
			return -EINVAL;
		} else if (o->cmd && (o->npids || o->nnames)) {
			vt_error("a COMMAND cannot be combined with -p or -N: trace one or the other");
			return -EINVAL;
		}
		if ((o->compress_set || o->rotate_size || o->rotate_ns || o->max_files ||
		     o->max_size) && !o->write_path) {
			vt_error("--compress, --rotate-size, --rotate-time, --max-files and "
				 "--max-size apply to the trace file: use them with -W FILE");
			return -EINVAL;
		}
		if (o->flight_size && (!o->write_path || o->rotate_size || o->rotate_ns ||
				       o->max_size || !strcmp(o->write_path, "-") ||
				       !strncmp(o->write_path, "/dev/", 5))) {
			vt_error("--flight-recorder names its snapshots after -W FILE: give -W a "
				 "file name, and no --rotate-size, --rotate-time or --max-size");
			return -EINVAL;
		}
		if ((o->trigger || o->trigger_after_ns) && !o->flight_size) {
			vt_error("--trigger writes snapshots of --flight-recorder: add "
				 "--flight-recorder=SIZE");
			return -EINVAL;
		}
		if (o->trigger_after_ns && !o->trigger) {
			vt_error("--trigger-after counts from the call --trigger matches: add "
				 "--trigger=EXPR");
			return -EINVAL;
		}
		if (o->max_snapshots && !o->flight_size) {
			vt_error("--max-snapshots counts the snapshots of --flight-recorder: "
				 "add it");
			return -EINVAL;
		}
		if (o->max_files && !o->rotate_size && !o->rotate_ns) {
			vt_error("--max-files counts the files of a rotation: add --rotate-size or "
				 "--rotate-time");
			return -EINVAL;
		}
		if ((o->rotate_size || o->rotate_ns) && o->write_path &&
		    (!strcmp(o->write_path, "-") || !strncmp(o->write_path, "/dev/", 5))) {
			vt_error("--rotate-size and --rotate-time write FILE.000000, "
				 "FILE.000001, ...: give -W a file name, not a stream or device");
			return -EINVAL;
		}
		if (o->buffer == PIPELINE_RING && o->buffer_size > RING_MAX_SIZE) {
			vt_error("--buffer-size is above 512M, the most the default ring holds: "
				 "give 512M or less, or add --buffer=ringbuf or --buffer=perf "
				 "(up to 1G)");
			return -EINVAL;
		}
		if (o->user && !o->cmd) {
			vt_error("-u USER applies to a COMMAND that vltrace starts");
			return -EINVAL;
		}
		if (o->follow > 1 && !o->out_path) {
			vt_error("-ff needs -o FILE: it writes one FILE.PID per process");
			return -EINVAL;
		}
		if (o->filter && !o->read_path && !o->bench && o->summary) {
			struct vt_kfilter k;
			uint64_t m[VT_MASK_WORDS];
			int use;

			/* the kernel counts: the filter must be one it decides whole */
			if (!filter_kernel(o->filter, &k, m, &use)) {
				vt_error("--filter with -c or -C while tracing takes conditions on "
					 "syscall, pid, tid, ret, errno and dur joined by and: for "
					 "the others, write the trace with -W and read it with -R -c "
					 "--filter");
				return -EINVAL;
			}
		}
		if (!o->summary && (o->sum.histogram || o->sum.errnos || o->interval_ns ||
				    o->sum.by != SUMMARY_BY_SYSCALL)) {
			vt_error("--histogram, --errno-summary, --summary-by and --interval shape "
				 "the summary: add -c or -C");
			return -EINVAL;
		}
		if (o->interval_ns && o->summary != 1) {
			vt_error("--interval goes with -c: with -C the trace and the summaries "
				 "would mix");
			return -EINVAL;
		}
		if (!o->read_path && (o->sum.by & SUMMARY_BY_WHO) &&
		    (summary_wants_hist(&o->sum) || o->sum.errnos)) {
			vt_error("live, the kernel keeps histograms, percentiles and errnos per "
				 "syscall only, not with --summary-by %s: record with -W FILE, then "
				 "summarize with -R FILE",
				 "tid, pid or comm");
			return -EINVAL;
		}
		o->sum.json = o->format == RENDER_JSON;
		if (o->interval_ns && o->read_path) {
			vt_error("--interval summarizes live tracing: with -R there is no interval "
				 "to wait for");
			return -EINVAL;
		}
		if (o->format == RENDER_PERFETTO && !o->out_path) {
			vt_error("--format=perfetto writes a binary trace: name its file with "
				 "-o FILE");
			return -EINVAL;
		}
		if (o->format >= RENDER_CHROME_JSON && o->summary) {
			vt_error("--format=%s and -c or -C do not go together: the summary is "
				 "text; write the trace with -W and summarize it with -R -c",
				 format_name(o->format));
			return -EINVAL;
		}
	}
	return 0;
}

void cli_free(struct cli_opts *o)
{
	for (unsigned i = 0; i < o->nnames; i++)
		free(o->names[i]);
	free(o->names);
	free(o->pids);
	filter_free(o->filter);
	filter_free(o->trigger);
	o->trigger = NULL;
	free(o->read_paths);
	o->read_paths = NULL;
	free(o->filter_text);
	o->names = NULL;
	o->pids = NULL;
	o->filter = NULL;
	o->filter_text = NULL;
}
