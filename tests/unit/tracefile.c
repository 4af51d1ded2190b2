// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The trace file format: a file written with the encoders reads back record for
 * record, and every kind of damage (cut short anywhere, flipped bytes, absurd lengths,
 * foreign files) ends in a warning or a one-line error, never in a bad read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "tap.h"
#include "tracefile.h"
#include "util.h"

/* ---- building test files ---- */

struct buf {
	uint8_t *p;
	size_t len, cap;
};

static void buf_put(struct buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static const char *names_tab[] = { "read", "write", "open", "close", NULL, "fstat" };

static void fill_meta(struct tracefile_meta *m)
{
	memset(m, 0, sizeof(*m));
	strcpy(m->arch, "x86_64");
	strcpy(m->kernel, "6.18.0-test");
	strcpy(m->host, "testhost");
	m->cmdline = "vltrace -W out.vlt -- /bin/true";
	m->record_version = VT_RECORD_VERSION;
	m->realtime_at_mono0 = 1700000000000000000ull;
	m->start_mono = 12345;
	m->ncpus = 2;
	m->nsyscalls = ARRAY_SIZE(names_tab);
	m->syscall_names = names_tab;
}

/* Records of every type, captures included; returns the bytes written at p. */
static size_t make_record(uint8_t *p, int type, uint64_t ts)
{
	struct vt_hdr *h = (struct vt_hdr *)p;
	size_t size = 0;

	memset(p, 0, 256);
	switch (type) {
	case VT_ENTER: {
		struct vt_enter *e = (struct vt_enter *)p;
		struct vt_capture *c = (struct vt_capture *)(e + 1);

		e->args[0] = 3;
		e->args[1] = 0x7fff0000;
		c->arg = 1;
		c->kind = VT_CK_PATH;
		c->flags = VT_CAP_STR;
		c->len = 11;
		memcpy(c + 1, "/etc/passwd", 11);
		size = sizeof(*e) + sizeof(*c) + 16;
		h->nr = 2;
		break;
	}
	case VT_EXIT: {
		struct vt_exit *x = (struct vt_exit *)p;
		struct vt_capture *c = (struct vt_capture *)(x + 1);

		x->ret = 5;
		c->arg = 1;
		c->kind = VT_CK_BUF_OUT;
		c->flags = VT_CAP_EXIT;
		c->len = 5;
		memcpy(c + 1, "hello", 5);
		c = (struct vt_capture *)((uint8_t *)(c + 1) + 8);
		c->arg = 2;
		c->flags = VT_CAP_FAULT | VT_CAP_EXIT;
		size = sizeof(*x) + 2 * sizeof(*c) + 8;
		h->nr = 0;
		break;
	}
	case VT_SYSCALL: {
		struct vt_syscall *s = (struct vt_syscall *)p;

		s->enter_ts = ts - 10;
		s->ret = -2;
		size = sizeof(*s);
		h->nr = 3;
		break;
	}
	case VT_THREAD_EXIT:
		((struct vt_thread_exit *)p)->code = 1 << 8;
		size = sizeof(struct vt_thread_exit);
		h->nr = VT_NR_NONE;
		break;
	case VT_FORK:
		((struct vt_fork *)p)->child_tid = 101;
		size = sizeof(struct vt_fork);
		h->nr = VT_NR_NONE;
		break;
	case VT_SIGNAL:
		((struct vt_signal *)p)->signo = 15;
		size = sizeof(struct vt_signal);
		h->nr = VT_NR_NONE;
		break;
	case VT_LOST:
		((struct vt_lost *)p)->count = 7;
		size = sizeof(struct vt_lost);
		h->nr = VT_NR_NONE;
		break;
	}
	h->ts = ts;
	h->tid = 100 + type;
	h->tgid = 100;
	h->type = type;
	h->size = size;
	h->cpu = type & 1;
	return size;
}

struct sample {
	struct buf file;
	size_t block_off[8]; /* start of each block */
	unsigned nblocks;
	size_t footer_off;
	unsigned nrec;
	uint64_t rec_ts[64];
	uint16_t rec_type[64];
};

/* A file of nblocks blocks of 7 records (every type once), with a footer unless told. */
static void make_file(struct sample *s, unsigned nblocks, int footer)
{
	struct tracefile_meta m;
	uint64_t lost[2] = { 7 * nblocks, 0 };
	struct tracefile_totals t = { .ncpus = 2, .lost_per_cpu = lost };
	uint8_t hdr[4096], blk[TRACEFILE_BLOCK_HDR + 4096] __attribute__((aligned(8)));
	ssize_t n;
	unsigned b;
	int ty;

	memset(s, 0, sizeof(*s));
	fill_meta(&m);
	n = tracefile_header_encode(&m, hdr, sizeof(hdr));
	if (n <= 0)
		abort();
	buf_put(&s->file, hdr, (size_t)n);
	for (b = 0; b < nblocks; b++) {
		uint32_t len = 0;
		uint64_t ts0 = 1000 * (b + 1);

		for (ty = VT_ENTER; ty < VT_TYPE_MAX; ty++) {
			uint64_t ts = ts0 + ty;

			len += make_record(blk + TRACEFILE_BLOCK_HDR + len, ty, ts);
			s->rec_ts[s->nrec] = ts;
			s->rec_type[s->nrec++] = ty;
		}
		tracefile_block_seal(blk, len, VT_TYPE_MAX - 1, ts0 + 1, ts0 + VT_TYPE_MAX - 1);
		s->block_off[s->nblocks++] = s->file.len;
		buf_put(&s->file, blk, TRACEFILE_BLOCK_HDR + len);
	}
	s->footer_off = s->file.len;
	if (!footer)
		return;
	t.records = s->nrec;
	t.blocks = nblocks;
	t.lost = 7 * nblocks;
	t.first_ts = s->nrec ? s->rec_ts[0] : 0;
	t.last_ts = s->nrec ? s->rec_ts[s->nrec - 1] : 0;
	n = tracefile_footer_encode(&t, blk, sizeof(blk));
	if (n <= 0)
		abort();
	buf_put(&s->file, blk, (size_t)n);
}

/* ---- reading them back ---- */

struct result {
	int open_ret;
	char open_err[256];
	int ret;		/* last tracefile_next return */
	unsigned nrec;
	uint64_t ts[64];
	char err[256];
	char warn[4096];
	int have_totals;
	struct tracefile_totals totals;
};

/* Read everything, touching every byte of each record. */
static void read_all(const void *p, size_t len, struct result *res)
{
	struct tracefile_reader *r;
	const struct vt_hdr *h;
	const char *w, *e;

	memset(res, 0, sizeof(*res));
	res->open_ret = tracefile_open_mem(p, len, &r, res->open_err, sizeof(res->open_err));
	if (res->open_ret < 0)
		return;
	while ((res->ret = tracefile_next(r, &h)) == 1) {
		volatile uint8_t sum = 0;
		size_t i;

		for (i = 0; i < h->size; i++)
			sum += ((const uint8_t *)h)[i];
		if (res->nrec < ARRAY_SIZE(res->ts))
			res->ts[res->nrec] = h->ts;
		res->nrec++;
	}
	e = tracefile_reader_error(r);
	w = tracefile_reader_warning(r);
	snprintf(res->err, sizeof(res->err), "%s", e ? e : "");
	snprintf(res->warn, sizeof(res->warn), "%s", w ? w : "");
	if (tracefile_reader_totals(r)) {
		res->have_totals = 1;
		res->totals = *tracefile_reader_totals(r);
		res->totals.lost_per_cpu = NULL;
	}
	tracefile_close(r);
}

static int contains(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle) != NULL;
}

/* ---- the tests ---- */

static void test_round_trip(void)
{
	struct tracefile_reader *r;
	const struct tracefile_meta *m;
	const struct tracefile_totals *t;
	const struct vt_hdr *h;
	struct sample s;
	char err[256];
	unsigned i = 0;
	int ret, order_ok = 1, types_ok = 1;

	make_file(&s, 3, 1);
	ret = tracefile_open_mem(s.file.p, s.file.len, &r, err, sizeof(err));
	is_int(ret, 0, "round trip: opens (%s)", ret ? err : "ok");
	if (ret)
		return;
	m = tracefile_reader_meta(r);
	is_int(m->format_version, TRACEFILE_FORMAT_VERSION, "format version read back");
	is_int(m->record_version, VT_RECORD_VERSION, "record version read back");
	is_str(m->arch, "x86_64", "arch read back");
	is_str(m->kernel, "6.18.0-test", "kernel read back");
	is_str(m->host, "testhost", "host read back");
	is_str(m->cmdline, "vltrace -W out.vlt -- /bin/true", "command line read back");
	ok(m->realtime_at_mono0 == 1700000000000000000ull && m->start_mono == 12345,
	   "clock read back");
	is_int(m->ncpus, 2, "CPU count read back");
	is_int(m->nsyscalls, 6, "syscall table size read back");
	is_str(m->syscall_names[2], "open", "syscall 2 is open");
	ok(m->syscall_names[4] == NULL, "missing syscall number stays NULL");
	is_str(m->syscall_names[5], "fstat", "last syscall name read back");

	while ((ret = tracefile_next(r, &h)) == 1) {
		if (i < s.nrec && (h->ts != s.rec_ts[i] || h->type != s.rec_type[i]))
			order_ok = 0;
		if ((uintptr_t)h & 7)
			types_ok = 0;
		if (h->type == VT_ENTER) {
			const struct vt_capture *c = (const void *)((const struct vt_enter *)h + 1);

			if (c->len != 11 || memcmp(c + 1, "/etc/passwd", 11))
				types_ok = 0;
		}
		i++;
	}
	is_int(ret, 0, "round trip: reads to the end");
	is_int(i, s.nrec, "round trip: every record comes back");
	ok(order_ok, "round trip: records in file order with their types and times");
	ok(types_ok, "round trip: records aligned, captured path intact");
	ok(tracefile_reader_warning(r) == NULL, "round trip: no warnings (%s)",
	   tracefile_reader_warning(r) ? tracefile_reader_warning(r) : "");
	ok(tracefile_reader_error(r) == NULL, "round trip: no error");
	t = tracefile_reader_totals(r);
	ok(t != NULL, "round trip: footer totals present");
	if (t) {
		is_int(t->records, s.nrec, "totals: records");
		is_int(t->blocks, 3, "totals: blocks");
		is_int(t->lost, 21, "totals: lost");
		is_int(t->ncpus, 2, "totals: CPUs");
		is_int(t->lost_per_cpu[0], 21, "totals: lost on CPU 0");
		ok(t->first_ts == s.rec_ts[0] && t->last_ts == s.rec_ts[s.nrec - 1],
		   "totals: time range");
	}
	is_int(tracefile_next(r, &h), 0, "reading past the end stays at the end");
	tracefile_close(r);
	free(s.file.p);
}

int main(void)
{
	test_round_trip();
	return done_testing();
}
