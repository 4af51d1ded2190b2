/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Small things every stage uses: fatal-error helpers, the stop flag, time.
 *
 * Threads: all functions may be called from any thread.  vt_stop is the only
 * global the stages share; it is set by the main thread (signals, end of the
 * traced command) and read by every stage thread.
 */
#ifndef VLTRACE_UTIL_H
#define VLTRACE_UTIL_H

#include <stdint.h>
#include <stddef.h>
#include <time.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define VT_ALIGN(x, a) (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))

#define vt_likely(x) __builtin_expect(!!(x), 1)
#define vt_unlikely(x) __builtin_expect(!!(x), 0)

/* End the program on an unrecoverable failure, naming where (as urcu_die does). */
#define vt_die(err) vt_die_at(__FILE__, __func__, __LINE__, (err))
__attribute__((noreturn)) void vt_die_at(const char *file, const char *func, int line, int err);

/* One-line user-visible error: "vltrace: <message>" on stderr. */
__attribute__((format(printf, 1, 2))) void vt_error(const char *fmt, ...);
__attribute__((format(printf, 1, 2))) void vt_warn(const char *fmt, ...);

/* Allocation that cannot fail (dies instead). */
void *vt_malloc(size_t size);
void *vt_calloc(size_t n, size_t size);
void *vt_aligned_alloc(size_t align, size_t size);
char *vt_strdup(const char *s);

static inline uint64_t vt_now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* Set when tracing must end: 1 = finish normally (drain), 2 = cut the drain short. */
extern volatile int vt_stop;

/* Parse a size like 4096, 64K, 8M, 1G; returns 0 or -EINVAL. */
int vt_parse_size(const char *s, uint64_t *out);
/* Parse a file descriptor number given in the environment: the open fd, or -EINVAL. */
int vt_parse_fd(const char *s);

/* The median of the n values at v (n at least 1), for benchmarks; sorts v. */
double vt_median(double *v, unsigned n);

#endif /* VLTRACE_UTIL_H */
