// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The binary trace file: docs/FORMAT.md is the specification this code follows.
 *
 * Reading trusts nothing: every length comes from the file, so each one is checked
 * against the bytes that are there and against a fixed bound before it is used, and
 * no allocation is sized by a value that has not been bounded first.
 */
#include "tracefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "crc32c.h"
#include "util.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "trace files are written in the producer's byte order; only little-endian is supported"
#endif

#define BOM 0x01020304u
#define BOM_SWAPPED 0x04030201u

/* Header sections (type, 16 bits) and their flags. */
enum {
	SEC_ARCH = 1,
	SEC_RECORDS = 2,
	SEC_CLOCK = 3,
	SEC_KERNEL = 4,
	SEC_HOST = 5,
	SEC_CMDLINE = 6,
	SEC_SYSCALLS = 7,
	SEC_SYSARGS = 8, /* argument kinds of the syscalls that have a name */
	SEC_PROCS = 9,	 /* the names of the processes traced from the start */
	SEC_COMPRESSION = 10, /* blocks may be compressed: critical, older readers refuse */
	SEC_TRIGGER = 11, /* what had a snapshot written */
	SEC_KNOWN_MAX = 12,
};
#define SEC_CRITICAL 1 /* a reader that does not know the section must refuse the file */

#define FOOTER_FIXED 64
#define FOOTER_SIZE(ncpus) (FOOTER_FIXED + 8 * (size_t)(ncpus) + 8)

#define WARN_MAX 64

static inline uint16_t ld16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint32_t ld32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint64_t ld64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline void st16(uint8_t *p, uint16_t v)
{
	memcpy(p, &v, sizeof(v));
}

static inline void st32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

static inline void st64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, sizeof(v));
}

/*
 * The checksum of each format version (FORMAT.md, section 1), chained as zlib's
 * crc32() is: zlib's CRC-32 in version 1, CRC-32C from version 2 on, which the SSE4.2
 * crc32 instruction computes several times faster (the merger checksums every block).
 */
typedef uint32_t (*crc_fn)(uint32_t crc, const void *p, size_t len);

static uint32_t crc_v1(uint32_t crc, const void *p, size_t len)
{
	/* zlib takes uInt lengths; every length here is below TRACEFILE_BLOCK_MAX + 4096 */
	return (uint32_t)crc32(crc, p, (uInt)len);
}

static crc_fn crc_of_version(uint32_t version)
{
	return version == 1 ? crc_v1 : crc32c;
}

/* The checksum of what this code writes: always TRACEFILE_FORMAT_VERSION. */
static uint32_t crc_written(const void *p, size_t len)
{
	return crc_of_version(TRACEFILE_FORMAT_VERSION)(0, p, len);
}

/*
 * Fuzzing builds take a stored checksum of 0 as matching anything, so that the
 * fuzzer can reach the checks behind the checksums by mutating lengths; the seed
 * corpus holds files with zeroed checksums for that.  Never so in real builds.
 */
static inline int fuzz_crc_wildcard(uint32_t stored)
{
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	return stored == 0;
#else
	(void)stored;
	return 0;
#endif
}

static int crc_ok(crc_fn crc, uint32_t stored, const void *p, size_t len)
{
	return fuzz_crc_wildcard(stored) || crc(0, p, len) == stored;
}

/* ================ records ================ */

int vt_record_check(const void *rec, size_t avail)
{
	const uint8_t *p = rec;
	size_t size, fixed, off;
	int captures = 0;
	struct vt_hdr h;

	if (vt_unlikely(avail < sizeof(h)))
		return -EBADMSG;
	memcpy(&h, p, sizeof(h));
	size = h.size;
	if (vt_unlikely(size < sizeof(h) || (size & 7) || size > avail || size > VT_RECORD_MAX))
		return -EBADMSG;

	switch (h.type) {
	case VT_ENTER:
		fixed = sizeof(struct vt_enter);
		captures = 1;
		break;
	case VT_EXIT:
		fixed = sizeof(struct vt_exit);
		captures = 1;
		break;
	case VT_SYSCALL:
		fixed = sizeof(struct vt_syscall);
		captures = 1;
		break;
	case VT_THREAD_EXIT:
		fixed = sizeof(struct vt_thread_exit);
		break;
	case VT_FORK:
		fixed = sizeof(struct vt_fork);
		break;
	case VT_SIGNAL:
		fixed = sizeof(struct vt_signal);
		break;
	case VT_LOST:
		fixed = sizeof(struct vt_lost);
		break;
	default:
		return -EBADMSG;
	}
	if (vt_unlikely(size < fixed))
		return -EBADMSG;
	/* Records without captures may carry a tail a newer producer added; it is ignored. */
	if (!captures)
		return (int)size;

	for (off = fixed; off < size;) {
		struct vt_capture c;
		size_t padded;

		if (vt_unlikely(size - off < sizeof(c)))
			return -EBADMSG;
		memcpy(&c, p + off, sizeof(c));
		if (vt_unlikely(c.arg >= 6 ||
				(c.flags & ~(VT_CAP_TRUNC | VT_CAP_FAULT | VT_CAP_STR |
					     VT_CAP_EXIT | VT_CAP_PARTIAL))))
			return -EBADMSG;
		if (c.flags & VT_CAP_FAULT) {
			if (vt_unlikely(c.len || (c.flags & VT_CAP_STR)))
				return -EBADMSG;
		} else if (c.flags & VT_CAP_STR) {
			if (vt_unlikely(c.len >= VT_PATH_MAX))
				return -EBADMSG;
		} else if (vt_unlikely(c.len > VT_CAPTURE_MAX && !vt_capkind_is_array(c.kind))) {
			return -EBADMSG;
		}
		off += sizeof(c);
		padded = VT_ALIGN((size_t)c.len, 8);
		if (vt_unlikely(padded > size - off))
			return -EBADMSG;
		off += padded;
	}
	return (int)size;
}

/* ================ encoding ================ */

/* Bytes go to buf while they fit; len counts them all, so a NULL buf measures. */
struct enc {
	uint8_t *buf;
	size_t cap;
	size_t len;
};

static void enc_bytes(struct enc *e, const void *src, size_t n)
{
	if (e->buf && e->len + n <= e->cap)
		memcpy(e->buf + e->len, src, n);
	e->len += n;
}

static void enc_zero(struct enc *e, size_t n)
{
	if (e->buf && e->len + n <= e->cap)
		memset(e->buf + e->len, 0, n);
	e->len += n;
}

static void enc_u16(struct enc *e, uint16_t v)
{
	uint8_t b[2];

	st16(b, v);
	enc_bytes(e, b, sizeof(b));
}

static void enc_u32(struct enc *e, uint32_t v)
{
	uint8_t b[4];

	st32(b, v);
	enc_bytes(e, b, sizeof(b));
}

static void enc_u64(struct enc *e, uint64_t v)
{
	uint8_t b[8];

	st64(b, v);
	enc_bytes(e, b, sizeof(b));
}

/* A string, control characters written as '?' so that a reader never prints them. */
static void enc_str(struct enc *e, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint8_t c = (uint8_t)s[i];

		if (c < 0x20 || c == 0x7f)
			c = '?';
		enc_bytes(e, &c, 1);
	}
}

static size_t sec_begin(struct enc *e, uint16_t type, uint16_t flags)
{
	size_t at = e->len;

	enc_u16(e, type);
	enc_u16(e, flags);
	enc_u32(e, 0); /* length, filled in by sec_end */
	return at;
}

static void sec_end(struct enc *e, size_t at)
{
	size_t len = e->len - at - 8;

	if (e->buf && at + 8 <= e->cap)
		st32(e->buf + at + 4, (uint32_t)len);
	enc_zero(e, VT_ALIGN(len, 8) - len);
}

static void enc_str_section(struct enc *e, uint16_t type, uint16_t flags, const char *s,
			    size_t n)
{
	size_t at = sec_begin(e, type, flags);

	enc_str(e, s, n);
	sec_end(e, at);
}

static int name_ok(const char *s, size_t n)
{
	size_t i;

	if (!n || n > TRACEFILE_NAME_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_'))
			return 0;
	}
	return 1;
}

static ssize_t header_encode(const struct tracefile_meta *m, void *buf, size_t cap)
{
	struct enc e = { .buf = buf, .cap = cap };
	uint32_t nnames = 0, i;
	size_t at, cmdlen;

	if (!m || m->ncpus > TRACEFILE_MAX_CPUS || m->nsyscalls > TRACEFILE_MAX_SYSCALLS ||
	    (m->nsyscalls && !m->syscall_names) || m->nprocs > TRACEFILE_MAX_PROCS ||
	    (m->nprocs && !m->procs))
		return -EINVAL;
	for (i = 0; i < m->nsyscalls; i++) {
		const char *s = m->syscall_names[i];

		if (!s)
			continue;
		if (!name_ok(s, strnlen(s, TRACEFILE_NAME_MAX + 1)))
			return -EINVAL;
		nnames++;
	}

	enc_bytes(&e, TRACEFILE_MAGIC, 8);
	enc_u32(&e, TRACEFILE_FORMAT_VERSION);
	enc_u32(&e, BOM);
	enc_u32(&e, 0); /* header length, filled in below */
	enc_u32(&e, 0); /* header checksum, filled in below */
	enc_u32(&e, 0); /* flags */
	enc_u32(&e, 0); /* reserved */

	if (m->arch[0])
		enc_str_section(&e, SEC_ARCH, SEC_CRITICAL, m->arch, strnlen(m->arch, sizeof(m->arch)));
	else
		enc_str_section(&e, SEC_ARCH, SEC_CRITICAL, TRACEFILE_ARCH, strlen(TRACEFILE_ARCH));

	at = sec_begin(&e, SEC_RECORDS, SEC_CRITICAL);
	enc_u32(&e, m->record_version ? m->record_version : VT_RECORD_VERSION);
	enc_u32(&e, m->ncpus);
	sec_end(&e, at);

	at = sec_begin(&e, SEC_CLOCK, 0);
	enc_u64(&e, m->realtime_at_mono0);
	enc_u64(&e, m->start_mono);
	sec_end(&e, at);

	enc_str_section(&e, SEC_KERNEL, 0, m->kernel, strnlen(m->kernel, sizeof(m->kernel)));
	enc_str_section(&e, SEC_HOST, 0, m->host, strnlen(m->host, sizeof(m->host)));
	cmdlen = m->cmdline ? strnlen(m->cmdline, TRACEFILE_CMDLINE_MAX) : 0;
	enc_str_section(&e, SEC_CMDLINE, 0, m->cmdline ? m->cmdline : "", cmdlen);

	at = sec_begin(&e, SEC_SYSCALLS, 0);
	enc_u32(&e, m->nsyscalls);
	enc_u32(&e, nnames);
	for (i = 0; i < m->nsyscalls; i++) {
		const char *s = m->syscall_names[i];
		size_t n;

		if (!s)
			continue;
		n = strlen(s);
		enc_u16(&e, (uint16_t)i);
		enc_u16(&e, (uint16_t)n);
		enc_bytes(&e, s, n);
	}
	sec_end(&e, at);

	if (m->syscall_sig) {
		/* per named syscall: u16 number, then its TRACEFILE_SIG_LEN signature bytes */
		at = sec_begin(&e, SEC_SYSARGS, 0);
		enc_u32(&e, nnames);
		for (i = 0; i < m->nsyscalls; i++) {
			if (!m->syscall_names[i])
				continue;
			enc_u16(&e, (uint16_t)i);
			enc_bytes(&e, m->syscall_sig + (size_t)i * TRACEFILE_SIG_LEN,
				  TRACEFILE_SIG_LEN);
		}
		sec_end(&e, at);
	}

	if (m->nprocs) {
		/* per process: u32 tgid, then its name in 16 bytes, 0-padded */
		at = sec_begin(&e, SEC_PROCS, 0);
		enc_u32(&e, m->nprocs);
		for (i = 0; i < m->nprocs; i++) {
			size_t n = strnlen(m->procs[i].comm, 15);

			enc_u32(&e, m->procs[i].tgid);
			enc_str(&e, m->procs[i].comm, n);
			enc_zero(&e, 16 - n);
		}
		sec_end(&e, at);
	}
	if (m->compress != TRACEFILE_COMPRESS_NONE) {
		/* critical: a reader that cannot decompress must refuse, not misread */
		at = sec_begin(&e, SEC_COMPRESSION, SEC_CRITICAL);
		enc_u32(&e, m->compress);
		enc_u32(&e, (uint32_t)m->compress_level);
		sec_end(&e, at);
	}
	if (m->trigger)
		enc_str_section(&e, SEC_TRIGGER, 0, m->trigger, strnlen(m->trigger, 4096));

	if (e.len > TRACEFILE_HEADER_MAX)
		return -EINVAL;
	if (!buf)
		return (ssize_t)e.len;
	if (e.len > cap)
		return -ENOSPC;
	st32(e.buf + 16, (uint32_t)e.len);
	st32(e.buf + 20, crc_written(e.buf, e.len));
	return (ssize_t)e.len;
}

ssize_t tracefile_header_size(const struct tracefile_meta *m)
{
	return header_encode(m, NULL, 0);
}

ssize_t tracefile_header_encode(const struct tracefile_meta *m, void *buf, size_t cap)
{
	if (!buf)
		return -EINVAL;
	return header_encode(m, buf, cap);
}

void tracefile_block_seal(void *block, uint32_t payload_len, uint32_t nrec, uint64_t first_ts,
			  uint64_t last_ts)
{
	uint8_t *b = block;

	memcpy(b, TRACEFILE_BLOCK_MAGIC, 8);
	st32(b + 8, TRACEFILE_BLOCK_HDR);
	st32(b + 12, payload_len);
	st32(b + 16, nrec);
	st32(b + 20, 0); /* flags */
	st64(b + 24, first_ts);
	st64(b + 32, last_ts);
	st32(b + 40, crc_written(b + TRACEFILE_BLOCK_HDR, payload_len));
	memset(b + 44, 0, 16);
	st32(b + 60, crc_written(b, 60));
}

size_t tracefile_block_compress_bound(uint32_t payload_len)
{
	return TRACEFILE_BLOCK_HDR + VT_ALIGN(ZSTD_compressBound(payload_len), 8);
}

ssize_t tracefile_block_compress(struct ZSTD_CCtx_s *cctx, int level, const void *block,
				 void *out, size_t cap)
{
	const uint8_t *b = block;
	uint32_t plen = ld32(b + 12), stored;
	uint8_t *o = out;
	size_t z;

	if (cap < tracefile_block_compress_bound(plen))
		return -ENOSPC;
	if (!plen)
		return 0;
	z = ZSTD_compressCCtx(cctx, o + TRACEFILE_BLOCK_HDR, cap - TRACEFILE_BLOCK_HDR,
			      b + TRACEFILE_BLOCK_HDR, plen, level);
	if (ZSTD_isError(z))
		return -EIO;
	stored = (uint32_t)VT_ALIGN(z, 8);
	if (stored >= plen)
		return 0;
	memset(o + TRACEFILE_BLOCK_HDR + z, 0, stored - z);
	memcpy(o, b, 40);
	st32(o + 12, stored);
	st32(o + 20, TRACEFILE_BLOCK_ZSTD);
	st32(o + 40, crc_written(o + TRACEFILE_BLOCK_HDR, stored));
	st32(o + 44, plen);
	st32(o + 48, (uint32_t)z);
	/* the merger's checksum of the records, so decompression is checked too */
	st32(o + 52, ld32(b + 40));
	st32(o + 56, 0);
	st32(o + 60, crc_written(o, 60));
	return TRACEFILE_BLOCK_HDR + stored;
}

ssize_t tracefile_footer_size(const struct tracefile_totals *t)
{
	if (!t || t->ncpus > TRACEFILE_MAX_CPUS || (t->ncpus && !t->lost_per_cpu))
		return -EINVAL;
	return (ssize_t)FOOTER_SIZE(t->ncpus);
}

ssize_t tracefile_footer_encode(const struct tracefile_totals *t, void *buf, size_t cap)
{
	ssize_t size = tracefile_footer_size(t);
	uint8_t *b = buf;
	uint32_t i;

	if (size < 0)
		return size;
	if (!buf)
		return -EINVAL;
	if ((size_t)size > cap)
		return -ENOSPC;
	memcpy(b, TRACEFILE_FOOTER_MAGIC, 8);
	st32(b + 8, (uint32_t)size);
	st32(b + 12, t->ncpus);
	st64(b + 16, t->records);
	st64(b + 24, t->blocks);
	st64(b + 32, t->lost);
	st64(b + 40, t->late);
	st64(b + 48, t->first_ts);
	st64(b + 56, t->last_ts);
	for (i = 0; i < t->ncpus; i++)
		st64(b + FOOTER_FIXED + 8 * i, t->lost_per_cpu[i]);
	st32(b + size - 8, t->degraded > UINT32_MAX ? UINT32_MAX : (uint32_t)t->degraded);
	st32(b + size - 4, crc_written(b, size - 4));
	return size;
}

/* ================ reading ================ */

/*
 * A file is read with read(), never mapped: a mapping dies of SIGBUS when the file
 * shrinks under it, and what was checked in it could change before it is used.
 * Each read asks for at least this much, so that small blocks cost few calls.
 */
#define SRC_READAHEAD (64u << 10)

enum {
	R_READING = 0,
	R_DONE = 1,
	R_FAILED = 2,
};

struct tracefile_reader {
	/* Source: the whole file in memory (the fuzzer's), or a file read in pieces. */
	const uint8_t *mem;
	size_t memlen;
	void *copy;
	int fd; /* a file read with read(), or -1 */
	int close_fd;
	int seekable; /* a regular file vltrace opened: its offset is off + slen - spos */
	uint8_t *sbuf; /* fd: bytes read and not consumed are sbuf[spos, slen) */
	size_t scap, spos, slen;
	int seof;

	uint64_t off; /* file offset of the first byte not yet consumed */
	int state;
	int ret;

	crc_fn crc; /* the checksum of the file's format version */

	/* The block being read: header at off, records at blk (zbuf if it was compressed). */
	const uint8_t *blk;
	uint32_t bhdr, blen, bpos, bnrec, bseen;
	uint32_t bstored; /* payload bytes in the file */
	int in_block;
	uint8_t *zbuf;
	size_t zcap;
	ZSTD_DCtx *dctx;

	uint64_t blocks, records_declared;
	/* tracefile_set_window: blocks wholly outside [since, until] are stepped over */
	uint64_t since, until;
	int windowed;
	int headers_only; /* tracefile_set_headers_only */
	uint64_t blocks_skipped;
	struct tracefile_meta meta;
	char *trigger; /* meta.trigger */
	char *names_pool;
	uint8_t *sig_pool;
	struct tracefile_proc *procs_pool;
	struct tracefile_totals totals;
	int have_totals;

	char err[256];
	char *warn;
	size_t warn_len, warn_cap, warn_base;
	unsigned nwarn, warn_dropped;
};

/* Bytes of the file from r->off on, up to n: *p points at them.  Negative errno on I/O. */
static ssize_t src_get(struct tracefile_reader *r, size_t n, const uint8_t **p)
{
	size_t avail;

	if (r->fd < 0) {
		size_t left = r->memlen - r->off;

		*p = r->mem + r->off;
		return (ssize_t)(n < left ? n : left);
	}
	avail = r->slen - r->spos;
	if (avail < n && !r->seof) {
		if (r->spos + n + SRC_READAHEAD > r->scap) {
			/*
			 * Callers bound n by TRACEFILE_HEADER_MAX or a block's checked
			 * length; what is kept moves to the front, less than n bytes.
			 */
			size_t cap = n + SRC_READAHEAD > r->scap ? n + SRC_READAHEAD : r->scap;

			if (cap > r->scap) {
				uint8_t *nb = vt_aligned_alloc(8, VT_ALIGN(cap, 8));

				if (avail)
					memcpy(nb, r->sbuf + r->spos, avail);
				free(r->sbuf);
				r->sbuf = nb;
				r->scap = cap;
			} else if (avail) {
				memmove(r->sbuf, r->sbuf + r->spos, avail);
			}
			r->spos = 0;
			r->slen = avail;
		}
		while (r->slen - r->spos < n) {
			/* a pipe returns what it holds: asking for more never waits longer */
			ssize_t got = read(r->fd, r->sbuf + r->slen, r->scap - r->slen);

			if (got < 0) {
				if (errno == EINTR)
					continue;
				return -errno;
			}
			if (got == 0) {
				r->seof = 1;
				break;
			}
			r->slen += (size_t)got;
		}
		avail = r->slen - r->spos;
	}
	*p = r->sbuf + r->spos;
	return (ssize_t)(n < avail ? n : avail);
}

static void src_consume(struct tracefile_reader *r, size_t n)
{
	r->off += n;
	if (r->fd >= 0) {
		r->spos += n;
		if (r->spos == r->slen)
			r->spos = r->slen = 0;
	}
}

static int all_zero(const uint8_t *p, size_t n)
{
	uint64_t acc = 0, w;
	size_t i = 0;

	for (; i + 64 <= n; i += 64) {
		for (size_t j = 0; j < 64; j += 8) {
			memcpy(&w, p + i + j, 8);
			acc |= w;
		}
		if (acc)
			return 0;
	}
	for (; i < n; i++)
		acc |= p[i];
	return !acc;
}

/*
 * Is everything from r->off to the end zero?  Preallocated or O_DIRECT-padded tails
 * are.  The holes of a sparse file are stepped over without reading them, so that a
 * tail of gigabytes costs a few calls, not a scan.
 */
static int src_rest_zero(struct tracefile_reader *r)
{
	for (;;) {
		/* what is buffered first: with the buffer empty, the holes can be skipped */
		size_t want = r->fd >= 0 && r->slen > r->spos ? r->slen - r->spos : 1u << 20;
		const uint8_t *p;
		ssize_t n = src_get(r, want, &p);

		if (n <= 0)
			return n == 0;
		if (!all_zero(p, (size_t)n))
			return 0;
		src_consume(r, (size_t)n);
		if (r->seekable && r->slen == r->spos && !r->seof) {
			/* the buffer is empty: the file offset is r->off */
			off_t d = lseek(r->fd, (off_t)r->off, SEEK_DATA);

			if (d < 0 && errno == ENXIO)
				return 1; /* no data from here to the end: a hole */
			if (d < 0)
				r->seekable = 0; /* read on from where the last read left off */
			else
				r->off = (uint64_t)d;
		}
	}
}

static __attribute__((format(printf, 2, 3))) void rd_error(struct tracefile_reader *r,
							    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->err, sizeof(r->err), fmt, ap);
	va_end(ap);
}

static void warn_append(struct tracefile_reader *r, const char *s, size_t n)
{
	if (r->warn_len + n + 2 > r->warn_cap) {
		size_t cap = (r->warn_len + n + 2) * 2;
		char *nw = vt_malloc(cap);

		if (r->warn_len)
			memcpy(nw, r->warn, r->warn_len);
		free(r->warn);
		r->warn = nw;
		r->warn_cap = cap;
	}
	if (r->warn_len)
		r->warn[r->warn_len++] = '\n';
	memcpy(r->warn + r->warn_len, s, n);
	r->warn_len += n;
	r->warn[r->warn_len] = '\0';
}

static __attribute__((format(printf, 2, 3))) void rd_warn(struct tracefile_reader *r,
							   const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	/* A file of a million bad blocks must not make a million lines or grow without end. */
	if (r->nwarn >= WARN_MAX) {
		r->warn_dropped++;
		r->warn_len = r->warn_base;
		n = snprintf(line, sizeof(line), "%u more warnings like these not shown",
			     r->warn_dropped);
		warn_append(r, line, (size_t)n);
		return;
	}
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	warn_append(r, line, (size_t)n);
	r->nwarn++;
	r->warn_base = r->warn_len;
}

static void copy_str(char *dst, const uint8_t *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint8_t c = src[i];

		dst[i] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	dst[n] = '\0';
}

static int parse_syscalls(struct tracefile_reader *r, const uint8_t *v, uint32_t len,
			  uint64_t off)
{
	uint32_t nsys, nnames, i, pos = 8, pool = 0;
	const char **names;
	char *pp;

	if (len < 8) {
		rd_error(r, "bad syscall table at offset %llu (section too short)",
			 (unsigned long long)off);
		return -EBADMSG;
	}
	nsys = ld32(v);
	nnames = ld32(v + 4);
	if (nsys > TRACEFILE_MAX_SYSCALLS || nnames > nsys || nnames > (len - 8) / 5) {
		rd_error(r, "bad syscall table at offset %llu (%u names for %u numbers)",
			 (unsigned long long)off, nnames, nsys);
		return -EBADMSG;
	}
	names = vt_calloc(nsys ? nsys : 1, sizeof(*names));
	/* each name takes at least 4 bytes of entry header in len, so len bounds the pool */
	pp = vt_malloc(len);
	r->meta.syscall_names = names;
	r->meta.nsyscalls = nsys;
	r->names_pool = pp;
	for (i = 0; i < nnames; i++) {
		uint16_t nr, n;

		if (len - pos < 4)
			goto bad;
		nr = ld16(v + pos);
		n = ld16(v + pos + 2);
		pos += 4;
		if (nr >= nsys || names[nr] || n > len - pos || !name_ok((const char *)v + pos, n))
			goto bad;
		memcpy(pp + pool, v + pos, n);
		pp[pool + n] = '\0';
		names[nr] = pp + pool;
		pool += n + 1;
		pos += n;
	}
	return 0;
bad:
	rd_error(r, "bad syscall table entry at offset %llu", (unsigned long long)(off + pos));
	return -EBADMSG;
}

/* SEC_SYSARGS: after SEC_SYSCALLS; entries for numbers without a name are refused. */
static int parse_sysargs(struct tracefile_reader *r, const uint8_t *v, uint32_t len,
			 uint64_t off)
{
	const uint32_t ent = 2 + TRACEFILE_SIG_LEN;
	uint32_t n, i;
	uint8_t *sig;

	if (len < 4 || !r->meta.syscall_names || r->meta.syscall_sig)
		goto bad;
	n = ld32(v);
	if (n > r->meta.nsyscalls || n > (len - 4) / ent || 4 + n * ent != len)
		goto bad;
	sig = vt_calloc(r->meta.nsyscalls ? r->meta.nsyscalls : 1, TRACEFILE_SIG_LEN);
	r->sig_pool = sig;
	for (i = 0; i < n; i++) {
		const uint8_t *e = v + 4 + i * ent;
		uint16_t nr = ld16(e);

		if (nr >= r->meta.nsyscalls || !r->meta.syscall_names[nr] || e[2] > 6)
			goto bad;
		memcpy(sig + (size_t)nr * TRACEFILE_SIG_LEN, e + 2, TRACEFILE_SIG_LEN);
	}
	r->meta.syscall_sig = sig;
	return 0;
bad:
	rd_error(r, "bad syscall argument table at offset %llu", (unsigned long long)off);
	return -EBADMSG;
}

static int parse_header(struct tracefile_reader *r, char *err, size_t errlen)
{
	static const uint8_t zero4[4];
	const uint8_t *p;
	uint32_t version, bom, hlen, want, pos;
	unsigned seen = 0;
	ssize_t n;

	n = src_get(r, TRACEFILE_HEADER_FIXED, &p);
	if (n < 0) {
		snprintf(err, errlen, "read error at offset 0: %s", strerror((int)-n));
		return (int)n;
	}
	if (n == 0) {
		snprintf(err, errlen, "empty file (0 bytes): not a vltrace trace file");
		return -EBADMSG;
	}
	if (memcmp(p, TRACEFILE_MAGIC, (size_t)n < 8 ? (size_t)n : 8)) {
		snprintf(err, errlen, "not a vltrace trace file (bad magic)");
		return -EBADMSG;
	}
	if (n < TRACEFILE_HEADER_FIXED) {
		snprintf(err, errlen, "truncated header (%zd of %u bytes)", n,
			 TRACEFILE_HEADER_FIXED);
		return -EBADMSG;
	}
	bom = ld32(p + 12);
	if (bom == BOM_SWAPPED) {
		snprintf(err, errlen,
			 "wrong byte order: written on a big-endian machine, read it on one");
		return -EBADMSG;
	}
	if (bom != BOM) {
		snprintf(err, errlen, "bad byte order mark at offset 12");
		return -EBADMSG;
	}
	version = ld32(p + 8);
	if (version == 0) {
		snprintf(err, errlen, "bad format version 0 at offset 8");
		return -EBADMSG;
	}
	if (version > TRACEFILE_FORMAT_VERSION) {
		snprintf(err, errlen,
			 "format version %u is newer than this vltrace reads (%u): use a newer vltrace",
			 version, TRACEFILE_FORMAT_VERSION);
		return -EPROTONOSUPPORT;
	}
	hlen = ld32(p + 16);
	if (hlen < TRACEFILE_HEADER_FIXED || hlen > TRACEFILE_HEADER_MAX || (hlen & 7)) {
		snprintf(err, errlen, "bad header length %u at offset 16", hlen);
		return -EBADMSG;
	}
	n = src_get(r, hlen, &p);
	if (n < 0) {
		snprintf(err, errlen, "read error at offset 0: %s", strerror((int)-n));
		return (int)n;
	}
	if ((size_t)n < hlen) {
		snprintf(err, errlen, "truncated header (%zd of %u bytes)", n, hlen);
		return -EBADMSG;
	}
	r->crc = crc_of_version(version);
	want = r->crc(r->crc(r->crc(0, p, 20), zero4, 4), p + 24, hlen - 24);
	if (want != ld32(p + 20) && !fuzz_crc_wildcard(ld32(p + 20))) {
		snprintf(err, errlen, "bad header checksum at offset 20");
		return -EBADMSG;
	}

	for (pos = TRACEFILE_HEADER_FIXED; pos < hlen;) {
		uint16_t type, flags;
		uint32_t len;
		const uint8_t *v;

		/* hlen and pos are multiples of 8, so 8 bytes of section header are there */
		type = ld16(p + pos);
		flags = ld16(p + pos + 2);
		len = ld32(p + pos + 4);
		if (len > hlen - pos - 8 || VT_ALIGN(len, 8) > hlen - pos - 8) {
			snprintf(err, errlen, "bad header section length %u at offset %u", len,
				 pos + 4);
			return -EBADMSG;
		}
		v = p + pos + 8;
		if (type > 0 && type < SEC_KNOWN_MAX) {
			if (seen & (1u << type)) {
				snprintf(err, errlen, "header section %u repeated at offset %u", type,
					 pos);
				return -EBADMSG;
			}
			seen |= 1u << type;
		}
		switch (type) {
		case SEC_ARCH:
		case SEC_KERNEL:
		case SEC_HOST: {
			char *dst = type == SEC_ARCH ? r->meta.arch :
				    type == SEC_KERNEL ? r->meta.kernel : r->meta.host;
			size_t cap = type == SEC_ARCH ? sizeof(r->meta.arch) :
				     type == SEC_KERNEL ? sizeof(r->meta.kernel) :
							  sizeof(r->meta.host);

			if (len >= cap) {
				snprintf(err, errlen, "header string too long (%u bytes) at offset %u",
					 len, pos);
				return -EBADMSG;
			}
			copy_str(dst, v, len);
			break;
		}
		case SEC_CMDLINE:
			free(r->meta.cmdline);
			r->meta.cmdline = vt_malloc(len + 1); /* len < TRACEFILE_HEADER_MAX */
			copy_str(r->meta.cmdline, v, len);
			break;
		case SEC_RECORDS:
			if (len < 8)
				goto short_sec;
			r->meta.record_version = ld32(v);
			r->meta.ncpus = ld32(v + 4);
			if (r->meta.ncpus > TRACEFILE_MAX_CPUS) {
				snprintf(err, errlen, "bad CPU count %u at offset %u", r->meta.ncpus,
					 pos + 12);
				return -EBADMSG;
			}
			break;
		case SEC_CLOCK:
			if (len < 16)
				goto short_sec;
			r->meta.realtime_at_mono0 = ld64(v);
			r->meta.start_mono = ld64(v + 8);
			break;
		case SEC_SYSCALLS:
			if (parse_syscalls(r, v, len, pos + 8) < 0) {
				snprintf(err, errlen, "%s", r->err);
				return -EBADMSG;
			}
			break;
		case SEC_SYSARGS:
			if (parse_sysargs(r, v, len, pos + 8) < 0) {
				snprintf(err, errlen, "%s", r->err);
				return -EBADMSG;
			}
			break;
		case SEC_PROCS: {
			uint32_t np;

			if (len < 4)
				goto short_sec;
			np = ld32(v);
			if (np > TRACEFILE_MAX_PROCS || np > (len - 4) / 20) {
				snprintf(err, errlen, "bad process count %u at offset %u", np,
					 pos + 8);
				return -EBADMSG;
			}
			free(r->procs_pool);
			r->procs_pool = vt_calloc(np ? np : 1, sizeof(*r->procs_pool));
			for (uint32_t k = 0; k < np; k++) {
				const uint8_t *c = v + 8 + k * 20;

				r->procs_pool[k].tgid = ld32(v + 4 + k * 20);
				copy_str(r->procs_pool[k].comm, c, strnlen((const char *)c, 15));
			}
			r->meta.procs = r->procs_pool;
			r->meta.nprocs = np;
			break;
		}
		case SEC_TRIGGER:
			free(r->trigger);
			r->trigger = vt_malloc(len + 1); /* len < TRACEFILE_HEADER_MAX */
			copy_str(r->trigger, v, len);
			r->meta.trigger = r->trigger;
			break;
		case SEC_COMPRESSION:
			if (len < 8)
				goto short_sec;
			r->meta.compress = ld32(v);
			r->meta.compress_level = (int32_t)ld32(v + 4);
			if (r->meta.compress != TRACEFILE_COMPRESS_ZSTD) {
				snprintf(err, errlen,
					 "compression %u at offset %u is unknown: use a newer vltrace",
					 r->meta.compress, pos + 8);
				return -EPROTONOSUPPORT;
			}
			break;
		default:
			if (flags & SEC_CRITICAL) {
				snprintf(err, errlen,
					 "header section %u at offset %u is required but unknown: use a newer vltrace",
					 type, pos);
				return -EPROTONOSUPPORT;
			}
			break;
		}
		pos += 8 + VT_ALIGN(len, 8);
	}

	if (!(seen & (1u << SEC_ARCH)) || !(seen & (1u << SEC_RECORDS))) {
		snprintf(err, errlen, "header lacks its %s section: not a complete trace file",
			 !(seen & (1u << SEC_ARCH)) ? "architecture" : "record");
		return -EBADMSG;
	}
	if (!r->meta.arch[0]) {
		snprintf(err, errlen, "bad header: the architecture is empty");
		return -EBADMSG;
	}
	if (strcmp(r->meta.arch, TRACEFILE_ARCH)) {
		snprintf(err, errlen,
			 "wrong architecture: the trace was recorded on %s, this vltrace reads %s: read it with vltrace on %s",
			 r->meta.arch, TRACEFILE_ARCH, r->meta.arch);
		return -EPROTONOSUPPORT;
	}
	if (r->meta.record_version < VT_RECORD_VERSION_MIN ||
	    r->meta.record_version > VT_RECORD_VERSION) {
		snprintf(err, errlen,
			 "record version %u, this vltrace reads versions %u to %u: use the vltrace that wrote it",
			 r->meta.record_version, VT_RECORD_VERSION_MIN, VT_RECORD_VERSION);
		return -EPROTONOSUPPORT;
	}
	r->meta.format_version = version;
	src_consume(r, hlen);
	return 0;

short_sec:
	snprintf(err, errlen, "header section %u too short (%u bytes) at offset %u",
		 ((unsigned)ld16(p + pos)), ld32(p + pos + 4), pos);
	return -EBADMSG;
}

static int reader_init(struct tracefile_reader *r, char *err, size_t errlen,
		       struct tracefile_reader **out)
{
	int ret;

	if (!err || !errlen) {
		static char dummy[1];

		err = dummy;
		errlen = sizeof(dummy);
	}
	ret = parse_header(r, err, errlen);
	if (ret < 0) {
		tracefile_close(r);
		*out = NULL;
		return ret;
	}
	*out = r;
	return 0;
}

int tracefile_open_mem(const void *buf, size_t len, struct tracefile_reader **out, char *err,
		       size_t errlen)
{
	static const uint8_t none[1];
	struct tracefile_reader *r = vt_calloc(1, sizeof(*r));

	r->fd = -1;
	if (((uintptr_t)buf & 7) && len) {
		/* records are handed out in place and read as structs: keep them aligned */
		r->copy = vt_aligned_alloc(8, VT_ALIGN(len, 8));
		memcpy(r->copy, buf, len);
		buf = r->copy;
	}
	r->mem = buf ? buf : none;
	r->memlen = buf ? len : 0;
	return reader_init(r, err, errlen, out);
}

int tracefile_open(const char *path, struct tracefile_reader **out, char *err, size_t errlen)
{
	struct tracefile_reader *r;
	struct stat st;
	int fd, ret;

	*out = NULL;
	if (!strcmp(path, "-")) {
		fd = STDIN_FILENO;
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			ret = -errno;
			if (err && errlen)
				snprintf(err, errlen, "cannot open: %s", strerror(-ret));
			return ret;
		}
	}
	r = vt_calloc(1, sizeof(*r));
	r->close_fd = fd != STDIN_FILENO;
	if (r->close_fd && !fstat(fd, &st) && S_ISREG(st.st_mode)) {
		r->seekable = 1;
		posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	}
	r->fd = fd;
	return reader_init(r, err, errlen, out);
}

void tracefile_close(struct tracefile_reader *r)
{
	if (!r)
		return;
	if (r->close_fd && r->fd >= 0)
		close(r->fd);
	free(r->copy);
	free(r->sbuf);
	free(r->meta.cmdline);
	free(r->trigger);
	free(r->meta.syscall_names);
	free(r->names_pool);
	free(r->sig_pool);
	free(r->procs_pool);
	free(r->totals.lost_per_cpu);
	free(r->warn);
	free(r->zbuf);
	ZSTD_freeDCtx(r->dctx);
	free(r);
}

const struct tracefile_meta *tracefile_reader_meta(const struct tracefile_reader *r)
{
	return &r->meta;
}

const struct tracefile_totals *tracefile_reader_totals(const struct tracefile_reader *r)
{
	return r->have_totals ? &r->totals : NULL;
}

const char *tracefile_reader_error(const struct tracefile_reader *r)
{
	return r->err[0] ? r->err : NULL;
}

const char *tracefile_reader_warning(const struct tracefile_reader *r)
{
	return r->warn_len ? r->warn : NULL;
}

static void finish(struct tracefile_reader *r)
{
	r->state = R_DONE;
}

static void fail(struct tracefile_reader *r, int err)
{
	r->state = R_FAILED;
	r->ret = err;
}

static void read_failed(struct tracefile_reader *r, ssize_t n)
{
	rd_error(r, "read error at offset %llu: %s", (unsigned long long)r->off,
		 strerror((int)-n));
	fail(r, (int)n);
}

/* The footer at r->off: its totals, or a warning when they cannot be trusted. */
static void read_footer(struct tracefile_reader *r)
{
	unsigned long long off = r->off;
	const uint8_t *p;
	uint32_t flen, ncpus, i;
	ssize_t n;

	n = src_get(r, 16, &p);
	if (n < 0)
		return read_failed(r, n);
	if (n < 16) {
		rd_warn(r, "file cut short at offset %llu: incomplete footer, totals unknown", off);
		return finish(r);
	}
	flen = ld32(p + 8);
	ncpus = ld32(p + 12);
	if (ncpus > TRACEFILE_MAX_CPUS || flen != FOOTER_SIZE(ncpus)) {
		rd_warn(r, "bad footer length at offset %llu: totals ignored", off + 8);
		return finish(r);
	}
	n = src_get(r, flen, &p);
	if (n < 0)
		return read_failed(r, n);
	if ((size_t)n < flen) {
		rd_warn(r, "file cut short at offset %llu: incomplete footer, totals unknown", off);
		return finish(r);
	}
	if (!crc_ok(r->crc, ld32(p + flen - 4), p, flen - 4)) {
		rd_warn(r, "bad footer checksum at offset %llu: totals ignored", off);
		src_consume(r, flen);
		return finish(r);
	}
	r->totals.records = ld64(p + 16);
	r->totals.blocks = ld64(p + 24);
	r->totals.lost = ld64(p + 32);
	r->totals.late = ld64(p + 40);
	r->totals.degraded = ld32(p + flen - 8);
	r->totals.first_ts = ld64(p + 48);
	r->totals.last_ts = ld64(p + 56);
	r->totals.ncpus = ncpus;
	r->totals.lost_per_cpu = vt_calloc(ncpus ? ncpus : 1, sizeof(uint64_t));
	for (i = 0; i < ncpus; i++)
		r->totals.lost_per_cpu[i] = ld64(p + FOOTER_FIXED + 8 * i);
	r->have_totals = 1;
	src_consume(r, flen);

	if (r->totals.blocks != r->blocks || r->totals.records != r->records_declared)
		rd_warn(r, "footer at offset %llu counts %llu blocks and %llu records, the file holds %llu and %llu",
			off, (unsigned long long)r->totals.blocks,
			(unsigned long long)r->totals.records, (unsigned long long)r->blocks,
			(unsigned long long)r->records_declared);
	n = src_get(r, 1, &p);
	if (n < 0)
		return read_failed(r, n);
	if (n > 0)
		rd_warn(r, "data after the footer at offset %llu ignored",
			(unsigned long long)r->off);
	finish(r);
}

/*
 * Decompress a TRACEFILE_BLOCK_ZSTD payload (h: its block header) into r->zbuf.
 * Returns 0, or -EBADMSG when it does not give raw_len bytes of the checksum stored.
 */
static int inflate_block(struct tracefile_reader *r, const uint8_t *h, const uint8_t *z)
{
	uint32_t raw = ld32(h + 44);
	size_t n;

	if (!r->dctx) {
		r->dctx = ZSTD_createDCtx();
		if (!r->dctx)
			vt_die(ENOMEM);
	}
	if (r->zcap < raw) {
		/* raw is bounded by TRACEFILE_BLOCK_MAX (next_block) */
		free(r->zbuf);
		r->zbuf = vt_aligned_alloc(8, raw);
		r->zcap = raw;
	}
	n = ZSTD_decompressDCtx(r->dctx, r->zbuf, raw, z, ld32(h + 48));
	if (ZSTD_isError(n) || n != raw || !crc_ok(r->crc, ld32(h + 52), r->zbuf, raw))
		return -EBADMSG;
	return 0;
}

/* Step to the next block with a good checksum, to the footer, or to the end. */
static void next_block(struct tracefile_reader *r)
{
	unsigned long long off = r->off;
	uint32_t hlen, plen, nrec, total, flags, raw;
	const uint8_t *p;
	ssize_t n;

	n = src_get(r, 8, &p);
	if (n < 0)
		return read_failed(r, n);
	if (n == 0) {
		rd_warn(r, "no footer at offset %llu: the file was cut short, totals unknown", off);
		return finish(r);
	}
	if (n == 8 && !memcmp(p, TRACEFILE_FOOTER_MAGIC, 8))
		return read_footer(r);
	if (n < 8 || memcmp(p, TRACEFILE_BLOCK_MAGIC, 8)) {
		if (src_rest_zero(r)) {
			rd_warn(r, "file cut short at offset %llu: zeros after the last block, totals unknown",
				off);
			return finish(r);
		}
		if (n < 8) {
			rd_warn(r, "file cut short at offset %llu: incomplete block header or footer",
				off);
			return finish(r);
		}
		rd_error(r, "bad block magic at offset %llu", off);
		return fail(r, -EBADMSG);
	}

	n = src_get(r, TRACEFILE_BLOCK_HDR, &p);
	if (n < 0)
		return read_failed(r, n);
	if (n < TRACEFILE_BLOCK_HDR) {
		rd_warn(r, "file cut short at offset %llu: incomplete block header (%zd of %u bytes)",
			off, n, TRACEFILE_BLOCK_HDR);
		return finish(r);
	}
	if (!crc_ok(r->crc, ld32(p + 60), p, 60)) {
		rd_error(r, "bad block header checksum at offset %llu", off);
		return fail(r, -EBADMSG);
	}
	hlen = ld32(p + 8);
	plen = ld32(p + 12);
	nrec = ld32(p + 16);
	if (hlen < TRACEFILE_BLOCK_HDR || hlen > TRACEFILE_BLOCK_HDR_MAX || (hlen & 7)) {
		rd_error(r, "bad block header length %u at offset %llu", hlen, off + 8);
		return fail(r, -EBADMSG);
	}
	if (plen > TRACEFILE_BLOCK_MAX || (plen & 7)) {
		rd_error(r, "bad block payload length %u at offset %llu", plen, off + 12);
		return fail(r, -EBADMSG);
	}
	flags = ld32(p + 20);
	raw = plen;
	if (flags & TRACEFILE_BLOCK_ZSTD) {
		uint32_t zlen = ld32(p + 48);

		raw = ld32(p + 44);
		if (raw > TRACEFILE_BLOCK_MAX || (raw & 7) || !zlen || zlen > plen ||
		    plen - zlen >= 8) {
			rd_error(r, "bad compressed block header at offset %llu (%u bytes from %u of %u)",
				 off, raw, zlen, plen);
			return fail(r, -EBADMSG);
		}
	}
	/* the time range (offsets 24, 32) is not checked: see FORMAT.md, late records */
	if (nrec > raw / sizeof(struct vt_hdr) || (!nrec != !raw)) {
		rd_error(r, "bad block header at offset %llu (%u records in %u bytes)", off, nrec,
			 raw);
		return fail(r, -EBADMSG);
	}
	total = hlen + plen; /* both bounded above: no overflow */
	if (r->windowed && nrec && (ld64(p + 32) < r->since || ld64(p + 24) > r->until) &&
	    r->fd >= 0 && r->seekable && !r->seof && r->slen - r->spos < total) {
		/* outside the window: a regular file seeks past what is not read yet */
		size_t avail = r->slen - r->spos;

		if (lseek(r->fd, (off_t)(total - avail), SEEK_CUR) < 0)
			return read_failed(r, -errno);
		r->off += total;
		r->spos = r->slen = 0;
		r->blocks_skipped++;
		r->blocks++;
		r->records_declared += nrec;
		return;
	}
	n = src_get(r, total, &p);
	if (n < 0)
		return read_failed(r, n);
	if ((size_t)n < total) {
		rd_warn(r, "file cut short at offset %llu: the last block has %zd of %u bytes, %u records lost",
			off, n, total, nrec);
		return finish(r);
	}
	if (r->windowed && nrec && (ld64(p + 32) < r->since || ld64(p + 24) > r->until)) {
		/* its records are all outside the window: its payload is not checked */
		r->blocks_skipped++;
		r->blocks++;
		r->records_declared += nrec;
		src_consume(r, total);
		return;
	}
	r->blocks++;
	r->records_declared += nrec;
	if (!r->headers_only && !crc_ok(r->crc, ld32(p + 40), p + hlen, plen)) {
		rd_warn(r, "bad payload checksum in the block at offset %llu: %u records skipped",
			off, nrec);
		src_consume(r, total);
		return;
	}
	if (flags & ~TRACEFILE_BLOCK_ZSTD) {
		/* its length is sound (checked header): step over what this reader cannot read */
		rd_warn(r, "unknown flags 0x%x in the block at offset %llu: %u records skipped",
			flags, off, nrec);
		src_consume(r, total);
		return;
	}
	if ((flags & TRACEFILE_BLOCK_ZSTD) && inflate_block(r, p, p + hlen) < 0) {
		rd_warn(r, "bad compressed payload in the block at offset %llu: %u records skipped",
			off, nrec);
		src_consume(r, total);
		return;
	}
	r->blk = (flags & TRACEFILE_BLOCK_ZSTD) ? r->zbuf : p + hlen;
	r->bhdr = hlen;
	r->bstored = plen;
	r->blen = raw;
	r->bpos = 0;
	r->bnrec = nrec;
	r->bseen = 0;
	r->in_block = 1;
}

static void end_block(struct tracefile_reader *r)
{
	r->in_block = 0;
	src_consume(r, (size_t)r->bhdr + r->bstored);
}

/* A record's size alone: enough to step over it safely. */
static int record_bounds(const uint8_t *p, size_t avail)
{
	uint16_t size;

	if (avail < sizeof(struct vt_hdr))
		return -EBADMSG;
	size = ((const struct vt_hdr *)p)->size;
	if (size < sizeof(struct vt_hdr) || (size & 7) || size > avail)
		return -EBADMSG;
	return size;
}

int tracefile_next(struct tracefile_reader *r, const struct vt_hdr **rec)
{
	for (;;) {
		if (r->state == R_DONE)
			return 0;
		if (r->state == R_FAILED)
			return r->ret;
		if (!r->in_block) {
			next_block(r);
			continue;
		}
		if (r->bpos < r->blen) {
			const uint8_t *p = r->blk + r->bpos;
			int n = r->headers_only ? record_bounds(p, r->blen - r->bpos) :
						  vt_record_check(p, r->blen - r->bpos);

			if (n < 0) {
				rd_warn(r, "bad record at offset %llu in the block at offset %llu: rest of the block skipped",
					(unsigned long long)(r->off + r->bhdr + r->bpos),
					(unsigned long long)r->off);
				end_block(r);
				continue;
			}
			r->bpos += (uint32_t)n;
			r->bseen++;
			*rec = (const struct vt_hdr *)p;
			return 1;
		}
		if (r->bseen != r->bnrec)
			rd_warn(r, "the block at offset %llu holds %u records, its header says %u",
				(unsigned long long)r->off, r->bseen, r->bnrec);
		end_block(r);
	}
}

void tracefile_set_window(struct tracefile_reader *r, uint64_t since, uint64_t until)
{
	r->since = since;
	r->until = until;
	r->windowed = 1;
}

void tracefile_set_headers_only(struct tracefile_reader *r)
{
	r->headers_only = 1;
}

void tracefile_progress(const struct tracefile_reader *r, uint64_t *done, uint64_t *total)
{
	struct stat st;

	*done = r->off;
	*total = r->fd < 0 ? r->memlen :
		 r->seekable && !fstat(r->fd, &st) && st.st_size > 0 ? (uint64_t)st.st_size : 0;
}

uint64_t tracefile_blocks_skipped(const struct tracefile_reader *r)
{
	return r->blocks_skipped;
}

int tracefile_first_ts(struct tracefile_reader *r, uint64_t *ts)
{
	const uint8_t *p;
	ssize_t n;

	if (r->in_block || r->blocks || r->blocks_skipped || r->state != R_READING)
		return -EINVAL;
	/* the first block's header, looked at without taking it */
	n = src_get(r, TRACEFILE_BLOCK_HDR, &p);
	if (n < TRACEFILE_BLOCK_HDR || memcmp(p, TRACEFILE_BLOCK_MAGIC, 8) ||
	    !crc_ok(r->crc, ld32(p + 60), p, 60) || !ld32(p + 16))
		return -ENOENT;
	*ts = ld64(p + 24);
	return 0;
}
