/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What the decoders of the syscall families share (not for use outside decoding):
 * the printer of each argument type, named by the last column of VT_ARGTYPES,
 * and helpers to read what an argument captured.
 *
 * Threads: as decode.h; any thread, each call writes only into its dstr.
 */
#ifndef VLTRACE_DECODERS_H
#define VLTRACE_DECODERS_H

#include <stdint.h>
#include <string.h>

#include "decode.h"

/* Prints one argument in strace's notation. */
typedef void decode_printer(struct dstr *s, const struct decode_opts *o,
			    const struct decode_arg *a);

#define VT_PRINTER_DECL(n, dir, cap, size, min, json, cls, printer) decode_printer printer;
VT_ARGTYPES(VT_PRINTER_DECL)
#undef VT_PRINTER_DECL

static inline uint64_t arg_val(const struct decode_arg *a)
{
	return a->args[a->idx];
}

/* The captured bytes; only once the capture is known to be there. */
static inline const uint8_t *arg_data(const struct decode_arg *a)
{
	return decode_cap_data(a->cap);
}

/*
 * Is the memory of a pointer argument there, min bytes of it at least?  If not,
 * prints what strace prints for memory it cannot read (NULL, or the address)
 * and returns 0.
 */
int arg_mem(struct dstr *s, const struct decode_arg *a, unsigned min);

static inline void print_ptr(struct dstr *s, uint64_t v)
{
	if (v)
		dstr_printf(s, "%#llx", (unsigned long long)v);
	else
		dstr_puts(s, "NULL");
}

/* The capture of another argument of the same call, when it was read (decode.c). */
const struct vt_capture *sibling(const struct decode_arg *a, int idx);

/* What one family prints for another, or for decode.c's functions. */
/* decode-file.c */
void print_open_flags(struct dstr *s, uint64_t v);
int omode_shown(const struct decode_arg *a);
int mknod_dev_shown(const struct decode_arg *a);
/* decode-desc.c */
void print_iov(struct dstr *s, const struct decode_opts *o, uint64_t addr, uint64_t count,
	       const uint8_t *d, size_t len, uint64_t budget, int addrs);
void print_poll_result(struct dstr *s, const struct decode_opts *o, const struct vt_capture *c,
		       uint64_t nfds, int64_t ret);
int fcntl_arg_shown(const struct decode_arg *a);
int ioctl_arg_shown(const struct decode_arg *a);
int ret_fcntl(struct dstr *s, const struct decode_arg *a);
void print_select_result(struct dstr *s, const struct decode_arg *a);
/* decode-signal.c */
void print_signo(struct dstr *s, int64_t v);
/* decode-process.c */
int prctl_arg_shown(const struct decode_arg *a);
int ret_prctl(struct dstr *s, const struct decode_arg *a);
/* decode-mem.c */
int mremap_addr_shown(const struct decode_arg *a);
/* decode-time.c */
void print_date_comment(struct dstr *s, int64_t sec, int64_t nsec);

static inline uint64_t ld64(const uint8_t *p, size_t off)
{
	uint64_t v;

	memcpy(&v, p + off, 8);
	return v;
}

static inline uint32_t ld32(const uint8_t *p, size_t off)
{
	uint32_t v;

	memcpy(&v, p + off, 4);
	return v;
}

static inline uint16_t ld16(const uint8_t *p, size_t off)
{
	uint16_t v;

	memcpy(&v, p + off, 2);
	return v;
}

#endif /* VLTRACE_DECODERS_H */
