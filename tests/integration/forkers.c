// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * forkers [-w] NFORKS NTHREADS: every task makes one marker call, an openat of
 * "/nonexistent/vltrace-fork-WHO-N" (ENOENT), so a test can count them in a trace:
 *
 *   main-0        the main thread, first
 *   child-N       N = 0..NFORKS-1, each from its own fork()ed child
 *   vfork-0       a vfork()ed child
 *   grandchild-0  a child of a forked child
 *   thread-N      N = 0..NTHREADS-1, each from its own thread; all have exited
 *   main-1        the main thread, after every thread above has exited
 *   last-0        a thread that makes its call after the main thread has exited
 *                 (pthread_exit): the process lives on in that thread
 *
 * -w: first wait for a line on stdin (so a tracer can attach to a running process).
 * Exit status 0 when every child exited 0.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t leader;

static void marker(const char *who, long n)
{
	char path[96];

	snprintf(path, sizeof(path), "/nonexistent/vltrace-fork-%s-%ld", who, n);
	/* the raw call: no library wrapper may turn it into another syscall */
	syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
}

static void *thread_main(void *arg)
{
	marker("thread", (long)arg);
	return NULL;
}

/* The main thread is a zombie once it has called pthread_exit. */
static int leader_exited(void)
{
	char path[64], buf[512], *p;
	int fd, n;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", leader);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 1;
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] == 'Z';
}

static void *last_main(void *arg)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };

	(void)arg;
	for (int i = 0; i < 500 && !leader_exited(); i++)
		nanosleep(&ts, NULL);
	marker("last", 0);
	exit(0);
}

static int wait_child(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		return 1;
	return 0;
}

int main(int argc, char **argv)
{
	int wait_stdin = argc > 1 && !strcmp(argv[1], "-w");
	long nforks, nthreads;
	pthread_t *t, last;
	pid_t pid;
	volatile int bad = 0; /* survives the vfork child sharing this frame */

	if (argc != 3 + wait_stdin) {
		fprintf(stderr, "usage: forkers [-w] NFORKS NTHREADS\n");
		return 2;
	}
	nforks = strtol(argv[1 + wait_stdin], NULL, 10);
	nthreads = strtol(argv[2 + wait_stdin], NULL, 10);
	leader = getpid();
	if (wait_stdin) {
		char c;

		while (read(0, &c, 1) == 1 && c != '\n')
			;
	}
	marker("main", 0);

	for (long i = 0; i < nforks; i++) {
		pid = fork();
		if (pid < 0)
			return 3;
		if (pid == 0) {
			marker("child", i);
			_exit(0);
		}
		bad |= wait_child(pid);
	}

	pid = vfork();
	if (pid < 0)
		return 3;
	if (pid == 0) {
		marker("vfork", 0);
		_exit(0);
	}
	bad |= wait_child(pid);

	pid = fork();
	if (pid < 0)
		return 3;
	if (pid == 0) {
		pid_t g = fork();

		if (g < 0)
			_exit(3);
		if (g == 0) {
			marker("grandchild", 0);
			_exit(0);
		}
		_exit(wait_child(g));
	}
	bad |= wait_child(pid);

	t = calloc(nthreads ? nthreads : 1, sizeof(*t));
	if (!t)
		return 3;
	for (long i = 0; i < nthreads; i++)
		if (pthread_create(&t[i], NULL, thread_main, (void *)i))
			return 3;
	for (long i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	free(t);
	marker("main", 1);

	if (bad)
		return 1;
	if (pthread_create(&last, NULL, last_main, NULL))
		return 3;
	pthread_exit(NULL);
}
