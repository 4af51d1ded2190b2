/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The syscall table: names (generated from asm/unistd_64.h) and, from data kept
 * in the repository, each syscall's arguments, return type and strace classes.
 * It drives decoding (decode.c), the BPF capture table and -e trace= sets.
 *
 * Threads: read-only after start; any thread.
 */
#ifndef VLTRACE_SYSCALLTAB_H
#define VLTRACE_SYSCALLTAB_H

#include <stdint.h>

#include "record.h"

/* strace's classes */
enum {
	VT_CLASS_FILE = 1 << 0,	   /* %file: takes a file name */
	VT_CLASS_DESC = 1 << 1,	   /* %desc: takes or returns a descriptor */
	VT_CLASS_NET = 1 << 2,	   /* %net / %network */
	VT_CLASS_PROCESS = 1 << 3, /* %process */
	VT_CLASS_MEMORY = 1 << 4,  /* %memory */
	VT_CLASS_SIGNAL = 1 << 5,  /* %signal */
	VT_CLASS_IPC = 1 << 6,	   /* %ipc */
	VT_CLASS_CREDS = 1 << 7,   /* %creds */
	VT_CLASS_CLOCK = 1 << 8,   /* %clock */
	VT_CLASS_STAT = 1 << 9,	   /* %stat */
	VT_CLASS_LSTAT = 1 << 10,  /* %lstat */
	VT_CLASS_FSTAT = 1 << 11,  /* %fstat */
	VT_CLASS_STATFS = 1 << 12, /* %statfs */
	VT_CLASS_PURE = 1 << 13,   /* %pure */
	VT_CLASS_NORETURN = 1 << 14, /* never returns (exit, exit_group): "= ?" */
};

struct vt_syscall_info {
	const char *name;   /* NULL: no syscall with this number */
	uint8_t nargs;
	uint8_t arg[6];	    /* decode.h enum vt_argtype */
	uint8_t ret;	    /* decode.h enum vt_argtype of the return value */
	uint32_t classes;   /* VT_CLASS_* */
};

/* Info for nr, or NULL when nr is beyond the table. */
const struct vt_syscall_info *syscalltab_get(unsigned nr);
unsigned syscalltab_size(void);
/* Number of the syscall called name, or -1. */
int syscalltab_lookup(const char *name);
/* The known name closest to name (for "did you mean"), or NULL. */
const char *syscalltab_suggest(const char *name);
/* Set the bits of every syscall in class (e.g. "%file", "file"); -EINVAL if unknown. */
int syscalltab_class_mask(const char *cls, uint64_t mask[VT_MASK_WORDS]);
/* Fill the BPF capture table: one entry per syscall number. */
void syscalltab_capspec(struct vt_capspec *spec, unsigned n);

#endif /* VLTRACE_SYSCALLTAB_H */
