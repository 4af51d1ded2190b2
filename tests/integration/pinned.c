// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Threads pinned to every CPU in turn, each making N calls close(-K) with a K of
 * its own (1000000 + thread * 100000 + i), which fail with EBADF: the tests find
 * every one of them, once, in time order, whichever CPU's buffer carried it.
 * usage: pinned THREADS CALLS
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static long ncalls;

static void *run(void *arg)
{
	long t = (long)arg;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(t % (ncpu > 0 ? ncpu : 1), &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		perror("sched_setaffinity");
	for (long i = 0; i < ncalls; i++)
		close(-(int)(1000000 + t * 100000 + i));
	return NULL;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 4;
	pthread_t *th = calloc(n, sizeof(*th));

	ncalls = argc > 2 ? atol(argv[2]) : 100;
	for (long t = 0; t < n; t++)
		if (pthread_create(&th[t], NULL, run, (void *)t))
			return 1;
	for (long t = 0; t < n; t++)
		pthread_join(th[t], NULL);
	free(th);
	return 0;
}
