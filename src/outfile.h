/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Every file vltrace writes is opened here, under one rule, because vltrace
 * runs as root and writes where users point it (often a shared, world-writable
 * directory such as /tmp):
 *
 *   - a path that does not exist is created fresh: O_CREAT|O_EXCL|O_NOFOLLOW,
 *     mode 0600;
 *   - an existing regular file owned by vltrace's user is replaced, not
 *     truncated: a fresh 0600 file made with mkostemp in the same directory is
 *     renamed over it, so a reader who opened the old file beforehand, or a hard
 *     link to it, never sees the trace.  Where the directory takes no new file
 *     (procfs, a read-only mount) the file is written in place, after the same
 *     checks on the descriptor itself;
 *   - a character device (/dev/null, /dev/full, a terminal) is written in place;
 *   - anything else is refused: a symbolic link, a regular file another user
 *     owns, a FIFO or socket (never opened, so nothing can hang), a directory, a
 *     block device;
 *   - "-" and /dev/stdout name vltrace's standard output, /dev/stderr its
 *     standard error: the descriptor is duplicated and marked as shared, since
 *     its open file description may be held by others (the traced command, the
 *     shell), whose flags must then never be changed.
 *
 * outfile_stdio_init() runs first in main(): a standard descriptor that came
 * closed gets /dev/null (close-on-exec, so a command vltrace starts gets it
 * closed as it was given), and no file or BPF descriptor vltrace opens later can
 * land on 0, 1 or 2.  "-" then refuses a closed standard output.
 *
 * Threads: outfile_stdio_init() from the main thread before any other thread
 * starts; the other functions from any thread (no shared state but the closed
 * set, written once at start).
 */
#ifndef VLTRACE_OUTFILE_H
#define VLTRACE_OUTFILE_H

#include <stddef.h>

enum {
	OUTFILE_SHARED = 1, /* an inherited descriptor: leave its flags alone */
};

void outfile_stdio_init(void);
/* Was standard descriptor fd (0, 1 or 2) closed when vltrace started? */
int outfile_stdio_closed(int fd);

/*
 * Open path for writing under the rule above.  On success *fd is a close-on-exec
 * descriptor and *how has OUTFILE_SHARED when it is an inherited stream.  On
 * failure returns -errno and err holds one line: why, and what to do.
 */
int outfile_create(const char *path, int *fd, unsigned *how, char *err, size_t errlen);
/*
 * The same for -A: an existing regular file vltrace's user owns is opened in
 * place with O_APPEND and keeps what it held; the rest of the rule holds.
 */
int outfile_append(const char *path, int *fd, unsigned *how, char *err, size_t errlen);

/* Is path one of vltrace's standard streams ("-", /dev/stdout, /dev/stderr)? 1 or 2, else 0. */
int outfile_stdio_of(const char *path);

/*
 * Do a and b name the same file, or the same file to be created (through
 * different spellings: ./x, dir/../x, a linked directory)?  Character devices
 * are never "the same" (-W /dev/null -o /dev/null is fine); "-" and /dev/stdout
 * are.  Returns 1 or 0.
 */
int outfile_same(const char *a, const char *b);

#endif /* VLTRACE_OUTFILE_H */
