// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Decoders of signals: names, sets, struct sigaction, stack_t, the signal
 * frame's mask and siginfo (strace's signal.c, printsiginfo.c).
 */
#include <stdio.h>
#include <string.h>

#include "decoders.h"
#include "util.h"
#include "xlat.h"
#include "xlat/sa_flags.h"
#include "xlat/si_codes.h"
#include "xlat/sighow.h"
#include "xlat/ss_flags.h"

static const char *const signames[] = {
	[1] = "SIGHUP",	   "SIGINT",	"SIGQUIT", "SIGILL",	"SIGTRAP", "SIGABRT", "SIGBUS",
	"SIGFPE",	   "SIGKILL",	"SIGUSR1", "SIGSEGV",	"SIGUSR2", "SIGPIPE", "SIGALRM",
	"SIGTERM",	   "SIGSTKFLT", "SIGCHLD", "SIGCONT",	"SIGSTOP", "SIGTSTP", "SIGTTIN",
	"SIGTTOU",	   "SIGURG",	"SIGXCPU", "SIGXFSZ",	"SIGVTALRM", "SIGPROF", "SIGWINCH",
	"SIGIO",	   "SIGPWR",	"SIGSYS",
};

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

void print_signo(struct dstr *s, int64_t v)
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

static void print_stack_t(struct dstr *s, const uint8_t *d)
{
	dstr_puts(s, "{ss_sp=");
	print_ptr(s, ld64(d, 0));
	dstr_puts(s, ", ss_flags=");
	print_flags(s, ss_flags, ld32(d, 8), "SS_???");
	dstr_printf(s, ", ss_size=%llu}", (unsigned long long)ld64(d, 16));
}

void arg_sig(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_signo(s, (int)arg_val(a));
}

void arg_sigaction(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_sigaction(s, arg_data(a));
}

void arg_stack(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_stack_t(s, arg_data(a));
}

void arg_sighow(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, sighow, arg_val(a), "SIG_???");
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

/*
 * A clock_t in clock ticks, and in seconds in a comment when not 0 ("5 /\* 0.05
 * s *\/"), as strace prints it.  The kernel reports it in USER_HZ, 100 on
 * x86_64 whatever the kernel's own HZ.
 */
static void print_clock_t(struct dstr *s, uint64_t v)
{
	dstr_printf(s, "%llu", (unsigned long long)v);
	if (v)
		dstr_printf(s, " /* %llu.%02llu s */", (unsigned long long)(v / 100),
			    (unsigned long long)(v % 100));
}

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
		dstr_puts(s, ", si_utime=");
		print_clock_t(s, ld64(f, 16));
		dstr_puts(s, ", si_stime=");
		print_clock_t(s, ld64(f, 24));
	} else if (fault) {
		dstr_puts(s, ", si_addr=");
		print_ptr(s, ld64(f, 0));
	} else if (signo == 29) {
		dstr_printf(s, ", si_band=%lld, si_fd=%d", (long long)ld64(f, 0), (int)ld32(f, 8));
	}
	dstr_putc(s, '}');
}

/*
 * waitid's siginfo_t: si_signo, si_errno, si_code, then the union from byte 16,
 * laid out as the signal record's fields.  WNOHANG with nothing to reap leaves
 * si_signo 0: "{}", as strace prints it.
 */
void arg_siginfo(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const uint8_t *d = arg_data(a);
	uint64_t fields[4];

	if (!ld32(d, 0)) {
		dstr_puts(s, "{}");
		return;
	}
	memcpy(fields, d + 16, sizeof(fields));
	decode_siginfo(s, (int)ld32(d, 0), (int)ld32(d, 8), (int)ld32(d, 4), fields);
}
