// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Decoders of descriptors and I/O: buffers, fcntl, ioctl, epoll, poll, iovec
 * arrays, pipe, splice and preadv2 flags (strace's desc.c, fcntl.c, ioctl.c,
 * epoll.c, poll.c, io.c, termios.c).
 */
#include <string.h>

#include "decoders.h"
#include "util.h"
#include "xlat.h"
#include "xlat/dn_flags.h"
#include "xlat/efd_flags.h"
#include "xlat/epoll_cflags.h"
#include "xlat/epoll_events.h"
#include "xlat/epoll_ops.h"
#include "xlat/falloc_flags.h"
#include "xlat/fcntl_cmds.h"
#include "xlat/fd_flags.h"
#include "xlat/flock_ops.h"
#include "xlat/grnd_flags.h"
#include "xlat/inotify_init_flags.h"
#include "xlat/inotify_masks.h"
#include "xlat/lease_types.h"
#include "xlat/lock_types.h"
#include "xlat/owner_types.h"
#include "xlat/poll_events.h"
#include "xlat/rwf_flags.h"
#include "xlat/seal_flags.h"
#include "xlat/seek_whence.h"
#include "xlat/sfd_flags.h"
#include "xlat/splice_flags.h"
#include "xlat/tcflsh_args.h"
#include "xlat/tcxonc_args.h"
#include "xlat/termios_cflags.h"
#include "xlat/termios_iflags.h"
#include "xlat/termios_lflags.h"
#include "xlat/termios_oflags.h"

enum ioctl_arg {
	IOA_PTR, IOA_INTPTR, IOA_WINSZ, IOA_TERMIOS, IOA_NONE, IOA_INT, IOA_HEX, IOA_TCFLSH,
	IOA_TCXONC
};

/* CBAUD values: B0..B38400, then BOTHER and B57600..B4000000 with 0x1000 set */
static const char *const bauds[] = {
	"B0",	   "B50",      "B75",	   "B110",     "B134",	   "B150",     "B200",	   "B300",
	"B600",	   "B1200",    "B1800",	   "B2400",    "B4800",	   "B9600",    "B19200",   "B38400",
	"BOTHER",  "B57600",   "B115200",  "B230400",  "B460800",  "B500000",  "B576000",  "B921600",
	"B1000000", "B1152000", "B1500000", "B2000000", "B2500000", "B3000000", "B3500000", "B4000000",
};

static const struct ioctlent {
	uint32_t code;
	const char *name;
	enum ioctl_arg arg;
} ioctlent[] = {
#define IOC(c, n, a) { c, n, IOA_##a },
#include "tables/ioctls.h"
#undef IOC
};

static const char *baud_name(unsigned cbaud)
{
	return bauds[(cbaud & 0xf) | ((cbaud & 0x1000) ? 0x10 : 0)];
}

/*
 * struct termios (TCGETS, TCSETS...): the four flag words as strace prints them
 * without -v, delay fields and sizes first, each word's flags then, nothing for
 * none ("c_iflag=, ").
 */
static void print_termios(struct dstr *s, const uint8_t *d)
{
	unsigned ifl = ld32(d, 0), ofl = ld32(d, 4), cfl = ld32(d, 8), lfl = ld32(d, 12);
	static const char *const tabs[] = { "TAB0", "TAB1", "TAB2", "XTABS" };

	dstr_puts(s, "{c_iflag=");
	print_flag_bits(s, termios_iflags, ifl, 0);
	dstr_printf(s, ", c_oflag=NL%u|CR%u|%s|BS%u|VT%u|FF%u|", (ofl >> 8) & 1, (ofl >> 9) & 3,
		    tabs[(ofl >> 11) & 3], (ofl >> 13) & 1, (ofl >> 14) & 1, (ofl >> 15) & 1);
	print_flag_bits(s, termios_oflags, ofl & ~0xff00u, 0);
	dstr_printf(s, ", c_cflag=%s", baud_name(cfl & 0x100f));
	if ((cfl >> 16) & 0x100f)
		dstr_printf(s, "|%s<<IBSHIFT", baud_name((cfl >> 16) & 0x100f));
	dstr_printf(s, "|CS%u|", 5 + ((cfl >> 4) & 3));
	print_flag_bits(s, termios_cflags, cfl & ~0x100f103fu, 0);
	dstr_puts(s, ", c_lflag=");
	print_flag_bits(s, termios_lflags, lfl, 0);
	dstr_puts(s, ", ...}");
}

/* struct flock (F_SETLK, F_GETLK, the OFD ones), read at exit; l_pid for the GETs */
static void print_flock(struct dstr *s, uint64_t v, const struct vt_capture *c, int get)
{
	const uint8_t *d;

	if (!v || !c || (c->flags & VT_CAP_FAULT) || c->len < 32) {
		print_ptr(s, v);
		return;
	}
	d = decode_cap_data(c);
	dstr_puts(s, "{l_type=");
	PRINT_XVAL(s, lock_types, (uint64_t)(int16_t)ld16(d, 0), "F_???");
	dstr_puts(s, ", l_whence=");
	PRINT_XVAL(s, seek_whence, (uint64_t)(int16_t)ld16(d, 2), "SEEK_???");
	dstr_printf(s, ", l_start=%lld, l_len=%lld", (long long)ld64(d, 8), (long long)ld64(d, 16));
	if (get)
		dstr_printf(s, ", l_pid=%d", (int)ld32(d, 24));
	dstr_putc(s, '}');
}

static void print_owner_ex(struct dstr *s, uint64_t v, const struct vt_capture *c)
{
	const uint8_t *d;

	if (!v || !c || (c->flags & VT_CAP_FAULT) || c->len < 8) {
		print_ptr(s, v);
		return;
	}
	d = decode_cap_data(c);
	dstr_puts(s, "{type=");
	PRINT_XVAL(s, owner_types, ld32(d, 0), "F_OWNER_???");
	dstr_printf(s, ", pid=%d}", (int)ld32(d, 4));
}

/* x86_64 packs struct epoll_event: events (4 bytes), data (8) */
static void print_epoll_event(struct dstr *s, const uint8_t *d)
{
	uint64_t data = ld64(d, 4);

	dstr_puts(s, "{events=");
	print_flags(s, epoll_events, ld32(d, 0), "EPOLL???");
	dstr_printf(s, ", data={u32=%u, u64=%llu}}", (unsigned)data, (unsigned long long)data);
}

/* epoll_wait's events: as many as the call returned, at most -s of them. */
static void print_epoll_events(struct dstr *s, const struct decode_opts *o,
			       const struct vt_capture *c, int64_t ret)
{
	uint64_t have = c ? c->len / 12 : 0, i;

	dstr_putc(s, '[');
	for (i = 0; i < (uint64_t)ret && i < have && i < o->string_limit; i++) {
		if (i)
			dstr_puts(s, ", ");
		print_epoll_event(s, (const uint8_t *)decode_cap_data(c) + i * 12);
	}
	if (i < (uint64_t)ret)
		dstr_puts(s, i ? ", ..." : "...");
	dstr_putc(s, ']');
}

/* poll's array as the call read it: fd and events (no events for a negative fd) */
static void print_pollfds(struct dstr *s, const struct decode_opts *o,
			  const struct vt_capture *c, uint64_t nfds)
{
	uint64_t have = c ? c->len / 8 : 0, i;
	const uint8_t *d = c ? decode_cap_data(c) : NULL;

	dstr_putc(s, '[');
	for (i = 0; i < nfds && i < have && i < o->string_limit; i++) {
		int fd = (int)ld32(d, i * 8);

		if (i)
			dstr_puts(s, ", ");
		dstr_printf(s, "{fd=%d", fd);
		if (fd >= 0) {
			dstr_puts(s, ", events=");
			print_flags(s, poll_events, ld16(d, i * 8 + 4), "POLL???");
		}
		dstr_putc(s, '}');
	}
	if (i < nfds)
		dstr_puts(s, i ? ", ..." : "...");
	dstr_putc(s, ']');
}

/* What poll adds to its result: the descriptors with events, or "Timeout". */
void print_poll_result(struct dstr *s, const struct decode_opts *o,
			      const struct vt_capture *c, uint64_t nfds, int64_t ret)
{
	uint64_t have, i, shown = 0;
	const uint8_t *d;

	if (ret == 0) {
		dstr_puts(s, " (Timeout)");
		return;
	}
	if (!c || (c->flags & VT_CAP_FAULT))
		return;
	have = c->len / 8;
	d = decode_cap_data(c);
	dstr_puts(s, " ([");
	for (i = 0; i < nfds && i < have; i++) {
		unsigned rev = ld16(d, i * 8 + 6);

		if (!rev)
			continue;
		if (shown == o->string_limit) {
			dstr_puts(s, ", ...");
			break;
		}
		if (shown++)
			dstr_puts(s, ", ");
		dstr_printf(s, "{fd=%d, revents=", (int)ld32(d, i * 8));
		print_flags(s, poll_events, rev, "POLL???");
		dstr_putc(s, '}');
	}
	if (i == have && have < nfds && shown < (uint64_t)ret)
		dstr_puts(s, shown ? ", ..." : "...");
	dstr_puts(s, "])");
}

static const struct ioctlent *find_ioctl(uint32_t code)
{
	for (size_t i = 0; i < ARRAY_SIZE(ioctlent); i++)
		if (ioctlent[i].code == code)
			return &ioctlent[i];
	return NULL;
}

/* An ioctl request: its name, or _IOC(dir, type, nr, size) as strace spells it. */
static void print_ioctl_req(struct dstr *s, uint32_t code)
{
	const struct ioctlent *e = find_ioctl(code);
	static const char *const dirs[] = { "_IOC_NONE", "_IOC_WRITE", "_IOC_READ",
					    "_IOC_READ|_IOC_WRITE" };
	unsigned size = (code >> 16) & 0x3fff;

	if (e) {
		dstr_puts(s, e->name);
		return;
	}
	dstr_printf(s, "_IOC(%s, %#x, %#x, ", dirs[code >> 30], (code >> 8) & 0xff, code & 0xff);
	if (size)
		dstr_printf(s, "%#x)", size);
	else
		dstr_puts(s, "0)");
}

/* fcntl commands that take no third argument */

/*
 * An iovec array as strace prints it: at most -s elements, each one's contents
 * up to -s bytes and, with a budget (what a read returned), only the bytes the
 * call moved; addrs: the call failed, so the contents print as addresses.
 * d, len: the struct vt_iov and elements the BPF side read.
 */
void print_iov(struct dstr *s, const struct decode_opts *o, uint64_t addr, uint64_t count,
		      const uint8_t *d, size_t len, uint64_t budget, int addrs)
{
	const uint8_t *end = d + len;
	struct vt_iov v;
	uint32_t i;

	if (!addr) {
		dstr_puts(s, "NULL");
		return;
	}
	if (!count) {
		dstr_puts(s, "[]");
		return;
	}
	if (count > UINT64_MAX / 16 || addr + count * 16 <= addr || len < sizeof(v)) {
		print_ptr(s, addr);
		return;
	}
	memcpy(&v, d, sizeof(v));
	d += sizeof(v);
	if (!v.count && (v.flags & VT_IOV_FAULT)) {
		print_ptr(s, addr);
		return;
	}
	dstr_putc(s, '[');
	for (i = 0; i < v.count; i++) {
		struct vt_iov_elem el;
		uint64_t n;
		size_t adv;

		if (i)
			dstr_puts(s, ", ");
		if (i >= o->string_limit || (size_t)(end - d) < sizeof(el)) {
			dstr_puts(s, "...");
			break;
		}
		memcpy(&el, d, sizeof(el));
		d += sizeof(el);
		if ((size_t)(end - d) < el.caplen)
			el.caplen = end - d;
		n = el.len < budget ? el.len : budget;
		budget -= n;
		dstr_puts(s, "{iov_base=");
		if (!el.base || addrs || (el.flags & VT_CAP_FAULT)) {
			print_ptr(s, el.base);
		} else {
			int cut = 0;

			if (n > o->string_limit) {
				n = o->string_limit;
				cut = 1;
			}
			if (n > el.caplen) {
				n = el.caplen;
				cut = 1;
			}
			decode_quote(s, d, n, o->hex, cut);
		}
		dstr_printf(s, ", iov_len=%llu}", (unsigned long long)el.len);
		/* the last element's padding may be cut with the item */
		adv = VT_ALIGN((size_t)el.caplen, 8);
		d += adv < (size_t)(end - d) ? adv : (size_t)(end - d);
	}
	if (i == v.count) {
		/* an element that could not be read ends the array, with its address */
		if (v.flags & VT_IOV_FAULT)
			dstr_printf(s, ", ... /* %#llx */", (unsigned long long)(addr + 16 * i));
		else if (i < count)
			dstr_puts(s, i ? ", ..." : "...");
	}
	dstr_putc(s, ']');
}

static int fcntl_no_arg(unsigned cmd)
{
	switch (cmd) {
	case 1:	   /* F_GETFD */
	case 3:	   /* F_GETFL */
	case 9:	   /* F_GETOWN */
	case 11:   /* F_GETSIG */
	case 1025: /* F_GETLEASE */
	case 1032: /* F_GETPIPE_SZ */
	case 1034: /* F_GET_SEALS */
		return 1;
	}
	return 0;
}

void arg_str(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	size_t n = a->cap->len;
	int cut = (a->cap->flags & VT_CAP_TRUNC) != 0;

	if (n > o->string_limit) {
		n = o->string_limit;
		cut = 1;
	}
	decode_quote(s, arg_data(a), n, o->hex, cut);
}

void arg_buf(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const struct vt_capture *c = a->cap;
	/* the call's own length decides "...": the capture is bounded by -s */
	uint64_t want = a->type == VT_AT_BUFIN ? (a->idx < 5 ? a->args[a->idx + 1] : c->len)
					       : (uint64_t)a->ret;
	size_t n = c->len;

	if (n > o->string_limit)
		n = o->string_limit;
	decode_quote(s, arg_data(a), n, a->type == VT_AT_BUFOUTX ? DECODE_HEX_ALL : o->hex,
		     want > n);
}

void arg_seek(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, seek_whence, arg_val(a), "SEEK_???");
}

void arg_fcntl_cmd(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, fcntl_cmds, arg_val(a) & 0xffffffffu, "F_???");
}

void arg_fcntl_arg(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint64_t v = arg_val(a);
	const struct vt_capture *c = a->cap;
	unsigned cmd = a->args[1];

	if (cmd == 2)
		print_flags(s, fd_flags, v, "FD_???");
	else if (cmd == 4)
		print_open_flags(s, v);
	else if (cmd == 10)
		print_signo(s, (int)v);
	else if (cmd == 1024)
		PRINT_XVAL(s, lease_types, v, "F_???");
	else if (cmd == 1026)
		print_flags(s, dn_flags, v & 0xffffffffu, "DN_???");
	else if (cmd == 1033)
		print_flags(s, seal_flags, v & 0xffffffffu, "F_SEAL_???");
	else if (cmd == 0 || cmd == 1030 || cmd == 8 || cmd == 1031)
		dstr_printf(s, "%d", (int)v);
	else if ((cmd >= 5 && cmd <= 7) || (cmd >= 36 && cmd <= 38))
		print_flock(s, v, c, cmd == 5 || cmd == 36);
	else if (cmd == 15 || cmd == 16)
		print_owner_ex(s, v, c);
	else
		dstr_printf(s, "%#llx", (unsigned long long)v);
}

void arg_ioctl_req(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_ioctl_req(s, (uint32_t)arg_val(a));
}

void arg_ioctl_arg(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint64_t v = arg_val(a);
	const struct vt_capture *c = a->cap;
	const uint8_t *d = c ? decode_cap_data(c) : NULL;
	const struct ioctlent *e = a->idx ? find_ioctl((uint32_t)a->args[a->idx - 1]) : NULL;
	int have = v && c && !(c->flags & VT_CAP_FAULT);

	switch (e ? e->arg : IOA_HEX) {
	case IOA_PTR:
		print_ptr(s, v);
		break;
	case IOA_INTPTR:
		if (have && c->len >= 4)
			dstr_printf(s, "[%d]", (int)ld32(d, 0));
		else
			print_ptr(s, v);
		break;
	case IOA_TERMIOS:
		if (have && c->len >= 16)
			print_termios(s, d);
		else
			print_ptr(s, v);
		break;
	case IOA_WINSZ:
		if (have && c->len >= 8)
			dstr_printf(s, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}",
				    ld16(d, 0), ld16(d, 2), ld16(d, 4), ld16(d, 6));
		else
			print_ptr(s, v);
		break;
	case IOA_NONE:
		break;
	case IOA_INT:
		dstr_printf(s, "%d", (int)v);
		break;
	case IOA_TCFLSH:
		PRINT_XVAL(s, tcflsh_args, v, "TC???");
		break;
	case IOA_TCXONC:
		PRINT_XVAL(s, tcxonc_args, v, "TC???");
		break;
	default:
		dstr_printf(s, "%#llx", (unsigned long long)v);
		break;
	}
}

void arg_epoll_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, epoll_cflags, arg_val(a) & 0xffffffffu, "EPOLL_???");
}

void arg_epoll_op(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, epoll_ops, arg_val(a), "EPOLL_CTL_???");
}

void arg_epoll_event(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	/* EPOLL_CTL_DEL reads no event: what the pointer holds means nothing */
	if (a->idx == 3 && a->args[1] == 2)
		print_ptr(s, arg_val(a));
	else
		print_epoll_event(s, arg_data(a));
}

void arg_epoll_events(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	if (a->exited && a->ret == 0 && arg_val(a)) {
		dstr_puts(s, "[]");
		return;
	}
	if (arg_mem(s, a, 0))
		print_epoll_events(s, o, a->cap, a->exited ? a->ret : 0);
}

void arg_pollfds(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint64_t nfds = a->idx < 5 ? (uint32_t)a->args[a->idx + 1] : 0;

	if (arg_val(a) && !nfds) {
		dstr_puts(s, "[]");
		return;
	}
	if (arg_mem(s, a, 0))
		print_pollfds(s, o, a->cap, nfds);
}

void arg_iov(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	int out = a->type == VT_AT_IOVOUT;

	print_iov(s, o, arg_val(a), a->idx < 5 ? a->args[a->idx + 1] : 0, arg_data(a), a->cap->len,
		  out ? (uint64_t)a->ret : UINT64_MAX, out && a->ret < 0);
}

void arg_rwf(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, rwf_flags, arg_val(a) & 0xffffffffu, "RWF_???");
}

void arg_splice_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, splice_flags, arg_val(a) & 0xffffffffu, "SPLICE_F_???");
}

void arg_grnd(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, grnd_flags, arg_val(a), "GRND_???");
}

void arg_pipefd(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const uint8_t *d = arg_data(a);

	dstr_printf(s, "[%d, %d]", (int)ld32(d, 0), (int)ld32(d, 4));
}

int fcntl_arg_shown(const struct decode_arg *a)
{
	return !fcntl_no_arg((unsigned)a->args[a->idx - 1]);
}

int ioctl_arg_shown(const struct decode_arg *a)
{
	const struct ioctlent *e = find_ioctl((uint32_t)a->args[a->idx - 1]);

	return !e || e->arg != IOA_NONE;
}

/* F_GETFL, F_GETLEASE, and F_GETFD, F_GET_SEALS when set: hex, and its meaning */
int ret_fcntl(struct dstr *s, const struct decode_arg *a)
{
	int64_t ret = a->ret;
	unsigned cmd = a->args[1];

	if (cmd == 3) {
		dstr_printf(s, "%#llx (flags ", (unsigned long long)ret);
		print_open_flags(s, (uint64_t)ret);
		dstr_putc(s, ')');
		return 1;
	}
	if (cmd == 1025) {
		dstr_printf(s, "%#llx (", (unsigned long long)ret);
		PRINT_XVAL(s, lease_types, (uint64_t)ret, "F_???");
		dstr_putc(s, ')');
		return 1;
	}
	if ((cmd == 1 || cmd == 1034) && ret) {
		dstr_printf(s, "%#llx (%s", (unsigned long long)ret,
			    cmd == 1 ? "flags " : "seals ");
		if (cmd == 1)
			print_flags(s, fd_flags, (uint64_t)ret, "FD_???");
		else
			print_flags(s, seal_flags, (uint64_t)ret, "F_SEAL_???");
		dstr_putc(s, ')');
		return 1;
	}
	return 0;
}

void arg_falloc_mode(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, falloc_flags, arg_val(a) & 0xffffffffu, "FALLOC_FL_???");
}

void arg_flock_op(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, flock_ops, arg_val(a) & 0xffffffffu, "LOCK_???");
}

void arg_inotify_mask(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, inotify_masks, arg_val(a) & 0xffffffffu, "IN_???");
}

void arg_inotify_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, inotify_init_flags, arg_val(a) & 0xffffffffu, "IN_???");
}

void arg_efd_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, efd_flags, arg_val(a) & 0xffffffffu, "EFD_???");
}

void arg_sfd_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, sfd_flags, arg_val(a) & 0xffffffffu, "SFD_???");
}

/* copy_file_range's offsets, as they went in: "[0]" */
void arg_off_in(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	dstr_printf(s, "[%lld]", (long long)ld64(arg_data(a), 0));
}

/* The capture of a value-result argument as it went in (at entry), if it was read. */
static const struct vt_capture *cap_in(const struct decode_arg *a, int idx)
{
	const struct vt_capture *c = a->caps_in && idx >= 0 && idx < 6 ? a->caps_in[idx] : NULL;

	return c && !(c->flags & VT_CAP_FAULT) ? c : NULL;
}

/*
 * The descriptors of an fd_set below nfds: "[3 4]", as strace prints them.
 * Returns how many there are (with s NULL, only counts them).
 */
static unsigned print_fdset(struct dstr *s, const struct vt_capture *c, uint64_t nfds)
{
	const uint8_t *d = decode_cap_data(c);
	uint64_t n = nfds < (uint64_t)c->len * 8 ? nfds : (uint64_t)c->len * 8;
	unsigned count = 0;

	if (s)
		dstr_putc(s, '[');
	for (uint64_t fd = 0; fd < n; fd++) {
		if (!(d[fd / 8] & (1u << (fd % 8))))
			continue;
		if (s)
			dstr_printf(s, "%s%llu", count ? " " : "", (unsigned long long)fd);
		count++;
	}
	if (s)
		dstr_putc(s, ']');
	return count;
}

/* select's sets as they went in; a set the call did not get whole prints its address */
void arg_fdset(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const struct vt_capture *c = cap_in(a, a->idx);
	uint32_t nfds = a->args[0];

	if (!arg_val(a))
		dstr_puts(s, "NULL");
	else if (!c || (nfds > 1024 ? 1024 : nfds) > (uint64_t)c->len * 8)
		print_ptr(s, arg_val(a));
	else
		print_fdset(s, c, nfds);
}

/*
 * What select adds to its result: the ready descriptors of each set, and the
 * time left, " (in [3], out [4], left {tv_sec=0, tv_nsec=999})", or " (Timeout)".
 */
void print_select_result(struct dstr *s, const struct decode_arg *a)
{
	static const char *const names[3] = { "in", "out", "except" };
	const struct vt_capture *c, *t;
	int sep = 0;

	if (a->ret == 0) {
		dstr_puts(s, " (Timeout)");
		return;
	}
	for (int i = 0; i < 3; i++) {
		c = a->caps ? a->caps[i + 1] : NULL;
		/* the sets with a descriptor ready */
		if (!a->args[i + 1] || !c || (c->flags & VT_CAP_FAULT) ||
		    !(c->flags & VT_CAP_EXIT) || !print_fdset(NULL, c, (uint32_t)a->args[0]))
			continue;
		dstr_printf(s, "%s%s ", sep ? ", " : " (", names[i]);
		print_fdset(s, c, (uint32_t)a->args[0]);
		sep = 1;
	}
	t = a->caps ? a->caps[4] : NULL;
	if (sep && a->args[4] && t && !(t->flags & VT_CAP_FAULT) && (t->flags & VT_CAP_EXIT) &&
	    t->len >= 16) {
		const uint8_t *d = decode_cap_data(t);

		dstr_printf(s, ", left {tv_sec=%lld, %s=%lld}", (long long)ld64(d, 0),
			    a->type == VT_AT_RPSELECT ? "tv_nsec" : "tv_usec", (long long)ld64(d, 8));
	}
	if (sep)
		dstr_putc(s, ')');
}

/* pselect6's sixth argument: a struct of the mask's address and its size */
void arg_pselect_sigmask(struct dstr *s, const struct decode_opts *o,
			 const struct decode_arg *a)
{
	const uint8_t *d = arg_data(a);

	dstr_puts(s, "{sigmask=");
	print_ptr(s, ld64(d, 0));
	dstr_printf(s, ", sigsetsize=%llu}", (unsigned long long)ld64(d, 8));
}
