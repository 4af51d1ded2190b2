// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Decoders of files and paths: open flags, modes, AT_* flags, struct stat,
 * statx, statfs, directory entries, times of utimensat (strace's open.c, stat.c,
 * statx.c, statfs.c, dirent.c).
 */
#include <string.h>

#include "decoders.h"
#include "util.h"
#include "xlat.h"
#include "xlat/access_at_flags.h"
#include "xlat/access_modes.h"
#include "xlat/at_flags.h"
#include "xlat/fadvice.h"
#include "xlat/file_types.h"
#include "xlat/mode_bits.h"
#include "xlat/open_access.h"
#include "xlat/open_flags.h"
#include "xlat/rename_flags.h"
#include "xlat/resolve_flags.h"
#include "xlat/statfs_flags.h"
#include "xlat/statx_attrs.h"
#include "xlat/statx_masks.h"
#include "xlat/statx_sync.h"

static const struct xlat fs_magics[] = {
#define FS(v, n) { v, n },
#include "tables/fsmagic.h"
#undef FS
	{ 0, NULL },
};

void print_open_flags(struct dstr *s, uint64_t v)
{
	unsigned acc = v & 3;

	v &= 0xffffffffu;
	dstr_puts(s, acc < 3 ? open_access[acc].name : "O_ACCMODE");
	print_flag_bits(s, open_flags, v & ~3ull, 1);
}

/* pipe2, dup3, eventfd2 ...: O_* flags, "0" when none. */
static void print_plain_oflags(struct dstr *s, uint64_t v)
{
	v &= 0xffffffffu;
	if (!v)
		dstr_putc(s, '0');
	else
		print_flag_bits(s, open_flags, v, 0);
}

static void print_mode_perm(struct dstr *s, unsigned mode)
{
	dstr_printf(s, "%#03o", mode & 0777);
}

/* st_mode: "S_IFREG|0644", "S_IFDIR|S_ISVTX|0777" */
static void print_st_mode(struct dstr *s, unsigned mode)
{
	const char *t = XLOOKUP(file_types, mode & 0170000);
	int sep = 0;

	if (t) {
		dstr_puts(s, t);
		sep = 1;
	} else if (mode & 0170000) {
		dstr_printf(s, "%#o", mode & 0170000);
		sep = 1;
	}
	for (const struct xlat *e = mode_bits; e->name; e++) {
		if (mode & e->val) {
			if (sep)
				dstr_putc(s, '|');
			dstr_puts(s, e->name);
			sep = 1;
		}
	}
	if (sep)
		dstr_putc(s, '|');
	print_mode_perm(s, mode);
}

static void print_makedev(struct dstr *s, uint64_t major, uint64_t minor)
{
	dstr_printf(s, "makedev(%#llx, %#llx)", (unsigned long long)major,
		    (unsigned long long)minor);
}

/* a dev_t as the kernel encodes it (new_encode_dev's 64-bit form) */
static void print_dev(struct dstr *s, uint64_t dev)
{
	print_makedev(s, ((dev >> 32) & 0xfffff000) | ((dev >> 8) & 0xfff),
		      ((dev >> 12) & 0xffffff00) | (dev & 0xff));
}

/* -v: st_atime=N / * date * /, st_atime_nsec=N, for a, m and c */
static void print_stat_times(struct dstr *s, const uint8_t *d)
{
	static const char ch[] = "amc";

	for (int i = 0; i < 3; i++) {
		int64_t sec = (int64_t)ld64(d, 72 + i * 16), nsec = (int64_t)ld64(d, 80 + i * 16);

		dstr_printf(s, ", st_%ctime=%lld", ch[i], (long long)sec);
		print_date_comment(s, sec, nsec >= 0 && nsec < 1000000000 ? nsec : 0);
		dstr_printf(s, ", st_%ctime_nsec=%lld", ch[i], (long long)nsec);
	}
}

static void print_stat(struct dstr *s, const uint8_t *d, int verbose)
{
	unsigned mode = ld32(d, 24);

	if (verbose) {
		dstr_puts(s, "{st_dev=");
		print_dev(s, ld64(d, 0));
		dstr_printf(s, ", st_ino=%llu, st_mode=", (unsigned long long)ld64(d, 8));
	} else {
		dstr_puts(s, "{st_mode=");
	}
	print_st_mode(s, mode);
	if (verbose)
		dstr_printf(s, ", st_nlink=%llu, st_uid=%u, st_gid=%u, st_blksize=%lld, "
			       "st_blocks=%lld",
			    (unsigned long long)ld64(d, 16), ld32(d, 28), ld32(d, 32),
			    (long long)ld64(d, 56), (long long)ld64(d, 64));
	if ((mode & 0170000) == 0020000 || (mode & 0170000) == 0060000) {
		dstr_puts(s, ", st_rdev=");
		print_dev(s, ld64(d, 40));
	} else {
		dstr_printf(s, ", st_size=%lld", (long long)ld64(d, 48));
	}
	if (verbose) {
		print_stat_times(s, d);
		dstr_putc(s, '}');
	} else {
		dstr_puts(s, ", ...}");
	}
}

static void print_statx(struct dstr *s, const uint8_t *d)
{
	unsigned mode = ld16(d, 28);

	dstr_puts(s, "{stx_mask=");
	print_flags(s, statx_masks, ld32(d, 0), "STATX_???");
	dstr_puts(s, ", stx_attributes=");
	print_flags(s, statx_attrs, ld64(d, 8), "STATX_ATTR_???");
	dstr_puts(s, ", stx_mode=");
	print_st_mode(s, mode);
	dstr_printf(s, ", stx_size=%llu, ...}", (unsigned long long)ld64(d, 40));
}

/* utimensat's times: UTIME_NOW, UTIME_OMIT, or the time with its date as a comment */
static void print_utimens(struct dstr *s, const uint8_t *d)
{
	dstr_putc(s, '[');
	for (int i = 0; i < 2; i++) {
		int64_t sec = (int64_t)ld64(d, i * 16), nsec = (int64_t)ld64(d, i * 16 + 8);

		if (i)
			dstr_puts(s, ", ");
		if (nsec == (1 << 30) - 1) {
			dstr_puts(s, "UTIME_NOW");
			continue;
		}
		if (nsec == (1 << 30) - 2) {
			dstr_puts(s, "UTIME_OMIT");
			continue;
		}
		dstr_printf(s, "{tv_sec=%lld, tv_nsec=%lld}", (long long)sec, (long long)nsec);
		if (nsec >= 0 && nsec < 1000000000)
			print_date_comment(s, sec, nsec);
	}
	dstr_putc(s, ']');
}

static void print_statfs(struct dstr *s, const uint8_t *d)
{
	const char *t = XLOOKUP(fs_magics, ld64(d, 0));

	dstr_puts(s, "{f_type=");
	if (t)
		dstr_puts(s, t);
	else
		dstr_printf(s, "%#llx", (unsigned long long)ld64(d, 0));
	dstr_printf(s,
		    ", f_bsize=%lld, f_blocks=%llu, f_bfree=%llu, f_bavail=%llu, f_files=%llu, "
		    "f_ffree=%llu, f_fsid={val=[%#x, %#x]}, f_namelen=%lld, f_frsize=%lld, f_flags=",
		    (long long)ld64(d, 8), (unsigned long long)ld64(d, 16),
		    (unsigned long long)ld64(d, 24), (unsigned long long)ld64(d, 32),
		    (unsigned long long)ld64(d, 40), (unsigned long long)ld64(d, 48), ld32(d, 56),
		    ld32(d, 60), (long long)ld64(d, 64), (long long)ld64(d, 72));
	print_flags(s, statfs_flags, ld64(d, 80), "ST_???");
	dstr_putc(s, '}');
}

/*
 * getdents/getdents64: the buffer's address and how many entries the call
 * returned.  The BPF side counts them (VT_CK_DIRENTS); trace files of record
 * version 2 hold the first 768 bytes instead (VT_CK_STRUCT_OUT), counted here by
 * d_reclen (at offset 16 in both layouts) when they hold every byte returned.
 * Otherwise the address alone.
 */
static void print_dirents(struct dstr *s, uint64_t v, const struct vt_capture *c, int64_t ret)
{
	const uint8_t *d;
	unsigned n = 0;
	int64_t off = 0;

	if (ret > 0 && c && c->kind == VT_CK_DIRENTS && !(c->flags & VT_CAP_FAULT) &&
	    c->len >= sizeof(struct vt_dirents)) {
		struct vt_dirents de;

		memcpy(&de, decode_cap_data(c), sizeof(de));
		print_ptr(s, v);
		dstr_printf(s, " /* %u entries */", de.count);
		return;
	}
	if (ret > 0 && (!c || c->kind != VT_CK_STRUCT_OUT || (c->flags & VT_CAP_FAULT) ||
			c->len < (uint64_t)ret)) {
		print_ptr(s, v);
		return;
	}
	d = c ? decode_cap_data(c) : NULL;
	while (off < ret) {
		unsigned reclen;

		if (off + 18 > ret || !(reclen = ld16(d, off + 16)) || off + reclen > ret) {
			print_ptr(s, v);
			return;
		}
		off += reclen;
		n++;
	}
	print_ptr(s, v);
	dstr_printf(s, " /* %u entries */", n);
}

void arg_dirfd(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	if ((int)arg_val(a) == -100)
		dstr_puts(s, "AT_FDCWD");
	else
		dstr_printf(s, "%d", (int)arg_val(a));
}

/* chmod, mkdir, open ...: the mode as an octal number, as the kernel's umode_t */
void arg_mode(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	dstr_printf(s, "%#03o", (unsigned)(arg_val(a) & 0xffff));
}

void arg_path(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	decode_quote(s, arg_data(a), a->cap->len, o->hex, 0);
}

void arg_oflags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_open_flags(s, arg_val(a));
}

void arg_pipefl(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_plain_oflags(s, arg_val(a));
}

void arg_atflags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, at_flags, arg_val(a) & 0xffffffffu, "AT_???");
}

void arg_statx_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint64_t v = arg_val(a);
	const char *n = XLOOKUP(statx_sync, v & 0x6000);

	dstr_puts(s, n ? n : "AT_STATX_SYNC_TYPE");
	print_flag_bits(s, at_flags, v & 0xffffffffu & ~0x6000u, 1);
}

void arg_accmode(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	if (!arg_val(a))
		dstr_puts(s, "F_OK");
	else
		print_flags(s, access_modes, arg_val(a) & 0xffffffffu, "?_OK");
}

/*
 * Record version 2 captured 768 bytes: a fixed size read at exit faults when it
 * runs past what the call wrote into pages never touched (the fresh buffer of
 * opendir), and a fault lost the count; longer results printed the address
 * only (174 lines in 15 of 30 workloads).  The count made in BPF has neither
 * limit.
 */
void arg_dirents(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	/* nothing returned is nothing to read */
	if (a->exited && a->ret == 0 && arg_val(a)) {
		print_dirents(s, arg_val(a), NULL, 0);
		return;
	}
	if (arg_mem(s, a, 0))
		print_dirents(s, arg_val(a), a->cap, a->exited ? a->ret : 0);
}

void arg_cwd(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const struct vt_capture *c = a->cap;
	const uint8_t *d = arg_data(a);
	/*
	 * The length returned counts the NUL; the capture is bounded by -s, so a
	 * path of exactly the captured length arrives without its NUL and is whole.
	 */
	size_t n = strnlen((const char *)d, c->len);
	int cut = n == c->len && (uint64_t)a->ret > c->len + 1;

	if (n > o->string_limit) {
		n = o->string_limit;
		cut = 1;
	}
	decode_quote(s, d, n, o->hex, cut);
}

void arg_fadvice(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, fadvice, arg_val(a), "POSIX_FADV_???");
}

void arg_access_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, access_at_flags, arg_val(a) & 0xffffffffu, "AT_???");
}

void arg_utimens(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_utimens(s, arg_data(a));
}

void arg_statfs(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_statfs(s, arg_data(a));
}

void arg_statx_mask(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, statx_masks, arg_val(a) & 0xffffffffu, "STATX_???");
}

void arg_stat(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_stat(s, arg_data(a), o->verbose);
}

void arg_statx(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_statx(s, arg_data(a));
}

/* open's mode prints only when the flags create a file */
int omode_shown(const struct decode_arg *a)
{
	uint64_t fl = a->args[a->idx - 1];

	return (fl & 0100) || (fl & 020000000) == 020000000;
}

void arg_rename_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, rename_flags, arg_val(a) & 0xffffffffu, "RENAME_???");
}

/* mknod's mode: the file type by name, then S_IS* bits, then the permissions */
void arg_symbolic_mode(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	unsigned mode = arg_val(a) & 0xffff;
	const char *t = XLOOKUP(file_types, mode & 0170000);

	if (mode & 0170000 && !t) {
		dstr_printf(s, "%#03o", mode);
		return;
	}
	if (t)
		dstr_printf(s, "%s|", t);
	for (const struct xlat *e = mode_bits; e->name; e++)
		if (mode & e->val)
			dstr_printf(s, "%s|", e->name);
	print_mode_perm(s, mode);
}

/* shown for character and block devices only, as strace shows it */
int mknod_dev_shown(const struct decode_arg *a)
{
	unsigned type = a->args[a->idx - 1] & 0170000;

	return type == 0020000 || type == 0060000;
}

void arg_mknod_dev(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	/* the kernel's encoding of a dev_t in 32 bits (new_decode_dev) */
	unsigned dev = arg_val(a);

	print_makedev(s, (dev & 0xfff00) >> 8, (dev & 0xff) | ((dev >> 12) & 0xfff00));
}

/*
 * openat2's struct open_how (flags, mode, resolve: 24 bytes in its first
 * version); a size below that is refused by the call, and prints the address.
 * The mode shows when it is set or the flags create a file, as strace shows it.
 */
void arg_open_how(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const uint8_t *d = arg_data(a);
	uint64_t flags = ld64(d, 0), mode = ld64(d, 8);

	if (a->idx < 5 && a->args[a->idx + 1] < 24) {
		print_ptr(s, arg_val(a));
		return;
	}
	dstr_puts(s, "{flags=");
	print_open_flags(s, flags);
	if (mode || (flags & 0100) || (flags & 020000000) == 020000000)
		dstr_printf(s, ", mode=%#03llo", (unsigned long long)mode);
	dstr_puts(s, ", resolve=");
	print_flags(s, resolve_flags, ld64(d, 16), "RESOLVE_???");
	dstr_putc(s, '}');
}
