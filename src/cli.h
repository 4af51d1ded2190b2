/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The command line (DESIGN.md has the contract): strace's flags with strace's
 * meaning, tcpdump/perf-style names for the rest.
 *
 * Threads: main thread only, before anything starts.
 */
#ifndef VLTRACE_CLI_H
#define VLTRACE_CLI_H

#include <stdint.h>
#include <sys/types.h>

#include "filter.h"
#include "pipeline.h"
#include "record.h"
#include "render.h"
#include "summary.h"

/* -e quiet=, --quiet=: the messages strace can be told to leave out */
enum cli_quiet {
	CLI_QUIET_ATTACH = 1 << 0,
	CLI_QUIET_EXIT = 1 << 1,
	CLI_QUIET_PATH_RESOLUTION = 1 << 2,
	CLI_QUIET_PERSONALITY = 1 << 3,
	CLI_QUIET_THREAD_EXECVE = 1 << 4,
	CLI_QUIET_SUPERSEDED = 1 << 5,
};

enum cli_status_filter {
	CLI_STATUS_ALL = 0,
	CLI_STATUS_SUCCESSFUL = 1,
	CLI_STATUS_FAILED = 2,
};

/*
 * -W's default compression: docs/PERFORMANCE.md, "Compression", holds the measurement
 * behind it.  Levels above 19 need much more memory on both sides: not offered.
 */
#define CLI_ZSTD_LEVEL_DEFAULT 1
#define CLI_ZSTD_LEVEL_MAX 19

struct cli_opts {
	char **cmd;		/* command and arguments (NULL when attaching) */
	pid_t *pids;		/* -p */
	unsigned npids;
	char **names;		/* -N */
	unsigned nnames;
	int system_wide;
	int follow;		/* -f: 1, -ff: 2 */
	const char *user;	/* -u */

	int filter_syscalls;	/* -e trace= given */
	uint64_t syscall_mask[VT_MASK_WORDS];
	enum cli_status_filter status;
	int raw;		/* -e raw= given */
	uint64_t raw_mask[VT_MASK_WORDS]; /* syscalls whose arguments print undecoded */
	int dump_read;		/* -e read= given */
	uint64_t dump_read_fds[VT_DUMP_WORDS]; /* the fds whose reads are dumped in hex */
	int dump_write;		/* -e write= given */
	uint64_t dump_write_fds[VT_DUMP_WORDS];
	int signal_filter;	/* -e signal= given */
	uint64_t signal_mask;	/* -e signal=: bit N-1 for signal N shown */

	unsigned string_limit;	/* -s */
	int tstamp;		/* -t count; --absolute-timestamps: 1 time, 3 unix */
	int relative;		/* -r */
	int syscall_time;	/* -T */
	int ts_prec;		/* enum render_prec of -t, -r, -T (their =PRECISION forms) */
	int rel_prec;
	int dur_prec;
	int strings_hex;	/* enum decode_hex: -x, -xx, --strings-in-hex */
	int syscall_number;	/* -n */
	int verbose;		/* -v: structs unabbreviated */
	unsigned columns;	/* -a: the column results are aligned to (default 40) */
	const char *out_path;	/* -o */
	int append;		/* -A: -o appends */
	enum render_format format;
	const char *write_path; /* -W */
	uint32_t compress;	/* --compress: enum tracefile_compress */
	int compress_level;	/* zstd level */
	int compress_set;	/* --compress given */
	uint64_t rotate_size;	/* --rotate-size: bytes, 0: none */
	uint64_t rotate_ns;	/* --rotate-time */
	unsigned max_files;	/* --max-files: 0, keep all */
	uint64_t max_size;	/* --max-size: bytes of all -W files */
	uint64_t duration_ns;	/* --duration: stop tracing after it */
	uint64_t flight_size;	/* --flight-recorder: bytes kept in memory */
	unsigned max_snapshots;	/* --max-snapshots */
	struct filter *trigger;	/* --trigger, bound to vltrace's table; NULL: none */
	const char *trigger_text; /* its expression as given */
	uint64_t trigger_after_ns; /* --trigger-after */
	const char *read_path;	/* -R: the first file */
	const char **read_paths; /* -R: every file, in the order given */
	unsigned nread;
	int summary;		/* -c: 1, -C: 2 */
	struct summary_opts sum; /* -S, -U, --summary-by, --histogram, --errno-summary */
	uint64_t interval_ns;	/* --interval: a summary every interval_ns, 0: none */
	uint64_t buffer_size;	/* per CPU */
	enum pipeline_buffer buffer;
	int bench;
	unsigned bench_rounds;	/* --bench-rounds */
	uint64_t bench_iters;	/* --bench-iters */
	int floor;		/* --floor: attach hooks that record nothing (benchmarks) */
	const char *bpf_object;
	int progress;
	int quiet;		/* -q: no attach/detach messages; -qq: no "+++ exited" lines */
	struct filter *filter;	/* --filter, or the words after -R FILE; NULL: none */
	char *filter_text;	/* the words after -R FILE, joined */
	const char *since, *until; /* -R: --since, --until as given (timewin.h) */
	unsigned quiet_set;	/* enum cli_quiet, from -q, -qq, -qqq and --quiet=SET */
};

/*
 * Parse argv into o.  Returns 0 to go on, 1 when the run is over (--help,
 * --version printed), or -EINVAL after printing a one-line error.
 */
int cli_parse(int argc, char **argv, struct cli_opts *o);
void cli_free(struct cli_opts *o);
/* Parse one -e trace= set into mask; prints the error; for tests too. */
int cli_parse_trace_set(const char *set, uint64_t mask[VT_MASK_WORDS]);
/* Parse a -p list ("1,2 3"); appends to o; prints the error. */
int cli_parse_pids(const char *s, struct cli_opts *o);
void cli_usage(void);

#endif /* VLTRACE_CLI_H */
