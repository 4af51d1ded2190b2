// SPDX-License-Identifier: LGPL-2.1-or-later
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

volatile int vt_stop;

void vt_die_at(const char *file, const char *func, int line, int err)
{
	fprintf(stderr, "vltrace: fatal: %s (%s:%s:%d)\n", strerror(err < 0 ? -err : err), file,
		func, line);
	abort();
}

__attribute__((format(printf, 2, 0))) static void vmsg(const char *pfx, const char *fmt,
							va_list ap)
{
	char buf[1024];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	fprintf(stderr, "vltrace: %s%s\n", pfx, buf);
}

void vt_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
}

void vt_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

void *vt_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		vt_die(ENOMEM);
	return p;
}

void *vt_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		vt_die(ENOMEM);
	return p;
}

void *vt_aligned_alloc(size_t align, size_t size)
{
	void *p = NULL;
	int err = posix_memalign(&p, align, size);

	if (err)
		vt_die(err);
	return p;
}

char *vt_strdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		vt_die(ENOMEM);
	return p;
}

int vt_parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	int shift = 0;

	/* strtoull would take " 8M" and "-1" (as 2^64 - 1): only digits may start a size */
	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return -EINVAL;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: break;
	}
	if (*end == 'i' && shift)
		end++;
	if ((*end == 'B' || *end == 'b') && shift)
		end++;
	if (*end || (shift && v > (~0ull >> shift)))
		return -EINVAL;
	*out = v << shift;
	return 0;
}

int vt_parse_fd(const char *s)
{
	char *end;
	long v;

	/* atoi() made "" and "x" fd 0, and the stats were written to stdin, then closed it */
	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v > INT_MAX || fcntl((int)v, F_GETFD) < 0)
		return -EINVAL;
	return (int)v;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double vt_median(double *v, unsigned n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
