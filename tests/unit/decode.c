// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Decoding tables and printers against strace 6.1's output, and the syscall
 * table against the kernel's numbering.  Expected strings were printed by strace
 * for the calls named next to them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode.h"
#include "syscalltab.h"
#include "tap.h"

static struct dstr s;

static const char *quote(const void *d, size_t n, int hex, int cut)
{
	dstr_reset(&s);
	decode_quote(&s, d, n, hex, cut);
	return s.p;
}

static const char *ret(unsigned type, int64_t v)
{
	dstr_reset(&s);
	decode_ret_text(&s, type, v);
	return s.p;
}

static const char *arg(unsigned type, int idx, uint64_t a0, uint64_t a1, uint64_t a2,
		       const struct vt_capture *c)
{
	uint64_t args[6] = { a0, a1, a2 };
	struct decode_opts o = { .string_limit = 32 };
	struct decode_arg a = { .type = type, .idx = idx, .args = args, .cap = c };

	dstr_reset(&s);
	decode_arg_text(&s, &o, &a);
	return s.p;
}

/* A capture item with room for the largest structure a test builds. */
struct capbuf {
	struct vt_capture c;
	uint8_t d[4096];
};

static const struct vt_capture *mkcap(struct capbuf *b, int arg, int kind, const void *d,
				      size_t len)
{
	memset(b, 0, sizeof(*b));
	b->c.arg = arg;
	b->c.kind = kind;
	b->c.len = len;
	memcpy(b->d, d, len);
	return &b->c;
}

/*
 * One argument of a call with all six raw values, its result, every capture and,
 * for value-result arguments, the captures made at entry.
 */
static const char *argxi(unsigned type, int idx, const uint64_t args[6], int64_t rv, int exited,
			 const struct vt_capture *const caps[6],
			 const struct vt_capture *const caps_in[6], unsigned limit)
{
	struct decode_opts o = { .string_limit = limit ? limit : 32 };
	struct decode_arg a = { .type = type, .idx = idx, .args = args, .ret = rv,
				.exited = exited, .cap = caps ? caps[idx] : NULL, .caps = caps,
				.caps_in = caps_in };

	dstr_reset(&s);
	if (!decode_arg_shown(&a))
		return "(not shown)";
	decode_arg_text(&s, &o, &a);
	return s.p;
}

/* The same without captures made at entry. */
static const char *argx(unsigned type, int idx, const uint64_t args[6], int64_t rv, int exited,
			const struct vt_capture *const caps[6], unsigned limit)
{
	return argxi(type, idx, args, rv, exited, caps, NULL, limit);
}

/* The result of a call as strace prints it after " = ". */
static const char *retx(unsigned type, const uint64_t args[6], int64_t rv,
			const struct vt_capture *const caps[6], unsigned limit)
{
	struct decode_opts o = { .string_limit = limit ? limit : 32 };
	struct decode_arg a = { .type = type, .idx = -1, .args = args, .ret = rv, .exited = 1,
				.caps = caps };

	dstr_reset(&s);
	decode_ret_call(&s, &o, &a);
	return s.p;
}

static void test_table(void)
{
	const struct vt_syscall_info *e;
	struct vt_capspec spec[VT_NR_SYSCALLS];
	uint64_t mask[VT_MASK_WORDS] = { 0 };

	e = syscalltab_get(0);
	is_str(e->name, "read", "0 is read");
	is_int(e->nargs, 3, "read has three arguments");
	is_int(syscalltab_lookup("openat"), 257, "openat is 257");
	is_int(syscalltab_lookup("newfstatat"), 262, "newfstatat is 262");
	/* newer than Debian 12's headers; numbers from the kernel's syscall_64.tbl */
	is_int(syscalltab_lookup("cachestat"), 451, "cachestat from the supplement");
	is_int(syscalltab_lookup("file_setattr"), 469, "file_setattr from the supplement");
	is_int(syscalltab_lookup("mseal"), 462, "mseal");
	is_int(syscalltab_lookup("uretprobe"), 335, "uretprobe");
	is_int(syscalltab_lookup("nosuchcall"), -1, "unknown name");
	is_str(syscalltab_suggest("opneat"), "openat", "suggestion for a typo");
	ok(syscalltab_size() >= 470, "table covers the 6.x syscalls (%u)", syscalltab_size());
	e = syscalltab_get(syscalltab_lookup("exit_group"));
	ok(e->classes & VT_CLASS_NORETURN, "exit_group does not return");

	is_int(syscalltab_class_mask("%file", mask), 0, "%%file is a class");
	ok(mask[257 / 64] & (1ull << (257 % 64)), "openat is in %%file");
	ok(!(mask[0] & 1), "read is not in %%file");
	memset(mask, 0, sizeof(mask));
	syscalltab_class_mask("desc", mask);
	ok(mask[0] & 1, "read is in %%desc");
	is_int(syscalltab_class_mask("%bogus", mask), -EINVAL, "unknown class");

	syscalltab_capspec(spec, VT_NR_SYSCALLS);
	is_int(spec[1].kind[1], VT_CK_BUF_IN, "write's buffer is read at entry");
	is_int(spec[1].aux[1], 2, "... with its length in argument 2");
	is_int(spec[0].kind[1], VT_CK_BUF_OUT, "read's buffer is read at exit");
	is_int(spec[0].any, VT_CAPSPEC_EXIT, "read captures at exit only");
	is_int(spec[257].kind[1], VT_CK_PATH, "openat's path");
	is_int(spec[5].kind[1], VT_CK_STRUCT_OUT, "fstat's struct stat at exit");
	is_int(spec[5].aux[1], 144, "struct stat is 144 bytes on x86_64");
	is_int(spec[332].aux[4], 256, "struct statx is 256 bytes");
	is_int(spec[39].any, 0, "getpid captures nothing");
	/* writev 20, readv 19, sendmsg 46, recvmsg 47, accept 43, sendfile 40, execve 59 */
	is_int(spec[20].kind[1], VT_CK_IOV_IN, "writev's iovec array at entry");
	is_int(spec[20].aux[1], 2, "... with its count in argument 2");
	is_int(spec[19].kind[1], VT_CK_IOV_OUT, "readv's at exit");
	is_int(spec[19].any, VT_CAPSPEC_EXIT | VT_CAPSPEC_EXIT_FAIL,
	       "... even when it failed, and never again as an entry value");
	is_int(spec[46].kind[1], VT_CK_MSGHDR_IN, "sendmsg's msghdr");
	is_int(spec[47].kind[1], VT_CK_MSGHDR_OUT, "recvmsg's msghdr");
	is_int(spec[47].any, VT_CAPSPEC_ENTRY | VT_CAPSPEC_EXIT,
	       "... at entry and exit, not read again as a faulted entry value");
	is_int(spec[43].kind[2], VT_CK_STRUCT_INOUT, "accept's socklen in and out");
	is_int(spec[40].aux[2], 8, "sendfile's offset: 8 bytes");
	ok(spec[59].any & VT_CAPSPEC_STRV, "execve's argv marked");
}

static void test_strings(void)
{
	/* strace -o fl.txt ./fl: write(1, "a\"b\\c\td\0012\177\377", 11) */
	is_str(quote("a\"b\\c\td\x01" "2\x7f\xff", 11, 0, 0), "\"a\\\"b\\\\c\\td\\0012\\177\\377\"",
	       "escapes");
	/* strace -o ls.txt ls -la /: read(3, "\177ELF\2\1\1\0..." */
	is_str(quote("\x7f" "ELF\x02\x01", 6, 0, 1), "\"\\177ELF\\2\\1\"...", "short octal, cut");
	is_str(quote("\r\v\f", 3, 0, 0), "\"\\r\\v\\f\"", "control characters");
	is_str(quote("\xcc\xd8", 2, 1, 0), "\"\\xcc\\xd8\"", "hex");
	is_str(quote("ab\n\tc", 5, DECODE_HEX_NON_ASCII, 0), "\"ab\\n\\tc\"",
	       "-x: text and white space stay text");
	is_str(quote("a\xe9\x01", 3, DECODE_HEX_NON_ASCII, 1), "\"\\x61\\xe9\\x01\"...",
	       "-x: one non-ASCII byte turns the string to hex");
	is_str(quote("a\x7f", 2, DECODE_HEX_NON_ASCII, 0), "\"\\x61\\x7f\"", "-x: DEL is not text");
	is_str(quote("a\xe9\x01\n", 4, DECODE_HEX_CHARS, 0), "\"a\\xe9\\x01\\n\"",
	       "non-ascii-chars: hex where octal was");
	dstr_reset(&s);
	decode_json_string(&s, "a\"\\\n\x01\xff", 6);
	is_str(s.p, "\"a\\\"\\\\\\n\\u0001\\u00ff\"", "JSON string escapes");
}

static void test_errors(void)
{
	char buf[32];

	is_str(ret(VT_AT_RD, -2), "-1 ENOENT (No such file or directory)", "ENOENT");
	is_str(ret(VT_AT_RD, -11), "-1 EAGAIN (Resource temporarily unavailable)", "EAGAIN");
	is_str(ret(VT_AT_RD, -95), "-1 EOPNOTSUPP (Operation not supported)", "EOPNOTSUPP");
	/* strace -o ls.txt ls -la /: lgetxattr("/", ...) = -1 ENODATA (No data available) */
	is_str(ret(VT_AT_RD, -61), "-1 ENODATA (No data available)", "ENODATA");
	is_str(ret(VT_AT_RD, -512), "? ERESTARTSYS (To be restarted if SA_RESTART is set)",
	       "ERESTARTSYS");
	is_str(ret(VT_AT_RD, -513), "? ERESTARTNOINTR (To be restarted)", "ERESTARTNOINTR");
	is_str(ret(VT_AT_RD, -514), "? ERESTARTNOHAND (To be restarted if no handler)",
	       "ERESTARTNOHAND");
	is_str(ret(VT_AT_RD, -516), "? ERESTART_RESTARTBLOCK (Interrupted by signal)",
	       "ERESTART_RESTARTBLOCK");
	is_str(ret(VT_AT_RD, -524), "-1 ENOTSUPP (Unknown error 524)", "ENOTSUPP");
	is_str(ret(VT_AT_RX, 0x7f65726a7000), "0x7f65726a7000", "hex result");
	is_str(ret(VT_AT_RD, 1489), "1489", "decimal result");
	/* every errno the C library names has a name and its message here */
	for (int e = 1; e < 134; e++) {
		const char *n = strerrorname_np(e);

		if (!n)
			continue;
		if (strcmp(decode_errno_name(e), n) ||
		    strcmp(decode_errno_msg(e, buf, sizeof(buf)), strerror(e))) {
			ok(0, "errno %d: %s / %s", e, decode_errno_name(e), n);
			return;
		}
	}
	ok(1, "errno names and messages match the C library");
	is_str(decode_signame(9, buf, sizeof(buf)), "SIGKILL", "SIGKILL");
	/* strace -o sig.txt ./sig: kill(999999, SIGRTMIN), kill(999999, SIGRT_2) */
	is_str(decode_signame(32, buf, sizeof(buf)), "SIGRTMIN", "SIGRTMIN");
	is_str(decode_signame(34, buf, sizeof(buf)), "SIGRT_2", "SIGRT_2");
	ok(decode_signame(65, buf, sizeof(buf)) == NULL, "65 has no name");
}

static void test_args(void)
{
	struct {
		struct vt_capture c;
		uint64_t set;
	} ss = { { .arg = 1, .kind = VT_CK_STRUCT_IN, .len = 8 }, 0 };

	/* strace -o sig.txt ./sig: rt_sigprocmask(SIG_BLOCK, [INT TERM RT_8], NULL, 8) */
	ss.set = (1ull << 1) | (1ull << 14) | (1ull << 39);
	is_str(arg(VT_AT_SIGSETIN, 1, 0, 0x1000, 0, &ss.c), "[INT TERM RT_8]", "sigset");
	/* strace -f -o thr.txt ./thr: rt_sigprocmask(SIG_BLOCK, ~[], [], 8) */
	ss.set = ~0ull;
	is_str(arg(VT_AT_SIGSETIN, 1, 0, 0x1000, 0, &ss.c), "~[]", "full sigset");
	/* ... rt_sigprocmask(SIG_BLOCK, ~[RT_1], NULL, 8) */
	ss.set = ~(1ull << 32);
	is_str(arg(VT_AT_SIGSETIN, 1, 0, 0x1000, 0, &ss.c), "~[RT_1]", "sigset complement");
	/* strace -f -o thr.txt ./thr: clone3 flags */
	is_str(arg(VT_AT_CLONEFL, 0, 0x1200000 | 17, 0, 0, NULL),
	       "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD", "clone flags with exit signal");
	/* strace -o fl.txt ./fl */
	is_str(arg(VT_AT_SOCKTYPE, 1, 10, 2 | 04000, 0, NULL), "SOCK_DGRAM|SOCK_NONBLOCK",
	       "socket type");
	is_str(arg(VT_AT_SOCKPROTO, 2, 10, 2, 0, NULL), "IPPROTO_IP", "IPv6 protocol 0");
	is_str(arg(VT_AT_SOCKPROTO, 2, 16, 3, 0, NULL), "NETLINK_ROUTE", "netlink protocol 0");
	is_str(arg(VT_AT_AF, 0, 99, 0, 0, NULL), "0x63 /* AF_??? */", "unknown family");
	is_str(arg(VT_AT_MAPFL, 3, 0, 0, 0, NULL), "0 /* MAP_??? */", "no mapping type");
	is_str(arg(VT_AT_OFLAGS, 2, 0, 0, 020200002, NULL), "O_RDWR|O_TMPFILE", "O_TMPFILE");
	is_str(arg(VT_AT_OFLAGS, 2, 0, 0, 010210000, NULL), "O_RDONLY|O_DSYNC|O_PATH|O_DIRECTORY",
	       "O_PATH|O_DIRECTORY order");
	is_str(arg(VT_AT_FUTEXOP, 1, 0, 129, 0, NULL), "FUTEX_WAKE_PRIVATE", "futex op");
	is_str(arg(VT_AT_DIRFD, 0, (uint64_t)-100, 0, 0, NULL), "AT_FDCWD", "AT_FDCWD");
	is_str(arg(VT_AT_FD, 4, 0, 0, 0, NULL), "0", "fd");
	is_str(arg(VT_AT_P, 0, 0, 0, 0, NULL), "NULL", "NULL pointer");
	is_str(arg(VT_AT_MODE, 0, 0755, 0, 0, NULL), "0755", "mode");
	is_str(arg(VT_AT_MODE, 0, 0, 0, 0, NULL), "000", "mode 0");
	is_str(arg(VT_AT_ARCHPRCTL, 0, 0x1002, 0, 0, NULL), "ARCH_SET_FS", "arch_prctl");
}

static void test_siginfo(void)
{
	uint64_t f[4] = { 0 };
	int32_t kid[2] = { 4910, 0 };

	/* strace -f -o thr.txt ./thr */
	memcpy(f, kid, 8);
	f[1] = 3;
	dstr_reset(&s);
	decode_siginfo(&s, 17, 1, 0, f);
	is_str(s.p,
	       "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=4910, si_uid=0, si_status=3, "
	       "si_utime=0, si_stime=0}",
	       "SIGCHLD exited");
	f[1] = 9;
	dstr_reset(&s);
	decode_siginfo(&s, 17, 2, 0, f);
	is_str(s.p,
	       "{si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=4910, si_uid=0, si_status=SIGKILL, "
	       "si_utime=0, si_stime=0}",
	       "SIGCHLD killed");
	/* strace: si_utime=7 /\* 0.07 s *\/, si_stime=123 /\* 1.23 s *\/ */
	f[2] = 7;
	f[3] = 123;
	dstr_reset(&s);
	decode_siginfo(&s, 17, 2, 0, f);
	is_str(s.p,
	       "{si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=4910, si_uid=0, si_status=SIGKILL, "
	       "si_utime=7 /* 0.07 s */, si_stime=123 /* 1.23 s */}",
	       "CPU times in clock ticks, and in seconds");
	f[2] = f[3] = 0;
	/* strace -o rs.txt ./rs: alarm() */
	memset(f, 0, sizeof(f));
	dstr_reset(&s);
	decode_siginfo(&s, 14, 0x80, 0, f);
	is_str(s.p, "{si_signo=SIGALRM, si_code=SI_KERNEL}", "SIGALRM from the kernel");
	/* strace -o fl.txt ./fl (before the NULL clock_gettime was removed) */
	dstr_reset(&s);
	decode_siginfo(&s, 11, 1, 0, f);
	is_str(s.p, "{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}", "SIGSEGV");
}

/*
 * The decoders below were checked against strace 6.1 tracing small programs
 * (sig.c, fc.c, ...) that make the call quoted; tests/integration/families.c
 * makes most of them too.
 */
static void test_sigaction(void)
{
	struct capbuf b;
	const struct vt_capture *caps[6] = { 0 };
	uint64_t args[6] = { 10, 0x1000, 0x2000, 8 };
	uint64_t sa[4];

	/* strace -o sig.txt ./sig: rt_sigaction(SIGUSR1, {h, every SA_ flag, 0x1234, [INT RT_9]}, ...) */
	sa[0] = 0x56314bf7d1c9;
	sa[1] = 0x04000000 | 1 | 2 | 4 | 0x08000000 | 0x10000000 | 0x40000000 | 0x80000000ull;
	sa[2] = 0x1234;
	sa[3] = (1ull << 1) | (1ull << 40);
	caps[1] = mkcap(&b, 1, VT_CK_STRUCT_IN, sa, sizeof(sa));
	is_str(argx(VT_AT_SIGACTIN, 1, args, 0, 1, caps, 0),
	       "{sa_handler=0x56314bf7d1c9, sa_mask=[INT RT_9], sa_flags=SA_RESTORER|SA_ONSTACK|"
	       "SA_RESTART|SA_NODEFER|SA_RESETHAND|SA_SIGINFO|SA_NOCLDSTOP|SA_NOCLDWAIT, "
	       "sa_restorer=0x1234}",
	       "sigaction, every flag in strace's order");
	/* ... rt_sigaction(SIGUSR2, {sa_handler=SIG_IGN, ..., sa_flags=SA_RESTORER|0xc00, ...}) */
	sa[0] = 1;
	sa[1] = 0x04000000 | 0x400 | 0x800;
	caps[1] = mkcap(&b, 1, VT_CK_STRUCT_IN, sa, sizeof(sa));
	is_str(argx(VT_AT_SIGACTIN, 1, args, 0, 1, caps, 0),
	       "{sa_handler=SIG_IGN, sa_mask=[INT RT_9], sa_flags=SA_RESTORER|0xc00, "
	       "sa_restorer=0x1234}",
	       "SIG_IGN, unnamed flags in hex");
	/* ... rt_sigaction(SIGUSR2, {sa_handler=0x10, sa_mask=[], sa_flags=0x20 / * SA_??? * /}) */
	sa[0] = 0x10;
	sa[1] = 0x20;
	sa[3] = 0;
	caps[1] = mkcap(&b, 1, VT_CK_STRUCT_IN, sa, sizeof(sa));
	is_str(argx(VT_AT_SIGACTIN, 1, args, 0, 1, caps, 0),
	       "{sa_handler=0x10, sa_mask=[], sa_flags=0x20 /* SA_??? */}",
	       "no SA_RESTORER: no sa_restorer");
	/* strace -f -o sh.txt sh -c 'echo hi | cat | wc -c': the old action */
	memset(sa, 0, sizeof(sa));
	caps[2] = mkcap(&b, 2, VT_CK_STRUCT_OUT, sa, sizeof(sa));
	caps[1] = NULL;
	args[1] = 0;
	is_str(argx(VT_AT_SIGACTIN, 1, args, 0, 1, caps, 0), "NULL", "no new action");
	is_str(argx(VT_AT_SIGACTOUT, 2, args, 0, 1, caps, 0),
	       "{sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}", "old action SIG_DFL");
	/* ... rt_sigaction(SIGQUIT, {sa_handler=SIG_DFL, sa_mask=~[RTMIN RT_1], ...}, NULL, 8) */
	sa[1] = 0x04000000;
	sa[2] = 0x7faeaed69050;
	sa[3] = ~((1ull << 31) | (1ull << 32));
	caps[2] = mkcap(&b, 2, VT_CK_STRUCT_OUT, sa, sizeof(sa));
	is_str(argx(VT_AT_SIGACTOUT, 2, args, 0, 1, caps, 0),
	       "{sa_handler=SIG_DFL, sa_mask=~[RTMIN RT_1], sa_flags=SA_RESTORER, "
	       "sa_restorer=0x7faeaed69050}",
	       "complemented mask");
	/* ... rt_sigaction(SIGUSR2, 0x8, NULL, 8) = -1 EFAULT (Bad address) */
	args[1] = 8;
	caps[1] = NULL;
	is_str(argx(VT_AT_SIGACTIN, 1, args, -14, 1, caps, 0), "0x8", "unreadable: the address");
}

static void test_fcntl(void)
{
	uint64_t args[6] = { 3, 3 };

	/* strace -o fc.txt ./fc (fcntl on /dev/null opened O_RDWR|O_APPEND, on a pipe, a memfd) */
	is_str(argx(VT_AT_FCNTLARG, 2, args, 0, 1, NULL, 0), "(not shown)",
	       "F_GETFL has no third argument");
	is_str(retx(VT_AT_RFCNTL, args, 0x8402, NULL, 0),
	       "0x8402 (flags O_RDWR|O_APPEND|O_LARGEFILE)", "F_GETFL result");
	is_str(retx(VT_AT_RFCNTL, args, 0, NULL, 0), "0 (flags O_RDONLY)", "F_GETFL 0");
	args[1] = 1;
	is_str(retx(VT_AT_RFCNTL, args, 1, NULL, 0), "0x1 (flags FD_CLOEXEC)", "F_GETFD result");
	is_str(retx(VT_AT_RFCNTL, args, 0, NULL, 0), "0", "F_GETFD 0");
	args[1] = 1025;
	is_str(retx(VT_AT_RFCNTL, args, 2, NULL, 0), "0x2 (F_UNLCK)", "F_GETLEASE");
	args[1] = 1034;
	is_str(retx(VT_AT_RFCNTL, args, 6, NULL, 0), "0x6 (seals F_SEAL_SHRINK|F_SEAL_GROW)",
	       "F_GET_SEALS");
	is_str(retx(VT_AT_RFCNTL, args, -22, NULL, 0), "-1 EINVAL (Invalid argument)",
	       "F_GET_SEALS error");
	args[1] = 1032;
	is_str(argx(VT_AT_FCNTLARG, 2, args, 0, 1, NULL, 0), "(not shown)", "F_GETPIPE_SZ");
	is_str(retx(VT_AT_RFCNTL, args, 65536, NULL, 0), "65536", "F_GETPIPE_SZ result");
	args[1] = 2;
	args[2] = 5;
	is_str(argx(VT_AT_FCNTLARG, 2, args, 0, 1, NULL, 0), "FD_CLOEXEC|0x4", "F_SETFD");
	args[1] = 10;
	args[2] = 10;
	is_str(argx(VT_AT_FCNTLARG, 2, args, 0, 1, NULL, 0), "SIGUSR1", "F_SETSIG");
	args[1] = 1026;
	args[2] = 5;
	is_str(argx(VT_AT_FCNTLARG, 2, args, 0, 1, NULL, 0), "DN_ACCESS|DN_CREATE", "F_NOTIFY");
	args[1] = 1024;
	args[2] = 0;
	is_str(argx(VT_AT_FCNTLARG, 2, args, 0, 1, NULL, 0), "F_RDLCK", "F_SETLEASE");
	args[1] = 1033;
	args[2] = 6;
	is_str(argx(VT_AT_FCNTLARG, 2, args, 0, 1, NULL, 0), "F_SEAL_SHRINK|F_SEAL_GROW",
	       "F_ADD_SEALS");
	args[1] = 0x270f;
	args[2] = 5;
	is_str(argx(VT_AT_FCNTL, 1, args, 0, 1, NULL, 0), "0x270f /* F_??? */", "unknown command");
	is_str(argx(VT_AT_FCNTLARG, 2, args, 0, 1, NULL, 0), "0x5", "its argument in hex");
	/* strace -o lk.txt ./lk: fcntl(3, F_SETLKW, {l_type=F_RDLCK, l_whence=SEEK_CUR, ...}) */
	{
		struct capbuf b;
		const struct vt_capture *caps[6] = { 0 };
		uint8_t fl[32] = { 0 };
		int16_t type = 0, whence = 1;
		int64_t start = 10, len = 5;
		int32_t pid = 0, owner[2] = { 2, 5 };

		memcpy(fl, &type, 2);
		memcpy(fl + 2, &whence, 2);
		memcpy(fl + 8, &start, 8);
		memcpy(fl + 16, &len, 8);
		memcpy(fl + 24, &pid, 4);
		args[1] = 7;
		args[2] = 0x1000;
		caps[2] = mkcap(&b, 2, VT_CK_STRUCT_OUT, fl, 32);
		is_str(argx(VT_AT_FCNTLARG, 2, args, 0, 1, caps, 0),
		       "{l_type=F_RDLCK, l_whence=SEEK_CUR, l_start=10, l_len=5}", "F_SETLKW");
		/* ... fcntl(3, F_GETLK, {l_type=F_UNLCK, ..., l_pid=0}) */
		type = 2;
		memcpy(fl, &type, 2);
		args[1] = 5;
		caps[2] = mkcap(&b, 2, VT_CK_STRUCT_OUT, fl, 32);
		is_str(argx(VT_AT_FCNTLARG, 2, args, 0, 1, caps, 0),
		       "{l_type=F_UNLCK, l_whence=SEEK_CUR, l_start=10, l_len=5, l_pid=0}", "F_GETLK");
		/* ... fcntl(3, F_SETLK, {l_type=0x7 ...}) = -1 EINVAL: not read, the address */
		args[1] = 6;
		is_str(argx(VT_AT_FCNTLARG, 2, args, -22, 1, NULL, 0), "0x1000", "F_SETLK failed");
		/* ... fcntl(3, F_SETOWN_EX, {type=F_OWNER_PGRP, pid=5}) */
		args[1] = 15;
		caps[2] = mkcap(&b, 2, VT_CK_STRUCT_OUT, owner, 8);
		is_str(argx(VT_AT_FCNTLARG, 2, args, 0, 1, caps, 0), "{type=F_OWNER_PGRP, pid=5}",
		       "F_SETOWN_EX");
		/* ... fcntl(3, F_SETFL, O_RDONLY): an int, whatever was read */
		args[1] = 4;
		args[2] = 0;
		is_str(argx(VT_AT_FCNTLARG, 2, args, 0, 1, caps, 0), "O_RDONLY", "F_SETFL");
	}
	/* ... syscall(SYS_fcntl, fd, F_GETFD | 1ul << 32): the command is an int */
	args[1] = 0x100000001ull;
	is_str(argx(VT_AT_FCNTL, 1, args, 0, 1, NULL, 0), "F_GETFD", "command cut to an int");
}

static void test_flag_args(void)
{
	uint64_t args[6] = { 0 };

	/* strace -o fl2.txt ./fl2: faccessat2 flags, AT_EACCESS = AT_REMOVEDIR's value */
	args[3] = 0x200 | 0x100 | 0x1000 | 0x800;
	is_str(argx(VT_AT_ACCESSFL, 3, args, 0, 1, NULL, 0),
	       "AT_SYMLINK_NOFOLLOW|AT_EACCESS|AT_EMPTY_PATH|0x800", "faccessat2 flags");
	args[3] = 0x10000;
	is_str(argx(VT_AT_ACCESSFL, 3, args, 0, 1, NULL, 0), "0x10000 /* AT_??? */",
	       "faccessat2 unknown flag");
	/* strace -o cat.txt cat input: fadvise64(3, 0, 0, POSIX_FADV_SEQUENTIAL) */
	args[3] = 2;
	is_str(argx(VT_AT_FADVICE, 3, args, 0, 1, NULL, 0), "POSIX_FADV_SEQUENTIAL", "fadvise");
	args[3] = 9;
	is_str(argx(VT_AT_FADVICE, 3, args, 0, 1, NULL, 0), "0x9 /* POSIX_FADV_??? */",
	       "unknown advice");
	/* strace -o fl2.txt ./fl2: sendto flags in bit order */
	args[3] = 1 | 2 | 0x40 | 0x4000 | 0x8000;
	is_str(argx(VT_AT_MSGFL, 3, args, 0, 1, NULL, 0),
	       "MSG_OOB|MSG_PEEK|MSG_DONTWAIT|MSG_NOSIGNAL|MSG_MORE", "MSG_ flags");
	args[3] = 0x80000000u;
	is_str(argx(VT_AT_MSGFL, 3, args, 0, 1, NULL, 0), "MSG_CMSG_COMPAT", "MSG_CMSG_COMPAT");
	args[3] = 0;
	is_str(argx(VT_AT_MSGFL, 3, args, 0, 1, NULL, 0), "0", "no MSG_ flags");
	args[1] = 1;
	is_str(argx(VT_AT_SHUTHOW, 1, args, 0, 1, NULL, 0), "SHUT_WR", "shutdown");
	args[1] = 7;
	is_str(argx(VT_AT_SHUTHOW, 1, args, 0, 1, NULL, 0), "0x7 /* SHUT_??? */", "shutdown 7");
	/* strace -o mfd.txt ./mfd: memfd_create flags, MFD_HUGE_* as a shift */
	args[1] = 1 | 2 | 4 | 8 | 0x10 | 0x40;
	is_str(argx(VT_AT_MFDFL, 1, args, 0, 1, NULL, 0),
	       "MFD_CLOEXEC|MFD_ALLOW_SEALING|MFD_HUGETLB|0x58", "memfd flags");
	args[1] = 4 | 8 | (21u << 26);
	is_str(argx(VT_AT_MFDFL, 1, args, 0, 1, NULL, 0), "MFD_HUGETLB|0x8|21<<MFD_HUGE_SHIFT",
	       "memfd huge page size");
	args[1] = 16u << 26;
	is_str(argx(VT_AT_MFDFL, 1, args, 0, 1, NULL, 0), "16<<MFD_HUGE_SHIFT", "huge size alone");
	args[1] = 8;
	is_str(argx(VT_AT_MFDFL, 1, args, 0, 1, NULL, 0), "0x8 /* MFD_??? */", "unknown MFD flag");
	args[1] = 0;
	is_str(argx(VT_AT_MFDFL, 1, args, 0, 1, NULL, 0), "0", "no MFD flags");
	/* ... getrusage(RUSAGE_CHILDREN, ...), getrusage(0x5 / * RUSAGE_??? * /, ...) */
	args[0] = (uint64_t)-1;
	is_str(argx(VT_AT_RUSAGEWHO, 0, args, 0, 1, NULL, 0), "RUSAGE_CHILDREN", "RUSAGE_CHILDREN");
	args[0] = 5;
	is_str(argx(VT_AT_RUSAGEWHO, 0, args, 0, 1, NULL, 0), "0x5 /* RUSAGE_??? */",
	       "unknown RUSAGE_");
}

static void test_epoll_poll(void)
{
	struct capbuf b, b2;
	const struct vt_capture *caps[6] = { 0 };
	uint64_t args[6] = { 4, 3, 3, 0x1000 };
	uint8_t ev[12 * 2];
	uint32_t e32;
	uint64_t data = 0x100000005ull;
	int32_t pf[3 * 2];

	/* strace -o fl2.txt ./fl2: epoll_create1(EPOLL_CLOEXEC), epoll_create1(0x1 ...) */
	args[0] = 02000000;
	is_str(argx(VT_AT_EPOLLFL, 0, args, 0, 1, NULL, 0), "EPOLL_CLOEXEC", "EPOLL_CLOEXEC");
	args[0] = 1;
	is_str(argx(VT_AT_EPOLLFL, 0, args, 0, 1, NULL, 0), "0x1 /* EPOLL_??? */",
	       "unknown epoll_create1 flag");
	args[0] = 4;
	is_str(argx(VT_AT_EPOLLOP, 1, args, 0, 1, NULL, 0), "EPOLL_CTL_MOD", "epoll_ctl op");
	args[1] = 7;
	is_str(argx(VT_AT_EPOLLOP, 1, args, 0, 1, NULL, 0), "0x7 /* EPOLL_CTL_??? */",
	       "unknown epoll_ctl op");
	/* ... epoll_ctl(4, EPOLL_CTL_MOD, 3, {events=<all>, data={u32=5, u64=4294967301}}) */
	e32 = 1 | 2 | 4 | 8 | 0x10 | 0x2000 | (1u << 28) | (1u << 29) | (1u << 30) | (1u << 31);
	memcpy(ev, &e32, 4);
	memcpy(ev + 4, &data, 8);
	caps[3] = mkcap(&b, 3, VT_CK_STRUCT_IN, ev, 12);
	is_str(argx(VT_AT_EPOLLEVIN, 3, args, 0, 1, caps, 0),
	       "{events=EPOLLIN|EPOLLPRI|EPOLLOUT|EPOLLERR|EPOLLHUP|EPOLLRDHUP|EPOLLEXCLUSIVE|"
	       "EPOLLWAKEUP|EPOLLONESHOT|EPOLLET, data={u32=5, u64=4294967301}}",
	       "epoll_event, every flag");
	/* strace -f -o fam.txt families: epoll_wait(5, [{events=EPOLLIN, data={u32=7, u64=7}}], 4, 100) = 1 */
	e32 = 1;
	data = 7;
	memcpy(ev, &e32, 4);
	memcpy(ev + 4, &data, 8);
	memset(caps, 0, sizeof(caps));
	caps[1] = mkcap(&b, 1, VT_CK_STRUCT_OUT, ev, 24);
	is_str(argx(VT_AT_EPOLLEVS, 1, args, 1, 1, caps, 0), "[{events=EPOLLIN, data={u32=7, u64=7}}]",
	       "epoll_wait events: as many as returned");
	is_str(argx(VT_AT_EPOLLEVS, 1, args, 0, 1, NULL, 0), "[]", "epoll_wait timeout");
	caps[1] = mkcap(&b, 1, VT_CK_STRUCT_OUT, ev, 12);
	is_str(argx(VT_AT_EPOLLEVS, 1, args, 2, 1, caps, 0),
	       "[{events=EPOLLIN, data={u32=7, u64=7}}, ...]", "more events than captured");

	/*
	 * strace -o p.txt ./p: poll([{fd=3, events=<all>}, {fd=-1, ...}, {fd=99, events=0}], 3, 0)
	 *   = 2 ([{fd=3, revents=POLLIN|POLLOUT|POLLRDNORM|POLLWRNORM}, {fd=99, revents=POLLNVAL}])
	 */
	memset(pf, 0, sizeof(pf));
	pf[0] = 3;
	pf[1] = (1 | 2 | 4 | 8 | 0x10 | 0x20 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x2000) |
		((1 | 4 | 0x40 | 0x100) << 16);
	pf[2] = -1;
	pf[3] = 1;
	pf[4] = 99;
	pf[5] = 0x20 << 16;
	memset(caps, 0, sizeof(caps));
	caps[0] = mkcap(&b2, 0, VT_CK_STRUCT_OUT, pf, sizeof(pf));
	args[0] = 0x1000;
	args[1] = 3;
	args[2] = 0;
	is_str(argx(VT_AT_POLLFDS, 0, args, 2, 1, caps, 0),
	       "[{fd=3, events=POLLIN|POLLPRI|POLLOUT|POLLERR|POLLHUP|POLLNVAL|POLLRDNORM|"
	       "POLLRDBAND|POLLWRNORM|POLLWRBAND|POLLMSG|POLLRDHUP}, {fd=-1}, {fd=99, events=0}]",
	       "pollfd array");
	is_str(retx(VT_AT_RPOLL, args, 2, caps, 0),
	       "2 ([{fd=3, revents=POLLIN|POLLOUT|POLLRDNORM|POLLWRNORM}, {fd=99, revents=POLLNVAL}])",
	       "poll result with revents");
	is_str(retx(VT_AT_RPOLL, args, 0, caps, 0), "0 (Timeout)", "poll timeout");
	is_str(retx(VT_AT_RPOLL, args, -4, caps, 0), "-1 EINTR (Interrupted system call)",
	       "poll error");
	/* strace -s 3 -o p.txt ./p: five ready descriptors, three shown */
	{
		int32_t five[10];

		for (int i = 0; i < 5; i++) {
			five[2 * i] = 3;
			five[2 * i + 1] = 1 | (1 << 16);
		}
		caps[0] = mkcap(&b2, 0, VT_CK_STRUCT_OUT, five, sizeof(five));
		args[1] = 5;
		is_str(argx(VT_AT_POLLFDS, 0, args, 5, 1, caps, 3),
		       "[{fd=3, events=POLLIN}, {fd=3, events=POLLIN}, {fd=3, events=POLLIN}, ...]",
		       "pollfd array cut at -s");
		is_str(retx(VT_AT_RPOLL, args, 5, caps, 3),
		       "5 ([{fd=3, revents=POLLIN}, {fd=3, revents=POLLIN}, {fd=3, revents=POLLIN}, "
		       "...])",
		       "poll result cut at -s");
	}
	/* ... poll([], 0, 0) = 0 (Timeout) */
	args[1] = 0;
	is_str(argx(VT_AT_POLLFDS, 0, args, 0, 1, NULL, 0), "[]", "no descriptors");
}

static void test_structs(void)
{
	struct capbuf b;
	const struct vt_capture *caps[6] = { 0 };
	uint64_t args[6] = { 0x1000 };
	uint8_t u[390] = { 0 };
	uint64_t si[14] = { 0 };
	uint64_t ru[4] = { 0, 74, 0, 0 };

	/* strace -o fam.txt families: uname({sysname="Linux", nodename="vm", ...}) = 0 */
	memcpy(u, "Linux", 5);
	memcpy(u + 65, "vm", 2);
	memcpy(u + 130, "6.18.44", 7);
	caps[0] = mkcap(&b, 0, VT_CK_STRUCT_OUT, u, sizeof(u));
	is_str(argx(VT_AT_UTSNAME, 0, args, 0, 1, caps, 0), "{sysname=\"Linux\", nodename=\"vm\", ...}",
	       "utsname");
	caps[0] = mkcap(&b, 0, VT_CK_STRUCT_OUT, u, 100);
	is_str(argx(VT_AT_UTSNAME, 0, args, 0, 1, caps, 0), "0x1000", "utsname cut short");
	/*
	 * strace -o p.txt ./p: sysinfo({uptime=2084, loads=[139456, 195936, 132320],
	 * totalram=25276502016, ...})
	 */
	si[0] = 2084;
	si[1] = 139456;
	si[2] = 195936;
	si[3] = 132320;
	si[4] = 25276502016ull;
	si[5] = 24068956160ull;
	si[6] = 9084928;
	si[7] = 9011200;
	si[10] = 108; /* procs, a 16-bit field at 80 */
	si[13] = 1;   /* mem_unit at 104 */
	caps[0] = mkcap(&b, 0, VT_CK_STRUCT_OUT, si, 112);
	is_str(argx(VT_AT_SYSINFO, 0, args, 0, 1, caps, 0),
	       "{uptime=2084, loads=[139456, 195936, 132320], totalram=25276502016, "
	       "freeram=24068956160, sharedram=9084928, bufferram=9011200, totalswap=0, "
	       "freeswap=0, procs=108, totalhigh=0, freehigh=0, mem_unit=1}",
	       "sysinfo");
	/* ... wait4(-1, [...], 0, {ru_utime={tv_sec=0, tv_usec=74}, ru_stime=..., ...}) */
	caps[0] = mkcap(&b, 0, VT_CK_STRUCT_OUT, ru, sizeof(ru));
	is_str(argx(VT_AT_RUSAGE, 0, args, 0, 1, caps, 0),
	       "{ru_utime={tv_sec=0, tv_usec=74}, ru_stime={tv_sec=0, tv_usec=0}, ...}", "rusage");
	args[0] = 0;
	is_str(argx(VT_AT_RUSAGE, 0, args, 0, 1, NULL, 0), "NULL", "rusage NULL");
}

/* One linux_dirent64: ino, off, reclen, type, name; reclen rounded to 8. */
static size_t put_dirent(uint8_t *p, const char *name)
{
	uint16_t reclen = (19 + strlen(name) + 1 + 7) & ~7;

	memset(p, 0, reclen);
	memcpy(p + 16, &reclen, 2);
	memcpy(p + 19, name, strlen(name));
	return reclen;
}

static void test_dirents_cwd(void)
{
	struct capbuf b;
	const struct vt_capture *caps[6] = { 0 };
	uint64_t args[6] = { 3, 0x7ffc7300b800, 4096 };
	uint8_t d[256];
	size_t n = 0;

	/* strace -f -o fam.txt families: getdents64(3, 0x7ffc7300b800 / * 3 entries * /, 4096) = 80 */
	n += put_dirent(d + n, ".");
	n += put_dirent(d + n, "..");
	n += put_dirent(d + n, "fam.txt");
	is_int(n, 80, "three entries make 80 bytes");
	caps[1] = mkcap(&b, 1, VT_CK_STRUCT_OUT, d, n);
	is_str(argx(VT_AT_DIRENTS, 1, args, 80, 1, caps, 0), "0x7ffc7300b800 /* 3 entries */",
	       "getdents64 entries counted");
	is_str(argx(VT_AT_DIRENTS, 1, args, 0, 1, NULL, 0), "0x7ffc7300b800 /* 0 entries */",
	       "end of directory");
	caps[1] = mkcap(&b, 1, VT_CK_STRUCT_OUT, d, 48);
	is_str(argx(VT_AT_DIRENTS, 1, args, 80, 1, caps, 0), "0x7ffc7300b800",
	       "returned more than captured: the address, no count");
	is_str(argx(VT_AT_DIRENTS, 1, args, -9, 1, NULL, 0), "0x7ffc7300b800", "failed");
	{
		/* strace ls: getdents64(3, 0x55ff857cb2a0 / * 302 entries * /, 32768) = 14448 */
		struct vt_dirents de = { .count = 302 };

		caps[1] = mkcap(&b, 1, VT_CK_DIRENTS, &de, sizeof(de));
		is_str(argx(VT_AT_DIRENTS, 1, args, 14448, 1, caps, 0),
		       "0x7ffc7300b800 /* 302 entries */",
		       "entries counted by the BPF side, past any capture size");
		caps[1] = mkcap(&b, 1, VT_CK_DIRENTS, &de, 0);
		((struct vt_capture *)caps[1])->flags |= VT_CAP_FAULT;
		is_str(argx(VT_AT_DIRENTS, 1, args, 14448, 1, caps, 0), "0x7ffc7300b800",
		       "entries that could not be counted: the address");
	}

	/* strace -f -o fam.txt families: getcwd("/tmp/fid/w", 64) = 11 */
	args[0] = 0x1000;
	args[1] = 64;
	caps[0] = mkcap(&b, 0, VT_CK_BUF_OUT, "/tmp/fid/w", 11);
	is_str(argx(VT_AT_CWD, 0, args, 11, 1, caps, 0), "\"/tmp/fid/w\"", "getcwd, no NUL shown");
	caps[0] = mkcap(&b, 0, VT_CK_BUF_OUT, "/tmp/vltrace-test.rBzpAQ/work/fa", 32);
	is_str(argx(VT_AT_CWD, 0, args, 34, 1, caps, 0), "\"/tmp/vltrace-test.rBzpAQ/work/fa\"...",
	       "getcwd longer than captured: cut");
	/* strace -o ls.txt ls -la /usr: read(3, "...@\08\0\n\0@\0"...): 8 is no octal digit */
	is_str(quote("@\0" "8\0\n", 5, 0, 0), "\"@\\08\\0\\n\"", "short octal before 8");
	is_str(quote("\0" "0", 2, 0, 0), "\"\\0000\"", "long octal before 0");
}

static void test_sockets(void)
{
	struct capbuf b1, b2;
	const struct vt_capture *caps[6] = { 0 };
	uint64_t args[6] = { 3, 1, 2, 0x1000, 4 };
	int32_t one = 1, len4 = 4, lin[2] = { 4, 16 };
	uint8_t sin[16] = { 2, 0, 0xa0, 0xc3, 127, 0, 0, 1 };
	uint8_t sun[110] = { 1, 0 };
	uint32_t l16 = 16, l2 = 2;

	/* strace -f -o fam.txt families: setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0 */
	caps[3] = mkcap(&b1, 3, VT_CK_STRUCT_IN, &one, 4);
	is_str(argx(VT_AT_SOCKLEVEL, 1, args, 0, 1, caps, 0), "SOL_SOCKET", "SOL_SOCKET");
	is_str(argx(VT_AT_SOCKOPT, 2, args, 0, 1, caps, 0), "SO_REUSEADDR", "SO_REUSEADDR");
	is_str(argx(VT_AT_SOCKOPTIN, 3, args, 0, 1, caps, 0), "[1]", "int option value");
	/* strace -o so.txt ./so: setsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=4, l_linger=16}, 8) */
	args[2] = 13;
	args[4] = 8;
	caps[3] = mkcap(&b1, 3, VT_CK_STRUCT_IN, lin, 8);
	is_str(argx(VT_AT_SOCKOPTIN, 3, args, 0, 1, caps, 0), "{l_onoff=4, l_linger=16}",
	       "struct linger");
	args[3] = 0;
	is_str(argx(VT_AT_SOCKOPTIN, 3, args, 0, 1, caps, 0), "NULL", "NULL value");
	/* ... setsockopt(4, SOL_TCP, TCP_NODELAY, ...), SOL_IPV6 IPV6_V6ONLY, unknowns */
	args[1] = 6;
	args[2] = 1;
	is_str(argx(VT_AT_SOCKLEVEL, 1, args, 0, 1, NULL, 0), "SOL_TCP", "SOL_TCP");
	is_str(argx(VT_AT_SOCKOPT, 2, args, 0, 1, NULL, 0), "TCP_NODELAY", "TCP_NODELAY");
	args[1] = 41;
	args[2] = 26;
	is_str(argx(VT_AT_SOCKOPT, 2, args, 0, 1, NULL, 0), "IPV6_V6ONLY", "IPV6_V6ONLY");
	args[1] = 1;
	args[2] = 999;
	is_str(argx(VT_AT_SOCKOPT, 2, args, 0, 1, NULL, 0), "0x3e7 /* SO_??? */", "unknown SO_");
	args[1] = 999;
	args[2] = 1;
	is_str(argx(VT_AT_SOCKLEVEL, 1, args, 0, 1, NULL, 0), "0x3e7 /* SOL_?? */", "unknown level");
	is_str(argx(VT_AT_SOCKOPT, 2, args, 0, 1, NULL, 0), "1", "option of an unknown level");
	args[1] = 58;
	is_str(argx(VT_AT_SOCKOPT, 2, args, 0, 1, NULL, 0), "1", "SOL_ICMPV6 options in decimal");

	/* strace -f -o fam.txt families: getsockopt(5, SOL_SOCKET, SO_TYPE, [1], [4]) = 0 */
	args[1] = 1;
	args[2] = 3;
	args[3] = 0x1000;
	args[4] = 0x2000;
	caps[3] = mkcap(&b1, 3, VT_CK_STRUCT_OUT, &one, 4);
	caps[4] = mkcap(&b2, 4, VT_CK_STRUCT_OUT, &len4, 4);
	is_str(argx(VT_AT_SOCKOPTOUT, 3, args, 0, 1, caps, 0), "[1]", "getsockopt value");
	is_str(argx(VT_AT_SOCKLENOUT, 4, args, 0, 1, caps, 0), "[4]", "getsockopt length");
	caps[4] = NULL;
	is_str(argx(VT_AT_SOCKOPTOUT, 3, args, 0, 1, caps, 0), "0x1000", "length unknown: address");

	/*
	 * ... getsockname(3, {sa_family=AF_INET, sin_port=htons(41155),
	 * sin_addr=inet_addr("127.0.0.1")}, [16]) = 0
	 */
	memset(caps, 0, sizeof(caps));
	args[1] = 0x1000;
	args[2] = 0x2000;
	caps[1] = mkcap(&b1, 1, VT_CK_STRUCT_OUT, sin, sizeof(sin));
	caps[2] = mkcap(&b2, 2, VT_CK_STRUCT_OUT, &l16, 4);
	is_str(argx(VT_AT_SOCKADDROUT, 1, args, 0, 1, caps, 0),
	       "{sa_family=AF_INET, sin_port=htons(41155), sin_addr=inet_addr(\"127.0.0.1\")}",
	       "sockaddr written by the call");
	is_str(argx(VT_AT_SOCKLENOUT, 2, args, 0, 1, caps, 0), "[16]", "its length");
	/* strace -o un.txt ./un: accept(4, {sa_family=AF_UNIX}, [110 => 2]) = 6 */
	caps[1] = mkcap(&b1, 1, VT_CK_STRUCT_OUT, sun, sizeof(sun));
	caps[2] = mkcap(&b2, 2, VT_CK_STRUCT_INOUT, &l2, 4);
	is_str(argx(VT_AT_SOCKADDROUT, 1, args, 0, 1, caps, 0), "{sa_family=AF_UNIX}",
	       "unnamed AF_UNIX peer");
	args[1] = 0;
	is_str(argx(VT_AT_SOCKADDROUT, 1, args, 0, 1, caps, 0), "NULL", "accept4(3, NULL, ...)");
}

/*
 * Value-result lengths and offsets: strace -e trace=sendfile,accept,accept4,
 * getsockname,getpeername,recvfrom,getsockopt ./t3 (a test program calling them).
 */
static void test_inout(void)
{
	struct capbuf b1, b2, b3;
	const struct vt_capture *caps[6] = { 0 }, *in[6] = { 0 };
	uint64_t args[6] = { 5, 0x7ffc65929ad0, 0x7ffc65929acc };
	uint32_t l128 = 128, l16 = 16, l4 = 4, l8 = 8, l0 = 0;
	uint64_t o0 = 0, o100 = 100;
	uint8_t sin[16] = { 2, 0, 0xb2, 0x8a, 127, 0, 0, 1 };

	/* getsockname(5, {sa_family=AF_INET, ...}, [128 => 16]) = 0 */
	in[2] = mkcap(&b1, 2, VT_CK_STRUCT_INOUT, &l128, 4);
	caps[2] = mkcap(&b2, 2, VT_CK_STRUCT_INOUT, &l16, 4);
	is_str(argxi(VT_AT_SOCKLENOUT, 2, args, 0, 1, caps, in, 0), "[128 => 16]",
	       "socklen changed by the call");
	/* getsockname(5, {...}, [16]) = 0 */
	in[2] = mkcap(&b1, 2, VT_CK_STRUCT_INOUT, &l16, 4);
	is_str(argxi(VT_AT_SOCKLENOUT, 2, args, 0, 1, caps, in, 0), "[16]", "socklen unchanged");
	/* getpeername(5, 0x7ffc65929ad0, [128]) = -1 ENOTCONN: what went in */
	in[2] = mkcap(&b1, 2, VT_CK_STRUCT_INOUT, &l128, 4);
	caps[2] = NULL;
	is_str(argxi(VT_AT_SOCKLENOUT, 2, args, -107, 1, caps, in, 0), "[128]", "failed call");
	is_str(argxi(VT_AT_SOCKADDROUT, 1, args, -107, 1, caps, in, 0), "0x7ffc65929ad0",
	       "its address unread");
	/* getsockname(6, {sa_family=AF_INET, sa_data="\262\212"}, [4 => 16]) = 0 */
	caps[1] = mkcap(&b3, 1, VT_CK_STRUCT_OUT, sin, sizeof(sin));
	caps[2] = mkcap(&b2, 2, VT_CK_STRUCT_INOUT, &l16, 4);
	in[2] = mkcap(&b1, 2, VT_CK_STRUCT_INOUT, &l4, 4);
	is_str(argxi(VT_AT_SOCKADDROUT, 1, args, 0, 1, caps, in, 0),
	       "{sa_family=AF_INET, sa_data=\"\\262\\212\"}",
	       "sockaddr no longer than the length that went in");
	is_str(argxi(VT_AT_SOCKLENOUT, 2, args, 0, 1, caps, in, 0), "[4 => 16]", "grown");
	/* recvfrom(7, "hi", 10, 0, 0x7ffc65929ad0, [128 => 0]) = 2 */
	caps[2] = mkcap(&b2, 2, VT_CK_STRUCT_INOUT, &l0, 4);
	in[2] = mkcap(&b1, 2, VT_CK_STRUCT_INOUT, &l128, 4);
	is_str(argxi(VT_AT_SOCKADDROUT, 1, args, 2, 1, caps, in, 0), "0x7ffc65929ad0",
	       "no address: its pointer");
	is_str(argxi(VT_AT_SOCKLENOUT, 2, args, 2, 1, caps, in, 0), "[128 => 0]", "shrunk to 0");
	/* getsockopt(7, SOL_SOCKET, SO_TYPE, [1], [8 => 4]) = 0 */
	in[2] = mkcap(&b1, 2, VT_CK_STRUCT_INOUT, &l8, 4);
	caps[2] = mkcap(&b2, 2, VT_CK_STRUCT_INOUT, &l4, 4);
	is_str(argxi(VT_AT_SOCKLENOUT, 2, args, 0, 1, caps, in, 0), "[8 => 4]", "optlen");
	/* with a status filter only the value at exit is known */
	is_str(argxi(VT_AT_SOCKLENOUT, 2, args, 0, 1, caps, NULL, 0), "[4]", "exit value alone");

	/* sendfile(4, 3, [0] => [100], 100) = 100 */
	memset(caps, 0, sizeof(caps));
	memset(in, 0, sizeof(in));
	args[0] = 4;
	args[1] = 3;
	args[2] = 0x7ffd00001000;
	args[3] = 100;
	in[2] = mkcap(&b1, 2, VT_CK_STRUCT_INOUT, &o0, 8);
	caps[2] = mkcap(&b2, 2, VT_CK_STRUCT_INOUT, &o100, 8);
	is_str(argxi(VT_AT_OFFINOUT, 2, args, 100, 1, caps, in, 0), "[0] => [100]",
	       "sendfile offset before and after");
	/* sendfile(4, 3, [100], 0) = 0 */
	in[2] = mkcap(&b1, 2, VT_CK_STRUCT_INOUT, &o100, 8);
	is_str(argxi(VT_AT_OFFINOUT, 2, args, 0, 1, caps, in, 0), "[100]", "nothing sent");
	/* sendfile(99, 3, [100], 10) = -1 EBADF */
	caps[2] = NULL;
	is_str(argxi(VT_AT_OFFINOUT, 2, args, -9, 1, caps, in, 0), "[100]", "failed");
	/* sendfile(4, 3, 0x8, 10) = -1 EFAULT */
	args[2] = 8;
	in[2] = mkcap(&b1, 2, VT_CK_STRUCT_INOUT, "", 0);
	b1.c.flags = VT_CAP_FAULT;
	is_str(argxi(VT_AT_OFFINOUT, 2, args, -14, 1, caps, in, 0), "0x8", "unreadable");
	/* sendfile(4, 3, NULL, 100) = 100 */
	args[2] = 0;
	in[2] = mkcap(&b1, 2, VT_CK_STRUCT_INOUT, "", 0);
	is_str(argxi(VT_AT_OFFINOUT, 2, args, 100, 1, caps, in, 0), "NULL", "no offset");
}

/* An iovec element as the BPF side records it, its contents captured or not. */
struct iel {
	uint64_t base, len;
	const char *data;
	uint32_t caplen;
	uint16_t flags;
};

#define PAD8(n) (((n) + 7) & ~(size_t)7)

/* struct vt_iov and n elements at d; the bytes written. */
static size_t mkiov(uint8_t *d, const struct iel *e, unsigned n, uint32_t flags)
{
	struct vt_iov v = { .count = n, .flags = flags };
	size_t off = sizeof(v);

	memcpy(d, &v, sizeof(v));
	for (unsigned i = 0; i < n; i++) {
		struct vt_iov_elem el = { .base = e[i].base, .len = e[i].len,
					  .caplen = e[i].caplen, .flags = e[i].flags };

		memcpy(d + off, &el, sizeof(el));
		off += sizeof(el);
		if (e[i].caplen)
			memcpy(d + off, e[i].data, e[i].caplen);
		off += PAD8(e[i].caplen);
	}
	return off;
}

/*
 * strace -e trace=readv,writev,preadv,pwritev,preadv2,pwritev2 ./t1, a program
 * that writes to a pipe and reads back (-s 4 where said), and ./t4, whose
 * iovec array runs into an unmapped page.
 */
static void test_iov(void)
{
	struct capbuf b;
	const struct vt_capture *caps[6] = { 0 };
	uint64_t args[6] = { 4, 0x7ffc1000, 2 };
	uint8_t d[2048];
	struct iel ab[2] = { { 0x5500, 2, "ab", 2, 0 }, { 0x5510, 4, "cde\n", 4, 0 } };
	struct iel rd[3] = { { 0x7ffcca18809e, 2, "ab", 2, 0 },
			     { 0x7ffcca188096, 8, "cde\n", 4, 0 },
			     { 0x7ffcca188060, 40, "", 0, 0 } };
	struct iel many[4], bad[2] = { { 0x5500, 2, "ab", 2, 0 }, { 8, 4, "", 0, VT_CAP_FAULT } };
	struct iel nul[2] = { { 0, 0, "", 0, 0 }, { 0x5520, 2, "zz", 2, 0 } };
	size_t n;
	struct iel cut[3] = { { 0x7ffc0010, 2, "00", 2, 0 },
			      { 0x7ffc0008, 8, "1001", 4, 0 },
			      { 0x7ffc0020, 40, "0100", 4, 0 } };

	/* writev(4, [{iov_base="ab", iov_len=2}, {iov_base="cde\n", iov_len=4}], 2) = 6 */
	caps[1] = mkcap(&b, 1, VT_CK_IOV_IN, d, mkiov(d, ab, 2, 0));
	is_str(argx(VT_AT_IOVIN, 1, args, 6, 1, caps, 0),
	       "[{iov_base=\"ab\", iov_len=2}, {iov_base=\"cde\\n\", iov_len=4}]", "writev");
	is_str(argx(VT_AT_LU, 2, args, 6, 1, caps, 0), "2", "iovcnt");
	/* readv(3, [{..."ab"...}, {iov_base="cde\n", iov_len=8}, {iov_base="", iov_len=40}], 3) = 6 */
	args[2] = 3;
	caps[1] = mkcap(&b, 1, VT_CK_IOV_OUT, d, mkiov(d, rd, 3, 0));
	is_str(argx(VT_AT_IOVOUT, 1, args, 6, 1, caps, 0),
	       "[{iov_base=\"ab\", iov_len=2}, {iov_base=\"cde\\n\", iov_len=8}, "
	       "{iov_base=\"\", iov_len=40}]",
	       "readv: contents up to what it read");
	/* readv(99, [{iov_base=0x7ffcca18809e, iov_len=2}, ...], 3) = -1 EBADF */
	rd[1].caplen = 0;
	caps[1] = mkcap(&b, 1, VT_CK_IOV_OUT, d, mkiov(d, rd, 3, 0));
	is_str(argx(VT_AT_IOVOUT, 1, args, -9, 1, caps, 0),
	       "[{iov_base=0x7ffcca18809e, iov_len=2}, {iov_base=0x7ffcca188096, iov_len=8}, "
	       "{iov_base=0x7ffcca188060, iov_len=40}]",
	       "failed readv: the elements' addresses");
	/* -s 4: readv(3, [{iov_base="00", iov_len=2}, {iov_base="1001"..., iov_len=8}, ...], 3) = 39 */
	caps[1] = mkcap(&b, 1, VT_CK_IOV_OUT, d, mkiov(d, cut, 3, 0));
	is_str(argx(VT_AT_IOVOUT, 1, args, 39, 1, caps, 4),
	       "[{iov_base=\"00\", iov_len=2}, {iov_base=\"1001\"..., iov_len=8}, "
	       "{iov_base=\"0100\"..., iov_len=40}]",
	       "-s 4: each element's contents cut");
	/*
	 * -s 4: writev(4, [{iov_base="", iov_len=0}, {iov_base="0", iov_len=1},
	 * {iov_base="01", iov_len=2}, {iov_base="", iov_len=0}, ...], 40) = 39
	 */
	for (int i = 0; i < 4; i++)
		many[i] = (struct iel){ 0x5600, (unsigned)i % 3, "01", (unsigned)i % 3, 0 };
	args[2] = 40;
	caps[1] = mkcap(&b, 1, VT_CK_IOV_IN, d, mkiov(d, many, 4, 0));
	is_str(argx(VT_AT_IOVIN, 1, args, 39, 1, caps, 4),
	       "[{iov_base=\"\", iov_len=0}, {iov_base=\"0\", iov_len=1}, "
	       "{iov_base=\"01\", iov_len=2}, {iov_base=\"\", iov_len=0}, ...]",
	       "-s 4: four elements of 40");
	/* writev(4, [], 0) = 0; writev(4, 0x8, 1) = -1 EFAULT */
	args[2] = 0;
	caps[1] = mkcap(&b, 1, VT_CK_IOV_IN, d, mkiov(d, NULL, 0, 0));
	is_str(argx(VT_AT_IOVIN, 1, args, 0, 1, caps, 0), "[]", "no elements");
	args[1] = 8;
	args[2] = 1;
	caps[1] = mkcap(&b, 1, VT_CK_IOV_IN, d, mkiov(d, NULL, 0, VT_IOV_FAULT));
	is_str(argx(VT_AT_IOVIN, 1, args, -14, 1, caps, 0), "0x8", "unreadable array");
	/* writev(1, NULL, 0) = 0 */
	args[1] = 0;
	args[2] = 0;
	is_str(argx(VT_AT_IOVIN, 1, args, 0, 1, caps, 0), "NULL", "NULL array");
	/* writev(4, [{iov_base="ab", iov_len=2}, {iov_base=0x8, iov_len=4}], 2) = -1 EFAULT */
	args[1] = 0x7ffc1000;
	args[2] = 2;
	caps[1] = mkcap(&b, 1, VT_CK_IOV_IN, d, mkiov(d, bad, 2, 0));
	is_str(argx(VT_AT_IOVIN, 1, args, -14, 1, caps, 0),
	       "[{iov_base=\"ab\", iov_len=2}, {iov_base=0x8, iov_len=4}]",
	       "unreadable contents: their address");
	/* writev(4, [{iov_base=NULL, iov_len=0}, {iov_base="zz", iov_len=2}], 2) = 2 */
	caps[1] = mkcap(&b, 1, VT_CK_IOV_IN, d, mkiov(d, nul, 2, 0));
	is_str(argx(VT_AT_IOVIN, 1, args, 2, 1, caps, 0),
	       "[{iov_base=NULL, iov_len=0}, {iov_base=\"zz\", iov_len=2}]", "NULL base");
	/*
	 * ./t4: writev(1, [{iov_base="ab", iov_len=2}, {iov_base="cd", iov_len=2},
	 * ... /\* 0x7ffb99cd3000 *\/], 3) = -1 EFAULT
	 */
	args[1] = 0x7ffb99cd2fe0;
	args[2] = 3;
	nul[0] = (struct iel){ 0x5500, 2, "ab", 2, 0 };
	nul[1] = (struct iel){ 0x5503, 2, "cd", 2, 0 };
	caps[1] = mkcap(&b, 1, VT_CK_IOV_IN, d, mkiov(d, nul, 2, VT_IOV_FAULT));
	is_str(argx(VT_AT_IOVIN, 1, args, -14, 1, caps, 0),
	       "[{iov_base=\"ab\", iov_len=2}, {iov_base=\"cd\", iov_len=2}, "
	       "... /* 0x7ffb99cd3000 */]",
	       "the array runs into unmapped memory");
	/* the record filled up before the count: the rest is "..." */
	caps[1] = mkcap(&b, 1, VT_CK_IOV_IN, d, mkiov(d, nul, 2, 0));
	is_str(argx(VT_AT_IOVIN, 1, args, 4, 1, caps, 0),
	       "[{iov_base=\"ab\", iov_len=2}, {iov_base=\"cd\", iov_len=2}, ...]",
	       "fewer elements than the count");
	/* an item cut inside an element's contents (a damaged trace file): no read past it */
	n = mkiov(d, nul, 2, 0);
	caps[1] = mkcap(&b, 1, VT_CK_IOV_IN, d, n - 9);
	is_str(argx(VT_AT_IOVIN, 1, args, 4, 1, caps, 0),
	       "[{iov_base=\"ab\", iov_len=2}, ...]", "a damaged item ends with ...");
	caps[1] = mkcap(&b, 1, VT_CK_IOV_IN, d, n - 7);
	is_str(argx(VT_AT_IOVIN, 1, args, 4, 1, caps, 0),
	       "[{iov_base=\"ab\", iov_len=2}, {iov_base=\"c\"..., iov_len=2}, ...]",
	       "contents cut by the item's end");
	/* pwritev2(5, [...], 2, 3, RWF_DSYNC) = 6; preadv2(5, [...], 2, -1, RWF_NOWAIT) = 9 */
	args[3] = 3;
	args[5] = 2;
	is_str(argx(VT_AT_RWF, 5, args, 6, 1, NULL, 0), "RWF_DSYNC", "RWF_DSYNC");
	args[3] = (uint64_t)-1;
	args[5] = 8;
	is_str(argx(VT_AT_LD, 3, args, 9, 1, NULL, 0), "-1", "offset -1");
	is_str(argx(VT_AT_RWF, 5, args, 9, 1, NULL, 0), "RWF_NOWAIT", "RWF_NOWAIT");
	args[5] = 0;
	is_str(argx(VT_AT_RWF, 5, args, 9, 1, NULL, 0), "0", "no flags");
	/*
	 * vmsplice(4, [{iov_base="ab", iov_len=2}], 1, SPLICE_F_NONBLOCK) = 2;
	 * tee(3, 6, 3, SPLICE_F_NONBLOCK|SPLICE_F_MORE) = 3;
	 * splice(3, NULL, 6, NULL, 2, SPLICE_F_MOVE|0x40) = -1 EINVAL
	 */
	args[3] = 2;
	is_str(argx(VT_AT_SPLICEFL, 3, args, 2, 1, NULL, 0), "SPLICE_F_NONBLOCK", "vmsplice flags");
	args[3] = 6;
	is_str(argx(VT_AT_SPLICEFL, 3, args, 3, 1, NULL, 0), "SPLICE_F_NONBLOCK|SPLICE_F_MORE",
	       "tee flags");
	args[3] = 0x41;
	is_str(argx(VT_AT_SPLICEFL, 3, args, -22, 1, NULL, 0), "SPLICE_F_MOVE|0x40",
	       "an unknown splice flag");
}

/* A msghdr item: the header, msg_name, msg_control, then an iovec array. */
static size_t mkmsg(uint8_t *d, struct vt_msghdr m, const void *name, const void *control,
		    const uint8_t *iov, size_t iovlen)
{
	size_t off = sizeof(m);

	if (iovlen)
		m.mflags |= VT_MSG_IOV;
	memcpy(d, &m, sizeof(m));
	if (m.name_cap)
		memcpy(d + off, name, m.name_cap);
	off += PAD8(m.name_cap);
	if (m.control_cap)
		memcpy(d + off, control, m.control_cap);
	off += PAD8(m.control_cap);
	if (iovlen)
		memcpy(d + off, iov, iovlen);
	return off + iovlen;
}

/*
 * strace -e trace=sendmsg,recvmsg of ./t2 (a stream pair, UDP datagrams with
 * names, SCM_RIGHTS), ./t5 (SO_PASSCRED, SO_TIMESTAMP, IP_PKTINFO, IP_RECVTTL,
 * IP_RECVTOS) and ./t6 (control messages of every level and odd lengths).
 */
static void test_msghdr(void)
{
	struct capbuf b, bi;
	const struct vt_capture *caps[6] = { 0 }, *in[6] = { 0 };
	uint64_t args[6] = { 6, 0x7ffd2000, 0 };
	uint8_t d[2048], iov[1024], ctl[128];
	uint8_t sin[16] = { 2, 0, 0x9c, 0xbb, 127, 0, 0, 1 };
	struct iel hw[2] = { { 0x5500, 6, "hello ", 6, 0 }, { 0x5510, 5, "world", 5, 0 } };
	struct iel rd[2] = { { 0x7ffd3000, 8, "hello wo", 8, 0 }, { 0x7ffd3010, 32, "rld", 3, 0 } };
	struct iel x1 = { 0x5520, 1, "x", 1, 0 };
	struct vt_msghdr m = { .name = 0x7ffd4000, .namelen = 16, .iov = 0x7ffd5000, .iovlen = 2,
			       .name_cap = 16 };
	struct vt_msghdr mi;
	size_t n;

	/*
	 * sendmsg(6, {msg_name={sa_family=AF_INET, sin_port=htons(40123),
	 * sin_addr=inet_addr("127.0.0.1")}, msg_namelen=16, msg_iov=[{iov_base="hello ",
	 * iov_len=6}, {iov_base="world", iov_len=5}], msg_iovlen=2, msg_controllen=0,
	 * msg_flags=0}, 0) = 11
	 */
	n = mkiov(iov, hw, 2, 0);
	caps[1] = mkcap(&b, 1, VT_CK_MSGHDR_IN, d, mkmsg(d, m, sin, NULL, iov, n));
	is_str(argx(VT_AT_MSGHDRIN, 1, args, 11, 1, caps, 0),
	       "{msg_name={sa_family=AF_INET, sin_port=htons(40123), "
	       "sin_addr=inet_addr(\"127.0.0.1\")}, msg_namelen=16, msg_iov=[{iov_base=\"hello \", "
	       "iov_len=6}, {iov_base=\"world\", iov_len=5}], msg_iovlen=2, msg_controllen=0, "
	       "msg_flags=0}",
	       "sendmsg with a name and two elements");

	/*
	 * recvmsg(5, {msg_name={sa_family=AF_INET, sin_port=htons(44141),
	 * sin_addr=inet_addr("127.0.0.1")}, msg_namelen=28 => 16,
	 * msg_iov=[{iov_base="hello wo", iov_len=8}, {iov_base="rld", iov_len=32}],
	 * msg_iovlen=2, msg_controllen=0, msg_flags=0}, 0) = 11
	 */
	args[0] = 5;
	sin[2] = 0xac;
	sin[3] = 0x6d;
	n = mkiov(iov, rd, 2, 0);
	caps[1] = mkcap(&b, 1, VT_CK_MSGHDR_OUT, d, mkmsg(d, m, sin, NULL, iov, n));
	mi = m;
	mi.namelen = 28;
	mi.name_cap = 0;
	in[1] = mkcap(&bi, 1, VT_CK_MSGHDR_OUT, &mi, sizeof(mi));
	is_str(argxi(VT_AT_MSGHDROUT, 1, args, 11, 1, caps, in, 0),
	       "{msg_name={sa_family=AF_INET, sin_port=htons(44141), "
	       "sin_addr=inet_addr(\"127.0.0.1\")}, msg_namelen=28 => 16, "
	       "msg_iov=[{iov_base=\"hello wo\", iov_len=8}, {iov_base=\"rld\", iov_len=32}], "
	       "msg_iovlen=2, msg_controllen=0, msg_flags=0}",
	       "recvmsg: namelen in and out, contents up to the result");
	/* ... msg_namelen=16, msg_iov=[{iov_base="hell", iov_len=4}], ..., msg_flags=MSG_TRUNC} = 4 */
	rd[0] = (struct iel){ 0x7ffd3000, 4, "hell", 4, 0 };
	n = mkiov(iov, rd, 1, 0);
	m.iovlen = 1;
	m.flags = 0x20;
	caps[1] = mkcap(&b, 1, VT_CK_MSGHDR_OUT, d, mkmsg(d, m, sin, NULL, iov, n));
	mi.namelen = 16;
	in[1] = mkcap(&bi, 1, VT_CK_MSGHDR_OUT, &mi, sizeof(mi));
	is_str(argxi(VT_AT_MSGHDROUT, 1, args, 4, 1, caps, in, 0),
	       "{msg_name={sa_family=AF_INET, sin_port=htons(44141), "
	       "sin_addr=inet_addr(\"127.0.0.1\")}, msg_namelen=16, "
	       "msg_iov=[{iov_base=\"hell\", iov_len=4}], msg_iovlen=1, msg_controllen=0, "
	       "msg_flags=MSG_TRUNC}",
	       "datagram cut short");
	/* recvmsg(4, {msg_namelen=0}, MSG_DONTWAIT) = -1 EAGAIN */
	mi.namelen = 0;
	in[1] = mkcap(&bi, 1, VT_CK_MSGHDR_OUT, &mi, sizeof(mi));
	is_str(argxi(VT_AT_MSGHDROUT, 1, args, -11, 1, NULL, in, 0), "{msg_namelen=0}",
	       "failed recvmsg: the length that went in");
	/* sendmsg(3, 0x8, 0) = -1 EFAULT */
	args[1] = 8;
	b.c.flags = VT_CAP_FAULT;
	b.c.len = 0;
	caps[1] = &b.c;
	is_str(argx(VT_AT_MSGHDRIN, 1, args, -14, 1, caps, 0), "0x8", "unreadable msghdr");
	args[1] = 0x7ffd2000;

	/*
	 * sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="x", iov_len=1}],
	 * msg_iovlen=1, msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET,
	 * cmsg_type=SCM_RIGHTS, cmsg_data=[0, 1]}], msg_controllen=24, msg_flags=0}, 0) = 1
	 */
	memset(&m, 0, sizeof(m));
	m.iov = 0x7ffd5000;
	m.iovlen = 1;
	m.control = 0x7ffcb8c31a40;
	m.controllen = 24;
	m.control_cap = 24;
	memset(ctl, 0, sizeof(ctl));
	memcpy(ctl, &(uint64_t){ 24 }, 8);
	memcpy(ctl + 8, &(int32_t[4]){ 1, 1, 0, 1 }, 16);
	n = mkiov(iov, &x1, 1, 0);
	caps[1] = mkcap(&b, 1, VT_CK_MSGHDR_IN, d, mkmsg(d, m, NULL, ctl, iov, n));
	is_str(argx(VT_AT_MSGHDRIN, 1, args, 1, 1, caps, 0),
	       "{msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"x\", iov_len=1}], "
	       "msg_iovlen=1, msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET, "
	       "cmsg_type=SCM_RIGHTS, cmsg_data=[0, 1]}], msg_controllen=24, msg_flags=0}",
	       "SCM_RIGHTS");
	/* ... msg_control=[{cmsg_len=24, cmsg_level=0x63 /\* SOL_??? *\/, cmsg_type=0x5}] ... */
	memcpy(ctl + 8, &(int32_t[2]){ 99, 5 }, 8);
	caps[1] = mkcap(&b, 1, VT_CK_MSGHDR_IN, d, mkmsg(d, m, NULL, ctl, iov, n));
	ok(strstr(argx(VT_AT_MSGHDRIN, 1, args, 1, 1, caps, 0),
		  "msg_control=[{cmsg_len=24, cmsg_level=0x63 /* SOL_??? */, cmsg_type=0x5}]") !=
		   NULL,
	   "unknown level: %s", s.p);
	/* ./t6, cmsg_len 20: cmsg_level=SOL_SOCKET, cmsg_type=0x4 /\* SCM_??? *\/ */
	memcpy(ctl, &(uint64_t){ 20 }, 8);
	memcpy(ctl + 8, &(int32_t[2]){ 1, 4 }, 8);
	caps[1] = mkcap(&b, 1, VT_CK_MSGHDR_IN, d, mkmsg(d, m, NULL, ctl, iov, n));
	ok(strstr(argx(VT_AT_MSGHDRIN, 1, args, 1, 1, caps, 0),
		  "msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=0x4 /* SCM_??? */}]") !=
		   NULL,
	   "unknown SOL_SOCKET type: %s", s.p);
	/*
	 * ./t6: msg_control=[{cmsg_len=4, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS},
	 * ... /\* 0x7ffcb8c31a50 *\/], msg_controllen=24
	 */
	memcpy(ctl, &(uint64_t){ 4 }, 8);
	memcpy(ctl + 8, &(int32_t[2]){ 1, 1 }, 8);
	caps[1] = mkcap(&b, 1, VT_CK_MSGHDR_IN, d, mkmsg(d, m, NULL, ctl, iov, n));
	ok(strstr(argx(VT_AT_MSGHDRIN, 1, args, 1, 1, caps, 0),
		  "msg_control=[{cmsg_len=4, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS}, "
		  "... /* 0x7ffcb8c31a50 */], msg_controllen=24") != NULL,
	   "cmsg_len shorter than a header: %s", s.p);
	/*
	 * ./t6: msg_control=[{cmsg_len=20, ..., cmsg_data=[1684234849]},
	 * ... /\* 0x7ffcb8c31a58 *\/], msg_controllen=30
	 */
	memcpy(ctl, &(uint64_t){ 20 }, 8);
	memcpy(ctl + 16, "abcd", 4);
	m.controllen = 30;
	m.control_cap = 30;
	caps[1] = mkcap(&b, 1, VT_CK_MSGHDR_IN, d, mkmsg(d, m, NULL, ctl, iov, n));
	ok(strstr(argx(VT_AT_MSGHDRIN, 1, args, 1, 1, caps, 0),
		  "msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, "
		  "cmsg_data=[1684234849]}, ... /* 0x7ffcb8c31a58 */], msg_controllen=30") != NULL,
	   "bytes left over after the last header: %s", s.p);
	/* ./t5: msg_control=0x7fff30e66680, msg_controllen=8 */
	m.control = 0x7fff30e66680;
	m.controllen = 8;
	m.control_cap = 8;
	caps[1] = mkcap(&b, 1, VT_CK_MSGHDR_IN, d, mkmsg(d, m, NULL, ctl, iov, n));
	ok(strstr(argx(VT_AT_MSGHDRIN, 1, args, 1, 1, caps, 0),
		  "msg_control=0x7fff30e66680, msg_controllen=8") != NULL,
	   "control shorter than a header: its address: %s", s.p);

	/*
	 * ./t5: msg_control=[{cmsg_len=32, cmsg_level=SOL_SOCKET, cmsg_type=SO_TIMESTAMP_OLD,
	 * cmsg_data={tv_sec=1795808858, tv_usec=617556}}, {cmsg_len=28,
	 * cmsg_level=SOL_SOCKET, cmsg_type=SCM_CREDENTIALS, cmsg_data={pid=32726, uid=0,
	 * gid=0}}], msg_controllen=64
	 */
	memset(ctl, 0, sizeof(ctl));
	memcpy(ctl, &(uint64_t[4]){ 32, 1 | 29ull << 32, 1795808858, 617556 }, 32);
	memcpy(ctl + 32, &(uint64_t[2]){ 28, 1 | 2ull << 32 }, 16);
	memcpy(ctl + 48, &(int32_t[3]){ 32726, 0, 0 }, 12);
	m.controllen = 64;
	m.control_cap = 64;
	caps[1] = mkcap(&b, 1, VT_CK_MSGHDR_OUT, d, mkmsg(d, m, NULL, ctl, iov, n));
	ok(strstr(argx(VT_AT_MSGHDROUT, 1, args, 1, 1, caps, 0),
		  "msg_control=[{cmsg_len=32, cmsg_level=SOL_SOCKET, cmsg_type=SO_TIMESTAMP_OLD, "
		  "cmsg_data={tv_sec=1795808858, tv_usec=617556}}, {cmsg_len=28, "
		  "cmsg_level=SOL_SOCKET, cmsg_type=SCM_CREDENTIALS, cmsg_data={pid=32726, uid=0, "
		  "gid=0}}], msg_controllen=64") != NULL,
	   "timestamp and credentials: %s", s.p);
	/*
	 * ./t5: msg_control=[{cmsg_len=28, cmsg_level=SOL_IP, cmsg_type=IP_PKTINFO,
	 * cmsg_data={ipi_ifindex=if_nametoindex("lo"), ipi_spec_dst=inet_addr("127.0.0.1"),
	 * ipi_addr=inet_addr("127.0.0.1")}}, {cmsg_len=20, cmsg_level=SOL_IP,
	 * cmsg_type=IP_TTL, cmsg_data=[64]}, {cmsg_len=17, cmsg_level=SOL_IP,
	 * cmsg_type=IP_TOS, cmsg_data=[0]}], msg_controllen=80
	 */
	memset(ctl, 0, sizeof(ctl));
	memcpy(ctl, &(uint64_t[2]){ 28, 0 | 8ull << 32 }, 16);
	memcpy(ctl + 16, &(uint32_t){ 1 }, 4);
	memcpy(ctl + 20, (uint8_t[8]){ 127, 0, 0, 1, 127, 0, 0, 1 }, 8);
	memcpy(ctl + 32, &(uint64_t[2]){ 20, 0 | 2ull << 32 }, 16);
	memcpy(ctl + 48, &(uint32_t){ 64 }, 4);
	memcpy(ctl + 56, &(uint64_t[2]){ 17, 0 | 1ull << 32 }, 16);
	m.controllen = 80;
	m.control_cap = 80;
	caps[1] = mkcap(&b, 1, VT_CK_MSGHDR_OUT, d, mkmsg(d, m, NULL, ctl, iov, n));
	ok(strstr(argx(VT_AT_MSGHDROUT, 1, args, 1, 1, caps, 0),
		  "msg_control=[{cmsg_len=28, cmsg_level=SOL_IP, cmsg_type=IP_PKTINFO, "
		  "cmsg_data={ipi_ifindex=if_nametoindex(\"lo\"), "
		  "ipi_spec_dst=inet_addr(\"127.0.0.1\"), ipi_addr=inet_addr(\"127.0.0.1\")}}, "
		  "{cmsg_len=20, cmsg_level=SOL_IP, cmsg_type=IP_TTL, cmsg_data=[64]}, "
		  "{cmsg_len=17, cmsg_level=SOL_IP, cmsg_type=IP_TOS, cmsg_data=[0]}], "
		  "msg_controllen=80") != NULL,
	   "IP_PKTINFO, IP_TTL, IP_TOS: %s", s.p);
}

static void test_ioctl(void)
{
	struct capbuf b;
	const struct vt_capture *caps[6] = { 0 };
	uint64_t args[6] = { 3, 0x5402, 0x1000 };
	uint16_t ws[4] = { 24, 80, 0, 0 };
	int32_t zero = 0;

	/* strace -o io.txt ./io: each request's name and third argument, on fd 99 */
	is_str(argx(VT_AT_IOCTL, 1, args, 0, 1, NULL, 0), "SNDCTL_TMR_START or TCSETS",
	       "request with two names");
	args[1] = 0x80045499u; /* _IOC(_IOC_READ, 0x54, 0x99, 4) */
	is_str(argx(VT_AT_IOCTL, 1, args, 0, 1, NULL, 0), "_IOC(_IOC_READ, 0x54, 0x99, 0x4)",
	       "unknown request decomposed");
	args[1] = 0x1234;
	is_str(argx(VT_AT_IOCTL, 1, args, 0, 1, NULL, 0), "_IOC(_IOC_NONE, 0x12, 0x34, 0)",
	       "request without direction or size");
	args[2] = 5;
	is_str(argx(VT_AT_IOCTLARG, 2, args, 0, 1, NULL, 0), "0x5", "unknown request: hex argument");
	args[1] = 0x5451;
	is_str(argx(VT_AT_IOCTLARG, 2, args, 0, 1, NULL, 0), "(not shown)", "FIOCLEX takes none");
	args[1] = 0x40049409;
	args[2] = 3;
	is_str(argx(VT_AT_IOCTL, 1, args, 0, 1, NULL, 0), "BTRFS_IOC_CLONE or FICLONE", "FICLONE");
	is_str(argx(VT_AT_IOCTLARG, 2, args, 0, 1, NULL, 0), "3", "FICLONE's descriptor");
	args[1] = 0x540b;
	args[2] = 0;
	is_str(argx(VT_AT_IOCTLARG, 2, args, 0, 1, NULL, 0), "TCIFLUSH", "TCFLSH");
	args[1] = 0x540a;
	args[2] = 7;
	is_str(argx(VT_AT_IOCTLARG, 2, args, 0, 1, NULL, 0), "0x7 /* TC??? */", "TCXONC unknown");
	args[1] = 0x5401;
	args[2] = 0x7ffc7300c8c0;
	is_str(argx(VT_AT_IOCTLARG, 2, args, -25, 1, NULL, 0), "0x7ffc7300c8c0",
	       "TCGETS on a pipe: the address");
	args[2] = 0;
	is_str(argx(VT_AT_IOCTLARG, 2, args, -25, 1, NULL, 0), "NULL", "pointer request, NULL");
	/* strace -f -o fam.txt families: ioctl(3, FIONREAD, [0]) = 0 */
	args[1] = 0x541b;
	args[2] = 0x1000;
	caps[2] = mkcap(&b, 2, VT_CK_STRUCT_OUT, &zero, 4);
	is_str(argx(VT_AT_IOCTLARG, 2, args, 0, 1, caps, 0), "[0]", "FIONREAD");
	is_str(argx(VT_AT_IOCTLARG, 2, args, -25, 1, NULL, 0), "0x1000", "FIONREAD failed");
	/* script -c 'strace -o io.txt ./io': ioctl(0, TIOCGWINSZ, {ws_row=24, ws_col=80, ...}) */
	args[1] = 0x5413;
	caps[2] = mkcap(&b, 2, VT_CK_STRUCT_OUT, ws, 8);
	is_str(argx(VT_AT_IOCTLARG, 2, args, 0, 1, caps, 0),
	       "{ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}", "TIOCGWINSZ");
	/*
	 * script -c 'strace -o io.txt ./io': ioctl(0, TCGETS, {c_iflag=ICRNL|IXON, ...}) on a pty,
	 * and TCSETS with every flag (IEXTEN and TOSTOP out of bit order, as strace prints them)
	 */
	{
		uint32_t t[9] = { 0x100 | 0x400, 1 | 4, 0xf | 0x30 | 0x80,
				  1 | 2 | 8 | 0x10 | 0x20 | 0x8000 | 0x200 | 0x800 };

		args[1] = 0x5401;
		caps[2] = mkcap(&b, 2, VT_CK_STRUCT_OUT, t, 36);
		is_str(argx(VT_AT_IOCTLARG, 2, args, 0, 1, caps, 0),
		       "{c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, "
		       "c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|"
		       "ECHOKE, ...}",
		       "TCGETS on a terminal");
		memset(t, 0, sizeof(t));
		t[1] = 0x100 | 0x600 | 0x1800 | 0x2000 | 0x4000 | 0x8000;
		t[2] = 0x1000 | (0x1001 << 16) | 0x2000;
		t[3] = 0x1dfff;
		args[1] = 0x5402;
		caps[2] = mkcap(&b, 2, VT_CK_STRUCT_OUT, t, 36);
		is_str(argx(VT_AT_IOCTLARG, 2, args, 0, 1, caps, 0),
		       "{c_iflag=, c_oflag=NL1|CR3|XTABS|BS1|VT1|FF1|, "
		       "c_cflag=BOTHER|B57600<<IBSHIFT|CS5|0x2000, c_lflag=ISIG|ICANON|XCASE|ECHO|ECHOE|"
		       "ECHOK|ECHONL|NOFLSH|IEXTEN|ECHOCTL|ECHOPRT|ECHOKE|FLUSHO|PENDIN|TOSTOP|EXTPROC, ...}",
		       "TCSETS, delays, input speed, every local flag");
	}
}

static void test_clone3(void)
{
	struct capbuf b;
	const struct vt_capture *caps[6] = { 0 };
	uint64_t args[6] = { 0x1000, 88 };
	uint64_t ca[11] = { 0 };

	/*
	 * strace -f -o thr.txt python3 -c 'import threading; ...': clone3({flags=CLONE_VM|...,
	 * child_tid=..., parent_tid=..., exit_signal=0, stack=..., stack_size=0x7fff80,
	 * tls=...} => {parent_tid=[13906]}, 88) = 13906
	 */
	ca[0] = 0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000 | 0x80000 | 0x100000 | 0x200000;
	ca[2] = 0x7f5a4d495990;
	ca[3] = 0x7f5a4d495990;
	ca[5] = 0x7f5a4cc95000;
	ca[6] = 0x7fff80;
	ca[7] = 0x7f5a4d4956c0;
	caps[0] = mkcap(&b, 0, VT_CK_STRUCT_IN, ca, 88);
	is_str(argx(VT_AT_CLONE3ARGS, 0, args, 13906, 1, caps, 0),
	       "{flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|"
	       "CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f5a4d495990, "
	       "parent_tid=0x7f5a4d495990, exit_signal=0, stack=0x7f5a4cc95000, "
	       "stack_size=0x7fff80, tls=0x7f5a4d4956c0} => {parent_tid=[13906]}",
	       "clone3 of a thread");
	/* strace -o c3.txt ./c3: clone3({flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0}, 64) */
	memset(ca, 0, sizeof(ca));
	ca[4] = 17;
	caps[0] = mkcap(&b, 0, VT_CK_STRUCT_IN, ca, 64);
	is_str(argx(VT_AT_CLONE3ARGS, 0, args, 20386, 1, caps, 0),
	       "{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0}", "clone3 like fork");
	/* ... clone3({flags=CLONE_NEWTIME|CLONE_CLEAR_SIGHAND|CLONE_INTO_CGROUP, ..., cgroup=5}, 88) */
	ca[0] = 0x80 | 0x100000000ull | 0x200000000ull;
	ca[4] = 0;
	ca[10] = 5;
	caps[0] = mkcap(&b, 0, VT_CK_STRUCT_IN, ca, 88);
	is_str(argx(VT_AT_CLONE3ARGS, 0, args, -9, 1, caps, 0),
	       "{flags=CLONE_NEWTIME|CLONE_CLEAR_SIGHAND|CLONE_INTO_CGROUP, exit_signal=0, "
	       "stack=NULL, stack_size=0, cgroup=5}",
	       "clone3 flags beyond 32 bits");
}

static void test_utimens(void)
{
	struct capbuf b;
	const struct vt_capture *caps[6] = { 0 };
	uint64_t args[6] = { 3, 0, 0x1000, 0 };
	int64_t ts[4] = { 0, (1 << 30) - 2, 1795799854, 0 };

	/* TZ=UTC strace -o ut.txt ./ut: futimens(fd, [UTIME_OMIT, {...} / * date * /]) */
	setenv("TZ", "UTC", 1);
	tzset();
	caps[2] = mkcap(&b, 2, VT_CK_STRUCT_IN, ts, sizeof(ts));
	is_str(argx(VT_AT_UTIMENS, 2, args, 0, 1, caps, 0),
	       "[UTIME_OMIT, {tv_sec=1795799854, tv_nsec=0} /* 2026-11-27T17:17:34+0000 */]",
	       "utimensat UTIME_OMIT and a date");
	ts[1] = (1 << 30) - 1;
	ts[3] = 123456789;
	caps[2] = mkcap(&b, 2, VT_CK_STRUCT_IN, ts, sizeof(ts));
	is_str(argx(VT_AT_UTIMENS, 2, args, 0, 1, caps, 0),
	       "[UTIME_NOW, {tv_sec=1795799854, tv_nsec=123456789} "
	       "/* 2026-11-27T17:17:34.123456789+0000 */]",
	       "UTIME_NOW and nanoseconds");
	ts[0] = 100;
	ts[1] = 2000000000;
	ts[2] = -1;
	ts[3] = 0;
	caps[2] = mkcap(&b, 2, VT_CK_STRUCT_IN, ts, sizeof(ts));
	is_str(argx(VT_AT_UTIMENS, 2, args, 0, 1, caps, 0),
	       "[{tv_sec=100, tv_nsec=2000000000}, {tv_sec=-1, tv_nsec=0} "
	       "/* 1969-12-31T23:59:59+0000 */]",
	       "invalid nanoseconds: no date");
}

static void test_more_structs(void)
{
	struct capbuf b;
	const struct vt_capture *caps[6] = { 0 };
	uint64_t args[6] = { 0x1000, 0x2000 };
	uint64_t sf[15] = { 0x9fa0, 4096, 0, 0, 0, 0, 0, 0x15, 255, 4096, 0x20 | 0x1000 };
	uint64_t mask = 3, ss[3] = { 0x55bac73922a0, 0, 65536 };
	uint32_t gids[2] = { 5, 7 };

	/*
	 * strace -o sf.txt ./sf: statfs("/proc", {f_type=PROC_SUPER_MAGIC, f_bsize=4096, ...,
	 * f_fsid={val=[0x15, 0]}, f_namelen=255, f_frsize=4096, f_flags=ST_VALID|ST_RELATIME})
	 */
	caps[1] = mkcap(&b, 1, VT_CK_STRUCT_OUT, sf, 120);
	is_str(argx(VT_AT_STATFS, 1, args, 0, 1, caps, 0),
	       "{f_type=PROC_SUPER_MAGIC, f_bsize=4096, f_blocks=0, f_bfree=0, f_bavail=0, "
	       "f_files=0, f_ffree=0, f_fsid={val=[0x15, 0]}, f_namelen=255, f_frsize=4096, "
	       "f_flags=ST_VALID|ST_RELATIME}",
	       "statfs");
	/* ... a read-only tmpfs: f_flags=ST_VALID|ST_RDONLY|ST_NOSUID|...|ST_NODIRATIME; mqueue's magic */
	sf[0] = 0x19800202;
	sf[10] = 0x20 | 1 | 2 | 4 | 8 | 0x10 | 0x400 | 0x800;
	caps[1] = mkcap(&b, 1, VT_CK_STRUCT_OUT, sf, 120);
	is_str(argx(VT_AT_STATFS, 1, args, 0, 1, caps, 0),
	       "{f_type=0x19800202, f_bsize=4096, f_blocks=0, f_bfree=0, f_bavail=0, f_files=0, "
	       "f_ffree=0, f_fsid={val=[0x15, 0]}, f_namelen=255, f_frsize=4096, "
	       "f_flags=ST_VALID|ST_RDONLY|ST_NOSUID|ST_NODEV|ST_NOEXEC|ST_SYNCHRONOUS|ST_NOATIME|"
	       "ST_NODIRATIME}",
	       "statfs flags, unnamed magic");
	/* ... sched_getaffinity(0, 128, [0 1]) = 32 */
	args[0] = 0;
	args[1] = 128;
	args[2] = 0x3000;
	caps[2] = mkcap(&b, 2, VT_CK_STRUCT_OUT, &mask, 8);
	is_str(argx(VT_AT_CPUSET, 2, args, 8, 1, caps, 0), "[0 1]", "CPU mask");
	is_str(argx(VT_AT_CPUSET, 2, args, 32, 1, caps, 0), "0x3000",
	       "mask longer than captured: the address");
	/* ... sigaltstack({ss_sp=0x55bac73922a0, ss_flags=0, ss_size=65536}, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) */
	args[0] = 0x1000;
	caps[0] = mkcap(&b, 0, VT_CK_STRUCT_IN, ss, 24);
	is_str(argx(VT_AT_STACKIN, 0, args, 0, 1, caps, 0),
	       "{ss_sp=0x55bac73922a0, ss_flags=0, ss_size=65536}", "stack_t");
	memset(ss, 0, sizeof(ss));
	ss[1] = 2;
	caps[0] = mkcap(&b, 0, VT_CK_STRUCT_OUT, ss, 24);
	is_str(argx(VT_AT_STACKOUT, 0, args, 0, 1, caps, 0),
	       "{ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}", "stack_t disabled");
	/* ... setgroups(2, [5, 7]), getgroups(8, [5, 7]) = 2, getgroups(8, []) = 0 */
	args[0] = 2;
	caps[1] = mkcap(&b, 1, VT_CK_STRUCT_IN, gids, 8);
	is_str(argx(VT_AT_GIDSIN, 1, args, 0, 1, caps, 0), "[5, 7]", "setgroups");
	args[0] = 8;
	caps[1] = mkcap(&b, 1, VT_CK_STRUCT_OUT, gids, 8);
	is_str(argx(VT_AT_GIDSOUT, 1, args, 2, 1, caps, 0), "[5, 7]", "getgroups");
	is_str(argx(VT_AT_GIDSOUT, 1, args, 0, 1, caps, 0), "[]", "no groups");
	/* strace -o ls.txt ls -l: statx(..., STATX_ALL, {stx_mask=STATX_ALL|STATX_MNT_ID, ...}) */
	args[3] = 0xfff;
	is_str(argx(VT_AT_STATXMASK, 3, args, 0, 1, NULL, 0), "STATX_ALL", "STATX_ALL");
}

static void test_prctl(void)
{
	uint64_t args[6] = { 23, 32 };

	/* strace -o pr.txt ./pr: prctl(PR_CAPBSET_READ, CAP_MAC_OVERRIDE) = 1 */
	is_str(argx(VT_AT_PRCTLOP, 0, args, 1, 1, NULL, 0), "PR_CAPBSET_READ", "prctl option");
	is_str(argx(VT_AT_PRCTLARG, 1, args, 1, 1, NULL, 0), "CAP_MAC_OVERRIDE", "capability");
	is_str(argx(VT_AT_PRCTLARG, 2, args, 1, 1, NULL, 0), "(not shown)", "one argument only");
	args[1] = 0x29;
	is_str(argx(VT_AT_PRCTLARG, 1, args, 1, 1, NULL, 0), "0x29 /* CAP_??? */", "unknown cap");
	/* ... prctl(PR_SET_NO_NEW_PRIVS, 17, 0x22, 0x33, 0x44) */
	args[0] = 38;
	args[1] = 17;
	args[2] = 0x22;
	is_str(argx(VT_AT_PRCTLARG, 1, args, 0, 1, NULL, 0), "17", "decimal first argument");
	is_str(argx(VT_AT_PRCTLARG, 2, args, 0, 1, NULL, 0), "0x22", "then hex");
	/* ... prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_KILL, 0, 0) */
	args[0] = 47;
	args[1] = 1;
	args[2] = 5;
	is_str(argx(VT_AT_PRCTLARG, 1, args, 0, 1, NULL, 0), "PR_CAP_AMBIENT_IS_SET", "ambient");
	is_str(argx(VT_AT_PRCTLARG, 2, args, 0, 1, NULL, 0), "CAP_KILL", "ambient capability");
	/* ... prctl(PR_SET_DUMPABLE, 0x7 / * SUID_DUMP_??? * /), PR_SET_SECUREBITS */
	args[0] = 4;
	args[1] = 7;
	is_str(argx(VT_AT_PRCTLARG, 1, args, 0, 1, NULL, 0), "0x7 /* SUID_DUMP_??? */", "dumpable");
	args[0] = 28;
	args[1] = 0x11;
	is_str(argx(VT_AT_PRCTLARG, 1, args, 0, 1, NULL, 0), "SECBIT_NOROOT|SECBIT_KEEP_CAPS",
	       "securebits");
	/* ... prctl(0x3e7 / * PR_??? * /, 0x1, 0x2, 0x3, 0x4) */
	args[0] = 999;
	is_str(argx(VT_AT_PRCTLOP, 0, args, 0, 1, NULL, 0), "0x3e7 /* PR_??? */", "unknown option");
	is_str(argx(VT_AT_PRCTLARG, 4, args, 0, 1, NULL, 0), "0", "four hex arguments");
	/* ... prctl(PR_GET_DUMPABLE) = 1 (SUID_DUMP_USER), prctl(PR_GET_SECUREBITS) = 0x10 (...) */
	args[0] = 3;
	is_str(argx(VT_AT_PRCTLARG, 1, args, 1, 1, NULL, 0), "(not shown)", "no arguments");
	is_str(retx(VT_AT_RPRCTL, args, 1, NULL, 0), "1 (SUID_DUMP_USER)", "dumpable result");
	args[0] = 27;
	is_str(retx(VT_AT_RPRCTL, args, 0x10, NULL, 0), "0x10 (SECBIT_KEEP_CAPS)",
	       "securebits result");
	args[0] = 30;
	is_str(retx(VT_AT_RPRCTL, args, 50000, NULL, 0), "50000", "plain result");
}

int main(void)
{
	dstr_init(&s);
	test_table();
	test_strings();
	test_errors();
	test_args();
	test_siginfo();
	test_sigaction();
	test_fcntl();
	test_flag_args();
	test_epoll_poll();
	test_structs();
	test_dirents_cwd();
	test_sockets();
	test_inout();
	test_iov();
	test_msghdr();
	test_ioctl();
	test_clone3();
	test_utimens();
	test_more_structs();
	test_prctl();
	dstr_free(&s);
	return done_testing();
}
