// SPDX-License-Identifier: GPL-2.0-only
/*
 * vltrace's BPF side: the raw_syscalls tracepoints (as tp_btf, direct pt_regs reads)
 * write one record per syscall entry and one per exit into the buffer of the CPU
 * they run on (vltrace's own ring by default, record.h struct vt_ring_ctl); the scheduler tracepoints keep the map of traced processes
 * (follow forks) and report thread exits.  Settings are rodata, set by the loader
 * between open and load, so the verifier drops the branches a run does not use.
 */
#define __VLTRACE_BPF__
#include "vmlinux_min.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "record.h"

char LICENSE[] SEC("license") = "GPL";

#define NR_RT_SIGRETURN 15
#define NR_EXECVE 59
#define NR_EXECVEAT 322

/* Settings (keep in sync with loader.c). */
const volatile __u32 system_wide = 0;	    /* trace every process but self_tgid */
const volatile __u32 self_tgid = 0;	    /* vltrace itself, never traced */
const volatile __u32 follow_forks = 0;	    /* children of traced processes are traced */
const volatile __u32 filter_syscalls = 0;   /* syscall_mask applies */
const volatile __u64 syscall_mask[VT_MASK_WORDS] = {};
const volatile __u32 capture = 1;	    /* read pointer arguments (capspec) */
const volatile __u32 capture_size = 32;	    /* -s, bytes of strings and buffers */
/* -e read=, -e write=: buffers read from / written to these fds are read whole
 * (up to VT_CAPTURE_MAX) for the hex dump, not only -s bytes */
const volatile __u32 dump_any = 0;
const volatile __u64 dump_read[VT_DUMP_WORDS] = {};
const volatile __u64 dump_write[VT_DUMP_WORDS] = {};
const volatile __u32 read_env = 0;	    /* -v: execve's envp read as argv is, not counted */
const volatile struct vt_capspec capspec[VT_NR_SYSCALLS] = {};
const volatile __u32 status_filter = 0;	    /* enum vt_status_filter */
const volatile __u32 buffer_kind = VT_BUF_RING; /* enum vt_buffer_kind: where records go */
const volatile __u64 ring_mask = 0;	    /* VT_BUF_RING: bytes per CPU ring - 1 */
const volatile __u64 ring_key = 0;	    /* VT_BUF_RING: the run's key of commit words */
const volatile __u32 floor_only = 0;	    /* benchmark floor: filter, then record nothing */
const volatile __u32 count_stats = 0;	    /* -c/-C: per-syscall totals in sysstats */
const volatile __u32 emit_records = 1;	    /* 0 with -c: totals only, no syscall records */
const volatile __u32 count_extra = 0;	    /* any of the four below */
const volatile __u32 count_minmax = 0;	    /* -c: shortest and longest call in sysstats */
const volatile __u32 count_hist = 0;	    /* -c: latency histograms in syshist */
const volatile __u32 count_errno = 0;	    /* -c: errors by errno in syserrno */
const volatile __u32 count_by = 0;	    /* -c --summary-by a who: totals in bystats */
const volatile __u32 by_syscall = 0;	    /* ... and by syscall too */
const volatile __u32 nnames = 0;	    /* -N with -f: names that make a process traced at exec */
const volatile char names[VT_MAX_NAMES][16] = {};

/*
 * --buffer=ring: one struct vt_ring_ctl ring per CPU, an element each; the loader
 * sets max_entries and value_size (VT_RING_ELEM_SIZE) and the reader maps them.
 * No BTF value type: its size changes at load.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, VT_RING_ELEM_SIZE(4096));
} rings SEC(".maps");

/* --buffer=ringbuf: one BPF ring buffer per CPU; user space creates them. */
struct ringbuf_map {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 1);
	__type(key, __u32);
	__array(values, struct ringbuf_map);
} ringbufs SEC(".maps");

/* --buffer=perf (kernels before 5.8): one perf buffer per CPU; user space sizes it. */
struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} perfbuf SEC(".maps");

/* Traced processes: tgid -> enum vt_proc_state. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, __u32);
} procs SEC(".maps");

/*
 * procs again, as 2 bits a process (enum vt_proc_state, 0: not traced) for the
 * tgids below 32 * procbits_words (the kernel's pid_max when vltrace started):
 * an array read where procs costs a hash lookup, about 40 ns, twice a syscall,
 * which every process on the machine pays while vltrace runs.  procs stays the
 * authority (user space reads it; a tgid above pid_max lives there alone); each
 * change to procs changes these bits too, with atomic operations, as user space
 * does through its mapping of the array (loader.c).
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} procbits SEC(".maps");
const volatile __u32 procbits_words = 0;   /* procbits' entries in use; 0: procs alone */

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct vt_counters);
} counters SEC(".maps");

/* Threads whose path argument could not be read at entry: read it at exit. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, __u32);
	__type(value, __u32);
} refetch SEC(".maps");

/*
 * Entries in refetch, about: while none are, an exit skips the hash lookup (about
 * 28 ns a call with a path or an input argument, docs/PERFORMANCE.md).  A thread
 * that put its entry in sees its own increment at its exit.  Entries left behind
 * by threads that never returned keep it above zero: the lookups come back then,
 * nothing else changes.
 */
__u64 refetch_pending = 0;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, VT_NR_SYSCALLS);
	__type(key, __u32);
	__type(value, struct vt_sysstat);
} sysstats SEC(".maps");

/*
 * The maps of -c's options: the loader sizes them to one entry when their
 * option is off, and the settings above keep their code out of the programs.
 */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, VT_NR_SYSCALLS);
	__type(key, __u32);
	__type(value, struct vt_syshist);
} syshist SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, VT_NR_SYSCALLS);
	__type(key, __u32);
	__type(value, struct vt_syserrno);
} syserrno SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 16384);
	__type(key, struct vt_bykey);
	__type(value, struct vt_bystat);
} bystats SEC(".maps");

/* calls that found bystats full: counted in no thread's row */
__u64 by_dropped = 0;

/* An open call: its entry time, and its number (rt_sigreturn clears orig_ax) */
struct inflight {
	__u64 ts;
	__u64 nr;
};

/*
 * With a status filter nothing is emitted at entry (the result is not known yet),
 * and -c needs each call's entry time: it waits here, with the thread itself
 * (task storage: no hashing, no lock, gone with the task).  ts 0: no open call.
 */
struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct inflight);
} inflight SEC(".maps");

/*
 * Records with captured data are built here, then copied with bpf_ringbuf_output
 * (the size is only known once the data is read).  One area for entries and one
 * for exits: a preempted entry program must not find its record overwritten by an
 * exit program that ran on the same CPU meanwhile.  Past the record's end, room
 * for the longest read the verifier can see starting at the last offset:
 * 2 * VT_PATH_MAX - 1 bytes after a header of up to 24 bytes (an iovec element's).
 */
#define SCRATCH_SIZE (VT_RECORD_MAX + 2 * VT_PATH_MAX + 32)
struct scratch {
	__u8 buf[SCRATCH_SIZE];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch SEC(".maps");

/* Bound a value so the verifier sees it: the barrier keeps clang from reusing an unbounded copy. */
static __always_inline __u64 verifier_bound(__u64 n, __u64 mask)
{
	asm volatile("" : "+r"(n));
	return n & mask;
}

static __always_inline void count_lost(__u64 ts, int no_buffer)
{
	__u32 zero = 0;
	struct vt_counters *c = bpf_map_lookup_elem(&counters, &zero);

	if (!c)
		return;
	c->lost++;
	if (!c->first_lost_ts)
		c->first_lost_ts = ts;
	c->last_lost_ts = ts;
	if (no_buffer)
		c->no_buffer++;
}


/* The word of procbits that holds tgid's state, or NULL: look in procs. */
static __always_inline __u64 *procbits_word(__u32 tgid)
{
	__u32 w = tgid / 32;

	if (w >= procbits_words)
		return NULL;
	return bpf_map_lookup_elem(&procbits, &w);
}

/* enum vt_proc_state of process tgid, 0 when it is not traced. */
static __always_inline __u32 proc_state(__u32 tgid)
{
	__u64 *word = procbits_word(tgid);
	__u32 *state;

	if (word)
		return (*word >> (tgid % 32 * 2)) & 3;
	state = bpf_map_lookup_elem(&procs, &tgid);
	return state ? *state : 0;
}

/* Process tgid's bits say state (0: not traced); procs is changed by the caller. */
static __always_inline void proc_bits_set(__u32 tgid, __u32 state)
{
	__u64 *word = procbits_word(tgid);
	__u64 shift = tgid % 32 * 2;

	if (!word)
		return;
	__sync_fetch_and_and(word, ~(3ULL << shift));
	if (state)
		__sync_fetch_and_or(word, (__u64)state << shift);
}

/* Is the current process traced?  Arms a spawned command at its execve. */
static __always_inline int proc_wanted(__u32 tgid, long id, int entry)
{
	__u32 s, *state;

	if (system_wide)
		return tgid != self_tgid;
	s = proc_state(tgid);
	if (s == VT_PROC_ACTIVE)
		return 1;
	if (s != VT_PROC_WAIT_EXEC || !entry || (id != NR_EXECVE && id != NR_EXECVEAT))
		return 0;
	state = bpf_map_lookup_elem(&procs, &tgid);
	if (state)
		*state = VT_PROC_ACTIVE;
	proc_bits_set(tgid, VT_PROC_ACTIVE);
	return 1;
}

/*
 * A successful execve replaces the registers and the memory its arguments were
 * in, so with a status filter it still goes out as an entry and an exit, and
 * user space drops the pair when the result does not pass.
 */
static __always_inline int args_gone_at_exit(long id)
{
	return id == NR_EXECVE || id == NR_EXECVEAT;
}

static __always_inline int syscall_wanted(long id)
{
	if (!filter_syscalls)
		return 1;
	if ((unsigned long)id >= VT_NR_SYSCALLS)
		return 0;
	return (syscall_mask[verifier_bound(id, VT_NR_SYSCALLS - 1) / 64] >> (id % 64)) & 1;
}

/* This CPU's buffer: its ring, its BPF ring buffer, or the perf event array. */
static __always_inline void *cpu_ringbuf(__u32 cpu, __u64 ts)
{
	void *rb;

	if (buffer_kind == VT_BUF_PERF)
		return &perfbuf; /* only ever handed to emit_output */
	if (buffer_kind == VT_BUF_RINGBUF)
		rb = bpf_map_lookup_elem(&ringbufs, &cpu);
	else
		rb = bpf_map_lookup_elem(&rings, &cpu);

	if (!rb)
		count_lost(ts, 1);
	return rb;
}

/*
 * --buffer=ring: reserve a record of size bytes (a multiple of 8, at most
 * VT_RECORD_MAX) and its commit word in the ring at rb, or NULL when it is full;
 * *pos is the place's position, for ring_commit.  The compare-and-swap makes
 * programs that interrupt or preempt each other on this CPU take different
 * places; three failed tries in a row (nesting three deep) count as a loss.  The
 * record reads as uncommitted until ring_commit stores its word (record.h).  No
 * lock, no helper call: this and the commit cost about 30 ns a record less than
 * bpf_ringbuf_reserve and bpf_ringbuf_submit (docs/PERFORMANCE.md).
 */
static __always_inline void *ring_reserve(void *rb, __u32 size, __u64 *pos)
{
	struct vt_ring_ctl *c = rb;
	__u64 h, need = size + VT_RING_WORD;

	for (int i = 0; i < 3; i++) {
		h = *(volatile __u64 *)&c->head;
		if (h + need - *(volatile __u64 *)&c->tail > ring_mask + 1)
			return NULL;
		if (__sync_val_compare_and_swap(&c->head, h, h + need) == h) {
			*pos = h;
			return (__u8 *)rb + VT_RING_DATA_OFF + (h & ring_mask) + VT_RING_WORD;
		}
	}
	return NULL;
}

/* Publish the record ring_reserve placed at pos: its commit word, stored last. */
static __always_inline void ring_commit(void *rec, __u64 pos, __u32 size)
{
	asm volatile("" ::: "memory");
	*(volatile __u64 *)((__u8 *)rec - VT_RING_WORD) =
		vt_ring_word(pos, ring_mask, size, ring_key);
}

/*
 * Copy a finished record (h.size set) into this CPU's buffer.  Records never wake
 * the reader: it drains on a short timer (reader.c), which costs the traced
 * process nothing, where asking a BPF ring buffer how full it is before each
 * submit cost 8-10 ns a syscall (docs/PERFORMANCE.md).
 */
static __always_inline long emit_output(void *ctx, void *rb, void *data, __u64 size)
{
	struct vt_hdr *h = data;
	void *dst;
	__u64 pos;

	if (buffer_kind == VT_BUF_PERF)
		return bpf_perf_event_output(ctx, &perfbuf, BPF_F_CURRENT_CPU, data, size);
	if (buffer_kind == VT_BUF_RINGBUF)
		return bpf_ringbuf_output(rb, data, size, BPF_RB_NO_WAKEUP);
	if (size < sizeof(*h) || size > VT_RECORD_MAX)
		return -1;
	dst = ring_reserve(rb, size, &pos);
	if (!dst)
		return -1;
	bpf_probe_read_kernel(dst, size, data);
	ring_commit(dst, pos, size);
	return 0;
}

_Static_assert(__builtin_offsetof(struct vt_hdr, tid) == 8 &&
		       __builtin_offsetof(struct vt_hdr, tgid) == 12 &&
		       __builtin_offsetof(struct vt_hdr, type) == 16 &&
		       __builtin_offsetof(struct vt_hdr, size) == 18 &&
		       __builtin_offsetof(struct vt_hdr, cpu) == 20 &&
		       __builtin_offsetof(struct vt_hdr, nr) == 22,
	       "fill_hdr writes vt_hdr's fields two words at a time");

static __always_inline void fill_hdr(struct vt_hdr *h, __u64 ts, __u64 pidtgid, __u16 type,
				     __u16 size, __u32 cpu, long id)
{
	__u64 nr = (__u64)id < VT_NR_SYSCALLS ? (__u64)id : VT_NR_NONE;

	/*
	 * Two 8-byte stores for the six fields after ts (6 ns a syscall less than
	 * one store each, docs/PERFORMANCE.md): tid and tgid are pidtgid's halves in
	 * little-endian order; type, size, cpu and nr one word.
	 */
	h->ts = ts;
	*(__u64 *)&h->tid = pidtgid;
	*(__u64 *)&h->type = type | (__u64)size << 16 | (__u64)(cpu & 0xffff) << 32 | nr << 48;
}

/* The six syscall arguments: di, si, dx, r10, r8, r9 on x86_64. */
static __always_inline void copy_args(__u64 *args, struct pt_regs *regs)
{
	args[0] = regs->di;
	args[1] = regs->si;
	args[2] = regs->dx;
	args[3] = regs->r10;
	args[4] = regs->r8;
	args[5] = regs->r9;
}

static __always_inline __u64 reg_arg(struct pt_regs *regs, int i)
{
	switch (i) {
	case 0: return regs->di;
	case 1: return regs->si;
	case 2: return regs->dx;
	case 3: return regs->r10;
	case 4: return regs->r8;
	default: return regs->r9;
	}
}

/*
 * Append one capture item at *off in buf.  Offsets are masked so the verifier can
 * see every access stays inside the scratch area; a record never grows past
 * VT_RECORD_MAX (a longer value is cut and flagged).
 */
static __always_inline __u32 capture_item(__u8 *buf, __u32 off, int argi, __u8 kind,
					  __u64 ptr, __u64 want, int exit, int whole)
{
	struct vt_capture *c;
	__u32 room, max;
	long n;

	off &= (VT_RECORD_MAX - 1);
	if (off + sizeof(*c) + 8 > VT_RECORD_MAX)
		return off;
	c = (void *)(buf + off);
	c->arg = argi;
	c->kind = kind;
	c->flags = exit ? VT_CAP_EXIT : 0;
	c->len = 0;
	room = VT_RECORD_MAX - off - sizeof(*c);
	if (!ptr) {
		/* NULL: nothing to read; the renderer prints NULL */
		return off + sizeof(*c);
	}
	if (kind == VT_CK_PATH || kind == VT_CK_STR) {
		/* -s + 2: a string of exactly -s bytes must not look cut */
		max = kind == VT_CK_PATH ? VT_PATH_MAX : capture_size + 2;
		if (max > room)
			max = room;
		if (max > VT_PATH_MAX)
			max = VT_PATH_MAX;
		n = bpf_probe_read_user_str(buf + off + sizeof(*c),
					    verifier_bound(max, VT_PATH_MAX * 2 - 1), (void *)ptr);
		if (n <= 0) {
			c->flags |= VT_CAP_FAULT;
			return off + sizeof(*c);
		}
		c->flags |= VT_CAP_STR;
		c->len = n - 1;
		if (n == max)
			c->flags |= VT_CAP_TRUNC; /* may be exact; the renderer checks */
	} else {
		max = want;
		if (kind == VT_CK_BUF_IN || kind == VT_CK_BUF_OUT) {
			if (max > capture_size && !whole)
				max = capture_size;
		}
		if (max > VT_CAPTURE_MAX)
			max = VT_CAPTURE_MAX;
		if (max > room)
			max = room;
		if (want > max)
			c->flags |= VT_CAP_TRUNC;
		max = verifier_bound(max, VT_CAPTURE_MAX * 2 - 1);
		if (max && bpf_probe_read_user(buf + off + sizeof(*c), max, (void *)ptr)) {
			c->flags |= VT_CAP_FAULT;
			return off + sizeof(*c);
		}
		c->len = max;
	}
	return off + sizeof(*c) + ((c->len + 7) & ~7U);
}

/*
 * capture_item as a global function, checked once by the verifier on its own
 * instead of once per argument and per path through the program: the programs
 * load in a fraction of the time.  argkind: argument index in bits 0-7, kind in
 * bits 8-15, "read at exit" in bit 16.
 */
__noinline int capture_item_at(struct scratch *sc, __u32 off, __u32 argkind, __u64 ptr,
			       __u64 want)
{
	if (!sc)
		return off;
	return capture_item(sc->buf, off, argkind & 0xff, (argkind >> 8) & 0xff, ptr, want,
			    (argkind >> 16) & 1, (argkind >> 24) & 1);
}

/*
 * iovec arrays (readv, writev and their kin, the msg_iov of sendmsg and recvmsg):
 * each element's base and length, then up to -s bytes of what it holds, and no
 * more in all than budget (what a read returned: strace shows the data the call
 * moved).  The step runs in bpf_loop, checked once by the verifier.
 */
struct iov_ctx {
	__u8 *buf;
	__u64 ptr;    /* the iovec array */
	__u64 budget; /* bytes of contents still to show */
	__u32 pos;    /* where the next element goes in buf */
	__u32 count;  /* elements read */
	__u32 fault;  /* the element after the last one read could not be read */
	__u32 partial; /* some element's contents could not be read */
};

static long iov_step(__u32 i, struct iov_ctx *x)
{
	struct vt_iov_elem *el;
	__u32 pos = x->pos & (VT_RECORD_MAX - 1), room;
	__u64 iov[2], n;

	if (pos + sizeof(*el) + 8 > VT_RECORD_MAX - 8)
		return 1; /* the record is full: the item ends short of the count */
	if (bpf_probe_read_user(iov, sizeof(iov), (void *)(x->ptr + (__u64)i * sizeof(iov)))) {
		x->fault = 1;
		return 1;
	}
	n = iov[1] < x->budget ? iov[1] : x->budget;
	x->budget -= n;
	if (n > capture_size)
		n = capture_size;
	room = VT_RECORD_MAX - 8 - pos - sizeof(*el);
	if (n > room)
		n = room;
	if (!iov[0])
		n = 0;
	el = (void *)(x->buf + pos);
	el->base = iov[0];
	el->len = iov[1];
	el->flags = 0;
	el->pad = 0;
	n = verifier_bound(n, VT_CAPTURE_MAX * 2 - 1);
	if (n && bpf_probe_read_user(x->buf + pos + sizeof(*el), n, (void *)iov[0])) {
		el->flags = VT_CAP_FAULT;
		x->partial = 1;
		n = 0;
	}
	el->caplen = n;
	x->pos = pos + sizeof(*el) + ((n + 7) & ~7U);
	x->count++;
	return 0;
}

/* struct vt_iov and count elements at pos; 0 when not even the header fits. */
static __always_inline __u32 capture_iov(__u8 *buf, __u32 pos, __u64 ptr, __u32 count,
					 __u64 budget, __u32 *partial)
{
	struct iov_ctx x = {};
	struct vt_iov *v;

	pos &= (VT_RECORD_MAX - 1);
	if (pos + sizeof(*v) + 8 > VT_RECORD_MAX - 8)
		return 0;
	v = (void *)(buf + pos);
	x.buf = buf;
	x.ptr = ptr;
	x.budget = budget;
	x.pos = pos + sizeof(*v);
	bpf_loop(count, iov_step, &x, 0);
	v->count = x.count;
	v->flags = x.fault ? VT_IOV_FAULT : 0;
	*partial |= x.partial;
	return x.pos;
}

/* Elements of an iovec array read: strace prints -s of them. */
static __always_inline __u32 iov_count(__u64 n)
{
	if (n > capture_size)
		n = capture_size;
	return n > VT_IOV_MAX ? VT_IOV_MAX : n;
}

/*
 * Up to max bytes at src into buf at *pos (max at most 511), if they fit in the
 * record: the bytes read, or -1 when they could not be read.
 */
static __always_inline int read_part(__u8 *buf, __u32 *pos, __u64 src, __u32 n)
{
	__u32 at = *pos & (VT_RECORD_MAX - 1);

	if (at + n + 8 > VT_RECORD_MAX - 8)
		return 0;
	n = verifier_bound(n, 511);
	if (bpf_probe_read_user(buf + at, n, (void *)src))
		return -1;
	*pos = at + ((n + 7) & ~7U);
	return n;
}

/*
 * struct msghdr at pos: the structure, msg_name, msg_control and the iovec array
 * (contents up to budget), or the structure alone; 0 when it could not be read.
 */
static __always_inline __u32 capture_msghdr(__u8 *buf, __u32 pos, __u64 ptr, __u64 budget,
					    int hdr_only, __u32 *partial)
{
	struct vt_msghdr *m;
	__u32 at;
	int n;

	pos &= (VT_RECORD_MAX - 1);
	if (pos + sizeof(*m) + 8 > VT_RECORD_MAX - 8)
		return 0;
	m = (void *)(buf + pos);
	if (bpf_probe_read_user(m, offsetof(struct vt_msghdr, name_cap), (void *)ptr))
		return 0;
	m->name_cap = 0;
	m->control_cap = 0;
	m->mflags = 0;
	m->pad2 = 0;
	pos += sizeof(*m);
	if (hdr_only)
		return pos;
	if (m->name && m->namelen) {
		n = read_part(buf, &pos, m->name,
			      m->namelen < VT_MSG_NAME_MAX ? m->namelen : VT_MSG_NAME_MAX);
		if (n < 0) {
			m->mflags |= VT_MSG_NAME_FAULT;
			*partial = 1;
		} else {
			m->name_cap = n;
		}
	}
	if (m->control && m->controllen) {
		n = read_part(buf, &pos, m->control,
			      m->controllen < VT_MSG_CONTROL_MAX ? m->controllen
								 : VT_MSG_CONTROL_MAX);
		if (n < 0) {
			m->mflags |= VT_MSG_CONTROL_FAULT;
			*partial = 1;
		} else {
			m->control_cap = n;
		}
	}
	if (m->iov) {
		at = capture_iov(buf, pos, m->iov, iov_count(m->iovlen), budget, partial);
		if (at) {
			m->mflags |= VT_MSG_IOV;
			pos = at;
		}
	}
	return pos;
}

/*
 * The iovec and msghdr kinds, as a global function (see capture_item_at).
 * argkind as there, and for the iovec kinds the elements to read from bit 17.
 */
__noinline int capture_vec_at(struct scratch *sc, __u32 off, __u32 argkind, __u64 ptr,
			      __u64 budget)
{
	__u32 kind = (argkind >> 8) & 0xff, at_exit = (argkind >> 16) & 1, pos, partial = 0;
	struct vt_capture *c;

	if (!sc)
		return off;
	off &= (VT_RECORD_MAX - 1);
	if (off + sizeof(*c) + sizeof(struct vt_msghdr) + 8 > VT_RECORD_MAX - 8)
		return off;
	c = (void *)(sc->buf + off);
	c->arg = argkind & 0xff;
	c->kind = kind;
	c->flags = at_exit ? VT_CAP_EXIT : 0;
	c->len = 0;
	if (!ptr)
		return off + sizeof(*c);
	if (kind == VT_CK_IOV_IN || kind == VT_CK_IOV_OUT)
		pos = capture_iov(sc->buf, off + sizeof(*c), ptr, argkind >> 17, budget, &partial);
	else
		pos = capture_msghdr(sc->buf, off + sizeof(*c), ptr, budget,
				     kind == VT_CK_MSGHDR_OUT && !at_exit, &partial);
	if (!pos) {
		c->flags |= VT_CAP_FAULT;
		return off + sizeof(*c);
	}
	if (partial)
		c->flags |= VT_CAP_PARTIAL;
	c->len = (pos & (VT_RECORD_MAX - 1)) - off - sizeof(*c);
	return off + sizeof(*c) + c->len;
}

/*
 * getdents' entries, counted by their d_reclen up to what the call returned
 * (strace's "/\* N entries *\/"): reading the entries themselves would take up
 * to 32 KiB a call, and reading past what the call wrote faults on pages it
 * never touched.  The step runs in bpf_loop.
 */
struct dirents_ctx {
	__u64 ptr;
	__u64 ret;
	__u64 off;
	__u32 count;
	__u32 fault;
};

static long dirents_step(__u64 i, void *arg)
{
	struct dirents_ctx *x = arg;
	__u16 reclen;

	if (x->off >= x->ret)
		return 1;
	if (x->off + 18 > x->ret ||
	    bpf_probe_read_user(&reclen, sizeof(reclen), (void *)(x->ptr + x->off + 16)) ||
	    !reclen || x->off + reclen > x->ret) {
		x->fault = 1;
		return 1;
	}
	x->off += reclen;
	x->count++;
	return 0;
}

__noinline int capture_dirents_at(struct scratch *sc, __u32 off, __u32 argi, __u64 ptr,
				  __u64 ret)
{
	struct dirents_ctx x = { .ptr = ptr, .ret = ret };
	struct vt_dirents *d;
	struct vt_capture *c;

	if (!sc)
		return off;
	off &= (VT_RECORD_MAX - 1);
	if (off + sizeof(*c) + sizeof(*d) + 8 > VT_RECORD_MAX)
		return off;
	c = (void *)(sc->buf + off);
	c->arg = argi;
	c->kind = VT_CK_DIRENTS;
	c->flags = VT_CAP_EXIT;
	c->len = 0;
	if (!ptr)
		return off + sizeof(*c);
	bpf_loop(VT_DIRENTS_MAX, dirents_step, &x, 0);
	if (x.fault || x.off < x.ret) {
		c->flags |= VT_CAP_FAULT;
		return off + sizeof(*c);
	}
	d = (void *)(c + 1);
	d->count = x.count;
	d->pad = 0;
	c->len = sizeof(*d);
	return off + sizeof(*c) + sizeof(*d);
}

/*
 * CAP_REFETCH: entry arguments (strings, buffers, structures) read again at exit
 * because their page was not in memory at entry (the kernel has faulted it in by
 * then).
 */
enum { CAP_ENTRY = 1, CAP_EXIT = 2, CAP_REFETCH = 4 };

/* What the captures read of the registers: the six arguments and the stack pointer. */
struct call_regs {
	__u64 args[6];
	__u64 sp;
};

/*
 * Argument i of syscall id: its capture at entry, at exit, or both (status mode).
 * A global function, checked once by the verifier whatever state a program calls
 * it in.  what: the offset in bits 0-15, i in bits 16-18, the phase (CAP_*) from
 * bit 20.  Returns the new offset, with bit 16 set when memory an entry argument
 * points to could not be read (the exit reads it again).
 */
__noinline int capture_arg_at(struct scratch *sc, __u32 what, __u32 id, struct call_regs *cr,
			      long ret)
{
	const volatile struct vt_capspec *cs = &capspec[id & (VT_NR_SYSCALLS - 1)];
	__u32 off = what & 0xffff, i = (what >> 16) & 7, phase = what >> 20;
	__u32 count = 0, at, argkind;
	__u64 want, ptr;
	__u16 aux;
	__u8 kind;
	int at_exit;

	if (!sc || !cr || i > 5)
		return off;
	kind = cs->kind[i];
	aux = cs->aux[i];
	ptr = cr->args[i];
	if (kind == VT_CK_NONE || kind == VT_CK_STRV || kind == VT_CK_STRV_COUNT)
		return off;
	if (kind == VT_CK_DIRENTS) {
		if (!(phase & CAP_EXIT) || ret < 0)
			return off;
		return capture_dirents_at(sc, off, i, ptr, ret) & 0xffff;
	}
	if (kind == VT_CK_BUF_OUT || kind == VT_CK_STRUCT_OUT || kind == VT_CK_IOV_OUT) {
		/* output: what the call wrote (readv's elements even when it failed) */
		if (!(phase & CAP_EXIT) || (ret < 0 && kind != VT_CK_IOV_OUT))
			return off;
		at_exit = 1;
	} else if (kind == VT_CK_STRUCT_OUT_INTR) {
		/* the kernel writes it only when a signal ends the call early */
		if (!(phase & CAP_EXIT) || !(ret == -4 || (ret >= -516 && ret <= -512 && ret != -515)))
			return off;
		at_exit = 1;
	} else if (kind == VT_CK_MSGHDR_OUT || kind == VT_CK_STRUCT_INOUT) {
		/*
		 * value-result: as it went in at entry, as it came out at exit; a failed
		 * call's is the value that went in.  Never read again at exit as an
		 * entry value: the call has changed it.
		 */
		if ((phase & CAP_EXIT) && ret >= 0)
			at_exit = 1;
		else if (phase & CAP_ENTRY)
			at_exit = 0;
		else
			return off;
	} else {
		if (!(phase & (CAP_ENTRY | CAP_REFETCH)))
			return off;
		at_exit = 0;
	}
	if (kind == VT_CK_BUF_OUT || kind == VT_CK_MSGHDR_OUT) {
		want = ret;
	} else if (kind == VT_CK_BUF_IN || kind == VT_CK_IOV_IN || kind == VT_CK_IOV_OUT) {
		/* the length or count is another argument */
		want = aux < 6 ? cr->args[aux] : 0;
		if (kind != VT_CK_BUF_IN) {
			count = iov_count(want);
			/* readv shows what it read, writev all it was given */
			want = kind == VT_CK_IOV_IN ? ~0ULL : ret < 0 ? 0 : ret;
		}
	} else if (kind == VT_CK_MSGHDR_IN) {
		want = ~0ULL;
	} else if (kind == VT_CK_SIGFRAME) {
		ptr = cr->sp + aux;
		want = 8;
	} else {
		want = aux;
	}
	at = off & (VT_RECORD_MAX - 1);
	argkind = i | kind << 8 | (at_exit || !(phase & CAP_ENTRY)) << 16;
	if (dump_any && (kind == VT_CK_BUF_IN || kind == VT_CK_BUF_OUT) &&
	    cr->args[0] < VT_DUMP_FDS) {
		__u64 fd = cr->args[0] & (VT_DUMP_FDS - 1);
		__u64 w = kind == VT_CK_BUF_IN ? dump_write[fd / 64] : dump_read[fd / 64];

		if ((w >> (fd % 64)) & 1)
			argkind |= 1 << 24;
	}
	if (kind >= VT_CK_IOV_IN && kind <= VT_CK_MSGHDR_OUT)
		off = capture_vec_at(sc, off, argkind | count << 17, ptr, want);
	else
		off = capture_item_at(sc, off, argkind, ptr, want);
	off &= 0xffff;
	if (!at_exit && kind != VT_CK_MSGHDR_OUT && kind != VT_CK_STRUCT_INOUT &&
	    at + 8 <= VT_RECORD_MAX &&
	    (((struct vt_capture *)(sc->buf + at))->flags & (VT_CAP_FAULT | VT_CAP_PARTIAL)))
		return off | 1 << 16;
	return off;
}

/*
 * The captures of syscall id's arguments in phase; the new offset, bit 16 as in
 * capture_arg_at.
 */
static __always_inline __u32 capture_args(struct scratch *sc, __u32 off, long id,
					  struct pt_regs *regs, long ret, int phase)
{
	const volatile struct vt_capspec *cs = &capspec[verifier_bound(id, VT_NR_SYSCALLS - 1)];
	struct call_regs cr;
	__u32 faulted = 0;
	int i, r;

	copy_args(cr.args, regs);
	cr.sp = regs->sp;
#pragma unroll
	for (i = 0; i < 6; i++) {
		if (cs->kind[i] == VT_CK_NONE)
			continue;
		r = capture_arg_at(sc, (off & 0xffff) | i << 16 | phase << 20,
				   verifier_bound(id, VT_NR_SYSCALLS - 1), &cr, ret);
		off = r & 0xffff;
		faulted |= r >> 16;
	}
	return off | (faulted & 1) << 16;
}

/*
 * execve's argv (each string bounded by -s, at most VT_STRV_MAX of them) or envp
 * (counted only).  The loops run in bpf_loop callbacks, which the verifier checks
 * once instead of once per iteration and path.
 */
struct strv_ctx {
	__u8 *buf;
	__u64 ptr;
	__u32 pos;   /* where the next element goes in buf */
	__u32 max;   /* bytes read of one string, NUL included */
	__u32 count;
	__u32 more;
	__u32 fault; /* the array itself could not be read */
	__u32 count_only;
};

/* Element i's pointer into *p; 1 at the array's end (NULL) or when it cannot be read. */
static __always_inline int strv_elem(__u32 i, struct strv_ctx *x, __u64 *p)
{
	*p = 0;
	if (bpf_probe_read_user(p, sizeof(*p), (void *)(x->ptr + (__u64)i * 8))) {
		if (!i)
			x->fault = 1;
		return 1;
	}
	if (!*p)
		return 1;
	x->count++;
	return 0;
}

static long strv_step(__u32 i, struct strv_ctx *x)
{
	struct vt_strv_elem *el;
	__u64 p;
	__u32 pos;
	long n;

	if (strv_elem(i, x, &p))
		return 1;
	pos = x->pos & (VT_RECORD_MAX - 1);
	if (pos + sizeof(*el) + x->max > VT_RECORD_MAX - 8) {
		x->count--;
		x->more = 1;
		return 1;
	}
	el = (void *)(x->buf + pos);
	n = bpf_probe_read_user_str(x->buf + pos + sizeof(*el),
				    verifier_bound(x->max, VT_CAPTURE_MAX * 2 - 1), (void *)p);
	if (n <= 0) {
		el->len = 0;
		el->flags = VT_CAP_FAULT;
		x->pos = pos + sizeof(*el);
		return 0;
	}
	el->len = n - 1;
	el->flags = n == x->max ? VT_CAP_TRUNC : 0;
	x->pos = pos + sizeof(*el) + (n - 1);
	return 0;
}

/* envp is only counted. */
static long strv_count_step(__u32 i, struct strv_ctx *x)
{
	__u64 p;

	return strv_elem(i, x, &p);
}

static __always_inline __u32 capture_strv(__u8 *buf, __u32 off, int argi, __u8 kind, __u64 ptr)
{
	struct strv_ctx x = {};
	struct vt_capture *c;
	struct vt_strv *sv;
	__u32 len;

	off &= (VT_RECORD_MAX - 1);
	if (off + sizeof(*c) + sizeof(*sv) + 8 > VT_RECORD_MAX)
		return off;
	c = (void *)(buf + off);
	c->arg = argi;
	c->kind = kind;
	c->flags = 0;
	c->len = 0;
	if (!ptr)
		return off + sizeof(*c);
	x.buf = buf;
	x.ptr = ptr;
	x.pos = off + sizeof(*c) + sizeof(*sv);
	x.max = capture_size + 2 > VT_CAPTURE_MAX ? VT_CAPTURE_MAX : capture_size + 2;
	x.count_only = kind == VT_CK_STRV_COUNT;
	if (x.count_only) {
		if (bpf_loop(VT_STRV_COUNT_MAX, strv_count_step, &x, 0) == VT_STRV_COUNT_MAX)
			x.more = 1;
	} else if (bpf_loop(VT_STRV_MAX, strv_step, &x, 0) == VT_STRV_MAX) {
		x.more = 1;
	}
	if (x.fault) {
		c->flags |= VT_CAP_FAULT;
		return off + sizeof(*c);
	}
	sv = (void *)(c + 1);
	sv->count = x.count;
	sv->flags = x.more ? VT_STRV_MORE : 0;
	len = (x.pos & (VT_RECORD_MAX - 1)) - off - sizeof(*c);
	c->len = len;
	return off + sizeof(*c) + ((len + 7) & ~7U);
}

/*
 * A global function: the verifier checks it once, on its own, rather than once
 * for every state the program can reach it in; that keeps the load fast.
 * kinds: argv's argument index in bits 0-7, envp's in bits 8-15 (0xff: none).
 */
__noinline int capture_arrays_at(struct scratch *sc, __u32 off, __u32 kinds, __u64 argvp,
				 __u64 envpp)
{
	__u32 argv = kinds & 0xff, envp = (kinds >> 8) & 0xff;

	if (!sc)
		return off;
	if (argv < 6)
		off = capture_strv(sc->buf, off, argv, VT_CK_STRV, argvp);
	if (envp < 6)
		off = capture_strv(sc->buf, off, envp, read_env ? VT_CK_STRV : VT_CK_STRV_COUNT,
				   envpp);
	return off;
}

static __always_inline __u32 capture_arrays(__u8 *buf, __u32 off,
					    const volatile struct vt_capspec *cs,
					    struct pt_regs *regs)
{
	__u32 argv = 0xff, envp = 0xff;
	int i;

#pragma unroll
	for (i = 0; i < 6; i++) {
		if (cs->kind[i] == VT_CK_STRV)
			argv = i;
		else if (cs->kind[i] == VT_CK_STRV_COUNT)
			envp = i;
	}
	return capture_arrays_at((struct scratch *)buf, off, argv | envp << 8,
				 argv < 6 ? reg_arg(regs, argv) : 0,
				 envp < 6 ? reg_arg(regs, envp) : 0);
}

static __always_inline int emit_captured(void *ctx, void *rb, __u8 *buf, __u32 size, __u64 ts)
{
	struct vt_hdr *h = (void *)buf;

	size &= (VT_RECORD_MAX - 1);
	size = (size + 7) & ~7U;
	if (size < sizeof(struct vt_hdr) || size > VT_RECORD_MAX - 8)
		return 0;
	h->size = size;
	if (emit_output(ctx, rb, buf, size))
		count_lost(ts, 0);
	return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(vt_sys_enter, struct pt_regs *regs, long id)
{
	__u64 pidtgid = bpf_get_current_pid_tgid();
	__u32 cpu, key = 0;
	struct vt_enter *e;
	__u64 ts, pos;
	void *rb;

	if (!proc_wanted(pidtgid >> 32, id, 1) || !syscall_wanted(id) || floor_only)
		return 0;
	ts = bpf_ktime_get_ns();
	if ((status_filter && !args_gone_at_exit(id)) || count_stats) {
		struct inflight *in = bpf_task_storage_get(&inflight, bpf_get_current_task_btf(), 0,
							     BPF_LOCAL_STORAGE_GET_F_CREATE);

		if (in) {
			in->ts = ts;
			in->nr = id;
		} else {
			count_lost(ts, 0);
		}
		if ((status_filter && !args_gone_at_exit(id)) || !emit_records)
			return 0;
	}
	cpu = bpf_get_smp_processor_id();
	rb = cpu_ringbuf(cpu, ts);
	if (!rb)
		return 0;

	if (capture && (unsigned long)id < VT_NR_SYSCALLS &&
	    capspec[verifier_bound(id, VT_NR_SYSCALLS - 1)].any) {
		const volatile struct vt_capspec *cs = &capspec[verifier_bound(id, VT_NR_SYSCALLS - 1)];
		__u8 *buf = bpf_map_lookup_elem(&scratch, &key);
		__u32 off = sizeof(*e);
		int faulted, r;

		if (!buf) {
			count_lost(ts, 0);
			return 0;
		}
		e = (void *)buf;
		fill_hdr(&e->h, ts, pidtgid, VT_ENTER, 0, cpu, id);
		copy_args(e->args, regs);
		r = capture_args((struct scratch *)buf, off, id, regs, 0, CAP_ENTRY);
		off = r & 0xffff;
		faulted = r >> 16;
		if (cs->any & VT_CAPSPEC_STRV)
			off = capture_arrays(buf, off, cs, regs);
		if (faulted) {
			__u32 tid = pidtgid, one = 1;

			/* the exit program reads the string again */
			if (!bpf_map_update_elem(&refetch, &tid, &one, BPF_NOEXIST))
				__sync_fetch_and_add(&refetch_pending, 1);
		}
		return emit_captured(ctx, rb, buf, off, ts);
	}

	if (buffer_kind == VT_BUF_PERF) {
		struct vt_enter pe;

		fill_hdr(&pe.h, ts, pidtgid, VT_ENTER, sizeof(pe), cpu, id);
		copy_args(pe.args, regs);
		if (emit_output(ctx, rb, &pe, sizeof(pe)))
			count_lost(ts, 0);
		return 0;
	}
	if (buffer_kind == VT_BUF_RINGBUF) {
		e = bpf_ringbuf_reserve(rb, sizeof(*e), 0);
		if (!e) {
			count_lost(ts, 0);
			return 0;
		}
		fill_hdr(&e->h, ts, pidtgid, VT_ENTER, sizeof(*e), cpu, id);
		copy_args(e->args, regs);
		bpf_ringbuf_submit(e, BPF_RB_NO_WAKEUP);
		return 0;
	}
	e = ring_reserve(rb, sizeof(*e), &pos);
	if (!e) {
		count_lost(ts, 0);
		return 0;
	}
	fill_hdr(&e->h, ts, pidtgid, VT_ENTER, sizeof(*e), cpu, id);
	copy_args(e->args, regs);
	ring_commit(e, pos, sizeof(*e));
	return 0;
}

static __always_inline int status_passes(long ret)
{
	int failed = ret < 0 && ret >= -4095;

	return !((status_filter == VT_STATUS_SUCCESSFUL && failed) ||
		 (status_filter == VT_STATUS_FAILED && !failed));
}

static __always_inline void count_minmax_of(struct vt_sysstat *st, __u64 d)
{
	if (!st->min || d < st->min)
		st->min = d;
	if (d > st->max)
		st->max = d;
}

static __always_inline void count_hist_of(__u32 nr, __u64 d)
{
	struct vt_syshist *h = bpf_map_lookup_elem(&syshist, &nr);
	__u64 b = vt_hist_bucket(d);

	/* the compiler knows the bound and drops the test; the verifier must see it */
	asm volatile("" : "+r"(b));
	if (h && b < VT_HIST_BUCKETS)
		h->b[b]++;
}

static __always_inline void count_errno_of(__u32 nr, long ret)
{
	struct vt_syserrno *e = bpf_map_lookup_elem(&syserrno, &nr);
	__u64 slot = vt_errno_slot(-ret);

	asm volatile("" : "+r"(slot));
	if (e && slot < VT_ERRNO_SLOTS)
		e->n[slot]++;
}

/* --summary-by: the thread's own totals; a thread's first call finds no entry and makes it */
static __always_inline void count_by_of(__u64 pidtgid, __u32 nr, long ret, __u64 d, int timed)
{
	struct vt_bykey k = { .tid = (__u32)pidtgid, .nr = by_syscall ? nr : VT_NR_SYSCALLS };
	struct vt_bystat *b = bpf_map_lookup_elem(&bystats, &k);

	if (!b) {
		struct vt_bystat z = { .tgid = pidtgid >> 32 };

		bpf_get_current_comm(z.comm, sizeof(z.comm));
		if (bpf_map_update_elem(&bystats, &k, &z, BPF_NOEXIST) &&
		    !bpf_map_lookup_elem(&bystats, &k)) {
			__sync_fetch_and_add(&by_dropped, 1);
			return;
		}
		b = bpf_map_lookup_elem(&bystats, &k);
		if (!b)
			return;
	}
	b->st.calls++;
	if (ret < 0 && ret >= -4095)
		b->st.errors++;
	if (timed) {
		b->st.ns += d;
		count_minmax_of(&b->st, d);
	}
}

static __noinline void count_extras(struct vt_sysstat *st, __u32 nr, long ret, __u64 pidtgid,
				    __u64 ets)
{
	__u64 d = 0;

	if (!st)
		return;
	if (ets) {
		d = bpf_ktime_get_ns() - ets;
		st->ns += d;
		if (count_minmax)
			count_minmax_of(st, d);
		if (count_hist)
			count_hist_of(nr, d);
	}
	if (count_errno && ret < 0 && ret >= -4095)
		count_errno_of(nr, ret);
	if (count_by)
		count_by_of(pidtgid, nr, ret, d, ets != 0);
}

/* -c/-C: add one call to its syscall's totals; the entry time waits in inflight. */
static __always_inline void count_call(long id, long ret, __u64 pidtgid)
{
	struct vt_sysstat *st;
	struct inflight *in;
	__u64 ets = 0;
	__u32 nr;

	in = bpf_task_storage_get(&inflight, bpf_get_current_task_btf(), 0, 0);
	if (in && in->ts) {
		ets = in->ts;
		if (id < 0)
			id = in->nr;
		/* the status path below still needs it */
		if (!status_filter || !emit_records || args_gone_at_exit(id))
			in->ts = 0;
	}
	if ((unsigned long)id >= VT_NR_SYSCALLS || !status_passes(ret))
		return;
	nr = id;
	st = bpf_map_lookup_elem(&sysstats, &nr);
	if (!st)
		return;
	st->calls++;
	if (ret < 0 && ret >= -4095)
		st->errors++;
	/*
	 * The options' counting is a function of its own, behind one setting: the
	 * verifier drops the call, and plain -c keeps the instructions it had.
	 */
	if (count_extra) {
		count_extras(st, nr, ret, pidtgid, ets);
		return;
	}
	if (ets)
		st->ns += bpf_ktime_get_ns() - ets;
}

/*
 * Status filter: one VT_SYSCALL record at exit, only for calls whose result
 * passes, so a filtered call leaves nothing behind (no orphan entry).  Entry-time
 * arguments are read now: x86_64 keeps the argument registers until the return.
 */
static __always_inline int exit_whole_call(void *ctx, struct pt_regs *regs, long ret, long id,
					   __u64 pidtgid)
{
	__u32 cpu, key = 1;
	struct vt_syscall *w;
	struct inflight *in;
	__u64 ets = 0, ts;
	__u32 off = sizeof(*w);
	__u8 *buf;
	void *rb;

	in = bpf_task_storage_get(&inflight, bpf_get_current_task_btf(), 0, 0);
	/*
	 * No entry seen: a new task returning from clone or fork, or a call that
	 * began before its process was traced.  strace shows neither.
	 */
	if (!in || !in->ts)
		return 0;
	ets = in->ts;
	if (id < 0)
		id = in->nr;
	in->ts = 0;
	if (!status_passes(ret))
		return 0;
	ts = bpf_ktime_get_ns();
	cpu = bpf_get_smp_processor_id();
	rb = cpu_ringbuf(cpu, ts);
	if (!rb)
		return 0;
	buf = bpf_map_lookup_elem(&scratch, &key);
	if (!buf) {
		count_lost(ts, 0);
		return 0;
	}
	w = (void *)buf;
	fill_hdr(&w->h, ts, pidtgid, VT_SYSCALL, 0, cpu, id);
	w->enter_ts = ets;
	w->ret = ret;
	copy_args(w->args, regs);
	if (capture && (unsigned long)id < VT_NR_SYSCALLS &&
	    capspec[verifier_bound(id, VT_NR_SYSCALLS - 1)].any)
		off = capture_args((struct scratch *)buf, off, id, regs, ret,
				   CAP_ENTRY | CAP_EXIT) & 0xffff;
	return emit_captured(ctx, rb, buf, off, ts);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(vt_sys_exit, struct pt_regs *regs, long ret)
{
	__u64 pidtgid = bpf_get_current_pid_tgid();
	__u32 cpu, key = 1;
	struct vt_exit *x;
	long id;
	__u64 ts, pos;
	void *rb;

	/*
	 * orig_ax still holds the syscall number at exit, except after rt_sigreturn,
	 * which restores the registers of the interrupted code and sets it to -1.
	 */
	id = regs->orig_ax;
	if (id == -1)
		id = NR_RT_SIGRETURN;
	if (!proc_wanted(pidtgid >> 32, id, 0) || !syscall_wanted(id) || floor_only)
		return 0;
	if (count_stats) {
		count_call(id, ret, pidtgid);
		if (!emit_records)
			return 0;
	}
	if (status_filter && !args_gone_at_exit(id))
		return exit_whole_call(ctx, regs, ret, id, pidtgid);
	ts = bpf_ktime_get_ns();
	cpu = bpf_get_smp_processor_id();
	rb = cpu_ringbuf(cpu, ts);
	if (!rb)
		return 0;

	/*
	 * Output arguments: x86_64 leaves the argument registers in pt_regs untouched
	 * until the return to user space, so the pointers are still there.
	 */
	if (capture && (unsigned long)id < VT_NR_SYSCALLS &&
	    capspec[verifier_bound(id, VT_NR_SYSCALLS - 1)].any) {
		const volatile struct vt_capspec *cs = &capspec[verifier_bound(id, VT_NR_SYSCALLS - 1)];
		int phase = (cs->any & VT_CAPSPEC_EXIT) &&
			    (ret >= 0 || (cs->any & VT_CAPSPEC_EXIT_FAIL)) ? CAP_EXIT : 0;

		if ((cs->any & VT_CAPSPEC_PATH) && *(volatile __u64 *)&refetch_pending) {
			__u32 tid = pidtgid;

			if (bpf_map_lookup_elem(&refetch, &tid)) {
				if (!bpf_map_delete_elem(&refetch, &tid))
					__sync_fetch_and_sub(&refetch_pending, 1);
				phase |= CAP_REFETCH;
			}
		}
		if (phase) {
			__u8 *buf = bpf_map_lookup_elem(&scratch, &key);
			__u32 off = sizeof(*x);

			if (!buf) {
				count_lost(ts, 0);
				return 0;
			}
			x = (void *)buf;
			fill_hdr(&x->h, ts, pidtgid, VT_EXIT, 0, cpu, id);
			x->ret = ret;
			off = capture_args((struct scratch *)buf, off, id, regs, ret, phase) &
			      0xffff;
			return emit_captured(ctx, rb, buf, off, ts);
		}
	}

	if (buffer_kind == VT_BUF_PERF) {
		struct vt_exit px;

		fill_hdr(&px.h, ts, pidtgid, VT_EXIT, sizeof(px), cpu, id);
		px.ret = ret;
		if (emit_output(ctx, rb, &px, sizeof(px)))
			count_lost(ts, 0);
		return 0;
	}
	if (buffer_kind == VT_BUF_RINGBUF) {
		x = bpf_ringbuf_reserve(rb, sizeof(*x), 0);
		if (!x) {
			count_lost(ts, 0);
			return 0;
		}
		fill_hdr(&x->h, ts, pidtgid, VT_EXIT, sizeof(*x), cpu, id);
		x->ret = ret;
		bpf_ringbuf_submit(x, BPF_RB_NO_WAKEUP);
		return 0;
	}
	x = ring_reserve(rb, sizeof(*x), &pos);
	if (!x) {
		count_lost(ts, 0);
		return 0;
	}
	fill_hdr(&x->h, ts, pidtgid, VT_EXIT, sizeof(*x), cpu, id);
	x->ret = ret;
	ring_commit(x, pos, sizeof(*x));
	return 0;
}

static __always_inline void emit_small(void *ctx, void *rec, __u32 size)
{
	__u32 cpu = bpf_get_smp_processor_id();
	struct vt_hdr *h = rec;
	void *rb;

	if (floor_only)
		return; /* the floor keeps its maps up to date and records nothing */
	rb = cpu_ringbuf(cpu, h->ts);
	if (!rb)
		return;
	h->cpu = cpu;
	if (emit_output(ctx, rb, rec, size))
		count_lost(h->ts, 0);
}

/* Is process tgid traced (past its execve, for a command vltrace started)? */
static __always_inline int tgid_traced(__u32 tgid)
{
	if (system_wide)
		return tgid != self_tgid;
	return proc_state(tgid) == VT_PROC_ACTIVE;
}

/* A VT_SIGNAL record for thread tid of tgid; siginfo's layout is user ABI. */
static __always_inline void emit_signal(void *ctx, __u32 tid, __u32 tgid, int sig, void *info)
{
	struct vt_signal r = {};

	r.h.ts = bpf_ktime_get_ns();
	r.h.tid = tid;
	r.h.tgid = tgid;
	r.h.type = VT_SIGNAL;
	r.h.size = sizeof(r);
	r.h.nr = VT_NR_NONE;
	r.signo = sig;
	if (info) {
		/* signo, errno, code, then the union at 16 */
		bpf_probe_read_kernel(&r.errno_, sizeof(r.errno_), info + 4);
		bpf_probe_read_kernel(&r.code, sizeof(r.code), info + 8);
		bpf_probe_read_kernel(r.fields, sizeof(r.fields), info + 16);
	}
	emit_small(ctx, &r, sizeof(r));
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(vt_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 ptgid = BPF_CORE_READ(parent, tgid);
	__u32 ctgid = BPF_CORE_READ(child, tgid);
	__u32 state = VT_PROC_ACTIVE;
	struct vt_fork f = {};

	if (system_wide) {
		if (ptgid == self_tgid)
			return 0;
	} else {
		if (proc_state(ptgid) != VT_PROC_ACTIVE)
			return 0;
		if (ctgid != ptgid) {
			if (!follow_forks)
				return 0;
			if (!bpf_map_update_elem(&procs, &ctgid, &state, BPF_ANY))
				proc_bits_set(ctgid, state);
		}
	}
	f.h.ts = bpf_ktime_get_ns();
	f.h.tid = BPF_CORE_READ(parent, pid);
	f.h.tgid = ptgid;
	f.h.type = VT_FORK;
	f.h.size = sizeof(f);
	f.h.nr = VT_NR_NONE;
	f.child_tid = BPF_CORE_READ(child, pid);
	f.child_tgid = ctgid;
	f.flags = ctgid == ptgid ? VT_FORK_THREAD : 0;
	emit_small(ctx, &f, sizeof(f));
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(vt_exit, struct task_struct *p)
{
	__u32 tgid = BPF_CORE_READ(p, tgid);
	struct vt_thread_exit x = {};
	int group_dead;

	if (!tgid_traced(tgid))
		return 0;
	group_dead = BPF_CORE_READ(p, signal, live.counter) == 0;
	x.h.ts = bpf_ktime_get_ns();
	x.h.tid = BPF_CORE_READ(p, pid);
	x.h.tgid = tgid;
	x.h.type = VT_THREAD_EXIT;
	x.h.size = sizeof(x);
	x.h.nr = VT_NR_NONE;
	x.code = BPF_CORE_READ(p, exit_code);
	x.flags = group_dead ? VT_THREAD_GROUP_DEAD : 0;
	emit_small(ctx, &x, sizeof(x));
	if (group_dead && !system_wide) {
		proc_bits_set(tgid, 0);
		bpf_map_delete_elem(&procs, &tgid);
	}
	return 0;
}

static __always_inline int comm_matches(const char *comm)
{
	int i, j;

	for (i = 0; i < VT_MAX_NAMES; i++) {
		int same = 1;

		if (i >= nnames)
			break;
		for (j = 0; j < 16; j++) {
			if (comm[j] != names[i][j]) {
				same = 0;
				break;
			}
			if (!comm[j])
				break;
		}
		if (same)
			return 1;
	}
	return 0;
}

/* -f -N NAME: a process that execs a binary called NAME becomes traced. */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(vt_exec, struct task_struct *p, int old_pid, struct linux_binprm *bprm)
{
	__u32 tgid, state = VT_PROC_ACTIVE;
	char comm[16];

	if (!nnames || system_wide)
		return 0;
	if (bpf_get_current_comm(comm, sizeof(comm)) || !comm_matches(comm))
		return 0;
	tgid = bpf_get_current_pid_tgid() >> 32;
	if (!bpf_map_update_elem(&procs, &tgid, &state, BPF_NOEXIST))
		proc_bits_set(tgid, state);
	return 0;
}

/*
 * A signal that will kill its target without running a handler (default
 * action, not blocked) is turned into SIGKILL by the kernel as it is sent, so
 * signal_deliver only ever sees SIGKILL.  strace, whose tracees the kernel does
 * not short-circuit, prints the real signal first (--- SIGTERM {...} ---): record
 * it here, where it is sent.  SIGKILL itself shows nothing, as with strace.
 */
static __always_inline int kills_by_default(int sig)
{
	/* the signals whose default action is to end the process (with a core or not) */
	const __u64 fatal = (1ull << 1) | (1ull << 2) | (1ull << 3) | (1ull << 4) |
			    (1ull << 5) | (1ull << 6) | (1ull << 7) | (1ull << 8) |
			    (1ull << 10) | (1ull << 11) | (1ull << 12) | (1ull << 13) |
			    (1ull << 14) | (1ull << 15) | (1ull << 16) | (1ull << 24) |
			    (1ull << 25) | (1ull << 26) | (1ull << 27) | (1ull << 29) |
			    (1ull << 30) | (1ull << 31);

	if (sig >= 32 && sig <= 64)
		return 1; /* real-time signals */
	return sig > 0 && sig < 32 && ((fatal >> sig) & 1);
}

/*
 * The signals that dump core (SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE,
 * SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS): the kernel does not turn them into SIGKILL
 * as they are sent (complete_signal() leaves them to the dump), so
 * signal_deliver sees them as they are, and recording them here as well would
 * print them twice.
 */
static __always_inline int dumps_core(int sig)
{
	const __u64 core = (1ull << 3) | (1ull << 4) | (1ull << 5) | (1ull << 6) | (1ull << 7) |
			   (1ull << 8) | (1ull << 11) | (1ull << 24) | (1ull << 25) | (1ull << 31);

	return sig > 0 && sig < 32 && ((core >> sig) & 1);
}

SEC("tp_btf/signal_generate")
int BPF_PROG(vt_signal_sent, int sig, void *info, struct task_struct *task, int group,
	     int result)
{
	struct sighand_struct *sh;
	__u32 tgid, idx;
	__u64 handler = 1, blocked = 0, at;

	if (result != 0 || !kills_by_default(sig) || dumps_core(sig))
		return 0;
	tgid = BPF_CORE_READ(task, tgid);
	if (!tgid_traced(tgid))
		return 0;
	sh = BPF_CORE_READ(task, sighand);
	if (!sh)
		return 0;
	idx = (sig - 1) & 63;
	at = (__u64)sh + bpf_core_field_offset(struct sighand_struct, action) +
	     (__u64)idx * bpf_core_type_size(struct k_sigaction) +
	     bpf_core_field_offset(struct k_sigaction, sa) +
	     bpf_core_field_offset(struct sigaction, sa_handler);
	if (bpf_probe_read_kernel(&handler, sizeof(handler), (void *)at) || handler != 0)
		return 0; /* a handler or SIG_IGN: signal_deliver will show it */
	blocked = BPF_CORE_READ(task, blocked.sig[0]);
	if ((blocked >> idx) & 1)
		return 0; /* blocked: when it comes, it comes through signal_deliver */
	emit_signal(ctx, BPF_CORE_READ(task, pid), tgid, sig, info);
	return 0;
}

SEC("tp_btf/signal_deliver")
int BPF_PROG(vt_signal, int sig, void *info, void *ka)
{
	__u64 pidtgid = bpf_get_current_pid_tgid();

	if (!proc_wanted(pidtgid >> 32, -1, 0))
		return 0;
	emit_signal(ctx, (__u32)pidtgid, pidtgid >> 32, sig, info);
	return 0;
}
