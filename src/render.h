/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The one renderer: turns the time-ordered record stream into strace's text or
 * JSON Lines, or hands whole calls to a formatter (render_fmt.h: CSV, TSV,
 * Perfetto).  Live output and -R output both come through here.
 *
 * Threads: a renderer belongs to one thread (the writer thread when tracing live,
 * the main thread with -R).  render_record must be called in time order.
 */
#ifndef VLTRACE_RENDER_H
#define VLTRACE_RENDER_H

#include <stdint.h>
#include <sys/types.h>

#include "outbuf.h"
#include "record.h"

enum render_format {
	RENDER_TEXT = 0,
	RENDER_JSON = 1,
	RENDER_CHROME_JSON = 2, /* Chrome Trace Event JSON (Perfetto UI, chrome://tracing) */
	RENDER_PERFETTO = 3,	/* Perfetto's protobuf trace (render_perfetto.c) */
	RENDER_CSV = 4,		/* one row per call (render_csv.c) */
	RENDER_TSV = 5,
};

/*
 * strace 6.1 has two prefix rules: on stderr "[pid %5u] " on every line started
 * while more than one task is traced (AUTO); with -o FILE and -f (or several -p),
 * "%-5d " on every line (ALWAYS).
 */
enum render_pid_prefix {
	RENDER_PID_AUTO = 0,	/* "[pid  N] " while more than one task is alive (strace to stderr) */
	RENDER_PID_ALWAYS = 1,	/* "N     " on every line (strace -f -o FILE) */
	RENDER_PID_NEVER = 2,	/* -ff: one output per process */
};

/* --relative-timestamps=PRECISION and its kin: digits after the point */
enum render_prec {
	RENDER_PREC_DEFAULT = 0, /* as strace: 6 (-t 0, -tt 6) */
	RENDER_PREC_S = 1,
	RENDER_PREC_MS = 2,
	RENDER_PREC_US = 3,
	RENDER_PREC_NS = 4,
};

struct render_opts {
	enum render_format format;
	int tstamp;		 /* 0 none, 1 -t, 2 -tt, 3 -ttt */
	int relative;		 /* -r */
	int syscall_time;	 /* -T */
	int ts_prec;		 /* enum render_prec of -t, -r and -T */
	int rel_prec;
	int dur_prec;
	int strings_hex;	 /* enum decode_hex: -x, -xx */
	int verbose;		 /* -v: structs unabbreviated */
	int syscall_number;	 /* -n: "[NR] " before each line */
	unsigned columns;	 /* -a: results aligned to this column; 0: 40 */
	uint64_t signal_mask;	 /* -e signal=: bit N-1 for signal N printed */
	int signal_filter;	 /* signal_mask applies */
	const uint64_t *dump_read;  /* -e read=: VT_DUMP_WORDS words of fds dumped in hex, or NULL */
	const uint64_t *dump_write; /* -e write=: the same */
	int append;		 /* -A: -ff's FILE.TID files are appended to */
	unsigned string_limit;	 /* -s: bytes of strings and buffers printed (default 32) */
	enum render_pid_prefix pid_prefix;
	uint64_t realtime_at_mono0; /* ns: wall clock = this + record ts */
	uint64_t start_mono;	 /* -r: the first line's base; 0 gives 0.000000 as strace */
	const char *per_task_path; /* -ff: each task's lines go to this path + ".TID" */
	int status_filter;	 /* -z/-Z live: drop entry/exit pairs that fail it (execve) */
	const uint64_t *raw_mask; /* -e raw=: syscalls printed undecoded (VT_MASK_WORDS words), or NULL */
	const char *const *syscall_names; /* from the trace file; NULL: the built-in table */
	const uint8_t *syscall_sig;	   /* from the trace file (TRACEFILE_SIG_LEN a number) */
	unsigned nsyscalls;
	int quiet_exit; /* -qq: no "+++ exited with N +++" lines (those killed by a signal stay) */
};

struct renderer;

struct renderer *render_new(const struct render_opts *o, struct outbuf *out);
void render_record(struct renderer *r, const struct vt_hdr *rec);
/* End of stream: complete lines still open (as strace does at detach). */
void render_finish(struct renderer *r);
/* Write out what is buffered (the writer calls it after each block). */
void render_flush(struct renderer *r);
/*
 * -ff: what failed ("cannot create FILE.TID: why", "writing FILE.TID: why"), or
 * NULL.  A failure also sets the main output's error, which stops the writer;
 * read it once the renderer's thread is done with it.
 */
const char *render_failure(const struct renderer *r);
void render_free(struct renderer *r);

#endif /* VLTRACE_RENDER_H */
