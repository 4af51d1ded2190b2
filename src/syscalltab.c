// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The syscall table, built once from three pieces of data: the numbers and names
 * the kernel headers give (syscallent.h, generated), the numbers of syscalls newer
 * than those headers (below), and the argument types (tables/syscalls.def).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "syscalltab.h"
#include "util.h"

#define TF VT_CLASS_FILE
#define TP VT_CLASS_PROCESS
#define TM VT_CLASS_MEMORY
#define TS VT_CLASS_SIGNAL
#define TI VT_CLASS_IPC
#define TN VT_CLASS_NET
#define TC VT_CLASS_CREDS
#define TCL VT_CLASS_CLOCK
#define TPU VT_CLASS_PURE
#define TST VT_CLASS_STAT
#define TLST VT_CLASS_LSTAT
#define TFST VT_CLASS_FSTAT
#define TSF VT_CLASS_STATFS
#define NR VT_CLASS_NORETURN

struct sysargs {
	const char *name;
	uint8_t nargs;
	uint8_t arg[6];
	uint8_t ret;
	uint32_t classes;
};

static const struct sysargs sysargs[] = {
#define SC(n, na, a0, a1, a2, a3, a4, a5, r, cl)                                              \
	{ #n, na, { VT_AT_##a0, VT_AT_##a1, VT_AT_##a2, VT_AT_##a3, VT_AT_##a4, VT_AT_##a5 }, \
	  VT_AT_##r, cl },
#include "tables/syscalls.def"
#undef SC
};

static const char *const header_names[] = {
#include "syscallent.h"
};

/*
 * x86_64 syscalls newer than the C library's kernel headers (Debian 12 stops at
 * 450), from the kernel's arch/x86/entry/syscalls/syscall_64.tbl.  An entry the
 * headers already name wins.
 */
static const struct {
	unsigned nr;
	const char *name;
} supplement[] = {
	{ 335, "uretprobe" },	     { 336, "uprobe" },		  { 451, "cachestat" },
	{ 452, "fchmodat2" },	     { 453, "map_shadow_stack" }, { 454, "futex_wake" },
	{ 455, "futex_wait" },	     { 456, "futex_requeue" },	  { 457, "statmount" },
	{ 458, "listmount" },	     { 459, "lsm_get_self_attr" }, { 460, "lsm_set_self_attr" },
	{ 461, "lsm_list_modules" }, { 462, "mseal" },		  { 463, "setxattrat" },
	{ 464, "getxattrat" },	     { 465, "listxattrat" },	  { 466, "removexattrat" },
	{ 467, "open_tree_attr" },   { 468, "file_getattr" },	  { 469, "file_setattr" },
};

#define TAB_SIZE VT_NR_SYSCALLS
static struct vt_syscall_info tab[TAB_SIZE];
static unsigned tab_size;
static pthread_once_t tab_once = PTHREAD_ONCE_INIT;

static const struct sysargs *find_args(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(sysargs); i++)
		if (!strcmp(sysargs[i].name, name))
			return &sysargs[i];
	return NULL;
}

static void fill(unsigned nr, const char *name)
{
	struct vt_syscall_info *e = &tab[nr];
	const struct sysargs *a = find_args(name);
	int i;

	e->name = name;
	if (!a) {
		/* a syscall nobody described yet: six raw arguments, as strace does */
		e->nargs = 6;
		for (i = 0; i < 6; i++)
			e->arg[i] = VT_AT_X;
		e->ret = VT_AT_RD;
		e->classes = 0;
	} else {
		e->nargs = a->nargs;
		memcpy(e->arg, a->arg, 6);
		e->ret = a->ret;
		e->classes = a->classes;
	}
	for (i = 0; i < e->nargs; i++)
		e->classes |= decode_argtype_class(e->arg[i]);
	e->classes |= decode_argtype_class(e->ret);
	if (nr + 1 > tab_size)
		tab_size = nr + 1;
}

static void tab_init(void)
{
	for (unsigned nr = 0; nr < ARRAY_SIZE(header_names) && nr < TAB_SIZE; nr++)
		if (header_names[nr])
			fill(nr, header_names[nr]);
	for (size_t i = 0; i < ARRAY_SIZE(supplement); i++)
		if (supplement[i].nr < TAB_SIZE && !tab[supplement[i].nr].name)
			fill(supplement[i].nr, supplement[i].name);
}

static inline void tab_ready(void)
{
	pthread_once(&tab_once, tab_init);
}

const struct vt_syscall_info *syscalltab_get(unsigned nr)
{
	tab_ready();
	return nr < tab_size ? &tab[nr] : NULL;
}

unsigned syscalltab_size(void)
{
	tab_ready();
	return tab_size;
}

int syscalltab_lookup(const char *name)
{
	tab_ready();
	for (unsigned nr = 0; nr < tab_size; nr++)
		if (tab[nr].name && !strcmp(tab[nr].name, name))
			return nr;
	return -1;
}

static unsigned edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned row[64], prev, tmp;

	if (la >= ARRAY_SIZE(row) || lb >= ARRAY_SIZE(row))
		return ~0u;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			unsigned best = prev + (a[i - 1] != b[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

const char *syscalltab_suggest(const char *name)
{
	const char *best = NULL;
	unsigned bestd = 3; /* further than two edits is no longer a typo */

	tab_ready();
	for (unsigned nr = 0; nr < tab_size; nr++) {
		unsigned d;

		if (!tab[nr].name)
			continue;
		d = edit_distance(name, tab[nr].name);
		if (d < bestd) {
			bestd = d;
			best = tab[nr].name;
		}
	}
	return best;
}

static const struct {
	const char *name;
	uint32_t classes;
} class_names[] = {
	{ "file", VT_CLASS_FILE },
	{ "desc", VT_CLASS_DESC },
	{ "net", VT_CLASS_NET },
	{ "network", VT_CLASS_NET },
	{ "process", VT_CLASS_PROCESS },
	{ "memory", VT_CLASS_MEMORY },
	{ "signal", VT_CLASS_SIGNAL },
	{ "ipc", VT_CLASS_IPC },
	{ "creds", VT_CLASS_CREDS },
	{ "clock", VT_CLASS_CLOCK },
	{ "stat", VT_CLASS_STAT },
	{ "lstat", VT_CLASS_LSTAT },
	{ "fstat", VT_CLASS_FSTAT },
	{ "%stat", VT_CLASS_STAT | VT_CLASS_LSTAT | VT_CLASS_FSTAT },
	{ "statfs", VT_CLASS_STATFS },
	{ "%statfs", VT_CLASS_STATFS },
	{ "pure", VT_CLASS_PURE },
};

int syscalltab_class_mask(const char *cls, uint64_t mask[VT_MASK_WORDS])
{
	uint32_t want = 0;

	tab_ready();
	if (*cls == '%')
		cls++;
	for (size_t i = 0; i < ARRAY_SIZE(class_names); i++)
		if (!strcmp(cls, class_names[i].name))
			want = class_names[i].classes;
	if (!want)
		return -EINVAL;
	for (unsigned nr = 0; nr < tab_size && nr < VT_NR_SYSCALLS; nr++)
		if (tab[nr].name && (tab[nr].classes & want))
			mask[nr / 64] |= 1ull << (nr % 64);
	return 0;
}

void syscalltab_capspec(struct vt_capspec *spec, unsigned n)
{
	tab_ready();
	memset(spec, 0, sizeof(*spec) * n);
	for (unsigned nr = 0; nr < n && nr < tab_size; nr++) {
		const struct vt_syscall_info *e = &tab[nr];

		if (!e->name)
			continue;
		for (int i = 0; i < e->nargs && i < 6; i++) {
			uint8_t k;

			decode_capspec(e->arg[i], i, &spec[nr].kind[i], &spec[nr].aux[i]);
			k = spec[nr].kind[i];
			if (k == VT_CK_NONE)
				continue;
			if (k == VT_CK_BUF_OUT || k == VT_CK_STRUCT_OUT || k == VT_CK_IOV_OUT ||
			    k == VT_CK_DIRENTS) {
				spec[nr].any |= VT_CAPSPEC_EXIT;
			} else if (k == VT_CK_MSGHDR_OUT || k == VT_CK_STRUCT_INOUT) {
				/* value-result: never read again at exit as an entry value */
				spec[nr].any |= VT_CAPSPEC_ENTRY | VT_CAPSPEC_EXIT;
			} else {
				spec[nr].any |= VT_CAPSPEC_ENTRY | VT_CAPSPEC_PATH;
				if (k == VT_CK_STRV || k == VT_CK_STRV_COUNT)
					spec[nr].any |= VT_CAPSPEC_STRV;
			}
			/* readv's elements print even when it failed, nanosleep's time left only then */
			if (k == VT_CK_STRUCT_OUT_INTR)
				spec[nr].any |= VT_CAPSPEC_EXIT;
			if (k == VT_CK_IOV_OUT || k == VT_CK_STRUCT_OUT_INTR)
				spec[nr].any |= VT_CAPSPEC_EXIT_FAIL;
		}
	}
}
