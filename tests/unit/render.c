// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The renderer against strace 6.1: records are built by hand as the BPF side
 * writes them, and the text must equal, byte for byte, the lines strace printed
 * for the same calls.  Each expected line says which strace run showed it.
 * Helper programs: thr.c starts a thread that sleeps 1 ms and writes, reads 0
 * bytes from stdin, forks a child that exits 3, forks one that it SIGKILLs;
 * fl.c makes the flag and string calls quoted below.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "render.h"
#include "tap.h"
#include "util.h"

/* ---- building records ---- */

struct rec {
	uint8_t b[VT_RECORD_MAX];
	size_t len;
};

static uint64_t now = 1000000000;

static struct vt_hdr *hdr(struct rec *r, uint16_t type, uint32_t tid, uint32_t tgid, int nr,
			  size_t fixed)
{
	struct vt_hdr *h = (void *)r->b;

	memset(r->b, 0, sizeof(r->b));
	h->ts = now;
	h->tid = tid;
	h->tgid = tgid;
	h->type = type;
	h->nr = nr < 0 ? VT_NR_NONE : nr;
	r->len = fixed;
	h->size = fixed;
	return h;
}

static void cap(struct rec *r, int arg, int kind, int flags, const void *data, size_t len)
{
	struct vt_capture *c = (void *)(r->b + r->len);

	c->arg = arg;
	c->kind = kind;
	c->flags = flags;
	c->len = len;
	if (len)
		memcpy(c + 1, data, len);
	r->len += sizeof(*c) + VT_ALIGN(len, 8);
	((struct vt_hdr *)r->b)->size = r->len;
}

static void capstr(struct rec *r, int arg, int kind, const char *s)
{
	cap(r, arg, kind, VT_CAP_STR, s, strlen(s));
}

static struct rec *enter(struct rec *r, uint32_t tid, int nr, uint64_t a0, uint64_t a1,
			 uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	struct vt_enter *e = (void *)hdr(r, VT_ENTER, tid, tid, nr, sizeof(*e));

	e->args[0] = a0;
	e->args[1] = a1;
	e->args[2] = a2;
	e->args[3] = a3;
	e->args[4] = a4;
	e->args[5] = a5;
	return r;
}

static struct rec *exitr(struct rec *r, uint32_t tid, int nr, int64_t ret)
{
	struct vt_exit *x = (void *)hdr(r, VT_EXIT, tid, tid, nr, sizeof(*x));

	x->ret = ret;
	return r;
}

/* ---- rendering into a string ---- */

struct out {
	struct outbuf ob;
	struct renderer *r;
	int fd;
	char text[65536];
};

static struct render_opts base_opts(void)
{
	struct render_opts o = { 0 };

	o.string_limit = 32;
	o.pid_prefix = RENDER_PID_AUTO;
	return o;
}

static void out_open(struct out *o, const struct render_opts *ro)
{
	o->fd = memfd_create("render", 0);
	if (o->fd < 0)
		abort();
	outbuf_init(&o->ob, o->fd, 0);
	o->r = render_new(ro, &o->ob);
}

static void put(struct out *o, struct rec *r)
{
	render_record(o->r, (const struct vt_hdr *)r->b);
}

/* Everything rendered since the last call. */
static const char *take(struct out *o)
{
	ssize_t n;

	outbuf_flush(&o->ob);
	n = pread(o->fd, o->text, sizeof(o->text) - 1, 0);
	if (n < 0)
		n = 0;
	o->text[n] = '\0';
	if (ftruncate(o->fd, 0))
		abort();
	lseek(o->fd, 0, SEEK_SET);
	return o->text;
}

static void out_close(struct out *o)
{
	render_finish(o->r);
	render_free(o->r);
	outbuf_fini(&o->ob);
	close(o->fd);
}

/* One complete call (entry then exit) rendered on its own. */
static const char *one_call(struct out *o, struct rec *en, struct rec *ex)
{
	put(o, en);
	now += 1000;
	put(o, ex);
	now += 1000;
	return take(o);
}

static void test_simple_calls(void)
{
	struct render_opts ro = base_opts();
	struct rec en, ex;
	struct out o;
	static const uint8_t elf[32] = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					 3,    0,   '>', 0,   1, 0, 0, 0 };
	uint8_t st[144] = { 0 };
	uint32_t mode = 0100644;
	uint64_t size = 43039;

	out_open(&o, &ro);

	/* strace -o ls.txt ls -la / */
	enter(&en, 100, 257, (uint64_t)-100, 0x1000, 0x80000, 0, 0, 0);
	capstr(&en, 1, VT_CK_PATH, "/etc/ld.so.cache");
	is_str(one_call(&o, &en, exitr(&ex, 100, 257, 3)),
	       "openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3\n", "openat, success");

	enter(&en, 100, 21, 0x1000, 4, 0, 0, 0, 0);
	capstr(&en, 0, VT_CK_PATH, "/etc/ld.so.preload");
	is_str(one_call(&o, &en, exitr(&ex, 100, 21, -2)),
	       "access(\"/etc/ld.so.preload\", R_OK)      = -1 ENOENT (No such file or directory)\n",
	       "access, ENOENT, padded to the result column");

	enter(&en, 100, 0, 3, 0x7ffd0000, 832, 0, 0, 0);
	exitr(&ex, 100, 0, 832);
	cap(&ex, 1, VT_CK_BUF_OUT, VT_CAP_EXIT | VT_CAP_TRUNC, elf, 32);
	is_str(one_call(&o, &en, &ex),
	       "read(3, \"\\177ELF\\2\\1\\1\\0\\0\\0\\0\\0\\0\\0\\0\\0\\3\\0>\\0\\1\\0\\0\\0\\0\\0\\0\\0"
	       "\\0\\0\\0\\0\"..., 832) = 832\n",
	       "read, octal escapes, cut at -s 32");

	memcpy(st + 24, &mode, 4);
	memcpy(st + 48, &size, 8);
	enter(&en, 100, 262, 3, 0x1000, 0x7ffd0000, 0x1000, 0, 0);
	capstr(&en, 1, VT_CK_PATH, "");
	exitr(&ex, 100, 262, 0);
	cap(&ex, 2, VT_CK_STRUCT_OUT, VT_CAP_EXIT, st, sizeof(st));
	is_str(one_call(&o, &en, &ex),
	       "newfstatat(3, \"\", {st_mode=S_IFREG|0644, st_size=43039, ...}, AT_EMPTY_PATH) = 0\n",
	       "newfstatat with struct stat");

	enter(&en, 100, 9, 0, 8192, 3, 0x22, (uint64_t)-1, 0);
	is_str(one_call(&o, &en, exitr(&ex, 100, 9, 0x7f65726a7000)),
	       "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = "
	       "0x7f65726a7000\n",
	       "mmap, flags, hex return");

	enter(&en, 100, 9, 0x7f6572675000, 110592, 5, 0x812, 3, 0x7000);
	is_str(one_call(&o, &en, exitr(&ex, 100, 9, 0x7f6572675000)),
	       "mmap(0x7f6572675000, 110592, PROT_READ|PROT_EXEC, "
	       "MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3, 0x7000) = 0x7f6572675000\n",
	       "mmap, fixed mapping of a file");

	enter(&en, 100, 12, 0, 0, 0, 0, 0, 0);
	is_str(one_call(&o, &en, exitr(&ex, 100, 12, 0x55a308f58000)),
	       "brk(NULL)                               = 0x55a308f58000\n", "brk(NULL)");

	{
		uint64_t rl[2] = { 8192 * 1024, ~0ull };

		enter(&en, 100, 302, 0, 3, 0, 0x7ffd0000, 0, 0);
		exitr(&ex, 100, 302, 0);
		cap(&ex, 3, VT_CK_STRUCT_OUT, VT_CAP_EXIT, rl, sizeof(rl));
		is_str(one_call(&o, &en, &ex),
		       "prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, "
		       "rlim_max=RLIM64_INFINITY}) = 0\n",
		       "prlimit64, NULL input, rlimit output");
	}
	{
		static const uint8_t rnd[8] = { 0xcc, 0xd8, 0x6a, 0x9d, 0xaa, 0x37, 0xef, 0xf7 };

		enter(&en, 100, 318, 0x7ffd0000, 8, 1, 0, 0, 0);
		exitr(&ex, 100, 318, 8);
		cap(&ex, 0, VT_CK_BUF_OUT, VT_CAP_EXIT, rnd, 8);
		is_str(one_call(&o, &en, &ex),
		       "getrandom(\"\\xcc\\xd8\\x6a\\x9d\\xaa\\x37\\xef\\xf7\", 8, GRND_NONBLOCK) = 8\n",
		       "getrandom prints hex");
	}
	{
		uint8_t sx[256] = { 0 };
		uint32_t mask = 0x17ff;
		uint64_t attr = 0x2000, xsize = 4096;
		uint16_t xmode = 040755;

		memcpy(sx, &mask, 4);
		memcpy(sx + 8, &attr, 8);
		memcpy(sx + 28, &xmode, 2);
		memcpy(sx + 40, &xsize, 8);
		enter(&en, 100, 332, (uint64_t)-100, 0x1000, 0x900, 0x25e, 0x7ffd0000, 0);
		capstr(&en, 1, VT_CK_PATH, "/");
		exitr(&ex, 100, 332, 0);
		cap(&ex, 4, VT_CK_STRUCT_OUT, VT_CAP_EXIT, sx, sizeof(sx));
		is_str(one_call(&o, &en, &ex),
		       "statx(AT_FDCWD, \"/\", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW|"
		       "AT_NO_AUTOMOUNT, STATX_MODE|STATX_NLINK|STATX_UID|STATX_GID|STATX_MTIME|"
		       "STATX_SIZE, {stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, "
		       "stx_attributes=STATX_ATTR_MOUNT_ROOT, stx_mode=S_IFDIR|0755, "
		       "stx_size=4096, ...}) = 0\n",
		       "statx");
	}
	{
		uint8_t sun[110] = { 1, 0 };

		memcpy(sun + 2, "/var/run/nscd/socket", 21);
		enter(&en, 100, 41, 1, 0x80801, 0, 0, 0, 0);
		is_str(one_call(&o, &en, exitr(&ex, 100, 41, 3)),
		       "socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0) = 3\n", "socket");
		enter(&en, 100, 42, 3, 0x7ffd0000, 110, 0, 0, 0);
		cap(&en, 1, VT_CK_STRUCT_IN, 0, sun, sizeof(sun));
		is_str(one_call(&o, &en, exitr(&ex, 100, 42, -2)),
		       "connect(3, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110) = -1 "
		       "ENOENT (No such file or directory)\n",
		       "connect, sockaddr_un");
	}
	enter(&en, 100, 202, 0x7f6572660a4c, 129, 2147483647, 0, 0x7f6572660a4c, 0x55);
	is_str(one_call(&o, &en, exitr(&ex, 100, 202, 0)),
	       "futex(0x7f6572660a4c, FUTEX_WAKE_PRIVATE, 2147483647) = 0\n",
	       "futex wake shows three arguments");
	enter(&en, 100, 8, 3, (uint64_t)-60, 1, 0, 0, 0);
	is_str(one_call(&o, &en, exitr(&ex, 100, 8, 54)),
	       "lseek(3, -60, SEEK_CUR)                 = 54\n", "lseek, negative offset");

	enter(&en, 100, 16, 1, 0x5401, 0x7ffeb5902a60, 0, 0, 0);
	is_str(one_call(&o, &en, exitr(&ex, 100, 16, -25)),
	       "ioctl(1, TCGETS, 0x7ffeb5902a60)        = -1 ENOTTY (Inappropriate ioctl for "
	       "device)\n",
	       "ioctl TCGETS, ENOTTY");

	enter(&en, 100, 1, 1, 0x1000, 1489, 0, 0, 0);
	cap(&en, 1, VT_CK_BUF_IN, VT_CAP_TRUNC, "total 88\ndrwxr-xr-x 21 root root", 32);
	is_str(one_call(&o, &en, exitr(&ex, 100, 1, 1489)),
	       "write(1, \"total 88\\ndrwxr-xr-x 21 root root\"..., 1489) = 1489\n",
	       "write, escaped newline, cut");

	/* strace -o fl.txt ./fl */
	enter(&en, 100, 1, 1, 0x1000, 11, 0, 0, 0);
	cap(&en, 1, VT_CK_BUF_IN, 0, "a\"b\\c\td\x01" "2\x7f\xff", 11);
	is_str(one_call(&o, &en, exitr(&ex, 100, 1, 11)),
	       "write(1, \"a\\\"b\\\\c\\td\\0012\\177\\377\", 11) = 11\n",
	       "escapes: quote, backslash, tab, octal before a digit");
	enter(&en, 100, 1, 1, 1, 5, 0, 0, 0);
	cap(&en, 1, VT_CK_BUF_IN, VT_CAP_FAULT, NULL, 0);
	is_str(one_call(&o, &en, exitr(&ex, 100, 1, 5)),
	       "write(1, 0x1, 5)                        = 5\n", "unreadable buffer prints its address");
	enter(&en, 100, 1, 1, 0x1000, 32, 0, 0, 0);
	cap(&en, 1, VT_CK_BUF_IN, 0, "01234567890123456789012345678901", 32);
	is_str(one_call(&o, &en, exitr(&ex, 100, 1, 32)),
	       "write(1, \"01234567890123456789012345678901\", 32) = 32\n",
	       "exactly -s bytes: no ellipsis");
	enter(&en, 100, 257, (uint64_t)-100, 0x1000,
	      01 | 0100 | 0200 | 0400 | 01000 | 02000 | 04000 | 04010000 | 040000 | 0400000 |
		      01000000 | 02000000 | 020000,
	      0600, 0, 0);
	capstr(&en, 1, VT_CK_PATH, "/tmp/oracle/x");
	is_str(one_call(&o, &en, exitr(&ex, 100, 257, 3)),
	       "openat(AT_FDCWD, \"/tmp/oracle/x\", O_WRONLY|O_CREAT|O_EXCL|O_NOCTTY|O_TRUNC|"
	       "O_APPEND|O_NONBLOCK|O_SYNC|O_DIRECT|O_NOFOLLOW|O_NOATIME|O_CLOEXEC|FASYNC, 0600) = 3\n",
	       "open flags in strace's order, mode with O_CREAT");
	enter(&en, 100, 257, (uint64_t)-100, 0x1000, 0x40000042, 04755, 0, 0);
	capstr(&en, 1, VT_CK_PATH, "/tmp/oracle/y");
	is_str(one_call(&o, &en, exitr(&ex, 100, 257, 7)),
	       "openat(AT_FDCWD, \"/tmp/oracle/y\", O_RDWR|O_CREAT|0x40000000, 04755) = 7\n",
	       "unknown open flag bits in hex, setuid mode");
	enter(&en, 100, 257, 5, 0x1000, 0, 0, 0, 0);
	capstr(&en, 1, VT_CK_PATH, "rel");
	is_str(one_call(&o, &en, exitr(&ex, 100, 257, -2)),
	       "openat(5, \"rel\", O_RDONLY)              = -1 ENOENT (No such file or directory)\n",
	       "dirfd number");
	enter(&en, 100, 257, (uint64_t)-100, 1, 0, 0, 0, 0);
	cap(&en, 1, VT_CK_PATH, VT_CAP_FAULT, NULL, 0);
	is_str(one_call(&o, &en, exitr(&ex, 100, 257, -14)),
	       "openat(AT_FDCWD, 0x1, O_RDONLY)         = -1 EFAULT (Bad address)\n",
	       "unreadable path");
	/* strace -o ls.txt ls -la /: the path's page was not in memory at entry */
	enter(&en, 100, 137, 0x1000, 0x7ffeb5902b20, 0, 0, 0, 0);
	cap(&en, 0, VT_CK_PATH, VT_CAP_FAULT, NULL, 0);
	exitr(&ex, 100, 137, -2);
	capstr(&ex, 0, VT_CK_PATH, "/sys/fs/selinux");
	is_str(one_call(&o, &en, &ex),
	       "statfs(\"/sys/fs/selinux\", 0x7ffeb5902b20) = -1 ENOENT (No such file or "
	       "directory)\n",
	       "path read again at exit");
	enter(&en, 100, 21, 0x1000, 0x10, 0, 0, 0, 0);
	capstr(&en, 0, VT_CK_PATH, "/");
	is_str(one_call(&o, &en, exitr(&ex, 100, 21, -22)),
	       "access(\"/\", 0x10 /* ?_OK */)            = -1 EINVAL (Invalid argument)\n",
	       "unknown flags");
	enter(&en, 100, 28, 0, 0, 99, 0, 0, 0);
	is_str(one_call(&o, &en, exitr(&ex, 100, 28, -22)),
	       "madvise(NULL, 0, 0x63 /* MADV_??? */)   = -1 EINVAL (Invalid argument)\n",
	       "unknown constant");
	enter(&en, 100, 72, 0, 999, 5, 0, 0, 0);
	is_str(one_call(&o, &en, exitr(&ex, 100, 72, -22)),
	       "fcntl(0, 0x3e7 /* F_??? */, 0x5)        = -1 EINVAL (Invalid argument)\n",
	       "unknown fcntl command");
	enter(&en, 100, 72, 0, 4, 0x802, 0, 0, 0);
	is_str(one_call(&o, &en, exitr(&ex, 100, 72, 0)),
	       "fcntl(0, F_SETFL, O_RDWR|O_NONBLOCK)    = 0\n", "fcntl F_SETFL");
	{
		int32_t fds[2] = { 12, 13 };

		enter(&en, 100, 293, 0x7ffd0000, 04000 | 02000000, 0, 0, 0, 0);
		exitr(&ex, 100, 293, 0);
		cap(&ex, 0, VT_CK_STRUCT_OUT, VT_CAP_EXIT, fds, 8);
		is_str(one_call(&o, &en, &ex),
		       "pipe2([12, 13], O_NONBLOCK|O_CLOEXEC)   = 0\n", "pipe2");
	}
	{
		int64_t ts[2] = { 803, 729847186 };

		enter(&en, 100, 228, 1, 0x7ffd0000, 0, 0, 0, 0);
		exitr(&ex, 100, 228, 0);
		cap(&ex, 1, VT_CK_STRUCT_OUT, VT_CAP_EXIT, ts, 16);
		is_str(one_call(&o, &en, &ex),
		       "clock_gettime(CLOCK_MONOTONIC, {tv_sec=803, tv_nsec=729847186}) = 0\n",
		       "clock_gettime");
		enter(&en, 100, 228, 99, 0x7ffeb0c573d0, 0, 0, 0, 0);
		is_str(one_call(&o, &en, exitr(&ex, 100, 228, -22)),
		       "clock_gettime(0x63 /* CLOCK_??? */, 0x7ffeb0c573d0) = -1 EINVAL (Invalid "
		       "argument)\n",
		       "failed call: output pointer as an address");
	}
	enter(&en, 100, 95, 022, 0, 0, 0, 0, 0);
	is_str(one_call(&o, &en, exitr(&ex, 100, 95, 022)),
	       "umask(022)                              = 022\n", "umask: octal argument and result");
	enter(&en, 100, 263, (uint64_t)-100, 0x1000, 0x200, 0, 0, 0);
	capstr(&en, 1, VT_CK_PATH, "/tmp/oracle/d");
	is_str(one_call(&o, &en, exitr(&ex, 100, 263, 0)),
	       "unlinkat(AT_FDCWD, \"/tmp/oracle/d\", AT_REMOVEDIR) = 0\n", "unlinkat");

	/* strace -o rs.txt ./rs: read interrupted by SIGALRM; a syscall number nobody has */
	enter(&en, 100, 0, 3, 0x7ffc96fba58e, 10, 0, 0, 0);
	is_str(one_call(&o, &en, exitr(&ex, 100, 0, -512)),
	       "read(3, 0x7ffc96fba58e, 10)             = ? ERESTARTSYS (To be restarted if "
	       "SA_RESTART is set)\n",
	       "ERESTARTSYS");
	enter(&en, 100, 500, 1, 2, 3, 4, 5, 6);
	is_str(one_call(&o, &en, exitr(&ex, 100, 500, -38)),
	       "syscall_0x1f4(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -1 ENOSYS (Function not "
	       "implemented)\n",
	       "unknown syscall number");
	enter(&en, 100, 231, 7, 0, 0, 0, 0, 0);
	put(&o, &en);
	{
		struct vt_thread_exit *x = (void *)hdr(&ex, VT_THREAD_EXIT, 100, 100, -1,
						       sizeof(*x));

		x->code = 7 << 8;
		x->flags = VT_THREAD_GROUP_DEAD;
		put(&o, &ex);
	}
	is_str(take(&o), "exit_group(7)                           = ?\n+++ exited with 7 +++\n",
	       "exit_group and the exit line");
	out_close(&o);
}

static struct rec *thread_exit(struct rec *r, uint32_t tid, uint32_t tgid, int code)
{
	struct vt_thread_exit *x = (void *)hdr(r, VT_THREAD_EXIT, tid, tgid, -1, sizeof(*x));

	x->code = code;
	return r;
}

static struct rec *fork_rec(struct rec *r, uint32_t tid, uint32_t child, uint32_t child_tgid)
{
	struct vt_fork *f = (void *)hdr(r, VT_FORK, tid, tid, -1, sizeof(*f));

	f->child_tid = child;
	f->child_tgid = child_tgid;
	f->flags = child_tgid == tid ? VT_FORK_THREAD : 0;
	return r;
}

/*
 * The interleaving of strace -f -o thr.txt ./thr, records in the order strace
 * saw the events.  pid_prefix chooses between -o FILE ("4908  ") and stderr
 * ("[pid  4908] ").
 */
static void run_threads(struct out *o, struct rec *r)
{
	uint8_t empty[8] = { 0 };

	put(o, fork_rec(r, 4908, 4909, 4908));
	put(o, enter(r, 4909, 334, 0x7fcbeaf87fe0, 0x20, 0, 0x53053053, 0, 0));
	enter(r, 4908, 14, 2, 0x7ffd0000, 0, 8, 0, 0);
	cap(r, 1, VT_CK_STRUCT_IN, 0, empty, 8);
	put(o, r);
	put(o, exitr(r, 4909, 334, 0));
	put(o, exitr(r, 4908, 14, 0));
	put(o, enter(r, 4909, 273, 0x7fcbeaf879a0, 24, 0, 0, 0, 0));
	put(o, enter(r, 4908, 0, 0, 0x7ffd0000, 0, 0, 0, 0));
	put(o, exitr(r, 4909, 273, 0));
	exitr(r, 4908, 0, 0);
	cap(r, 1, VT_CK_BUF_OUT, VT_CAP_EXIT, NULL, 0);
	put(o, r);
	put(o, enter(r, 4909, 60, 0, 0, 0, 0, 0, 0));
	put(o, thread_exit(r, 4909, 4908, 0));
}

static void test_threads(void)
{
	static const char *want_file =
		"4909  rseq(0x7fcbeaf87fe0, 0x20, 0, 0x53053053 <unfinished ...>\n"
		"4908  rt_sigprocmask(SIG_SETMASK, [],  <unfinished ...>\n"
		"4909  <... rseq resumed>)               = 0\n"
		"4908  <... rt_sigprocmask resumed>NULL, 8) = 0\n"
		"4909  set_robust_list(0x7fcbeaf879a0, 24 <unfinished ...>\n"
		"4908  read(0,  <unfinished ...>\n"
		"4909  <... set_robust_list resumed>)    = 0\n"
		"4908  <... read resumed>\"\", 0)          = 0\n"
		"4909  exit(0)                           = ?\n"
		"4909  +++ exited with 0 +++\n";
	/* the same run with strace -f ./thr (output on stderr): the prefix rule changes */
	static const char *want_stderr =
		"[pid  4909] rseq(0x7fcbeaf87fe0, 0x20, 0, 0x53053053 <unfinished ...>\n"
		"[pid  4908] rt_sigprocmask(SIG_SETMASK, [],  <unfinished ...>\n"
		"[pid  4909] <... rseq resumed>)         = 0\n"
		"[pid  4908] <... rt_sigprocmask resumed>NULL, 8) = 0\n"
		"[pid  4909] set_robust_list(0x7fcbeaf879a0, 24 <unfinished ...>\n"
		"[pid  4908] read(0,  <unfinished ...>\n"
		"[pid  4909] <... set_robust_list resumed>) = 0\n"
		"[pid  4908] <... read resumed>\"\", 0)    = 0\n"
		"[pid  4909] exit(0)                     = ?\n"
		"[pid  4909] +++ exited with 0 +++\n";
	struct render_opts ro = base_opts();
	struct rec r;
	struct out o;

	ro.pid_prefix = RENDER_PID_ALWAYS;
	out_open(&o, &ro);
	run_threads(&o, &r);
	is_str(take(&o), want_file, "unfinished/resumed, -f -o FILE prefixes");

	/* strace -f -o thr.txt ./thr: a child killed inside a call, then the leader exits */
	put(&o, fork_rec(&r, 4908, 4911, 4911));
	put(&o, enter(&r, 4911, 273, 0x7fcbeaf88a20, 24, 0, 0, 0, 0));
	put(&o, enter(&r, 4908, 62, 4911, 9, 0, 0, 0, 0));
	put(&o, thread_exit(&r, 4911, 4911, 9));
	is_str(take(&o),
	       "4911  set_robust_list(0x7fcbeaf88a20, 24 <unfinished ...>\n"
	       "4908  kill(4911, SIGKILL <unfinished ...>\n"
	       "4911  <... set_robust_list resumed>)    = ? <unavailable>\n"
	       "4911  +++ killed by SIGKILL +++\n",
	       "killed inside a call");
	put(&o, exitr(&r, 4908, 62, 0));
	{
		uint32_t status = 9;

		put(&o, enter(&r, 4908, 61, 4911, 0x7ffd0000, 0, 0, 0, 0));
		put(&o, fork_rec(&r, 4908, 4912, 4912));
		/* the child's own return from clone: strace prints nothing for it */
		put(&o, exitr(&r, 4912, 56, 0));
		put(&o, enter(&r, 4912, 231, 3, 0, 0, 0, 0, 0));
		put(&o, thread_exit(&r, 4912, 4912, 3 << 8));
		exitr(&r, 4908, 61, 4911);
		cap(&r, 1, VT_CK_STRUCT_OUT, VT_CAP_EXIT, &status, 4);
		put(&o, &r);
	}
	is_str(take(&o),
	       "4908  <... kill resumed>)               = 0\n"
	       "4908  wait4(4911,  <unfinished ...>\n"
	       "4912  exit_group(3)                     = ?\n"
	       "4912  +++ exited with 3 +++\n"
	       "4908  <... wait4 resumed>[{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], 0, NULL) = "
	       "4911\n",
	       "wait4 status, exit_group in another process");
	out_close(&o);

	ro.pid_prefix = RENDER_PID_AUTO;
	out_open(&o, &ro);
	run_threads(&o, &r);
	is_str(take(&o), want_stderr, "unfinished/resumed, stderr [pid N] prefixes");
	/* strace -f ./thr: once only one task is left, strace drops the prefix */
	put(&o, enter(&r, 4908, 231, 0, 0, 0, 0, 0, 0));
	put(&o, thread_exit(&r, 4908, 4908, 0));
	is_str(take(&o), "exit_group(0)                           = ?\n+++ exited with 0 +++\n",
	       "no prefix with one task left");
	out_close(&o);
}

/*
 * A path not paged in at entry is read again at exit: when another thread's line
 * comes between, the unfinished line waits for the exit and shows the path, as
 * strace shows it (issue 13: "openat(AT_FDCWD, 0x7f0e..., O_RDONLY|O_CLOEXEC
 * <unfinished ...>" in 1 run of 13 under load).
 */
static void run_refetch(struct out *o, struct rec *r, uint64_t gap)
{
	put(o, fork_rec(r, 4908, 4909, 4908));
	enter(r, 4909, 257, (uint64_t)-100, 0x7f0e0000, 0, 0, 0, 0);
	cap(r, 1, VT_CK_PATH, VT_CAP_FAULT, NULL, 0);
	put(o, r);
	now += 1000;
	put(o, enter(r, 4908, 39, 0, 0, 0, 0, 0, 0));
	put(o, exitr(r, 4908, 39, 4908));
	now += gap;
	exitr(r, 4909, 257, 3);
	cap(r, 1, VT_CK_PATH, VT_CAP_STR | VT_CAP_EXIT, "/etc/passwd", 11);
	put(o, r);
}

static void test_refetch(void)
{
	struct render_opts ro = base_opts();
	struct rec r;
	struct out o;

	ro.pid_prefix = RENDER_PID_ALWAYS;
	out_open(&o, &ro);
	run_refetch(&o, &r, 1000);
	is_str(take(&o),
	       "4909  openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY <unfinished ...>\n"
	       "4908  getpid()                          = 4908\n"
	       "4909  <... openat resumed>)             = 3\n",
	       "a path read again at exit shows in the unfinished line");
	/* the task table grows while the line waits: it waits all the same */
	put(&o, fork_rec(&r, 4908, 4909, 4908));
	enter(&r, 4909, 257, (uint64_t)-100, 0x7f0e0000, 0, 0, 0, 0);
	cap(&r, 1, VT_CK_PATH, VT_CAP_FAULT, NULL, 0);
	put(&o, &r);
	for (uint32_t tid = 5000; tid < 5100; tid++) {
		put(&o, enter(&r, tid, 39, 0, 0, 0, 0, 0, 0));
		put(&o, exitr(&r, tid, 39, tid));
	}
	exitr(&r, 4909, 257, 3);
	cap(&r, 1, VT_CK_PATH, VT_CAP_STR | VT_CAP_EXIT, "/etc/passwd", 11);
	put(&o, &r);
	is_int(strncmp(take(&o), "4909  openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY <unfinished ...>\n", 64),
	       0, "100 threads more while it waits: the line still shows the path");
	run_refetch(&o, &r, 100 * 1000 * 1000);
	is_str(take(&o),
	       "4909  openat(AT_FDCWD, 0x7f0e0000, O_RDONLY <unfinished ...>\n"
	       "4908  getpid()                          = 4908\n"
	       "4909  <... openat resumed>)             = 3\n",
	       "an exit 100 ms later: the wait is over, the address");
	out_close(&o);
}

static void test_killed(void)
{
	struct render_opts ro = base_opts();
	struct rec r;
	struct out o;

	out_open(&o, &ro);
	/* strace -f -o thr2.txt ./thr x: the child calls abort() */
	put(&o, thread_exit(&r, 4917, 4917, 6));
	is_str(take(&o), "+++ killed by SIGABRT +++\n", "killed by a signal");
	put(&o, thread_exit(&r, 4917, 4917, 6 | 0x80));
	is_str(take(&o), "+++ killed by SIGABRT (core dumped) +++\n", "core dumped");
	out_close(&o);
}

static void test_timestamps(void)
{
	struct render_opts ro = base_opts();
	struct rec en, ex;
	struct out o;
	/* 16:43:32.102826 UTC, the wall clock of the -tt run below */
	uint64_t wall0 = 1795797812ull * 1000000000ull + 102826000ull;

	setenv("TZ", "UTC", 1);
	tzset();

	/* strace -r -o t4.txt true */
	ro.relative = 1;
	out_open(&o, &ro);
	now = 5000000000ull;
	put(&o, enter(&en, 200, 12, 0, 0, 0, 0, 0, 0));
	now += 2000;
	put(&o, exitr(&ex, 200, 12, 0x56342d8da000));
	now += 238000;
	put(&o, enter(&en, 200, 231, 0, 0, 0, 0, 0, 0));
	now += 117000;
	put(&o, thread_exit(&ex, 200, 200, 0));
	is_str(take(&o),
	       "     0.000000 brk(NULL)                 = 0x56342d8da000\n"
	       "     0.000240 exit_group(0)             = ?\n"
	       "     0.000117 +++ exited with 0 +++\n",
	       "-r: time since the previous line");
	out_close(&o);

	/* strace -tt -o t2.txt true; strace -ttt -o t3.txt true; strace -t -T -o t1.txt true */
	ro = base_opts();
	ro.tstamp = 2;
	ro.realtime_at_mono0 = wall0 - 5000000000ull;
	out_open(&o, &ro);
	now = 5000000000ull + 346000;
	put(&o, enter(&en, 200, 12, 0, 0, 0, 0, 0, 0));
	now += 8000;
	put(&o, exitr(&ex, 200, 12, 0x555c371bf000));
	is_str(take(&o), "16:43:32.103172 brk(NULL)               = 0x555c371bf000\n", "-tt");
	out_close(&o);

	ro.tstamp = 3;
	out_open(&o, &ro);
	now = 5000000000ull + 7000000;
	put(&o, enter(&en, 200, 12, 0, 0, 0, 0, 0, 0));
	put(&o, exitr(&ex, 200, 12, 0x560e8a86a000));
	is_str(take(&o), "1795797812.109826 brk(NULL)             = 0x560e8a86a000\n", "-ttt");
	out_close(&o);

	ro.tstamp = 1;
	ro.syscall_time = 1;
	out_open(&o, &ro);
	now = 5000000000ull;
	put(&o, enter(&en, 200, 12, 0, 0, 0, 0, 0, 0));
	now += 8000;
	put(&o, exitr(&ex, 200, 12, 0x558d8de60000));
	is_str(take(&o), "16:43:32 brk(NULL)                      = 0x558d8de60000 <0.000008>\n",
	       "-t -T");
	out_close(&o);

	/* strace -r -T -tt -o t5.txt true */
	ro.tstamp = 2;
	ro.relative = 1;
	ro.syscall_time = 1;
	ro.realtime_at_mono0 = 1795797812ull * 1000000000ull + 124007000ull - 5000000000ull;
	out_open(&o, &ro);
	now = 5000000000ull;
	put(&o, enter(&en, 200, 59, 0x1000, 0x2000, 0x3000, 0, 0, 0));
	now += 209000;
	put(&o, exitr(&ex, 200, 59, 0));
	now = 5000000000ull + 354000;
	put(&o, enter(&en, 200, 12, 0, 0, 0, 0, 0, 0));
	now += 32000;
	put(&o, exitr(&ex, 200, 12, 0x5650c2f26000));
	{
		const char *t = take(&o);
		const char *nl = strchr(t, '\n');

		is_str(nl ? nl + 1 : t,
		       "16:43:32.124361 (+     0.000354) brk(NULL) = 0x5650c2f26000 <0.000032>\n",
		       "-tt -r -T together");
	}
	out_close(&o);
}

/* A line of JSON is an object whose strings and brackets balance. */
static int json_valid(const char *s)
{
	int depth = 0, instr = 0;

	if (*s != '{')
		return 0;
	for (; *s && *s != '\n'; s++) {
		if (instr) {
			if (*s == '\\')
				s++;
			else if (*s == '"')
				instr = 0;
			else if ((unsigned char)*s < 0x20)
				return 0;
			continue;
		}
		if (*s == '"')
			instr = 1;
		else if (*s == '{' || *s == '[')
			depth++;
		else if (*s == '}' || *s == ']')
			depth--;
		if (depth < 0)
			return 0;
	}
	return depth == 0 && !instr;
}

static void test_json(void)
{
	struct render_opts ro = base_opts();
	struct rec en, ex;
	struct out o;
	const char *t;

	ro.format = RENDER_JSON;
	ro.realtime_at_mono0 = 1795797812ull * 1000000000ull;
	out_open(&o, &ro);
	now = 1000;
	enter(&en, 300, 257, (uint64_t)-100, 0x1000, 0x80000, 0, 0, 0);
	capstr(&en, 1, VT_CK_PATH, "/etc/\"quoted\"\n");
	put(&o, &en);
	now = 3500;
	put(&o, exitr(&ex, 300, 257, -2));
	t = take(&o);
	ok(json_valid(t), "JSON line is balanced: %s", t);
	ok(strstr(t, "\"name\":\"openat\"") != NULL, "name");
	ok(strstr(t, "\"errno\":\"ENOENT\"") != NULL, "errno name");
	ok(strstr(t, "\"ret\":-2") != NULL, "raw return value");
	ok(strstr(t, "\"dur_ns\":2500") != NULL, "duration");
	ok(strstr(t, "\"data\":\"/etc/\\\"quoted\\\"\\n\"") != NULL, "path escaped for JSON");
	ok(strstr(t, "\"time\":\"2026-11-27T") != NULL, "wall-clock time");
	ok(strstr(t, "\"text\":\"O_RDONLY|O_CLOEXEC\"") != NULL, "flags decoded");
	ok(strstr(t, "\"type\":\"DIRFD\",\"raw\":\"0xffffffffffffff9c\",\"value\":-100") != NULL,
	   "dirfd as a number");
	put(&o, thread_exit(&ex, 300, 300, 9));
	t = take(&o);
	ok(json_valid(t) && strstr(t, "\"type\":\"exit\"") && strstr(t, "\"signal\":\"SIGKILL\""),
	   "exit event: %s", t);
	out_close(&o);
}

/*
 * Values printed with another argument's data or in the result: strace -o
 * fam.txt families (tests/integration/families.c), without -f.
 */
static void test_sibling_and_result(void)
{
	struct render_opts ro = base_opts();
	struct rec en, ex;
	struct out o;
	uint8_t sin[16] = { 2, 0, 0xa0, 0xc3, 127, 0, 0, 1 };
	uint32_t l16 = 16, zero = 0;
	int32_t pf[4] = { 3, 1 | (1 << 16), 4, 4 | (4 << 16) };

	out_open(&o, &ro);
	enter(&en, 100, 72, 3, 3, 0, 0, 0, 0);
	is_str(one_call(&o, &en, exitr(&ex, 100, 72, 0x800)),
	       "fcntl(3, F_GETFL)                       = 0x800 (flags O_RDONLY|O_NONBLOCK)\n",
	       "fcntl(F_GETFL): no third argument, the flags in the result");

	enter(&en, 100, 51, 3, 0x7ffd1000, 0x7ffd0ff0, 0, 0, 0);
	exitr(&ex, 100, 51, 0);
	cap(&ex, 1, VT_CK_STRUCT_OUT, VT_CAP_EXIT, sin, sizeof(sin));
	cap(&ex, 2, VT_CK_STRUCT_OUT, VT_CAP_EXIT, &l16, 4);
	is_str(one_call(&o, &en, &ex),
	       "getsockname(3, {sa_family=AF_INET, sin_port=htons(41155), "
	       "sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 0\n",
	       "getsockname: the address as long as the length written");

	enter(&en, 100, 7, 0x7ffd1000, 2, 100, 0, 0, 0);
	exitr(&ex, 100, 7, 2);
	cap(&ex, 0, VT_CK_STRUCT_OUT, VT_CAP_EXIT, pf, sizeof(pf));
	is_str(one_call(&o, &en, &ex),
	       "poll([{fd=3, events=POLLIN}, {fd=4, events=POLLOUT}], 2, 100) = 2 "
	       "([{fd=3, revents=POLLIN}, {fd=4, revents=POLLOUT}])\n",
	       "poll: the array, and the ready descriptors in the result");

	/* an argument printed with the others but read at exit: ioctl's int */
	enter(&en, 100, 16, 3, 0x541b, 0x7ffd1000, 0, 0, 0);
	exitr(&ex, 100, 16, 0);
	cap(&ex, 2, VT_CK_STRUCT_OUT, VT_CAP_EXIT, &zero, 4);
	is_str(one_call(&o, &en, &ex), "ioctl(3, FIONREAD, [0])                 = 0\n",
	       "ioctl(FIONREAD)");
	out_close(&o);
}

/*
 * Value-result arguments and iovec arrays, from an entry and an exit record:
 * strace -e trace=accept4,readv,sendfile of test programs that make the calls.
 */
static void test_value_result(void)
{
	struct render_opts ro = base_opts();
	struct rec en, ex;
	struct out o;
	uint8_t sin[16] = { 2, 0, 0xb2, 0x8a, 127, 0, 0, 1 };
	uint32_t l128 = 128, l16 = 16;
	uint64_t o0 = 0, o100 = 100;
	struct {
		struct vt_iov v;
		struct vt_iov_elem e[3];
	} iov = { { 3, 0 },
		  { { 0x7ffcca18809e, 2, 0, 0, 0 },
		    { 0x7ffcca188096, 8, 0, 0, 0 },
		    { 0x7ffcca188060, 40, 0, 0, 0 } } };

	out_open(&o, &ro);
	enter(&en, 100, 288, 5, 0x7ffc1000, 0x7ffc0ffc, 0, 0, 0);
	cap(&en, 2, VT_CK_STRUCT_INOUT, 0, &l128, 4);
	exitr(&ex, 100, 288, 7);
	cap(&ex, 1, VT_CK_STRUCT_OUT, VT_CAP_EXIT, sin, sizeof(sin));
	cap(&ex, 2, VT_CK_STRUCT_INOUT, VT_CAP_EXIT, &l16, 4);
	is_str(one_call(&o, &en, &ex),
	       "accept4(5, {sa_family=AF_INET, sin_port=htons(45706), "
	       "sin_addr=inet_addr(\"127.0.0.1\")}, [128 => 16], 0) = 7\n",
	       "accept4: the length before and after");

	enter(&en, 100, 40, 4, 3, 0x7ffc2000, 100, 0, 0);
	cap(&en, 2, VT_CK_STRUCT_INOUT, 0, &o0, 8);
	exitr(&ex, 100, 40, 100);
	cap(&ex, 2, VT_CK_STRUCT_INOUT, VT_CAP_EXIT, &o100, 8);
	is_str(one_call(&o, &en, &ex), "sendfile(4, 3, [0] => [100], 100)       = 100\n",
	       "sendfile: the offset before and after");

	enter(&en, 100, 19, 99, 0x7ffc3000, 3, 0, 0, 0);
	exitr(&ex, 100, 19, -9);
	cap(&ex, 1, VT_CK_IOV_OUT, VT_CAP_EXIT, &iov, sizeof(iov));
	is_str(one_call(&o, &en, &ex),
	       "readv(99, [{iov_base=0x7ffcca18809e, iov_len=2}, {iov_base=0x7ffcca188096, "
	       "iov_len=8}, {iov_base=0x7ffcca188060, iov_len=40}], 3) = -1 EBADF (Bad file "
	       "descriptor)\n",
	       "failed readv: the elements, read at exit");

	/*
	 * strace -f of a sendfile into a full pipe that another thread drains: the
	 * offset as it went in ends the first part, what the call made of it starts
	 * the resumed one.
	 */
	put(&o, fork_rec(&en, 11734, 11735, 11734));
	enter(&en, 11734, 40, 5, 3, 0x7ffc2000, 100, 0, 0);
	cap(&en, 2, VT_CK_STRUCT_INOUT, 0, &o0, 8);
	put(&o, &en);
	put(&o, enter(&en, 11735, 110, 0, 0, 0, 0, 0, 0));
	put(&o, exitr(&ex, 11735, 110, 11729));
	exitr(&ex, 11734, 40, 100);
	cap(&ex, 2, VT_CK_STRUCT_INOUT, VT_CAP_EXIT, &o100, 8);
	put(&o, &ex);
	is_str(take(&o),
	       "[pid 11734] sendfile(5, 3, [0] <unfinished ...>\n"
	       "[pid 11735] getppid()                   = 11729\n"
	       "[pid 11734] <... sendfile resumed> => [100], 100) = 100\n",
	       "sendfile cut short by another thread");
	out_close(&o);
}

int main(void)
{
	test_simple_calls();
	test_threads();
	test_killed();
	test_refetch();
	test_timestamps();
	test_json();
	test_sibling_and_result();
	test_value_result();
	return done_testing();
}
