/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * strace's -c table, and what strace lacks: percentiles, latency histograms,
 * totals split by thread, process or name, errors by errno, JSON objects.
 * Totals come either from the kernel (live -c/-C: the BPF side counts, no
 * records needed; summary_add*) or from records (-R FILE -c, and -C with -W:
 * summary_record, which pairs entries and exits and hands each call to
 * summary_call, the one place a filter on calls can be put in front of).
 *
 * Threads: a summary belongs to one thread (the main thread; the writer thread
 * when it is fed records live).  The parsers run on the main thread, before
 * anything starts.
 */
#ifndef VLTRACE_SUMMARY_H
#define VLTRACE_SUMMARY_H

#include <stdint.h>

#include "outbuf.h"
#include "record.h"

/* Table columns: strace's (-U names), then vltrace's percentiles. */
enum summary_col {
	SUMMARY_COL_NONE = 0,
	SUMMARY_COL_TIME_PERCENT,
	SUMMARY_COL_TOTAL_TIME,
	SUMMARY_COL_MIN_TIME,
	SUMMARY_COL_MAX_TIME,
	SUMMARY_COL_AVG_TIME,
	SUMMARY_COL_CALLS,
	SUMMARY_COL_ERRORS,
	SUMMARY_COL_NAME,
	SUMMARY_COL_P50,
	SUMMARY_COL_P90,
	SUMMARY_COL_P99,
	SUMMARY_COL_P999,
	SUMMARY_NCOLS,
};

/* --summary-by keys */
#define SUMMARY_BY_SYSCALL 1u
#define SUMMARY_BY_TID 2u
#define SUMMARY_BY_PID 4u
#define SUMMARY_BY_COMM 8u
#define SUMMARY_BY_WHO (SUMMARY_BY_TID | SUMMARY_BY_PID | SUMMARY_BY_COMM)

struct summary_opts {
	uint8_t columns[SUMMARY_NCOLS]; /* enum summary_col in order, SUMMARY_COL_NONE ends */
	uint8_t sort;			/* enum summary_col; SUMMARY_COL_NONE: syscall number */
	unsigned by;			/* SUMMARY_BY_* */
	int histogram;			/* --histogram */
	uint64_t hist_mask[VT_MASK_WORDS]; /* the syscalls --histogram draws */
	int errnos;			/* --errno-summary */
	int json;			/* JSON objects (docs/JSON.md) instead of tables */
};

/* An assembled call, the unit summary_call counts. */
struct summary_call {
	uint32_t tid;
	uint32_t pid;
	uint32_t nr;
	int64_t ret;
	uint64_t ns;	  /* entry to exit */
	int timed;	  /* the entry was seen: ns is the call's time */
	const char *comm; /* NULL when unknown */
};

/* strace's defaults: time-percent,total-time,avg-time,calls,errors,name, by time. */
void summary_opts_init(struct summary_opts *o);
/* -U, -S, --summary-by: 0, or -EINVAL after printing a one-line error. */
int summary_parse_columns(struct summary_opts *o, const char *s);
int summary_parse_sort(struct summary_opts *o, const char *s);
int summary_parse_by(struct summary_opts *o, const char *s);
/* What the kernel must count for these options. */
int summary_wants_minmax(const struct summary_opts *o);
int summary_wants_hist(const struct summary_opts *o);

/* o NULL: the defaults.  The summary keeps a copy of *o. */
struct summary *summary_new(const struct summary_opts *o);
void summary_free(struct summary *s);
/* Account one record (ENTER, EXIT, SYSCALL, THREAD_EXIT; others are ignored). */
void summary_record(struct summary *s, const struct vt_hdr *rec);
/*
 * Learn threads' names (--summary-by=comm) from a record: its execve, its
 * forks.  Every record of the stream goes here, also those a filter keeps
 * from summary_record.
 */
void summary_names(struct summary *s, const struct vt_hdr *rec);
/* Account one call. */
void summary_call(struct summary *s, const struct summary_call *c);
/* Add what the kernel counted: per syscall, per thread, histograms, errnos. */
void summary_add(struct summary *s, unsigned nr, const struct vt_sysstat *st);
void summary_add_by(struct summary *s, const struct vt_bykey *k, const struct vt_bystat *b);
void summary_add_hist(struct summary *s, unsigned nr, const uint64_t *buckets);
void summary_add_errno(struct summary *s, unsigned nr, const uint64_t *slots);
/* Calls the kernel counted in no thread's row (its table was full). */
void summary_set_dropped(struct summary *s, uint64_t n);
/*
 * A new summary of what cur has and prev had not (an interval out of two
 * running totals): counts, times, histograms and errnos subtracted; min and max
 * are cur's, since the start.
 */
struct summary *summary_diff(const struct summary *cur, const struct summary *prev);
/*
 * Print the table (and the errno table, the histograms), or the JSON objects.
 * names: syscall names by number (NULL: built-in table).  span: with
 * --interval, which interval, or the total (NULL: the one summary).
 */
struct summary_span {
	double start, end; /* seconds since tracing began */
	int total;	   /* the whole run, after intervals */
};
void summary_print(struct summary *s, struct outbuf *out, const char *const *names,
		   unsigned nnames, const struct summary_span *span);

#endif /* VLTRACE_SUMMARY_H */
