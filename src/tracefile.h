/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The binary trace file (docs/FORMAT.md): encoding of the header, blocks and footer,
 * and a reader that checks every length and checksum before trusting it.
 *
 * Threads: the encoding functions are pure (any thread; the merger seals blocks,
 * the writer compresses them and encodes header and footer; the ZSTD_CCtx passed to
 * tracefile_block_compress belongs to its caller's thread).  A tracefile_reader belongs to one thread.
 *
 * Layout: header, then blocks, then a footer.  A block is TRACEFILE_BLOCK_HDR bytes of
 * header followed by its payload: records (bpf/record.h) back to back, each
 * vt_hdr.size bytes, in non-decreasing time order; or, with the block flag
 * TRACEFILE_BLOCK_ZSTD, one zstd frame that decompresses to such records.
 */
#ifndef VLTRACE_TRACEFILE_H
#define VLTRACE_TRACEFILE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "record.h"

#define TRACEFILE_BLOCK_HDR 64
/* Largest block payload a writer produces and a reader accepts. */
#define TRACEFILE_BLOCK_MAX (16u << 20)
#define TRACEFILE_MAX_CPUS 4096

/*
 * Bumped only on a change older readers cannot read (docs/FORMAT.md, "Versioning").
 * Writers write this version; readers read every version from 1 to this one.
 * 2: checksums are CRC-32C instead of zlib's CRC-32.
 */
#define TRACEFILE_FORMAT_VERSION 2
#define TRACEFILE_MAGIC "\x7fVLTRACE"	/* 8 bytes at offset 0 */
#define TRACEFILE_BLOCK_MAGIC "VLTBLOCK"	/* 8 bytes at the start of each block */
#define TRACEFILE_FOOTER_MAGIC "VLTFOOTR" /* 8 bytes at the start of the footer */
/* Block header flags (offset 20). */
#define TRACEFILE_BLOCK_ZSTD 1u /* the payload is a zstd frame (FORMAT.md, 4.3) */
/* Compression of the blocks, named in the header's COMPRESSION section. */
enum tracefile_compress {
	TRACEFILE_COMPRESS_NONE = 0,
	TRACEFILE_COMPRESS_ZSTD = 1,
};
#define TRACEFILE_HEADER_FIXED 32
/* Largest header a reader accepts; the encoder stays below it. */
#define TRACEFILE_HEADER_MAX (1u << 20)
/* Longest block header a reader accepts (writers write TRACEFILE_BLOCK_HDR). */
#define TRACEFILE_BLOCK_HDR_MAX 4096
/* Most entries in the syscall table, and the longest name. */
#define TRACEFILE_MAX_SYSCALLS 4096
#define TRACEFILE_NAME_MAX 64
/* The command line is cut to this many bytes in the header. */
#define TRACEFILE_CMDLINE_MAX 65536

#if defined(__x86_64__)
#define TRACEFILE_ARCH "x86_64"
#else
#error "vltrace trace files: unknown architecture"
#endif

struct tracefile_meta {
	uint32_t format_version; /* filled by the reader; the encoder writes its own */
	uint32_t record_version; /* VT_RECORD_VERSION of the producer */
	char arch[16];		 /* "x86_64" */
	char kernel[128];	 /* uname release */
	char host[256];		 /* uname nodename */
	char *cmdline;		 /* vltrace's own command line, as one string */
	uint64_t realtime_at_mono0; /* ns: wall clock = this + CLOCK_MONOTONIC ns */
	uint64_t start_mono;	 /* CLOCK_MONOTONIC ns when tracing started */
	uint32_t ncpus;		 /* CPU buffers (readers) */
	uint32_t nsyscalls;	 /* entries in syscall_names */
	const char **syscall_names; /* index = syscall number, NULL = no such number */
	/*
	 * Each syscall's signature, TRACEFILE_SIG_LEN bytes per number: argument
	 * count, return kind, then the six argument kinds (decode.h enum vt_argtype
	 * codes, which only ever grow).  NULL: the file has none (older writers).
	 */
	const uint8_t *syscall_sig;
	/*
	 * The processes traced from the start that no exec in the trace will name
	 * (-p, -N, --system-wide): their IDs and names then.  NULL: none known.
	 */
	uint32_t nprocs;
	const struct tracefile_proc *procs;
	/*
	 * enum tracefile_compress and the zstd level asked for.  Not NONE: the header
	 * carries a COMPRESSION section that readers before it refuse.
	 */
	uint32_t compress;
	int32_t compress_level;
	/* what had this file written (a flight recorder snapshot), or NULL */
	const char *trigger;
};

struct tracefile_proc {
	uint32_t tgid;
	char comm[16]; /* 0-terminated */
};

/* Most processes a header names (the PROCS section). */
#define TRACEFILE_MAX_PROCS 65536

#define TRACEFILE_SIG_LEN 8

struct tracefile_totals {
	uint64_t records; /* records written, lost notes included */
	uint64_t blocks;
	uint64_t lost;	  /* records the kernel could not store, all CPUs */
	uint64_t late;	  /* records that arrived after the merger had passed their time */
	uint64_t first_ts, last_ts;
	uint32_t ncpus;	  /* entries in lost_per_cpu */
	uint64_t *lost_per_cpu;
	/* blocks written less compressed than asked because the writer fell behind */
	uint64_t degraded;
};

/* ---- encoding (writer side) ---- */

/*
 * Bytes the header of m takes, or a negative errno.  An empty m->arch is written as
 * TRACEFILE_ARCH, a zero m->record_version as VT_RECORD_VERSION; control characters in
 * the strings are written as '?'; the command line is cut to TRACEFILE_CMDLINE_MAX.
 * -EINVAL: ncpus above TRACEFILE_MAX_CPUS, nsyscalls above TRACEFILE_MAX_SYSCALLS, or a
 * syscall name that is longer than TRACEFILE_NAME_MAX or not made of [A-Za-z0-9_].
 */
ssize_t tracefile_header_size(const struct tracefile_meta *m);
/* Encode the header of m into buf; returns the bytes written or -ENOSPC/-EINVAL. */
ssize_t tracefile_header_encode(const struct tracefile_meta *m, void *buf, size_t cap);
/*
 * Fill in the TRACEFILE_BLOCK_HDR bytes at the start of block, whose payload of
 * payload_len bytes (nrec records) follows them; computes the checksums (CRC-32C).
 */
void tracefile_block_seal(void *block, uint32_t payload_len, uint32_t nrec, uint64_t first_ts,
			  uint64_t last_ts);
/*
 * Compress the sealed block at block (header and payload) into out as a block with
 * the TRACEFILE_BLOCK_ZSTD flag at zstd level `level`, keeping its record count, time
 * range and the payload's checksum.  Returns the bytes of the new block, 0 when
 * compression would not make it smaller (write block as it is), or a negative errno.
 * cap must be at least tracefile_block_compress_bound() of the payload length.
 */
struct ZSTD_CCtx_s;
size_t tracefile_block_compress_bound(uint32_t payload_len);
ssize_t tracefile_block_compress(struct ZSTD_CCtx_s *cctx, int level, const void *block,
				 void *out, size_t cap);
ssize_t tracefile_footer_size(const struct tracefile_totals *t);
ssize_t tracefile_footer_encode(const struct tracefile_totals *t, void *buf, size_t cap);

/* ---- reading ---- */

struct tracefile_reader;

/*
 * Open a trace file (or a memory image, for the fuzzer) and check its header.
 * On failure returns a negative errno and puts a one-line reason into err
 * (without "vltrace: "), naming the offset where it applies.
 *
 * A file (a regular file, a pipe, "-" for standard input) is read with bounded
 * read()s into memory of the reader's own, one block at a time: never mapped, so a
 * file that shrinks or changes while it is read reads as cut short or damaged.
 * tracefile_open_mem does not copy buf unless it is not 8-byte aligned; buf must
 * outlive the reader.
 */
int tracefile_open(const char *path, struct tracefile_reader **out, char *err, size_t errlen);
int tracefile_open_mem(const void *buf, size_t len, struct tracefile_reader **out, char *err,
		       size_t errlen);
void tracefile_close(struct tracefile_reader *r);

const struct tracefile_meta *tracefile_reader_meta(const struct tracefile_reader *r);

/*
 * Next record in file order.  Returns 1 and points *rec at a record whose size, type
 * and capture items have been checked (vt_record_check); 0 at the end of the
 * records; a negative errno on an error that ends reading (message in
 * tracefile_reader_error).  A damaged block is skipped when its length can be
 * trusted, with a message in tracefile_reader_warning.  *rec stays valid until the
 * next call; it is 8-byte aligned.
 */
int tracefile_next(struct tracefile_reader *r, const struct vt_hdr **rec);
/*
 * Read only the blocks whose time range meets [since, until] (CLOCK_MONOTONIC ns of
 * the file): the others are stepped over by their headers, their payloads
 * never checked, and in a regular file never read (the reader seeks past them;
 * a pipe's are read and dropped).  Records of a block in the window
 * are all handed out; the caller keeps those in it.  Before the first
 * tracefile_next.
 */
void tracefile_set_window(struct tracefile_reader *r, uint64_t since, uint64_t until);
/*
 * For a quick look at the record headers (which threads a file holds): blocks'
 * payload checksums and the records' capture items are not checked, only that
 * each record lies within its block.  Before the first tracefile_next.
 */
void tracefile_set_headers_only(struct tracefile_reader *r);
/* Bytes of the file taken so far, and its size (0 when not known: a pipe). */
void tracefile_progress(const struct tracefile_reader *r, uint64_t *done, uint64_t *total);
/* Blocks stepped over by the window so far. */
uint64_t tracefile_blocks_skipped(const struct tracefile_reader *r);
/*
 * The time of the first record (the first block's smallest), before the first
 * tracefile_next: 0, or -ENOENT when the file has no block to tell.
 */
int tracefile_first_ts(struct tracefile_reader *r, uint64_t *ts);
/* Footer totals, once tracefile_next returned 0; NULL when the file has no footer. */
const struct tracefile_totals *tracefile_reader_totals(const struct tracefile_reader *r);
/* The last error, or NULL. */
const char *tracefile_reader_error(const struct tracefile_reader *r);
/*
 * Warnings collected so far (truncated file, skipped blocks), one per line, or
 * NULL; the caller prints them once reading is done.  Lines are separated by '\n'
 * (none after the last); past 64 lines one last line counts the rest.
 */
const char *tracefile_reader_warning(const struct tracefile_reader *r);

/*
 * Check one record of at most avail bytes: header size and alignment, type,
 * minimum size for the type, and every capture item inside the record.
 * Returns the record size or -EBADMSG.  Pure; any thread.
 */
int vt_record_check(const void *rec, size_t avail);

#endif /* VLTRACE_TRACEFILE_H */
