// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Makes a known sequence of syscalls with marker arguments, in the main thread
 * and in N threads (markers N): the tests find exactly these calls in the trace.
 * Each thread's sequence carries its own number in the path and the data.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void *sequence(void *arg)
{
	long id = (long)arg;
	char path[64], data[64];
	int fd, n;

	snprintf(path, sizeof(path), "/nonexistent/vltrace-marker-%ld", id);
	openat(AT_FDCWD, path, O_RDONLY);
	fd = open("/dev/null", O_WRONLY);
	n = snprintf(data, sizeof(data), "vltrace-marker-%ld", id);
	if (write(fd, data, n) != n)
		exit(2);
	close(fd);
	close(-1);
	syscall(SYS_getppid);
	return NULL;
}

int main(int argc, char **argv)
{
	long nthreads = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
	pthread_t *t = calloc(nthreads ? nthreads : 1, sizeof(*t));

	sequence((void *)0L);
	for (long i = 0; i < nthreads; i++)
		if (pthread_create(&t[i], NULL, sequence, (void *)(i + 1)))
			return 3;
	for (long i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	free(t);
	return 0;
}
