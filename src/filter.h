/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The filter language of --filter (docs/FILTERS.md): an expression parsed once
 * into a tree, then evaluated on each call or event.  The fields of a call are
 * given by the caller in a struct filter_call, so this file knows nothing of
 * records or decoding.
 *
 * Evaluation has three values: a condition on a field the caller does not know
 * yet (the result of a call that has only entered) or at all (the duration of a
 * signal) is unknown, and "and", "or" and "not" combine unknowns as SQL does.
 * An entry whose filter is already false is dropped at once; one whose filter
 * is unknown waits for its exit.
 *
 * Threads: filter_parse, filter_bind and filter_kernel on the main thread
 * before anything starts (with -R, which has no other thread, also between
 * the records of files with different syscall tables); a bound filter is
 * read-only and filter_eval and filter_pass may run on any one thread at a
 * time (the writer thread live, the main thread with -R).
 */
#ifndef VLTRACE_FILTER_H
#define VLTRACE_FILTER_H

#include <stddef.h>
#include <stdint.h>

#include "record.h"

enum filter_result {
	FILTER_FALSE = 0,
	FILTER_TRUE = 1,
	FILTER_UNKNOWN = 2,
};

/* What a struct filter_call describes: which of its fields are known. */
enum filter_kind {
	FILTER_CALL = 0,  /* a whole call: every field */
	FILTER_ENTRY = 1, /* a call that has entered: ret, errno, dur are unknown */
	FILTER_EVENT = 2, /* not a call (exit, signal, lost records): only pid, tid, comm, cpu */
};

/* Fields, as bits of filter_fields() */
enum filter_field {
	FF_SYSCALL = 0,
	FF_PID,
	FF_TID,
	FF_COMM,
	FF_RET,
	FF_ERRNO,
	FF_DUR,
	FF_FD,
	FF_PATH,
	FF_ARG0, /* FF_ARG0 + i for argi */
	FF_CPU = FF_ARG0 + 6,
	FF_NFIELDS,
};

struct filter_call {
	enum filter_kind kind;
	unsigned nr;	  /* syscall number, in the numbering filter_bind was given */
	uint32_t pid, tid, cpu;
	const char *comm; /* NULL: not known */
	int64_t ret;
	uint64_t dur;	  /* ns */
	const uint64_t *args; /* six registers */
	/* the call's descriptor arguments, and the paths it was given (not 0-terminated) */
	unsigned nfds, npaths;
	int64_t fds[6];
	const char *paths[6];
	size_t path_lens[6];
};

struct filter;

/*
 * Parse expr.  On error returns -EINVAL, puts a one-line reason into err and
 * the 1-based column it applies to into *col.
 */
int filter_parse(const char *expr, struct filter **out, char *err, size_t errlen, int *col);
/*
 * Resolve the syscall conditions against a syscall table: names[nr] for nr below
 * n (NULL entries: no such number), or NULL for vltrace's own table.  Classes
 * (%file) come from vltrace's table, by name.  May be called again for another
 * table.
 */
void filter_bind(struct filter *f, const char *const *names, unsigned n);
enum filter_result filter_eval(const struct filter *f, const struct filter_call *c);
/*
 * Does a call or event pass?  A call needs a true filter; an event (which has no
 * call fields) is dropped only by a false one.
 */
int filter_pass(const struct filter *f, const struct filter_call *c);
/*
 * The part of a filter bound to vltrace's own table that the kernel can decide:
 * conditions joined by "and" at the top of the expression on syscall (into
 * mask, with *use_mask set), pid, tid, fd, ret, errno, dur and arg0..arg5 (into
 * k).  Each is a condition every passing call meets, so the kernel drops only
 * calls the whole filter would drop; user space still applies it all.
 * Returns 1 when that is the whole filter, decided exactly for every call the
 * kernel counts (-c): conditions on syscall, pid, tid, ret, errno and dur
 * joined by and.
 */
int filter_kernel(const struct filter *f, struct vt_kfilter *k, uint64_t mask[VT_MASK_WORDS],
		  int *use_mask);
/* The fields the expression uses: 1 << enum filter_field. */
uint32_t filter_fields(const struct filter *f);
void filter_free(struct filter *f);

#endif /* VLTRACE_FILTER_H */
