// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Calls whose decoding once differed from strace's, for decoders.sh to trace
 * with strace and with vltrace and compare line by line: outputs the call did
 * not write, structs and sets, flags and numbers.  Runs in the current
 * directory (relative paths) and writes nothing to stdout.  Calls are made with
 * syscall(2) where the C library may route them elsewhere.  Exits 0, or the
 * number of the step that went wrong.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <linux/falloc.h>
#include <sys/inotify.h>
#include <linux/capability.h>
#include <linux/openat2.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/time.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHECK(step, cond)                                                                  \
	do {                                                                               \
		if (!(cond))                                                               \
			_exit(step);                                                       \
	} while (0)

/* Output arguments a successful call did not write print as their address. */
static void unwritten(void)
{
	struct rusage ru;
	int st = 0x6000, fds[2];
	pid_t kid;

	CHECK(10, pipe(fds) == 0);
	kid = fork();
	CHECK(11, kid >= 0);
	if (kid == 0) {
		char c;

		close(fds[1]);
		(void)!read(fds[0], &c, 1);
		_exit(0);
	}
	close(fds[0]);
	/* nothing to reap yet: the status and the usage stay as they were */
	memset(&ru, 0x5a, sizeof(ru));
	CHECK(12, syscall(SYS_wait4, kid, &st, WNOHANG, &ru) == 0);
	close(fds[1]);
	CHECK(13, syscall(SYS_wait4, kid, &st, 0, NULL) == kid);
}

/* EPOLL_CTL_DEL ignores its event: strace prints its address. */
static void epoll_del(void)
{
	struct epoll_event ev;
	int ep = epoll_create1(EPOLL_CLOEXEC), fds[2];

	CHECK(20, ep >= 0 && pipe(fds) == 0);
	ev.events = EPOLLIN;
	ev.data.u64 = 7;
	CHECK(21, epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev) == 0);
	memset(&ev, 0x58, sizeof(ev));
	CHECK(22, epoll_ctl(ep, EPOLL_CTL_DEL, fds[0], &ev) == 0);
	close(fds[0]);
	close(fds[1]);
	close(ep);
}

/* Flags and numbers that have names of their own. */
static void flags(void)
{
	int fd = open("dec.txt", O_RDWR | O_CREAT | O_TRUNC, 0600), in, wd, efd, tfd, sfd;
	sigset_t set;
	void *p, *q;

	CHECK(30, fd >= 0);
	CHECK(31, syscall(SYS_fallocate, fd, 0, 0, 8192) == 0);
	CHECK(32, syscall(SYS_fallocate, fd, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 0,
			  4096) == 0);
	syscall(SYS_fallocate, fd, FALLOC_FL_ZERO_RANGE | 0x1000, 0, 4096);
	CHECK(33, syscall(SYS_renameat2, AT_FDCWD, "dec.txt", AT_FDCWD, "dec2.txt", 0) == 0);
	CHECK(34, syscall(SYS_renameat2, AT_FDCWD, "dec2.txt", AT_FDCWD, "dec.txt",
			  RENAME_NOREPLACE) == 0);
	syscall(SYS_renameat2, AT_FDCWD, "dec.txt", AT_FDCWD, "dec.txt", RENAME_EXCHANGE | 0x100);
	CHECK(35, flock(fd, LOCK_EX | LOCK_NB) == 0);
	CHECK(36, flock(fd, LOCK_UN) == 0);
	CHECK(37, syscall(SYS_getpriority, PRIO_PROCESS, 0) >= 0);
	CHECK(38, syscall(SYS_setpriority, PRIO_PROCESS, 0, 0) == 0);
	syscall(SYS_getpriority, 7, 0);
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(39, p != MAP_FAILED);
	CHECK(40, msync(p, 4096, MS_SYNC | MS_INVALIDATE) == 0);
	q = (void *)syscall(SYS_mremap, p, 4096, 8192, MREMAP_MAYMOVE, 0);
	CHECK(41, q != MAP_FAILED);
	p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(56, p != MAP_FAILED);
	CHECK(57, syscall(SYS_mremap, q, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, p) == (long)p);
	syscall(SYS_mremap, p, 4096, 4096, 0x10, p);
	munmap(p, 4096);
	munmap(q, 8192);
	CHECK(58, syscall(SYS_mknodat, AT_FDCWD, "dec.reg", S_IFREG | 0644, 0) == 0);
	CHECK(59, syscall(SYS_mknodat, AT_FDCWD, "dec.null", S_IFCHR | 0600, makedev(1, 3)) == 0);
	syscall(SYS_mknodat, AT_FDCWD, "no/such", 04755, 0);
	unlink("dec.reg");
	unlink("dec.null");
	CHECK(42, fchmod(fd, S_IFREG | 0644) == 0);
	CHECK(43, syscall(SYS_fchmodat, AT_FDCWD, "dec.txt", 04755) == 0);
	CHECK(44, syscall(SYS_fchown, fd, -1, -1) == 0);
	CHECK(45, syscall(SYS_setresuid, -1, -1, -1) == 0);
	CHECK(46, syscall(SYS_setresgid, -1, -1, -1) == 0);
	CHECK(47, syscall(SYS_setreuid, -1, 0) == 0);
	in = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	CHECK(48, in >= 0);
	wd = inotify_add_watch(in, ".", IN_MODIFY | IN_CREATE | IN_DELETE | IN_ONLYDIR);
	CHECK(49, wd >= 0);
	CHECK(50, inotify_rm_watch(in, wd) == 0);
	efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE);
	CHECK(51, efd >= 0);
	tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	CHECK(52, tfd >= 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	CHECK(53, sfd >= 0);
	close(sfd);
	close(tfd);
	close(efd);
	close(in);
	close(fd);
	unlink("dec.txt");
}

/* A directory read in one call longer than any capture: strace counts its entries. */
static void directory(void)
{
	char name[64], buf[32768];
	int i, fd;

	CHECK(60, mkdir("dec.dir", 0700) == 0);
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "dec.dir/an_entry_with_a_longer_name_%03d", i);
		fd = open(name, O_WRONLY | O_CREAT, 0600);
		CHECK(61, fd >= 0);
		close(fd);
	}
	fd = open("dec.dir", O_RDONLY | O_DIRECTORY);
	CHECK(62, fd >= 0);
	CHECK(63, syscall(SYS_getdents64, fd, buf, sizeof(buf)) > 4096);
	CHECK(64, syscall(SYS_getdents64, fd, buf, sizeof(buf)) == 0);
	close(fd);
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "dec.dir/an_entry_with_a_longer_name_%03d", i);
		unlink(name);
	}
	rmdir("dec.dir");
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* Structs and sets that printed as addresses. */
static void structs(void)
{
	struct itimerval it = { { 0, 0 }, { 5, 500 } }, old;
	struct itimerspec ts = { { 1, 2 }, { 3, 4 } }, ots;
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_NO_SYMLINKS };
	struct timespec ts0 = { 0, 1000 };
	long long in = 0, out = 0;
	siginfo_t si;
	sigset_t set;
	int tfd, a, b;
	pid_t kid;

	CHECK(70, syscall(SYS_setitimer, ITIMER_REAL, &it, &old) == 0);
	memset(&it, 0, sizeof(it));
	CHECK(71, syscall(SYS_setitimer, ITIMER_REAL, &it, NULL) == 0);
	CHECK(72, syscall(SYS_getitimer, ITIMER_REAL, &old) == 0);
	syscall(SYS_getitimer, 9, &old);
	tfd = timerfd_create(CLOCK_MONOTONIC, 0);
	CHECK(73, tfd >= 0);
	CHECK(74, syscall(SYS_timerfd_settime, tfd, 0, &ts, &ots) == 0);
	memset(&ts, 0, sizeof(ts));
	CHECK(75, syscall(SYS_timerfd_settime, tfd, TFD_TIMER_ABSTIME, &ts, NULL) == 0);
	CHECK(76, syscall(SYS_timerfd_gettime, tfd, &ots) == 0);
	close(tfd);
	a = syscall(SYS_openat2, AT_FDCWD, ".", &how, sizeof(how));
	CHECK(77, a >= 0);
	close(a);
	how.flags = O_WRONLY | O_CREAT;
	how.mode = 0600;
	how.resolve = 0x40;
	syscall(SYS_openat2, AT_FDCWD, "dec.how", &how, sizeof(how));
	syscall(SYS_openat2, AT_FDCWD, "dec.how", &how, 16);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK(78, sigprocmask(SIG_BLOCK, &set, NULL) == 0);
	raise(SIGUSR1);
	CHECK(79, syscall(SYS_rt_sigpending, &set, 8) == 0);
	/* rt_sigtimedwait: the pending SIGUSR1 taken, then none left */
	CHECK(90, syscall(SYS_rt_sigtimedwait, &set, &si, &ts0, 8) == SIGUSR1);
	CHECK(91, syscall(SYS_rt_sigtimedwait, &set, &si, &ts0, 8) == -1);
	raise(SIGUSR1);
	/* the pending SIGUSR1 ends rt_sigsuspend at once, through a handler */
	signal(SIGUSR1, on_usr1);
	sigemptyset(&set);
	CHECK(89, syscall(SYS_rt_sigsuspend, &set, 8) == -1);
	a = open("dec.in", O_RDWR | O_CREAT | O_TRUNC, 0600);
	b = open("dec.out", O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(80, a >= 0 && b >= 0 && write(a, "abcd", 4) == 4);
	CHECK(81, syscall(SYS_copy_file_range, a, &in, b, &out, 4, 0) == 4);
	CHECK(82, syscall(SYS_copy_file_range, a, NULL, b, NULL, 4, 0) == 0);
	/* flags the kernel refuses, in decimal as strace prints them */
	syscall(SYS_copy_file_range, a, NULL, b, NULL, 4, 7);
	{
		int p[2];

		/* splice's offsets: the value they point to, as they went in */
		out = 2;
		CHECK(117, pipe(p) == 0 && write(p[1], "efgh", 4) == 4);
		CHECK(118, syscall(SYS_splice, p[0], NULL, b, &out, 4, 0) == 4);
		in = 1;
		CHECK(119, syscall(SYS_splice, a, &in, p[1], NULL, 2, 0) == 2);
		close(p[0]);
		close(p[1]);
	}
	close(a);
	close(b);
	unlink("dec.in");
	unlink("dec.out");
	/* waitid: nothing to reap yet, then a child killed */
	kid = fork();
	CHECK(83, kid >= 0);
	if (kid == 0) {
		pause();
		_exit(2);
	}
	memset(&si, 0x5a, sizeof(si));
	CHECK(84, syscall(SYS_waitid, P_PID, kid, &si, WEXITED | WNOHANG, NULL) == 0);
	kill(kid, SIGKILL);
	/* the kernel writes no si_utime nor si_stime here: both print what was there */
	CHECK(85, syscall(SYS_waitid, P_ALL, 0, &si, WEXITED, NULL) == 0);
	syscall(SYS_waitid, P_ALL, 0, &si, WEXITED | WNOHANG, NULL);
	/* capget and capset (the sets it has: nothing changes) */
	{
		struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
		struct __user_cap_data_struct d[2];

		CHECK(92, syscall(SYS_capget, &h, d) == 0);
		CHECK(93, syscall(SYS_capset, &h, d) == 0);
		h.version = _LINUX_CAPABILITY_VERSION_1;
		CHECK(94, syscall(SYS_capget, &h, NULL) == 0);
	}
	/* prctl by option: a name, one cut at the kernel's 15 bytes, a signal */
	CHECK(86, prctl(PR_SET_NAME, "dec-worker") == 0);
	CHECK(87, prctl(PR_SET_NAME, "decoders-longer-than-fifteen") == 0);
	CHECK(88, prctl(PR_SET_PDEATHSIG, SIGTERM) == 0);
	{
		char name[16];

		CHECK(124, prctl(PR_GET_NAME, name) == 0);
	}
}

/* select and pselect6: the sets as they went in, the ready ones in the result */
static void selects(void)
{
	struct {
		const sigset_t *ss;
		size_t len;
	} sm = { NULL, 8 };
	struct timespec ts = { 1, 0 };
	struct timeval tv = { 0, 0 };
	fd_set r, w;
	int p[2];

	CHECK(100, pipe(p) == 0 && write(p[1], "x", 1) == 1);
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(p[1], &w);
	CHECK(101, syscall(SYS_pselect6, p[1] + 1, &r, &w, NULL, &ts, NULL) == 2);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	CHECK(102, syscall(SYS_pselect6, p[1] + 1, &r, NULL, NULL, &ts, &sm) == 1);
	CHECK(103, read(p[0], &ts, 1) == 1);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	ts.tv_sec = 0;
	ts.tv_nsec = 1000;
	CHECK(104, syscall(SYS_pselect6, p[0] + 1, &r, NULL, NULL, &ts, NULL) == 0);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	FD_ZERO(&w);
	FD_SET(p[1], &w);
	CHECK(105, syscall(SYS_select, p[1] + 1, &r, &w, NULL, &tv) == 1);
	CHECK(106, syscall(SYS_select, p[1] + 1, &r, &w, NULL, NULL) == 1);
	close(p[0]);
	close(p[1]);
}

/*
 * A path in a page not yet mapped, opened by a thread that blocks (a FIFO) while
 * another prints lines: the BPF side cannot read the path at entry, reads it
 * again at exit, and the "<unfinished ...>" line must show it as strace does.
 */
static void *open_fifo(void *path)
{
	int fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);

	if (fd >= 0)
		close(fd);
	return NULL;
}

static int refetch(void)
{
	char proc[64], buf[64] = "";
	pthread_t th;
	char *path;
	int fd, i;
	pid_t tid;

	unlink("dec.fifo");
	if (mkfifo("dec.fifo", 0600))
		return 90;
	fd = open("dec.path", O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, "dec.fifo", 9) != 9)
		return 91;
	/* a page of the file mapped and never touched here: not in the page table */
	path = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	if (path == MAP_FAILED)
		return 92;
	close(fd);
	if (pthread_create(&th, NULL, open_fifo, path))
		return 93;
	/* wait until the thread is inside openat (syscall 257), printing lines meanwhile */
	tid = 0;
	for (i = 0; i < 20000 && strncmp(buf, "257 ", 4); i++) {
		DIR *d;
		struct dirent *de;

		if (!tid && (d = opendir("/proc/self/task"))) {
			while ((de = readdir(d)))
				if (atoi(de->d_name) > 0 && atoi(de->d_name) != getpid())
					tid = atoi(de->d_name);
			closedir(d);
		}
		snprintf(proc, sizeof(proc), "/proc/self/task/%d/syscall", tid);
		fd = open(proc, O_RDONLY);
		if (fd >= 0) {
			ssize_t n = read(fd, buf, sizeof(buf) - 1);

			buf[n > 0 ? n : 0] = '\0';
			close(fd);
		}
	}
	fd = open("dec.fifo", O_WRONLY);
	if (fd < 0)
		return 94;
	close(fd);
	pthread_join(th, NULL);
	unlink("dec.fifo");
	unlink("dec.path");
	return 0;
}

static void on_alarm(int sig)
{
	(void)sig;
}

/*
 * getcwd in a directory whose path is exactly -s 32 bytes long: whole, though
 * the capture holds no NUL.
 */
static void cwd32(void)
{
	char here[4096], name[40];
	size_t n;

	CHECK(120, getcwd(here, sizeof(here)) != NULL);
	n = strlen(here);
	if (n + 2 > 32)
		return;
	memset(name, 'c', sizeof(name));
	name[31 - n] = '\0';
	CHECK(121, mkdir(name, 0755) == 0 && chdir(name) == 0);
	CHECK(122, getcwd(here, sizeof(here)) != NULL && strlen(here) == 32);
	CHECK(123, chdir("..") == 0 && rmdir(name) == 0);
}

/* Sleeps a timer cuts short: the time left is written, and only then printed. */
static void sleeps(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = { { 0, 0 }, { 0, 20000 } };
	struct timespec req = { 5, 0 }, rem = { 0, 0 }, tiny = { 0, 1000 };

	CHECK(110, sigaction(SIGALRM, &sa, NULL) == 0);
	CHECK(111, setitimer(ITIMER_REAL, &it, NULL) == 0);
	CHECK(112, syscall(SYS_nanosleep, &req, &rem) == -1);
	CHECK(113, setitimer(ITIMER_REAL, &it, NULL) == 0);
	CHECK(114, syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &req, &rem) != 0);
	/* slept to the end: nothing written, the address printed */
	CHECK(115, syscall(SYS_nanosleep, &tiny, &rem) == 0);
	CHECK(116, syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &tiny, &rem) == 0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "refetch"))
		return refetch();
	unwritten();
	epoll_del();
	flags();
	directory();
	structs();
	selects();
	sleeps();
	cwd32();
	return 0;
}
