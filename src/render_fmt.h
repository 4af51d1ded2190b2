/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Formatters of assembled calls: the renderer (render.c) pairs each call's entry
 * and exit, decodes its arguments to strace's text, and hands the whole call to
 * one of these; they own only their output's encoding.  CSV and TSV tables
 * (render_csv.c, docs/TABLES.md) and Perfetto's protobuf trace (render_perfetto.c,
 * docs/PERFETTO.md).
 *
 * Threads: a formatter belongs to its renderer, so to the renderer's thread (the
 * writer thread when tracing live, the main thread with -R).  A call comes when
 * it ends (its exit, its thread's exit, or the end of the stream), so calls of
 * different threads overlap; each thread's calls and events come in time order.
 */
#ifndef VLTRACE_RENDER_FMT_H
#define VLTRACE_RENDER_FMT_H

#include <stdint.h>

#include "outbuf.h"
#include "render.h"

/* One system call, entry and exit together. */
struct render_call {
	uint64_t enter_ts;     /* ns, CLOCK_MONOTONIC (formatters use exit_ts when !entered) */
	uint64_t exit_ts;      /* ns; == enter_ts when !returned */
	int entered;	       /* 0: it entered before tracing began (no arguments) */
	int returned;	       /* 0: still in the call when tracing stopped, or it never returns */
	uint32_t tgid, tid;
	const char *comm;      /* the process's name where known (after its execve), else "" */
	unsigned nr;
	const char *name;      /* syscall name ("syscall_N" when unknown) */
	int nargs;
	const char *arg[6];    /* each argument as strace prints it; NULL: not shown */
	int64_t ret;	       /* as the kernel returned it (-errno on failure) */
	const char *errname;   /* "ENOENT"..., or a number as text; NULL unless it failed */
};

/* What happened to a thread that is not a call: exit, fork, signal, lost records. */
struct render_event {
	uint64_t ts;
	uint32_t tgid, tid;    /* 0, 0: not about a thread (lost records) */
	const char *comm;
	const char *type;      /* "exit", "fork", "signal", "lost" (as JSON Lines' "type") */
	const char *text;      /* one line about it, as strace would say it */
};

struct render_fmt_ops {
	/* Opens the formatter on out (it writes any header); never fails. */
	void *(*open)(struct outbuf *out, const struct render_opts *o);
	void (*call)(void *st, const struct render_call *c);
	void (*event)(void *st, const struct render_event *e); /* NULL: events are not shown */
	/* End of stream: anything the format needs at its end. */
	void (*finish)(void *st);
	void (*close)(void *st); /* accepts NULL */
};

extern const struct render_fmt_ops render_csv_ops;
extern const struct render_fmt_ops render_tsv_ops;
extern const struct render_fmt_ops render_perfetto_ops;

#endif /* VLTRACE_RENDER_FMT_H */
