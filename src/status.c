// SPDX-License-Identifier: LGPL-2.1-or-later
#include "status.h"

#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

void status_init(struct status *s, int fd, uint64_t now_ns)
{
	s->fd = fd;
	s->tty = isatty(fd);
	s->start_ns = s->last_ns = now_ns;
	s->last_records = 0;
	s->shown = 0;
}

static void human_bytes(char *buf, size_t len, uint64_t b)
{
	if (b >= 10ull << 30)
		snprintf(buf, len, "%.1f GiB", b / 1073741824.0);
	else if (b >= 10ull << 20)
		snprintf(buf, len, "%.1f MiB", b / 1048576.0);
	else if (b >= 10ull << 10)
		snprintf(buf, len, "%.1f KiB", b / 1024.0);
	else
		snprintf(buf, len, "%" PRIu64 " B", b);
}

void status_tick(struct status *s, const struct pipeline_totals *t, uint64_t now_ns)
{
	char bytes[32], line[160];
	double dt = (now_ns - s->last_ns) / 1e9;
	int n;

	if (now_ns - s->last_ns < 1000000000ull)
		return;
	human_bytes(bytes, sizeof(bytes), t->bytes);
	n = snprintf(line, sizeof(line),
		     "%svltrace: %.0fs, %.0f records/s, %" PRIu64 " records, %s written, %" PRIu64
		     " lost%s",
		     s->tty ? "\r" : "", (now_ns - s->start_ns) / 1e9,
		     dt > 0 ? (t->records - s->last_records) / dt : 0.0, t->records, bytes,
		     t->lost, s->tty ? "\033[K" : "\n");
	if (n > 0 && write(s->fd, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1) > 0)
		s->shown = 1;
	s->last_ns = now_ns;
	s->last_records = t->records;
}

void status_tick_read(struct status *s, uint64_t done, uint64_t total, uint64_t records,
		      uint64_t now_ns)
{
	char pos[32], size[32], left[32] = "", line[160];
	double dt = (now_ns - s->last_ns) / 1e9, el = (now_ns - s->start_ns) / 1e9;
	int n;

	if (now_ns - s->last_ns < 1000000000ull)
		return;
	human_bytes(pos, sizeof(pos), done);
	human_bytes(size, sizeof(size), total);
	/* the rate so far holds well for a file read front to back */
	if (total && done && done < total)
		snprintf(left, sizeof(left), ", %.0fs left", el * (double)(total - done) / done);
	if (total)
		n = snprintf(line, sizeof(line), "%svltrace: %.0f%% of %s, %.0f records/s%s%s",
			     s->tty ? "\r" : "", 100.0 * done / total, size,
			     dt > 0 ? (records - s->last_records) / dt : 0.0, left,
			     s->tty ? "\033[K" : "\n");
	else
		n = snprintf(line, sizeof(line), "%svltrace: %s read, %.0f records/s%s",
			     s->tty ? "\r" : "", pos,
			     dt > 0 ? (records - s->last_records) / dt : 0.0,
			     s->tty ? "\033[K" : "\n");
	if (n > 0 &&
	    write(s->fd, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1) > 0)
		s->shown = 1;
	s->last_ns = now_ns;
	s->last_records = records;
}

void status_clear(struct status *s)
{
	if (s->shown && s->tty && write(s->fd, "\r\033[K", 4) < 0)
		return;
	s->shown = 0;
}
