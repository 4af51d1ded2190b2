// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * At least one call of every family vltrace decodes, for fidelity.sh to trace
 * with strace and with vltrace and compare line by line.  Runs in the current
 * directory (relative paths, so two runs print the same arguments) and writes
 * nothing to stdout.  Calls whose wrapper the C library may route elsewhere
 * (the vDSO clocks, fstat through newfstatat or statx) are made with syscall(2)
 * so both tracers see the same call whatever the library version.  Exits 0, or
 * the number of the step that went wrong.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

#define CHECK(step, cond)                                                                  \
	do {                                                                               \
		if (!(cond))                                                               \
			_exit(step);                                                       \
	} while (0)

static void files(void)
{
	struct stat st;
	struct statx stx;
	char buf[64];
	int fd;

	fd = openat(AT_FDCWD, "fam.txt", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	CHECK(10, fd >= 0);
	CHECK(11, write(fd, "families of calls\n", 18) == 18);
	CHECK(12, pwrite(fd, "F", 1, 0) == 1);
	CHECK(13, lseek(fd, 0, SEEK_END) == 18);
	CHECK(14, ftruncate(fd, 10) == 0);
	close(fd);
	fd = open("fam.txt", O_RDONLY);
	CHECK(15, fd >= 0);
	CHECK(16, read(fd, buf, sizeof(buf)) == 10);
	CHECK(17, pread(fd, buf, 4, 2) == 4);
	CHECK(18, syscall(SYS_fstat, fd, &st) == 0);
	close(fd);
	CHECK(19, syscall(SYS_stat, "fam.txt", &st) == 0);
	CHECK(20, syscall(SYS_lstat, "fam.txt", &st) == 0);
	CHECK(21, syscall(SYS_newfstatat, AT_FDCWD, "fam.txt", &st, AT_SYMLINK_NOFOLLOW) == 0);
	CHECK(22, statx(AT_FDCWD, "fam.txt", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, &stx) == 0);
	CHECK(23, syscall(SYS_faccessat2, AT_FDCWD, "fam.txt", R_OK | W_OK, AT_EACCESS) == 0);
	CHECK(24, access("no-such-file", F_OK) == -1);
	CHECK(25, mkdir("fam.d", 0755) == 0);
	CHECK(26, symlink("fam.txt", "fam.lnk") == 0);
	CHECK(27, readlink("fam.lnk", buf, sizeof(buf)) == 7);
	CHECK(28, rename("fam.lnk", "fam.d/lnk") == 0);
	CHECK(29, chmod("fam.txt", 0600) == 0);
	CHECK(30, truncate("fam.txt", 4) == 0);
	CHECK(31, unlink("fam.d/lnk") == 0);
	CHECK(32, rmdir("fam.d") == 0);
	CHECK(33, getcwd(buf, sizeof(buf)) != NULL);
	CHECK(34, umask(022) == 022);
}

static void directories(void)
{
	char buf[4096];
	int fd = open(".", O_RDONLY | O_DIRECTORY);
	long n;

	CHECK(40, fd >= 0);
	do {
		n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
	} while (n > 0);
	CHECK(41, n == 0);
	close(fd);
}

/* Scatter-gather reads and writes at an offset, and sendfile's offset in and out. */
static void vectors(void)
{
	struct iovec out[2] = { { "vector", 6 }, { "ed io\n", 6 } };
	char a[4], b[16];
	struct iovec in[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	off_t off = 2;
	int fd, p[2];

	fd = open("fam.vec", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(160, fd >= 0);
	CHECK(161, pwritev(fd, out, 2, 0) == 12);
	/* a read that fills the first element and part of the second */
	CHECK(162, preadv(fd, in, 2, 3) == 9);
	CHECK(163, pwritev2(fd, out, 1, 12, RWF_DSYNC) == 6);
	CHECK(164, preadv2(fd, in, 2, 0, 0) == 18);
	CHECK(165, pipe(p) == 0);
	CHECK(166, sendfile(p[1], fd, &off, 5) == 5);
	CHECK(167, sendfile(p[1], fd, NULL, 3) == 3);
	CHECK(169, vmsplice(p[1], out, 2, SPLICE_F_NONBLOCK) == 12);
	/* nothing to read: the elements print as addresses */
	CHECK(168, readv(-1, in, 2) == -1 && errno == EBADF);
	close(p[0]);
	close(p[1]);
	close(fd);
	unlink("fam.vec");
}

/*
 * sendmsg and recvmsg: a datagram with a name (recvmsg's length in and out,
 * one cut short), a descriptor passed with SCM_RIGHTS, a recvmsg that fails.
 */
static void messages(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_storage from;
	socklen_t len = sizeof(a);
	char x[8], y[32], cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec two[2] = { { "hello ", 6 }, { "world", 5 } };
	struct iovec rd[2] = { { x, sizeof(x) }, { y, sizeof(y) } };
	struct msghdr m = { .msg_name = &a, .msg_namelen = sizeof(a), .msg_iov = two,
			    .msg_iovlen = 2 };
	struct cmsghdr *cm;
	int u, v, sv[2], fd = 0;

	u = socket(AF_INET, SOCK_DGRAM, 0);
	v = socket(AF_INET, SOCK_DGRAM, 0);
	CHECK(170, u >= 0 && v >= 0);
	CHECK(171, bind(u, (struct sockaddr *)&a, sizeof(a)) == 0);
	CHECK(172, getsockname(u, (struct sockaddr *)&a, &len) == 0);
	CHECK(173, sendmsg(v, &m, 0) == 11);
	m = (struct msghdr){ .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = rd,
			     .msg_iovlen = 2 };
	CHECK(174, recvmsg(u, &m, 0) == 11);
	m.msg_name = &a;
	m.msg_namelen = sizeof(a);
	m.msg_iov = two;
	CHECK(175, sendmsg(v, &m, MSG_DONTWAIT) == 11);
	m.msg_namelen = sizeof(from);
	m.msg_name = &from;
	m.msg_iov = rd;
	m.msg_iovlen = 1;
	CHECK(176, recvmsg(u, &m, 0) == 8 && (m.msg_flags & MSG_TRUNC));
	CHECK(177, recvmsg(u, &m, MSG_DONTWAIT) == -1 && errno == EAGAIN);
	len = sizeof(from);
	CHECK(178, getpeername(v, (struct sockaddr *)&from, &len) == -1 && errno == ENOTCONN);
	close(u);
	close(v);

	CHECK(179, socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	m = (struct msghdr){ .msg_iov = two, .msg_iovlen = 1, .msg_control = cbuf,
			     .msg_controllen = sizeof(cbuf) };
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(fd));
	CHECK(180, sendmsg(sv[0], &m, 0) == 6);
	memset(cbuf, 0, sizeof(cbuf));
	m.msg_iov = rd;
	m.msg_iovlen = 2;
	m.msg_controllen = sizeof(cbuf);
	CHECK(181, recvmsg(sv[1], &m, 0) == 6);
	cm = CMSG_FIRSTHDR(&m);
	CHECK(182, cm && cm->cmsg_type == SCM_RIGHTS);
	memcpy(&fd, CMSG_DATA(cm), sizeof(fd));
	close(fd);
	close(sv[0]);
	close(sv[1]);
}

static void descriptors(void)
{
	int p[2], fd, fl;
	char c;

	CHECK(50, pipe(p) == 0);
	close(p[0]);
	close(p[1]);
	CHECK(51, pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0);
	fd = dup(p[0]);
	CHECK(52, fd >= 0);
	CHECK(53, dup2(p[0], 20) == 20);
	CHECK(54, dup3(p[0], 21, O_CLOEXEC) == 21);
	fl = fcntl(p[0], F_GETFL);
	CHECK(55, fl >= 0);
	CHECK(56, fcntl(p[0], F_SETFL, fl & ~O_NONBLOCK) == 0);
	CHECK(57, fcntl(p[1], F_GETFD) == FD_CLOEXEC);
	CHECK(58, fcntl(fd, F_SETFD, FD_CLOEXEC) == 0);
	CHECK(59, fcntl(fd, F_GETFD) == FD_CLOEXEC);
	CHECK(60, fcntl(p[0], F_DUPFD_CLOEXEC, 30) == 30);
	CHECK(61, fcntl(p[0], F_GETPIPE_SZ) > 0);
	/* a pipe is no terminal */
	{
		struct termios t;
		struct winsize ws;
		int avail;

		CHECK(62, ioctl(p[0], TCGETS, &t) == -1 && errno == ENOTTY);
		CHECK(63, ioctl(p[0], TIOCGWINSZ, &ws) == -1 && errno == ENOTTY);
		CHECK(64, ioctl(p[0], FIONREAD, &avail) == 0);
	}
	{
		struct iovec iov[2] = { { "ab", 2 }, { "cde\n", 4 } };
		char x[2], y[8];
		struct iovec in[2] = { { x, sizeof(x) }, { y, sizeof(y) } };

		CHECK(65, writev(p[1], iov, 2) == 6);
		CHECK(66, readv(p[0], in, 2) == 6);
	}
	CHECK(67, write(p[1], "z", 1) == 1);
	CHECK(68, read(p[0], &c, 1) == 1);
	close(30);
	close(21);
	close(20);
	close(fd);
	close(p[0]);
	close(p[1]);
	CHECK(69, close(p[1]) == -1);
}

static void polling(void)
{
	int p[2], ep;
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 7 }, out[4];
	struct pollfd pf[2];
	struct timespec ts = { 0, 1000000 };

	CHECK(70, pipe(p) == 0);
	CHECK(71, write(p[1], "x", 1) == 1);
	pf[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	pf[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	CHECK(72, poll(pf, 2, 100) == 2);
	CHECK(73, ppoll(pf, 1, &ts, NULL) == 1);
	ep = epoll_create1(EPOLL_CLOEXEC);
	CHECK(74, ep >= 0);
	CHECK(75, epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
	CHECK(76, epoll_wait(ep, out, 4, 100) == 1);
	CHECK(77, epoll_pwait(ep, out, 4, 0, NULL) == 1);
	CHECK(78, epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL) == 0);
	close(ep);
	close(p[0]);
	close(p[1]);
}

static void memory(void)
{
	size_t pg = 4096;
	char *m = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(80, m != MAP_FAILED);
	m[0] = 1;
	CHECK(81, mprotect(m, pg, PROT_READ) == 0);
	CHECK(82, madvise(m + pg, pg, MADV_DONTNEED) == 0);
	CHECK(83, munmap(m, 4 * pg) == 0);
	CHECK(84, mmap(NULL, pg, PROT_NONE, MAP_SHARED, -1, 0) == MAP_FAILED);
}

static void signals(void)
{
	struct sigaction sa, old;
	sigset_t set, oldset;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	sa.sa_flags = SA_RESTART;
	CHECK(90, sigaction(SIGUSR1, &sa, &old) == 0);
	CHECK(91, sigaction(SIGUSR2, NULL, &old) == 0);
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	sigemptyset(&sa.sa_mask);
	CHECK(92, sigaction(SIGPIPE, &sa, NULL) == 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGTERM);
	CHECK(93, sigprocmask(SIG_BLOCK, &set, &oldset) == 0);
	CHECK(94, sigprocmask(SIG_SETMASK, &oldset, NULL) == 0);
	CHECK(95, kill(getpid(), SIGUSR1) == 0);
	CHECK(96, got_usr1);
	/* no such process */
	CHECK(97, kill(0x3ffffff0, 0) == -1 && errno == ESRCH);
}

static void limits(void)
{
	struct rlimit rl, nl;

	CHECK(100, getrlimit(RLIMIT_NOFILE, &rl) == 0);
	CHECK(101, setrlimit(RLIMIT_NOFILE, &rl) == 0);
	nl.rlim_cur = 1 << 20;
	nl.rlim_max = RLIM_INFINITY;
	CHECK(102, prlimit(0, RLIMIT_CORE, NULL, &rl) == 0);
	CHECK(103, prlimit(0, RLIMIT_STACK, NULL, &nl) == 0);
}

static void clocks(void)
{
	struct timespec ts, req = { 0, 2000000 }, rem;

	CHECK(110, syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) == 0);
	CHECK(111, syscall(SYS_clock_getres, CLOCK_REALTIME, &ts) == 0);
	CHECK(112, syscall(SYS_nanosleep, &req, &rem) == 0);
	CHECK(113, syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &req, NULL) == 0);
}

static void processes(void)
{
	struct utsname u;
	struct sysinfo si;
	char rnd[8];
	int st;
	pid_t kid;

	CHECK(120, uname(&u) == 0);
	CHECK(121, sysinfo(&si) == 0);
	CHECK(122, getrandom(rnd, sizeof(rnd), GRND_NONBLOCK) == sizeof(rnd));
	kid = fork();
	CHECK(123, kid >= 0);
	if (kid == 0)
		_exit(3);
	CHECK(124, wait4(kid, &st, 0, NULL) == kid);
	CHECK(125, WIFEXITED(st) && WEXITSTATUS(st) == 3);
	CHECK(126, wait4(-1, &st, WNOHANG, NULL) == -1);
}

static void sockets(void)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(in);
	int ls, cs, as, sv[2], one = 1;
	char buf[32];
	struct iovec iov = { "message", 7 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };

	/* AF_UNIX stream: bind, listen, connect, accept */
	strcpy(un.sun_path, "fam.sock");
	unlink(un.sun_path);
	ls = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	CHECK(130, ls >= 0);
	CHECK(131, bind(ls, (struct sockaddr *)&un, sizeof(un)) == 0);
	CHECK(132, listen(ls, 4) == 0);
	cs = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(133, connect(cs, (struct sockaddr *)&un, sizeof(un)) == 0);
	as = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
	CHECK(134, as >= 0);
	CHECK(135, send(cs, "hello", 5, 0) == 5);
	CHECK(136, recv(as, buf, sizeof(buf), 0) == 5);
	CHECK(137, sendmsg(as, &mh, 0) == 7);
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	CHECK(138, recvmsg(cs, &mh, 0) == 7);
	CHECK(139, shutdown(cs, SHUT_WR) == 0);
	close(as);
	close(cs);
	close(ls);
	unlink(un.sun_path);

	/* AF_INET on loopback */
	ls = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	CHECK(140, ls >= 0);
	CHECK(141, setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == 0);
	CHECK(142, bind(ls, (struct sockaddr *)&in, sizeof(in)) == 0);
	CHECK(143, getsockname(ls, (struct sockaddr *)&in, &len) == 0);
	CHECK(144, listen(ls, 4) == 0);
	cs = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(145, cs >= 0);
	CHECK(146, connect(cs, (struct sockaddr *)&in, sizeof(in)) == 0);
	len = sizeof(in);
	as = accept(ls, (struct sockaddr *)&in, &len);
	CHECK(147, as >= 0);
	CHECK(148, sendto(cs, "ping", 4, MSG_NOSIGNAL, NULL, 0) == 4);
	CHECK(149, recvfrom(as, buf, sizeof(buf), 0, NULL, NULL) == 4);
	len = sizeof(one);
	CHECK(150, getsockopt(as, SOL_SOCKET, SO_TYPE, &one, &len) == 0);
	close(as);
	close(cs);
	close(ls);

	/* a datagram pair */
	CHECK(151, socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
	CHECK(152, write(sv[0], "dgram", 5) == 5);
	CHECK(153, read(sv[1], buf, sizeof(buf)) == 5);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	files();
	directories();
	descriptors();
	polling();
	memory();
	signals();
	limits();
	clocks();
	processes();
	sockets();
	vectors();
	messages();
	unlink("fam.txt");
	return 0;
}
