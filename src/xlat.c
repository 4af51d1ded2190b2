// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Lookup in the constant tables of src/xlat/, and strace's ways of printing a
 * value by them: one constant, or a set of flags.
 */
#include "xlat.h"

const char *xlookup(const struct xlat *x, uint64_t v)
{
	for (; x->name; x++)
		if (x->val == v)
			return x->name;
	return NULL;
}

void print_xval(struct dstr *s, const struct xlat *x, uint64_t v, const char *unknown)
{
	const char *name = xlookup(x, v);

	if (name)
		dstr_puts(s, name);
	else if (v)
		dstr_printf(s, "%#llx /* %s */", (unsigned long long)v, unknown);
	else
		dstr_printf(s, "0 /* %s */", unknown);
}

int print_flag_bits(struct dstr *s, const struct xlat *x, uint64_t v, int sep)
{
	int n = 0;

	for (; x->name; x++) {
		if (!x->val || (v & x->val) != x->val)
			continue;
		if (sep || n)
			dstr_putc(s, '|');
		dstr_puts(s, x->name);
		v &= ~x->val;
		n++;
	}
	if (v) {
		if (sep || n)
			dstr_putc(s, '|');
		dstr_printf(s, "%#llx", (unsigned long long)v);
		n++;
	}
	return n;
}

void print_flags(struct dstr *s, const struct xlat *x, uint64_t v, const char *unknown)
{
	uint64_t known = 0;

	if (!v) {
		dstr_putc(s, '0');
		return;
	}
	for (const struct xlat *e = x; e->name; e++)
		if (e->val && (v & e->val) == e->val)
			known |= e->val;
	if (!known) {
		dstr_printf(s, "%#llx /* %s */", (unsigned long long)v, unknown);
		return;
	}
	print_flag_bits(s, x, v, 0);
}
