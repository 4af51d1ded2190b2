// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Decoders of inter-process communication: futex operations (strace's futex.c).
 */
#include <string.h>

#include "decoders.h"
#include "util.h"
#include "xlat.h"
#include "xlat/futex_cmds.h"

static void print_futex_op(struct dstr *s, uint64_t v)
{
	unsigned op = v & 0xffffffffu;
	const char *n = XLOOKUP(futex_cmds, op & 0x7f);

	if (!n) {
		dstr_printf(s, "%#x /* FUTEX_??? */", op);
		return;
	}
	dstr_puts(s, n);
	if (op & 128)
		dstr_puts(s, "_PRIVATE");
	if (op & 256)
		dstr_puts(s, "|FUTEX_CLOCK_REALTIME");
	if (op & ~0x1ffu)
		dstr_printf(s, "|%#x", op & ~0x1ffu);
}

void arg_futex_op(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_futex_op(s, arg_val(a));
}
