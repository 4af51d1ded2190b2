// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The renderer.  strace prints the start of a syscall line at entry and the rest
 * at exit; when another thread prints in between, the first line is closed with
 * " <unfinished ...>" and later continued as "<... name resumed>".  Records come
 * here in time order, so the same rule applies: an entry is held back (not
 * printed) until either its exit arrives, completing the line, or some other
 * output comes first, which turns it into an unfinished line.
 *
 * An entry whose argument memory was not paged in (a path in a page the call
 * faults in) has that memory read again at its exit.  When another line comes
 * first, its unfinished line waits for the exit, with the lines after it held,
 * so that it shows the path, as strace does (RENDER_DEFER_NS, _BYTES bound the
 * wait).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "decode.h"
#include "outfile.h"
#include "refilter.h"
#include "render.h"
#include "render_fmt.h"
#include "syscalltab.h"
#include "tracefile.h"
#include "util.h"

/* strace aligns " = " on this column */
#define RESULT_COLUMN 40
#define NSEC ((uint64_t)1000000000)
/*
 * How long, in trace time, and how much output an unfinished line waits for its
 * exit's read again: the page fault in between takes microseconds; a call that
 * blocks after it (open of a FIFO) must not hold the output of others for long.
 */
#define RENDER_DEFER_NS (50 * 1000 * 1000)
#define RENDER_DEFER_BYTES (1 << 20)

static const uint64_t no_args[6];

struct task {
	uint32_t tid, tgid;
	int used;
	int pending;	   /* an entry waits for its exit */
	int unfinished;	   /* ... and its line was printed as unfinished */
	int prefix_at_entry; /* pid prefix decided when the line started */
	size_t shown;	     /* bytes of its line already out, without a newline (0: none) */
	uint16_t nr;
	uint64_t enter_ts;
	struct vt_enter *enter; /* copy of the entry record (captures included) */
	size_t enter_cap;
	struct outbuf *own;	/* -ff: this task's own file */
	struct vt_signal held;	/* a signal sent while the task was in a call (held.h.size: 0 none) */
	char comm[16];		/* the name of its (or its parent's) execve; "" unknown */
};

struct renderer {
	struct render_opts o;
	struct outbuf *out;
	struct decode_opts dopts;
	struct dstr line;
	struct task *tasks; /* open addressing on tid */
	size_t ntasks, cap;
	unsigned nlive;	    /* tasks alive, for strace's "[pid N]" rule */
	struct task *open;  /* entry held back, nothing printed for it yet */
	uint64_t last_ts;   /* -r: timestamp of the previous line */
	int any_line;
	int closed;	    /* perfetto: the event array is closed */
	struct outbuf *cur; /* where the line being built goes (-ff), NULL: out */
	struct refilter *filter; /* -z/-Z: pairs the kernel could not filter */
	size_t col_base;    /* bytes of the line already out (a shown head), for the padding */
	struct vt_syscall_info *file_tab; /* -R: the file's own syscall table */
	char failure[1024]; /* -ff: the first task file that failed, for the caller to say */
	struct task *defer; /* its unfinished line waits for its exit's read again */
	struct dstr held;   /* the lines printed after it, held until it is out */
	const struct render_fmt_ops *fmt; /* csv, tsv, perfetto: whole calls go there */
	void *fmt_st;
	struct dstr argtxt[6];
	char scratch[64];
};

/* ---- tasks ---- */

static size_t task_slot(const struct renderer *r, uint32_t tid)
{
	return (tid * 2654435761u) & (r->cap - 1);
}

static struct task *task_find(struct renderer *r, uint32_t tid)
{
	for (size_t i = task_slot(r, tid);; i = (i + 1) & (r->cap - 1)) {
		if (!r->tasks[i].used)
			return NULL;
		if (r->tasks[i].tid == tid)
			return &r->tasks[i];
	}
}

static void tasks_grow(struct renderer *r);

static struct task *task_get(struct renderer *r, uint32_t tid, uint32_t tgid)
{
	struct task *t = task_find(r, tid);
	size_t i;

	if (t)
		return t;
	if ((r->ntasks + 1) * 2 > r->cap)
		tasks_grow(r);
	for (i = task_slot(r, tid); r->tasks[i].used; i = (i + 1) & (r->cap - 1))
		;
	t = &r->tasks[i];
	memset(t, 0, sizeof(*t));
	t->used = 1;
	t->tid = tid;
	t->tgid = tgid;
	r->ntasks++;
	r->nlive++;
	return t;
}

static void tasks_grow(struct renderer *r)
{
	struct task *old = r->tasks;
	size_t oldcap = r->cap;
	uint32_t open_tid = r->open ? r->open->tid : 0, defer_tid = r->defer ? r->defer->tid : 0;
	int had_open = r->open != NULL, had_defer = r->defer != NULL;

	r->cap = oldcap ? oldcap * 2 : 64;
	r->tasks = vt_calloc(r->cap, sizeof(*r->tasks));
	for (size_t j = 0; j < oldcap; j++) {
		size_t i;

		if (!old[j].used)
			continue;
		for (i = task_slot(r, old[j].tid); r->tasks[i].used; i = (i + 1) & (r->cap - 1))
			;
		r->tasks[i] = old[j];
	}
	free(old);
	r->open = had_open ? task_find(r, open_tid) : NULL;
	r->defer = had_defer ? task_find(r, defer_tid) : NULL;
}

/*
 * -ff: a task's file that fails fails the whole output, as -o FILE would: the
 * main output's error stops the writer, and the caller says what failed.
 */
static void task_fail(struct renderer *r, const struct task *t, const char *what, int err)
{
	if (!r->failure[0])
		snprintf(r->failure, sizeof(r->failure), "%s %s.%u: %.400s",
			 err ? "writing" : "cannot create",
			 r->o.per_task_path, t->tid, what);
	if (!r->out->err)
		r->out->err = err ? err : -EIO;
}

static void task_close_own(struct renderer *r, struct task *t)
{
	int err;

	if (!t->own)
		return;
	outbuf_flush(t->own);
	err = outbuf_error(t->own);
	outbuf_fini(t->own);
	if (close(t->own->fd) && !err)
		err = -errno;
	if (err)
		task_fail(r, t, strerror(-err), err);
	free(t->own);
	t->own = NULL;
}

/*
 * -ff: each task's lines go to FILE.TID, as strace -ff writes them (one file per
 * thread), created on the task's first line and closed when it exits.  The
 * file is created as every output is (outfile.h): one planted at the name is
 * refused, and the tracing stops.
 */
static struct outbuf *task_out(struct renderer *r, struct task *t)
{
	char path[4096], why[512];
	unsigned how;
	int fd;

	if (!r->o.per_task_path || !t)
		return r->out;
	if (t->own)
		return t->own;
	if (r->failure[0])
		return r->out; /* failed already: its error drops the line */
	snprintf(path, sizeof(path), "%s.%u", r->o.per_task_path, t->tid);
	if ((r->o.append ? outfile_append : outfile_create)(path, &fd, &how, why, sizeof(why))) {
		task_fail(r, t, why, 0);
		return r->out;
	}
	t->own = vt_malloc(sizeof(*t->own));
	outbuf_init(t->own, fd, 16 * 1024);
	return t->own;
}

static void release_defer(struct renderer *r, const struct vt_exit *x);

static void task_remove(struct renderer *r, struct task *t)
{
	size_t i = t - r->tasks, j = i;

	/* its unfinished line, and the lines held after it, go out before it goes */
	if (r->defer == t)
		release_defer(r, NULL);
	free(t->enter);
	task_close_own(r, t);
	if (r->open == t)
		r->open = NULL;
	r->tasks[i].used = 0;
	r->ntasks--;
	if (r->nlive)
		r->nlive--;
	for (;;) {
		size_t k;

		j = (j + 1) & (r->cap - 1);
		if (!r->tasks[j].used)
			break;
		k = task_slot(r, r->tasks[j].tid);
		/* move j back to i when its home slot k is not in (i, j] cyclically */
		if ((j > i && (k <= i || k > j)) || (j < i && (k <= i && k > j))) {
			if (r->open == &r->tasks[j])
				r->open = &r->tasks[i];
			if (r->defer == &r->tasks[j])
				r->defer = &r->tasks[i];
			r->tasks[i] = r->tasks[j];
			r->tasks[j].used = 0;
			i = j;
		}
	}
}

/* ---- names ---- */

static const char *sys_name(struct renderer *r, unsigned nr)
{
	const struct vt_syscall_info *e;

	if (r->o.syscall_names) {
		if (nr < r->o.nsyscalls && r->o.syscall_names[nr])
			return r->o.syscall_names[nr];
	} else {
		e = syscalltab_get(nr);
		if (e && e->name)
			return e->name;
	}
	snprintf(r->scratch, sizeof(r->scratch), "syscall_%#x", nr);
	return r->scratch;
}

/* Argument types of nr; unknown syscalls print six raw arguments as strace does. */
static const struct vt_syscall_info *sys_info(struct renderer *r, unsigned nr)
{
	static const struct vt_syscall_info unknown = {
		.name = NULL,
		.nargs = 6,
		.arg = { VT_AT_X, VT_AT_X, VT_AT_X, VT_AT_X, VT_AT_X, VT_AT_X },
		.ret = VT_AT_RD,
	};
	const struct vt_syscall_info *e = syscalltab_get(nr);

	if (r->file_tab && nr < r->o.nsyscalls && r->file_tab[nr].name)
		return &r->file_tab[nr]; /* the file says how its calls' arguments print */
	if (r->o.syscall_names && nr < r->o.nsyscalls && r->o.syscall_names[nr] && e &&
	    e->name && strcmp(e->name, r->o.syscall_names[nr]))
		e = NULL; /* the file's table disagrees with ours: do not guess */
	return e && e->name ? e : &unknown;
}

/* ---- line parts ---- */

static int prefix_wanted(const struct renderer *r)
{
	switch (r->o.pid_prefix) {
	case RENDER_PID_ALWAYS:
		return 1;
	case RENDER_PID_NEVER:
		return 0;
	default:
		return r->nlive > 1;
	}
}

/* enum render_prec as digits after the point */
static int prec_digits(int prec, int dflt)
{
	return prec == RENDER_PREC_DEFAULT ? dflt : (prec - RENDER_PREC_S) * 3;
}

/* ".123", ".123456" or ".123456789" of ns's fraction of a second; nothing for 0 digits */
static void put_frac(struct dstr *s, uint64_t ns, int digits)
{
	uint64_t frac = ns % NSEC;

	if (!digits)
		return;
	for (int i = digits; i < 9; i++)
		frac /= 10;
	dstr_printf(s, ".%0*" PRIu64, digits, frac);
}

static void put_leader(struct renderer *r, const struct task *t, uint32_t tid, int prefix,
		       uint64_t ts)
{
	struct dstr *s = &r->line;

	r->cur = task_out(r, (struct task *)t);
	if (prefix) {
		if (r->o.pid_prefix == RENDER_PID_ALWAYS)
			dstr_printf(s, "%-5u ", tid);
		else
			dstr_printf(s, "[pid %5u] ", tid);
	}
	if (r->o.tstamp) {
		uint64_t wall = r->o.realtime_at_mono0 + ts;
		time_t sec = wall / NSEC;
		int digits = prec_digits(r->o.ts_prec, r->o.tstamp == 1 ? 0 : 6);
		struct tm tm;
		char buf[32];

		if (r->o.tstamp >= 3) {
			dstr_printf(s, "%lld", (long long)sec);
		} else {
			localtime_r(&sec, &tm);
			strftime(buf, sizeof(buf), "%H:%M:%S", &tm);
			dstr_puts(s, buf);
		}
		put_frac(s, wall, digits);
		dstr_putc(s, ' ');
	}
	if (r->o.relative) {
		uint64_t base = r->any_line ? r->last_ts : (r->o.start_mono ? r->o.start_mono : ts);
		uint64_t d = ts > base ? ts - base : 0;

		dstr_printf(s, r->o.tstamp ? "(+%6" PRIu64 : "%6" PRIu64, d / NSEC);
		put_frac(s, d, prec_digits(r->o.rel_prec, 6));
		dstr_puts(s, r->o.tstamp ? ") " : " ");
	}
	if (r->o.syscall_number && t)
		dstr_printf(s, "[%4u] ", t->nr);
	r->last_ts = ts;
	r->any_line = 1;
}

static void line_end(struct renderer *r)
{
	if (r->o.format == RENDER_CHROME_JSON) {
		/* one Chrome trace event: comma-separated elements of traceEvents */
		if (r->any_line)
			outbuf_write(r->out, ",\n", 2);
		r->any_line = 1;
		dstr_putc(&r->line, '}');
		outbuf_write(r->out, r->line.p, r->line.len);
		dstr_reset(&r->line);
		return;
	}
	dstr_putc(&r->line, '\n');
	if (r->defer)
		dstr_write(&r->held, r->line.p, r->line.len);
	else
		outbuf_write(r->cur ? r->cur : r->out, r->line.p, r->line.len);
	dstr_reset(&r->line);
	r->cur = NULL;
}

/* ") " then spaces to the result column, then "= " */
static void put_result_sep(struct renderer *r)
{
	dstr_puts(&r->line, ") ");
	while (r->line.len + r->col_base < r->o.columns)
		dstr_putc(&r->line, ' ');
	dstr_puts(&r->line, "= ");
}

static void put_duration(struct renderer *r, uint64_t enter_ts, uint64_t exit_ts)
{
	uint64_t d = exit_ts > enter_ts ? exit_ts - enter_ts : 0;

	if (!r->o.syscall_time)
		return;
	dstr_printf(&r->line, " <%" PRIu64, d / NSEC);
	put_frac(&r->line, d, prec_digits(r->o.dur_prec, 6));
	dstr_putc(&r->line, '>');
}

struct call {
	unsigned nr;
	const uint64_t *args;
	const struct vt_hdr *in_rec; /* record holding entry captures, or NULL */
	size_t in_fixed;
	const struct vt_hdr *out_rec; /* record holding exit captures, or NULL */
	size_t out_fixed;
	int64_t ret;
	int exited;
};

static const struct vt_capture *call_capture(const struct call *c, int idx, int output)
{
	const struct vt_capture *in = NULL, *again;

	if (output)
		return c->out_rec ? decode_find_capture(c->out_rec, c->out_fixed, idx) : NULL;
	if (c->in_rec)
		in = decode_find_capture(c->in_rec, c->in_fixed, idx);
	if ((!in || (in->flags & (VT_CAP_FAULT | VT_CAP_PARTIAL))) && c->out_rec &&
	    c->out_rec != c->in_rec) {
		/* memory that was not paged in at entry is read again at exit */
		again = decode_find_capture(c->out_rec, c->out_fixed, idx);
		if (again && !(again->flags & VT_CAP_FAULT))
			return again;
	}
	if (in && (in->flags & (VT_CAP_FAULT | VT_CAP_PARTIAL)) && c->in_rec == c->out_rec) {
		/* one record for the whole call (-z, -Z): the read again follows the fault */
		const uint8_t *p = (const uint8_t *)in + sizeof(*in) + VT_ALIGN((size_t)in->len, 8);
		const uint8_t *end = (const uint8_t *)c->in_rec + c->in_rec->size;

		while (p + sizeof(*in) <= end) {
			again = (const void *)p;
			if (again->arg == idx && !(again->flags & VT_CAP_FAULT))
				return again;
			p += sizeof(*again) + VT_ALIGN((size_t)again->len, 8);
		}
	}
	return in;
}

/*
 * A value-result argument's capture made at entry (in) or at exit: the BPF side
 * flags the second VT_CAP_EXIT, also when one record holds the whole call.
 */
static const struct vt_capture *inout_capture(const struct call *c, int idx, int in)
{
	const struct vt_hdr *rec = in ? c->in_rec : c->out_rec;
	const struct vt_capture *cap;

	if (!rec)
		return NULL;
	cap = decode_find_capture(rec, in ? c->in_fixed : c->out_fixed, idx);
	if (!cap || ((cap->flags & VT_CAP_EXIT) != 0) == (in != 0))
		return NULL;
	return cap;
}

/*
 * The captures of all the call's arguments (some decoders read a sibling's), and
 * for value-result ones those made at entry.
 */
static void call_captures(struct renderer *r, const struct call *c,
			  const struct vt_capture *caps[6], const struct vt_capture *caps_in[6])
{
	const struct vt_syscall_info *e = sys_info(r, c->nr);

	for (int i = 0; i < 6; i++) {
		int inout = i < e->nargs && decode_is_inout(e->arg[i]);

		caps[i] = i >= e->nargs ? NULL
			  : inout	? inout_capture(c, i, 0)
					: call_capture(c, i, decode_is_output(e->arg[i]));
		caps_in[i] = inout ? inout_capture(c, i, 1) : NULL;
	}
}

/* -e raw=: this syscall's arguments and result print as plain numbers */
static int is_raw(const struct renderer *r, unsigned nr)
{
	return r->o.raw_mask && nr < VT_NR_SYSCALLS && ((r->o.raw_mask[nr / 64] >> (nr % 64)) & 1);
}

/* strace -e raw= prints a value as %#lx, and 0 as 0 */
static void put_raw(struct dstr *s, uint64_t v)
{
	if (v)
		dstr_printf(s, "%#" PRIx64, v);
	else
		dstr_putc(s, '0');
}

/* " = " is out: the result, with what strace adds to some (fcntl's flags, poll's revents) */
static void put_ret(struct renderer *r, const struct call *c)
{
	const struct vt_capture *caps[6], *caps_in[6];
	struct decode_arg a = {
		.type = sys_info(r, c->nr)->ret,
		.idx = -1,
		.args = c->args,
		.ret = c->ret,
		.exited = 1,
		.caps = caps,
		.caps_in = caps_in,
	};

	if (is_raw(r, c->nr)) {
		/* errors as always (-1 ENOENT (...)), anything else in hex */
		if (c->ret < 0 && c->ret >= -4095)
			decode_ret_text(&r->line, a.type, c->ret);
		else
			put_raw(&r->line, (uint64_t)c->ret);
		return;
	}
	call_captures(r, c, caps, caps_in);
	decode_ret_call(&r->line, &r->dopts, &a);
}

/*
 * -e read=, -e write=: " | 00000  68 65 ...  hello |" lines after the call's, as
 * strace dumps read, pread64 and recvfrom's data (what they returned) and write,
 * pwrite64 and sendto's (what they were given), as much as was captured.
 */
static void put_dump(struct renderer *r, struct task *t, const struct call *c)
{
	static const char *const reads[] = { "read", "pread64", "recvfrom" };
	static const char *const writes[] = { "write", "pwrite64", "sendto" };
	const struct vt_capture *caps[6], *caps_in[6];
	const uint64_t *set = NULL;
	const char *name = sys_name(r, c->nr);
	const uint8_t *d;
	uint64_t fd = c->args[0], n;

	if ((!r->o.dump_read && !r->o.dump_write) || c->ret < 0 || fd >= VT_DUMP_FDS)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(reads); i++) {
		if (!strcmp(name, reads[i]))
			set = r->o.dump_read;
		else if (!strcmp(name, writes[i]))
			set = r->o.dump_write;
	}
	if (!set || !((set[fd / 64] >> (fd % 64)) & 1))
		return;
	call_captures(r, c, caps, caps_in);
	if (!caps[1] || (caps[1]->flags & VT_CAP_FAULT))
		return;
	n = set == r->o.dump_read ? (uint64_t)c->ret : c->args[2];
	if (n > caps[1]->len)
		n = caps[1]->len;
	d = decode_cap_data(caps[1]);
	for (uint64_t off = 0; off < n; off += 16) {
		char text[17];
		int k;

		r->cur = task_out(r, t);
		dstr_printf(&r->line, " | %05" PRIx64 " ", off);
		for (k = 0; k < 16; k++) {
			uint8_t b = off + k < n ? d[off + k] : 0;

			if (k == 8)
				dstr_putc(&r->line, ' ');
			if (off + k < n)
				dstr_printf(&r->line, " %02x", b);
			else
				dstr_puts(&r->line, "   ");
			text[k] = off + k >= n ? ' ' : b >= ' ' && b < 0x7f ? (char)b : '.';
		}
		text[16] = '\0';
		dstr_printf(&r->line, "  %s |", text);
		line_end(r);
	}
}

/*
 * clone's arguments are printed by name, in strace's order, with the ones that
 * only mean something under certain flags left out.
 */
static void put_clone_args(struct renderer *r, const struct call *c)
{
	struct dstr *s = &r->line;
	uint64_t fl = c->args[0];
	struct decode_arg a = { .args = c->args, .idx = 0, .type = VT_AT_CLONEFL };

	dstr_puts(s, "child_stack=");
	if (c->args[1])
		dstr_printf(s, "%#" PRIx64, c->args[1]);
	else
		dstr_puts(s, "NULL");
	dstr_puts(s, ", flags=");
	decode_arg_text(s, &r->dopts, &a);
	if (fl & 0x100000)
		dstr_printf(s, ", parent_tid=%#" PRIx64, c->args[2]);
	if (fl & 0x80000)
		dstr_printf(s, ", tls=%#" PRIx64, c->args[4]);
	if (fl & 0x1200000)
		dstr_printf(s, ", child_tidptr=%#" PRIx64, c->args[3]);
}

/*
 * futex takes as many arguments as its operation uses, and strace prints only
 * those: 0 hides argument i, 1 prints it, 2 prints it as a bitset.
 */
static int futex_arg(uint64_t op, int i)
{
	switch (op & 0x7f) {
	case 0: /* FUTEX_WAIT: uaddr, op, val, timeout */
		return i < 4;
	case 1: /* FUTEX_WAKE: uaddr, op, val */
		return i < 3;
	case 9: /* FUTEX_WAIT_BITSET: uaddr, op, val, timeout, bitset */
		return i == 5 ? 2 : i != 4;
	}
	return 1;
}

/*
 * Print the arguments from index from; stop before the first output argument
 * when the call has not returned, or after a split one (decode_is_split), whose
 * rest begins the resumed part.  Returns the index where printing stopped
 * (nargs when all were printed).
 */
static int put_args(struct renderer *r, const struct call *c, int from, int stop_at_output)
{
	const struct vt_syscall_info *e = sys_info(r, c->nr);
	struct dstr *s = &r->line;
	int i, first = 1;
	int is_futex = e->name && !strcmp(e->name, "futex");
	const struct vt_capture *caps[6], *caps_in[6];

	if (is_raw(r, c->nr)) {
		/* every argument at entry, as numbers; strace gives rt_sigreturn none */
		int n = e->name && !strcmp(e->name, "rt_sigreturn") ? 0 : e->nargs;

		for (i = from; i < n && i < 6; i++) {
			if (i > from)
				dstr_puts(s, ", ");
			put_raw(s, c->args[i]);
		}
		return e->nargs;
	}
	if (e->name && !strcmp(e->name, "clone")) {
		if (from > 0)
			return e->nargs;
		put_clone_args(r, c);
		return e->nargs;
	}
	call_captures(r, c, caps, caps_in);
	if (from > 0 && from <= e->nargs && from <= 6 && decode_is_split(e->arg[from - 1])) {
		struct decode_arg a = { .type = e->arg[from - 1], .idx = from - 1, .args = c->args,
					.ret = c->ret, .exited = c->exited, .cap = caps[from - 1],
					.caps = caps, .caps_in = caps_in, .resumed = 1 };

		decode_arg_text(s, &r->dopts, &a);
		first = 0;
	}
	for (i = from; i < e->nargs && i < 6; i++) {
		int fx = is_futex ? futex_arg(c->args[1], i) : 1;
		struct decode_arg a = {
			.type = e->arg[i],
			.idx = i,
			.args = c->args,
			.ret = c->ret,
			.exited = c->exited,
			.caps = caps,
			.caps_in = caps_in,
		};
		int output = decode_is_output(a.type);

		if (output && stop_at_output)
			return i;
		if (!fx || !decode_arg_shown(&a))
			continue;
		if (!first)
			dstr_puts(s, ", ");
		first = 0;
		if (fx == 2) {
			if ((uint32_t)c->args[i] == 0xffffffffu)
				dstr_puts(s, "FUTEX_BITSET_MATCH_ANY");
			else
				dstr_printf(s, "%#x", (unsigned)c->args[i]);
			continue;
		}
		a.cap = caps[i];
		decode_arg_text(s, &r->dopts, &a);
		if (stop_at_output && decode_is_split(a.type))
			return i + 1;
		/* strace prints the separator before it stops at an output argument */
		if (stop_at_output && i + 1 < e->nargs && decode_is_output(e->arg[i + 1]))
			dstr_puts(s, ", ");
	}
	return i;
}

/*
 * Where the argument list of a line cut short stopped: before an output argument
 * (so ", " is already out), or after a split one.
 */
static int args_stop(struct renderer *r, unsigned nr)
{
	const struct vt_syscall_info *e = sys_info(r, nr);

	if (is_raw(r, nr) || (e->name && !strcmp(e->name, "clone")))
		return e->nargs;
	for (int i = 0; i < e->nargs && i < 6; i++) {
		if (decode_is_output(e->arg[i]))
			return i;
		if (decode_is_split(e->arg[i]))
			return i + 1;
	}
	return e->nargs;
}

static void call_from_enter(struct call *c, const struct vt_enter *en)
{
	memset(c, 0, sizeof(*c));
	c->nr = en->h.nr;
	c->args = (const uint64_t *)en->args;
	c->in_rec = &en->h;
	c->in_fixed = sizeof(*en);
}

static int is_noreturn(struct renderer *r, unsigned nr)
{
	const struct vt_syscall_info *e = sys_info(r, nr);

	return (e->classes & VT_CLASS_NORETURN) != 0;
}

/* Print the held-back entry of t as "name(args <unfinished ...>". */
static void flush_unfinished(struct renderer *r, struct task *t)
{
	struct call c;

	if (t->shown) {
		/* the head is out already: end the line there */
		r->cur = task_out(r, t);
		dstr_puts(&r->line, " <unfinished ...>");
		line_end(r);
		t->shown = 0;
		t->unfinished = 1;
		if (r->open == t)
			r->open = NULL;
		return;
	}
	call_from_enter(&c, t->enter);
	put_leader(r, t, t->tid, t->prefix_at_entry, t->enter_ts);
	dstr_printf(&r->line, "%s(", sys_name(r, c.nr));
	put_args(r, &c, 0, 1);
	dstr_puts(&r->line, " <unfinished ...>");
	line_end(r);
	t->unfinished = 1;
	if (r->open == t)
		r->open = NULL;
}

/*
 * Will t's exit read again an entry argument that could not be read at entry?
 * Only with one output stream and no -r, where holding lines back changes
 * nothing but their order.
 */
static int refetch_due(struct renderer *r, const struct task *t)
{
	const struct vt_syscall_info *e = sys_info(r, t->nr);

	if (r->o.per_task_path || r->o.relative || t->shown)
		return 0;
	for (int i = 0; i < e->nargs && i < 6; i++) {
		const struct vt_capture *c;

		if (decode_is_output(e->arg[i]) || decode_is_inout(e->arg[i]))
			continue;
		c = decode_find_capture(&t->enter->h, sizeof(*t->enter), i);
		if (c && (c->flags & (VT_CAP_FAULT | VT_CAP_PARTIAL)))
			return 1;
	}
	return 0;
}

/*
 * The deferred entry's line goes out as unfinished, with what its exit x read
 * again (NULL: the wait is over without it), then the lines held after it.
 */
static void release_defer(struct renderer *r, const struct vt_exit *x)
{
	struct task *t = r->defer;
	struct call c;

	r->defer = NULL;
	call_from_enter(&c, t->enter);
	if (x) {
		c.out_rec = &x->h;
		c.out_fixed = sizeof(*x);
	}
	put_leader(r, t, t->tid, t->prefix_at_entry, t->enter_ts);
	dstr_printf(&r->line, "%s(", sys_name(r, c.nr));
	put_args(r, &c, 0, 1);
	dstr_puts(&r->line, " <unfinished ...>");
	line_end(r);
	t->unfinished = 1;
	outbuf_write(r->out, r->held.p, r->held.len);
	dstr_reset(&r->held);
}

/* Something other than the open line's own exit is about to print. */
static void close_open(struct renderer *r, const struct task *except)
{
	if (!r->open || r->open == except)
		return;
	if (!r->defer && refetch_due(r, r->open)) {
		r->defer = r->open;
		r->open = NULL;
		return;
	}
	flush_unfinished(r, r->open);
}

static void save_enter(struct task *t, const struct vt_enter *en)
{
	if (t->enter_cap < en->h.size) {
		free(t->enter);
		t->enter_cap = en->h.size;
		t->enter = vt_malloc(t->enter_cap);
	}
	memcpy(t->enter, en, en->h.size);
	t->pending = 1;
	t->unfinished = 0;
	t->shown = 0;
	t->nr = en->h.nr;
	t->enter_ts = en->h.ts;
}

/* ---- text records ---- */

static void text_enter(struct renderer *r, const struct vt_enter *en)
{
	struct task *t = task_get(r, en->h.tid, en->h.tgid);

	close_open(r, NULL);
	save_enter(t, en);
	t->prefix_at_entry = prefix_wanted(r);
	r->open = t;
}

static int is_fork_call(struct renderer *r, unsigned nr)
{
	const char *n = sys_name(r, nr);

	return !strcmp(n, "clone") || !strcmp(n, "clone3") || !strcmp(n, "fork") ||
	       !strcmp(n, "vfork");
}

/*
 * Does an exit belong to the thread's open entry?  An exit without a number is
 * rt_sigreturn's (it restores the registers, orig_ax = -1 included) or a call a
 * seccomp filter skipped: it closes whatever call is open.
 */
static int exit_matches(const struct task *t, unsigned nr)
{
	return t->pending && (t->nr == nr || nr == VT_NR_NONE);
}

static void release_signal(struct renderer *r, struct task *t);

static void text_exit(struct renderer *r, const struct vt_exit *x)
{
	struct task *t = task_get(r, x->h.tid, x->h.tgid);
	struct call c;
	int from = 0;

	if (!exit_matches(t, x->h.nr) && is_fork_call(r, x->h.nr)) {
		/* a new task returning from the clone that made it: strace shows nothing */
		return;
	}
	close_open(r, t);
	if (r->defer == t)
		release_defer(r, exit_matches(t, x->h.nr) ? x : NULL);
	if (exit_matches(t, x->h.nr)) {
		call_from_enter(&c, t->enter);
	} else {
		/* exit without a matching entry (tracing began inside the call) */
		memset(&c, 0, sizeof(c));
		c.nr = x->h.nr;
		c.args = no_args;
		t->pending = 0;
		t->unfinished = 1;
		from = -1;
	}
	c.out_rec = &x->h;
	c.out_fixed = sizeof(*x);
	c.ret = x->ret;
	c.exited = 1;

	if (t->pending && !t->unfinished && t->shown) {
		/* its head went out while it blocked: the rest of the same line */
		r->cur = task_out(r, t);
		r->col_base = t->shown;
		put_args(r, &c, args_stop(r, c.nr), 0);
		t->shown = 0;
	} else if (t->pending && !t->unfinished) {
		put_leader(r, t, t->tid, t->prefix_at_entry, t->enter_ts);
		dstr_printf(&r->line, "%s(", sys_name(r, c.nr));
		put_args(r, &c, 0, 0);
	} else {
		put_leader(r, t, t->tid, prefix_wanted(r), x->h.ts);
		dstr_printf(&r->line, "<... %s resumed>", sys_name(r, c.nr));
		if (from == 0)
			put_args(r, &c, args_stop(r, c.nr), 0);
	}
	put_result_sep(r);
	put_ret(r, &c);
	if (from == 0)
		put_duration(r, t->enter_ts, x->h.ts);
	line_end(r);
	put_dump(r, t, &c);
	r->col_base = 0;
	t->pending = 0;
	t->unfinished = 0;
	if (r->open == t)
		r->open = NULL;
	release_signal(r, t);
}

static void text_syscall(struct renderer *r, const struct vt_syscall *sc)
{
	struct task *t = task_get(r, sc->h.tid, sc->h.tgid);
	struct call c = {
		.nr = sc->h.nr,
		.args = (const uint64_t *)sc->args,
		.in_rec = &sc->h,
		.in_fixed = sizeof(*sc),
		.out_rec = &sc->h,
		.out_fixed = sizeof(*sc),
		.ret = sc->ret,
		.exited = 1,
	};

	close_open(r, NULL);
	t->nr = sc->h.nr;
	put_leader(r, t, t->tid, prefix_wanted(r), sc->enter_ts);
	dstr_printf(&r->line, "%s(", sys_name(r, c.nr));
	put_args(r, &c, 0, 0);
	put_result_sep(r);
	put_ret(r, &c);
	put_duration(r, sc->enter_ts, sc->h.ts);
	line_end(r);
	put_dump(r, t, &c);
}

/* A task died with a call in progress: exit/exit_group, or killed inside a call. */
static void finish_pending_dead(struct renderer *r, struct task *t, uint64_t ts)
{
	struct call c;
	int noret = is_noreturn(r, t->nr);

	call_from_enter(&c, t->enter);
	if (!t->unfinished) {
		put_leader(r, t, t->tid, t->prefix_at_entry, t->enter_ts);
		dstr_printf(&r->line, "%s(", sys_name(r, c.nr));
		put_args(r, &c, 0, 0);
	} else {
		put_leader(r, t, t->tid, prefix_wanted(r), ts);
		dstr_printf(&r->line, "<... %s resumed>", sys_name(r, c.nr));
		put_args(r, &c, args_stop(r, c.nr), 0);
	}
	put_result_sep(r);
	dstr_puts(&r->line, noret ? "?" : "? <unavailable>");
	line_end(r);
	t->pending = 0;
	t->unfinished = 0;
	if (r->open == t)
		r->open = NULL;
}

static void text_thread_exit(struct renderer *r, const struct vt_thread_exit *x)
{
	struct task *t = task_get(r, x->h.tid, x->h.tgid);
	int code = x->code;
	char buf[16];

	close_open(r, t);
	if (r->defer == t)
		release_defer(r, NULL);
	if (t->pending)
		finish_pending_dead(r, t, x->h.ts);
	release_signal(r, t);
	if (!(code & 0x7f) && r->o.quiet_exit) {
		/* -qq, as strace: no line for an exit, one for a death by a signal */
		task_remove(r, t);
		return;
	}
	/*
	 * -n: strace numbers the exit line with the task's last call, which a
	 * normal exit makes exit or exit_group, traced or not
	 */
	if (!(code & 0x7f) && t->nr != __NR_exit)
		t->nr = __NR_exit_group;
	put_leader(r, t, t->tid, prefix_wanted(r), x->h.ts);
	if (code & 0x7f) {
		const char *n = decode_signame(code & 0x7f, buf, sizeof(buf));

		if (n)
			dstr_printf(&r->line, "+++ killed by %s%s +++", n,
				    (code & 0x80) ? " (core dumped)" : "");
		else
			dstr_printf(&r->line, "+++ killed by %d%s +++", code & 0x7f,
				    (code & 0x80) ? " (core dumped)" : "");
	} else {
		dstr_printf(&r->line, "+++ exited with %d +++", (code >> 8) & 0xff);
	}
	line_end(r);
	task_remove(r, t);
}

static void text_fork(struct renderer *r, const struct vt_fork *f)
{
	task_get(r, f->h.tid, f->h.tgid);
	task_get(r, f->child_tid, f->child_tgid);
}

static void print_signal(struct renderer *r, struct task *t, const struct vt_signal *sg)
{
	char buf[16];
	const char *n = decode_signame(sg->signo, buf, sizeof(buf));

	put_leader(r, t, t->tid, prefix_wanted(r), sg->h.ts);
	if (n)
		dstr_printf(&r->line, "--- %s ", n);
	else
		dstr_printf(&r->line, "--- %d ", sg->signo);
	decode_siginfo(&r->line, sg->signo, sg->code, sg->errno_, (const uint64_t *)sg->fields);
	dstr_puts(&r->line, " ---");
	line_end(r);
}

/* A held signal goes out once its task is out of the call it was sent in. */
static void release_signal(struct renderer *r, struct task *t)
{
	if (!t->held.h.size)
		return;
	print_signal(r, t, &t->held);
	t->held.h.size = 0;
}

static void text_signal(struct renderer *r, const struct vt_signal *sg)
{
	struct task *t = task_get(r, sg->h.tid, sg->h.tgid);

	/* ptrace never reports SIGKILL's delivery, so strace has no line for it */
	if (sg->signo == 9)
		return;
	/* -e signal=SET: only these signals' lines */
	if (r->o.signal_filter && (sg->signo < 1 || sg->signo > 64 ||
				   !((r->o.signal_mask >> (sg->signo - 1)) & 1)))
		return;
	if (t->pending) {
		/*
		 * Sent while the task is inside a call (a process killing itself, the
		 * kernel turning a fatal signal into SIGKILL as it is sent): it takes
		 * effect on the way out, where strace shows it.
		 */
		t->held = *sg;
		return;
	}
	close_open(r, NULL);
	print_signal(r, t, sg);
}

static void text_lost(struct renderer *r, const struct vt_lost *l)
{
	close_open(r, NULL);
	put_leader(r, NULL, 0, 0, l->h.ts);
	dstr_printf(&r->line, "+++ lost %" PRIu64 " records on CPU %u +++", (uint64_t)l->count,
		    l->h.cpu);
	line_end(r);
}

/* ---- JSON Lines ---- */

static void json_time(struct renderer *r, uint64_t ts)
{
	uint64_t wall = r->o.realtime_at_mono0 + ts;
	time_t sec = wall / NSEC;
	struct tm tm;
	char buf[40];

	gmtime_r(&sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	dstr_printf(&r->line, "\"ts\":%" PRIu64 ",\"time\":\"%s.%09" PRIu64 "Z\"", ts, buf,
		    wall % NSEC);
}

/* Chrome trace events count microseconds; ns precision is kept in the fraction. */
static void perfetto_ts(struct renderer *r, const char *key, uint64_t ns)
{
	dstr_printf(&r->line, ",\"%s\":%" PRIu64 ".%03u", key, ns / 1000, (unsigned)(ns % 1000));
}

/*
 * --format=perfetto: an instant event (ph "i") on the thread's track, or on the
 * global track for events without a thread; its fields go into "args", which the
 * caller closes, line_end closing the event.
 */
static void perfetto_instant(struct renderer *r, const char *name, uint64_t ts, uint32_t tgid,
			     uint32_t tid)
{
	dstr_puts(&r->line, "{\"ph\":\"i\",\"s\":");
	dstr_puts(&r->line, tid ? "\"t\"" : "\"g\"");
	dstr_puts(&r->line, ",\"name\":");
	decode_json_string(&r->line, name, strlen(name));
	perfetto_ts(r, "ts", ts);
	dstr_printf(&r->line, ",\"pid\":%u,\"tid\":%u,\"args\":{\"type\":", tgid, tid);
	decode_json_string(&r->line, name, strlen(name));
}

static void json_head(struct renderer *r, const char *type, uint64_t ts, uint32_t tgid,
		      uint32_t tid)
{
	if (r->o.format == RENDER_CHROME_JSON) {
		perfetto_instant(r, type, ts, tgid, tid);
		return;
	}
	dstr_puts(&r->line, "{");
	json_time(r, ts);
	dstr_printf(&r->line, ",\"type\":\"%s\",\"pid\":%u,\"tid\":%u", type, tgid, tid);
}

static void json_arg(struct renderer *r, const struct call *c, const struct decode_arg *a)
{
	struct dstr *s = &r->line;
	struct dstr txt;
	uint64_t v = c->args[a->idx];

	dstr_printf(s, "{\"type\":\"%s\",\"raw\":\"0x%" PRIx64 "\"", decode_argtype_name(a->type),
		    v);
	switch (decode_json_kind(a->type)) {
	case VT_JSON_INT:
		dstr_printf(s, ",\"value\":%d", (int)v);
		break;
	case VT_JSON_UINT:
		dstr_printf(s, ",\"value\":%u", (unsigned)v);
		break;
	case VT_JSON_LONG:
		dstr_printf(s, ",\"value\":%" PRId64, (int64_t)v);
		break;
	case VT_JSON_ULONG:
		dstr_printf(s, ",\"value\":%" PRIu64, v);
		break;
	case VT_JSON_NONE:
		break;
	}
	if (a->cap && !(a->cap->flags & VT_CAP_FAULT) && v &&
	    (a->cap->kind == VT_CK_PATH || a->cap->kind == VT_CK_STR ||
	     a->cap->kind == VT_CK_BUF_IN || a->cap->kind == VT_CK_BUF_OUT)) {
		size_t n = a->cap->len;
		int cut = (a->cap->flags & VT_CAP_TRUNC) != 0;

		if (a->cap->kind != VT_CK_PATH && n > r->dopts.string_limit) {
			n = r->dopts.string_limit;
			cut = 1;
		}
		if (a->cap->kind == VT_CK_BUF_IN && a->idx < 5 && c->args[a->idx + 1] > n)
			cut = 1;
		if (a->cap->kind == VT_CK_BUF_OUT && (uint64_t)c->ret > n)
			cut = 1;
		dstr_puts(s, ",\"data\":");
		decode_json_string(s, decode_cap_data(a->cap), n);
		dstr_printf(s, ",\"truncated\":%s", cut ? "true" : "false");
	}
	dstr_init(&txt);
	decode_arg_text(&txt, &r->dopts, a);
	dstr_puts(s, ",\"text\":");
	decode_json_string(s, txt.p, txt.len);
	dstr_free(&txt);
	dstr_putc(s, '}');
}

static void fmt_call(struct renderer *r, const struct call *c, uint32_t tgid, uint32_t tid,
		     uint64_t enter_ts, uint64_t exit_ts, int have_enter, int returned);

static void json_call(struct renderer *r, const struct call *c, uint32_t tgid, uint32_t tid,
		      uint64_t enter_ts, uint64_t exit_ts, int have_enter, int returned)
{
	const struct vt_syscall_info *e = sys_info(r, c->nr);
	struct dstr *s = &r->line;
	int first = 1;

	if (r->fmt) {
		fmt_call(r, c, tgid, tid, enter_ts, exit_ts, have_enter, returned);
		return;
	}
	if (r->o.format == RENDER_CHROME_JSON) {
		/*
		 * A slice per call from entry to exit, so time blocked in a call shows as
		 * its length; a call still open at the end is a slice that never ends.
		 */
		dstr_puts(s, "{\"ph\":");
		dstr_puts(s, returned ? "\"X\"" : "\"B\"");
		dstr_puts(s, ",\"cat\":\"syscall\",\"name\":");
		decode_json_string(s, sys_name(r, c->nr), strlen(sys_name(r, c->nr)));
		perfetto_ts(r, "ts", have_enter ? enter_ts : exit_ts);
		if (returned)
			perfetto_ts(r, "dur", have_enter && exit_ts > enter_ts ? exit_ts - enter_ts : 0);
		dstr_printf(s, ",\"pid\":%u,\"tid\":%u,\"args\":{\"nr\":%u", tgid, tid, c->nr);
		if (!have_enter)
			dstr_puts(s, ",\"entered\":\"before tracing began\"");
	} else {
		json_head(r, "syscall", have_enter ? enter_ts : exit_ts, tgid, tid);
		dstr_printf(s, ",\"nr\":%u,\"name\":", c->nr);
		decode_json_string(s, sys_name(r, c->nr), strlen(sys_name(r, c->nr)));
	}
	if (have_enter) {
		const struct vt_capture *caps[6], *caps_in[6];

		call_captures(r, c, caps, caps_in);
		dstr_puts(s, ",\"args\":[");
		for (int i = 0; i < e->nargs && i < 6; i++) {
			struct decode_arg a = {
				.type = e->arg[i],
				.idx = i,
				.args = c->args,
				.ret = c->ret,
				.exited = c->exited,
				.caps = caps,
				.caps_in = caps_in,
			};

			if (!decode_arg_shown(&a))
				continue;
			a.cap = caps[i];
			/* readv's elements print after a failure too: as the text does */
			if (decode_is_output(a.type) && !returned)
				a.cap = NULL;
			if (!first)
				dstr_putc(s, ',');
			first = 0;
			json_arg(r, c, &a);
		}
		dstr_puts(s, "],\"raw\":[");
		for (int i = 0; i < 6; i++)
			dstr_printf(s, "%s\"0x%" PRIx64 "\"", i ? "," : "", c->args[i]);
		dstr_putc(s, ']');
	}
	if (returned) {
		dstr_printf(s, ",\"ret\":%" PRId64, c->ret);
		if (c->ret < 0 && c->ret >= -4095) {
			const char *n = decode_errno_name((int)-c->ret);

			dstr_puts(s, ",\"errno\":");
			if (n)
				dstr_printf(s, "\"%s\"", n);
			else
				dstr_printf(s, "%d", (int)-c->ret);
		} else {
			dstr_puts(s, ",\"errno\":null");
		}
		if (have_enter)
			dstr_printf(s, ",\"dur_ns\":%" PRIu64,
				    exit_ts > enter_ts ? exit_ts - enter_ts : 0);
	} else {
		dstr_puts(s, ",\"ret\":null,\"errno\":null");
	}
	dstr_putc(s, '}');
	line_end(r);
}

/*
 * After a successful execve the process is named after the program, as the
 * kernel names it (the file's base name, cut to 15 bytes): its tasks take the
 * name, and so do the children they fork from now on.
 */
static void exec_comm(struct renderer *r, const struct call *c, uint32_t tgid)
{
	const struct vt_capture *cap;
	const char *path, *base;
	size_t len;

	if (strcmp(sys_name(r, c->nr), "execve") && strcmp(sys_name(r, c->nr), "execveat"))
		return;
	cap = call_capture(c, !strcmp(sys_name(r, c->nr), "execve") ? 0 : 1, 0);
	if (!cap || (cap->flags & VT_CAP_FAULT) || !cap->len)
		return;
	path = (const char *)decode_cap_data(cap);
	len = strnlen(path, cap->len);
	base = memrchr(path, '/', len);
	base = base ? base + 1 : path;
	len -= base - path;
	if (len > 15)
		len = 15;
	for (size_t i = 0; i < r->cap; i++) {
		struct task *t = &r->tasks[i];

		if (t->used && t->tgid == tgid) {
			memcpy(t->comm, base, len);
			t->comm[len] = 0;
		}
	}
}

/* ---- whole calls to a formatter (render_fmt.h) ---- */

static const char *task_comm(struct renderer *r, uint32_t tid)
{
	struct task *t = task_find(r, tid);

	return t ? t->comm : "";
}

static void fmt_call(struct renderer *r, const struct call *c, uint32_t tgid, uint32_t tid,
		     uint64_t enter_ts, uint64_t exit_ts, int have_enter, int returned)
{
	const struct vt_syscall_info *e = sys_info(r, c->nr);
	const struct vt_capture *caps[6], *caps_in[6];
	struct render_call rc = {
		.enter_ts = have_enter ? enter_ts : exit_ts,
		.exit_ts = returned ? exit_ts : enter_ts,
		.entered = have_enter,
		.returned = returned,
		.tgid = tgid,
		.tid = tid,
		.comm = task_comm(r, tid),
		.nr = c->nr,
		.name = sys_name(r, c->nr),
		.nargs = e->nargs < 6 ? e->nargs : 6,
		.ret = c->ret,
	};

	if (have_enter)
		call_captures(r, c, caps, caps_in);
	for (int i = 0; have_enter && i < rc.nargs; i++) {
		struct decode_arg a = {
			.type = e->arg[i],
			.idx = i,
			.args = c->args,
			.ret = c->ret,
			.exited = c->exited,
			.caps = caps,
			.caps_in = caps_in,
		};

		dstr_reset(&r->argtxt[i]);
		if (is_raw(r, c->nr)) {
			put_raw(&r->argtxt[i], c->args[i]);
		} else {
			if (!decode_arg_shown(&a))
				continue;
			/* an output argument of a call that has not returned holds nothing yet */
			a.cap = decode_is_output(a.type) && !returned ? NULL : caps[i];
			decode_arg_text(&r->argtxt[i], &r->dopts, &a);
		}
		rc.arg[i] = r->argtxt[i].p;
	}
	if (returned && c->ret < 0 && c->ret >= -4095) {
		rc.errname = decode_errno_name((int)-c->ret);
		if (!rc.errname) {
			snprintf(r->scratch, sizeof(r->scratch), "%d", (int)-c->ret);
			rc.errname = r->scratch;
		}
	}
	r->fmt->call(r->fmt_st, &rc);
}

/* Thread exits, forks, signals and lost records, for a formatter of whole calls. */
static void fmt_event(struct renderer *r, const struct vt_hdr *h)
{
	struct render_event ev = { .ts = h->ts, .tgid = h->tgid, .tid = h->tid };
	struct dstr *s = &r->line;
	struct task *t = NULL;
	char buf[16];

	dstr_reset(s);
	switch (h->type) {
	case VT_THREAD_EXIT: {
		const struct vt_thread_exit *x = (const void *)h;
		struct call c;

		t = task_get(r, h->tid, h->tgid);
		if (t->pending) {
			call_from_enter(&c, t->enter);
			fmt_call(r, &c, h->tgid, h->tid, t->enter_ts, h->ts, 1, 0);
			t->pending = 0;
		}
		ev.type = "exit";
		if (x->code & 0x7f) {
			const char *n = decode_signame(x->code & 0x7f, buf, sizeof(buf));

			dstr_printf(s, "+++ killed by %s%s +++", n ? n : "?",
				    (x->code & 0x80) ? " (core dumped)" : "");
		} else {
			dstr_printf(s, "+++ exited with %d +++", (x->code >> 8) & 0xff);
		}
		break;
	}
	case VT_FORK: {
		const struct vt_fork *f = (const void *)h;
		struct task *child;

		t = task_get(r, h->tid, h->tgid);
		child = task_get(r, f->child_tid, f->child_tgid);
		t = task_find(r, h->tid); /* the table may have grown */
		memcpy(child->comm, t->comm, sizeof(child->comm));
		ev.type = "fork";
		dstr_printf(s, "%s %u", (f->flags & VT_FORK_THREAD) ? "thread" : "process",
			    (f->flags & VT_FORK_THREAD) ? f->child_tid : f->child_tgid);
		break;
	}
	case VT_SIGNAL: {
		const struct vt_signal *sg = (const void *)h;
		const char *n = decode_signame(sg->signo, buf, sizeof(buf));

		t = task_find(r, h->tid);
		ev.type = "signal";
		if (n)
			dstr_printf(s, "--- %s ", n);
		else
			dstr_printf(s, "--- %d ", sg->signo);
		decode_siginfo(s, sg->signo, sg->code, sg->errno_, (const uint64_t *)sg->fields);
		dstr_puts(s, " ---");
		break;
	}
	case VT_LOST: {
		const struct vt_lost *l = (const void *)h;

		ev.type = "lost";
		ev.tgid = ev.tid = 0;
		dstr_printf(s, "+++ lost %" PRIu64 " records on CPU %u +++",
			    (uint64_t)l->count, h->cpu);
		break;
	}
	default:
		return;
	}
	ev.text = s->p;
	ev.comm = t ? t->comm : "";
	if (r->fmt->event)
		r->fmt->event(r->fmt_st, &ev);
	dstr_reset(s);
	if (h->type == VT_THREAD_EXIT)
		task_remove(r, task_find(r, h->tid));
}

/* After a successful execve the process's track is named after the program. */
static void perfetto_process_name(struct renderer *r, const struct call *c, uint32_t tgid)
{
	const struct vt_capture *cap;
	const char *path, *base;
	size_t len;

	if (strcmp(sys_name(r, c->nr), "execve") && strcmp(sys_name(r, c->nr), "execveat"))
		return;
	cap = call_capture(c, !strcmp(sys_name(r, c->nr), "execve") ? 0 : 1, 0);
	if (!cap || (cap->flags & VT_CAP_FAULT) || !cap->len)
		return;
	path = (const char *)decode_cap_data(cap);
	len = cap->len;
	base = memrchr(path, '/', len);
	base = base ? base + 1 : path;
	len -= base - path;
	dstr_printf(&r->line, "{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":%u,\"args\":{"
		    "\"name\":", tgid);
	decode_json_string(&r->line, base, len);
	dstr_putc(&r->line, '}');
	line_end(r);
}

static void json_record(struct renderer *r, const struct vt_hdr *h)
{
	struct task *t;
	struct call c;

	if (r->fmt && h->type != VT_ENTER && h->type != VT_EXIT && h->type != VT_SYSCALL) {
		fmt_event(r, h);
		return;
	}
	switch (h->type) {
	case VT_ENTER: {
		const struct vt_enter *en = (const void *)h;

		t = task_get(r, h->tid, h->tgid);
		save_enter(t, en);
		break;
	}
	case VT_EXIT: {
		const struct vt_exit *x = (const void *)h;

		t = task_get(r, h->tid, h->tgid);
		if (!exit_matches(t, h->nr) && is_fork_call(r, h->nr))
			break;
		if (exit_matches(t, h->nr)) {
			call_from_enter(&c, t->enter);
		} else {
			memset(&c, 0, sizeof(c));
			c.nr = h->nr;
			c.args = no_args;
		}
		c.out_rec = h;
		c.out_fixed = sizeof(*x);
		c.ret = x->ret;
		c.exited = 1;
		if (x->ret == 0 && exit_matches(t, h->nr))
			exec_comm(r, &c, h->tgid);
		json_call(r, &c, h->tgid, h->tid, t->enter_ts, h->ts, exit_matches(t, h->nr), 1);
		if (r->o.format == RENDER_CHROME_JSON && x->ret == 0 && exit_matches(t, h->nr))
			perfetto_process_name(r, &c, h->tgid);
		t->pending = 0;
		break;
	}
	case VT_SYSCALL: {
		const struct vt_syscall *sc = (const void *)h;

		c = (struct call){
			.nr = h->nr,
			.args = (const uint64_t *)sc->args,
			.in_rec = h,
			.in_fixed = sizeof(*sc),
			.out_rec = h,
			.out_fixed = sizeof(*sc),
			.ret = sc->ret,
			.exited = 1,
		};
		json_call(r, &c, h->tgid, h->tid, sc->enter_ts, h->ts, 1, 1);
		break;
	}
	case VT_THREAD_EXIT: {
		const struct vt_thread_exit *x = (const void *)h;
		char buf[16];

		t = task_get(r, h->tid, h->tgid);
		if (t->pending) {
			call_from_enter(&c, t->enter);
			json_call(r, &c, h->tgid, h->tid, t->enter_ts, h->ts, 1, 0);
		}
		json_head(r, "exit", h->ts, h->tgid, h->tid);
		if (x->code & 0x7f) {
			const char *n = decode_signame(x->code & 0x7f, buf, sizeof(buf));

			dstr_printf(&r->line, ",\"signal\":\"%s\",\"core_dumped\":%s",
				    n ? n : "?", (x->code & 0x80) ? "true" : "false");
		} else {
			dstr_printf(&r->line, ",\"status\":%d", (x->code >> 8) & 0xff);
		}
		dstr_printf(&r->line, ",\"process_exited\":%s}",
			    (x->flags & VT_THREAD_GROUP_DEAD) ? "true" : "false");
		line_end(r);
		task_remove(r, t);
		break;
	}
	case VT_FORK: {
		const struct vt_fork *f = (const void *)h;

		json_head(r, "fork", h->ts, h->tgid, h->tid);
		dstr_printf(&r->line, ",\"child_pid\":%u,\"child_tid\":%u,\"thread\":%s}",
			    f->child_tgid, f->child_tid,
			    (f->flags & VT_FORK_THREAD) ? "true" : "false");
		line_end(r);
		break;
	}
	case VT_SIGNAL: {
		const struct vt_signal *sg = (const void *)h;
		char buf[16];
		const char *n = decode_signame(sg->signo, buf, sizeof(buf));

		json_head(r, "signal", h->ts, h->tgid, h->tid);
		dstr_printf(&r->line, ",\"signo\":%d,\"signal\":", sg->signo);
		if (n)
			dstr_printf(&r->line, "\"%s\"", n);
		else
			dstr_puts(&r->line, "null");
		dstr_printf(&r->line, ",\"code\":%d,\"errno\":%d,\"siginfo\":", sg->code,
			    sg->errno_);
		{
			struct dstr txt;

			dstr_init(&txt);
			decode_siginfo(&txt, sg->signo, sg->code, sg->errno_,
				       (const uint64_t *)sg->fields);
			decode_json_string(&r->line, txt.p, txt.len);
			dstr_free(&txt);
		}
		dstr_putc(&r->line, '}');
		line_end(r);
		break;
	}
	case VT_LOST: {
		const struct vt_lost *l = (const void *)h;

		json_head(r, "lost", h->ts, 0, 0);
		dstr_printf(&r->line,
			    ",\"cpu\":%u,\"count\":%" PRIu64 ",\"first_ts\":%" PRIu64
			    ",\"last_ts\":%" PRIu64 "}",
			    h->cpu, (uint64_t)l->count, (uint64_t)l->first_ts, (uint64_t)l->last_ts);
		line_end(r);
		break;
	}
	}
}

/* ---- API ---- */

static void render_one(void *ctx, const struct vt_hdr *rec);

/*
 * A file written by another vltrace may know calls, or argument kinds, that this
 * one does not: its own table decides how they print.  Kinds newer than ours
 * print in hex; the classes (a call that does not return) come from our table,
 * by name.
 */
static void file_table(struct renderer *r)
{
	r->file_tab = vt_calloc(r->o.nsyscalls ? r->o.nsyscalls : 1, sizeof(*r->file_tab));
	for (unsigned nr = 0; nr < r->o.nsyscalls; nr++) {
		const uint8_t *sig = r->o.syscall_sig + (size_t)nr * TRACEFILE_SIG_LEN;
		struct vt_syscall_info *e = &r->file_tab[nr];
		int ours;

		if (!r->o.syscall_names[nr] || sig[0] > 6)
			continue;
		e->name = r->o.syscall_names[nr];
		e->nargs = sig[0];
		e->ret = sig[1] < VT_AT_MAX ? sig[1] : VT_AT_RD;
		for (int i = 0; i < 6; i++)
			e->arg[i] = sig[2 + i] < VT_AT_MAX ? sig[2 + i] : VT_AT_X;
		ours = syscalltab_lookup(e->name);
		if (ours >= 0 && syscalltab_get(ours))
			e->classes = syscalltab_get(ours)->classes;
	}
}

struct renderer *render_new(const struct render_opts *o, struct outbuf *out)
{
	struct renderer *r = vt_calloc(1, sizeof(*r));

	r->o = *o;
	r->out = out;
	r->dopts.string_limit = o->string_limit ? o->string_limit : 32;
	r->dopts.hex = o->strings_hex;
	r->dopts.verbose = o->verbose;
	if (!o->columns)
		r->o.columns = RESULT_COLUMN;
	dstr_init(&r->line);
	dstr_init(&r->held);
	tasks_grow(r);
	if (o->format == RENDER_CHROME_JSON)
		outbuf_puts(out, "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
	r->fmt = o->format == RENDER_CSV	 ? &render_csv_ops
		 : o->format == RENDER_TSV	 ? &render_tsv_ops
		 : o->format == RENDER_PERFETTO ? &render_perfetto_ops
						 : NULL;
	for (int i = 0; i < 6; i++)
		dstr_init(&r->argtxt[i]);
	if (r->fmt)
		r->fmt_st = r->fmt->open(out, o);
	if (o->status_filter)
		r->filter = refilter_new(NULL, o->status_filter, render_one, r);
	if (o->syscall_sig && o->syscall_names)
		file_table(r);
	return r;
}

void render_record(struct renderer *r, const struct vt_hdr *rec)
{
	/*
	 * With -z/-Z the kernel sends each call whole, at its exit, except execve,
	 * whose arguments are gone by then: its entry and exit come as usual and are
	 * joined, or dropped, here.
	 */
	if (r->filter) {
		refilter_record(r->filter, rec);
		return;
	}
	render_one(r, rec);
}

static void render_one(void *ctx, const struct vt_hdr *rec)
{
	struct renderer *r = ctx;

	if (r->o.format != RENDER_TEXT) {
		json_record(r, rec);
		return;
	}
	if (r->defer && (rec->ts > r->defer->enter_ts + RENDER_DEFER_NS ||
			 r->held.len > RENDER_DEFER_BYTES))
		release_defer(r, NULL);
	switch (rec->type) {
	case VT_ENTER:
		text_enter(r, (const void *)rec);
		break;
	case VT_EXIT:
		text_exit(r, (const void *)rec);
		break;
	case VT_SYSCALL:
		text_syscall(r, (const void *)rec);
		break;
	case VT_THREAD_EXIT:
		text_thread_exit(r, (const void *)rec);
		break;
	case VT_FORK:
		text_fork(r, (const void *)rec);
		break;
	case VT_SIGNAL:
		text_signal(r, (const void *)rec);
		break;
	case VT_LOST:
		text_lost(r, (const void *)rec);
		break;
	}
}

void render_finish(struct renderer *r)
{
	if (r->o.format != RENDER_TEXT) {
		/* calls still in progress when tracing stopped: entry data, no result */
		for (size_t i = 0; i < r->cap; i++) {
			struct task *t = &r->tasks[i];
			struct call c;

			if (!t->used || !t->pending)
				continue;
			call_from_enter(&c, t->enter);
			json_call(r, &c, t->tgid, t->tid, t->enter_ts, t->enter_ts, 1, 0);
			t->pending = 0;
		}
		if (r->o.format == RENDER_CHROME_JSON && !r->closed) {
			outbuf_puts(r->out, "\n]}\n");
			r->closed = 1;
		}
		if (r->fmt && !r->closed) {
			r->fmt->finish(r->fmt_st);
			r->closed = 1;
		}
		return;
	}
	/* strace closes the line it is in the middle of when it detaches */
	if (r->defer)
		release_defer(r, NULL);
	close_open(r, NULL);
	if (r->defer)
		release_defer(r, NULL);
}

/*
 * A call that has entered and not returned when the output is flushed (it
 * blocks: accept, epoll_wait, read on a socket) shows its head now, as strace
 * prints "read(0, " at once; its exit completes the line, or another line
 * first ends it with " <unfinished ...>".
 */
static void show_open_head(struct renderer *r)
{
	struct task *t = r->open;
	struct call c;

	if (!t || t->shown || r->o.format != RENDER_TEXT)
		return;
	call_from_enter(&c, t->enter);
	put_leader(r, t, t->tid, t->prefix_at_entry, t->enter_ts);
	dstr_printf(&r->line, "%s(", sys_name(r, c.nr));
	put_args(r, &c, 0, 1);
	t->shown = r->line.len;
	outbuf_write(r->cur ? r->cur : r->out, r->line.p, r->line.len);
	dstr_reset(&r->line);
	r->cur = NULL;
}

void render_flush(struct renderer *r)
{
	/* a head shown now would go out before the lines held */
	if (!r->defer)
		show_open_head(r);
	outbuf_flush(r->out);
	for (size_t i = 0; r->o.per_task_path && i < r->cap; i++) {
		struct task *t = &r->tasks[i];

		if (t->used && t->own && outbuf_flush(t->own) && !r->failure[0])
			task_fail(r, t, strerror(-outbuf_error(t->own)), outbuf_error(t->own));
	}
}

const char *render_failure(const struct renderer *r)
{
	return r->failure[0] ? r->failure : NULL;
}

void render_free(struct renderer *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->cap; i++) {
		if (r->tasks[i].used) {
			free(r->tasks[i].enter);
			task_close_own(r, &r->tasks[i]);
		}
	}
	free(r->tasks);
	if (r->fmt)
		r->fmt->close(r->fmt_st);
	for (int i = 0; i < 6; i++)
		dstr_free(&r->argtxt[i]);
	dstr_free(&r->line);
	dstr_free(&r->held);
	refilter_free(r->filter);
	free(r->file_tab);
	free(r);
}
