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
 *   callmix --nap B N A    getppid for B ms, one N ms nanosleep, then getpid for A ms;
 *                          the counts of each go to stdout; with CALLMIX_WATCH=PREFIX
 *                          in the environment, also how many files PREFIX* there were
 *                          just before the sleep
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
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

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* fast calls of one kind for ms milliseconds; the clock is read without a syscall */
static long calls_for(long ms, pid_t (*call)(void))
{
	long end = now_ms() + ms, n = 0;

	do {
		for (int i = 0; i < 256; i++)
			call();
		n += 256;
	} while (now_ms() < end);
	return n;
}

static int nap(long before, long ms, long after)
{
	const char *watch = getenv("CALLMIX_WATCH");
	char pat[4096];
	size_t files = 0;
	glob_t g;
	long nb, na;

	nb = calls_for(before, getppid);
	if (watch) {
		snprintf(pat, sizeof(pat), "%s*", watch);
		if (!glob(pat, 0, NULL, &g))
			files = g.gl_pathc;
		globfree(&g);
	}
	nap_ms(ms);
	na = calls_for(after, getpid);
	printf("getppid %ld\ngetpid %ld\n", nb, na);
	if (watch)
		printf("files %zu\n", files);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "--nap"))
		return nap(atol(argv[2]), atol(argv[3]), atol(argv[4]));
	if (argc == 4 && !strcmp(argv[1], "--slow"))
		return slow(atol(argv[2]), atol(argv[3]));
	if (argc != 2) {
		fprintf(stderr, "usage: callmix DIR | callmix --slow FAST SLOW | "
				"callmix --nap BEFORE MS AFTER\n");
		return 2;
	}
	return mix(argv[1]);
}
