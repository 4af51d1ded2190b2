/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * -R with -e trace=, -e status=, -z or -Z: the filters the kernel applies while
 * tracing, applied to the records of a file.  A call's result is only known at
 * its exit, so with a status filter an entry waits for its exit and a passing
 * call goes on as one VT_SYSCALL record, as the kernel emits it when tracing
 * with -z or -Z; a filtered call leaves nothing behind.
 *
 * Threads: a refilter belongs to one thread (the main thread, with -R).
 */
#ifndef VLTRACE_REFILTER_H
#define VLTRACE_REFILTER_H

#include <stdint.h>

#include "record.h"

struct refilter;

typedef void (*refilter_emit_fn)(void *ctx, const struct vt_hdr *rec);

/* mask: syscalls to keep (VT_MASK_WORDS words) or NULL; status: enum vt_status_filter. */
struct refilter *refilter_new(const uint64_t *mask, int status, refilter_emit_fn emit, void *ctx);
/* Feed the next record in file order; passing records go to emit. */
void refilter_record(struct refilter *f, const struct vt_hdr *rec);
void refilter_free(struct refilter *f);

#endif /* VLTRACE_REFILTER_H */
