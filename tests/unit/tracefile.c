// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The trace file format: a file written with the encoders reads back record for
 * record, and every kind of damage (cut short anywhere, flipped bytes, absurd lengths,
 * foreign files) ends in a warning or a one-line error, never in a bad read.  Files
 * of format version 1 (zlib's CRC-32) read as well as those of version 2 (CRC-32C),
 * and files of zstd-compressed blocks as well as files of raw ones.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "crc32c.h"
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
/* argument count, return kind, six argument kinds: any bytes with a count <= 6 */
static const uint8_t sig_tab[6 * TRACEFILE_SIG_LEN] = {
	3, 50, 7, 14, 4, 0, 0, 0, /* read */
	3, 50, 7, 13, 4, 0, 0, 0, /* write */
	3, 52, 11, 18, 9, 0, 0, 0, /* open */
	1, 50, 7, 0, 0, 0, 0, 0,  /* close */
	0, 0, 0, 0, 0, 0, 0, 0,	  /* no such number: not written */
	2, 50, 7, 40, 0, 0, 0, 0, /* fstat */
};

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
	m->syscall_sig = sig_tab;
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

/* make_file writes its blocks zstd-compressed (header section and block flag) */
static int sample_zstd;

/* A file of nblocks blocks of 7 records (every type once), with a footer unless told. */
static void make_file(struct sample *s, unsigned nblocks, int footer)
{
	static uint8_t zblk[TRACEFILE_BLOCK_HDR + 8192] __attribute__((aligned(8)));
	ZSTD_CCtx *cctx = sample_zstd ? ZSTD_createCCtx() : NULL;
	struct tracefile_meta m;
	uint64_t lost[2] = { 7 * nblocks, 0 };
	struct tracefile_totals t = { .ncpus = 2, .lost_per_cpu = lost };
	uint8_t hdr[4096], blk[TRACEFILE_BLOCK_HDR + 4096] __attribute__((aligned(8)));
	ssize_t n;
	unsigned b;
	int ty;

	memset(s, 0, sizeof(*s));
	fill_meta(&m);
	if (sample_zstd) {
		m.compress = TRACEFILE_COMPRESS_ZSTD;
		m.compress_level = 3;
	}
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
		if (cctx) {
			n = tracefile_block_compress(cctx, 3, blk, zblk, sizeof(zblk));
			if (n <= 0)
				abort(); /* the tests want compressed blocks, not raw ones */
			buf_put(&s->file, zblk, (size_t)n);
		} else {
			buf_put(&s->file, blk, TRACEFILE_BLOCK_HDR + len);
		}
	}
	ZSTD_freeCCtx(cctx);
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
	char warn[16384];
	int have_totals;
	struct tracefile_totals totals;
};

/* Where record bytes are summed, so that reading them cannot be optimised away. */
static volatile uint8_t touched;

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
		size_t i;

		for (i = 0; i < h->size; i++)
			touched += ((const uint8_t *)h)[i];
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
	ok(m->syscall_sig && !memcmp(m->syscall_sig, sig_tab, sizeof(sig_tab)),
	   "syscall argument kinds read back");

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

	/* a memory image at an odd address: records still come out aligned */
	{
		uint8_t *odd = malloc(s.file.len + 1);
		unsigned misaligned = 0;

		memcpy(odd + 1, s.file.p, s.file.len);
		i = 0;
		ret = tracefile_open_mem(odd + 1, s.file.len, &r, err, sizeof(err));
		is_int(ret, 0, "odd address: opens (%s)", ret ? err : "ok");
		if (!ret) {
			while ((ret = tracefile_next(r, &h)) == 1) {
				misaligned += ((uintptr_t)h & 7) != 0;
				i++;
			}
			ok(ret == 0 && i == s.nrec && !misaligned,
			   "odd address: %u records, %u misaligned", i, misaligned);
			tracefile_close(r);
		}
		free(odd);
	}
	free(s.file.p);
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* The checksum of len bytes at p in the file that starts at file, by its format version. */
static uint32_t file_crc(const uint8_t *file, const void *p, size_t len)
{
	return get32(file + 8) == 1 ? (uint32_t)crc32(0L, p, (uInt)len) : crc32c(0, p, len);
}

/* Recompute the header checksum after an edit, so that the check under test is reached. */
static void fix_header_crc(uint8_t *p)
{
	put32(p + 20, 0);
	put32(p + 20, file_crc(p, p, get32(p + 16)));
}

/* The same for the header of the block at b, in the file that starts at file. */
static void fix_block_crc(const uint8_t *file, uint8_t *b)
{
	put32(b + 60, file_crc(file, b, 60));
}

/* Make s what the version 1 writer wrote: the same bytes but zlib's CRC-32 in every checksum. */
static void to_version1(struct sample *s)
{
	uint8_t *p = s->file.p;
	unsigned k;

	put32(p + 8, 1);
	fix_header_crc(p);
	for (k = 0; k < s->nblocks; k++) {
		uint8_t *b = p + s->block_off[k];

		put32(b + 40, file_crc(p, b + TRACEFILE_BLOCK_HDR, get32(b + 12)));
		fix_block_crc(p, b);
	}
	if (s->footer_off < s->file.len)
		put32(p + s->file.len - 4, file_crc(p, p + s->footer_off,
						    s->file.len - s->footer_off - 4));
}

/* A file of nblocks blocks written in the given format version (1 or the current one). */
static void make_file_version(struct sample *s, unsigned nblocks, unsigned version)
{
	make_file(s, nblocks, 1);
	if (version == 1)
		to_version1(s);
}

/*
 * The writer writes version 2 with CRC-32C; a version 1 file, zlib's CRC-32 in it,
 * reads the same; and the reader takes the checksum its format version says, so a
 * file relabelled with the other version fails its checks.
 */
static void test_version1(void)
{
	struct sample s;
	struct result res;
	uint8_t *p, *b;
	char want[128];
	unsigned k, i, crc_ok = 1;

	make_file(&s, 3, 1);
	p = s.file.p;
	is_int(get32(p + 8), 2, "the writer writes format version 2");
	for (k = 0; k < s.nblocks; k++) {
		b = p + s.block_off[k];
		crc_ok &= get32(b + 40) == crc32c(0, b + TRACEFILE_BLOCK_HDR, get32(b + 12)) &&
			  get32(b + 60) == crc32c(0, b, 60);
	}
	crc_ok &= get32(p + s.file.len - 4) ==
		  crc32c(0, p + s.footer_off, s.file.len - s.footer_off - 4);
	{
		uint32_t stored = get32(p + 20);

		put32(p + 20, 0);
		crc_ok &= stored == crc32c(0, p, get32(p + 16));
		put32(p + 20, stored);
	}
	ok(crc_ok, "its header, block and footer checksums are CRC-32C");
	free(s.file.p);

	for (i = 0; i < 2; i++) {
		unsigned version = i ? TRACEFILE_FORMAT_VERSION : 1;
		unsigned other = i ? 1 : TRACEFILE_FORMAT_VERSION;
		struct tracefile_reader *r;
		char err[256];

		make_file_version(&s, 3, version);
		p = s.file.p;
		if (version == 1) {
			read_all(p, s.file.len, &res);
			ok(res.open_ret == 0 && res.ret == 0 && res.nrec == s.nrec &&
				   res.have_totals && res.totals.records == s.nrec && !res.warn[0] &&
				   !res.err[0] && !memcmp(res.ts, s.rec_ts, s.nrec * sizeof(res.ts[0])),
			   "version 1 file: every record and the totals, no warning (%s%s)",
			   res.open_err, res.warn);
			if (!tracefile_open_mem(p, s.file.len, &r, err, sizeof(err))) {
				is_int(tracefile_reader_meta(r)->format_version, 1,
				       "version 1 file: its version is read back");
				tracefile_close(r);
			} else {
				ok(0, "version 1 file opens (%s)", err);
			}
		}
		/* the other version in the header, whose checksum is made right for it */
		put32(p + 8, other);
		fix_header_crc(p);
		read_all(p, s.file.len, &res);
		snprintf(want, sizeof(want), "bad block header checksum at offset %zu", s.block_off[0]);
		ok(res.open_ret == 0 && res.ret == -EBADMSG && res.nrec == 0 && !strcmp(res.err, want),
		   "version %u file relabelled version %u: its blocks' checksums fail (%s)", version,
		   other, res.err);
		free(s.file.p);
	}
}

static void test_truncation(unsigned version)
{
	struct sample s;
	struct result res;
	size_t hlen, cut, bad = 0, checked = 0;
	char want[128];

	make_file_version(&s, 3, version);
	hlen = s.block_off[0];
	for (cut = 0; cut <= s.file.len; cut++) {
		uint8_t *copy = malloc(cut ? cut : 1);
		unsigned k, whole = 0;
		int good;

		/* an exact-size copy, so that a read past the end is a real overread */
		memcpy(copy, s.file.p, cut);
		read_all(copy, cut, &res);
		free(copy);
		checked++;
		if (cut == 0) {
			good = res.open_ret < 0 && contains(res.open_err, "empty file");
		} else if (cut < hlen) {
			good = res.open_ret < 0 && contains(res.open_err, "truncated header");
		} else if (cut >= s.footer_off && cut < s.file.len) {
			snprintf(want, sizeof(want), "%s at offset %zu",
				 cut == s.footer_off ? "no footer" : "file cut short", s.footer_off);
			good = res.open_ret == 0 && res.ret == 0 && res.nrec == s.nrec &&
			       !res.have_totals && contains(res.warn, want);
		} else if (cut == s.file.len) {
			good = res.open_ret == 0 && res.ret == 0 && res.nrec == s.nrec &&
			       res.have_totals && !res.warn[0];
		} else {
			for (k = 0; k < s.nblocks; k++)
				if (s.block_off[k] < cut)
					whole = k;
			if (cut == s.block_off[whole + 1 < s.nblocks ? whole + 1 : whole] &&
			    whole + 1 < s.nblocks)
				whole++;
			snprintf(want, sizeof(want), "%s at offset %zu",
				 cut == s.block_off[whole] ? "no footer" : "file cut short",
				 s.block_off[whole]);
			good = res.open_ret == 0 && res.ret == 0 && res.nrec == 7 * whole &&
			       contains(res.warn, want) && !res.have_totals && !res.err[0];
		}
		if (!good) {
			if (bad++ < 5)
				diag("cut at %zu: open %d (%s), ret %d, %u records, warn \"%s\", err \"%s\"",
				     cut, res.open_ret, res.open_err, res.ret, res.nrec, res.warn,
				     res.err);
		}
	}
	is_int(bad, 0,
	       "version %u%s: cut at each of %zu lengths: reads the whole blocks, warns with the offset",
	       version, sample_zstd ? " zstd" : "", checked);

	read_all(s.file.p, s.block_off[1] + 100, &res);
	snprintf(want, sizeof(want), "file cut short at offset %zu", s.block_off[1]);
	ok(contains(res.warn, want), "cut mid-block: warning names the block offset (%s)", res.warn);
	is_int(res.nrec, 7, "cut mid-block: the first whole block is read");
	read_all(s.file.p, s.footer_off, &res);
	snprintf(want, sizeof(want), "no footer at offset %zu", s.footer_off);
	ok(contains(res.warn, want), "cut before the footer: warns that totals are unknown (%s)",
	   res.warn);
	read_all(s.file.p, 20, &res);
	is_str(res.open_err, "truncated header (20 of 32 bytes)", "cut in the fixed header");
	free(s.file.p);
}

/* Flip bit `bit` of the buffer (bit 8 is the low bit of byte 1). */
static void flip(uint8_t *p, size_t bit)
{
	p[bit / 8] ^= (uint8_t)(1u << (bit % 8));
}

static void test_flips(unsigned version)
{
	struct sample s;
	struct result res;
	size_t i, hlen, bad_hdr = 0, bad_bh = 0, bad_pay = 0, bad_foot = 0;
	char want[128];
	unsigned k;

	make_file_version(&s, 3, version);
	hlen = s.block_off[0];
	for (i = 0; i < 8 * hlen; i++) {
		flip(s.file.p, i);
		read_all(s.file.p, s.file.len, &res);
		flip(s.file.p, i);
		if (res.open_ret >= 0 || !res.open_err[0] || strchr(res.open_err, '\n')) {
			if (bad_hdr++ < 3)
				diag("header bit %zu flipped: open %d", i, res.open_ret);
		}
	}
	is_int(bad_hdr, 0, "version %u%s: each of %zu header bits flipped: open fails with one line",
	       version, sample_zstd ? " zstd" : "", 8 * hlen);

	for (k = 0; k < s.nblocks; k++) {
		for (i = 0; i < 8 * TRACEFILE_BLOCK_HDR; i++) {
			uint8_t *b = s.file.p + s.block_off[k];

			flip(b, i);
			read_all(s.file.p, s.file.len, &res);
			flip(b, i);
			snprintf(want, sizeof(want), "%s at offset %zu",
				 i < 64 ? "bad block magic" : "bad block header checksum",
				 s.block_off[k]);
			if (res.ret != -EBADMSG || res.nrec != 7 * k || strcmp(res.err, want)) {
				if (bad_bh++ < 3)
					diag("block %u bit %zu: ret %d, %u records, err \"%s\"", k, i,
					     res.ret, res.nrec, res.err);
			}
		}
	}
	is_int(bad_bh, 0, "version %u%s: each block header bit flipped: error names the block offset",
	       version, sample_zstd ? " zstd" : "");

	for (k = 0; k < s.nblocks; k++) {
		size_t end = k + 1 < s.nblocks ? s.block_off[k + 1] : s.footer_off;

		for (i = 8 * (s.block_off[k] + TRACEFILE_BLOCK_HDR); i < 8 * end; i++) {
			flip(s.file.p, i);
			read_all(s.file.p, s.file.len, &res);
			flip(s.file.p, i);
			snprintf(want, sizeof(want),
				 "bad payload checksum in the block at offset %zu: 7 records skipped",
				 s.block_off[k]);
			if (res.ret != 0 || res.nrec != s.nrec - 7 || strcmp(res.warn, want) ||
			    !res.have_totals) {
				if (bad_pay++ < 3)
					diag("payload bit %zu: ret %d, %u records, warn \"%s\"", i,
					     res.ret, res.nrec, res.warn);
			}
		}
	}
	is_int(bad_pay, 0, "version %u%s: each payload bit flipped: that block is skipped with a warning",
	       version, sample_zstd ? " zstd" : "");

	for (i = 8 * s.footer_off; i < 8 * s.file.len; i++) {
		int good;

		flip(s.file.p, i);
		read_all(s.file.p, s.file.len, &res);
		flip(s.file.p, i);
		if (i < 8 * (s.footer_off + 8))
			good = res.ret == -EBADMSG && contains(res.err, "bad block magic");
		else
			good = res.ret == 0 && res.nrec == s.nrec && !res.have_totals &&
			       contains(res.warn, "totals ignored");
		if (!good && bad_foot++ < 3)
			diag("footer bit %zu: ret %d, warn \"%s\", err \"%s\"", i, res.ret,
			     res.warn, res.err);
	}
	is_int(bad_foot, 0, "version %u%s: each footer bit flipped: totals ignored or the magic refused",
	       version, sample_zstd ? " zstd" : "");
	free(s.file.p);
}

static void test_lengths(void)
{
	struct sample s;
	struct result res;
	uint8_t *b;
	size_t hlen;

	make_file(&s, 2, 1);
	hlen = s.block_off[0];

	put32(s.file.p + 16, 0xfffffff8);
	read_all(s.file.p, s.file.len, &res);
	is_str(res.open_err, "bad header length 4294967288 at offset 16", "huge header length");
	put32(s.file.p + 16, 36);
	read_all(s.file.p, s.file.len, &res);
	is_str(res.open_err, "bad header length 36 at offset 16", "unaligned header length");
	put32(s.file.p + 16, (uint32_t)hlen);

	/* the first section's length, made huge with a good checksum */
	put32(s.file.p + 36, 0x7ffffff0);
	fix_header_crc(s.file.p);
	read_all(s.file.p, s.file.len, &res);
	is_str(res.open_err, "bad header section length 2147483632 at offset 36",
	       "huge header section length");
	put32(s.file.p + 36, 6);
	fix_header_crc(s.file.p);
	read_all(s.file.p, s.file.len, &res);
	is_int(res.open_ret, 0, "header restored reads again (%s)", res.open_err);

	b = s.file.p + s.block_off[1];
	put32(b + 12, 0xfffffff8);
	fix_block_crc(s.file.p, b);
	read_all(s.file.p, s.file.len, &res);
	ok(res.ret == -EBADMSG && res.nrec == 7, "huge payload length: error after the good block");
	ok(contains(res.err, "bad block payload length 4294967288 at offset"),
	   "huge payload length: error names it (%s)", res.err);

	put32(b + 12, TRACEFILE_BLOCK_MAX);
	put32(b + 16, 1000);
	fix_block_crc(s.file.p, b);
	read_all(s.file.p, s.file.len, &res);
	ok(res.ret == 0 && res.nrec == 7 && contains(res.warn, "cut short"),
	   "largest payload length past the end: read as cut short (%s)", res.warn);

	put32(b + 12, 1000 * 24);
	put32(b + 16, 1001);
	fix_block_crc(s.file.p, b);
	read_all(s.file.p, s.file.len, &res);
	ok(res.ret == -EBADMSG && contains(res.err, "bad block header"),
	   "more records than the payload can hold: refused (%s)", res.err);

	put32(b + 8, 0x10000);
	put32(b + 12, 64);
	put32(b + 16, 1);
	fix_block_crc(s.file.p, b);
	read_all(s.file.p, s.file.len, &res);
	ok(res.ret == -EBADMSG && contains(res.err, "bad block header length 65536"),
	   "huge block header length: refused (%s)", res.err);
	free(s.file.p);

	/* a record claiming to be larger than its block, with good checksums */
	make_file(&s, 2, 1);
	b = s.file.p + s.block_off[0];
	{
		struct vt_hdr *h = (struct vt_hdr *)(b + TRACEFILE_BLOCK_HDR);
		uint32_t plen = get32(b + 12);

		h->size = 0xfff8;
		put32(b + 40, file_crc(s.file.p, b + TRACEFILE_BLOCK_HDR, plen));
		fix_block_crc(s.file.p, b);
	}
	read_all(s.file.p, s.file.len, &res);
	ok(res.ret == 0 && res.nrec == 7 && contains(res.warn, "bad record at offset") &&
		   contains(res.warn, "rest of the block skipped"),
	   "record larger than its block: rest of block skipped, next block read (%s)", res.warn);
	free(s.file.p);

	/* footer with a CPU count that would make it huge */
	make_file(&s, 1, 1);
	put32(s.file.p + s.footer_off + 12, 0x40000000);
	read_all(s.file.p, s.file.len, &res);
	ok(res.ret == 0 && res.nrec == 7 && !res.have_totals &&
		   contains(res.warn, "bad footer length"),
	   "huge footer CPU count: totals ignored (%s)", res.warn);
	free(s.file.p);
}

static void test_foreign(void)
{
	struct tracefile_meta m;
	struct sample s;
	struct result res;
	uint8_t hdr[4096], rnd[4096];
	unsigned i, bad = 0;
	ssize_t n;

	read_all("", 0, &res);
	is_str(res.open_err, "empty file (0 bytes): not a vltrace trace file", "empty file");
	read_all(NULL, 0, &res);
	ok(res.open_ret < 0, "no buffer at all: refused");
	read_all("#!/bin/sh\necho hello\n", 21, &res);
	is_str(res.open_err, "not a vltrace trace file (bad magic)", "a shell script");
	read_all("\x7fVLT", 4, &res);
	ok(contains(res.open_err, "truncated header"), "first bytes of the magic only (%s)",
	   res.open_err);

	make_file(&s, 1, 1);
	put32(s.file.p + 8, 3);
	read_all(s.file.p, s.file.len, &res);
	is_str(res.open_err, "format version 3 is newer than this vltrace reads (2): use a newer vltrace",
	       "newer format version");
	put32(s.file.p + 8, 0);
	read_all(s.file.p, s.file.len, &res);
	is_str(res.open_err, "bad format version 0 at offset 8", "format version 0");
	put32(s.file.p + 8, TRACEFILE_FORMAT_VERSION);

	memcpy(s.file.p + 12, "\x01\x02\x03\x04", 4);
	read_all(s.file.p, s.file.len, &res);
	ok(contains(res.open_err, "wrong byte order"), "big-endian byte order mark (%s)",
	   res.open_err);
	memcpy(s.file.p + 12, "\x04\x03\x02\x01", 4);
	read_all(s.file.p, s.file.len, &res);
	is_int(res.open_ret, 0, "byte order mark restored reads again");
	free(s.file.p);

	fill_meta(&m);
	strcpy(m.arch, "aarch64");
	n = tracefile_header_encode(&m, hdr, sizeof(hdr));
	read_all(hdr, (size_t)n, &res);
	ok(contains(res.open_err, "wrong architecture") && contains(res.open_err, "aarch64"),
	   "other architecture (%s)", res.open_err);

	fill_meta(&m);
	m.record_version = VT_RECORD_VERSION + 1;
	n = tracefile_header_encode(&m, hdr, sizeof(hdr));
	read_all(hdr, (size_t)n, &res);
	ok(contains(res.open_err, "record version"), "other record version (%s)", res.open_err);

	srand(7);
	for (i = 0; i < 200; i++) {
		size_t len = (size_t)rand() % sizeof(rnd), j;

		for (j = 0; j < len; j++)
			rnd[j] = (uint8_t)rand();
		read_all(rnd, len, &res);
		if (res.open_ret >= 0)
			bad++;
	}
	is_int(bad, 0, "200 buffers of random bytes: all refused");

	/* a good header followed by random bytes */
	fill_meta(&m);
	n = tracefile_header_encode(&m, hdr, sizeof(hdr));
	bad = 0;
	for (i = 0; i < 200; i++) {
		/* at least a block header's worth: a shorter tail reads as a file cut short */
		size_t len = TRACEFILE_BLOCK_HDR +
			     (size_t)rand() % (sizeof(rnd) - (size_t)n - TRACEFILE_BLOCK_HDR), j;
		uint8_t *f = malloc((size_t)n + len + 1);

		memcpy(f, hdr, (size_t)n);
		for (j = 0; j < len; j++)
			f[n + j] = (uint8_t)(rand() | 1);
		read_all(f, (size_t)n + len, &res);
		free(f);
		if (len && (res.ret != -EBADMSG || res.nrec || !contains(res.err, "bad block magic")))
			bad++;
	}
	is_int(bad, 0, "good header then random bytes: bad block magic, no record");

	/* random damage anywhere: the reader ends, and never reads outside the buffer */
	make_file(&s, 3, 1);
	for (i = 0; i < 2000; i++) {
		uint8_t *f = malloc(s.file.len);
		unsigned j, nflip = 1 + (unsigned)rand() % 4;

		memcpy(f, s.file.p, s.file.len);
		for (j = 0; j < nflip; j++)
			f[(size_t)rand() % s.file.len] ^= (uint8_t)(1 + rand() % 255);
		read_all(f, s.file.len - (size_t)rand() % 3, &res);
		free(f);
	}
	ok(1, "2000 randomly damaged files read without a crash");
	free(s.file.p);
}

/* Insert a header section of the given type and flags after the fixed part. */
static size_t with_section(uint8_t *out, const uint8_t *hdr, size_t hlen, uint16_t type,
			   uint16_t flags)
{
	uint8_t sec[16] = { 0 };

	memcpy(sec, &type, 2);
	memcpy(sec + 2, &flags, 2);
	put32(sec + 4, 5);
	memcpy(sec + 8, "hello", 5);
	memcpy(out, hdr, 32);
	memcpy(out + 32, sec, sizeof(sec));
	memcpy(out + 32 + sizeof(sec), hdr + 32, hlen - 32);
	put32(out + 16, (uint32_t)(hlen + sizeof(sec)));
	fix_header_crc(out);
	return hlen + sizeof(sec);
}

static void test_sections(void)
{
	struct tracefile_meta m;
	struct result res;
	uint8_t hdr[4096], hdr2[4096], out[4200];
	const char *bad_names[] = { "read", "bad name" };
	ssize_t n, n2, sz;
	size_t len;

	fill_meta(&m);
	sz = tracefile_header_size(&m);
	n = tracefile_header_encode(&m, hdr, sizeof(hdr));
	n2 = tracefile_header_encode(&m, hdr2, sizeof(hdr2));
	ok(sz > 0 && sz == n && n == n2 && !memcmp(hdr, hdr2, (size_t)n),
	   "header size matches, encoding is deterministic");
	ok(n % 8 == 0, "header length is a multiple of 8");
	is_int(tracefile_header_encode(&m, hdr2, (size_t)n - 1), -ENOSPC,
	       "encoding into a short buffer: ENOSPC");

	len = with_section(out, hdr, (size_t)n, 999, 0);
	read_all(out, len, &res);
	ok(res.open_ret == 0 && res.ret == 0, "unknown optional section is skipped (%s)",
	   res.open_err);
	len = with_section(out, hdr, (size_t)n, 999, 1);
	read_all(out, len, &res);
	ok(contains(res.open_err, "header section 999 at offset 32 is required but unknown"),
	   "unknown required section refuses the file (%s)", res.open_err);
	len = with_section(out, hdr, (size_t)n, 4, 0);
	read_all(out, len, &res);
	ok(contains(res.open_err, "repeated"), "a section twice is refused (%s)", res.open_err);

	/* argument kinds for a number without a name: refused */
	fill_meta(&m);
	{
		static const char *holes[] = { "read", NULL };
		static const uint8_t sig2[2 * TRACEFILE_SIG_LEN] = { 3, 50 };
		uint8_t *p;

		m.syscall_names = holes;
		m.nsyscalls = 2;
		m.syscall_sig = sig2;
		n = tracefile_header_encode(&m, hdr, sizeof(hdr));
		/* the SYSARGS section's one entry names number 0: make it name number 1 */
		p = memmem(hdr, (size_t)n, "\x01\x00\x00\x00\x00\x00\x03\x32", 8);
		ok(p != NULL, "the argument kinds of syscall 0 are in the header");
		if (p) {
			p[4] = 1; /* after the u32 entry count: the entry's number */
			fix_header_crc(hdr);
			read_all(hdr, (size_t)n, &res);
			ok(contains(res.open_err, "bad syscall argument table"),
			   "argument kinds for a number without a name are refused (%s)",
			   res.open_err);
		}
	}
	fill_meta(&m);
	m.syscall_names = bad_names;
	m.nsyscalls = 2;
	is_int(tracefile_header_size(&m), -EINVAL, "syscall name with a space: EINVAL");
	fill_meta(&m);
	m.ncpus = TRACEFILE_MAX_CPUS + 1;
	is_int(tracefile_header_size(&m), -EINVAL, "too many CPUs: EINVAL");

	fill_meta(&m);
	strcpy(m.host, "evil\033[2Jhost");
	n = tracefile_header_encode(&m, hdr, sizeof(hdr));
	read_all(hdr, (size_t)n, &res);
	{
		struct tracefile_reader *r;
		char err[256];

		if (tracefile_open_mem(hdr, (size_t)n, &r, err, sizeof(err)) == 0) {
			is_str(tracefile_reader_meta(r)->host, "evil?[2Jhost",
			       "control characters in strings are not passed on");
			tracefile_close(r);
		} else {
			ok(0, "header with an escape in the host name opens (%s)", err);
		}
	}
}

/* PROCS: the names of the processes traced from the start, through a header and back */
static void test_procs(void)
{
	static const struct tracefile_proc procs[] = {
		{ 100, "nginx" }, { 200, "a-name-of-15ch" }, { 300, "" },
	};
	struct tracefile_meta m;
	struct tracefile_reader *r;
	static uint8_t hdr[1 << 16] __attribute__((aligned(8)));
	char err[256];
	ssize_t n;

	fill_meta(&m);
	m.procs = procs;
	m.nprocs = 3;
	n = tracefile_header_encode(&m, hdr, sizeof(hdr));
	ok(n > 0, "a header with PROCS encodes");
	if (n > 0 && tracefile_open_mem(hdr, (size_t)n, &r, err, sizeof(err)) == 0) {
		const struct tracefile_meta *got = tracefile_reader_meta(r);

		ok(got->nprocs == 3 && got->procs[0].tgid == 100 && got->procs[2].tgid == 300,
		   "PROCS: the process IDs back");
		is_str(got->procs[0].comm, "nginx", "PROCS: a name back");
		is_str(got->procs[1].comm, "a-name-of-15ch", "PROCS: a long name back");
		is_str(got->procs[2].comm, "", "PROCS: an empty name back");
		tracefile_close(r);
	} else {
		ok(0, "a header with PROCS opens (%s)", err);
	}
	fill_meta(&m);
	m.nprocs = 1;
	m.procs = NULL;
	is_int(tracefile_header_size(&m), -EINVAL, "PROCS without processes: EINVAL");
	fill_meta(&m);
	n = tracefile_header_encode(&m, hdr, sizeof(hdr));
	if (n > 0 && tracefile_open_mem(hdr, (size_t)n, &r, err, sizeof(err)) == 0) {
		ok(tracefile_reader_meta(r)->nprocs == 0, "no PROCS section: no processes");
		tracefile_close(r);
	}
}

static void test_records(void)
{
	uint8_t rec[512] __attribute__((aligned(8)));
	struct vt_hdr *h = (struct vt_hdr *)rec;
	struct vt_capture *c;
	size_t n;
	int ty, bad = 0;

	for (ty = VT_ENTER; ty < VT_TYPE_MAX; ty++) {
		n = make_record(rec, ty, 1);
		if (vt_record_check(rec, n) != (int)n || vt_record_check(rec, n + 8) != (int)n)
			bad++;
		if (vt_record_check(rec, n - 1) != -EBADMSG)
			bad++;
		if (ty != VT_EXIT) {
			/* one item short of the fixed part: too small for its type */
			h->size = (uint16_t)(n - 8);
			if (vt_record_check(rec, n) != -EBADMSG)
				bad++;
		}
	}
	is_int(bad, 0, "every record type: accepted whole, refused cut or short of its type");

	n = make_record(rec, VT_FORK, 1);
	h->size = 36;
	is_int(vt_record_check(rec, sizeof(rec)), -EBADMSG, "size not a multiple of 8");
	h->size = 16;
	is_int(vt_record_check(rec, sizeof(rec)), -EBADMSG, "size below the record header");
	h->size = VT_RECORD_MAX + 8;
	is_int(vt_record_check(rec, VT_RECORD_MAX + 64), -EBADMSG, "size above VT_RECORD_MAX");
	h->size = (uint16_t)n;
	h->type = VT_TYPE_MAX;
	is_int(vt_record_check(rec, sizeof(rec)), -EBADMSG, "unknown type");
	h->type = 0;
	is_int(vt_record_check(rec, sizeof(rec)), -EBADMSG, "type 0");
	is_int(vt_record_check(rec, 8), -EBADMSG, "fewer bytes than a record header");

	n = make_record(rec, VT_ENTER, 1);
	c = (struct vt_capture *)(rec + sizeof(struct vt_enter));
	c->arg = 6;
	is_int(vt_record_check(rec, n), -EBADMSG, "capture of argument 6");
	c->arg = 1;
	c->len = 17;
	is_int(vt_record_check(rec, n), -EBADMSG, "capture data past the record");
	c->len = 0xffffffff;
	is_int(vt_record_check(rec, n), -EBADMSG, "capture length 4 GiB");
	c->len = 11;
	c->flags = VT_CAP_FAULT;
	is_int(vt_record_check(rec, n), -EBADMSG, "fault with data");
	c->flags = 0x100;
	is_int(vt_record_check(rec, n), -EBADMSG, "unknown capture flag");
	c->flags = VT_CAP_STR;
	is_int(vt_record_check(rec, n), (int)n, "capture restored is accepted");
	h->size = (uint16_t)(n + 8); /* half an item header would not fit: 8 bytes of zero do */
	memset(rec + n, 0, 8);
	is_int(vt_record_check(rec, n + 8), (int)n + 8, "a trailing empty capture item is accepted");
	h->size = (uint16_t)(sizeof(struct vt_enter) + 8);
	c->len = 8;
	is_int(vt_record_check(rec, n), -EBADMSG, "item header without its data");

	/* arrays (argv, iovecs, msghdr) are bounded by the record, a value by 4096 bytes */
	{
		static uint8_t big[8192] __attribute__((aligned(8)));
		struct vt_hdr *bh = (struct vt_hdr *)big;
		struct vt_capture *bc = (struct vt_capture *)(big + sizeof(struct vt_enter));

		n = sizeof(struct vt_enter) + sizeof(*bc) + 6000;
		bh->type = VT_ENTER;
		bh->size = (uint16_t)n;
		bc->arg = 1;
		bc->kind = VT_CK_IOV_IN;
		bc->len = 6000;
		is_int(vt_record_check(big, n), (int)n, "an iovec item of 6000 bytes is accepted");
		bc->kind = VT_CK_STRV;
		is_int(vt_record_check(big, n), (int)n, "so is execve's argv");
		bc->kind = VT_CK_BUF_IN;
		is_int(vt_record_check(big, n), -EBADMSG, "a buffer of 6000 bytes is not");
		bc->kind = VT_CK_MSGHDR_OUT;
		bc->flags = VT_CAP_EXIT | VT_CAP_PARTIAL;
		is_int(vt_record_check(big, n), (int)n, "partly read at entry, read again at exit");
	}
}

/* Many damaged blocks: the warnings stay bounded and say how many were left out. */
static void test_warning_cap(void)
{
	struct sample s;
	struct result res;
	unsigned k, lines = 1;
	const char *p;

	make_file(&s, 8, 1);
	for (k = 0; k < 8; k++)
		s.file.p[s.block_off[k] + TRACEFILE_BLOCK_HDR + 3] ^= 1;
	read_all(s.file.p, s.file.len, &res);
	for (p = res.warn; *p; p++)
		lines += *p == '\n';
	is_int(lines, 8, "eight damaged blocks: eight warning lines");
	is_int(res.nrec, 0, "eight damaged blocks: no record trusted");
	free(s.file.p);

	/* more than the cap: zero fill does not count, use a file with 80 bad blocks */
	{
		struct buf f = { 0 };
		unsigned i;

		make_file(&s, 1, 0);
		buf_put(&f, s.file.p, s.block_off[0]);
		for (i = 0; i < 80; i++) {
			size_t at = f.len;

			buf_put(&f, s.file.p + s.block_off[0], s.footer_off - s.block_off[0]);
			f.p[at + TRACEFILE_BLOCK_HDR] ^= 1;
		}
		read_all(f.p, f.len, &res);
		lines = 1;
		for (p = res.warn; *p; p++)
			lines += *p == '\n';
		is_int(lines, 65, "80 damaged blocks: 64 lines and one that counts the rest");
		ok(contains(res.warn, "17 more warnings like these not shown"),
		   "the last line counts what was left out");
		free(f.p);
		free(s.file.p);
	}
}

static void test_tails(void)
{
	struct sample s;
	struct result res;
	uint8_t zero[4096] = { 0 };
	char want[128];

	make_file(&s, 2, 0);
	buf_put(&s.file, zero, sizeof(zero));
	read_all(s.file.p, s.file.len, &res);
	snprintf(want, sizeof(want), "file cut short at offset %zu: zeros after the last block",
		 s.footer_off);
	ok(res.ret == 0 && res.nrec == 14 && contains(res.warn, want),
	   "zero fill after the last block: read as cut short (%s)", res.warn);
	free(s.file.p);

	make_file(&s, 2, 1);
	buf_put(&s.file, "junk", 4);
	read_all(s.file.p, s.file.len, &res);
	ok(res.ret == 0 && res.have_totals && contains(res.warn, "data after the footer"),
	   "bytes after the footer: warning (%s)", res.warn);
	free(s.file.p);

	/* a footer that does not match the blocks (one block removed by hand) */
	make_file(&s, 2, 1);
	memmove(s.file.p + s.block_off[1], s.file.p + s.footer_off, s.file.len - s.footer_off);
	s.file.len -= s.footer_off - s.block_off[1];
	read_all(s.file.p, s.file.len, &res);
	ok(res.ret == 0 && res.nrec == 7 && contains(res.warn, "counts 2 blocks"),
	   "footer totals that do not match the file: warning (%s)", res.warn);
	free(s.file.p);
}

/* The same file through a mapped regular file and through a pipe (bounded reads). */
static void test_fd_paths(void)
{
	struct sample s;
	struct tracefile_reader *r;
	const struct vt_hdr *h;
	char path[] = "/tmp/vltrace-tf-XXXXXX", err[256], fdpath[64];
	unsigned n;
	int fd, pfd[2], ret, mode;

	make_file(&s, 3, 1);
	fd = mkstemp(path);
	if (fd < 0 || write(fd, s.file.p, s.file.len) != (ssize_t)s.file.len) {
		ok(0, "temporary file written");
		return;
	}
	close(fd);
	for (mode = 0; mode < 3; mode++) {
		const char *what = mode == 0 ? "regular file" :
				   mode == 1 ? "pipe" : "pipe, cut in the second block";
		size_t len = mode == 2 ? s.block_off[1] + 70 : s.file.len;

		if (mode == 0) {
			ret = tracefile_open(path, &r, err, sizeof(err));
		} else {
			if (pipe(pfd) || write(pfd[1], s.file.p, len) != (ssize_t)len) {
				ok(0, "pipe written");
				break;
			}
			close(pfd[1]);
			snprintf(fdpath, sizeof(fdpath), "/dev/fd/%d", pfd[0]);
			ret = tracefile_open(fdpath, &r, err, sizeof(err));
			close(pfd[0]);
		}
		is_int(ret, 0, "%s: opens (%s)", what, ret ? err : "ok");
		if (ret)
			continue;
		n = 0;
		while ((ret = tracefile_next(r, &h)) == 1) {
			if (n < s.nrec && h->ts != s.rec_ts[n])
				break;
			n++;
		}
		is_int(ret, 0, "%s: reads to the end", what);
		is_int(n, mode == 2 ? 7 : s.nrec, "%s: every whole block's records", what);
		if (mode == 2)
			ok(contains(tracefile_reader_warning(r), "cut short"), "%s: warns", what);
		else
			ok(tracefile_reader_totals(r) && !tracefile_reader_warning(r),
			   "%s: totals, no warning", what);
		tracefile_close(r);
	}
	unlink(path);
	ret = tracefile_open("/nonexistent/x.vlt", &r, err, sizeof(err));
	ok(ret == -ENOENT && contains(err, "No such file"), "missing file: ENOENT (%s)", err);
	free(s.file.p);
}

/* The sample's header and its first block, that block written n times in all. */
static size_t write_repeated(int fd, const struct sample *s, unsigned n)
{
	size_t blen = s->block_off[1] - s->block_off[0], len = s->block_off[0];
	unsigned i;

	if (write(fd, s->file.p, s->block_off[0]) != (ssize_t)s->block_off[0])
		return 0;
	for (i = 0; i < n; i++, len += blen)
		if (write(fd, s->file.p + s->block_off[0], blen) != (ssize_t)blen)
			return 0;
	return len;
}

/*
 * A file that shrinks while it is read (rewritten, or truncated by another
 * process) ends reading with the "cut short" warning, never with a signal: a
 * mapped file would die of SIGBUS on the first page past its new end.
 */
static void test_shrinks(void)
{
	struct sample s;
	struct tracefile_reader *r;
	const struct vt_hdr *h;
	char path[] = "/tmp/vltrace-tf-XXXXXX", err[256];
	unsigned n = 0, nblocks = 8192;
	size_t len;
	int fd, ret;

	make_file(&s, 2, 0);
	fd = mkstemp(path);
	len = fd < 0 ? 0 : write_repeated(fd, &s, nblocks);
	if (!len) {
		ok(0, "temporary file written");
		goto out;
	}
	ret = tracefile_open(path, &r, err, sizeof(err));
	if (!is_int(ret, 0, "a %zu-byte file opens (%s)", len, ret ? err : "ok"))
		goto out;
	ret = tracefile_next(r, &h);
	is_int(ret, 1, "its first record is read");
	n = ret == 1;
	if (ftruncate(fd, (off_t)s.block_off[1]))
		ok(0, "file truncated");
	while ((ret = tracefile_next(r, &h)) == 1)
		n++;
	is_int(ret, 0, "truncated under the reader: reading ends without an error");
	ok(n < nblocks * 7 && contains(tracefile_reader_warning(r), "cut short"),
	   "with %u of %u records and the cut short warning (%s)", n, nblocks * 7,
	   tracefile_reader_warning(r) ? tracefile_reader_warning(r) : "none");
	tracefile_close(r);
out:
	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	free(s.file.p);
}

/* Bytes this process has read so far (/proc/self/io rchar), or -1. */
static long long read_chars(void)
{
	char buf[512], *p;
	long long v = -1;
	int fd = open("/proc/self/io", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, "rchar: ");
	if (p)
		v = strtoll(p + 7, NULL, 10);
	return v;
}

/*
 * A preallocated or sparse tail of zeros: recognised without reading every byte.
 * 64 GiB of hole take no disk; scanned at memory speed they would take minutes,
 * so the alarm fails the test unless the holes are stepped over.
 */
static void test_sparse_tail(void)
{
	struct sample s;
	struct result res = { 0 };
	struct tracefile_reader *r;
	const struct vt_hdr *h;
	char path[] = "/tmp/vltrace-tf-XXXXXX", err[256], want[128];
	off_t hole = 64ll << 30, probe;
	long long rchar;
	int fd, ret;

	make_file(&s, 2, 0);
	fd = mkstemp(path);
	if (fd < 0 || write(fd, s.file.p, s.file.len) != (ssize_t)s.file.len ||
	    ftruncate(fd, (off_t)s.file.len + hole)) {
		ok(0, "sparse file written");
		goto out;
	}
	probe = lseek(fd, (off_t)VT_ALIGN(s.file.len, 4096), SEEK_DATA);
	if (probe >= 0 || errno != ENXIO) {
		printf("ok %d # SKIP the file system of /tmp reports no holes (SEEK_DATA)\n",
		       ++tap_n);
		goto out;
	}
	alarm(60);
	rchar = read_chars();
	ret = tracefile_open(path, &r, err, sizeof(err));
	if (!is_int(ret, 0, "a file with a 64 GiB hole at its end opens (%s)", ret ? err : "ok"))
		goto out_alarm;
	while ((ret = tracefile_next(r, &h)) == 1)
		res.nrec++;
	snprintf(want, sizeof(want), "file cut short at offset %zu: zeros after the last block",
		 s.footer_off);
	ok(ret == 0 && res.nrec == 14 && contains(tracefile_reader_warning(r), want),
	   "read at once as cut short, every record kept (%u, %s)", res.nrec,
	   tracefile_reader_warning(r) ? tracefile_reader_warning(r) : "no warning");
	rchar = rchar < 0 ? -1 : read_chars() - rchar;
	ok(rchar >= 0 && rchar < (16 << 20), "the hole is stepped over, not read (%lld bytes read)",
	   rchar);
	tracefile_close(r);
out_alarm:
	alarm(0);
out:
	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	free(s.file.p);
}

/*
 * The committed fuzzing seeds are real trace files: each reads as its name says.
 * The v1-* ones were written by the version 1 writer (commit 268dbe8), zlib's CRC-32
 * in them: files recorded before version 2 still read.
 */
static void test_corpus(void)
{
	static const struct {
		const char *name;
		unsigned nrec;
		const char *warn; /* NULL: none */
		unsigned version;
	} seeds[] = {
		{ "v1-fork-3-blocks.vlt", 22, NULL, 1 },
		{ "v1-bad-payload.vlt", 4, "bad payload checksum", 1 },
		{ "cat.vlt", 9, NULL, TRACEFILE_FORMAT_VERSION },
		{ "fork-3-blocks.vlt", 22, NULL, TRACEFILE_FORMAT_VERSION },
		{ "cut-footer.vlt", 22, "incomplete footer", TRACEFILE_FORMAT_VERSION },
		{ "cut-block.vlt", 13, "file cut short", TRACEFILE_FORMAT_VERSION },
		{ "no-blocks.vlt", 0, NULL, TRACEFILE_FORMAT_VERSION },
		{ "zero-tail.vlt", 4, "zeros after the last block", TRACEFILE_FORMAT_VERSION },
		{ "bad-payload.vlt", 4, "bad payload checksum", TRACEFILE_FORMAT_VERSION },
		{ "zstd-fork-3-blocks.vlt", 22, NULL, TRACEFILE_FORMAT_VERSION },
		{ "zstd-cut-block.vlt", 13, "file cut short", TRACEFILE_FORMAT_VERSION },
		{ "zstd-bad-payload.vlt", 4, "bad payload checksum", TRACEFILE_FORMAT_VERSION },
	};
	const char *env = getenv("TESTS_SRCDIR");
	char dir[4096], path[4200];
	unsigned i;

	if (env) {
		snprintf(dir, sizeof(dir), "%s/fuzz/corpus", env);
	} else {
		snprintf(dir, sizeof(dir), "%s", __FILE__);
		if (strrchr(dir, '/'))
			*strrchr(dir, '/') = '\0';
		strcat(dir, "/../fuzz/corpus");
	}
	for (i = 0; i < ARRAY_SIZE(seeds); i++) {
		struct tracefile_reader *r;
		const struct vt_hdr *h;
		const char *w;
		char err[256];
		unsigned n = 0;
		int ret;

		snprintf(path, sizeof(path), "%s/%s", dir, seeds[i].name);
		ret = tracefile_open(path, &r, err, sizeof(err));
		if (!is_int(ret, 0, "seed %s opens (%s)", seeds[i].name, ret ? err : "ok"))
			continue;
		while ((ret = tracefile_next(r, &h)) == 1)
			n++;
		w = tracefile_reader_warning(r);
		ok(ret == 0 && n == seeds[i].nrec &&
			   (seeds[i].warn ? contains(w, seeds[i].warn) : !w) &&
			   tracefile_reader_meta(r)->format_version == seeds[i].version,
		   "seed %s: format version %u, %u records (want %u), warning \"%s\"",
		   seeds[i].name, tracefile_reader_meta(r)->format_version, n, seeds[i].nrec,
		   w ? w : "");
		tracefile_close(r);
	}
}

/*
 * Compressed blocks: the writer's result reads back record for record; a frame that
 * does not decompress although its checksum holds, a block flag this reader does not
 * know and a compression it does not know are each reported, never misread.
 */
static void test_zstd(void)
{
	struct sample raw, z;
	struct result a, b;
	uint8_t *blk;
	size_t i;
	int same = 1;

	make_file(&raw, 3, 1);
	sample_zstd = 1;
	make_file(&z, 3, 1);
	sample_zstd = 0;
	read_all(raw.file.p, raw.file.len, &a);
	read_all(z.file.p, z.file.len, &b);
	for (i = 0; i < a.nrec && i < ARRAY_SIZE(a.ts); i++)
		same &= a.ts[i] == b.ts[i];
	ok(b.ret == 0 && b.nrec == a.nrec && a.nrec == 21 && same && !b.warn[0] && b.have_totals,
	   "zstd blocks read as the raw ones: %u records (want %u), warn \"%s\"", b.nrec,
	   a.nrec, b.warn);
	ok(z.file.len < raw.file.len, "compressed file is smaller: %zu bytes, raw %zu",
	   z.file.len, raw.file.len);
	blk = z.file.p + z.block_off[1];
	is_int(get32(blk + 20), TRACEFILE_BLOCK_ZSTD, "compressed block carries the zstd flag");

	/* a frame garbled behind a recomputed checksum: decompression catches it */
	blk[TRACEFILE_BLOCK_HDR + 4] ^= 0x55;
	put32(blk + 40, file_crc(z.file.p, blk + TRACEFILE_BLOCK_HDR, get32(blk + 12)));
	fix_block_crc(z.file.p, blk);
	read_all(z.file.p, z.file.len, &b);
	{
		char want[128];

		snprintf(want, sizeof(want),
			 "bad compressed payload in the block at offset %zu: 7 records skipped",
			 z.block_off[1]);
		ok(b.ret == 0 && b.nrec == 14 && !strcmp(b.warn, want),
		   "undecodable frame: its block skipped with a warning (%u records, \"%s\")",
		   b.nrec, b.warn);
	}
	blk[TRACEFILE_BLOCK_HDR + 4] ^= 0x55;
	put32(blk + 40, file_crc(z.file.p, blk + TRACEFILE_BLOCK_HDR, get32(blk + 12)));

	/* a flag from a later writer: the block is stepped over, the rest reads */
	put32(blk + 20, TRACEFILE_BLOCK_ZSTD | 2);
	fix_block_crc(z.file.p, blk);
	read_all(z.file.p, z.file.len, &b);
	ok(b.ret == 0 && b.nrec == 14 && contains(b.warn, "unknown flags 0x3 in the block"),
	   "unknown block flag: that block skipped (%u records, \"%s\")", b.nrec, b.warn);
	put32(blk + 20, TRACEFILE_BLOCK_ZSTD);
	fix_block_crc(z.file.p, blk);

	/* an algorithm this reader does not know: refused at open, not misread */
	for (i = TRACEFILE_HEADER_FIXED; i + 8 <= z.block_off[0];
	     i += 8 + VT_ALIGN(get32(z.file.p + i + 4), 8)) {
		if ((z.file.p[i] | z.file.p[i + 1] << 8) == 10 /* COMPRESSION */)
			break;
	}
	if (i + 8 <= z.block_off[0]) {
		put32(z.file.p + i + 8, 7);
		fix_header_crc(z.file.p);
	}
	read_all(z.file.p, z.file.len, &b);
	ok(b.open_ret == -EPROTONOSUPPORT && contains(b.open_err, "compression 7") &&
	   contains(b.open_err, "use a newer vltrace"),
	   "unknown compression refused at open: %s", b.open_err);
	free(raw.file.p);
	free(z.file.p);
}

int main(void)
{
	test_round_trip();
	test_version1();
	test_truncation(1);
	test_truncation(TRACEFILE_FORMAT_VERSION);
	test_flips(1);
	test_flips(TRACEFILE_FORMAT_VERSION);
	test_zstd();
	/* the same damage on a file of zstd blocks reads as on raw ones */
	sample_zstd = 1;
	test_truncation(TRACEFILE_FORMAT_VERSION);
	test_flips(TRACEFILE_FORMAT_VERSION);
	sample_zstd = 0;
	test_lengths();
	test_foreign();
	test_sections();
	test_procs();
	test_records();
	test_warning_cap();
	test_tails();
	test_fd_paths();
	test_shrinks();
	test_sparse_tail();
	test_corpus();
	return done_testing();
}
