/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Records shared by the BPF programs (producers) and user space (readers, merger,
 * writer, trace file, renderer).  Every layout here is also the on-disk layout of
 * records inside trace file blocks (docs/FORMAT.md): change one, change both, and
 * bump VT_RECORD_VERSION.
 *
 * All records start with struct vt_hdr, are little-endian (x86_64 only for now)
 * and occupy a multiple of 8 bytes (vt_hdr.size, header included).
 */
#ifndef VLTRACE_RECORD_H
#define VLTRACE_RECORD_H

#ifndef __VLTRACE_BPF__
#include <linux/types.h>
#endif

/*
 * 2: capture kinds 10 to 14 (iovec arrays, msghdr, value-result), whose items
 * may be longer than VT_CAPTURE_MAX.  Version 1 records are version 2 records
 * without them: a reader of 2 reads both.
 * 3: capture kind 15 (getdents' entries counted).  Version 2 records are
 * version 3 records without it.
 * 4: capture kind 16 (a struct written only when a signal cut the call short).
 * Version 3 records are version 4 records without it.
 */
#define VT_RECORD_VERSION 4
#define VT_RECORD_VERSION_MIN 1

/* Largest record the BPF side emits; readers reject anything larger. */
#define VT_RECORD_MAX 16384
/* Syscall numbers the filter bitmaps cover (x86_64 uses < 512). */
#define VT_NR_SYSCALLS 512
#define VT_MASK_WORDS (VT_NR_SYSCALLS / 64)
/* vt_hdr.nr for records that are not about one syscall. */
#define VT_NR_NONE 0xffff

enum vt_type {
	VT_ENTER = 1,	   /* syscall entry: struct vt_enter, captures follow */
	VT_EXIT = 2,	   /* syscall exit: struct vt_exit, captures follow */
	VT_SYSCALL = 3,	   /* a whole syscall emitted at exit (status filter): struct vt_syscall */
	VT_THREAD_EXIT = 4, /* a thread exited: struct vt_thread_exit */
	VT_FORK = 5,	   /* a traced task created a task: struct vt_fork */
	VT_SIGNAL = 6,	   /* a signal was delivered: struct vt_signal */
	VT_LOST = 7,	   /* records the kernel could not store (user space writes it): vt_lost */
	VT_TYPE_MAX = 8,
};

struct vt_hdr {
	__u64 ts;   /* CLOCK_MONOTONIC, ns */
	__u32 tid;  /* kernel pid of the thread */
	__u32 tgid; /* kernel tgid (process id) */
	__u16 type; /* enum vt_type */
	__u16 size; /* whole record in bytes, header included, multiple of 8 */
	__u16 cpu;  /* CPU whose buffer carried the record */
	__u16 nr;   /* syscall number, VT_NR_NONE when not a syscall record */
};

struct vt_enter {
	struct vt_hdr h;
	__u64 args[6];
	/* struct vt_capture items up to h.size */
};

struct vt_exit {
	struct vt_hdr h;
	__s64 ret;
	/* struct vt_capture items up to h.size */
};

struct vt_syscall {
	struct vt_hdr h; /* h.ts is the exit time */
	__u64 enter_ts;
	__s64 ret;
	__u64 args[6];
	/* struct vt_capture items up to h.size */
};

#define VT_THREAD_GROUP_DEAD 1 /* the last thread of the process: the process is gone */
struct vt_thread_exit {
	struct vt_hdr h;
	__s32 code; /* wait status as in wait(2): (code << 8) | termsig */
	__u32 flags;
};

#define VT_FORK_THREAD 1 /* the child shares the thread group (CLONE_THREAD) */
struct vt_fork {
	struct vt_hdr h;
	__u32 child_tid;
	__u32 child_tgid;
	__u32 flags;
	__u32 pad;
};

/*
 * A signal delivered to a traced thread (signal_deliver tracepoint).  fields[]
 * is the kernel's siginfo union (_sifields, 32 bytes on x86_64) as it was: the
 * renderer picks the members by signo and code as strace prints them
 * (_kill: pid, uid; _sigchld: pid, uid, status, utime, stime; _sigfault: addr...).
 */
struct vt_signal {
	struct vt_hdr h;
	__s32 signo;
	__s32 errno_; /* si_errno */
	__s32 code;   /* si_code */
	__u32 pad;
	__u64 fields[4];
};

struct vt_lost {
	struct vt_hdr h; /* h.cpu: the CPU whose buffer overflowed; h.ts = last_ts, or
			  * later when the reader learned of the losses late (never < last_ts) */
	__u64 count;	 /* records lost */
	__u64 first_ts;	 /* the losses happened within [first_ts, last_ts] */
	__u64 last_ts;
};

/*
 * Captured argument data, after the fixed part of ENTER, EXIT and SYSCALL records.
 * Each item is a struct vt_capture followed by len bytes, padded to 8.
 */
enum vt_cap_flags {
	VT_CAP_TRUNC = 1, /* the value was longer than what was captured */
	VT_CAP_FAULT = 2, /* the memory could not be read: len is 0, print the address */
	VT_CAP_STR = 4,	  /* NUL-terminated string; len excludes the NUL */
	VT_CAP_EXIT = 8,  /* read at syscall exit: output data, or a string (PATH, STR)
			   * read again because it faulted at entry */
	VT_CAP_PARTIAL = 16, /* part of the value could not be read (an iovec element's
			      * contents, a msghdr's msg_name): it is read again at exit */
};

struct vt_capture {
	__u8 arg;    /* argument index 0..5 */
	__u8 kind;   /* enum vt_argkind of the argument (decode.h), as the kernel saw it */
	__u16 flags; /* enum vt_cap_flags */
	__u32 len;   /* bytes of data that follow */
};

/*
 * What the BPF side captures for each argument of a syscall: user space fills a
 * table of these (one per syscall number) from the decoding tables before load.
 */
enum vt_capkind {
	VT_CK_NONE = 0,
	VT_CK_PATH = 1,	      /* NUL-terminated path, read at entry, up to VT_PATH_MAX */
	VT_CK_STR = 2,	      /* NUL-terminated string, read at entry, bounded by -s */
	VT_CK_BUF_IN = 3,     /* buffer read at entry; aux = index of the length argument */
	VT_CK_BUF_OUT = 4,    /* buffer read at exit; length = return value */
	VT_CK_STRUCT_IN = 5,  /* aux bytes read at entry */
	VT_CK_STRUCT_OUT = 6, /* aux bytes read at exit if the call succeeded */
	VT_CK_STRV = 7,	      /* array of strings (execve argv), read at entry: see below */
	VT_CK_STRV_COUNT = 8, /* array of strings counted, not read (execve envp) */
	VT_CK_SIGFRAME = 9,   /* 8 bytes at the stack pointer + aux, at entry (rt_sigreturn's mask) */
	VT_CK_IOV_IN = 10,    /* iovec array read at entry (writev); aux = index of the count */
	VT_CK_IOV_OUT = 11,   /* iovec array read at exit, contents up to the return value (readv);
			       * on failure the elements only; aux = index of the count */
	VT_CK_MSGHDR_IN = 12, /* struct msghdr and what it points to, at entry (sendmsg) */
	VT_CK_MSGHDR_OUT = 13, /* struct msghdr: its header at entry, all of it at exit (recvmsg) */
	VT_CK_STRUCT_INOUT = 14, /* aux bytes read at entry, and again at exit if the call
				  * succeeded (value-result: socklen_t, sendfile's offset) */
	VT_CK_DIRENTS = 15, /* getdents' entries counted at exit, up to the return value:
			     * struct vt_dirents, not the entries */
	VT_CK_STRUCT_OUT_INTR = 16, /* aux bytes read at exit if a signal cut the call short
				     * (EINTR, ERESTART*): nanosleep's time left */
	VT_CK_MAX = 17,
};

/*
 * VT_CK_DIRENTS data: how many directory entries getdents and getdents64 wrote,
 * counted by their d_reclen (at offset 16 in both layouts).  An item with
 * VT_CAP_FAULT could not be counted to the end.
 */
#define VT_DIRENTS_MAX 8192 /* entries counted at most (a 256 KiB buffer of the smallest) */
struct vt_dirents {
	__u32 count; /* entries in the bytes the call returned */
	__u32 pad;
};

/*
 * VT_CK_STRV and VT_CK_STRV_COUNT data: struct vt_strv, then (STRV only) for each
 * element read a struct vt_strv_elem followed by its len bytes, packed (no padding
 * between elements; read the element headers with memcpy).
 */
#define VT_STRV_MAX 32		/* elements of an argv read at most */
#define VT_STRV_COUNT_MAX 256	/* elements of an envp counted at most */
#define VT_STRV_MORE 1		/* the array goes on beyond what was read or counted */
struct vt_strv {
	__u32 count; /* elements read (STRV) or counted (STRV_COUNT) */
	__u32 flags; /* VT_STRV_MORE */
};
struct vt_strv_elem {
	__u16 len;   /* bytes that follow */
	__u16 flags; /* VT_CAP_TRUNC, VT_CAP_FAULT */
};

/*
 * VT_CK_IOV_IN and VT_CK_IOV_OUT data: struct vt_iov, then for each element read
 * a struct vt_iov_elem followed by caplen bytes of its contents, padded to 8.
 * Elements are read up to the call's count, -s of them (strace prints that many)
 * and VT_IOV_MAX; the contents of each up to -s bytes and, for IOV_OUT, up to
 * what the call returned in all (none when it failed).  An item that ends before
 * those bounds ran out of room in the record.
 */
#define VT_IOV_MAX 1024	   /* elements read at most (UIO_MAXIOV) */
#define VT_IOV_FAULT 1	   /* element count could not be read: the array ends there */
struct vt_iov {
	__u32 count; /* elements that follow */
	__u32 flags; /* VT_IOV_FAULT */
};
struct vt_iov_elem {
	__u64 base;   /* iov_base */
	__u64 len;    /* iov_len */
	__u32 caplen; /* bytes of contents that follow */
	__u16 flags;  /* VT_CAP_FAULT: the contents could not be read */
	__u16 pad;
};

/*
 * VT_CK_MSGHDR_IN and VT_CK_MSGHDR_OUT data: struct vt_msghdr, then name_cap bytes
 * of msg_name (padded to 8), control_cap bytes of msg_control (padded to 8), then
 * with VT_MSG_IOV the iovec array as in an IOV item (struct vt_iov and elements;
 * contents up to the return value for MSGHDR_OUT).  The MSGHDR_OUT item read at
 * entry is the header alone (recvmsg prints msg_namelen as it went in).
 */
#define VT_MSG_NAME_MAX 128	/* bytes of msg_name read at most (sockaddr_storage) */
#define VT_MSG_CONTROL_MAX 256	/* bytes of msg_control read at most */
#define VT_MSG_NAME_FAULT 1	/* msg_name could not be read */
#define VT_MSG_CONTROL_FAULT 2	/* msg_control could not be read */
#define VT_MSG_IOV 4		/* the iovec array follows */
struct vt_msghdr {
	/* struct msghdr as the process passed it (x86_64 layout, 56 bytes) */
	__u64 name;
	__u32 namelen;
	__u32 pad0;
	__u64 iov;
	__u64 iovlen;
	__u64 control;
	__u64 controllen;
	__s32 flags;
	__u32 pad1;
	/* what was read of the memory it points to */
	__u16 name_cap;	   /* bytes of msg_name that follow */
	__u16 control_cap; /* bytes of msg_control after them */
	__u16 mflags;	   /* VT_MSG_* */
	__u16 pad2;
};

#define VT_PATH_MAX 4096
#define VT_CAPTURE_MAX 4096 /* most bytes of one non-path item (-s is clamped to it) */
#define VT_DUMP_FDS 1024    /* -e read=, -e write=: descriptors below this can be dumped */
#define VT_DUMP_WORDS (VT_DUMP_FDS / 64)

/*
 * Items of these kinds hold arrays of values; each value is bounded by
 * VT_CAPTURE_MAX, the item only by the record.
 */
static inline int vt_capkind_is_array(unsigned kind)
{
	return kind == VT_CK_STRV || kind == VT_CK_IOV_IN || kind == VT_CK_IOV_OUT ||
	       kind == VT_CK_MSGHDR_IN || kind == VT_CK_MSGHDR_OUT;
}

struct vt_capspec {
	__u8 kind[6]; /* enum vt_capkind per argument */
	__u8 any;     /* VT_CAPSPEC_ENTRY | VT_CAPSPEC_EXIT: when arguments are read */
	__u8 pad;
	__u16 aux[6];
	__u32 pad2;
};

/* Flags in vt_capspec.any */
#define VT_CAPSPEC_ENTRY 1 /* some argument is read at entry */
#define VT_CAPSPEC_EXIT 2  /* some argument is read at exit */
#define VT_CAPSPEC_PATH 4  /* some argument is read at entry: read again at exit if it faulted */
#define VT_CAPSPEC_STRV 8  /* some argument is a string array (execve) */
#define VT_CAPSPEC_EXIT_FAIL 16 /* some argument is read at exit even when the call failed */

/* -e status= / -z / -Z, applied in the kernel */
enum vt_status_filter {
	VT_STATUS_ALL = 0,
	VT_STATUS_SUCCESSFUL = 1,
	VT_STATUS_FAILED = 2,
};

/* -N names the kernel matches at exec (with -f) */
#define VT_MAX_NAMES 8

/* -c / -C: per-syscall totals counted in the kernel (a per-CPU array by syscall number) */
struct vt_sysstat {
	__u64 calls;
	__u64 errors;
	__u64 ns;  /* time spent in the syscall, entry to exit */
	__u64 min; /* shortest and longest call (0: none timed); only with count_minmax */
	__u64 max;
};

/*
 * Latency histograms (-c with percentile columns or --histogram): log-linear
 * buckets, VT_HIST_SUB to each power of two of nanoseconds, so a bucket is at
 * most 1/VT_HIST_SUB of its lower bound wide.  Values below VT_HIST_SUB have a
 * bucket each; 2^40 ns (18 minutes) and more share the last one.
 */
#define VT_HIST_SUB_BITS 3
#define VT_HIST_SUB (1u << VT_HIST_SUB_BITS)
#define VT_HIST_MAX_LOG 40
#define VT_HIST_BUCKETS ((VT_HIST_MAX_LOG - VT_HIST_SUB_BITS + 1) * VT_HIST_SUB + 1)

/* Bucket of a duration of v ns; shifts only, so the BPF side can use it too. */
static inline __u32 vt_hist_bucket(__u64 v)
{
	__u64 x = v;
	__u32 k = 0;

	if (v < VT_HIST_SUB)
		return v;
	if (v >= 1ull << VT_HIST_MAX_LOG)
		return VT_HIST_BUCKETS - 1;
	if (x >> 32) {
		x >>= 32;
		k += 32;
	}
	if (x >> 16) {
		x >>= 16;
		k += 16;
	}
	if (x >> 8) {
		x >>= 8;
		k += 8;
	}
	if (x >> 4) {
		x >>= 4;
		k += 4;
	}
	if (x >> 2) {
		x >>= 2;
		k += 2;
	}
	if (x >> 1)
		k += 1;
	/* k = floor(log2(v)) >= VT_HIST_SUB_BITS */
	return (k - VT_HIST_SUB_BITS + 1) * VT_HIST_SUB +
	       ((v >> (k - VT_HIST_SUB_BITS)) & (VT_HIST_SUB - 1));
}

struct vt_syshist {
	__u64 b[VT_HIST_BUCKETS];
};

/*
 * Errors by errno (--errno-summary): a count per slot; errno e < 140 has slot e,
 * the kernel's restart codes 512..531 (ERESTARTSYS...) slots 140..159, others slot 0.
 */
#define VT_ERRNO_SLOTS 160
static inline __u32 vt_errno_slot(__u64 e)
{
	if (e < 140)
		return e;
	if (e >= 512 && e < 532)
		return 140 + (e - 512);
	return 0;
}

struct vt_syserrno {
	__u64 n[VT_ERRNO_SLOTS];
};

/*
 * --summary-by with a who (tid, pid, comm): a per-CPU hash by thread and syscall
 * (nr is VT_NR_SYSCALLS when the syscall is not one of the keys).
 */
struct vt_bykey {
	__u32 tid;
	__u32 nr;
};

struct vt_bystat {
	struct vt_sysstat st;
	__u32 tgid;
	__u32 pad;
	char comm[16];
};

/* Per-CPU counters kept by the BPF side (a per-CPU array, one element). */
struct vt_counters {
	__u64 lost;	     /* records that could not be reserved */
	__u64 first_lost_ts; /* first loss since user space last cleared it */
	__u64 last_lost_ts;  /* last loss */
	__u64 no_buffer;     /* no ring buffer for this CPU (counted in lost too) */
};

/*
 * vltrace's own per-CPU ring (--buffer=ring, the default): one element of a
 * BPF_F_MMAPABLE array per CPU, mapped by the reader.  The element is this
 * control block, then a power-of-two ring of records (each a commit word, then
 * the record as in the trace file), then VT_RECORD_MAX bytes of slack, so a
 * record that starts near the end of the ring runs on into the slack instead of
 * wrapping: every record is contiguous, and no padding records are needed.
 *
 * Producers (BPF programs on this CPU, which can nest: an interrupt, a preempted
 * program) reserve [head, head + VT_RING_WORD + size) with a compare-and-swap on
 * head, if that stays within tail + ring size; they fill the record after the
 * commit word, then store the commit word last: vt_ring_word() of the place's
 * position and the record's size.  The reader takes records from tail while the
 * commit word at tail is the one a record at that very position would carry,
 * then advances tail.  It clears nothing: what a commit word says is bound to its
 * lap of the ring, so the words and bytes an earlier lap left there (a stale size,
 * a record's captured data) do not read as a record committed in this lap, and a
 * reserved record reads as not committed until its producer stores its word.
 * The key, random for each run, keeps captured data (which the traced program
 * chooses) from forging a word.  x86_64 keeps stores in program order, so a plain
 * store of the word after the record commits it.
 */
struct vt_ring_ctl {
	__u64 head; /* written by producers: end of the reserved records */
	__u64 pad0[7];
	__u64 tail; /* written by the reader: start of the records not yet taken */
	__u64 pad1[7];
};
#define VT_RING_DATA_OFF 128 /* sizeof(struct vt_ring_ctl) */
/*
 * Bytes of one CPU's array element for a ring of size bytes (a power of two).  A
 * commit word starts at most 8 bytes before the end: its record fits the slack.
 */
#define VT_RING_ELEM_SIZE(size) (VT_RING_DATA_OFF + (size) + VT_RECORD_MAX)
/* The commit word before each record in the ring (not in trace files). */
#define VT_RING_WORD 8
/*
 * The commit word of a record of size bytes (less than the ring: it fits in mask)
 * reserved at position pos, in a ring of mask + 1 bytes: the lap in the high bits,
 * the size in the low ones, under the run's key (whose top bit is set, so that a
 * ring still zeroed never reads as committed).
 */
static inline __u64 vt_ring_word(__u64 pos, __u64 mask, __u32 size, __u64 key)
{
	return ((pos & ~mask) | size) ^ key;
}

/* Which per-CPU buffer the BPF side writes (the loader sets buffer_kind). */
enum vt_buffer_kind {
	VT_BUF_RING = 0,    /* struct vt_ring_ctl rings in an mmapable array */
	VT_BUF_RINGBUF = 1, /* BPF_MAP_TYPE_RINGBUF per CPU (array of maps) */
	VT_BUF_PERF = 2,    /* BPF_MAP_TYPE_PERF_EVENT_ARRAY */
};

/* Process states in the tgid map. */
enum vt_proc_state {
	VT_PROC_ACTIVE = 1,	/* traced */
	VT_PROC_WAIT_EXEC = 2,	/* spawned by vltrace: traced from its execve on */
};

#endif /* VLTRACE_RECORD_H */
