// SPDX-License-Identifier: LGPL-2.1-or-later
#include "loader.h"
#include "reader.h"
#include "syscalltab.h"
#include "util.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "vltrace.skel.h"

static int loader_verbose;
/* The verifier's last word on a program it refused, kept to say why loading failed */
static char verifier_prog[64], verifier_said[256];

void loader_verifier_verdict(const char *msg, char *prog, size_t plen, char *said, size_t slen)
{
	const char *p = strstr(msg, "prog '"), *end = strstr(msg, "-- END PROG LOAD LOG --");
	const char *line, *eol;

	if (!p || !end || !strstr(msg, "-- BEGIN PROG LOAD LOG --"))
		return;
	p += 6;
	snprintf(prog, plen, "%.*s", (int)strcspn(p, "'"), p);
	/*
	 * The log ends with statistics ("processed 449 insns ...", "verification
	 * time ...", "stack depth ..."); the line before them says what was wrong.
	 */
	for (eol = end; eol > msg; eol = line) {
		for (line = eol - 1; line > msg && line[-1] != '\n'; line--)
			;
		if (eol - line <= 1 || !strncmp(line, "processed ", 10) ||
		    !strncmp(line, "verification time", 17) || !strncmp(line, "stack depth", 11))
			continue;
		snprintf(said, slen, "%.*s", (int)(eol - line - 1), line);
		return;
	}
}

__attribute__((format(printf, 2, 0))) static int libbpf_print(enum libbpf_print_level level,
								const char *fmt, va_list ap)
{
	char *msg;

	if (level == LIBBPF_WARN && strstr(fmt, "LOAD LOG")) {
		va_list copy;

		va_copy(copy, ap);
		if (vasprintf(&msg, fmt, copy) >= 0) {
			loader_verifier_verdict(msg, verifier_prog, sizeof(verifier_prog),
						verifier_said, sizeof(verifier_said));
			free(msg);
		}
		va_end(copy);
	}
	if (level == LIBBPF_DEBUG || (!loader_verbose && level == LIBBPF_INFO))
		return 0;
	if (!loader_verbose)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

/* Online CPUs as a bitmap over [0, n) from /sys/devices/system/cpu/online. */
static void online_cpus(unsigned char *online, unsigned n)
{
	char buf[4096], *p;
	int fd = open("/sys/devices/system/cpu/online", O_RDONLY | O_CLOEXEC);
	ssize_t len = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (len <= 0) {
		memset(online, 1, n);
		return;
	}
	buf[len] = 0;
	memset(online, 0, n);
	for (p = buf; *p && *p != '\n';) {
		unsigned long a = strtoul(p, &p, 10), b = a;

		if (*p == '-')
			b = strtoul(p + 1, &p, 10);
		for (unsigned long i = a; i <= b && i < n; i++)
			online[i] = 1;
		if (*p == ',')
			p++;
		else
			break;
	}
}

static int read_file(const char *path, void **data, size_t *len)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = 0;
	ssize_t n;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > (64 << 20)) {
		close(fd);
		return -EINVAL;
	}
	*data = vt_malloc(st.st_size);
	n = read(fd, *data, st.st_size);
	if (n != st.st_size) {
		err = n < 0 ? -errno : -EIO;
		free(*data);
		*data = NULL;
	}
	*len = st.st_size;
	close(fd);
	return err;
}

static struct vltrace_bpf *open_object(struct loader *l, const char *path, int *errp)
{
	struct vltrace_bpf *skel;
	size_t len = 0;
	int err;

	if (!path) {
		skel = vltrace_bpf__open();
		*errp = skel ? 0 : -errno;
		return skel;
	}
	err = read_file(path, &l->obj_data, &len);
	if (err) {
		vt_error("cannot read BPF object %s: %s", path, strerror(-err));
		*errp = err;
		return NULL;
	}
	skel = vt_calloc(1, sizeof(*skel));
	err = vltrace_bpf__create_skeleton(skel);
	if (!err) {
		/* same maps and programs as the embedded object, other code */
		skel->skeleton->data = l->obj_data;
		skel->skeleton->data_sz = len;
		err = bpf_object__open_skeleton(skel->skeleton, NULL);
	}
	if (err) {
		vt_error("cannot open BPF object %s: %s: it must define vltrace's maps and "
			 "programs",
			 path, strerror(-err));
		vltrace_bpf__destroy(skel);
		*errp = err;
		return NULL;
	}
	*errp = 0;
	return skel;
}

static uint64_t pow2_at_least(uint64_t v, uint64_t min)
{
	uint64_t p = min;

	while (p < v)
		p <<= 1;
	return p;
}

/*
 * --buffer=perf: a BPF_OUTPUT perf event on this CPU, its buffer ring_size bytes,
 * waking its reader only past a quarter full (the reader polls on a timer too).
 */
static int open_perfbuf(struct loader *l, int cpu)
{
	struct perf_event_attr attr;
	uint32_t key = cpu;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_SOFTWARE;
	attr.config = PERF_COUNT_SW_BPF_OUTPUT;
	attr.sample_type = PERF_SAMPLE_RAW;
	attr.sample_period = 1;
	attr.watermark = 1;
	attr.wakeup_watermark = l->ring_size / 4;
	fd = syscall(SYS_perf_event_open, &attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);
	if (fd < 0) {
		vt_error("cannot open a perf buffer on CPU %d: %s", cpu, strerror(errno));
		return -errno;
	}
	l->ring_fds[cpu] = fd;
	if (ioctl(fd, PERF_EVENT_IOC_ENABLE, 0) ||
	    bpf_map_update_elem(bpf_map__fd(l->skel->maps.perfbuf), &key, &fd, BPF_ANY)) {
		vt_error("cannot install the perf buffer of CPU %d: %s", cpu, strerror(errno));
		return -errno;
	}
	return 0;
}

/*
 * Put the ring buffers in the array the programs look them up in.  The kernel
 * waits for an RCU grace period after each update of a map of maps (10-16 ms
 * here): one batch update waits once, where one update per CPU made start-up
 * grow with the number of CPUs.  Kernels without batch updates get the updates
 * one by one.
 */
static int install_rings(struct loader *l)
{
	int outer = bpf_map__fd(l->skel->maps.ringbufs), err = 0;
	uint32_t *keys = vt_calloc(l->ncpus, sizeof(*keys)), n = 0, count;
	int *fds = vt_calloc(l->ncpus, sizeof(*fds));

	for (unsigned cpu = 0; cpu < l->ncpus; cpu++) {
		if (l->ring_fds[cpu] < 0)
			continue;
		keys[n] = cpu;
		fds[n++] = l->ring_fds[cpu];
	}
	count = n;
	if (n && bpf_map_update_batch(outer, keys, fds, &count, NULL)) {
		for (uint32_t i = 0; i < n && !err; i++) {
			if (bpf_map_update_elem(outer, &keys[i], &fds[i], BPF_ANY)) {
				err = -errno;
				vt_error("cannot install the ring buffer of CPU %u: %s", keys[i],
					 strerror(-err));
			}
		}
	}
	free(keys);
	free(fds);
	return err;
}

/*
 * Map the first bytes of an mmapable BPF array read-write; *len: the length
 * mapped, whole pages, for munmap.  NULL and *err after a line naming what.
 */
static void *map_array(struct bpf_map *map, size_t bytes, const char *what, size_t *len,
		       int *err)
{
	long page = sysconf(_SC_PAGESIZE);
	void *p;

	*len = VT_ALIGN(bytes, page > 0 ? (size_t)page : 4096);
	p = mmap(NULL, *len, PROT_READ | PROT_WRITE, MAP_SHARED, bpf_map__fd(map), 0);
	if (p == MAP_FAILED) {
		*err = -errno;
		vt_error("cannot map the %s: %s", what, strerror(-*err));
		return NULL;
	}
	return p;
}

/*
 * --buffer=ring: map the array of rings (one element per possible CPU, elements
 * 8-aligned back to back) and point each online CPU's reader_ring into it.
 */
static int map_rings(struct loader *l, const unsigned char *online)
{
	size_t stride = VT_ALIGN(VT_RING_ELEM_SIZE(l->ring_size), 8);
	int err = 0;
	uint8_t *base = map_array(l->skel->maps.rings, stride * l->ncpus, "ring buffers",
				  &l->ring_map_len, &err);

	if (!base)
		return err;
	l->ring_map = base;
	l->rings = vt_calloc(l->ncpus, sizeof(*l->rings));
	for (unsigned cpu = 0; cpu < l->ncpus; cpu++) {
		struct reader_ring *r = &l->rings[cpu];

		r->kind = READER_RING_VT;
		r->mask = l->ring_size - 1;
		r->key = l->ring_key;
		if (!online[cpu])
			continue;
		r->ctl = (struct vt_ring_ctl *)(base + cpu * stride);
		r->data = base + cpu * stride + VT_RING_DATA_OFF;
	}
	return 0;
}

/*
 * procbits covers the tgids below the kernel's pid_max (PID_MAX_LIMIT when it
 * cannot be read): 2 bits each, 32 a word, at most 1 MiB.
 */
static uint32_t procbits_words(void)
{
	unsigned long pid_max = 4194304;
	FILE *f = fopen("/proc/sys/kernel/pid_max", "re");

	if (f) {
		if (fscanf(f, "%lu", &pid_max) != 1 || pid_max > 4194304)
			pid_max = 4194304;
		fclose(f);
	}
	return (uint32_t)((pid_max + 31) / 32);
}

/* As the BPF side's proc_bits_set(): atomic, other CPUs change other bits of the word. */
static void procbits_set(struct loader *l, uint32_t tgid, uint32_t state)
{
	uint64_t *word, shift = tgid % 32 * 2;

	if (!l->procbits || tgid / 32 >= l->procbits_words)
		return;
	word = &l->procbits[tgid / 32];
	__atomic_fetch_and(word, ~(3ull << shift), __ATOMIC_SEQ_CST);
	if (state)
		__atomic_fetch_or(word, (uint64_t)state << shift, __ATOMIC_SEQ_CST);
}

int loader_open(struct loader **out, const struct loader_opts *o)
{
	struct loader *l = vt_calloc(1, sizeof(*l));
	struct vltrace_bpf__rodata *ro;
	unsigned char *online = NULL;
	long page = sysconf(_SC_PAGESIZE);
	int err, ncpus, template_set = 0;

	l->template_fd = -1;
	loader_verbose = o->verbose;
	libbpf_set_print(libbpf_print);

	ncpus = libbpf_num_possible_cpus();
	if (ncpus <= 0) {
		vt_error("cannot count the CPUs: %s", strerror(-ncpus));
		err = ncpus ? ncpus : -EINVAL;
		goto fail;
	}
	l->ncpus = ncpus;
	l->ring_size = pow2_at_least(o->buffer_size, page > 0 ? page : 4096);
	/*
	 * Unknown to the traced programs, whose captured data lies in the ring: a
	 * clock reading stands in where the kernel has no getrandom (before 3.17).
	 */
	if (getrandom(&l->ring_key, sizeof(l->ring_key), 0) != sizeof(l->ring_key))
		l->ring_key = vt_now_ns(CLOCK_MONOTONIC) * 0x9e3779b97f4a7c15ull;
	l->ring_key |= 1ull << 63;

	l->skel = open_object(l, o->bpf_object, &err);
	if (!l->skel) {
		if (!o->bpf_object)
			vt_error("cannot open the BPF object: %s", strerror(-err));
		goto fail;
	}

	ro = l->skel->rodata;
	ro->system_wide = !!o->system_wide;
	ro->self_tgid = o->self_tgid;
	ro->follow_forks = !!o->follow;
	ro->filter_syscalls = !!o->filter_syscalls;
	if (o->filter_syscalls)
		memcpy((void *)ro->syscall_mask, o->syscall_mask, sizeof(ro->syscall_mask));
	ro->capture = !!o->capture;
	ro->capture_size = o->capture_size > VT_CAPTURE_MAX ? VT_CAPTURE_MAX : o->capture_size;
	ro->read_env = !!o->read_env;
	if (o->dump_read || o->dump_write) {
		ro->dump_any = 1;
		if (o->dump_read)
			memcpy((void *)ro->dump_read, o->dump_read, sizeof(ro->dump_read));
		if (o->dump_write)
			memcpy((void *)ro->dump_write, o->dump_write, sizeof(ro->dump_write));
	}
	if (o->capture) {
		struct vt_capspec *cs = (struct vt_capspec *)ro->capspec;
		int any = 0;

		/* kinds and, in 'any', when the BPF side reads */
		syscalltab_capspec(cs, VT_NR_SYSCALLS);
		/* -e raw=: the arguments print as numbers, nothing to read */
		for (int nr = 0; nr < VT_NR_SYSCALLS; nr++) {
			if (o->raw_mask && ((o->raw_mask[nr / 64] >> (nr % 64)) & 1))
				memset(&cs[nr], 0, sizeof(cs[nr]));
			any |= cs[nr].any;
		}
		/* nothing left to read (-e raw=all): the verifier drops the capture code */
		if (!any)
			ro->capture = 0;
	}
	ro->status_filter = o->status_filter;
	ro->floor_only = !!o->floor_only;
	ro->buffer_kind = o->buffer_kind;
	l->buffer_kind = o->buffer_kind;
	ro->ring_mask = l->ring_size - 1;
	ro->ring_key = l->ring_key;
	ro->count_stats = !!o->count_stats;
	ro->emit_records = !!o->emit_records;
	ro->count_minmax = !!o->count_minmax;
	ro->count_hist = !!o->count_hist;
	ro->count_errno = !!o->count_errno;
	ro->count_by = !!o->count_by;
	ro->by_syscall = !!o->by_syscall;
	ro->count_extra = o->count_minmax || o->count_hist || o->count_errno || o->count_by;
	/* the maps of options not asked for take one entry: no memory, no cost */
	err = bpf_map__set_max_entries(l->skel->maps.syshist, o->count_hist ? VT_NR_SYSCALLS : 1);
	if (!err)
		err = bpf_map__set_max_entries(l->skel->maps.syserrno,
					       o->count_errno ? VT_NR_SYSCALLS : 1);
	if (!err)
		err = bpf_map__set_max_entries(l->skel->maps.bystats,
					       o->count_by ? LOADER_BY_ENTRIES : 1);
	if (err) {
		vt_error("cannot size the summary maps: %s", strerror(-err));
		goto fail;
	}
	l->procbits_words = procbits_words();
	ro->procbits_words = l->procbits_words;
	err = bpf_map__set_max_entries(l->skel->maps.procbits, l->procbits_words);
	if (err) {
		vt_error("cannot size the process table: %s", strerror(-err));
		goto fail;
	}
	if (o->follow && o->nnames) {
		ro->nnames = o->nnames < VT_MAX_NAMES ? o->nnames : VT_MAX_NAMES;
		for (unsigned i = 0; i < ro->nnames; i++)
			strncpy((char *)ro->names[i], o->names[i], sizeof(ro->names[i]) - 1);
	}

	/*
	 * --buffer=ring: one element of the rings array per possible CPU (the array
	 * cannot leave holes), zeroed by the kernel: head = tail = 0, nothing committed.
	 */
	if (o->buffer_kind == VT_BUF_RING) {
		err = bpf_map__set_max_entries(l->skel->maps.rings, ncpus);
		if (!err)
			err = bpf_map__set_value_size(l->skel->maps.rings,
						      VT_RING_ELEM_SIZE(l->ring_size));
		if (err) {
			vt_error("cannot size the ring buffers: %s", strerror(-err));
			goto fail;
		}
	}

	/*
	 * --buffer=ringbuf: one BPF ring buffer per online CPU, created before load:
	 * the first one serves as the outer map's template (inner maps must match it
	 * in size).
	 */
	err = bpf_map__set_max_entries(l->skel->maps.ringbufs, ncpus);
	if (err) {
		vt_error("cannot size the ring buffer array: %s", strerror(-err));
		goto fail;
	}
	l->ring_fds = vt_malloc(ncpus * sizeof(int));
	online = vt_malloc(ncpus);
	online_cpus(online, ncpus);
	if (o->buffer_kind != VT_BUF_RINGBUF) {
		/* the ring buffer array still needs a template; it stays empty */
		if (o->buffer_kind == VT_BUF_PERF)
			err = bpf_map__set_max_entries(l->skel->maps.perfbuf, ncpus);
		l->template_fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "vt_tmpl", 0, 0, page, NULL);
		if (err || l->template_fd < 0 ||
		    bpf_map__set_inner_map_fd(l->skel->maps.ringbufs, l->template_fd)) {
			err = err ? err : -errno;
			if (err == -EPERM)
				vt_error("not allowed to create BPF maps (%s): run as root or with "
					 "CAP_BPF and CAP_PERFMON",
					 strerror(-err));
			else
				vt_error("cannot set up the %s buffers: %s",
					 o->buffer_kind == VT_BUF_PERF ? "perf" : "ring", strerror(-err));
			goto fail;
		}
		template_set = 1;
	}
	for (int cpu = 0; cpu < ncpus; cpu++) {
		int fd;

		l->ring_fds[cpu] = -1;
		if (!online[cpu] || o->buffer_kind != VT_BUF_RINGBUF)
			continue;
		fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "vt_ring", 0, 0, l->ring_size, NULL);
		if (fd < 0) {
			err = -errno;
			if (err == -EPERM)
				vt_error("not allowed to create BPF maps (%s): run as root or with "
					 "CAP_BPF and CAP_PERFMON",
					 strerror(-err));
			else
				vt_error("cannot create a %llu-byte ring buffer for CPU %d: %s: try a "
					 "smaller --buffer-size",
					 (unsigned long long)l->ring_size, cpu, strerror(-err));
			goto fail;
		}
		l->ring_fds[cpu] = fd;
		if (!template_set) {
			err = bpf_map__set_inner_map_fd(l->skel->maps.ringbufs, fd);
			if (err) {
				vt_error("cannot set the ring buffer template: %s", strerror(-err));
				goto fail;
			}
			template_set = 1;
		}
	}

	verifier_said[0] = 0;
	err = vltrace_bpf__load(l->skel);
	if (err) {
		if (verifier_said[0])
			/* EACCES or EINVAL from the verifier is not about privileges */
			vt_error("the kernel's BPF verifier refused program %s (\"%s\"): this "
				 "build of vltrace does not fit this kernel; VLTRACE_DEBUG=1 shows "
				 "the verifier's log",
				 verifier_prog, verifier_said);
		else if (err == -EPERM || err == -EACCES)
			vt_error("not allowed to load BPF programs (%s): run as root or with "
				 "CAP_BPF and CAP_PERFMON",
				 strerror(-err));
		else if (err == -ENOENT || err == -ESRCH || err == -EINVAL)
			vt_error("the kernel refused the BPF programs (%s): vltrace needs Linux >= "
				 "5.12 (5.8 with --buffer=ringbuf) with BTF and the raw_syscalls "
				 "tracepoints; rerun with VLTRACE_DEBUG=1 for libbpf's log",
				 strerror(-err));
		else
			vt_error("cannot load the BPF programs: %s", strerror(-err));
		goto fail;
	}

	for (int cpu = 0; cpu < ncpus && o->buffer_kind == VT_BUF_PERF; cpu++) {
		if (!online[cpu])
			continue;
		err = open_perfbuf(l, cpu);
		if (err)
			goto fail;
	}
	if (o->buffer_kind == VT_BUF_RINGBUF) {
		err = install_rings(l);
		if (err)
			goto fail;
	}
	if (o->buffer_kind == VT_BUF_RING) {
		err = map_rings(l, online);
		if (err)
			goto fail;
	}
	l->procbits = map_array(l->skel->maps.procbits, (size_t)l->procbits_words * 8,
				"process table", &l->procbits_len, &err);
	if (!l->procbits)
		goto fail;
	free(online);
	*out = l;
	return 0;
fail:
	free(online);
	loader_destroy(l);
	return err < 0 ? err : -EINVAL;
}

int loader_add_proc(struct loader *l, pid_t tgid, uint32_t state)
{
	uint32_t key = tgid;

	if (bpf_map_update_elem(bpf_map__fd(l->skel->maps.procs), &key, &state, BPF_ANY))
		return -errno;
	procbits_set(l, key, state);
	return 0;
}

int loader_del_proc(struct loader *l, pid_t tgid)
{
	uint32_t key = tgid;

	procbits_set(l, key, 0);
	if (bpf_map_delete_elem(bpf_map__fd(l->skel->maps.procs), &key))
		return -errno;
	return 0;
}

int loader_drop_waiting(struct loader *l, pid_t tgid)
{
	uint32_t key = tgid, state;

	if (bpf_map_lookup_elem(bpf_map__fd(l->skel->maps.procs), &key, &state))
		return errno == ENOENT ? 0 : -errno;
	/* active: it exec'd, and the BPF side removes it when its last thread exits */
	return state == VT_PROC_WAIT_EXEC ? loader_del_proc(l, tgid) : 0;
}

int loader_procs_empty(struct loader *l)
{
	uint32_t key;

	return bpf_map_get_next_key(bpf_map__fd(l->skel->maps.procs), NULL, &key) != 0;
}

int loader_attach(struct loader *l)
{
	int err = vltrace_bpf__attach(l->skel);

	if (err)
		vt_error("cannot attach to the syscall tracepoints: %s: the kernel needs BTF and "
			 "tp_btf support (Linux >= 5.8)",
			 strerror(-err));
	return err;
}

void loader_detach(struct loader *l)
{
	if (l && l->skel)
		vltrace_bpf__detach(l->skel);
}

int loader_lost(struct loader *l, uint64_t *per_cpu)
{
	struct vt_counters *c = vt_calloc(l->ncpus, sizeof(*c));
	uint32_t key = 0;
	int err = 0;

	if (bpf_map_lookup_elem(bpf_map__fd(l->skel->maps.counters), &key, c))
		err = -errno;
	for (unsigned i = 0; i < l->ncpus; i++)
		per_cpu[i] = err ? 0 : c[i].lost;
	free(c);
	return err;
}

int loader_counters_fd(const struct loader *l)
{
	return bpf_map__fd(l->skel->maps.counters);
}

static void sysstat_add(struct vt_sysstat *sum, const struct vt_sysstat *c)
{
	sum->calls += c->calls;
	sum->errors += c->errors;
	sum->ns += c->ns;
	if (c->min && (!sum->min || c->min < sum->min))
		sum->min = c->min;
	if (c->max > sum->max)
		sum->max = c->max;
}

int loader_read_sysstats(struct loader *l,
			 void (*fn)(void *ctx, unsigned nr, const struct vt_sysstat *st), void *ctx)
{
	int fd = bpf_map__fd(l->skel->maps.sysstats);
	struct vt_sysstat *per = vt_calloc(l->ncpus, sizeof(*per));
	int err = 0;

	for (unsigned nr = 0; nr < VT_NR_SYSCALLS; nr++) {
		struct vt_sysstat sum = { 0 };
		uint32_t key = nr;

		if (bpf_map_lookup_elem(fd, &key, per)) {
			err = -errno;
			break;
		}
		for (unsigned c = 0; c < l->ncpus; c++)
			sysstat_add(&sum, &per[c]);
		if (sum.calls)
			fn(ctx, nr, &sum);
	}
	free(per);
	return err;
}

int loader_read_syshist(struct loader *l, void (*fn)(void *ctx, unsigned nr, const uint64_t *b),
			void *ctx)
{
	int fd = bpf_map__fd(l->skel->maps.syshist);
	struct vt_syshist *per = vt_calloc(l->ncpus, sizeof(*per));
	struct vt_syshist sum;
	int err = 0;

	for (unsigned nr = 0; nr < VT_NR_SYSCALLS; nr++) {
		uint32_t key = nr;
		uint64_t any = 0;

		if (bpf_map_lookup_elem(fd, &key, per)) {
			err = -errno;
			break;
		}
		memset(&sum, 0, sizeof(sum));
		for (unsigned c = 0; c < l->ncpus; c++)
			for (unsigned i = 0; i < VT_HIST_BUCKETS; i++)
				sum.b[i] += per[c].b[i];
		for (unsigned i = 0; i < VT_HIST_BUCKETS; i++)
			any |= sum.b[i];
		if (any)
			fn(ctx, nr, (const uint64_t *)sum.b);
	}
	free(per);
	return err;
}

int loader_read_syserrno(struct loader *l, void (*fn)(void *ctx, unsigned nr, const uint64_t *n),
			 void *ctx)
{
	int fd = bpf_map__fd(l->skel->maps.syserrno);
	struct vt_syserrno *per = vt_calloc(l->ncpus, sizeof(*per));
	struct vt_syserrno sum;
	int err = 0;

	for (unsigned nr = 0; nr < VT_NR_SYSCALLS; nr++) {
		uint32_t key = nr;
		uint64_t any = 0;

		if (bpf_map_lookup_elem(fd, &key, per)) {
			err = -errno;
			break;
		}
		memset(&sum, 0, sizeof(sum));
		for (unsigned c = 0; c < l->ncpus; c++)
			for (unsigned i = 0; i < VT_ERRNO_SLOTS; i++)
				sum.n[i] += per[c].n[i];
		for (unsigned i = 0; i < VT_ERRNO_SLOTS; i++)
			any |= sum.n[i];
		if (any)
			fn(ctx, nr, (const uint64_t *)sum.n);
	}
	free(per);
	return err;
}

int loader_read_bystats(struct loader *l,
			void (*fn)(void *ctx, const struct vt_bykey *k, const struct vt_bystat *b),
			void *ctx, uint64_t *dropped)
{
	int fd = bpf_map__fd(l->skel->maps.bystats);
	struct vt_bystat *per = vt_calloc(l->ncpus, sizeof(*per));
	struct vt_bykey key, next, *prev = NULL;
	int err = 0;

	while (!bpf_map_get_next_key(fd, prev, &next)) {
		struct vt_bystat sum = { 0 };

		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, per))
			continue; /* gone meanwhile */
		for (unsigned c = 0; c < l->ncpus; c++) {
			sysstat_add(&sum.st, &per[c].st);
			/* the CPU that made the entry has the thread's ids */
			if (per[c].tgid) {
				sum.tgid = per[c].tgid;
				memcpy(sum.comm, per[c].comm, sizeof(sum.comm));
			}
		}
		if (sum.st.calls)
			fn(ctx, &key, &sum);
	}
	if (errno != ENOENT)
		err = -errno;
	*dropped = l->skel->bss->by_dropped;
	free(per);
	return err;
}

void loader_destroy(struct loader *l)
{
	if (!l)
		return;
	if (l->ring_fds) {
		for (unsigned i = 0; i < l->ncpus; i++)
			if (l->ring_fds[i] >= 0)
				close(l->ring_fds[i]);
		free(l->ring_fds);
	}
	if (l->template_fd >= 0)
		close(l->template_fd);
	if (l->ring_map)
		munmap(l->ring_map, l->ring_map_len);
	if (l->procbits)
		munmap(l->procbits, l->procbits_len);
	free(l->rings);
	vltrace_bpf__destroy(l->skel);
	free(l->obj_data);
	free(l);
}
