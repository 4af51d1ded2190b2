/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Constant tables and their lookup: the struct xlat arrays generated from
 * src/xlat/NAME.in (scripts/gen-xlat.sh), in the order strace prints them.
 *
 * Threads: pure functions and read-only tables; any thread.
 */
#ifndef VLTRACE_XLAT_H
#define VLTRACE_XLAT_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"

struct xlat {
	uint64_t val;
	const char *name; /* NULL ends a table */
};

/* The name of v in x, or NULL. */
const char *xlookup(const struct xlat *x, uint64_t v);
/* A constant, or the value in hex with a comment ("0x1f /\* MADV_??? *\/"), as strace. */
void print_xval(struct dstr *s, const struct xlat *x, uint64_t v, const char *unknown);
/*
 * Print the set bits of v that x names, joined by '|', then what is left in hex.
 * Returns the number of items printed.  sep: something was printed before.
 */
int print_flag_bits(struct dstr *s, const struct xlat *x, uint64_t v, int sep);
/* strace's printflags: "0" for nothing, hex and a ?_OK style comment when nothing is known. */
void print_flags(struct dstr *s, const struct xlat *x, uint64_t v, const char *unknown);

#define XLOOKUP(x, v) xlookup(x, v)
#define PRINT_XVAL(s, x, v, u) print_xval(s, x, v, u)

#endif /* VLTRACE_XLAT_H */
