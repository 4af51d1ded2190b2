/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * -R with -e trace=, -e status=, -z or -Z: the filters the kernel applies while
 * tracing, applied to the records of a file.  A call's result is only known at
 * its exit, so with a status filter an entry waits for its exit and a passing
 * call goes on as one VT_SYSCALL record, as the kernel emits it when tracing
 * with -z or -Z; a filtered call leaves nothing behind.
 *
 * --filter (filter.h) acts on whole calls the same way: an entry that the
 * filter already rejects is dropped, one it already accepts goes on at once,
 * and the others wait for their exit, where the whole call decides and a
 * passing one goes on as its entry and its exit back to back.  Events that are
 * not calls (exits, signals, forks) are dropped only by a filter that is false
 * for them (pid = 5 drops the signals of other processes); lost-record notes
 * always go on.
 *
 * Threads: a refilter belongs to one thread (the main thread with -R, the
 * writer thread when the renderer filters live).
 */
#ifndef VLTRACE_REFILTER_H
#define VLTRACE_REFILTER_H

#include <stdint.h>
#include <sys/types.h>

#include "filter.h"
#include "record.h"
#include "tracefile.h"

struct refilter;

typedef void (*refilter_emit_fn)(void *ctx, const struct vt_hdr *rec);

/* mask: syscalls to keep (VT_MASK_WORDS words) or NULL; status: enum vt_status_filter. */
struct refilter *refilter_new(const uint64_t *mask, int status, refilter_emit_fn emit, void *ctx);
/* Feed the next record in file order; passing records go to emit. */
void refilter_record(struct refilter *f, const struct vt_hdr *rec);
/*
 * Add a --filter expression, bound to the syscall table the records were made
 * with: names and sig (TRACEFILE_SIG_LEN bytes a number) of a trace file, or
 * NULL for vltrace's own.  live: names of processes not seen to exec are read
 * from /proc (a file has only what its records say).  f keeps expr, names and
 * sig: they must outlive it.
 */
void refilter_set_filter(struct refilter *f, const struct filter *expr, const char *const *names,
			 const uint8_t *sig, unsigned nsyscalls, int live);
/*
 * -R with -p and -N: only the records of these processes (a -p ID may also name
 * one of a process's threads), and of the processes called one of names (from
 * the first record that shows the name on); with follow, also of the processes
 * they fork in the trace.  pids and names must outlive f.
 */
/* The names a trace file's header gives the processes traced from its start. */
void refilter_set_procs(struct refilter *f, const struct tracefile_proc *procs, unsigned n);
void refilter_set_targets(struct refilter *f, const pid_t *pids, unsigned npids,
			  char *const *names, unsigned nnames, int follow);
void refilter_free(struct refilter *f);

#endif /* VLTRACE_REFILTER_H */
