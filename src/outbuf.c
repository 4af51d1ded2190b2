// SPDX-License-Identifier: LGPL-2.1-or-later
#include "outbuf.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void outbuf_init(struct outbuf *o, int fd, size_t cap)
{
	o->fd = fd;
	o->err = 0;
	o->len = 0;
	o->cap = cap ? cap : 256 * 1024;
	o->buf = vt_malloc(o->cap);
}

void outbuf_fini(struct outbuf *o)
{
	if (!o->buf)
		return;
	outbuf_flush(o);
	free(o->buf);
	o->buf = NULL;
}

int outbuf_flush(struct outbuf *o)
{
	size_t off = 0;

	while (off < o->len && !o->err) {
		ssize_t n = write(o->fd, o->buf + off, o->len - off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			o->err = -errno;
			break;
		}
		off += n;
	}
	o->len = 0;
	return o->err;
}

void outbuf_write(struct outbuf *o, const void *data, size_t len)
{
	const char *p = data;

	if (o->err)
		return;
	while (len) {
		size_t room = o->cap - o->len, n = len < room ? len : room;

		memcpy(o->buf + o->len, p, n);
		o->len += n;
		p += n;
		len -= n;
		if (o->len == o->cap && outbuf_flush(o))
			return;
	}
}

void outbuf_vprintf(struct outbuf *o, const char *fmt, va_list ap)
{
	va_list ap2;
	size_t room;
	int n;

	if (o->err)
		return;
	if (o->cap - o->len < 512)
		outbuf_flush(o);
	room = o->cap - o->len;
	va_copy(ap2, ap);
	n = vsnprintf(o->buf + o->len, room, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	if ((size_t)n < room) {
		o->len += n;
		return;
	} else {
		char *tmp = vt_malloc((size_t)n + 1);

		vsnprintf(tmp, (size_t)n + 1, fmt, ap);
		outbuf_write(o, tmp, n);
		free(tmp);
	}
}

void outbuf_printf(struct outbuf *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	outbuf_vprintf(o, fmt, ap);
	va_end(ap);
}
