// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Calls with chosen durations, descriptors, paths and errors, for the filter
 * tests: what each call is, and how many there are, is fixed here, so a filter
 * test knows what a selection must hold.
 *
 *   callmix DIR            the mix below; a child process makes calls too
 *   callmix --slow F S     F fast calls (getppid), then S slow ones (2 ms nanosleep);
 *                          with CALLMIX_REPORT=1 in the environment, the time a fast
 *                          call took on average goes to stderr
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int mix(const char *dir)
{
	char path[4096];
	int fd, st;
	pid_t child;

	for (int i = 0; i < 5; i++)
		getppid();
	/* three slow calls: 3 ms each */
	for (int i = 0; i < 3; i++)
		nap_ms(3);
	snprintf(path, sizeof(path), "%s/log/a.log", dir);
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	if (fd < 0 || dup2(fd, 9) != 9)
		return 1;
	close(fd);
	write(9, "hello", 5);
	write(9, "world!", 6);
	close(9);
	/* two ENOENT, one EBADF, one EAGAIN */
	snprintf(path, sizeof(path), "%s/log/missing", dir);
	open(path, O_RDONLY);
	open(path, O_RDONLY);
	close(77);
	{
		int p[2];
		char c;

		if (pipe2(p, O_NONBLOCK))
			return 1;
		read(p[0], &c, 1);
		close(p[0]);
		close(p[1]);
	}
	child = fork();
	if (child == 0) {
		for (int i = 0; i < 3; i++)
			getppid();
		_exit(0);
	}
	waitpid(child, &st, 0);
	return 0;
}

static int slow(long fast, long nslow)
{
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (long i = 0; i < fast; i++)
		getppid();
	clock_gettime(CLOCK_MONOTONIC, &b);
	/* what tracing costs the traced program, per call (CALLMIX_REPORT=1) */
	if (getenv("CALLMIX_REPORT") && fast)
		fprintf(stderr, "%.1f ns per fast call\n",
			((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / fast);
	for (long i = 0; i < nslow; i++)
		nap_ms(2);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "--slow"))
		return slow(atol(argv[2]), atol(argv[3]));
	if (argc != 2) {
		fprintf(stderr, "usage: callmix DIR | callmix --slow FAST SLOW\n");
		return 2;
	}
	return mix(argv[1]);
}
