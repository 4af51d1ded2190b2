// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Writes the seed corpus of the trace file fuzzer: small trace files that look like
 * real ones (a short program's syscalls, a fork, a signal, lost records), a few of
 * them damaged the ways real files are (cut short, zero tail, bad payload).
 * The output is the same on every run, so the committed corpus can be regenerated:
 *   make-seeds tests/fuzz/corpus
 * The zstd-* files hold the same traces in zstd-compressed blocks.
 * It writes the current format version.  The corpus's v1-* files are not written
 * here: they are what this program wrote in format version 1 (commit 268dbe8), kept
 * as they were so that the reader's version 1 path is tested and fuzzed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zstd.h>

#include "tracefile.h"

#define NSYS 335

static const char *names[NSYS];
/* begin() and block() write compressed blocks (header section, block flag) */
static ZSTD_CCtx *zstd;

struct file {
	uint8_t buf[16384] __attribute__((aligned(8)));
	size_t len;
	uint8_t blk[8192] __attribute__((aligned(8)));
	uint32_t blen, nrec;
	uint64_t first, last, blocks, records;
};

static void put(struct file *f, const void *p, size_t n)
{
	if (f->len + n > sizeof(f->buf)) {
		fprintf(stderr, "make-seeds: seed too large\n");
		exit(1);
	}
	memcpy(f->buf + f->len, p, n);
	f->len += n;
}

static void begin(struct file *f, unsigned ncpus, const char *cmd)
{
	struct tracefile_meta m;
	uint8_t hdr[8192];
	ssize_t n;

	memset(f, 0, sizeof(*f));
	memset(&m, 0, sizeof(m));
	strcpy(m.arch, TRACEFILE_ARCH);
	strcpy(m.kernel, "6.18.0-1-amd64");
	strcpy(m.host, "build-04");
	m.cmdline = (char *)cmd;
	m.record_version = VT_RECORD_VERSION;
	m.realtime_at_mono0 = 1717171717000000000ull;
	m.start_mono = 5000000000ull;
	m.ncpus = ncpus;
	m.nsyscalls = NSYS;
	m.syscall_names = names;
	if (zstd) {
		m.compress = TRACEFILE_COMPRESS_ZSTD;
		m.compress_level = 3;
	}
	n = tracefile_header_encode(&m, hdr, sizeof(hdr));
	if (n < 0) {
		fprintf(stderr, "make-seeds: header: %s\n", strerror((int)-n));
		exit(1);
	}
	put(f, hdr, (size_t)n);
	f->blen = TRACEFILE_BLOCK_HDR;
}

static void *rec(struct file *f, uint16_t type, uint16_t nr, uint64_t ts, uint32_t tid,
		 size_t size)
{
	struct vt_hdr *h = (struct vt_hdr *)(f->blk + f->blen);

	memset(h, 0, size);
	h->ts = ts;
	h->tid = tid;
	h->tgid = 4242;
	h->type = type;
	h->size = (uint16_t)size;
	h->cpu = tid & 1;
	h->nr = nr;
	f->blen += (uint32_t)size;
	if (!f->nrec || ts < f->first)
		f->first = ts;
	if (ts > f->last)
		f->last = ts;
	f->nrec++;
	return h;
}

/* An ENTER or EXIT record with one capture item of len bytes of data. */
static void rec_cap(struct file *f, uint16_t type, uint16_t nr, uint64_t ts, uint8_t arg,
		    uint8_t kind, uint16_t flags, const void *data, uint32_t len, int64_t ret)
{
	size_t fixed = type == VT_ENTER ? sizeof(struct vt_enter) : sizeof(struct vt_exit);
	size_t size = fixed + sizeof(struct vt_capture) + ((len + 7) & ~7u);
	uint8_t *p = rec(f, type, nr, ts, 4242, size);
	struct vt_capture *c = (struct vt_capture *)(p + fixed);

	if (type == VT_ENTER) {
		struct vt_enter *e = (struct vt_enter *)p;

		e->args[0] = (uint64_t)-100;
		e->args[1] = 0x7ffd1000;
		e->args[2] = len;
	} else {
		((struct vt_exit *)p)->ret = ret;
	}
	c->arg = arg;
	c->kind = kind;
	c->flags = flags;
	c->len = len;
	memcpy(c + 1, data, len);
}

static void block(struct file *f)
{
	static uint8_t z[TRACEFILE_BLOCK_HDR + 16384] __attribute__((aligned(8)));
	ssize_t n = 0;

	tracefile_block_seal(f->blk, f->blen - TRACEFILE_BLOCK_HDR, f->nrec, f->first, f->last);
	if (zstd)
		n = tracefile_block_compress(zstd, 3, f->blk, z, sizeof(z));
	if (n > 0)
		put(f, z, (size_t)n);
	else
		put(f, f->blk, f->blen);
	f->blocks++;
	f->records += f->nrec;
	f->blen = TRACEFILE_BLOCK_HDR;
	f->nrec = 0;
}

static void footer(struct file *f, uint64_t lost0)
{
	uint64_t lost[2] = { lost0, 0 };
	struct tracefile_totals t = {
		.records = f->records, .blocks = f->blocks, .lost = lost0,
		.first_ts = 5000001000ull, .last_ts = f->last, .ncpus = 2, .lost_per_cpu = lost,
	};
	uint8_t b[256];
	ssize_t n = tracefile_footer_encode(&t, b, sizeof(b));

	if (n < 0)
		exit(1);
	put(f, b, (size_t)n);
}

/* cat /etc/hostname, as a trace of enters and exits with their captures */
static void cat_trace(struct file *f, uint64_t ts)
{
	struct vt_syscall *s;

	rec_cap(f, VT_ENTER, 257, ts + 1000, 1, VT_CK_PATH, VT_CAP_STR, "/etc/hostname", 13, 0);
	rec_cap(f, VT_EXIT, 257, ts + 3000, 0, 0, 0, "", 0, 3);
	rec_cap(f, VT_ENTER, 0, ts + 4000, 1, VT_CK_BUF_OUT, 0, "", 0, 0);
	rec_cap(f, VT_EXIT, 0, ts + 6000, 1, VT_CK_BUF_OUT, VT_CAP_EXIT, "build-04\n", 9, 9);
	rec_cap(f, VT_ENTER, 1, ts + 7000, 1, VT_CK_BUF_IN, 0, "build-04\n", 9, 0);
	rec_cap(f, VT_EXIT, 1, ts + 9000, 0, 0, 0, "", 0, 9);
	s = rec(f, VT_SYSCALL, 3, ts + 11000, 4242, sizeof(*s));
	s->enter_ts = ts + 10000;
	s->args[0] = 3;
	rec_cap(f, VT_ENTER, 257, ts + 12000, 1, VT_CK_PATH, VT_CAP_FAULT, "", 0, 0);
	rec_cap(f, VT_EXIT, 257, ts + 12500, 0, 0, 0, "", 0, -14);
}

static void process_events(struct file *f, uint64_t ts)
{
	struct vt_fork *fk = rec(f, VT_FORK, VT_NR_NONE, ts + 100, 4242, sizeof(*fk));
	struct vt_signal *sg;
	struct vt_lost *l;
	struct vt_thread_exit *x;

	fk->child_tid = 4243;
	fk->child_tgid = 4243;
	sg = rec(f, VT_SIGNAL, VT_NR_NONE, ts + 200, 4242, sizeof(*sg));
	sg->signo = 17;
	sg->code = 1;
	sg->fields[0] = 4243ull | (1000ull << 32); /* _sigchld: pid, uid */
	l = rec(f, VT_LOST, VT_NR_NONE, ts + 300, 0, sizeof(*l));
	l->count = 12;
	l->first_ts = ts + 150;
	l->last_ts = ts + 300;
	x = rec(f, VT_THREAD_EXIT, VT_NR_NONE, ts + 400, 4243, sizeof(*x));
	x->code = 0;
	x->flags = VT_THREAD_GROUP_DEAD;
}

/*
 * The same file with every stored checksum zeroed: fuzzing builds of the reader take
 * 0 as a match, so mutations of these reach the checks behind the checksums.
 */
static void zero_checksums(struct file *f, size_t len)
{
	uint32_t hlen, plen, flen;
	size_t off;

	memcpy(&hlen, f->buf + 16, 4);
	memset(f->buf + 20, 0, 4);
	for (off = hlen; off + 16 <= len;) {
		if (!memcmp(f->buf + off, TRACEFILE_BLOCK_MAGIC, 8) && off + 64 <= len) {
			memcpy(&plen, f->buf + off + 12, 4);
			memset(f->buf + off + 40, 0, 4);
			if (f->buf[off + 20] & TRACEFILE_BLOCK_ZSTD)
				memset(f->buf + off + 52, 0, 4); /* the records' checksum */
			memset(f->buf + off + 60, 0, 4);
			off += TRACEFILE_BLOCK_HDR + plen;
		} else if (!memcmp(f->buf + off, TRACEFILE_FOOTER_MAGIC, 8)) {
			memcpy(&flen, f->buf + off + 8, 4);
			if (off + flen <= len)
				memset(f->buf + off + flen - 4, 0, 4);
			break;
		} else {
			break;
		}
	}
}

static void save(const char *dir, const char *name, const struct file *f, size_t len)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, f->buf, len) != (ssize_t)len || close(fd)) {
		fprintf(stderr, "make-seeds: cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

int main(int argc, char **argv)
{
	static struct file f, copy;

	if (argc != 2) {
		fprintf(stderr, "usage: make-seeds DIR\n");
		return 2;
	}
	names[0] = "read";
	names[1] = "write";
	names[3] = "close";
	names[5] = "fstat";
	names[9] = "mmap";
	names[12] = "brk";
	names[56] = "clone";
	names[59] = "execve";
	names[60] = "exit";
	names[231] = "exit_group";
	names[257] = "openat";
	names[334] = "rseq";

	begin(&f, 2, "vltrace -W cat.vlt -- cat /etc/hostname");
	cat_trace(&f, 5000000000ull);
	block(&f);
	footer(&f, 0);
	save(argv[1], "cat.vlt", &f, f.len);

	begin(&f, 2, "vltrace -f -W fork.vlt -- sh -c 'cat /etc/hostname; true'");
	cat_trace(&f, 5000000000ull);
	block(&f);
	process_events(&f, 5000100000ull);
	block(&f);
	cat_trace(&f, 5000200000ull);
	block(&f);
	footer(&f, 12);
	save(argv[1], "fork-3-blocks.vlt", &f, f.len);
	memcpy(&copy, &f, sizeof(f));
	zero_checksums(&copy, copy.len);
	save(argv[1], "fork-3-blocks-nocrc.vlt", &copy, copy.len);

	/* the same, cut in the footer and in the last block, as SIGKILL leaves it */
	save(argv[1], "cut-footer.vlt", &f, f.len - 20);
	save(argv[1], "cut-block.vlt", &f, f.len - 390);

	begin(&f, 1, "vltrace -W empty.vlt -p 1");
	footer(&f, 0);
	save(argv[1], "no-blocks.vlt", &f, f.len);

	begin(&f, 2, "vltrace -W zero.vlt -- true");
	process_events(&f, 5000000000ull);
	block(&f);
	memset(f.buf + f.len, 0, 512);
	f.len += 512;
	save(argv[1], "zero-tail.vlt", &f, f.len);

	begin(&f, 2, "vltrace -W bad.vlt -- cat /etc/hostname");
	cat_trace(&f, 5000000000ull);
	block(&f);
	f.buf[f.len - 5] ^= 0x40; /* in the payload: the block's checksum fails */
	process_events(&f, 5000100000ull);
	block(&f);
	footer(&f, 12);
	save(argv[1], "bad-payload.vlt", &f, f.len);

	/* compressed blocks: whole, without checksums, cut, and with a damaged frame */
	zstd = ZSTD_createCCtx();
	if (!zstd)
		return 1;
	begin(&f, 2, "vltrace -f -W fork.vlt --compress=zstd:3 -- sh -c 'cat /etc/hostname'");
	cat_trace(&f, 5000000000ull);
	block(&f);
	process_events(&f, 5000100000ull);
	block(&f);
	cat_trace(&f, 5000200000ull);
	block(&f);
	footer(&f, 12);
	save(argv[1], "zstd-fork-3-blocks.vlt", &f, f.len);
	memcpy(&copy, &f, sizeof(f));
	zero_checksums(&copy, copy.len);
	save(argv[1], "zstd-fork-3-blocks-nocrc.vlt", &copy, copy.len);
	save(argv[1], "zstd-cut-block.vlt", &f, f.len - 150);

	begin(&f, 2, "vltrace -W bad.vlt --compress=zstd:3 -- cat /etc/hostname");
	cat_trace(&f, 5000000000ull);
	block(&f);
	f.buf[f.len - 12] ^= 0x40; /* in the frame: the block's checksum fails */
	process_events(&f, 5000100000ull);
	block(&f);
	footer(&f, 12);
	save(argv[1], "zstd-bad-payload.vlt", &f, f.len);
	ZSTD_freeCCtx(zstd);
	return 0;
}
