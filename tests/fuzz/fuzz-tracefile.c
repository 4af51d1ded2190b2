// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target for the trace file reader.
 *
 * Each input is read as a trace file from memory, touching every byte the reader
 * hands out (records, metadata, totals, messages) so that AddressSanitizer sees any
 * read outside the input.  Besides memory errors it traps on broken promises:
 *  - a record handed out is 8-byte aligned and passes vt_record_check;
 *  - reading from a pipe (bounded read()s) gives the same records and outcome as
 *    reading from memory;
 *  - a header that was accepted, encoded again, is accepted again with the same
 *    contents.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tracefile.h"

static volatile uint64_t sink;

#define check(cond)                                                          \
	do {                                                                 \
		if (!(cond)) {                                               \
			fprintf(stderr, "fuzz-tracefile: %s:%d: %s\n", __FILE__, \
				__LINE__, #cond);                            \
			__builtin_trap();                                    \
		}                                                            \
	} while (0)

static uint64_t touch(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ull;
	sink += h;
	return h;
}

static void touch_str(const char *s)
{
	if (s)
		touch(s, strlen(s) + 1);
}

struct outcome {
	int open_ret;
	int ret;
	uint64_t nrec;
	uint64_t hash;
	int have_totals;
};

static void read_through(struct tracefile_reader *r, struct outcome *o)
{
	const struct tracefile_meta *m = tracefile_reader_meta(r);
	const struct tracefile_totals *t;
	const struct vt_hdr *h;
	uint32_t i;

	touch(m->arch, sizeof(m->arch));
	touch(m->kernel, sizeof(m->kernel));
	touch(m->host, sizeof(m->host));
	touch_str(m->cmdline);
	for (i = 0; i < m->nsyscalls; i++)
		touch_str(m->syscall_names[i]);

	while ((o->ret = tracefile_next(r, &h)) == 1) {
		check(((uintptr_t)h & 7) == 0);
		check(vt_record_check(h, h->size) == h->size);
		o->hash = o->hash * 31 + touch(h, h->size);
		o->nrec++;
	}
	check(o->ret <= 0);
	check(tracefile_next(r, &h) == o->ret);
	touch_str(tracefile_reader_warning(r));
	touch_str(tracefile_reader_error(r));
	check((o->ret < 0) == (tracefile_reader_error(r) != NULL));
	t = tracefile_reader_totals(r);
	o->have_totals = t != NULL;
	if (t) {
		check(t->ncpus <= TRACEFILE_MAX_CPUS);
		touch(t, sizeof(*t));
		touch(t->lost_per_cpu, t->ncpus * sizeof(uint64_t));
	}
}

/* A header that was accepted must encode again and read back the same. */
static void reencode(const struct tracefile_meta *m)
{
	struct tracefile_reader *r;
	ssize_t n = tracefile_header_size(m);
	char err[256];
	uint8_t *buf;
	uint32_t i;
	int ret;

	if (m->cmdline && strlen(m->cmdline) > TRACEFILE_CMDLINE_MAX)
		return;
	check(n > 0);
	buf = aligned_alloc(8, (size_t)n);
	check(buf);
	check(tracefile_header_encode(m, buf, (size_t)n) == n);
	ret = tracefile_open_mem(buf, (size_t)n, &r, err, sizeof(err));
	check(ret == 0);
	{
		const struct tracefile_meta *m2 = tracefile_reader_meta(r);

		check(!strcmp(m->arch, m2->arch) && !strcmp(m->kernel, m2->kernel) &&
		      !strcmp(m->host, m2->host));
		check(!strcmp(m->cmdline ? m->cmdline : "", m2->cmdline ? m2->cmdline : ""));
		check(m->ncpus == m2->ncpus && m->nsyscalls == m2->nsyscalls &&
		      m->record_version == m2->record_version &&
		      m->realtime_at_mono0 == m2->realtime_at_mono0 &&
		      m->start_mono == m2->start_mono);
		for (i = 0; i < m->nsyscalls; i++)
			check((!m->syscall_names[i] && !m2->syscall_names[i]) ||
			      (m->syscall_names[i] && m2->syscall_names[i] &&
			       !strcmp(m->syscall_names[i], m2->syscall_names[i])));
	}
	tracefile_close(r);
	free(buf);
}

/* The same input through a pipe: the bounded-read path must agree with memory. */
static void through_pipe(const uint8_t *data, size_t size, const struct outcome *mem)
{
	struct tracefile_reader *r;
	struct outcome o = { 0 };
	char path[64], err[256];
	int pfd[2];

	if (size > (1u << 20) || pipe2(pfd, O_CLOEXEC))
		return;
	if (size > 65536 && fcntl(pfd[1], F_SETPIPE_SZ, (int)size) < 0)
		goto out;
	if (size && write(pfd[1], data, size) != (ssize_t)size)
		goto out;
	close(pfd[1]);
	pfd[1] = -1;
	snprintf(path, sizeof(path), "/dev/fd/%d", pfd[0]);
	o.open_ret = tracefile_open(path, &r, err, sizeof(err));
	check((o.open_ret < 0) == (mem->open_ret < 0));
	if (o.open_ret == 0) {
		read_through(r, &o);
		tracefile_close(r);
		check(o.ret == mem->ret && o.nrec == mem->nrec && o.hash == mem->hash &&
		      o.have_totals == mem->have_totals);
	}
out:
	close(pfd[0]);
	if (pfd[1] >= 0)
		close(pfd[1]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tracefile_reader *r;
	struct outcome o = { 0 };
	char err[256];
	int n;

	/* the record checker alone, on the raw bytes, as the pipeline uses it */
	n = vt_record_check(data, size);
	if (n > 0) {
		check((size_t)n <= size && n % 8 == 0);
		touch(data, (size_t)n);
	}

	err[0] = '\0';
	o.open_ret = tracefile_open_mem(data, size, &r, err, sizeof(err));
	if (o.open_ret < 0) {
		check(err[0] && !strchr(err, '\n'));
		check(r == NULL);
	} else {
		reencode(tracefile_reader_meta(r));
		read_through(r, &o);
		tracefile_close(r);
	}
	through_pipe(data, size, &o);
	return 0;
}
