// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Decoders of sockets: families, types, protocols, socket addresses, socket
 * options, struct msghdr and its control messages (strace's net.c, sockaddr.c,
 * msghdr.c, sockopt tables).
 */
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "decoders.h"
#include "util.h"
#include "xlat.h"
#include "xlat/af_names.h"
#include "xlat/ip_cmsg_types.h"
#include "xlat/ip_protos.h"
#include "xlat/msg_flags.h"
#include "xlat/netlink_protos.h"
#include "xlat/scm_types.h"
#include "xlat/shut_how.h"
#include "xlat/sock_flags.h"
#include "xlat/sock_types.h"

static const struct sock_level {
	int level;
	const char *name;
	const char *opt_prefix; /* options named: the "X_" of "0x1 /\* X_??? *\/" */
} sock_levels[] = {
#define LEVEL(v, n, p) { v, n, p },
#define OPT(l, v, n)
#include "tables/sockopts.h"
#undef OPT
#undef LEVEL
};

static const struct sock_opt {
	int level;
	int opt;
	const char *name;
} sock_opts[] = {
#define LEVEL(v, n, p)
#define OPT(l, v, n) { l, v, n },
#include "tables/sockopts.h"
#undef OPT
#undef LEVEL
};

static void print_inet4(struct dstr *s, const uint8_t *a)
{
	dstr_printf(s, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

static void print_sockaddr(struct dstr *s, const uint8_t *d, size_t len)
{
	unsigned fam = len >= 2 ? ld16(d, 0) : 0;
	const char *fn = XLOOKUP(af_names, fam);

	dstr_puts(s, "{sa_family=");
	if (fn)
		dstr_puts(s, fn);
	else
		dstr_printf(s, "%#x /* AF_??? */", fam);
	if (fam == 1 && len <= 2) {
		/* unnamed: the family alone */
	} else if (fam == 1) {
		size_t n = 0;

		while (2 + n < len && d[2 + n])
			n++;
		dstr_puts(s, ", sun_path=");
		if (len > 2 && !d[2] && len > 3) {
			/* abstract socket: strace shows the leading NUL with an @ */
			dstr_puts(s, "@");
			n = 0;
			while (3 + n < len && d[3 + n])
				n++;
			decode_quote(s, d + 3, n, 0, 0);
		} else {
			decode_quote(s, d + 2, n, 0, 0);
		}
	} else if (fam == 2 && len >= 8) {
		dstr_printf(s, ", sin_port=htons(%u), sin_addr=inet_addr(\"",
			    (unsigned)(d[2] << 8 | d[3]));
		print_inet4(s, d + 4);
		dstr_puts(s, "\")");
	} else if (fam == 10 && len >= 24) {
		char buf[64];
		const uint8_t *a = d + 8;
		int z0 = -1, zl = 0;

		/* RFC 5952 text: the longest run of zero groups becomes "::" */
		for (int i = 0; i < 8;) {
			int j = i;

			while (j < 8 && !a[2 * j] && !a[2 * j + 1])
				j++;
			if (j - i > zl && j - i > 1) {
				z0 = i;
				zl = j - i;
			}
			i = j > i ? j : i + 1;
		}
		buf[0] = '\0';
		for (int i = 0, o = 0; i < 8;) {
			if (i == z0) {
				o += snprintf(buf + o, sizeof(buf) - o, "::");
				i += zl;
				continue;
			}
			if (o && buf[o - 1] != ':')
				o += snprintf(buf + o, sizeof(buf) - o, ":");
			o += snprintf(buf + o, sizeof(buf) - o, "%x", a[2 * i] << 8 | a[2 * i + 1]);
			i++;
		}
		dstr_printf(s, ", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), "
			       "inet_pton(AF_INET6, \"%s\", &sin6_addr), sin6_scope_id=%u",
			    (unsigned)(d[2] << 8 | d[3]),
			    (unsigned)__builtin_bswap32(ld32(d, 4)), buf,
			    len >= 28 ? ld32(d, 24) : 0);
	} else if (len > 2) {
		dstr_puts(s, ", sa_data=");
		decode_quote(s, d + 2, len - 2, 0, 0);
	}
	dstr_putc(s, '}');
}

static const struct sock_level *find_sock_level(int level)
{
	for (size_t i = 0; i < ARRAY_SIZE(sock_levels); i++)
		if (sock_levels[i].level == level)
			return &sock_levels[i];
	return NULL;
}

/* unknown: the comment after an unknown level, "SOL_??" (setsockopt) or "SOL_???" (cmsg) */
static void print_sock_level(struct dstr *s, int level, const char *unknown)
{
	const struct sock_level *l = find_sock_level(level);

	if (l)
		dstr_puts(s, l->name);
	else
		dstr_printf(s, "%#x /* %s */", (unsigned)level, unknown);
}

static void print_sock_opt(struct dstr *s, int level, int opt)
{
	const struct sock_level *l = find_sock_level(level);

	if (!l || !l->opt_prefix) {
		dstr_printf(s, "%d", opt);
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(sock_opts); i++) {
		if (sock_opts[i].level == level && sock_opts[i].opt == opt) {
			dstr_puts(s, sock_opts[i].name);
			return;
		}
	}
	if (opt)
		dstr_printf(s, "%#x /* %s??? */", (unsigned)opt, l->opt_prefix);
	else
		dstr_printf(s, "0 /* %s??? */", l->opt_prefix);
}

/* A socket option's value: an int as "[1]", struct linger, else the address. */
static void print_sockopt_val(struct dstr *s, uint64_t v, const uint8_t *d, size_t have,
			      int level, int opt, uint64_t len)
{
	if (level == 1 && opt == 13 && len >= 8 && have >= 8)
		dstr_printf(s, "{l_onoff=%d, l_linger=%d}", (int)ld32(d, 0), (int)ld32(d, 4));
	else if (len == 4 && have >= 4)
		dstr_printf(s, "[%d]", (int)ld32(d, 0));
	else
		print_ptr(s, v);
}

/* [a, b, ...]: n ints ('d'), unsigned ints ('u') or bytes in hex ('x'), -s of them at most */
static void print_cmsg_array(struct dstr *s, const struct decode_opts *o, const uint8_t *d,
			     size_t n, char how)
{
	dstr_putc(s, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			dstr_puts(s, ", ");
		if (i >= o->string_limit) {
			dstr_puts(s, "...");
			break;
		}
		if (how == 'd')
			dstr_printf(s, "%d", (int)ld32(d, i * 4));
		else if (how == 'u')
			dstr_printf(s, "%u", ld32(d, i * 4));
		else
			dstr_printf(s, "%#x", (unsigned)d[i]);
	}
	dstr_putc(s, ']');
}

/* timevals and timespecs of the timestamp messages: n of them, "?" when short */
static void print_cmsg_times(struct dstr *s, const uint8_t *d, size_t len, unsigned n,
			     const char *usec)
{
	if (len < 16 * n) {
		dstr_putc(s, '?');
		return;
	}
	if (n > 1)
		dstr_putc(s, '[');
	for (unsigned i = 0; i < n; i++)
		dstr_printf(s, "%s{tv_sec=%lld, %s=%llu}", i ? ", " : "",
			    (long long)ld64(d, i * 16), usec,
			    (unsigned long long)ld64(d, i * 16 + 8));
	if (n > 1)
		dstr_putc(s, ']');
}

static void print_ifindex(struct dstr *s, unsigned idx)
{
	char name[IF_NAMESIZE];

	if (if_indextoname(idx, name))
		dstr_printf(s, "if_nametoindex(\"%s\")", name);
	else
		dstr_printf(s, "%u", idx);
}

/* cmsg_type and, for the types strace decodes, ", cmsg_data=..." */
static void print_cmsg_data(struct dstr *s, const struct decode_opts *o, int level, int type,
			    const uint8_t *d, size_t len)
{
	unsigned t = (unsigned)type;

	if (level == 1) {
		PRINT_XVAL(s, scm_types, t, "SCM_???");
		if ((t == 1 && len >= 4) || (t == 2 && len >= 12) ||
		    ((t == 3 || t == 29 || t == 35 || t == 37 || (t >= 63 && t <= 65)) && len))
			dstr_puts(s, ", cmsg_data=");
		else
			return;
		switch (t) {
		case 1: /* SCM_RIGHTS */
			print_cmsg_array(s, o, d, len / 4, 'd');
			break;
		case 2: /* SCM_CREDENTIALS */
			dstr_printf(s, "{pid=%d, uid=%u, gid=%u}", (int)ld32(d, 0), ld32(d, 4),
				    ld32(d, 8));
			break;
		case 3: /* SCM_SECURITY */
			decode_quote(s, d, len, o->hex, 0);
			break;
		case 29: /* the old and new timestamps are the same on x86_64 */
		case 63:
			print_cmsg_times(s, d, len, 1, "tv_usec");
			break;
		case 35:
		case 64:
			print_cmsg_times(s, d, len, 1, "tv_nsec");
			break;
		default:
			print_cmsg_times(s, d, len, 3, "tv_nsec");
			break;
		}
	} else if (level == 0) {
		static const uint8_t min_len[24] = { [1] = 1, [2] = 4, [3] = 1, [6] = 1, [7] = 1,
						     [8] = 12, [11] = 32, [20] = 16, [23] = 4 };

		PRINT_XVAL(s, ip_cmsg_types, t, "IP_???");
		if (t >= sizeof(min_len) || !min_len[t] || len < min_len[t])
			return;
		dstr_puts(s, ", cmsg_data=");
		switch (t) {
		case 2: /* IP_TTL */
		case 23: /* IP_CHECKSUM */
			print_cmsg_array(s, o, d, len / 4, 'u');
			break;
		case 3: /* SCM_SECURITY */
			decode_quote(s, d, len, o->hex, 0);
			break;
		case 8: /* IP_PKTINFO */
			dstr_puts(s, "{ipi_ifindex=");
			print_ifindex(s, ld32(d, 0));
			dstr_puts(s, ", ipi_spec_dst=inet_addr(\"");
			print_inet4(s, d + 4);
			dstr_puts(s, "\"), ipi_addr=inet_addr(\"");
			print_inet4(s, d + 8);
			dstr_puts(s, "\")}");
			break;
		case 11: /* IP_RECVERR: struct sock_extended_err and the offender */
			dstr_printf(s, "{ee_errno=%u, ee_origin=%u, ee_type=%u, ee_code=%u, "
				       "ee_info=%u, ee_data=%u, offender=",
				    ld32(d, 0), d[4], d[5], d[6], ld32(d, 8), ld32(d, 12));
			print_sockaddr(s, d + 16, 16);
			dstr_putc(s, '}');
			break;
		case 20: /* IP_ORIGDSTADDR */
			print_sockaddr(s, d, len < 128 ? len : 128);
			break;
		default: /* IP_TOS, IP_RECVOPTS, IP_RETOPTS: bytes */
			print_cmsg_array(s, o, d, len, 'x');
			break;
		}
	} else {
		dstr_printf(s, "%#x", t);
	}
}

/*
 * msg_control as strace walks it: each struct cmsghdr (16 bytes) while one fits,
 * its data as long as cmsg_len says within what is left; bytes left over that
 * hold no header end the array with their address.  d, have: what the BPF side
 * read of the controllen bytes at addr.
 */
static void print_cmsgs(struct dstr *s, const struct decode_opts *o, uint64_t addr,
			uint64_t controllen, const uint8_t *d, size_t have)
{
	size_t left = have, at = 0;

	if (have < 16) {
		print_ptr(s, addr);
		return;
	}
	dstr_putc(s, '[');
	while (left >= 16) {
		uint64_t clen = ld64(d, at), len = clen > left ? left : clen;
		int level = (int)ld32(d, at + 8), type = (int)ld32(d, at + 12);

		if (at)
			dstr_puts(s, ", ");
		dstr_printf(s, "{cmsg_len=%llu, cmsg_level=", (unsigned long long)clen);
		print_sock_level(s, level, "SOL_???");
		dstr_puts(s, ", cmsg_type=");
		print_cmsg_data(s, o, level, type, d + at + 16, len > 16 ? len - 16 : 0);
		dstr_putc(s, '}');
		if (len < 16) {
			left -= 16;
			break;
		}
		len = VT_ALIGN(clen, 8);
		if (len >= left) {
			left = 0;
			break;
		}
		at += len;
		left -= len;
	}
	if (left)
		dstr_printf(s, ", ... /* %#llx */", (unsigned long long)(addr + have - left));
	else if (have < controllen)
		dstr_puts(s, ", ...");
	dstr_putc(s, ']');
}

/* The parts of a msghdr item: the header, msg_name, msg_control, the iovec array. */
struct msgparts {
	struct vt_msghdr m;
	const uint8_t *name, *control, *iov;
	size_t iov_len;
};

static int msg_parts(const struct vt_capture *c, struct msgparts *p)
{
	const uint8_t *d = decode_cap_data(c), *end = d + c->len;
	size_t nl, cl;

	if (c->len < sizeof(p->m))
		return -1;
	memcpy(&p->m, d, sizeof(p->m));
	d += sizeof(p->m);
	nl = VT_ALIGN((size_t)p->m.name_cap, 8);
	cl = VT_ALIGN((size_t)p->m.control_cap, 8);
	if ((size_t)(end - d) < nl + cl)
		return -1;
	p->name = d;
	p->control = d + nl;
	p->iov = d + nl + cl;
	p->iov_len = (p->m.mflags & VT_MSG_IOV) ? (size_t)(end - p->iov) : 0;
	return 0;
}

/*
 * struct msghdr as strace prints it.  recvmsg (out): c was read at exit, in at
 * entry; msg_namelen shows both when they differ, msg_name no more than either
 * says, and the iovec contents stop at what the call returned.
 */
static void print_msghdr(struct dstr *s, const struct decode_opts *o, uint64_t v,
			 const struct vt_capture *c, const struct vt_capture *in, int out,
			 int64_t ret)
{
	struct msgparts p, pin;
	int namelen, inlen;
	int have_in = in && !(in->flags & VT_CAP_FAULT) && in->len >= sizeof(pin.m);

	if (have_in)
		memcpy(&pin.m, decode_cap_data(in), sizeof(pin.m));
	if (out && ret < 0) {
		/* a failed recvmsg: only what went in */
		if (have_in)
			dstr_printf(s, "{msg_namelen=%d}", (int)pin.m.namelen);
		else
			print_ptr(s, v);
		return;
	}
	if (!c || (c->flags & VT_CAP_FAULT) || msg_parts(c, &p)) {
		print_ptr(s, v);
		return;
	}
	namelen = (int)p.m.namelen;
	inlen = have_in ? (int)pin.m.namelen : namelen;
	dstr_puts(s, "{msg_name=");
	{
		int n = out && namelen > inlen ? inlen : namelen;

		if (n < 2 || (p.m.mflags & VT_MSG_NAME_FAULT))
			print_ptr(s, p.m.name);
		else
			print_sockaddr(s, p.name,
				       (size_t)n < p.m.name_cap ? (size_t)n : p.m.name_cap);
	}
	dstr_puts(s, ", msg_namelen=");
	if (out && inlen != namelen)
		dstr_printf(s, "%d => ", inlen);
	dstr_printf(s, "%d, msg_iov=", namelen);
	if (p.m.iov && !(p.m.mflags & VT_MSG_IOV))
		print_ptr(s, p.m.iov);
	else
		print_iov(s, o, p.m.iov, p.m.iovlen, p.iov, p.iov_len,
			  out ? (uint64_t)ret : UINT64_MAX, 0);
	dstr_printf(s, ", msg_iovlen=%llu", (unsigned long long)p.m.iovlen);
	if (p.m.controllen) {
		dstr_puts(s, ", msg_control=");
		if (p.m.mflags & VT_MSG_CONTROL_FAULT)
			print_ptr(s, p.m.control);
		else
			print_cmsgs(s, o, p.m.control, p.m.controllen, p.control, p.m.control_cap);
	}
	dstr_printf(s, ", msg_controllen=%llu, msg_flags=", (unsigned long long)p.m.controllen);
	print_flags(s, msg_flags, (uint32_t)p.m.flags, "MSG_???");
	dstr_putc(s, '}');
}

static void print_sockproto(struct dstr *s, const struct decode_arg *a)
{
	uint64_t fam = a->idx >= 2 ? a->args[0] : 0;
	int v = (int)a->args[a->idx];

	if (fam == 2 || fam == 10)
		PRINT_XVAL(s, ip_protos, v, "IPPROTO_???");
	else if (fam == 16)
		PRINT_XVAL(s, netlink_protos, v, "NETLINK_???");
	else
		dstr_printf(s, "%d", v);
}

void arg_af(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, af_names, arg_val(a), "AF_???");
}

void arg_socktype(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint64_t v = arg_val(a);
	const char *t = XLOOKUP(sock_types, v & 0xf);

	if (a->idx == 3) {
		/* accept4 flags */
		print_flags(s, sock_flags, v, "SOCK_???");
		return;
	}
	if (t)
		dstr_puts(s, t);
	else
		dstr_printf(s, "%#llx /* SOCK_??? */", (unsigned long long)(v & 0xf));
	print_flag_bits(s, sock_flags, v & ~0xfull & 0xffffffffu, 1);
}

void arg_sockproto(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_sockproto(s, a);
}

void arg_shut_how(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, shut_how, arg_val(a), "SHUT_???");
}

void arg_msg_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, msg_flags, arg_val(a) & 0xffffffffu, "MSG_???");
}

void arg_sock_level(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_sock_level(s, (int)arg_val(a), "SOL_??");
}

void arg_sock_opt(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_sock_opt(s, a->idx ? (int)a->args[a->idx - 1] : 0, (int)arg_val(a));
}

void arg_sockopt_in(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_sockopt_val(s, arg_val(a), arg_data(a), a->cap->len, (int)a->args[1],
			  (int)a->args[2], a->idx < 5 ? (uint32_t)a->args[a->idx + 1] : 0);
}

void arg_sockopt_out(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const struct vt_capture *lc = sibling(a, a->idx + 1);

	if (!lc || lc->len < 4)
		print_ptr(s, arg_val(a));
	else
		print_sockopt_val(s, arg_val(a), arg_data(a), a->cap->len, (int)a->args[1],
				  (int)a->args[2], ld32(decode_cap_data(lc), 0));
}

void arg_sockaddr_out(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	/* no longer than the length said, going in or coming out */
	const struct vt_capture *lc = sibling(a, a->idx + 1);
	const struct vt_capture *li = a->caps_in && a->idx < 5 ? a->caps_in[a->idx + 1] : NULL;
	size_t n = a->cap->len;

	if (lc && lc->len >= 4 && ld32(decode_cap_data(lc), 0) < n)
		n = ld32(decode_cap_data(lc), 0);
	if (li && !(li->flags & VT_CAP_FAULT) && li->len >= 4 && ld32(decode_cap_data(li), 0) < n)
		n = ld32(decode_cap_data(li), 0);
	if (n < 2)
		print_ptr(s, arg_val(a));
	else
		print_sockaddr(s, arg_data(a), n);
}

void arg_msghdr_in(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_msghdr(s, o, arg_val(a), a->cap, NULL, 0, 0);
}

void arg_msghdr_out(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_msghdr(s, o, arg_val(a), a->cap, a->caps_in ? a->caps_in[a->idx] : NULL, 1, a->ret);
}

void arg_sockaddr(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	size_t n = a->cap->len;

	if (a->idx < 5 && a->args[a->idx + 1] < n)
		n = a->args[a->idx + 1];
	print_sockaddr(s, arg_data(a), n);
}
