// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Paths in memory the process has never touched: each openat(2) gets a path that
 * lies in a page of a freshly mapped file, 128 KiB from the next (past the
 * kernel's fault-around), so the tracer cannot read it at the call's entry
 * without a page fault, which a BPF program may not take.  The kernel faults the
 * page in while it runs the call; vltrace must then read the path at the exit.
 * usage: untouched FILE N  (FILE is created; the paths name files that do not
 * exist, so every call fails with ENOENT).  Exits 0, or 1 on a setup error.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define STRIDE (128 << 10)

int main(int argc, char **argv)
{
	char buf[64];
	int fd, n;
	char *map;

	if (argc != 3 || (n = atoi(argv[2])) <= 0)
		return 1;
	fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || ftruncate(fd, (off_t)n * STRIDE))
		return 1;
	for (int i = 0; i < n; i++) {
		int len = snprintf(buf, sizeof(buf), "untouched-%d-does-not-exist", i) + 1;

		if (pwrite(fd, buf, len, (off_t)i * STRIDE) != len)
			return 1;
	}
	/* written through the page cache, never through this mapping */
	map = mmap(NULL, (size_t)n * STRIDE, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		return 1;
	for (int i = 0; i < n; i++)
		syscall(SYS_openat, AT_FDCWD, map + (size_t)i * STRIDE, O_RDONLY);
	return 0;
}
