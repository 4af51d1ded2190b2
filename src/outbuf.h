/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A buffered text output on a file descriptor: large write()s, no stdio.
 *
 * Threads: one owner thread per outbuf (the writer thread for live output, the
 * main thread for -R).  Not thread-safe.
 *
 * Errors are sticky: after a failed write, outbuf_error() returns the negative
 * errno and further output is dropped.
 */
#ifndef VLTRACE_OUTBUF_H
#define VLTRACE_OUTBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct outbuf {
	int fd;
	int err; /* 0 or negative errno of the first failed write */
	char *buf;
	size_t len;
	size_t cap;
};

/* cap: buffer size; 0 picks 256 KiB. */
void outbuf_init(struct outbuf *o, int fd, size_t cap);
void outbuf_fini(struct outbuf *o); /* flushes, frees the buffer, does not close fd */
int outbuf_flush(struct outbuf *o);
void outbuf_write(struct outbuf *o, const void *data, size_t len);
__attribute__((format(printf, 2, 3))) void outbuf_printf(struct outbuf *o, const char *fmt, ...);
__attribute__((format(printf, 2, 0))) void outbuf_vprintf(struct outbuf *o, const char *fmt,
							      va_list ap);

static inline void outbuf_puts(struct outbuf *o, const char *s)
{
	outbuf_write(o, s, strlen(s));
}

static inline void outbuf_putc(struct outbuf *o, char c)
{
	if (o->len < o->cap)
		o->buf[o->len++] = c;
	else
		outbuf_write(o, &c, 1);
}

static inline int outbuf_error(const struct outbuf *o)
{
	return o->err;
}

#endif /* VLTRACE_OUTBUF_H */
