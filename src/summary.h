/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * strace's -c table: per syscall the share of time, seconds, usecs/call, calls
 * and errors, sorted by time.  Totals come either from the kernel (live -c/-C:
 * the BPF side counts, no records needed) or from records (-R FILE -c).
 *
 * Threads: a summary belongs to one thread (the main thread; the writer thread
 * when it is fed records live).
 */
#ifndef VLTRACE_SUMMARY_H
#define VLTRACE_SUMMARY_H

#include <stdint.h>

#include "outbuf.h"
#include "record.h"

struct summary;

struct summary *summary_new(void);
void summary_free(struct summary *s);
/* Account one record (ENTER, EXIT or SYSCALL; others are ignored). */
void summary_record(struct summary *s, const struct vt_hdr *rec);
/* Add totals counted elsewhere (the kernel's per-syscall map). */
void summary_add(struct summary *s, unsigned nr, uint64_t calls, uint64_t errors, uint64_t ns);
/* Print the table; names: syscall names by number (NULL: built-in table). */
void summary_print(const struct summary *s, struct outbuf *out, const char *const *names,
		   unsigned nnames);

#endif /* VLTRACE_SUMMARY_H */
