// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Decoders of memory calls: protections, mmap flags, madvise advice, memfd
 * flags (strace's mem.c, memfd_create.c).
 */
#include <string.h>

#include "decoders.h"
#include "util.h"
#include "xlat.h"
#include "xlat/madv_names.h"
#include "xlat/map_flags.h"
#include "xlat/map_types.h"
#include "xlat/mfd_flags.h"
#include "xlat/mremap_flags.h"
#include "xlat/msync_flags.h"
#include "xlat/prot_flags.h"

void arg_prot(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	if (!arg_val(a))
		dstr_puts(s, "PROT_NONE");
	else
		print_flags(s, prot_flags, arg_val(a), "PROT_???");
}

void arg_mapfl(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint64_t v = arg_val(a);
	const char *t = XLOOKUP(map_types, v & 0xf);

	if (t)
		dstr_puts(s, t);
	else
		dstr_printf(s, "%#llx /* MAP_??? */", (unsigned long long)(v & 0xf));
	print_flag_bits(s, map_flags, v & ~0xfull, 1);
}

void arg_mfd_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	/* MFD_HUGE_* is the page size's log2 at bit 26 */
	unsigned fl = arg_val(a), huge = (fl >> 26) & 0x3f, low = fl & ~(0x3fu << 26);

	if (low || !huge)
		print_flags(s, mfd_flags, low, "MFD_???");
	if (huge)
		dstr_printf(s, "%s%u<<MFD_HUGE_SHIFT", low ? "|" : "", huge);
}

void arg_madv(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, madv_names, arg_val(a), "MADV_???");
}

void arg_msync_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, msync_flags, arg_val(a) & 0xffffffffu, "MS_???");
}

void arg_mremap_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, mremap_flags, arg_val(a) & 0xffffffffu, "MREMAP_???");
}

/* the new address means something with MREMAP_MAYMOVE|MREMAP_FIXED only */
int mremap_addr_shown(const struct decode_arg *a)
{
	return (a->args[a->idx - 1] & 3) == 3;
}
