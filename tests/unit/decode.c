// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Decoding tables and printers against strace 6.1's output, and the syscall
 * table against the kernel's numbering.  Expected strings were printed by strace
 * for the calls named next to them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

int main(void)
{
	dstr_init(&s);
	test_table();
	test_strings();
	test_errors();
	test_args();
	test_siginfo();
	dstr_free(&s);
	return done_testing();
}
