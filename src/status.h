/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The status line on stderr: while tracing, elapsed time, records/s, bytes
 * written, records lost; with -R, how far into the files, records/s and the
 * time left.  Refreshed about once a second, erased at the end.  On a terminal
 * it rewrites one line; elsewhere (--progress into a file or pipe) it writes a
 * line a second.
 *
 * Threads: main thread only.
 */
#ifndef VLTRACE_STATUS_H
#define VLTRACE_STATUS_H

#include <stdint.h>

#include "pipeline.h"

struct status {
	int fd;
	int tty;
	uint64_t start_ns, last_ns, last_records;
	int shown;
};

void status_init(struct status *s, int fd, uint64_t now_ns);
/* Print when a second has passed since the last line. */
void status_tick(struct status *s, const struct pipeline_totals *t, uint64_t now_ns);
/*
 * -R: print when a second has passed: how far into the files (done of total
 * bytes; total 0 when not known), records per second, and the time left.
 */
void status_tick_read(struct status *s, uint64_t done, uint64_t total, uint64_t records,
		      uint64_t now_ns);
/* Erase the line (terminal). */
void status_clear(struct status *s);

#endif /* VLTRACE_STATUS_H */
