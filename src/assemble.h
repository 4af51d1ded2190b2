/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The call assembler: pairs each thread's entry with its exit and hands on
 * whole calls (entry, exit, duration), in the order they end; a call still
 * open when its thread exits or the records end is handed on without a
 * result.  Records that are not calls are handed on as they come.  Formatters
 * that print a call once it is over (JSON, timelines, tables) take their calls
 * from here instead of pairing records themselves.
 *
 * Threads: an assembler belongs to one thread (the renderer's).  Records come
 * in time order.
 */
#ifndef VLTRACE_ASSEMBLE_H
#define VLTRACE_ASSEMBLE_H

#include <stdint.h>

#include "record.h"

struct asm_call {
	uint32_t tid, tgid;
	unsigned nr;
	const uint64_t *args;	  /* six registers: zeros without an entry */
	/* where the captures are: the entry record, and the exit (or the whole call) */
	const struct vt_hdr *in_rec;  /* NULL: entered before the trace */
	unsigned in_fixed;
	const struct vt_hdr *out_rec; /* NULL: not returned */
	unsigned out_fixed;
	int64_t ret;
	uint64_t enter_ts;	  /* the exit's time when there was no entry */
	uint64_t exit_ts;	  /* the time it ended (returned, thread exit, end of records) */
	int returned;
};

struct asm_ops {
	/* a call that returned, or ended without returning */
	void (*call)(void *ctx, const struct asm_call *c);
	/* any other record; a thread's exit comes after its open call */
	void (*event)(void *ctx, const struct vt_hdr *rec);
};

struct assembler;

struct assembler *assemble_new(const struct asm_ops *ops, void *ctx);
void assemble_record(struct assembler *a, const struct vt_hdr *rec);
/* End of records: the calls still open, without a result, at the time of their entry. */
void assemble_finish(struct assembler *a);
void assemble_free(struct assembler *a);

#endif /* VLTRACE_ASSEMBLE_H */
