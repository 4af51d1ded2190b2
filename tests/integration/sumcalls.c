// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Calls of known numbers, durations and results, for the summary tests:
 *   sumcalls sleeps N      N clock_nanosleeps of each of 1.2, 2.4, 4.8 and 9.6 ms
 *   sumcalls threads       threads making 100, 200 and 300 getppid calls
 *   sumcalls errors        7 openat failing with ENOENT, 3 close failing with EBADF
 *   sumcalls bursts N      N rounds of 100 getppid calls and a 30 ms sleep
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void sleep_ns(long ns)
{
	struct timespec ts = { ns / 1000000000, ns % 1000000000 };

	/* the syscall itself: glibc's nanosleep is clock_nanosleep too, said once here */
	syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &ts, NULL);
}

static void *caller(void *arg)
{
	long n = (long)arg;

	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	return NULL;
}

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[2]) : 5;

	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "sleeps")) {
		/* 1.2 times a power of two of 1 ms: the middle of a power-of-two bucket */
		for (long i = 0; i < n; i++)
			for (int k = 0; k < 4; k++)
				sleep_ns(1200000L << k);
	} else if (!strcmp(argv[1], "threads")) {
		pthread_t t[3];

		for (long i = 0; i < 3; i++)
			if (pthread_create(&t[i], NULL, caller, (void *)(100 * (i + 1))))
				return 1;
		for (int i = 0; i < 3; i++)
			pthread_join(t[i], NULL);
	} else if (!strcmp(argv[1], "errors")) {
		for (int i = 0; i < 7; i++)
			syscall(SYS_openat, AT_FDCWD, "/nonexistent/sumcalls", O_RDONLY);
		for (int i = 0; i < 3; i++)
			syscall(SYS_close, -1);
	} else if (!strcmp(argv[1], "bursts")) {
		for (long i = 0; i < n; i++) {
			caller((void *)100L);
			sleep_ns(30000000L);
		}
	} else {
		return 2;
	}
	return 0;
}
