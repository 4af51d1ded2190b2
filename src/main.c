// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * vltrace's main thread: parse the command line, check the environment, open
 * the outputs, load and attach the BPF side, start the pipeline, start or attach
 * to the targets, wait for the end (the targets are gone, a signal, a failed
 * output), then detach, drain and report.
 */
#include "bench.h"
#include "capture.h"
#include "cli.h"
#include "loader.h"
#include "outbuf.h"
#include "outfile.h"
#include "pipeline.h"
#include "refilter.h"
#include "render.h"
#include "status.h"
#include "summary.h"
#include "syscalltab.h"
#include "target.h"
#include "timewin.h"
#include "tracefile.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif

static int has_cap(const struct __user_cap_data_struct *d, int cap)
{
	return (d[cap / 32].effective >> (cap % 32)) & 1;
}

/* Root, or CAP_BPF and CAP_PERFMON (or CAP_SYS_ADMIN, which older kernels want). */
static int check_privileges(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = { 0 };

	if (syscall(SYS_capget, &h, d)) {
		vt_error("cannot read this process's capabilities: %s", strerror(errno));
		return -errno;
	}
	if (has_cap(d, CAP_SYS_ADMIN) || (has_cap(d, CAP_BPF) && has_cap(d, CAP_PERFMON)))
		return 0;
	vt_error("tracing needs root or the capabilities CAP_BPF and CAP_PERFMON (missing: %s): "
		 "run vltrace as root",
		 has_cap(d, CAP_BPF) ? "CAP_PERFMON" :
		 has_cap(d, CAP_PERFMON) ? "CAP_BPF" : "CAP_BPF, CAP_PERFMON");
	return -EPERM;
}

static int check_kernel(void)
{
	if (access("/sys/kernel/btf/vmlinux", R_OK)) {
		vt_error("the kernel has no BTF (/sys/kernel/btf/vmlinux is missing): vltrace needs "
			 "a kernel built with CONFIG_DEBUG_INFO_BTF=y");
		return -ENOENT;
	}
	return 0;
}

/* The offset from CLOCK_MONOTONIC to CLOCK_REALTIME, from the tightest of a few reads. */
static uint64_t realtime_at_mono0(void)
{
	uint64_t best_gap = UINT64_MAX, off = 0;

	for (int i = 0; i < 5; i++) {
		uint64_t m1 = vt_now_ns(CLOCK_MONOTONIC), r = vt_now_ns(CLOCK_REALTIME);
		uint64_t m2 = vt_now_ns(CLOCK_MONOTONIC);

		if (m2 - m1 < best_gap) {
			best_gap = m2 - m1;
			off = r - (m1 + (m2 - m1) / 2);
		}
	}
	return off;
}

/*
 * The names of the processes traced from the start, for the trace file's
 * header: no exec in the trace will name them, and -R's -N and comm need them.
 * With --system-wide, every process there is.
 */
static struct tracefile_proc *procs_snapshot(const pid_t *tgids, unsigned n, int all,
					      uint32_t *count)
{
	struct tracefile_proc *p = NULL;
	unsigned cap = 0, k = 0;
	DIR *d = all ? opendir("/proc") : NULL;
	struct dirent *de;

	for (unsigned i = 0;; i++) {
		char path[64], buf[32];
		long tgid;
		ssize_t len;
		int fd;

		if (d) {
			de = readdir(d);
			if (!de)
				break;
			tgid = strtol(de->d_name, NULL, 10);
			if (tgid <= 0)
				continue;
		} else if (i < n) {
			tgid = tgids[i];
		} else {
			break;
		}
		if (k >= TRACEFILE_MAX_PROCS)
			break;
		snprintf(path, sizeof(path), "/proc/%ld/comm", tgid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (len <= 0)
			continue;
		buf[len] = 0;
		buf[strcspn(buf, "\n")] = 0;
		if (k == cap) {
			cap = cap ? cap * 2 : 16;
			p = realloc(p, cap * sizeof(*p));
			if (!p)
				vt_die(ENOMEM);
		}
		memset(&p[k], 0, sizeof(p[k]));
		p[k].tgid = (uint32_t)tgid;
		memcpy(p[k].comm, buf, strnlen(buf, 15));
		k++;
	}
	if (d)
		closedir(d);
	*count = k;
	return p;
}

static char *join_args(int argc, char **argv)
{
	size_t len = 1;
	char *s;

	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	s = vt_calloc(1, len);
	for (int i = 0; i < argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

/*
 * An output, opened under outfile.h's rule (append: -A); *shared: a description
 * vltrace was given.
 */
static int open_output(const char *path, const char *what, int append, int *shared)
{
	char why[512];
	unsigned how;
	int fd, err;

	err = append ? outfile_append(path, &fd, &how, why, sizeof(why))
		     : outfile_create(path, &fd, &how, why, sizeof(why));
	if (err) {
		vt_error("cannot open %s %s: %s", what, path, why);
		return err;
	}
	if (shared)
		*shared = how & OUTFILE_SHARED;
	return fd;
}

/*
 * An output that is also an input, or two outputs in one file, would be written
 * over while in use: refused before anything is opened.
 */
static int check_same_files(const struct cli_opts *o)
{
	/* with -ff the lines go to FILE.TID: FILE itself is not written */
	const char *text = o->out_path && !(o->follow > 1 && o->format == RENDER_TEXT) ?
				   o->out_path : NULL;

	/* every file -R reads */
	for (unsigned i = 0; i < o->nread; i++) {
		const char *rp = o->read_paths[i];
		/* -R - reads standard input: what it names is fd 0's file, not "-" the output */
		const char *in = !strcmp(rp, "-") ? "/dev/stdin" : rp;

		if (text && outfile_same(in, text)) {
			vt_error("-o %s is the file -R reads (%s): write the output to another file",
				 text, rp);
			return -EINVAL;
		}
		if (o->write_path && outfile_same(in, o->write_path)) {
			vt_error("-W %s is the file -R reads (%s): write to another file",
				 o->write_path, rp);
			return -EINVAL;
		}
	}
	if (o->write_path && text && outfile_same(o->write_path, text)) {
		vt_error("-W %s and -o %s are the same file: give each output its own file",
			 o->write_path, text);
		return -EINVAL;
	}
	return 0;
}

/* A file of a -W rotation, or a snapshot: opened as every output is. */
static int open_rotated(const char *path)
{
	return open_output(path, "trace file", 0, NULL);
}

static void report_lost(const struct pipeline_totals *t)
{
	char buf[512];
	size_t len = 0;

	if (!t->lost)
		return;
	for (unsigned i = 0; i < t->ncpus && len < sizeof(buf) - 64; i++) {
		if (!t->lost_per_cpu[i])
			continue;
		len += snprintf(buf + len, sizeof(buf) - len, "%sCPU %u: %" PRIu64,
				len ? ", " : "", i, t->lost_per_cpu[i]);
	}
	vt_warn("%" PRIu64 " records lost (%s): the kernel buffers overflowed; raise "
		"--buffer-size or trace fewer syscalls",
		t->lost, buf);
}

/* The closing line of -W, on stderr whether or not it is a terminal (-q: none). */
static void report_written(const struct cli_opts *o, const struct pipeline_totals *t)
{
	char how[64] = "uncompressed", behind[96] = "";

	if (o->flight_size) {
		fprintf(stderr,
			"vltrace: %" PRIu64 " records, %" PRIu64 " calls traced, %" PRIu64
			" snapshot%s, %" PRIu64 " bytes written, %" PRIu64 " lost\n",
			t->records, t->calls, t->files, t->files == 1 ? "" : "s", t->bytes, t->lost);
		return;
	}

	if (o->compress == TRACEFILE_COMPRESS_ZSTD)
		snprintf(how, sizeof(how), "%" PRIu64 " before zstd:%d compression", t->raw_bytes,
			 o->compress_level);
	if (t->degraded)
		snprintf(behind, sizeof(behind),
			 " (%" PRIu64 " blocks less compressed: the writer fell behind)",
			 t->degraded);
	fprintf(stderr,
		"vltrace: %" PRIu64 " records, %" PRIu64 " calls, %" PRIu64 " bytes written (%s)%s, "
		"%" PRIu64 " file%s, %" PRIu64 " lost\n",
		t->records, t->calls, t->bytes, how, behind, t->files, t->files == 1 ? "" : "s",
		t->lost);
}

static void render_opts_init(struct render_opts *ro, const struct cli_opts *o)
{
	memset(ro, 0, sizeof(*ro));
	ro->format = o->format;
	ro->tstamp = o->tstamp;
	ro->relative = o->relative;
	ro->syscall_time = o->syscall_time;
	ro->string_limit = o->string_limit;
	ro->status_filter = o->status;
	ro->raw_mask = o->raw ? o->raw_mask : NULL;
	ro->filter = o->filter;
	ro->quiet_exit = !!(o->quiet_set & CLI_QUIET_EXIT);
	ro->ts_prec = o->ts_prec;
	ro->rel_prec = o->rel_prec;
	ro->dur_prec = o->dur_prec;
	ro->strings_hex = o->strings_hex;
	ro->verbose = o->verbose;
	ro->dump_read = o->dump_read ? o->dump_read_fds : NULL;
	ro->dump_write = o->dump_write ? o->dump_write_fds : NULL;
	ro->syscall_number = o->syscall_number;
	ro->columns = o->columns ? o->columns : 1; /* -a 0: no padding, as -a 1 */
	ro->signal_filter = o->signal_filter;
	ro->signal_mask = o->signal_mask;
	ro->append = o->append;
	/* strace's two rules: "PID " on every line into a file when following or
	 * tracing several processes, "[pid N] " on stderr while several are alive */
	ro->pid_prefix = RENDER_PID_AUTO;
	if (o->out_path && (o->follow || o->npids > 1 || o->nnames || o->system_wide))
		ro->pid_prefix = RENDER_PID_ALWAYS;
	if (o->follow > 1 && o->out_path && o->format == RENDER_TEXT) {
		/* -ff: one file per task, FILE.TID, no prefixes, as strace -ff */
		ro->pid_prefix = RENDER_PID_NEVER;
		ro->per_task_path = o->out_path;
	}
}

/* Seconds on CLOCK_MONOTONIC since since_s */
static double now_s(double since_s)
{
	return vt_now_ns(CLOCK_MONOTONIC) / 1e9 - since_s;
}

static void on_second_signal(int sig)
{
	vt_stop = 2;
}

/*
 * While the main thread waits for the drain, a second SIGINT or SIGTERM sets
 * vt_stop to 2: the readers stop draining and the file is closed at its last
 * whole block.  Only this thread unblocks them; the stage threads keep them
 * blocked.
 */
static void watch_second_signal(void)
{
	struct sigaction sa = { .sa_handler = on_second_signal };
	sigset_t stop;

	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigaddset(&stop, SIGQUIT);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigprocmask(SIG_UNBLOCK, &stop, NULL);
}

static void add_sysstat(void *ctx, unsigned nr, const struct vt_sysstat *st)
{
	summary_add(ctx, nr, st);
}

static void add_bystat(void *ctx, const struct vt_bykey *k, const struct vt_bystat *b)
{
	summary_add_by(ctx, k, b);
}

static void add_hist(void *ctx, unsigned nr, const uint64_t *b)
{
	summary_add_hist(ctx, nr, b);
}

static void add_errno(void *ctx, unsigned nr, const uint64_t *n)
{
	summary_add_errno(ctx, nr, n);
}

/* What the kernel has counted so far, as a summary. */
static struct summary *kernel_summary(struct loader *ld, const struct loader_opts *lo,
				      const struct summary_opts *so)
{
	struct summary *sm = summary_new(so);
	uint64_t dropped = 0;

	if (lo->count_by) {
		loader_read_bystats(ld, add_bystat, sm, &dropped);
		summary_set_dropped(sm, dropped);
	} else {
		loader_read_sysstats(ld, add_sysstat, sm);
	}
	if (lo->count_hist)
		loader_read_syshist(ld, add_hist, sm);
	if (lo->count_errno)
		loader_read_syserrno(ld, add_errno, sm);
	return sm;
}

/*
 * --interval: print what was counted since the last one.  The kernel's totals
 * only grow, so an interval is the difference of two readings, and the
 * intervals add up to the total.
 */
static void print_interval(int fd, struct loader *ld, const struct loader_opts *lo,
			   const struct summary_opts *so, struct summary **prev, double *from,
			   double to)
{
	struct summary *cur = kernel_summary(ld, lo, so), *d;
	struct summary_span span = { .start = *from, .end = to };
	struct outbuf sout;

	if (!*prev)
		*prev = summary_new(so);
	d = summary_diff(cur, *prev);
	outbuf_init(&sout, fd, 0);
	/* on a terminal each interval is drawn over the last, as top(1) does */
	if (!so->json && isatty(fd))
		outbuf_puts(&sout, "\033[H\033[J");
	summary_print(d, &sout, NULL, 0, &span);
	outbuf_fini(&sout);
	summary_free(d);
	summary_free(*prev);
	*prev = cur;
	*from = to;
}

struct read_sink {
	struct renderer *rd;
	struct summary *sm;
};

static void read_sink(void *ctx, const struct vt_hdr *rec)
{
	struct read_sink *k = ctx;

	if (k->rd)
		render_record(k->rd, rec);
	if (k->sm)
		summary_record(k->sm, rec);
}

/*
 * The thread of a file's records: 0 when it has none, -1 when it has several.
 * -R puts the thread prefix on every line of a trace of several threads, so
 * that grep for a thread finds all of its lines, also those from before the
 * second thread appeared.  A pipe cannot be read twice: its trace is taken to
 * have several.
 */
static int64_t trace_thread(const char *path)
{
	struct tracefile_reader *r;
	const struct vt_hdr *rec;
	struct stat sb;
	int64_t tid = 0;
	char err[256];

	/* standard input may be a file (< run.vlt): it can be opened again by its link */
	if (!strcmp(path, "-"))
		path = "/proc/self/fd/0";
	if (stat(path, &sb) || !S_ISREG(sb.st_mode))
		return -1;
	if (tracefile_open(path, &r, err, sizeof(err)) < 0)
		return -1;
	/* only the record headers are looked at: the reading proper checks the rest */
	tracefile_set_headers_only(r);
	while (tid >= 0 && tracefile_next(r, &rec) > 0) {
		if (!rec->tid)
			continue; /* lost-record notes belong to no thread */
		if (tid && rec->tid != tid)
			tid = -1;
		else
			tid = rec->tid;
	}
	tracefile_close(r);
	return tid;
}

static int traces_have_threads(const struct cli_opts *o)
{
	int64_t one = 0;

	for (unsigned i = 0; i < o->nread; i++) {
		int64_t t = trace_thread(o->read_paths[i]);

		if (t < 0 || (t && one && t != one))
			return 1;
		if (t)
			one = t;
	}
	return 0;
}

/* One file of -R, and its next record. */
struct read_file {
	const char *path;
	struct tracefile_reader *r;
	const struct tracefile_meta *m;
	int64_t shift;		/* ns that put its times in the first file's clock */
	uint64_t since, until;	/* the window, in its own clock */
	const struct vt_hdr *rec; /* its next record; NULL: none left */
	uint64_t key;		/* that record's time in the first file's clock */
	int n;			/* the last tracefile_next's result */
	/* files from several hosts: each its own renderer and filters */
	struct renderer *rd;
	struct refilter *rf;
	struct read_sink sink;
	uint64_t copy[VT_RECORD_MAX / 8]; /* a record moved to the first file's clock */
};

static void read_file_next(struct read_file *f)
{
	do {
		f->n = tracefile_next(f->r, &f->rec);
		if (f->n <= 0) {
			f->rec = NULL;
			return;
		}
	} while (f->rec->ts < f->since || f->rec->ts > f->until);
	f->key = f->rec->ts + (uint64_t)f->shift;
}

/* rec with its times in the first file's clock, for the renderer all files share */
static const struct vt_hdr *read_file_shifted(struct read_file *f)
{
	struct vt_hdr *h = (struct vt_hdr *)f->copy;

	if (!f->shift)
		return f->rec;
	memcpy(h, f->rec, f->rec->size);
	h->ts += (uint64_t)f->shift;
	if (h->type == VT_SYSCALL)
		((struct vt_syscall *)h)->enter_ts += (uint64_t)f->shift;
	if (h->type == VT_LOST) {
		((struct vt_lost *)h)->first_ts += (uint64_t)f->shift;
		((struct vt_lost *)h)->last_ts += (uint64_t)f->shift;
	}
	return h;
}

static int same_syscalls(const struct tracefile_meta *a, const struct tracefile_meta *b)
{
	if (a->nsyscalls != b->nsyscalls)
		return 0;
	for (unsigned i = 0; i < a->nsyscalls; i++) {
		const char *x = a->syscall_names[i], *y = b->syscall_names[i];

		if ((x == NULL) != (y == NULL) || (x && strcmp(x, y)))
			return 0;
	}
	return 1;
}

/*
 * --since, --until: the window in the first file's clock ("+1.5s" counts from
 * the earliest first record of all files), then in each file's own; the blocks
 * outside it are stepped over unread.
 */
static int read_window(const struct cli_opts *o, struct read_file *files, unsigned n)
{
	const struct tracefile_meta *m = files[0].m;
	uint64_t first = UINT64_MAX, since = 0, until = UINT64_MAX;
	char err[256];

	for (unsigned i = 0; i < n; i++) {
		files[i].since = 0;
		files[i].until = UINT64_MAX;
	}
	if (!o->since && !o->until)
		return 0;
	for (unsigned i = 0; i < n; i++) {
		uint64_t t = files[i].m->start_mono;

		tracefile_first_ts(files[i].r, &t);
		if (t + (uint64_t)files[i].shift < first)
			first = t + (uint64_t)files[i].shift;
	}
	if (o->since && timewin_parse(o->since, m->realtime_at_mono0, first, &since, err,
				      sizeof(err))) {
		vt_error("invalid --since '%s': %s", o->since, err);
		return -EINVAL;
	}
	if (o->until && timewin_parse(o->until, m->realtime_at_mono0, first, &until, err,
				      sizeof(err))) {
		vt_error("invalid --until '%s': %s", o->until, err);
		return -EINVAL;
	}
	if (until < since) {
		vt_error("--until is before --since: give the earlier time to --since");
		return -EINVAL;
	}
	for (unsigned i = 0; i < n; i++) {
		struct read_file *f = &files[i];

		f->since = (int64_t)since - f->shift > 0 ? (uint64_t)((int64_t)since - f->shift) :
							    0;
		if (until != UINT64_MAX)
			f->until = (int64_t)until - f->shift > 0 ?
					   (uint64_t)((int64_t)until - f->shift) : 0;
		tracefile_set_window(f->r, f->since, f->until);
	}
	return 0;
}

/* The filters the kernel would have applied, and --filter, -p, -N: for one file's table. */
static struct refilter *read_filters(const struct cli_opts *o, const struct tracefile_meta *m,
				     struct read_sink *sink)
{
	struct refilter *rf;

	if (!o->filter_syscalls && !o->status && !o->filter && !o->npids && !o->nnames)
		return NULL;
	rf = refilter_new(o->filter_syscalls ? o->syscall_mask : NULL, o->status, read_sink, sink);
	if (o->filter)
		filter_bind(o->filter, m->syscall_names, m->nsyscalls);
	if (o->filter)
		refilter_set_filter(rf, o->filter, m->syscall_names, m->syscall_sig, m->nsyscalls,
				    0);
	refilter_set_targets(rf, o->pids, o->npids, o->names, o->nnames, o->follow);
	refilter_set_procs(rf, m->procs, m->nprocs);
	return rf;
}

static void read_status(struct status *st, const struct read_file *files, unsigned n,
			uint64_t records)
{
	uint64_t done = 0, total = 0;

	for (unsigned i = 0; i < n; i++) {
		uint64_t d, t;

		tracefile_progress(files[i].r, &d, &t);
		done += d;
		/* one file of unknown size (a pipe) makes the total unknown */
		total = total == UINT64_MAX || !t ? UINT64_MAX : total + t;
	}
	status_tick_read(st, done, total == UINT64_MAX ? 0 : total, records,
			 vt_now_ns(CLOCK_MONOTONIC));
}

static void read_report(const struct read_file *f)
{
	const struct tracefile_totals *ft = tracefile_reader_totals(f->r);
	const char *w = tracefile_reader_warning(f->r);

	if (ft) {
		struct pipeline_totals pt = { .lost = ft->lost,
					      .late = ft->late,
					      .ncpus = ft->ncpus,
					      .lost_per_cpu = ft->lost_per_cpu };

		/* the losses were reported when the file was written: say so again here */
		report_lost(&pt);
		if (ft->late)
			vt_warn("%s: %" PRIu64 " records are out of time order (they arrived late)",
				f->path, (uint64_t)ft->late);
	}
	while (w && *w) {
		size_t l = strcspn(w, "\n");

		fprintf(stderr, "vltrace: warning: %s: %.*s\n", f->path, (int)l, w);
		w += l;
		if (*w)
			w++;
	}
}

/*
 * -R: read one file or several, merged in time order by their wall clocks.
 * Files from one host (rotated files of one run) share one renderer, their
 * times moved to the first file's clock, so a call that begins in one file and
 * ends in the next is one call; files from several hosts each have their own,
 * and every line says its host.
 */
static int read_mode(const struct cli_opts *o)
{
	unsigned nf = o->nread;
	struct read_file *files = vt_calloc(nf, sizeof(*files));
	struct render_opts ro;
	struct summary *sm = NULL;
	struct refilter *rf = NULL;
	struct read_sink sink = { 0 };
	struct read_file *bound = NULL;
	struct status st;
	int show_status;
	struct outbuf out;
	char err[512], *wfail = NULL;
	int fd = -1, ret = 1, hosts = 0, tables = 1, werr;

	for (unsigned i = 0; i < nf; i++) {
		struct read_file *f = &files[i];

		f->path = o->read_paths[i];
		if (tracefile_open(f->path, &f->r, err, sizeof(err)) < 0) {
			vt_error("%s: %s", f->path, err);
			goto out_files;
		}
		f->m = tracefile_reader_meta(f->r);
		f->shift = (int64_t)(f->m->realtime_at_mono0 - files[0].m->realtime_at_mono0);
		hosts |= strcmp(f->m->host, files[0].m->host) != 0;
		tables &= same_syscalls(f->m, files[0].m);
	}
	if (!hosts && !tables) {
		vt_error("%s and %s were written with different syscall tables: read them one "
			 "at a time", files[0].path, files[nf - 1].path);
		goto out_files;
	}
	if (o->summary && !tables) {
		vt_error("-c and -C count by syscall: the files' syscall tables differ; read them "
			 "one at a time");
		goto out_files;
	}
	if (hosts && ((o->format != RENDER_TEXT && o->format != RENDER_JSON) || o->follow > 1)) {
		/* each host has its renderer: formats with a header or one index would repeat it */
		vt_error("files from several hosts: give text or --format=json (and no -ff), or "
			 "read each host's files apart");
		goto out_files;
	}
	if (read_window(o, files, nf))
		goto out_files;
	fd = o->out_path ? open_output(o->out_path, "output file", o->append, NULL) :
			   fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
	if (fd < 0)
		goto out_files;
	if (o->filter)
		/* names, not numbers, decide: the file's table may not be ours */
		filter_bind(o->filter, files[0].m->syscall_names, files[0].m->nsyscalls);
	render_opts_init(&ro, o);
	/*
	 * A file's whole trace is known: once it holds several threads, every line
	 * says which one, as strace does on a stream ("[pid N] ") or in -o files
	 * ("N "), including the lines before the second thread started.
	 */
	if (ro.pid_prefix != RENDER_PID_NEVER && o->format == RENDER_TEXT && o->summary != 1)
		ro.pid_prefix = !traces_have_threads(o) ? RENDER_PID_AUTO :
				o->out_path ? RENDER_PID_ALWAYS : RENDER_PID_BRACKETS;
	ro.status_filter = 0; /* the refilters apply it, and --filter */
	ro.filter = NULL;
	outbuf_init(&out, fd, 0);
	sm = o->summary ? summary_new(&o->sum) : NULL;
	for (unsigned i = 0; i < nf; i++) {
		struct read_file *f = &files[i];

		if (i && !hosts)
			continue;
		ro.realtime_at_mono0 = f->m->realtime_at_mono0;
		ro.start_mono = f->m->start_mono + (hosts ? 0 : (uint64_t)f->shift);
		ro.syscall_names = f->m->syscall_names;
		ro.syscall_sig = f->m->syscall_sig;
		ro.nsyscalls = f->m->nsyscalls;
		ro.host = hosts ? f->m->host : NULL;
		f->sink.rd = o->summary == 1 ? NULL : render_new(&ro, &out);
		f->sink.sm = sm;
		f->rd = f->sink.rd;
		if (hosts)
			f->rf = read_filters(o, f->m, &f->sink);
	}
	if (!hosts) {
		sink = files[0].sink;
		rf = read_filters(o, files[0].m, &sink);
	}
	/*
	 * The status line: with --progress, or when stderr is a terminal that the
	 * trace itself is not printed on.
	 */
	show_status = o->progress ||
		      (isatty(STDERR_FILENO) && (o->out_path || !isatty(STDOUT_FILENO)));
	status_init(&st, STDERR_FILENO, vt_now_ns(CLOCK_MONOTONIC));
	for (unsigned i = 0; i < nf; i++)
		read_file_next(&files[i]);
	/* a failed output ends the reading: nothing more could be written */
	for (uint64_t nrec = 1; !outbuf_error(&out); nrec++) {
		struct read_file *f = NULL;
		const struct vt_hdr *rec;

		if (show_status && !(nrec & 16383))
			read_status(&st, files, nf, nrec);

		/* the file whose next record is the earliest: a handful of files, a scan */
		for (unsigned i = 0; i < nf; i++)
			if (files[i].rec && (!f || files[i].key < f->key))
				f = &files[i];
		if (!f)
			break;
		if (sm)
			summary_names(sm, f->rec);
		if (hosts) {
			/* files with tables of their own: the filter bound to each in turn */
			if (o->filter && !tables && bound != f) {
				filter_bind(o->filter, f->m->syscall_names, f->m->nsyscalls);
				bound = f;
			}
			if (f->rf)
				refilter_record(f->rf, f->rec);
			else
				read_sink(&f->sink, f->rec);
		} else {
			rec = read_file_shifted(f);
			if (rf)
				refilter_record(rf, rec);
			else
				read_sink(&sink, rec);
		}
		read_file_next(f);
	}
	status_clear(&st);
	ret = 0;
	refilter_free(rf);
	for (unsigned i = 0; i < nf; i++) {
		refilter_free(files[i].rf);
		if (files[i].rd) {
			render_finish(files[i].rd);
			if (render_failure(files[i].rd) && !wfail)
				wfail = vt_strdup(render_failure(files[i].rd));
			render_free(files[i].rd);
		}
	}
	if (sm) {
		summary_print(sm, &out, files[0].m->syscall_names, files[0].m->nsyscalls, NULL);
		summary_free(sm);
	}
	outbuf_flush(&out);
	werr = outbuf_error(&out);
	outbuf_fini(&out);
	if (wfail || werr) {
		if (wfail)
			vt_error("%s", wfail);
		else
			vt_error("writing the output %s failed: %s",
				 o->out_path ? o->out_path : "(standard output)", strerror(-werr));
		ret = 1;
	}
	for (unsigned i = 0; i < nf; i++) {
		if (files[i].n < 0 && !wfail && !werr) {
			vt_error("%s: %s", files[i].path, tracefile_reader_error(files[i].r));
			ret = 1;
		}
		read_report(&files[i]);
	}
	free(wfail);
	close(fd);
out_files:
	for (unsigned i = 0; i < nf; i++)
		tracefile_close(files[i].r);
	free(files);
	return ret;
}

/*
 * The live outputs: the trace file (unless -W - took stdout already; with a rotation its
 * first file; with the flight recorder none until a snapshot), the text or the table.
 */
static int open_outputs(const struct cli_opts *o, int live_text, int *trace_fd, int *trace_shared,
			int *text_fd, struct capture *cap)
{
	if (o->write_path && *trace_fd < 0 && !o->flight_size) {
		*trace_fd = o->rotate_size || o->rotate_ns ?
				    capture_open(cap, 0) :
				    open_output(o->write_path, "trace file", 0, trace_shared);
		if (*trace_fd < 0)
			return *trace_fd;
	}
	/* with -ff the lines go to FILE.TID; FILE itself is not written */
	if ((live_text || o->summary == 1) && o->out_path &&
	    !(live_text && o->follow > 1 && o->format == RENDER_TEXT))
		*text_fd = open_output(o->out_path, "output file", o->append, NULL);
	else if (live_text || o->summary == 1)
		*text_fd = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	return *text_fd < 0 && (live_text || o->summary == 1) ? -EBADF : 0;
}

int main(int argc, char **argv)
{
	struct cli_opts o;
	struct loader_opts lo = { 0 };
	struct loader *ld = NULL;
	struct target tgt = { .pid = 0, .go_fd = -1 };
	struct pipeline_opts po = { 0 };
	struct pipeline *pl = NULL;
	struct pipeline_totals tot;
	struct tracefile_meta meta = { 0 };
	struct render_opts ro;
	struct renderer *rd = NULL;
	struct outbuf out = { 0 };
	struct utsname un;
	const char **names = NULL;
	uint8_t *sysargs = NULL;
	pid_t *tgids = NULL;
	unsigned ntgids = 0;
	sigset_t sigs;
	int ret = 1, err, trace_fd = -1, text_fd = -1, stopping = 0, live_text, show_status;
	int trace_shared = 0, text_err = 0;
	struct status st;
	uint64_t *lost_per_cpu = NULL;
	struct vt_kfilter kf;
	uint64_t kmask[VT_MASK_WORDS];
	struct tracefile_proc *procs = NULL;
	struct summary *isum = NULL; /* --interval: the totals at the last interval */
	double start_s = 0, next_interval = 0, ifrom = 0;
	struct capture cap = { 0 };
	uint64_t t_start = 0;

	if (argc > 1 && !strcmp(argv[1], BENCH_CHILD_ARG))
		return bench_child(argc, argv);
	outfile_stdio_init();
	err = cli_parse(argc, argv, &o);
	if (err) {
		cli_free(&o);
		return err > 0 ? 0 : 1;
	}
	if (check_same_files(&o))
		goto out_cli;
	if (o.read_path) {
		ret = read_mode(&o);
		goto out_cli;
	}
	if (o.bench) {
		if (check_privileges() || check_kernel())
			goto out_cli;
		ret = bench_run(&o);
		goto out_cli;
	}
	if (o.nnames > VT_MAX_NAMES && o.follow) {
		vt_error("-f -N takes at most %d names", VT_MAX_NAMES);
		goto out_cli;
	}
	if (check_privileges() || check_kernel())
		goto out_cli;

	/* Everything that can be refused is refused before a command starts. */
	/* -c prints only the table; -W alone renders nothing live (as tcpdump -w) */
	live_text = o.summary != 1 && (!o.write_path || o.out_path);
	if (o.write_path && o.cmd && outfile_stdio_of(o.write_path) == 1) {
		/*
		 * -W - feeds a pipe (| gzip): the command's own output must not land
		 * in the trace stream, so it gets vltrace's stderr as its stdout.
		 */
		trace_fd = open_output(o.write_path, "trace file", 0, &trace_shared);
		if (trace_fd < 0)
			goto out_cli;
		if (dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
			vt_error("cannot give the command standard error as its output: %s",
				 strerror(errno));
			goto out_files;
		}
	}

	/* Signals are taken synchronously by this thread; the stage threads inherit the mask. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGCHLD);
	sigaddset(&sigs, SIGQUIT);
	if (o.flight_size)
		sigaddset(&sigs, SIGUSR1); /* a snapshot, not the end */
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* benchmarks' pipeline settings, checked before a command is started */
	if (getenv("VLTRACE_TUNE") && pipeline_tune(&po, getenv("VLTRACE_TUNE")))
		goto out_files;
	if (o.cmd) {
		if (target_spawn(&tgt, o.cmd, o.user))
			goto out_files;
	}
	for (unsigned i = 0; i < o.npids; i++) {
		pid_t tg = target_tgid_of(o.pids[i]);

		if (tg < 0) {
			vt_error("attach: no process with pid %d", o.pids[i]);
			goto out_target;
		}
		if (tg == getpid()) {
			vt_error("attach: pid %d is vltrace itself", o.pids[i]);
			goto out_target;
		}
		if (target_is_kthread(tg)) {
			/* it never makes a system call, nor exits: vltrace would wait forever */
			vt_error("attach: pid %d is a kernel thread, which makes no system calls: "
				 "give the pid of a user-space process",
				 o.pids[i]);
			goto out_target;
		}
		tgids = realloc(tgids, (ntgids + 1) * sizeof(*tgids));
		if (!tgids)
			vt_die(ENOMEM);
		tgids[ntgids++] = tg;
	}
	if (o.nnames) {
		int n = target_find_by_name(o.names, o.nnames, getpid(), &tgids, &ntgids);

		if (n <= 0 && !o.follow) {
			vt_error("no process named %s%s is running: check the name with ps -e, or "
				 "add -f to wait for one",
				 o.names[0], o.nnames > 1 ? " (or the other names)" : "");
			goto out_target;
		}
	}
	/* -p X,X, a thread and its process, -p and -N: each process once */
	ntgids = target_unique(tgids, ntgids);

	lo.system_wide = o.system_wide;
	lo.self_tgid = getpid();
	lo.follow = o.follow;
	lo.filter_syscalls = o.filter_syscalls;
	lo.syscall_mask = o.syscall_mask;
	lo.capture = 1;
	lo.raw_mask = o.raw ? o.raw_mask : NULL;
	lo.read_env = o.verbose;
	lo.dump_read = o.dump_read ? o.dump_read_fds : NULL;
	lo.dump_write = o.dump_write ? o.dump_write_fds : NULL;
	lo.capture_size = o.string_limit;
	lo.buffer_size = o.buffer_size;
	lo.bpf_object = o.bpf_object;
	lo.status_filter = o.status;
	if (o.filter) {
		int use_mask;

		/* what the kernel can decide of --filter, so that those calls write nothing */
		filter_kernel(o.filter, &kf, kmask, &use_mask);
		lo.kfilter = &kf;
		if (use_mask) {
			/* a trace file names its processes by their execs: keep them for comm */
			if (filter_fields(o.filter) & (1u << FF_COMM)) {
				int ex[2] = { syscalltab_lookup("execve"),
					      syscalltab_lookup("execveat") };

				for (int i = 0; i < 2; i++)
					if (ex[i] >= 0 && ex[i] < VT_NR_SYSCALLS)
						kmask[ex[i] / 64] |= 1ull << (ex[i] % 64);
			}
			for (int i = 0; i < VT_MASK_WORDS; i++)
				kmask[i] &= o.filter_syscalls ? o.syscall_mask[i] : ~0ull;
			lo.filter_syscalls = 1;
			lo.syscall_mask = kmask;
		}
	}
	lo.floor_only = o.floor;
	lo.buffer_kind = o.buffer;
	lo.count_stats = o.summary != 0;
	if (o.summary) {
		lo.count_minmax = summary_wants_minmax(&o.sum);
		lo.count_hist = summary_wants_hist(&o.sum);
		lo.count_errno = o.sum.errnos;
		lo.count_by = (o.sum.by & SUMMARY_BY_WHO) != 0;
		lo.by_syscall = (o.sum.by & SUMMARY_BY_SYSCALL) != 0;
	}
	lo.emit_records = o.summary != 1 || o.write_path;
	lo.names = o.names;
	lo.nnames = o.nnames;
	lo.verbose = getenv("VLTRACE_DEBUG") != NULL;
	if (loader_open(&ld, &lo))
		goto out_target;
	if (tgt.pid && loader_add_proc(ld, tgt.pid, VT_PROC_WAIT_EXEC))
		goto out_loader;
	for (unsigned i = 0; i < ntgids; i++) {
		if (loader_add_proc(ld, tgids[i], VT_PROC_ACTIVE))
			goto out_loader;
	}
	/* every option and target is good: only now is anything created or replaced */
	if (o.flight_size || o.rotate_size || o.rotate_ns)
		capture_init(&cap, o.write_path, o.max_files, open_rotated);
	if (open_outputs(&o, live_text, &trace_fd, &trace_shared, &text_fd, &cap))
		goto out_loader;

	uname(&un);
	snprintf(meta.arch, sizeof(meta.arch), "%s", "x86_64");
	snprintf(meta.kernel, sizeof(meta.kernel), "%s", un.release);
	snprintf(meta.host, sizeof(meta.host), "%s", un.nodename);
	meta.cmdline = join_args(argc, argv);
	meta.record_version = VT_RECORD_VERSION;
	meta.realtime_at_mono0 = realtime_at_mono0();
	meta.ncpus = ld->ncpus;
	meta.nsyscalls = syscalltab_size();
	names = vt_calloc(meta.nsyscalls, sizeof(*names));
	sysargs = vt_calloc(meta.nsyscalls, TRACEFILE_SIG_LEN);
	for (unsigned i = 0; i < meta.nsyscalls; i++) {
		const struct vt_syscall_info *si = syscalltab_get(i);

		names[i] = si ? si->name : NULL;
		if (!names[i])
			continue;
		sysargs[i * TRACEFILE_SIG_LEN] = si->nargs;
		sysargs[i * TRACEFILE_SIG_LEN + 1] = si->ret;
		memcpy(&sysargs[i * TRACEFILE_SIG_LEN + 2], si->arg, 6);
	}
	meta.syscall_names = names;
	meta.syscall_sig = sysargs;
	procs = procs_snapshot(tgids, ntgids, o.system_wide, &meta.nprocs);
	meta.procs = procs;
	meta.start_mono = vt_now_ns(CLOCK_MONOTONIC);
	meta.compress = o.compress;
	meta.compress_level = o.compress_level;

	if (live_text) {
		render_opts_init(&ro, &o);
		ro.realtime_at_mono0 = meta.realtime_at_mono0;
		ro.start_mono = meta.start_mono;
		outbuf_init(&out, text_fd, 0);
		rd = render_new(&ro, &out);
	}
	po.buffer = o.buffer;
	po.ncpus = ld->ncpus;
	po.buf_fds = ld->ring_fds;
	po.rings = ld->rings; /* --buffer=ring; NULL otherwise */
	po.buf_size = ld->ring_size;
	po.counters_fd = loader_counters_fd(ld);
	po.trace_fd = trace_fd;
	/* O_DIRECT would change a description others hold (a shell's > file, the command's stdout) */
	if (trace_shared)
		po.no_direct = 1;
	po.meta = &meta;
	po.rotate_size = o.rotate_size;
	po.rotate_ns = o.rotate_ns;
	po.max_size = o.max_size;
	if (o.rotate_size || o.rotate_ns) {
		po.open_file = capture_open;
		po.file_arg = &cap;
	}
	if (o.flight_size) {
		po.flight_size = o.flight_size;
		po.max_snapshots = o.max_snapshots;
		po.trigger = o.trigger;
		po.trigger_text = o.trigger_text;
		po.trigger_after_ns = o.trigger_after_ns;
		po.open_file = capture_open_snapshot;
		po.file_arg = &cap;
	}
	po.render = rd;
	po.text_out = rd ? &out : NULL;
	/* live -c alone needs no records: the kernel keeps the totals */
	if ((trace_fd >= 0 || rd || o.flight_size) && pipeline_start(&pl, &po)) {
		vt_error("cannot start the record pipeline");
		goto out_loader;
	}
	if (loader_attach(ld))
		goto out_pipeline;
	for (unsigned i = 0; i < ntgids; i++) {
		/*
		 * A process that ended between the look in /proc and the attach sends
		 * no exit record: take it out of the map, or vltrace would wait for it.
		 */
		if (target_tgid_of(tgids[i]) < 0)
			loader_del_proc(ld, tgids[i]);
		else if (!o.quiet)
			fprintf(stderr, "vltrace: Process %d attached\n", tgids[i]);
	}
	if (tgt.pid && target_release(&tgt)) {
		vt_error("cannot start %s: %s", o.cmd[0], strerror(errno));
		goto out_pipeline;
	}

	/*
	 * The status line goes to stderr when it is a terminal (or with --progress),
	 * never when the trace itself is printed there.
	 */
	show_status = pl && (o.progress || isatty(STDERR_FILENO)) &&
		      !(live_text && !o.out_path);
	status_init(&st, STDERR_FILENO, vt_now_ns(CLOCK_MONOTONIC));
	start_s = now_s(0);
	t_start = vt_now_ns(CLOCK_MONOTONIC);
	next_interval = start_s + o.interval_ns / 1e9;

	/* Wait for the end: targets gone, a signal, or a failed output. */
	for (;;) {
		struct timespec tick = { 0, 50 * 1000 * 1000 };
		int sig = sigtimedwait(&sigs, NULL, &tick);

		if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP || sig == SIGQUIT) {
			stopping = sig;
			/*
			 * ^C on a terminal reaches the command too: give it a moment to
			 * end, so that its last calls and its death are in the trace.
			 */
			for (int i = 0; i < 20 && tgt.pid && !target_poll(&tgt); i++)
				usleep(10 * 1000);
			break;
		}
		if (sig == SIGUSR1) {
			pipeline_snapshot(pl);
			continue;
		}
		if (pl && pipeline_failed(pl))
			break;
		/* --max-size reached, or --duration over: stop as on ^C, the files complete */
		if ((pl && pipeline_limited(pl)) ||
		    (o.duration_ns && vt_now_ns(CLOCK_MONOTONIC) - t_start >= o.duration_ns))
			break;
		if (show_status) {
			pipeline_totals(pl, &tot);
			status_tick(&st, &tot, vt_now_ns(CLOCK_MONOTONIC));
		}
		if (o.interval_ns && now_s(0) >= next_interval) {
			print_interval(text_fd, ld, &lo, &o.sum, &isum, &ifrom, now_s(start_s));
			/* a late tick makes one longer interval, not a burst of short ones */
			while (next_interval <= now_s(0))
				next_interval += o.interval_ns / 1e9;
		}
		if (tgt.pid && !tgt.reaped && target_poll(&tgt))
			/* a command that died before its execve never leaves the map itself */
			loader_drop_waiting(ld, tgt.pid);
		if (!o.system_wide && (!tgt.pid || tgt.reaped) && loader_procs_empty(ld) &&
		    !(o.nnames && o.follow))
			break;
	}

	status_clear(&st);
	loader_detach(ld);
	if (!vt_stop)
		vt_stop = 1;
	/* from now on a second SIGINT/SIGTERM cuts the drain short */
	watch_second_signal();
	memset(&tot, 0, sizeof(tot));
	err = 0;
	if (pl) {
		err = pipeline_stop(pl);
		pipeline_totals(pl, &tot);
	} else {
		/* live -c alone: no reader saw the counters, so read them here */
		lost_per_cpu = vt_calloc(ld->ncpus, sizeof(*lost_per_cpu));
		loader_lost(ld, lost_per_cpu);
		tot.ncpus = ld->ncpus;
		tot.lost_per_cpu = lost_per_cpu;
		for (unsigned i = 0; i < ld->ncpus; i++)
			tot.lost += lost_per_cpu[i];
	}
	if (rd) {
		render_finish(rd);
		text_err = outbuf_flush(&out);
	}
	if (o.summary && text_fd >= 0 && !text_err) {
		struct summary *sm;
		struct outbuf sout;
		struct summary_span span = { .total = 1, .end = now_s(start_s) };

		if (o.interval_ns)
			print_interval(text_fd, ld, &lo, &o.sum, &isum, &ifrom, span.end);
		sm = kernel_summary(ld, &lo, &o.sum);
		outbuf_init(&sout, text_fd, 0);
		summary_print(sm, &sout, NULL, 0, o.interval_ns ? &span : NULL);
		text_err = outbuf_flush(&sout);
		outbuf_fini(&sout);
		summary_free(sm);
	}
	summary_free(isum);
	if (err || tot.write_error || text_err) {
		int e = err ? err : tot.write_error ? tot.write_error : text_err;

		if (rd && render_failure(rd))
			vt_error("%s: tracing stopped", render_failure(rd));
		else if (!err && !tot.write_error)
			vt_error("writing the output failed: %s", strerror(-e));
		else if (trace_fd >= 0)
			vt_error("writing the trace failed: %s: tracing stopped; the file is "
				 "readable up to its last whole block",
				 strerror(-e));
		else
			vt_error("writing the output failed: %s: tracing stopped", strerror(-e));
	}
	if (!o.quiet && !tgt.pid) {
		for (unsigned i = 0; i < ntgids; i++)
			if (!kill(tgids[i], 0))
				fprintf(stderr, "vltrace: Process %d detached\n", tgids[i]);
	}
	report_lost(&tot);
	if (tot.late)
		vt_warn("%" PRIu64 " records arrived after later ones had been written: they are "
			"in the trace, out of time order",
			tot.late);
	/* after a failed write its one line says what happened */
	if ((trace_fd >= 0 || o.flight_size) && !o.quiet && !err && !tot.write_error)
		report_written(&o, &tot);
	if (getenv(STATS_FD_ENV)) {
		/* for --bench, which runs vltrace as a separate process */
		int sfd = vt_parse_fd(getenv(STATS_FD_ENV));

		if (sfd < 0) {
			vt_warn("%s='%s' is not an open file descriptor: the counts are not written",
				STATS_FD_ENV, getenv(STATS_FD_ENV));
		} else {
			dprintf(sfd, "records %" PRIu64 " lost %" PRIu64 " bytes %" PRIu64 "\n",
				tot.records, tot.lost, tot.bytes);
			close(sfd);
		}
	}

	ret = 0;
	if (tgt.pid) {
		/* a failed output does not harm the command: wait for it, then fail */
		if (!tgt.reaped && (err || tot.write_error || !stopping)) {
			while (waitpid(tgt.pid, &tgt.status, 0) < 0 && errno == EINTR)
				;
			target_reaped(&tgt);
		}
		if (!tgt.reaped)
			target_poll(&tgt);
		if (tgt.reaped) {
			if (WIFEXITED(tgt.status))
				ret = WEXITSTATUS(tgt.status);
			else if (WIFSIGNALED(tgt.status))
				ret = 128 + WTERMSIG(tgt.status);
		} else if (stopping) {
			/* interrupted while the command runs on, untraced: say so, as a shell would */
			if (!o.quiet)
				fprintf(stderr, "vltrace: Process %d detached\n", tgt.pid);
			ret = 128 + stopping;
		}
	} else if (stopping) {
		ret = 128 + stopping; /* attached or system-wide, as strace -p */
	}
	if (err || tot.write_error || text_err || tgt.failed)
		ret = 1;
	tgt.pid = 0;
out_pipeline:
	if (pl && !vt_stop) {
		loader_detach(ld);
		vt_stop = 2;
		pipeline_stop(pl);
	}
	pipeline_free(pl);
	if (rd) {
		render_free(rd);
		outbuf_fini(&out);
	}
out_loader:
	loader_destroy(ld);
out_target:
	if (tgt.pid && !tgt.reaped)
		target_abort(&tgt);
	target_free(&tgt);
out_files:
	if (trace_fd >= 0)
		close(trace_fd);
	capture_fini(&cap);
	if (text_fd >= 0)
		close(text_fd);
out_cli:
	free(lost_per_cpu);
	free(names);
	free(sysargs);
	free(meta.cmdline);
	free(procs);
	free(tgids);
	cli_free(&o);
	return ret;
}
