// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Small programs of the fidelity suite (workloads.sh), one per mode, each the
 * way an ordinary program uses a family of calls: files grown and copied in the
 * kernel, pipes spliced, descriptors passed over a socket.  Run in an empty
 * directory (relative paths, so two runs print the same arguments); write
 * nothing to stdout.  Calls the C library may route elsewhere are made with
 * syscall(2), so both tracers see the same call whatever the library version.
 * Exits 0, or 1 when a step went wrong.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <linux/openat2.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char text[] = "a line of text for the kernel to copy\n";

static int do_fallocate(void)
{
	int fd = open("f.dat", O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return 1;
	/* grow, punch a hole, and ask for a mode the file system may refuse */
	fallocate(fd, 0, 0, 65536);
	fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 4096, 4096);
	fallocate(fd, FALLOC_FL_ZERO_RANGE, 0, 8192);
	ftruncate(fd, 1000);
	close(fd);
	return 0;
}

static int do_copy(void)
{
	int in = open("src.dat", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int out = open("dst.dat", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	loff_t off_in = 4, off_out = 0;

	if (in < 0 || out < 0)
		return 1;
	for (int i = 0; i < 8; i++)
		write(in, text, sizeof(text) - 1);
	copy_file_range(in, &off_in, out, &off_out, 100, 0);
	lseek(in, 0, SEEK_SET);
	copy_file_range(in, NULL, out, NULL, 50, 0);
	copy_file_range(in, NULL, out, NULL, 10, 7);
	close(in);
	close(out);
	return 0;
}

static int do_splice(void)
{
	int p[2], fd = open("sp.dat", O_RDWR | O_CREAT | O_TRUNC, 0644);
	loff_t off = 0;

	if (fd < 0 || pipe(p))
		return 1;
	write(p[1], text, sizeof(text) - 1);
	splice(p[0], NULL, fd, &off, sizeof(text) - 1, SPLICE_F_MOVE);
	write(p[1], text, 10);
	splice(p[0], NULL, fd, NULL, 10, SPLICE_F_NONBLOCK | SPLICE_F_MORE);
	lseek(fd, 0, SEEK_SET);
	splice(fd, NULL, p[1], NULL, 16, 0);
	tee(p[0], p[1], 4, SPLICE_F_NONBLOCK);
	close(fd);
	return 0;
}

static int do_statx(void)
{
	struct statx stx;
	int fd = open("sx.dat", O_WRONLY | O_CREAT | O_TRUNC, 0640);

	if (fd < 0)
		return 1;
	close(fd);
	syscall(SYS_statx, AT_FDCWD, "sx.dat", 0, STATX_BASIC_STATS, &stx);
	syscall(SYS_statx, AT_FDCWD, "sx.dat", AT_SYMLINK_NOFOLLOW, STATX_TYPE | STATX_SIZE, &stx);
	syscall(SYS_statx, AT_FDCWD, "missing", 0, STATX_ALL, &stx);
	return 0;
}

static int do_openat2(void)
{
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_BENEATH };
	int fd;

	mkdir("sub", 0755);
	fd = open("sub/o2.dat", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return 1;
	close(fd);
	fd = syscall(SYS_openat2, AT_FDCWD, "sub/o2.dat", &how, sizeof(how));
	if (fd >= 0)
		close(fd);
	/* a path that climbs out: refused under RESOLVE_BENEATH */
	syscall(SYS_openat2, AT_FDCWD, "../o2.dat", &how, sizeof(how));
	how.flags = O_WRONLY | O_CREAT;
	how.mode = 0600;
	how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
	fd = syscall(SYS_openat2, AT_FDCWD, "sub/new.dat", &how, sizeof(how));
	if (fd >= 0)
		close(fd);
	return 0;
}

static int do_rights(void)
{
	int sv[2], fd = open("r.dat", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char data[8] = "fd", cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { data, 2 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;
	pid_t pid;

	if (fd < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 1;
	pid = fork();
	if (pid < 0)
		return 1;
	if (!pid) {
		/* the child takes the descriptor and writes through it */
		memset(cbuf, 0, sizeof(cbuf));
		m.msg_control = cbuf;
		m.msg_controllen = sizeof(cbuf);
		close(sv[0]);
		if (recvmsg(sv[1], &m, 0) < 0)
			_exit(1);
		c = CMSG_FIRSTHDR(&m);
		if (c && c->cmsg_type == SCM_RIGHTS) {
			memcpy(&fd, CMSG_DATA(c), sizeof(int));
			write(fd, text, 6);
		}
		_exit(0);
	}
	close(sv[1]);
	memset(cbuf, 0, sizeof(cbuf));
	m.msg_control = cbuf;
	m.msg_controllen = sizeof(cbuf);
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	sendmsg(sv[0], &m, 0);
	waitpid(pid, NULL, 0);
	close(sv[0]);
	close(fd);
	return 0;
}

static int do_inotify(void)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC), wd, f;
	char buf[4096];

	if (fd < 0)
		return 1;
	mkdir("w", 0755);
	wd = inotify_add_watch(fd, "w", IN_CREATE | IN_DELETE | IN_CLOSE_WRITE);
	f = open("w/new", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	close(f);
	read(fd, buf, sizeof(buf));
	inotify_rm_watch(fd, wd);
	close(fd);
	return 0;
}

static int do_fdtimers(void)
{
	struct itimerspec its = { { 0, 0 }, { 0, 1000000 } }, old;
	sigset_t set;
	uint64_t n;
	int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	int sfd;

	if (tfd < 0)
		return 1;
	timerfd_settime(tfd, 0, &its, &old);
	read(tfd, &n, sizeof(n));
	timerfd_gettime(tfd, &old);
	close(tfd);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sfd = signalfd(-1, &set, SFD_CLOEXEC);
	if (sfd < 0)
		return 1;
	kill(getpid(), SIGUSR1);
	{
		struct signalfd_siginfo si;

		read(sfd, &si, sizeof(si));
	}
	close(sfd);
	return 0;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static int do_sleep(void)
{
	struct timespec req = { 5, 0 }, rem = { 0, 0 };
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	struct sigaction sa = { .sa_handler = on_alarm };
	char name[16];

	/* a timer cuts the sleeps short: the time left is written */
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	syscall(SYS_nanosleep, &req, &rem);
	setitimer(ITIMER_REAL, &it, NULL);
	syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &req, &rem);
	prctl(PR_SET_NAME, "sleeper");
	prctl(PR_GET_NAME, name);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(void);
	} modes[] = {
		{ "fallocate", do_fallocate }, { "copy", do_copy },	{ "splice", do_splice },
		{ "statx", do_statx },	       { "openat2", do_openat2 }, { "rights", do_rights },
		{ "inotify", do_inotify }, { "fdtimers", do_fdtimers }, { "sleep", do_sleep },
	};

	if (argc < 2)
		return 1;
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(argv[1], modes[i].name))
			return modes[i].fn();
	return 1;
}
