/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The BPF side's life cycle, as libbpf-tools do it: open the embedded object (or
 * --bpf-object FILE) -> set the rodata settings -> size or create the per-CPU
 * buffers -> load -> map vltrace's rings -> attach -> detach -> destroy.  The rings
 * (or the BPF ring buffers' fds) and the counters map go to the pipeline; the map
 * of traced processes is filled through here.
 *
 * Threads: main thread only.
 */
#ifndef VLTRACE_LOADER_H
#define VLTRACE_LOADER_H

#include <stdint.h>
#include <sys/types.h>

#include "record.h"

struct loader_opts {
	int system_wide;
	pid_t self_tgid;
	int follow;
	int filter_syscalls;
	const uint64_t *syscall_mask; /* VT_MASK_WORDS words */
	int capture;		      /* read pointer arguments */
	const uint64_t *raw_mask;     /* -e raw=: syscalls not to read arguments of, or NULL */
	unsigned capture_size;	      /* -s */
	int read_env;		      /* -v: execve's environment read, not only counted */
	const uint64_t *dump_read;    /* -e read=: VT_DUMP_WORDS words of fds, or NULL */
	const uint64_t *dump_write;   /* -e write=: the same */
	uint64_t buffer_size;	      /* bytes per CPU buffer (a power of 2 is used) */
	int buffer_kind;	      /* enum vt_buffer_kind: --buffer */
	int status_filter;	      /* enum vt_status_filter */
	int floor_only;		      /* benchmark floor: hooks filter, record nothing */
	int count_stats;	      /* -c/-C: per-syscall totals in the kernel */
	int emit_records;	      /* 0: totals only (-c without -W) */
	int count_minmax;	      /* -c: shortest and longest call per syscall */
	int count_hist;		      /* -c: latency histograms per syscall */
	int count_errno;	      /* -c: errors by errno per syscall */
	int count_by;		      /* -c --summary-by a who: totals per thread */
	int by_syscall;		      /* ... and per syscall of each thread */
	char *const *names;	      /* -N NAME: traced when they exec (with follow) */
	unsigned nnames;
	const char *bpf_object;	      /* NULL: the embedded object */
	int verbose;		      /* print libbpf's messages */
};

struct loader {
	struct vltrace_bpf *skel;
	unsigned ncpus;	   /* possible CPUs: ring_fds and rings entries */
	int buffer_kind;   /* enum vt_buffer_kind */
	int *ring_fds;	   /* VT_BUF_RINGBUF: ring buffer fds, VT_BUF_PERF: perf event fds;
			    * -1 for CPUs that are not online (and for VT_BUF_RING) */
	struct reader_ring *rings; /* VT_BUF_RING: each CPU's ring in ring_map (data NULL
				    * for CPUs that are not online) */
	void *ring_map;	   /* VT_BUF_RING: the rings map, mapped */
	size_t ring_map_len;
	uint64_t *procbits; /* the procbits map, mapped: 2 bits of process state a tgid */
	size_t procbits_len;
	uint32_t procbits_words;
	int template_fd;   /* without BPF ring buffers: the small one that stands in as
			    * the ring buffer array's template */
	uint64_t ring_size;
	uint64_t ring_key;  /* VT_BUF_RING: the commit words' key (record.h vt_ring_word) */
	void *obj_data;	   /* --bpf-object contents, kept while the object lives */
};

/*
 * Open, configure, create buffers and load.  On failure prints one line saying
 * what is missing and returns a negative errno.
 */
int loader_open(struct loader **out, const struct loader_opts *o);
/*
 * From a libbpf message carrying a refused program's verifier log: the program's
 * name into prog, the log's last line that is not a statistic into said (both
 * left as they are when msg is no such message).  Any thread; for tests too.
 */
void loader_verifier_verdict(const char *msg, char *prog, size_t plen, char *said, size_t slen);
/* Mark process tgid as traced (state: enum vt_proc_state). */
int loader_add_proc(struct loader *l, pid_t tgid, uint32_t state);
/* Take process tgid out of the map (it ended before its exit could be seen). */
int loader_del_proc(struct loader *l, pid_t tgid);
/*
 * Take the spawned command out of the map if it still waits for its execve: once
 * reaped, it never will.
 */
int loader_drop_waiting(struct loader *l, pid_t tgid);
/* Are any processes left in the map? (they leave it when their last thread exits) */
int loader_procs_empty(struct loader *l);
int loader_attach(struct loader *l);
/* Detach the hooks: no new records after this returns. */
void loader_detach(struct loader *l);
void loader_destroy(struct loader *l);
int loader_counters_fd(const struct loader *l);
/* The BPF side's loss counters, per CPU (ncpus entries), as they stand now. */
int loader_lost(struct loader *l, uint64_t *per_cpu);
/* The kernel's per-syscall totals, summed over CPUs: fn is called per syscall with calls. */
int loader_read_sysstats(struct loader *l,
			 void (*fn)(void *ctx, unsigned nr, const struct vt_sysstat *st),
			 void *ctx);
/* The kernel's latency histograms (VT_HIST_BUCKETS counts) of the syscalls that have some. */
int loader_read_syshist(struct loader *l, void (*fn)(void *ctx, unsigned nr, const uint64_t *b),
			void *ctx);
/* The kernel's errors by errno slot (VT_ERRNO_SLOTS counts) of the syscalls that failed. */
int loader_read_syserrno(struct loader *l, void (*fn)(void *ctx, unsigned nr, const uint64_t *n),
			 void *ctx);
/* Threads the kernel has totals for (bystats entries), and the calls it found no room for. */
#define LOADER_BY_ENTRIES 16384
int loader_read_bystats(struct loader *l,
			void (*fn)(void *ctx, const struct vt_bykey *k, const struct vt_bystat *b),
			void *ctx, uint64_t *dropped);

#endif /* VLTRACE_LOADER_H */
