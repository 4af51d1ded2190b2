// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Argument decoding in strace's notation.  Flag and constant tables are data
 * (struct xlat arrays) in the order strace prints them; the decoders only walk them.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decoders.h"
#include "syscalltab.h"
#include "util.h"
#include "xlat.h"
#include "xlat/access_at_flags.h"
#include "xlat/access_modes.h"
#include "xlat/af_names.h"
#include "xlat/arch_prctl_codes.h"
#include "xlat/at_flags.h"
#include "xlat/cap_names.h"
#include "xlat/clock_ids.h"
#include "xlat/clone3_flags.h"
#include "xlat/clone_flags.h"
#include "xlat/dn_flags.h"
#include "xlat/epoll_cflags.h"
#include "xlat/epoll_events.h"
#include "xlat/epoll_ops.h"
#include "xlat/fadvice.h"
#include "xlat/fcntl_cmds.h"
#include "xlat/fd_flags.h"
#include "xlat/file_types.h"
#include "xlat/futex_cmds.h"
#include "xlat/grnd_flags.h"
#include "xlat/ip_cmsg_types.h"
#include "xlat/ip_protos.h"
#include "xlat/lease_types.h"
#include "xlat/lock_types.h"
#include "xlat/madv_names.h"
#include "xlat/map_flags.h"
#include "xlat/map_types.h"
#include "xlat/mfd_flags.h"
#include "xlat/mode_bits.h"
#include "xlat/msg_flags.h"
#include "xlat/netlink_protos.h"
#include "xlat/open_access.h"
#include "xlat/open_flags.h"
#include "xlat/owner_types.h"
#include "xlat/poll_events.h"
#include "xlat/pr_ambient.h"
#include "xlat/pr_tsc.h"
#include "xlat/pr_unalign.h"
#include "xlat/prot_flags.h"
#include "xlat/rlimit_res.h"
#include "xlat/rusage_who.h"
#include "xlat/rwf_flags.h"
#include "xlat/sa_flags.h"
#include "xlat/scm_types.h"
#include "xlat/seal_flags.h"
#include "xlat/secbits.h"
#include "xlat/seccomp_modes.h"
#include "xlat/seek_whence.h"
#include "xlat/shut_how.h"
#include "xlat/si_codes.h"
#include "xlat/sighow.h"
#include "xlat/sock_flags.h"
#include "xlat/sock_types.h"
#include "xlat/splice_flags.h"
#include "xlat/ss_flags.h"
#include "xlat/statfs_flags.h"
#include "xlat/statx_attrs.h"
#include "xlat/statx_masks.h"
#include "xlat/statx_sync.h"
#include "xlat/suid_dump.h"
#include "xlat/tcflsh_args.h"
#include "xlat/tcxonc_args.h"
#include "xlat/termios_cflags.h"
#include "xlat/termios_iflags.h"
#include "xlat/termios_lflags.h"
#include "xlat/termios_oflags.h"
#include "xlat/wait_opts.h"

/* ---- dstr ---- */

void dstr_init(struct dstr *s)
{
	s->cap = 256;
	s->len = 0;
	s->p = vt_malloc(s->cap);
	s->p[0] = '\0';
}

void dstr_free(struct dstr *s)
{
	free(s->p);
	s->p = NULL;
	s->len = s->cap = 0;
}

void dstr_grow(struct dstr *s, size_t more)
{
	size_t need = s->len + more + 1;

	if (need <= s->cap)
		return;
	while (s->cap < need)
		s->cap *= 2;
	s->p = realloc(s->p, s->cap);
	if (!s->p)
		vt_die(-ENOMEM);
}

void dstr_write(struct dstr *s, const void *d, size_t n)
{
	dstr_grow(s, n);
	memcpy(s->p + s->len, d, n);
	s->len += n;
	s->p[s->len] = '\0';
}

void dstr_puts(struct dstr *s, const char *str)
{
	dstr_write(s, str, strlen(str));
}

void dstr_printf(struct dstr *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(s->p + s->len, s->cap - s->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= s->cap - s->len) {
		dstr_grow(s, n);
		va_start(ap, fmt);
		vsnprintf(s->p + s->len, s->cap - s->len, fmt, ap);
		va_end(ap);
	}
	s->len += n;
}

/* ---- tables ---- */

struct errnoent {
	const char *name;
	const char *msg;
};

static const struct errnoent errnoent[] = {
#include "tables/errnoent.h"
};

static const char *const signames[] = {
	[1] = "SIGHUP",	   "SIGINT",	"SIGQUIT", "SIGILL",	"SIGTRAP", "SIGABRT", "SIGBUS",
	"SIGFPE",	   "SIGKILL",	"SIGUSR1", "SIGSEGV",	"SIGUSR2", "SIGPIPE", "SIGALRM",
	"SIGTERM",	   "SIGSTKFLT", "SIGCHLD", "SIGCONT",	"SIGSTOP", "SIGTSTP", "SIGTTIN",
	"SIGTTOU",	   "SIGURG",	"SIGXCPU", "SIGXFSZ",	"SIGVTALRM", "SIGPROF", "SIGWINCH",
	"SIGIO",	   "SIGPWR",	"SIGSYS",
};

static const struct xlat fs_magics[] = {
#define FS(v, n) { v, n },
#include "tables/fsmagic.h"
#undef FS
	{ 0, NULL },
};

enum prctl_arg {
	PRA_HEX, PRA_DEC, PRA_PTR, PRA_CAP, PRA_SIG, PRA_DUMP, PRA_UNALIGN, PRA_TSC,
	PRA_SECBITS, PRA_AMBIENT, PRA_SECCOMP
};

static const struct prctlent {
	unsigned option;
	const char *name;
	int nargs;		/* arguments printed after the option */
	enum prctl_arg first;	/* how the first of them prints */
} prctlent[] = {
#define PR(v, n, na, st) { v, n, na, PRA_##st },
#include "tables/prctl.h"
#undef PR
};

static const struct prctlent *find_prctl(uint64_t option)
{
	for (size_t i = 0; i < ARRAY_SIZE(prctlent); i++)
		if (prctlent[i].option == option)
			return &prctlent[i];
	return NULL;
}

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

/* ---- generic printers ---- */

static void print_ptr(struct dstr *s, uint64_t v)
{
	if (v)
		dstr_printf(s, "%#llx", (unsigned long long)v);
	else
		dstr_puts(s, "NULL");
}

static void print_open_flags(struct dstr *s, uint64_t v)
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

/* A mode argument (mkdir, chmod, open with O_CREAT): "0755", with S_IS* bits in octal too. */
static void print_mode_arg(struct dstr *s, uint64_t v)
{
	unsigned mode = v & 07777;

	if ((v & ~07777ull) && (v & 0170000)) {
		print_st_mode(s, v);
		return;
	}
	dstr_printf(s, "%#03o", mode);
}

/* ---- errno, signals ---- */

const char *decode_errno_name(int err)
{
	if (err > 0 && (size_t)err < ARRAY_SIZE(errnoent))
		return errnoent[err].name;
	return NULL;
}

const char *decode_errno_msg(int err, char *buf, size_t len)
{
	if (err > 0 && (size_t)err < ARRAY_SIZE(errnoent) && errnoent[err].msg)
		return errnoent[err].msg;
	snprintf(buf, len, "Unknown error %d", err);
	return buf;
}

const char *decode_signame(int sig, char *buf, size_t len)
{
	if (sig > 0 && (size_t)sig < ARRAY_SIZE(signames))
		return signames[sig];
	if (sig == 32)
		return "SIGRTMIN";
	if (sig > 32 && sig <= 64) {
		snprintf(buf, len, "SIGRT_%d", (sig - 32) & 63);
		return buf;
	}
	return NULL;
}

static void print_signo(struct dstr *s, int64_t v)
{
	char buf[16];
	const char *n = decode_signame((int)v, buf, sizeof(buf));

	if (n)
		dstr_puts(s, n);
	else
		dstr_printf(s, "%d", (int)v);
}

/* "[INT TERM RT_8]"; more than half of the set: "~[...]" of the complement. */
static void print_sigset(struct dstr *s, const uint8_t *d, size_t len)
{
	uint64_t set = 0;
	char buf[16];
	int first = 1;

	memcpy(&set, d, len < 8 ? len : 8);
	if (__builtin_popcountll(set) > 32) {
		dstr_putc(s, '~');
		set = ~set;
	}
	dstr_putc(s, '[');
	for (int sig = 1; sig <= 64; sig++) {
		const char *n;

		if (!(set & (1ull << (sig - 1))))
			continue;
		if (!first)
			dstr_putc(s, ' ');
		first = 0;
		n = decode_signame(sig, buf, sizeof(buf));
		dstr_puts(s, n ? n + 3 : "?");
	}
	dstr_putc(s, ']');
}

void decode_ret_text(struct dstr *s, unsigned rettype, int64_t ret)
{
	char buf[32];

	if (ret < 0 && ret >= -4095) {
		int err = (int)-ret;
		const char *name = decode_errno_name(err);
		const char *msg = NULL;

		switch (err) {
		case 512:
			msg = "To be restarted if SA_RESTART is set";
			break;
		case 513:
			msg = "To be restarted";
			break;
		case 514:
			msg = "To be restarted if no handler";
			break;
		case 516:
			msg = "Interrupted by signal";
			break;
		}
		if (msg) {
			dstr_printf(s, "? %s (%s)", name, msg);
			return;
		}
		dstr_puts(s, "-1 ");
		if (name)
			dstr_puts(s, name);
		else
			dstr_printf(s, "%d", err);
		dstr_printf(s, " (%s)", decode_errno_msg(err, buf, sizeof(buf)));
		return;
	}
	switch (rettype) {
	case VT_AT_RX:
		dstr_printf(s, "%#llx", (unsigned long long)ret);
		break;
	case VT_AT_RO:
		dstr_printf(s, "%#03llo", (unsigned long long)ret);
		break;
	default:
		dstr_printf(s, "%lld", (long long)ret);
		break;
	}
}

/* ---- strings ---- */

void decode_quote(struct dstr *s, const void *data, size_t len, int hex, int cut)
{
	const uint8_t *p = data;

	dstr_grow(s, len * 4 + 8);
	dstr_putc(s, '"');
	for (size_t i = 0; i < len; i++) {
		uint8_t c = p[i];

		if (hex) {
			dstr_printf(s, "\\x%02x", c);
			continue;
		}
		switch (c) {
		case '"':
		case '\\':
			dstr_putc(s, '\\');
			dstr_putc(s, c);
			break;
		case '\f':
			dstr_puts(s, "\\f");
			break;
		case '\n':
			dstr_puts(s, "\\n");
			break;
		case '\r':
			dstr_puts(s, "\\r");
			break;
		case '\t':
			dstr_puts(s, "\\t");
			break;
		case '\v':
			dstr_puts(s, "\\v");
			break;
		default:
			if (c >= ' ' && c < 0x7f) {
				dstr_putc(s, c);
				break;
			}
			/* shortest octal, unless an octal digit follows and would join it */
			dstr_putc(s, '\\');
			if (i + 1 < len && p[i + 1] >= '0' && p[i + 1] <= '7') {
				dstr_putc(s, '0' + (c >> 6));
				dstr_putc(s, '0' + ((c >> 3) & 7));
			} else if (c >> 3) {
				if (c >> 6)
					dstr_putc(s, '0' + (c >> 6));
				dstr_putc(s, '0' + ((c >> 3) & 7));
			}
			dstr_putc(s, '0' + (c & 7));
			break;
		}
	}
	dstr_putc(s, '"');
	if (cut)
		dstr_puts(s, "...");
}

void decode_json_string(struct dstr *s, const void *data, size_t len)
{
	const uint8_t *p = data;

	dstr_grow(s, len * 6 + 2);
	dstr_putc(s, '"');
	for (size_t i = 0; i < len; i++) {
		uint8_t c = p[i];

		if (c == '"' || c == '\\') {
			dstr_putc(s, '\\');
			dstr_putc(s, c);
		} else if (c == '\n') {
			dstr_puts(s, "\\n");
		} else if (c == '\t') {
			dstr_puts(s, "\\t");
		} else if (c == '\r') {
			dstr_puts(s, "\\r");
		} else if (c < 0x20 || c >= 0x7f) {
			/* bytes, not text: each one maps to the code point of its value */
			dstr_printf(s, "\\u%04x", c);
		} else {
			dstr_putc(s, c);
		}
	}
	dstr_putc(s, '"');
}

/* ---- captures ---- */

const struct vt_capture *decode_find_capture(const struct vt_hdr *rec, size_t fixed, int idx)
{
	const uint8_t *p = (const uint8_t *)rec + fixed;
	const uint8_t *end = (const uint8_t *)rec + rec->size;

	while (p + sizeof(struct vt_capture) <= end) {
		const struct vt_capture *c = (const void *)p;

		if (c->arg == idx)
			return c;
		p += sizeof(*c) + VT_ALIGN((size_t)c->len, 8);
	}
	return NULL;
}

/* ---- structures ---- */

static void print_makedev(struct dstr *s, uint64_t major, uint64_t minor)
{
	dstr_printf(s, "makedev(%#llx, %#llx)", (unsigned long long)major,
		    (unsigned long long)minor);
}

static void print_stat(struct dstr *s, const uint8_t *d)
{
	unsigned mode = ld32(d, 24);
	uint64_t rdev = ld64(d, 40);

	dstr_puts(s, "{st_mode=");
	print_st_mode(s, mode);
	if ((mode & 0170000) == 0020000 || (mode & 0170000) == 0060000) {
		dstr_puts(s, ", st_rdev=");
		print_makedev(s, ((rdev >> 32) & 0xfffff000) | ((rdev >> 8) & 0xfff),
			      ((rdev >> 12) & 0xffffff00) | (rdev & 0xff));
	} else {
		dstr_printf(s, ", st_size=%lld", (long long)ld64(d, 48));
	}
	dstr_puts(s, ", ...}");
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

/* " /\* 2026-11-27T17:17:34.123456789+0000 *\/": the local time, nanoseconds if any */
static void print_date_comment(struct dstr *s, int64_t sec, int64_t nsec)
{
	time_t t = (time_t)sec;
	struct tm tm;
	char buf[64], zone[16];

	if (!localtime_r(&t, &tm))
		return;
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(zone, sizeof(zone), "%z", &tm);
	if (nsec)
		dstr_printf(s, " /* %s.%09lld%s */", buf, (long long)nsec, zone);
	else
		dstr_printf(s, " /* %s%s */", buf, zone);
}

static void print_timespec(struct dstr *s, const uint8_t *d)
{
	dstr_printf(s, "{tv_sec=%lld, tv_nsec=%lld}", (long long)ld64(d, 0), (long long)ld64(d, 8));
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

static void print_rlim_val(struct dstr *s, uint64_t v)
{
	if (v == ~0ull)
		dstr_puts(s, "RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		dstr_printf(s, "%llu*1024", (unsigned long long)(v / 1024));
	else
		dstr_printf(s, "%llu", (unsigned long long)v);
}

static void print_rlimit(struct dstr *s, const uint8_t *d)
{
	dstr_puts(s, "{rlim_cur=");
	print_rlim_val(s, ld64(d, 0));
	dstr_puts(s, ", rlim_max=");
	print_rlim_val(s, ld64(d, 8));
	dstr_putc(s, '}');
}

static void print_wstatus(struct dstr *s, unsigned st)
{
	char buf[16];
	const char *n;

	dstr_puts(s, "[{");
	if ((st & 0x7f) == 0) {
		dstr_printf(s, "WIFEXITED(s) && WEXITSTATUS(s) == %u", (st >> 8) & 0xff);
	} else if ((st & 0xff) == 0x7f) {
		n = decode_signame((st >> 8) & 0xff, buf, sizeof(buf));
		dstr_puts(s, "WIFSTOPPED(s) && WSTOPSIG(s) == ");
		if (n)
			dstr_puts(s, n);
		else
			dstr_printf(s, "%u", (st >> 8) & 0xff);
		if (st >> 16)
			dstr_printf(s, " && s >> 16 == %u", st >> 16);
	} else if (st == 0xffff) {
		dstr_puts(s, "WIFCONTINUED(s)");
	} else {
		n = decode_signame(st & 0x7f, buf, sizeof(buf));
		dstr_puts(s, "WIFSIGNALED(s) && WTERMSIG(s) == ");
		if (n)
			dstr_puts(s, n);
		else
			dstr_printf(s, "%u", st & 0x7f);
		if (st & 0x80)
			dstr_puts(s, " && WCOREDUMP(s)");
	}
	dstr_puts(s, "}]");
}

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

/* kernel struct sigaction (rt_sigaction): handler, flags, restorer, mask */
static void print_sigaction(struct dstr *s, const uint8_t *d)
{
	uint64_t handler = ld64(d, 0), flags = ld64(d, 8);

	dstr_puts(s, "{sa_handler=");
	if (handler == 0)
		dstr_puts(s, "SIG_DFL");
	else if (handler == 1)
		dstr_puts(s, "SIG_IGN");
	else
		dstr_printf(s, "%#llx", (unsigned long long)handler);
	dstr_puts(s, ", sa_mask=");
	print_sigset(s, d + 24, 8);
	dstr_puts(s, ", sa_flags=");
	print_flags(s, sa_flags, flags, "SA_???");
	if (flags & 0x04000000) {
		dstr_puts(s, ", sa_restorer=");
		print_ptr(s, ld64(d, 16));
	}
	dstr_putc(s, '}');
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

/* sched_getaffinity's mask: the numbers of the CPUs set, "[0 1]" */
static void print_cpuset(struct dstr *s, uint64_t v, const struct vt_capture *c, int64_t ret)
{
	const uint8_t *d = decode_cap_data(c);
	int first = 1;

	if (ret < 0 || (uint64_t)ret > c->len) {
		print_ptr(s, v);
		return;
	}
	dstr_putc(s, '[');
	for (int64_t bit = 0; bit < ret * 8; bit++) {
		if (!(d[bit / 8] & (1u << (bit % 8))))
			continue;
		dstr_printf(s, first ? "%lld" : " %lld", (long long)bit);
		first = 0;
	}
	dstr_putc(s, ']');
}

static void print_stack_t(struct dstr *s, const uint8_t *d)
{
	dstr_puts(s, "{ss_sp=");
	print_ptr(s, ld64(d, 0));
	dstr_puts(s, ", ss_flags=");
	print_flags(s, ss_flags, ld32(d, 8), "SS_???");
	dstr_printf(s, ", ss_size=%llu}", (unsigned long long)ld64(d, 16));
}

/* gid_t arrays: "[5, 7]", at most -s of them */
static void print_gids(struct dstr *s, const struct decode_opts *o, const struct vt_capture *c,
		       uint64_t n)
{
	uint64_t have = c->len / 4, i;

	dstr_putc(s, '[');
	for (i = 0; i < n && i < have && i < o->string_limit; i++)
		dstr_printf(s, i ? ", %u" : "%u", ld32(decode_cap_data(c), i * 4));
	if (i < n)
		dstr_puts(s, i ? ", ..." : "...");
	dstr_putc(s, ']');
}

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

/* One NUL-terminated field of a fixed-size char array. */
static void print_char_field(struct dstr *s, const uint8_t *d, size_t size)
{
	size_t n = strnlen((const char *)d, size);

	decode_quote(s, d, n, 0, 0);
}

static void print_utsname(struct dstr *s, const uint8_t *d)
{
	dstr_puts(s, "{sysname=");
	print_char_field(s, d, 65);
	dstr_puts(s, ", nodename=");
	print_char_field(s, d + 65, 65);
	dstr_puts(s, ", ...}");
}

static void print_sysinfo(struct dstr *s, const uint8_t *d)
{
	dstr_printf(s,
		    "{uptime=%lld, loads=[%llu, %llu, %llu], totalram=%llu, freeram=%llu, "
		    "sharedram=%llu, bufferram=%llu, totalswap=%llu, freeswap=%llu, procs=%u, "
		    "totalhigh=%llu, freehigh=%llu, mem_unit=%u}",
		    (long long)ld64(d, 0), (unsigned long long)ld64(d, 8),
		    (unsigned long long)ld64(d, 16), (unsigned long long)ld64(d, 24),
		    (unsigned long long)ld64(d, 32), (unsigned long long)ld64(d, 40),
		    (unsigned long long)ld64(d, 48), (unsigned long long)ld64(d, 56),
		    (unsigned long long)ld64(d, 64), (unsigned long long)ld64(d, 72),
		    (unsigned)ld16(d, 80), (unsigned long long)ld64(d, 88),
		    (unsigned long long)ld64(d, 96), ld32(d, 104));
}

static void print_rusage(struct dstr *s, const uint8_t *d)
{
	dstr_printf(s,
		    "{ru_utime={tv_sec=%lld, tv_usec=%lld}, ru_stime={tv_sec=%lld, tv_usec=%lld}, "
		    "...}",
		    (long long)ld64(d, 0), (long long)ld64(d, 8), (long long)ld64(d, 16),
		    (long long)ld64(d, 24));
}

/*
 * getdents/getdents64: the buffer's address and how many entries the call
 * returned, counted by d_reclen (at offset 16 in both layouts).  Only when every
 * byte the call returned was captured; otherwise the address alone.
 */
static void print_dirents(struct dstr *s, uint64_t v, const struct vt_capture *c, int64_t ret)
{
	const uint8_t *d;
	unsigned n = 0;
	int64_t off = 0;

	if (ret > 0 && (!c || (c->flags & VT_CAP_FAULT) || c->len < (uint64_t)ret)) {
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
static void print_poll_result(struct dstr *s, const struct decode_opts *o,
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

/*
 * struct clone_args: flags, pidfd, child_tid, parent_tid, exit_signal, stack,
 * stack_size, tls, set_tid, set_tid_size, cgroup.  Fields print as strace does,
 * only where the flags give them a meaning.  After a successful call with
 * CLONE_PARENT_SETTID, *parent_tid holds the child's TID, which is also the
 * return value: that is what " => {parent_tid=[N]}" shows (not read back).
 */
static void print_clone_args(struct dstr *s, const uint8_t *d, size_t len, int64_t ret,
			     int exited)
{
	uint64_t fl = ld64(d, 0);
	char buf[16];
	const char *sig;

	dstr_puts(s, "{flags=");
	print_flags(s, clone3_flags, fl, "CLONE_???");
	if (fl & 0x1000)
		dstr_printf(s, ", pidfd=%#llx", (unsigned long long)ld64(d, 8));
	if (fl & 0x1200000)
		dstr_printf(s, ", child_tid=%#llx", (unsigned long long)ld64(d, 16));
	if (fl & 0x100000)
		dstr_printf(s, ", parent_tid=%#llx", (unsigned long long)ld64(d, 24));
	sig = decode_signame((int)ld64(d, 32), buf, sizeof(buf));
	if (sig && ld64(d, 32) < 65)
		dstr_printf(s, ", exit_signal=%s", sig);
	else
		dstr_printf(s, ", exit_signal=%llu", (unsigned long long)ld64(d, 32));
	dstr_puts(s, ", stack=");
	print_ptr(s, ld64(d, 40));
	dstr_printf(s, ", stack_size=%#llx", (unsigned long long)ld64(d, 48));
	if (fl & 0x80000)
		dstr_printf(s, ", tls=%#llx", (unsigned long long)ld64(d, 56));
	if (len >= 80 && ld64(d, 72))
		dstr_printf(s, ", set_tid=%#llx, set_tid_size=%llu", (unsigned long long)ld64(d, 64),
			    (unsigned long long)ld64(d, 72));
	if (len >= 88 && (fl & 0x200000000ull))
		dstr_printf(s, ", cgroup=%llu", (unsigned long long)ld64(d, 80));
	dstr_putc(s, '}');
	/* with CLONE_PIDFD the descriptor stored is not known here: leave both out */
	if (exited && ret > 0 && (fl & 0x100000) && !(fl & 0x1000))
		dstr_printf(s, " => {parent_tid=[%lld]}", (long long)ret);
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

/* ---- arguments ---- */

/* fcntl commands that take no third argument */
/* ---- iovec arrays, struct msghdr, control messages ---- */

/*
 * An iovec array as strace prints it: at most -s elements, each one's contents
 * up to -s bytes and, with a budget (what a read returned), only the bytes the
 * call moved; addrs: the call failed, so the contents print as addresses.
 * d, len: the struct vt_iov and elements the BPF side read.
 */
static void print_iov(struct dstr *s, const struct decode_opts *o, uint64_t addr, uint64_t count,
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
			decode_quote(s, d, n, 0, cut);
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
			decode_quote(s, d, len, 0, 0);
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
			decode_quote(s, d, len, 0, 0);
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

/*
 * A value-result number: "[in]", or "[in => out]" (socklen_t) and "[in] => [out]"
 * (sendfile's offset, whose " => [out]" alone ends a resumed line's first
 * part) once the call has changed it; with a status filter the value at entry
 * is not known, and the one at exit prints alone.
 */
static void print_inout(struct dstr *s, const struct decode_arg *a, unsigned size)
{
	const struct vt_capture *ci = a->caps_in ? a->caps_in[a->idx] : NULL, *co = a->cap;
	uint64_t v = a->args[a->idx], in, out;
	int ok = a->exited && a->ret >= 0;

	if (ci && ((ci->flags & VT_CAP_FAULT) || ci->len < size))
		ci = NULL;
	if (co && ((co->flags & VT_CAP_FAULT) || co->len < size || !ok))
		co = NULL;
	if (a->resumed) {
		if (ci && co && a->ret > 0)
			dstr_printf(s, " => [%llu]",
				    (unsigned long long)(size == 4 ? ld32(decode_cap_data(co), 0)
								   : ld64(decode_cap_data(co), 0)));
		return;
	}
	if (!v || (!ci && !co)) {
		print_ptr(s, v);
		return;
	}
	in = ci ? (size == 4 ? ld32(decode_cap_data(ci), 0) : ld64(decode_cap_data(ci), 0)) : 0;
	out = co ? (size == 4 ? ld32(decode_cap_data(co), 0) : ld64(decode_cap_data(co), 0)) : 0;
	if (size == 4) {
		if (!ci)
			dstr_printf(s, "[%u]", (unsigned)out);
		else if (co && out != in)
			dstr_printf(s, "[%u => %u]", (unsigned)in, (unsigned)out);
		else
			dstr_printf(s, "[%u]", (unsigned)in);
	} else {
		dstr_printf(s, "[%llu]", (unsigned long long)(ci ? in : out));
		if (ci && co && a->ret > 0)
			dstr_printf(s, " => [%llu]", (unsigned long long)out);
	}
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

int decode_arg_shown(const struct decode_arg *a)
{
	if (a->type == VT_AT_OMODE && a->idx > 0) {
		uint64_t fl = a->args[a->idx - 1];

		return (fl & 0100) || (fl & 020000000) == 020000000;
	}
	if (a->type == VT_AT_FCNTLARG && a->idx > 0)
		return !fcntl_no_arg((unsigned)a->args[a->idx - 1]);
	if (a->type == VT_AT_PRCTLARG && a->idx > 0) {
		const struct prctlent *e = find_prctl((uint32_t)a->args[0]);

		return a->idx <= (e ? e->nargs : 4);
	}
	if (a->type == VT_AT_IOCTLARG && a->idx > 0) {
		const struct ioctlent *e = find_ioctl((uint32_t)a->args[a->idx - 1]);

		return !e || e->arg != IOA_NONE;
	}
	return a->type != VT_AT__;
}

/* The capture of another argument of the same call, when it was read. */
static const struct vt_capture *sibling(const struct decode_arg *a, int idx)
{
	const struct vt_capture *c;

	if (!a->caps || idx < 0 || idx > 5)
		return NULL;
	c = a->caps[idx];
	return c && !(c->flags & VT_CAP_FAULT) ? c : NULL;
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

/*
 * execve's argv as strace prints it, ["ls", "-la"], cut after -s elements with
 * "..."; its envp as the address and a count: 0x7ffd... /\* 23 vars *\/.
 */
static void print_strv(struct dstr *s, const struct decode_opts *o, unsigned type, uint64_t v,
		       const struct vt_capture *c)
{
	const uint8_t *d, *end;
	struct vt_strv sv;
	uint32_t i;

	if (!v || !c || (c->flags & VT_CAP_FAULT) || c->len < sizeof(sv)) {
		print_ptr(s, v);
		return;
	}
	d = decode_cap_data(c);
	end = d + c->len;
	memcpy(&sv, d, sizeof(sv));
	d += sizeof(sv);
	if (type == VT_AT_ENVP) {
		dstr_printf(s, "%#llx /* %u%s vars */", (unsigned long long)v, sv.count,
			    sv.flags & VT_STRV_MORE ? "+" : "");
		return;
	}
	dstr_putc(s, '[');
	for (i = 0; i < sv.count; i++) {
		struct vt_strv_elem el;
		size_t n;
		int cut;

		if (i)
			dstr_puts(s, ", ");
		if (i >= o->string_limit) {
			dstr_puts(s, "...");
			break;
		}
		if ((size_t)(end - d) < sizeof(el))
			break;
		memcpy(&el, d, sizeof(el));
		d += sizeof(el);
		if (el.flags & VT_CAP_FAULT || (size_t)(end - d) < el.len) {
			dstr_puts(s, "???");
			continue;
		}
		n = el.len;
		cut = (el.flags & VT_CAP_TRUNC) != 0;
		if (n > o->string_limit) {
			n = o->string_limit;
			cut = 1;
		}
		decode_quote(s, d, n, 0, cut);
		d += el.len;
	}
	if (sv.flags & VT_STRV_MORE && i == sv.count)
		dstr_puts(s, sv.count ? ", ..." : "...");
	dstr_putc(s, ']');
}

/* ---- printers, one per argument type (the last column of VT_ARGTYPES) ---- */

void arg_none(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
}

void arg_int(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	dstr_printf(s, "%d", (int)arg_val(a));
}

void arg_uint(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	dstr_printf(s, "%u", (unsigned)arg_val(a));
}

void arg_long(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	dstr_printf(s, "%lld", (long long)arg_val(a));
}

void arg_ulong(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	dstr_printf(s, "%llu", (unsigned long long)arg_val(a));
}

void arg_hex(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	dstr_printf(s, "%#llx", (unsigned long long)arg_val(a));
}

void arg_ptr(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_ptr(s, arg_val(a));
}

void arg_strv(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_strv(s, o, a->type, arg_val(a), a->cap);
}

void arg_dirfd(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	if ((int)arg_val(a) == -100)
		dstr_puts(s, "AT_FDCWD");
	else
		dstr_printf(s, "%d", (int)arg_val(a));
}

void arg_mode(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_mode_arg(s, arg_val(a));
}

void arg_path(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	decode_quote(s, arg_data(a), a->cap->len, 0, 0);
}

void arg_str(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	size_t n = a->cap->len;
	int cut = (a->cap->flags & VT_CAP_TRUNC) != 0;

	if (n > o->string_limit) {
		n = o->string_limit;
		cut = 1;
	}
	decode_quote(s, arg_data(a), n, 0, cut);
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
	decode_quote(s, arg_data(a), n, a->type == VT_AT_BUFOUTX, want > n);
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

void arg_seek(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, seek_whence, arg_val(a), "SEEK_???");
}

void arg_sig(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_signo(s, (int)arg_val(a));
}

void arg_clonefl(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint64_t v = arg_val(a);
	int n = print_flag_bits(s, clone_flags, v & ~0xffull, 0);

	if (v & 0xff) {
		if (n)
			dstr_putc(s, '|');
		print_signo(s, v & 0xff);
	} else if (!n) {
		dstr_putc(s, '0');
	}
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

void arg_sigaction(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_sigaction(s, arg_data(a));
}

void arg_utsname(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_utsname(s, arg_data(a));
}

void arg_sysinfo(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_sysinfo(s, arg_data(a));
}

void arg_rusage(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_rusage(s, arg_data(a));
}

/*
 * The capture is 768 bytes: a fixed size read at exit faults when it runs past
 * what the call wrote into pages never touched (the fresh buffer of opendir),
 * and a fault loses the count.  Measured over ls -la, ls -R, du, find and
 * python3 os.listdir (1403 non-empty results): 768 bytes counted 96% of them,
 * 4096 bytes 83%.  Results longer than the capture print the address only.
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
	/* the length returned counts the NUL; the capture is bounded by -s */
	size_t n = strnlen((const char *)d, c->len);
	int cut = n == c->len && (uint64_t)a->ret > c->len;

	if (n > o->string_limit) {
		n = o->string_limit;
		cut = 1;
	}
	decode_quote(s, d, n, 0, cut);
}

void arg_fadvice(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, fadvice, arg_val(a), "POSIX_FADV_???");
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

void arg_iov(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	int out = a->type == VT_AT_IOVOUT;

	print_iov(s, o, arg_val(a), a->idx < 5 ? a->args[a->idx + 1] : 0, arg_data(a), a->cap->len,
		  out ? (uint64_t)a->ret : UINT64_MAX, out && a->ret < 0);
}

void arg_msghdr_in(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_msghdr(s, o, arg_val(a), a->cap, NULL, 0, 0);
}

void arg_msghdr_out(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_msghdr(s, o, arg_val(a), a->cap, a->caps_in ? a->caps_in[a->idx] : NULL, 1, a->ret);
}

void arg_rwf(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, rwf_flags, arg_val(a) & 0xffffffffu, "RWF_???");
}

void arg_splice_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, splice_flags, arg_val(a) & 0xffffffffu, "SPLICE_F_???");
}

void arg_access_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, access_at_flags, arg_val(a) & 0xffffffffu, "AT_???");
}

void arg_clone_args(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_clone_args(s, arg_data(a), a->cap->len, a->ret, a->exited);
}

void arg_utimens(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_utimens(s, arg_data(a));
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

void arg_statfs(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_statfs(s, arg_data(a));
}

void arg_cpuset(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_cpuset(s, arg_val(a), a->cap, a->exited ? a->ret : -1);
}

void arg_stack(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_stack_t(s, arg_data(a));
}

void arg_gids_in(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_gids(s, o, a->cap, (uint32_t)a->args[0]);
}

void arg_gids_out(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_gids(s, o, a->cap, a->exited && a->ret > 0 ? (uint64_t)a->ret : 0);
}

void arg_prctl_op(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const struct prctlent *e = find_prctl((uint32_t)arg_val(a));

	if (e)
		dstr_puts(s, e->name);
	else
		dstr_printf(s, "%#x /* PR_??? */", (unsigned)arg_val(a));
}

void arg_prctl_arg(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint64_t v = arg_val(a);
	const struct prctlent *e = find_prctl((uint32_t)a->args[0]);
	enum prctl_arg st = e && a->idx == 1 ? e->first : PRA_HEX;

	/* PR_CAP_AMBIENT: the capability after the subcommands that take one */
	if (e && e->first == PRA_AMBIENT && a->idx == 2 && a->args[1] >= 1 && a->args[1] <= 3)
		st = PRA_CAP;
	switch (st) {
	case PRA_DEC:
		dstr_printf(s, "%llu", (unsigned long long)v);
		break;
	case PRA_PTR:
		print_ptr(s, v);
		break;
	case PRA_CAP:
		PRINT_XVAL(s, cap_names, v, "CAP_???");
		break;
	case PRA_SIG:
		print_signo(s, (int)v);
		break;
	case PRA_DUMP:
		PRINT_XVAL(s, suid_dump, v, "SUID_DUMP_???");
		break;
	case PRA_UNALIGN:
		print_flags(s, pr_unalign, v, "PR_UNALIGN_???");
		break;
	case PRA_TSC:
		PRINT_XVAL(s, pr_tsc, v, "PR_TSC_???");
		break;
	case PRA_SECBITS:
		print_flags(s, secbits, v, "SECBIT_???");
		break;
	case PRA_AMBIENT:
		PRINT_XVAL(s, pr_ambient, v, "PR_CAP_AMBIENT_???");
		break;
	case PRA_SECCOMP:
		PRINT_XVAL(s, seccomp_modes, v, "SECCOMP_MODE_???");
		break;
	default:
		dstr_printf(s, "%#llx", (unsigned long long)v);
		break;
	}
}

void arg_rusage_who(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, rusage_who, (uint64_t)(int64_t)(int)arg_val(a), "RUSAGE_???");
}

void arg_madv(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, madv_names, arg_val(a), "MADV_???");
}

void arg_futex_op(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_futex_op(s, arg_val(a));
}

void arg_clockid(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, clock_ids, arg_val(a), "CLOCK_???");
}

void arg_rlimres(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, rlimit_res, arg_val(a), "RLIMIT_???");
}

void arg_arch_prctl(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, arch_prctl_codes, arg_val(a), "ARCH_???");
}

void arg_grnd(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, grnd_flags, arg_val(a), "GRND_???");
}

void arg_sighow(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, sighow, arg_val(a), "SIG_???");
}

void arg_waitopt(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, wait_opts, arg_val(a) & 0xffffffffu, "W???");
}

void arg_statx_mask(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, statx_masks, arg_val(a) & 0xffffffffu, "STATX_???");
}

void arg_stat(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_stat(s, arg_data(a));
}

void arg_statx(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_statx(s, arg_data(a));
}

void arg_timespec(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_timespec(s, arg_data(a));
}

void arg_pipefd(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const uint8_t *d = arg_data(a);

	dstr_printf(s, "[%d, %d]", (int)ld32(d, 0), (int)ld32(d, 4));
}

void arg_wstatus(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_wstatus(s, ld32(arg_data(a), 0));
}

void arg_rlimit(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_rlimit(s, arg_data(a));
}

void arg_sigset(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_sigset(s, arg_data(a), a->cap->len);
}

void arg_sigframe(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const struct vt_capture *c = a->cap;

	/* the register holds nothing of the call's: the frame is all there is */
	dstr_puts(s, "{mask=");
	if (c && !(c->flags & VT_CAP_FAULT) && c->len >= 8)
		print_sigset(s, decode_cap_data(c), c->len);
	else
		dstr_putc(s, '?');
	dstr_putc(s, '}');
}

void arg_sockaddr(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	size_t n = a->cap->len;

	if (a->idx < 5 && a->args[a->idx + 1] < n)
		n = a->args[a->idx + 1];
	print_sockaddr(s, arg_data(a), n);
}

void arg_inout(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_inout(s, a, a->type == VT_AT_SOCKLENOUT ? 4 : 8);
}

/* ---- the descriptor table: one row per argument type ---- */

enum vt_argdir { VT_DIR_IN, VT_DIR_OUT, VT_DIR_INOUT, VT_DIR_SPLIT };

#define VT_ARGCLASS_NONE 0
#define VT_ARGCLASS_FILE VT_CLASS_FILE
#define VT_ARGCLASS_DESC VT_CLASS_DESC

struct argdesc {
	const char *name;
	uint8_t dir;	 /* enum vt_argdir */
	uint8_t capture; /* VT_CK_* */
	uint8_t json;	 /* enum decode_json_kind */
	uint16_t cls;	 /* VT_CLASS_* */
	uint16_t size;
	int16_t min;
	decode_printer *print;
};

#define VT_AT_DESC(n, dir, cap, sz, mn, js, cl, pr)                                            \
	{ #n, VT_DIR_##dir, VT_CK_##cap, VT_JSON_##js, VT_ARGCLASS_##cl, sz, mn, pr },
static const struct argdesc argdescs[VT_AT_MAX] = { VT_ARGTYPES(VT_AT_DESC) };
#undef VT_AT_DESC

const char *decode_argtype_name(unsigned type)
{
	return type < VT_AT_MAX ? argdescs[type].name : "?";
}

enum decode_json_kind decode_json_kind(unsigned type)
{
	return type < VT_AT_MAX ? argdescs[type].json : VT_JSON_NONE;
}

unsigned decode_argtype_class(unsigned type)
{
	return type < VT_AT_MAX ? argdescs[type].cls : 0;
}

int decode_is_output(unsigned type)
{
	return type < VT_AT_MAX &&
	       (argdescs[type].dir == VT_DIR_OUT || argdescs[type].dir == VT_DIR_INOUT);
}

int decode_is_inout(unsigned type)
{
	return type < VT_AT_MAX &&
	       (argdescs[type].dir == VT_DIR_INOUT || argdescs[type].dir == VT_DIR_SPLIT);
}

int decode_is_split(unsigned type)
{
	return type < VT_AT_MAX && argdescs[type].dir == VT_DIR_SPLIT;
}

void decode_capspec(unsigned type, int idx, uint8_t *kind, uint16_t *aux)
{
	*kind = VT_CK_NONE;
	*aux = 0;
	if (type >= VT_AT_MAX)
		return;
	*kind = argdescs[type].capture;
	switch (*kind) {
	case VT_CK_BUF_IN:
	case VT_CK_IOV_IN:
	case VT_CK_IOV_OUT:
		/* the length or the count is the next argument */
		*aux = idx + 1;
		break;
	case VT_CK_SIGFRAME:
		/* x86_64: the frame's ucontext is at the stack pointer, its uc_sigmask 296 in */
		*aux = 296;
		break;
	default:
		*aux = argdescs[type].size;
		break;
	}
}

int arg_mem(struct dstr *s, const struct decode_arg *a, unsigned min)
{
	const struct vt_capture *c = a->cap;

	if (!arg_val(a)) {
		dstr_puts(s, "NULL");
		return 0;
	}
	if (!c || (c->flags & VT_CAP_FAULT) || c->len < min) {
		print_ptr(s, arg_val(a));
		return 0;
	}
	return 1;
}

void decode_arg_text(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const struct argdesc *t;

	if (a->type >= VT_AT_MAX) {
		arg_hex(s, o, a);
		return;
	}
	t = &argdescs[a->type];
	/* memory that could not be read prints as its address, as strace prints it */
	if (t->capture != VT_CK_NONE && t->min >= 0 && !arg_mem(s, a, t->min))
		return;
	t->print(s, o, a);
}

void decode_ret_call(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	int64_t ret = a->ret;
	unsigned cmd = a->args[1];

	if (ret < 0 && ret >= -4095) {
		decode_ret_text(s, a->type, ret);
		return;
	}
	switch (a->type) {
	case VT_AT_RFCNTL:
		/* F_GETFL, F_GETLEASE, and F_GETFD, F_GET_SEALS when set: hex, and its meaning */
		if (cmd == 3) {
			dstr_printf(s, "%#llx (flags ", (unsigned long long)ret);
			print_open_flags(s, (uint64_t)ret);
			dstr_putc(s, ')');
			return;
		}
		if (cmd == 1025) {
			dstr_printf(s, "%#llx (", (unsigned long long)ret);
			PRINT_XVAL(s, lease_types, (uint64_t)ret, "F_???");
			dstr_putc(s, ')');
			return;
		}
		if ((cmd == 1 || cmd == 1034) && ret) {
			dstr_printf(s, "%#llx (%s", (unsigned long long)ret,
				    cmd == 1 ? "flags " : "seals ");
			if (cmd == 1)
				print_flags(s, fd_flags, (uint64_t)ret, "FD_???");
			else
				print_flags(s, seal_flags, (uint64_t)ret, "F_SEAL_???");
			dstr_putc(s, ')');
			return;
		}
		break;
	case VT_AT_RPRCTL:
		if ((uint32_t)a->args[0] == 3) {
			/* PR_GET_DUMPABLE */
			dstr_printf(s, "%lld (", (long long)ret);
			PRINT_XVAL(s, suid_dump, (uint64_t)ret, "SUID_DUMP_???");
			dstr_putc(s, ')');
			return;
		}
		if ((uint32_t)a->args[0] == 27 && ret) {
			/* PR_GET_SECUREBITS */
			dstr_printf(s, "%#llx (", (unsigned long long)ret);
			print_flags(s, secbits, (uint64_t)ret, "SECBIT_???");
			dstr_putc(s, ')');
			return;
		}
		break;
	case VT_AT_RPOLL:
		decode_ret_text(s, a->type, ret);
		print_poll_result(s, o, a->caps ? a->caps[0] : NULL, (uint32_t)a->args[1], ret);
		return;
	}
	decode_ret_text(s, a->type, ret);
}

/* ---- siginfo ---- */

static const char *const cld_codes[] = {
	NULL, "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED",
	"CLD_CONTINUED",
};
static const char *const segv_codes[] = {
	NULL, "SEGV_MAPERR", "SEGV_ACCERR", "SEGV_BNDERR", "SEGV_PKUERR", "SEGV_ACCADI",
	"SEGV_ADIDERR", "SEGV_ADIPERR", "SEGV_MTEAERR", "SEGV_MTESERR", "SEGV_CPERR",
};
static const char *const bus_codes[] = {
	NULL, "BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR", "BUS_MCEERR_AR", "BUS_MCEERR_AO",
};
static const char *const ill_codes[] = {
	NULL, "ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP", "ILL_PRVOPC", "ILL_PRVREG",
	"ILL_COPROC", "ILL_BADSTK", "ILL_BADIADDR",
};
static const char *const fpe_codes[] = {
	NULL, "FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV", "FPE_FLTOVF", "FPE_FLTUND", "FPE_FLTRES",
	"FPE_FLTINV", "FPE_FLTSUB", "FPE_FLTUNK", "FPE_CONDTRAP",
};
static const char *const trap_codes[] = {
	NULL, "TRAP_BRKPT", "TRAP_TRACE", "TRAP_BRANCH", "TRAP_HWBKPT", "TRAP_UNK", "TRAP_PERF",
};
static const char *const poll_codes[] = {
	NULL, "POLL_IN", "POLL_OUT", "POLL_MSG", "POLL_ERR", "POLL_PRI", "POLL_HUP",
};

#define CODE_NAME(tab, c) ((c) > 0 && (size_t)(c) < ARRAY_SIZE(tab) ? (tab)[c] : NULL)

void decode_siginfo(struct dstr *s, int signo, int code, int err, const uint64_t fields[4])
{
	const uint8_t *f = (const void *)fields;
	const char *cn = NULL;
	char buf[16];
	const char *sn = decode_signame(signo, buf, sizeof(buf));
	int fault = signo == 11 || signo == 7 || signo == 4 || signo == 8 || signo == 5;

	dstr_putc(s, '{');
	dstr_puts(s, "si_signo=");
	if (sn)
		dstr_puts(s, sn);
	else
		dstr_printf(s, "%d", signo);
	/* positive codes are per signal; zero and negative ones come from user space */
	if (code > 0 && code != 0x80) {
		switch (signo) {
		case 17:
			cn = CODE_NAME(cld_codes, code);
			break;
		case 11:
			cn = CODE_NAME(segv_codes, code);
			break;
		case 7:
			cn = CODE_NAME(bus_codes, code);
			break;
		case 4:
			cn = CODE_NAME(ill_codes, code);
			break;
		case 8:
			cn = CODE_NAME(fpe_codes, code);
			break;
		case 5:
			cn = CODE_NAME(trap_codes, code);
			break;
		case 29:
			cn = CODE_NAME(poll_codes, code);
			break;
		}
	} else {
		cn = XLOOKUP(si_codes, (uint64_t)(int64_t)code);
	}
	dstr_puts(s, ", si_code=");
	if (cn)
		dstr_puts(s, cn);
	else
		dstr_printf(s, "%d", code);
	if (err)
		dstr_printf(s, ", si_errno=%d", err);
	if (code <= 0 || code == 0x80) {
		/* sent by a process (kill, tkill, sigqueue) or the kernel */
		if (code != 0x80 || ld32(f, 0))
			dstr_printf(s, ", si_pid=%d, si_uid=%u", (int)ld32(f, 0), ld32(f, 4));
		if (code == -1 || code == -2)
			dstr_printf(s, ", si_int=%d, si_ptr=%#llx", (int)ld32(f, 8),
				    (unsigned long long)ld64(f, 8));
	} else if (signo == 17) {
		int st = (int)ld32(f, 8);

		dstr_printf(s, ", si_pid=%d, si_uid=%u, si_status=", (int)ld32(f, 0), ld32(f, 4));
		if (code == 1)
			dstr_printf(s, "%d", st);
		else
			print_signo(s, st);
		dstr_printf(s, ", si_utime=%lld, si_stime=%lld", (long long)ld64(f, 16),
			    (long long)ld64(f, 24));
	} else if (fault) {
		dstr_puts(s, ", si_addr=");
		print_ptr(s, ld64(f, 0));
	} else if (signo == 29) {
		dstr_printf(s, ", si_band=%lld, si_fd=%d", (long long)ld64(f, 0), (int)ld32(f, 8));
	}
	dstr_putc(s, '}');
}
