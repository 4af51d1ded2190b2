// SPDX-License-Identifier: LGPL-2.1-or-later
#include "summary.h"
#include "decode.h"
#include "syscalltab.h"
#include "tidmap.h"
#include "util.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Totals of one row: a syscall, a thread, a thread's syscall... */
struct sumstat {
	uint64_t calls, errors, ns;
	uint64_t timed;	   /* calls whose time is known */
	uint64_t min, max; /* 0, 0: unknown */
	uint64_t *hist;	   /* VT_HIST_BUCKETS log-linear buckets (the kernel's), or NULL */
	uint64_t *durs;	   /* every timed call's ns (from records): exact percentiles */
	size_t ndurs, cdurs;
	int sorted;
	uint64_t *errnos;  /* VT_ERRNO_SLOTS counts, or NULL */
};

struct row {
	uint32_t nr; /* VT_NR_SYSCALLS: all syscalls (not split by syscall) */
	uint32_t tid, pid;
	char comm[16];
	struct sumstat st;
};

struct summary {
	struct summary_opts o;
	struct row **rows; /* open addressing by key */
	size_t nrows, cap;
	struct tidmap open; /* entries waiting for their exit: u32 = nr, u64 = ts */
	/*
	 * --summary-by=comm from records, which carry no names: a thread's name is
	 * the one its execve gave (the file name's last part, as the kernel sets
	 * it), or its parent's; ptr: 16 bytes, or NULL
	 */
	struct tidmap comms;
	struct tidmap execs; /* a thread's execve in progress: ptr the name it gives */
	uint64_t by_dropped;
};

#define NR_EXECVE 59
#define NR_EXECVEAT 322

static const struct {
	const char *name;
	uint8_t col;
} col_names[] = {
	/* strace 6's names and aliases */
	{ "time", SUMMARY_COL_TIME_PERCENT },	   { "time_percent", SUMMARY_COL_TIME_PERCENT },
	{ "time-percent", SUMMARY_COL_TIME_PERCENT }, { "time_total", SUMMARY_COL_TOTAL_TIME },
	{ "time-total", SUMMARY_COL_TOTAL_TIME },   { "total_time", SUMMARY_COL_TOTAL_TIME },
	{ "total-time", SUMMARY_COL_TOTAL_TIME },   { "min_time", SUMMARY_COL_MIN_TIME },
	{ "min-time", SUMMARY_COL_MIN_TIME },	   { "shortest", SUMMARY_COL_MIN_TIME },
	{ "time_min", SUMMARY_COL_MIN_TIME },	   { "time-min", SUMMARY_COL_MIN_TIME },
	{ "longest", SUMMARY_COL_MAX_TIME },	   { "max_time", SUMMARY_COL_MAX_TIME },
	{ "max-time", SUMMARY_COL_MAX_TIME },	   { "time_max", SUMMARY_COL_MAX_TIME },
	{ "time-max", SUMMARY_COL_MAX_TIME },	   { "avg_time", SUMMARY_COL_AVG_TIME },
	{ "avg-time", SUMMARY_COL_AVG_TIME },	   { "time_avg", SUMMARY_COL_AVG_TIME },
	{ "time-avg", SUMMARY_COL_AVG_TIME },	   { "calls", SUMMARY_COL_CALLS },
	{ "count", SUMMARY_COL_CALLS },		   { "error", SUMMARY_COL_ERRORS },
	{ "errors", SUMMARY_COL_ERRORS },	   { "name", SUMMARY_COL_NAME },
	{ "syscall", SUMMARY_COL_NAME },	   { "syscall_name", SUMMARY_COL_NAME },
	{ "syscall-name", SUMMARY_COL_NAME },
	/* vltrace's own: percentiles, and max as the last of them */
	{ "p50", SUMMARY_COL_P50 },		   { "median", SUMMARY_COL_P50 },
	{ "p90", SUMMARY_COL_P90 },		   { "p99", SUMMARY_COL_P99 },
	{ "p99.9", SUMMARY_COL_P999 },		   { "p999", SUMMARY_COL_P999 },
	{ "max", SUMMARY_COL_MAX_TIME },
};

/* Column headers (strace's) and minimum widths; percentiles print as strace's min-time */
static const struct {
	const char *head;
	unsigned width;
} cols[SUMMARY_NCOLS] = {
	[SUMMARY_COL_TIME_PERCENT] = { "% time", 6 },
	[SUMMARY_COL_TOTAL_TIME] = { "seconds", 11 },
	[SUMMARY_COL_MIN_TIME] = { "shortest", 8 },
	[SUMMARY_COL_MAX_TIME] = { "longest", 7 },
	[SUMMARY_COL_AVG_TIME] = { "usecs/call", 11 },
	[SUMMARY_COL_CALLS] = { "calls", 9 },
	[SUMMARY_COL_ERRORS] = { "errors", 9 },
	[SUMMARY_COL_NAME] = { "syscall", 16 },
	[SUMMARY_COL_P50] = { "p50", 8 },
	[SUMMARY_COL_P90] = { "p90", 8 },
	[SUMMARY_COL_P99] = { "p99", 8 },
	[SUMMARY_COL_P999] = { "p99.9", 8 },
};

static const double col_pct[SUMMARY_NCOLS] = {
	[SUMMARY_COL_P50] = 50, [SUMMARY_COL_P90] = 90, [SUMMARY_COL_P99] = 99,
	[SUMMARY_COL_P999] = 99.9,
};

void summary_opts_init(struct summary_opts *o)
{
	static const uint8_t def[] = { SUMMARY_COL_TIME_PERCENT, SUMMARY_COL_TOTAL_TIME,
				       SUMMARY_COL_AVG_TIME,	 SUMMARY_COL_CALLS,
				       SUMMARY_COL_ERRORS,	 SUMMARY_COL_NAME };

	memset(o, 0, sizeof(*o));
	memcpy(o->columns, def, sizeof(def));
	o->sort = SUMMARY_COL_TOTAL_TIME;
	o->by = SUMMARY_BY_SYSCALL;
	memset(o->hist_mask, 0xff, sizeof(o->hist_mask));
}

static int col_lookup(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof(col_names) / sizeof(col_names[0]); i++)
		if (strlen(col_names[i].name) == len && !strncmp(col_names[i].name, s, len))
			return col_names[i].col;
	return -1;
}

int summary_parse_columns(struct summary_opts *o, const char *s)
{
	uint8_t seen[SUMMARY_NCOLS] = { 0 };
	unsigned n = 0;
	const char *p = s;

	memset(o->columns, 0, sizeof(o->columns));
	for (;;) {
		size_t len = strcspn(p, ",");
		int c = col_lookup(p, len);

		if (c < 0) {
			vt_error("unknown -U column '%.*s': use time-percent, total-time, min-time, "
				 "max-time, avg-time, calls, errors, name, p50, p90, p99, p99.9",
				 (int)len, p);
			return -EINVAL;
		}
		if (seen[c]) {
			vt_error("-U names the column '%.*s' twice: give each column once", (int)len,
				 p);
			return -EINVAL;
		}
		seen[c] = 1;
		o->columns[n++] = c;
		if (!p[len])
			break;
		p += len + 1;
	}
	/* as strace: without the name the table means nothing */
	if (!seen[SUMMARY_COL_NAME])
		o->columns[n++] = SUMMARY_COL_NAME;
	return 0;
}

int summary_parse_sort(struct summary_opts *o, const char *s)
{
	int c;

	if (!strcmp(s, "nothing") || !strcmp(s, "none")) {
		o->sort = SUMMARY_COL_NONE;
		return 0;
	}
	c = col_lookup(s, strlen(s));
	if (c < 0) {
		vt_error("invalid -S '%s': sort by time, min-time, max-time, avg-time, calls, "
			 "errors, name, p50, p90, p99, p99.9 or nothing",
			 s);
		return -EINVAL;
	}
	o->sort = c == SUMMARY_COL_TIME_PERCENT ? SUMMARY_COL_TOTAL_TIME : c;
	return 0;
}

int summary_parse_by(struct summary_opts *o, const char *s)
{
	const char *p = s;

	o->by = 0;
	for (;;) {
		size_t len = strcspn(p, ",");

		if (len == 7 && !strncmp(p, "syscall", 7))
			o->by |= SUMMARY_BY_SYSCALL;
		else if (len == 3 && !strncmp(p, "tid", 3))
			o->by |= SUMMARY_BY_TID;
		else if (len == 3 && !strncmp(p, "pid", 3))
			o->by |= SUMMARY_BY_PID;
		else if (len == 4 && !strncmp(p, "comm", 4))
			o->by |= SUMMARY_BY_COMM;
		else {
			vt_error("invalid --summary-by key '%.*s': use syscall, tid, pid or comm, "
				 "or several separated by commas",
				 (int)len, p);
			return -EINVAL;
		}
		if (!p[len])
			break;
		p += len + 1;
	}
	return 0;
}

static int has_col(const struct summary_opts *o, unsigned c)
{
	for (unsigned i = 0; i < SUMMARY_NCOLS && o->columns[i]; i++)
		if (o->columns[i] == c)
			return 1;
	return 0;
}

static int is_pct(unsigned c)
{
	return c >= SUMMARY_COL_P50 && c <= SUMMARY_COL_P999;
}

int summary_wants_hist(const struct summary_opts *o)
{
	int pct = is_pct(o->sort);

	for (unsigned i = 0; i < SUMMARY_NCOLS && o->columns[i]; i++)
		pct |= is_pct(o->columns[i]);
	return o->histogram || pct;
}

int summary_wants_minmax(const struct summary_opts *o)
{
	return has_col(o, SUMMARY_COL_MIN_TIME) || has_col(o, SUMMARY_COL_MAX_TIME) ||
	       o->sort == SUMMARY_COL_MIN_TIME || o->sort == SUMMARY_COL_MAX_TIME ||
	       summary_wants_hist(o);
}

struct summary *summary_new(const struct summary_opts *o)
{
	struct summary *s = vt_calloc(1, sizeof(*s));

	if (o)
		s->o = *o;
	else
		summary_opts_init(&s->o);
	if (!s->o.by)
		s->o.by = SUMMARY_BY_SYSCALL;
	s->cap = 64;
	s->rows = vt_calloc(s->cap, sizeof(*s->rows));
	tidmap_init(&s->open);
	tidmap_init(&s->comms);
	tidmap_init(&s->execs);
	return s;
}

static void stat_fini(struct sumstat *st)
{
	free(st->hist);
	free(st->durs);
	free(st->errnos);
}

void summary_free(struct summary *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->cap; i++) {
		if (s->rows[i]) {
			stat_fini(&s->rows[i]->st);
			free(s->rows[i]);
		}
	}
	free(s->rows);
	tidmap_fini(&s->open, NULL);
	tidmap_fini(&s->comms, free);
	tidmap_fini(&s->execs, free);
	free(s);
}

static uint64_t key_hash(const struct row *k)
{
	uint64_t h = k->nr * 0x9e3779b97f4a7c15ull ^ ((uint64_t)k->tid << 32 | k->pid);

	for (int i = 0; i < 16 && k->comm[i]; i++)
		h = (h ^ (unsigned char)k->comm[i]) * 0x100000001b3ull;
	h ^= h >> 29;
	return h * 0xbf58476d1ce4e5b9ull;
}

static int key_eq(const struct row *a, const struct row *b)
{
	return a->nr == b->nr && a->tid == b->tid && a->pid == b->pid &&
	       !strncmp(a->comm, b->comm, sizeof(a->comm));
}

static void grow(struct summary *s)
{
	struct row **old = s->rows;
	size_t ocap = s->cap;

	s->cap *= 2;
	s->rows = vt_calloc(s->cap, sizeof(*s->rows));
	for (size_t i = 0; i < ocap; i++) {
		size_t j;

		if (!old[i])
			continue;
		for (j = key_hash(old[i]) & (s->cap - 1); s->rows[j]; j = (j + 1) & (s->cap - 1))
			;
		s->rows[j] = old[i];
	}
	free(old);
}

/* The row of this call's key, projected on the --summary-by keys; made if new. */
static struct row *row_get(struct summary *s, unsigned nr, uint32_t tid, uint32_t pid,
			   const char *comm)
{
	struct row k = { 0 };
	struct row *r;
	size_t j;

	k.nr = s->o.by & SUMMARY_BY_SYSCALL ? nr : VT_NR_SYSCALLS;
	if (s->o.by & SUMMARY_BY_TID)
		k.tid = tid;
	if (s->o.by & SUMMARY_BY_PID)
		k.pid = pid;
	if (s->o.by & SUMMARY_BY_COMM)
		snprintf(k.comm, sizeof(k.comm), "%s", comm && *comm ? comm : "?");
	for (j = key_hash(&k) & (s->cap - 1); s->rows[j]; j = (j + 1) & (s->cap - 1))
		if (key_eq(s->rows[j], &k))
			return s->rows[j];
	r = vt_calloc(1, sizeof(*r));
	*r = k;
	s->rows[j] = r;
	if (++s->nrows * 2 > s->cap)
		grow(s);
	return r;
}

static void stat_time(struct sumstat *st, uint64_t ns)
{
	st->ns += ns;
	st->timed++;
	if (!st->min || ns < st->min)
		st->min = ns;
	if (ns > st->max)
		st->max = ns;
}

void summary_call(struct summary *s, const struct summary_call *c)
{
	struct row *r;
	struct sumstat *st;
	int failed = c->ret < 0 && c->ret >= -4095;

	if (c->nr >= VT_NR_SYSCALLS)
		return;
	r = row_get(s, c->nr, c->tid, c->pid, c->comm);
	st = &r->st;
	st->calls++;
	if (failed) {
		st->errors++;
		if (s->o.errnos) {
			if (!st->errnos)
				st->errnos = vt_calloc(VT_ERRNO_SLOTS, sizeof(*st->errnos));
			st->errnos[vt_errno_slot(-c->ret)]++;
		}
	}
	if (!c->timed)
		return;
	stat_time(st, c->ns);
	/* every duration, for exact percentiles and histograms */
	if (summary_wants_hist(&s->o)) {
		if (st->ndurs == st->cdurs) {
			st->cdurs = st->cdurs ? st->cdurs * 2 : 16;
			st->durs = realloc(st->durs, st->cdurs * sizeof(*st->durs));
			if (!st->durs)
				vt_die(ENOMEM);
		}
		st->durs[st->ndurs++] = c->ns;
		st->sorted = 0;
	}
}

static void count_rec(struct summary *s, const struct vt_hdr *rec, unsigned nr, int64_t ret,
		      uint64_t ns, int timed)
{
	struct tidmap_entry *e = s->o.by & SUMMARY_BY_COMM ? tidmap_find(&s->comms, rec->tid) : NULL;
	struct summary_call c = { .tid = rec->tid,
				  .pid = rec->tgid,
				  .nr = nr,
				  .ret = ret,
				  .ns = ns,
				  .timed = timed,
				  .comm = e ? e->ptr : NULL };

	summary_call(s, &c);
}

static void set_comm(struct tidmap *m, uint32_t tid, const char *name)
{
	struct tidmap_entry *e = tidmap_add(m, tid);

	if (!e->ptr)
		e->ptr = vt_calloc(1, 16);
	snprintf(e->ptr, 16, "%s", name);
}

/* An execve's entry: the name it will give, from its path argument's last part */
static void exec_enter(struct summary *s, const struct vt_hdr *rec, size_t fixed)
{
	const struct vt_capture *c =
		decode_find_capture(rec, fixed, rec->nr == NR_EXECVEAT ? 1 : 0);
	const char *p, *base;
	char name[16];
	size_t n;

	if (!c || !c->len)
		return;
	p = decode_cap_data(c);
	n = strnlen(p, c->len);
	base = memrchr(p, '/', n);
	base = base ? base + 1 : p;
	n -= base - p;
	snprintf(name, sizeof(name), "%.*s", (int)(n < 15 ? n : 15), base);
	set_comm(&s->execs, rec->tid, name);
}

/* An execve's exit: when it succeeded, the thread has the new name */
static void exec_exit(struct summary *s, const struct vt_hdr *rec, int64_t ret)
{
	struct tidmap_entry *e = tidmap_find(&s->execs, rec->tid);

	if (!e)
		return;
	if (!ret)
		set_comm(&s->comms, rec->tid, e->ptr);
	free(e->ptr);
	tidmap_remove(&s->execs, e);
}

void summary_names(struct summary *s, const struct vt_hdr *rec)
{
	int exec = (s->o.by & SUMMARY_BY_COMM) && (rec->nr == NR_EXECVE || rec->nr == NR_EXECVEAT);

	if (rec->type == VT_ENTER && exec) {
		exec_enter(s, rec, sizeof(struct vt_enter));
	} else if (rec->type == VT_EXIT && exec) {
		exec_exit(s, rec, ((const struct vt_exit *)rec)->ret);
	} else if (rec->type == VT_SYSCALL && exec) {
		exec_enter(s, rec, sizeof(struct vt_syscall));
		exec_exit(s, rec, ((const struct vt_syscall *)rec)->ret);
	} else if (rec->type == VT_FORK && (s->o.by & SUMMARY_BY_COMM)) {
		const struct vt_fork *f = (const void *)rec;
		struct tidmap_entry *e = tidmap_find(&s->comms, rec->tid);

		if (e)
			set_comm(&s->comms, f->child_tid, e->ptr);
	}
}

void summary_record(struct summary *s, const struct vt_hdr *rec)
{
	struct tidmap_entry *p;

	switch (rec->type) {
	case VT_ENTER:
		p = tidmap_add(&s->open, rec->tid);
		p->u32 = rec->nr;
		p->u64 = rec->ts;
		break;
	case VT_EXIT: {
		const struct vt_exit *x = (const void *)rec;

		p = tidmap_find(&s->open, rec->tid);
		if (!p) {
			/* entered before tracing began: a call, no time */
			count_rec(s, rec, rec->nr, x->ret, 0, 0);
			break;
		}
		count_rec(s, rec, rec->nr, x->ret, rec->ts >= p->u64 ? rec->ts - p->u64 : 0, 1);
		tidmap_remove(&s->open, p);
		break;
	}
	case VT_SYSCALL: {
		const struct vt_syscall *w = (const void *)rec;
		int timed = w->enter_ts && rec->ts >= w->enter_ts;

		count_rec(s, rec, rec->nr, w->ret, timed ? rec->ts - w->enter_ts : 0, timed);
		break;
	}
	case VT_THREAD_EXIT:
		/* an open entry of an exiting thread (exit, exit_group) is a call too */
		p = tidmap_find(&s->open, rec->tid);
		if (p) {
			count_rec(s, rec, p->u32, 0, 0, 0);
			tidmap_remove(&s->open, p);
		}
		break;
	default:
		break;
	}
}

static void stat_add(struct sumstat *st, const struct vt_sysstat *k)
{
	st->calls += k->calls;
	st->errors += k->errors;
	st->ns += k->ns;
	/* the kernel does not count timed calls apart: all of them, as good as */
	st->timed += k->calls;
	if (k->min && (!st->min || k->min < st->min))
		st->min = k->min;
	if (k->max > st->max)
		st->max = k->max;
}

void summary_add(struct summary *s, unsigned nr, const struct vt_sysstat *k)
{
	if (nr >= VT_NR_SYSCALLS)
		return;
	stat_add(&row_get(s, nr, 0, 0, NULL)->st, k);
}

void summary_add_by(struct summary *s, const struct vt_bykey *k, const struct vt_bystat *b)
{
	char comm[17];

	if (k->nr > VT_NR_SYSCALLS)
		return;
	memcpy(comm, b->comm, 16);
	comm[16] = 0;
	stat_add(&row_get(s, k->nr, k->tid, b->tgid, comm)->st, &b->st);
}

void summary_add_hist(struct summary *s, unsigned nr, const uint64_t *b)
{
	struct sumstat *st;

	if (nr >= VT_NR_SYSCALLS)
		return;
	st = &row_get(s, nr, 0, 0, NULL)->st;
	if (!st->hist)
		st->hist = vt_calloc(VT_HIST_BUCKETS, sizeof(*st->hist));
	for (unsigned i = 0; i < VT_HIST_BUCKETS; i++)
		st->hist[i] += b[i];
}

void summary_add_errno(struct summary *s, unsigned nr, const uint64_t *n)
{
	struct sumstat *st;

	if (nr >= VT_NR_SYSCALLS)
		return;
	st = &row_get(s, nr, 0, 0, NULL)->st;
	if (!st->errnos)
		st->errnos = vt_calloc(VT_ERRNO_SLOTS, sizeof(*st->errnos));
	for (unsigned i = 0; i < VT_ERRNO_SLOTS; i++)
		st->errnos[i] += n[i];
}

static const struct row *row_find(const struct summary *s, const struct row *k)
{
	for (size_t j = key_hash(k) & (s->cap - 1); s->rows[j]; j = (j + 1) & (s->cap - 1))
		if (key_eq(s->rows[j], k))
			return s->rows[j];
	return NULL;
}

static uint64_t *sub_array(const uint64_t *a, const uint64_t *b, unsigned n)
{
	uint64_t *d;

	if (!a)
		return NULL;
	d = vt_calloc(n, sizeof(*d));
	for (unsigned i = 0; i < n; i++)
		d[i] = a[i] - (b ? b[i] : 0);
	return d;
}

struct summary *summary_diff(const struct summary *cur, const struct summary *prev)
{
	struct summary *d = summary_new(&cur->o);

	for (size_t i = 0; i < cur->cap; i++) {
		const struct row *c = cur->rows[i], *p;
		struct row *r;

		if (!c)
			continue;
		p = row_find(prev, c);
		if (p && p->st.calls == c->st.calls)
			continue;
		r = row_get(d, c->nr, c->tid, c->pid, c->comm);
		r->st.calls = c->st.calls - (p ? p->st.calls : 0);
		r->st.errors = c->st.errors - (p ? p->st.errors : 0);
		r->st.ns = c->st.ns - (p ? p->st.ns : 0);
		r->st.timed = c->st.timed - (p ? p->st.timed : 0);
		r->st.min = c->st.min;
		r->st.max = c->st.max;
		r->st.hist = sub_array(c->st.hist, p ? p->st.hist : NULL, VT_HIST_BUCKETS);
		r->st.errnos = sub_array(c->st.errnos, p ? p->st.errnos : NULL, VT_ERRNO_SLOTS);
	}
	d->by_dropped = cur->by_dropped - prev->by_dropped;
	return d;
}

/* Percentiles */

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Lower bound and width of log-linear bucket i (record.h). */
static void bucket_range(unsigned i, uint64_t *lo, uint64_t *w)
{
	unsigned k;

	if (i < VT_HIST_SUB) {
		*lo = i;
		*w = 1;
		return;
	}
	k = i / VT_HIST_SUB + VT_HIST_SUB_BITS - 1;
	*lo = (uint64_t)(VT_HIST_SUB + i % VT_HIST_SUB) << (k - VT_HIST_SUB_BITS);
	*w = 1ull << (k - VT_HIST_SUB_BITS);
}

/* Nearest rank: the smallest rank with p percent of n at or below it */
static uint64_t rank_of(double p, uint64_t n)
{
	double x = p / 100 * n;
	uint64_t r = (uint64_t)x;

	return r < x ? r + 1 : r;
}

/*
 * The p-th percentile, nearest rank: exact from every duration; from the
 * kernel's buckets, the middle of the bucket that holds that rank (within half
 * a bucket, 1/16 of the value: docs), kept within the shortest and longest call.
 */
static uint64_t stat_pct(struct sumstat *st, double p)
{
	uint64_t n = 0, rank, acc = 0;

	if (st->durs) {
		if (!st->sorted) {
			qsort(st->durs, st->ndurs, sizeof(*st->durs), cmp_u64);
			st->sorted = 1;
		}
		rank = rank_of(p, st->ndurs);
		return st->durs[rank ? rank - 1 : 0];
	}
	if (!st->hist)
		return 0;
	for (unsigned i = 0; i < VT_HIST_BUCKETS; i++)
		n += st->hist[i];
	if (!n)
		return 0;
	rank = rank_of(p, n);
	if (!rank)
		rank = 1;
	for (unsigned i = 0; i < VT_HIST_BUCKETS; i++) {
		uint64_t lo, w, v;

		acc += st->hist[i];
		if (acc < rank)
			continue;
		bucket_range(i, &lo, &w);
		v = lo + w / 2;
		if (st->max && v > st->max)
			v = st->max;
		if (v < st->min)
			v = st->min;
		return v;
	}
	return st->max;
}

/*
 * Power-of-two buckets as bpftrace's hist(): 0: [0], 1: [1], j >= 2: [2^(j-1), 2^j).
 * Returns the number of buckets up to the last one used.
 */
#define POW2_BUCKETS 66
static unsigned stat_pow2(const struct sumstat *st, uint64_t *b)
{
	unsigned last = 0;

	memset(b, 0, POW2_BUCKETS * sizeof(*b));
	if (st->durs) {
		for (size_t i = 0; i < st->ndurs; i++) {
			uint64_t v = st->durs[i];
			unsigned j = 0;

			while (v) {
				v >>= 1;
				j++;
			}
			b[j]++;
		}
	} else if (st->hist) {
		for (unsigned i = 0; i < VT_HIST_BUCKETS; i++) {
			uint64_t lo, w, v;
			unsigned j = 0;

			bucket_range(i, &lo, &w);
			/* a log-linear bucket lies within one power of two */
			for (v = lo; v; v >>= 1)
				j++;
			b[j] += st->hist[i];
		}
	}
	for (unsigned j = 0; j < POW2_BUCKETS; j++)
		if (b[j])
			last = j + 1;
	return last;
}

/* Output */

struct view {
	struct row **r;
	size_t n;
	struct summary *s;
	const char *const *names;
	unsigned nnames;
	char buf[32];
};

static const char *name_of(const struct view *v, unsigned nr, char *buf, size_t len)
{
	const struct vt_syscall_info *si;

	if (v->names && nr < v->nnames && v->names[nr])
		return v->names[nr];
	if (!v->names && (si = syscalltab_get(nr)) && si->name)
		return si->name;
	snprintf(buf, len, "syscall_%#x", nr);
	return buf;
}

static int who_cmp(const struct row *x, const struct row *y)
{
	int c = strncmp(x->comm, y->comm, sizeof(x->comm));

	if (c)
		return c;
	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	if (x->tid != y->tid)
		return x->tid < y->tid ? -1 : 1;
	return 0;
}

static int by_key(const void *a, const void *b, void *arg)
{
	struct row *x = *(struct row *const *)a, *y = *(struct row *const *)b;
	struct view *sort_view = arg;
	uint64_t vx = 0, vy = 0;
	int c;

	/* sections first: the rows of one who together, in who order */
	if ((sort_view->s->o.by & SUMMARY_BY_SYSCALL) && (c = who_cmp(x, y)))
		return c;
	switch (sort_view->s->o.sort) {
	case SUMMARY_COL_TOTAL_TIME:
		vx = x->st.ns;
		vy = y->st.ns;
		break;
	case SUMMARY_COL_MIN_TIME:
		vx = x->st.min;
		vy = y->st.min;
		break;
	case SUMMARY_COL_MAX_TIME:
		vx = x->st.max;
		vy = y->st.max;
		break;
	case SUMMARY_COL_AVG_TIME:
		vx = x->st.calls ? x->st.ns / x->st.calls : 0;
		vy = y->st.calls ? y->st.ns / y->st.calls : 0;
		break;
	case SUMMARY_COL_CALLS:
		vx = x->st.calls;
		vy = y->st.calls;
		break;
	case SUMMARY_COL_ERRORS:
		vx = x->st.errors;
		vy = y->st.errors;
		break;
	case SUMMARY_COL_NAME:
		if (x->nr < VT_NR_SYSCALLS && y->nr < VT_NR_SYSCALLS) {
			char bx[32], by[32];

			c = strcmp(name_of(sort_view, x->nr, bx, sizeof(bx)),
				   name_of(sort_view, y->nr, by, sizeof(by)));
			if (c)
				return c;
		}
		break;
	case SUMMARY_COL_NONE:
		break;
	default:
		vx = stat_pct(&x->st, col_pct[sort_view->s->o.sort]);
		vy = stat_pct(&y->st, col_pct[sort_view->s->o.sort]);
		break;
	}
	if (vx != vy)
		return vx < vy ? 1 : -1;
	/* strace's sort is stable over syscall numbers */
	if (x->nr != y->nr)
		return x->nr < y->nr ? -1 : 1;
	return who_cmp(x, y);
}

static void make_view(struct view *v, struct summary *s, const char *const *names,
		      unsigned nnames)
{
	memset(v, 0, sizeof(*v));
	v->s = s;
	v->names = names;
	v->nnames = nnames;
	v->r = vt_calloc(s->nrows + 1, sizeof(*v->r));
	for (size_t i = 0; i < s->cap; i++)
		if (s->rows[i] && s->rows[i]->st.calls)
			v->r[v->n++] = s->rows[i];
	qsort_r(v->r, v->n, sizeof(*v->r), by_key, v);
}

/* "comm/pid/tid" of a row, as the keys ask */
static void who_label(const struct summary *s, const struct row *r, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = 0;
	if (s->o.by & SUMMARY_BY_COMM)
		n += snprintf(buf + n, len - n, "%s", r->comm);
	if ((s->o.by & SUMMARY_BY_PID) && n < len)
		n += snprintf(buf + n, len - n, "%s%u", n ? "/" : "", r->pid);
	if ((s->o.by & SUMMARY_BY_TID) && n < len)
		snprintf(buf + n, len - n, "%s%u", n ? "/" : "", r->tid);
}

static const char *who_head(const struct summary *s)
{
	static const char *const heads[8] = { "",	  "tid",      "pid",	  "pid/tid",
					      "comm", "comm/tid", "comm/pid", "comm/pid/tid" };

	return heads[(s->o.by & SUMMARY_BY_WHO) >> 1];
}

static const char *row_label(const struct view *v, const struct row *r, char *buf, size_t len)
{
	if (r->nr < VT_NR_SYSCALLS)
		return name_of(v, r->nr, buf, len);
	who_label(v->s, r, buf, len);
	return buf;
}

struct totals {
	uint64_t calls, errors, ns, min, max, avg_max, min_max;
	size_t name_max;
};

static void totals_of(const struct view *v, size_t from, size_t to, struct totals *t)
{
	char buf[64];

	memset(t, 0, sizeof(*t));
	for (size_t i = from; i < to; i++) {
		const struct sumstat *st = &v->r[i]->st;

		t->calls += st->calls;
		t->errors += st->errors;
		t->ns += st->ns;
		if (st->min && (!t->min || st->min < t->min))
			t->min = st->min;
		if (st->min > t->min_max)
			t->min_max = st->min;
		if (st->max > t->max)
			t->max = st->max;
		if (st->calls && st->ns / st->calls > t->avg_max)
			t->avg_max = st->ns / st->calls;
		if (strlen(row_label(v, v->r[i], buf, sizeof(buf))) > t->name_max)
			t->name_max = strlen(row_label(v, v->r[i], buf, sizeof(buf)));
	}
}

static unsigned digits(uint64_t v)
{
	char b[32];

	return snprintf(b, sizeof(b), "%" PRIu64, v);
}

/* Column widths as strace 6 computes them from the totals */
static unsigned col_width(unsigned c, const struct totals *t)
{
	char b[64];
	unsigned w = 0;

	switch (c) {
	case SUMMARY_COL_TIME_PERCENT:
		w = 6;
		break;
	case SUMMARY_COL_TOTAL_TIME:
		w = snprintf(b, sizeof(b), "%.6f", t->ns / 1e9);
		break;
	case SUMMARY_COL_MIN_TIME:
		w = digits(t->min_max / 1000000000) + 7;
		break;
	case SUMMARY_COL_MAX_TIME:
	case SUMMARY_COL_P50:
	case SUMMARY_COL_P90:
	case SUMMARY_COL_P99:
	case SUMMARY_COL_P999:
		w = digits(t->max / 1000000000) + 7;
		break;
	case SUMMARY_COL_AVG_TIME:
		w = digits(t->avg_max / 1000);
		break;
	case SUMMARY_COL_CALLS:
		w = digits(t->calls);
		break;
	case SUMMARY_COL_ERRORS:
		w = digits(t->errors);
		break;
	case SUMMARY_COL_NAME:
		w = t->name_max + 1;
		break;
	}
	return w > cols[c].width ? w : cols[c].width;
}

static void put_cell(struct outbuf *out, unsigned c, unsigned w, int last, double pct,
		     const struct sumstat *st, struct sumstat *mst, const char *label, uint64_t avg)
{
	switch (c) {
	case SUMMARY_COL_TIME_PERCENT:
		outbuf_printf(out, "%*.2f", w, pct);
		break;
	case SUMMARY_COL_TOTAL_TIME:
		outbuf_printf(out, "%*.6f", w, st->ns / 1e9);
		break;
	case SUMMARY_COL_MIN_TIME:
		outbuf_printf(out, "%*.6f", w, st->min / 1e9);
		break;
	case SUMMARY_COL_MAX_TIME:
		outbuf_printf(out, "%*.6f", w, st->max / 1e9);
		break;
	case SUMMARY_COL_AVG_TIME:
		outbuf_printf(out, "%*" PRIu64, w, avg);
		break;
	case SUMMARY_COL_CALLS:
		outbuf_printf(out, "%*" PRIu64, w, st->calls);
		break;
	case SUMMARY_COL_ERRORS:
		/* strace prints no 0 errors: an empty cell */
		outbuf_printf(out, "%*.0" PRIu64, w, st->errors);
		break;
	case SUMMARY_COL_NAME:
		if (last)
			outbuf_puts(out, label);
		else
			outbuf_printf(out, "%-*s", w, label);
		break;
	default:
		outbuf_printf(out, "%*.6f", w, mst ? stat_pct(mst, col_pct[c]) / 1e9 : 0.0);
		break;
	}
}

static void put_rule(struct outbuf *out, const uint8_t *col, const unsigned *w, unsigned ncol)
{
	for (unsigned i = 0; i < ncol; i++) {
		if (i)
			outbuf_putc(out, ' ');
		for (unsigned j = 0; j < w[col[i]]; j++)
			outbuf_putc(out, '-');
	}
	outbuf_putc(out, '\n');
}

/* The total's percentiles: every row's durations, or buckets, together */
static void merge_stats(const struct view *v, size_t from, size_t to, struct sumstat *tot)
{
	for (size_t r = from; r < to; r++) {
		const struct sumstat *st = &v->r[r]->st;

		if (st->durs) {
			tot->durs = realloc(tot->durs, (tot->ndurs + st->ndurs) * sizeof(*tot->durs));
			if (!tot->durs)
				vt_die(ENOMEM);
			memcpy(tot->durs + tot->ndurs, st->durs, st->ndurs * sizeof(*st->durs));
			tot->ndurs += st->ndurs;
		}
		if (st->hist) {
			if (!tot->hist)
				tot->hist = vt_calloc(VT_HIST_BUCKETS, sizeof(*tot->hist));
			for (unsigned i = 0; i < VT_HIST_BUCKETS; i++)
				tot->hist[i] += st->hist[i];
		}
	}
}

/* One strace table over rows [from, to) of the view */
static void print_table(struct view *v, struct outbuf *out, size_t from, size_t to)
{
	const uint8_t *col = v->s->o.columns;
	unsigned w[SUMMARY_NCOLS] = { 0 }, ncol = 0;
	struct totals t;
	struct sumstat tot = { 0 };
	char buf[64];

	while (ncol < SUMMARY_NCOLS && col[ncol])
		ncol++;
	totals_of(v, from, to, &t);
	for (unsigned i = 0; i < ncol; i++)
		w[col[i]] = col_width(col[i], &t);
	for (unsigned i = 0; i < ncol; i++) {
		const char *head = cols[col[i]].head;

		if (col[i] == SUMMARY_COL_NAME && !(v->s->o.by & SUMMARY_BY_SYSCALL))
			head = who_head(v->s);
		if (i)
			outbuf_putc(out, ' ');
		if (col[i] == SUMMARY_COL_NAME && i == ncol - 1)
			outbuf_puts(out, head);
		else if (col[i] == SUMMARY_COL_NAME)
			outbuf_printf(out, "%-*s", (int)w[col[i]], head);
		else
			outbuf_printf(out, "%*s", w[col[i]], head);
	}
	outbuf_putc(out, '\n');
	put_rule(out, col, w, ncol);
	for (size_t r = from; r < to; r++) {
		struct sumstat *st = &v->r[r]->st;
		double pct = t.ns ? 100.0 * st->ns / t.ns : 0;

		for (unsigned i = 0; i < ncol; i++) {
			if (i)
				outbuf_putc(out, ' ');
			put_cell(out, col[i], w[col[i]], i == ncol - 1, pct, st, st,
				 row_label(v, v->r[r], buf, sizeof(buf)),
				 st->calls ? st->ns / st->calls / 1000 : 0);
		}
		outbuf_putc(out, '\n');
	}
	put_rule(out, col, w, ncol);
	tot.calls = t.calls;
	tot.errors = t.errors;
	tot.ns = t.ns;
	tot.min = t.min;
	tot.max = t.max;
	merge_stats(v, from, to, &tot);
	for (unsigned i = 0; i < ncol; i++) {
		if (i)
			outbuf_putc(out, ' ');
		put_cell(out, col[i], w[col[i]], i == ncol - 1, 100.0, &tot, &tot, "total",
			 t.calls ? (uint64_t)(t.ns / 1e9 / t.calls * 1e6) : 0);
	}
	outbuf_putc(out, '\n');
	stat_fini(&tot);
}

static const char *errno_label(unsigned slot, char *buf, size_t len)
{
	const char *n;
	int e = slot < 140 ? (int)slot : 512 + (int)slot - 140;

	if (!slot)
		return "other";
	n = decode_errno_name(e);
	if (n)
		return n;
	snprintf(buf, len, "%d", e);
	return buf;
}

static void print_errnos(struct view *v, struct outbuf *out, size_t from, size_t to)
{
	char buf[64], eb[16];
	int any = 0;

	for (size_t r = from; r < to; r++) {
		const struct sumstat *st = &v->r[r]->st;

		if (!st->errnos)
			continue;
		for (unsigned e = 0; e < VT_ERRNO_SLOTS; e++) {
			if (!st->errnos[e])
				continue;
			if (!any)
				outbuf_puts(out, "\nsyscall          errno                calls\n"
						 "---------------- ---------------- ---------\n");
			any = 1;
			outbuf_printf(out, "%-16s %-16s %9" PRIu64 "\n",
				      row_label(v, v->r[r], buf, sizeof(buf)),
				      errno_label(e, eb, sizeof(eb)), st->errnos[e]);
		}
	}
}

static void pow2_label(unsigned j, char *buf, size_t len)
{
	static const char suffix[] = "KMGTPE";
	char a[16], b[16];
	unsigned e;

	if (j < 2) {
		snprintf(buf, len, "[%u]", j);
		return;
	}
	for (int k = 0; k < 2; k++) {
		char *p = k ? b : a;

		e = j - 1 + k;
		if (e < 10)
			snprintf(p, 16, "%llu", 1ull << e);
		else
			snprintf(p, 16, "%llu%c", 1ull << (e % 10), suffix[e / 10 - 1]);
	}
	snprintf(buf, len, "[%s, %s)", a, b);
}

static int hist_wanted(const struct summary *s, const struct row *r)
{
	return r->nr >= VT_NR_SYSCALLS || ((s->o.hist_mask[r->nr / 64] >> (r->nr % 64)) & 1);
}

/* bpftrace's hist() output: label, count, a bar of 52 at the largest count */
static void print_hists(struct view *v, struct outbuf *out, size_t from, size_t to)
{
	uint64_t b[POW2_BUCKETS];
	char buf[64], who[64], lab[48];

	if (!v->s->o.histogram)
		return;
	for (size_t r = from; r < to; r++) {
		struct row *row = v->r[r];
		unsigned last = stat_pow2(&row->st, b), first = 0;
		uint64_t max = 0;

		if (!last || !hist_wanted(v->s, row))
			continue;
		while (!b[first])
			first++;
		for (unsigned j = first; j < last; j++)
			if (b[j] > max)
				max = b[j];
		who_label(v->s, row, who, sizeof(who));
		if (row->nr < VT_NR_SYSCALLS)
			outbuf_printf(out, "\n@%s%s%s%s: \n", name_of(v, row->nr, buf, sizeof(buf)),
				      *who ? "[" : "", who, *who ? "]" : "");
		else
			outbuf_printf(out, "\n@[%s]: \n", who);
		for (unsigned j = first; j < last; j++) {
			unsigned bar = b[j] * 52 / max;

			pow2_label(j, lab, sizeof(lab));
			outbuf_printf(out, "%-16s%8" PRIu64 " |", lab, b[j]);
			for (unsigned k = 0; k < 52; k++)
				outbuf_putc(out, k < bar ? '@' : ' ');
			outbuf_puts(out, "|\n");
		}
	}
}

/* JSON */

static void json_str(struct outbuf *out, const char *s)
{
	outbuf_putc(out, '"');
	for (; *s; s++) {
		unsigned char ch = *s;

		if (ch == '"' || ch == '\\')
			outbuf_printf(out, "\\%c", ch);
		else if (ch < 0x20 || ch > 0x7e)
			outbuf_printf(out, "\\u%04x", ch);
		else
			outbuf_putc(out, ch);
	}
	outbuf_putc(out, '"');
}

static void json_who(struct view *v, struct outbuf *out, const struct row *r)
{
	char buf[64];

	if (r->nr < VT_NR_SYSCALLS) {
		outbuf_printf(out, "\"nr\":%u,\"name\":", r->nr);
		json_str(out, name_of(v, r->nr, buf, sizeof(buf)));
		outbuf_putc(out, ',');
	}
	if (v->s->o.by & SUMMARY_BY_COMM) {
		outbuf_puts(out, "\"comm\":");
		json_str(out, r->comm);
		outbuf_putc(out, ',');
	}
	if (v->s->o.by & SUMMARY_BY_PID)
		outbuf_printf(out, "\"pid\":%u,", r->pid);
	if (v->s->o.by & SUMMARY_BY_TID)
		outbuf_printf(out, "\"tid\":%u,", r->tid);
}

static void json_span(struct outbuf *out, const struct summary_span *span)
{
	if (!span)
		return;
	if (span->total)
		outbuf_printf(out, "\"interval\":null,\"end\":%.6f,", span->end);
	else
		outbuf_printf(out, "\"interval\":{\"start\":%.6f,\"end\":%.6f},", span->start,
			      span->end);
}

static void print_json(struct view *v, struct outbuf *out, const struct summary_span *span)
{
	struct totals t;
	uint64_t b[POW2_BUCKETS];
	char eb[16];

	totals_of(v, 0, v->n, &t);
	outbuf_puts(out, "{\"type\":\"summary\",");
	json_span(out, span);
	outbuf_puts(out, "\"rows\":[");
	for (size_t r = 0; r < v->n; r++) {
		struct sumstat *st = &v->r[r]->st;

		outbuf_puts(out, r ? ",{" : "{");
		json_who(v, out, v->r[r]);
		outbuf_printf(out,
			      "\"calls\":%" PRIu64 ",\"errors\":%" PRIu64 ",\"total_ns\":%" PRIu64
			      ",\"time_percent\":%.2f",
			      st->calls, st->errors, st->ns, t.ns ? 100.0 * st->ns / t.ns : 0.0);
		if (st->timed) {
			outbuf_printf(out, ",\"avg_ns\":%" PRIu64, st->ns / st->timed);
			/* live, the kernel keeps them only when asked (-U, -S, histograms) */
			if (st->max)
				outbuf_printf(out, ",\"min_ns\":%" PRIu64 ",\"max_ns\":%" PRIu64,
					      st->min, st->max);
			if (st->durs || st->hist)
				outbuf_printf(out,
					      ",\"p50_ns\":%" PRIu64 ",\"p90_ns\":%" PRIu64
					      ",\"p99_ns\":%" PRIu64 ",\"p99.9_ns\":%" PRIu64,
					      stat_pct(st, 50), stat_pct(st, 90), stat_pct(st, 99),
					      stat_pct(st, 99.9));
		}
		if (st->errnos) {
			int first = 1;

			outbuf_puts(out, ",\"errnos\":{");
			for (unsigned e = 0; e < VT_ERRNO_SLOTS; e++) {
				if (!st->errnos[e])
					continue;
				if (!first)
					outbuf_putc(out, ',');
				first = 0;
				json_str(out, errno_label(e, eb, sizeof(eb)));
				outbuf_printf(out, ":%" PRIu64, st->errnos[e]);
			}
			outbuf_putc(out, '}');
		}
		outbuf_putc(out, '}');
	}
	outbuf_printf(out,
		      "],\"total\":{\"calls\":%" PRIu64 ",\"errors\":%" PRIu64
		      ",\"total_ns\":%" PRIu64 "}",
		      t.calls, t.errors, t.ns);
	if (v->s->by_dropped)
		outbuf_printf(out, ",\"unattributed_calls\":%" PRIu64, v->s->by_dropped);
	outbuf_puts(out, "}\n");
	if (!v->s->o.histogram)
		return;
	/* one object per histogram, as bpftrace's JSON: buckets with min, max, count */
	for (size_t r = 0; r < v->n; r++) {
		unsigned last = stat_pow2(&v->r[r]->st, b), first = 0;

		if (!last || !hist_wanted(v->s, v->r[r]))
			continue;
		while (!b[first])
			first++;
		outbuf_puts(out, "{\"type\":\"histogram\",");
		json_span(out, span);
		json_who(v, out, v->r[r]);
		outbuf_puts(out, "\"unit\":\"ns\",\"buckets\":[");
		for (unsigned j = first; j < last; j++) {
			uint64_t lo = j < 2 ? j : 1ull << (j - 1), hi = j < 2 ? j : (2ull << (j - 1)) - 1;

			outbuf_printf(out,
				      "%s{\"min\":%" PRIu64 ",\"max\":%" PRIu64 ",\"count\":%" PRIu64
				      "}",
				      j > first ? "," : "", lo, hi, b[j]);
		}
		outbuf_puts(out, "]}\n");
	}
}

void summary_print(struct summary *s, struct outbuf *out, const char *const *names,
		   unsigned nnames, const struct summary_span *span)
{
	struct view v;
	char buf[64];

	make_view(&v, s, names, nnames);
	if (s->o.json) {
		print_json(&v, out, span);
		goto out;
	}
	if (span && span->total)
		outbuf_printf(out, "--- total: %.3f s ---\n", span->end);
	else if (span)
		outbuf_printf(out, "--- interval: %.3f s to %.3f s ---\n", span->start, span->end);
	if (!((s->o.by & SUMMARY_BY_SYSCALL) && (s->o.by & SUMMARY_BY_WHO))) {
		print_table(&v, out, 0, v.n);
		print_errnos(&v, out, 0, v.n);
		print_hists(&v, out, 0, v.n);
	} else {
		/* a table for each who, in who order */
		for (size_t i = 0, j; i < v.n; i = j) {
			for (j = i + 1; j < v.n && !who_cmp(v.r[i], v.r[j]); j++)
				;
			who_label(s, v.r[i], buf, sizeof(buf));
			outbuf_printf(out, "%s%s %s:\n", i ? "\n" : "", who_head(s), buf);
			print_table(&v, out, i, j);
			print_errnos(&v, out, i, j);
			print_hists(&v, out, i, j);
		}
	}
	if (s->by_dropped)
		outbuf_printf(out,
			      "(%" PRIu64 " calls of threads beyond the first %u are in no row)\n",
			      s->by_dropped, 16384u);
out:
	free(v.r);
}

void summary_set_dropped(struct summary *s, uint64_t n)
{
	s->by_dropped = n;
}
