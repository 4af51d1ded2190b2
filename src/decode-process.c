// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Decoders of processes and credentials: clone flags and struct clone_args,
 * execve's vectors, wait statuses, resource limits and usage, prctl, groups,
 * uname, sysinfo, CPU masks (strace's clone.c, execve.c, wait.c, resource.c,
 * prctl.c, uid.c, uname.c, sysinfo.c, affinity.c).
 */
#include <string.h>

#include "decoders.h"
#include "util.h"
#include "xlat.h"
#include "xlat/arch_prctl_codes.h"
#include "xlat/cap_names.h"
#include "xlat/cap_versions.h"
#include "xlat/clone3_flags.h"
#include "xlat/clone_flags.h"
#include "xlat/idtypes.h"
#include "xlat/pr_ambient.h"
#include "xlat/pr_tsc.h"
#include "xlat/pr_unalign.h"
#include "xlat/prio_which.h"
#include "xlat/rlimit_res.h"
#include "xlat/rusage_who.h"
#include "xlat/secbits.h"
#include "xlat/seccomp_modes.h"
#include "xlat/suid_dump.h"
#include "xlat/wait_opts.h"

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
	/* -v prints the environment when it was read (a -W file made with -v) */
	if (type == VT_AT_ENVP && !(o->verbose && c->kind == VT_CK_STRV)) {
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
		/* strace -v prints every element: as many as were read (VT_STRV_MAX) */
		if (i >= o->string_limit && !o->verbose) {
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
		decode_quote(s, d, n, o->hex, cut);
		d += el.len;
	}
	if (sv.flags & VT_STRV_MORE && i == sv.count)
		dstr_puts(s, sv.count ? ", ..." : "...");
	dstr_putc(s, ']');
}

void arg_strv(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_strv(s, o, a->type, arg_val(a), a->cap);
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

void arg_clone_args(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_clone_args(s, arg_data(a), a->cap->len, a->ret, a->exited);
}

void arg_cpuset(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_cpuset(s, arg_val(a), a->cap, a->exited ? a->ret : -1);
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

void arg_rlimres(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, rlimit_res, arg_val(a), "RLIMIT_???");
}

void arg_arch_prctl(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, arch_prctl_codes, arg_val(a), "ARCH_???");
}

void arg_waitopt(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, wait_opts, arg_val(a) & 0xffffffffu, "W???");
}

/*
 * wait4 writes the status and the usage only when it reaped a child: with
 * WNOHANG and nothing to reap (0) they hold what they held before, and print
 * as their address, as strace prints them.
 */
void arg_wstatus(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	if (a->exited && a->ret <= 0)
		print_ptr(s, arg_val(a));
	else
		print_wstatus(s, ld32(arg_data(a), 0));
}

void arg_wait_rusage(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	if (a->exited && a->ret <= 0)
		print_ptr(s, arg_val(a));
	else
		print_rusage(s, arg_data(a));
}

void arg_rlimit(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_rlimit(s, arg_data(a));
}

int prctl_arg_shown(const struct decode_arg *a)
{
	const struct prctlent *e = find_prctl((uint32_t)a->args[0]);

	return a->idx <= (e ? e->nargs : 4);
}

int ret_prctl(struct dstr *s, const struct decode_arg *a)
{
	int64_t ret = a->ret;

	if ((uint32_t)a->args[0] == 3) {
		/* PR_GET_DUMPABLE */
		dstr_printf(s, "%lld (", (long long)ret);
		PRINT_XVAL(s, suid_dump, (uint64_t)ret, "SUID_DUMP_???");
		dstr_putc(s, ')');
		return 1;
	}
	if ((uint32_t)a->args[0] == 27 && ret) {
		/* PR_GET_SECUREBITS */
		dstr_printf(s, "%#llx (", (unsigned long long)ret);
		print_flags(s, secbits, (uint64_t)ret, "SECBIT_???");
		dstr_putc(s, ')');
		return 1;
	}
	return 0;
}

void arg_prio_which(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, prio_which, (uint32_t)arg_val(a), "PRIO_???");
}

/* -1 asks the set*id calls and chown to leave an id as it is */
void arg_uid(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint32_t id = arg_val(a);

	if (id == UINT32_MAX)
		dstr_puts(s, "-1");
	else
		dstr_printf(s, "%u", id);
}

void arg_idtype(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, idtypes, (uint32_t)arg_val(a), "P_???");
}

/*
 * PR_SET_NAME's name as it went in, PR_GET_NAME's as the call wrote it, as the
 * kernel keeps a name: 15 bytes at most (TASK_COMM_LEN with its NUL), "..." after
 * a longer one, as strace prints it.
 */
void arg_prctl_arg1(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint32_t op = (uint32_t)a->args[0];
	const struct vt_capture *c = NULL;
	const uint8_t *d;
	size_t n;

	if (op == 15 /* PR_SET_NAME */ && a->caps_in && a->idx >= 0 && a->idx < 6)
		c = a->caps_in[a->idx];
	else if (op == 16 /* PR_GET_NAME */)
		c = a->cap;
	if (!arg_val(a) || !c || (c->flags & VT_CAP_FAULT)) {
		arg_prctl_arg(s, o, a);
		return;
	}
	d = decode_cap_data(c);
	n = strnlen((const char *)d, c->len < 16 ? c->len : 16);
	decode_quote(s, d, n < 15 ? n : 15, o->hex, n > 15);
}

void arg_cap_header(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const uint8_t *d = arg_data(a);

	dstr_puts(s, "{version=");
	PRINT_XVAL(s, cap_versions, ld32(d, 0), "_LINUX_CAPABILITY_VERSION_???");
	dstr_printf(s, ", pid=%d}", (int)ld32(d, 4));
}

/* A capability set: "1<<CAP_CHOWN|1<<CAP_KILL", "0" when empty. */
static void print_cap_set(struct dstr *s, uint64_t set)
{
	int sep = 0;

	if (!set) {
		dstr_putc(s, '0');
		return;
	}
	for (unsigned i = 0; i < 64; i++) {
		const char *n;

		if (!(set & (1ull << i)))
			continue;
		n = XLOOKUP(cap_names, i);
		if (n)
			dstr_printf(s, "%s1<<%s", sep ? "|" : "", n);
		else
			dstr_printf(s, "%s1<<%u", sep ? "|" : "", i);
		sep = 1;
	}
}

/*
 * The sets of capget and capset: struct __user_cap_data_struct {effective,
 * permitted, inheritable}, two of them (capabilities 0-31, then 32-63) but for
 * the header's _LINUX_CAPABILITY_VERSION_1.
 */
void arg_cap_data(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const struct vt_capture *h = a->caps ? a->caps[0] : NULL;
	const uint8_t *d = arg_data(a);
	int two = a->cap->len >= 24;
	static const char *const names[3] = { "effective", "permitted", "inheritable" };

	if (h && !(h->flags & VT_CAP_FAULT) && h->len >= 4 &&
	    ld32(decode_cap_data(h), 0) == 0x19980330)
		two = 0;
	dstr_putc(s, '{');
	for (int i = 0; i < 3; i++) {
		uint64_t set = ld32(d, i * 4);

		if (two)
			set |= (uint64_t)ld32(d, 12 + i * 4) << 32;
		dstr_printf(s, "%s%s=", i ? ", " : "", names[i]);
		print_cap_set(s, set);
	}
	dstr_putc(s, '}');
}
