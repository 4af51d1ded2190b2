/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The files of a rotating -W capture: FILE.000000, FILE.000001, ... (six digits or
 * more, so that a sorted glob lists them in order), each created through the same
 * function as any other output, and with --max-files=N the oldest removed once N
 * are on disk, so the capture never holds more than N files.
 *
 * A flight recorder's snapshots are FILE.NNNNNN-YYYYMMDDTHHMMSSZ: their index, then
 * the UTC time they were written.
 *
 * Threads: capture_init and capture_fini on the main thread (before the pipeline
 * starts, after it stopped); capture_open on the main thread for file 0, then on
 * the writer thread only (writer_opts.open_file), as capture_open_snapshot.
 */
#ifndef VLTRACE_CAPTURE_H
#define VLTRACE_CAPTURE_H

#include <stddef.h>
#include <sys/types.h>

struct capture {
	const char *base;	/* -W FILE */
	unsigned max_files;	/* 0: keep them all */
	/* creates path for writing (0600, fresh): a descriptor or a negative errno */
	int (*create)(const char *path);
	dev_t *dev;		/* identity of the files kept, by index % max_files */
	ino_t *ino;
};

/* The name of file number index: FILE.%06u.  Returns snprintf's count. */
int capture_name(const char *base, unsigned index, char *buf, size_t len);
void capture_init(struct capture *c, const char *base, unsigned max_files,
		  int (*create)(const char *path));
/*
 * Create file number index; first remove the file max_files before it, if it is
 * still the file this capture created (a file put in its place is left alone).
 * Returns the descriptor or a negative errno.
 */
int capture_open(void *capture, unsigned index);
/* Create snapshot number index, named with the time now. */
int capture_open_snapshot(void *capture, unsigned index);
void capture_fini(struct capture *c);

#endif /* VLTRACE_CAPTURE_H */
