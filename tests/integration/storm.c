// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * storm NTHREADS CALLS: NTHREADS threads, started together, each make CALLS raw
 * getppid() calls as fast as they can.  Prints "getppid calls made: TOTAL", the
 * number of getppid calls the process made (no other code of the process calls
 * getppid), so a test can hold a trace's count and its loss report against it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_barrier_t start;
static long calls;

static void *storm(void *arg)
{
	long *made = arg;

	pthread_barrier_wait(&start);
	for (long i = 0; i < calls; i++) {
		syscall(SYS_getppid);
		(*made)++;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	long nthreads, total = 0, *made;
	pthread_t *t;

	if (argc != 3) {
		fprintf(stderr, "usage: storm NTHREADS CALLS\n");
		return 2;
	}
	nthreads = strtol(argv[1], NULL, 10);
	calls = strtol(argv[2], NULL, 10);
	if (nthreads < 1 || nthreads > 256 || calls < 0)
		return 2;
	t = calloc(nthreads, sizeof(*t));
	made = calloc(nthreads, sizeof(*made));
	if (!t || !made || pthread_barrier_init(&start, NULL, nthreads))
		return 3;
	for (long i = 0; i < nthreads; i++)
		if (pthread_create(&t[i], NULL, storm, &made[i]))
			return 3;
	for (long i = 0; i < nthreads; i++) {
		pthread_join(t[i], NULL);
		total += made[i];
	}
	printf("getppid calls made: %ld\n", total);
	free(made);
	free(t);
	return 0;
}
