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
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
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

int main(void)
{
	unwritten();
	epoll_del();
	return 0;
}
