// SPDX-License-Identifier: LGPL-2.1-or-later
#include "refilter.h"
#include "decode.h"
#include "syscalltab.h"
#include "tidmap.h"
#include "tracefile.h"
#include "util.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What became of a thread's last entry (tidmap_entry.u32). */
enum {
	CALL_NONE = 0,
	CALL_HELD,    /* waits for its exit in tidmap_entry.ptr (u64: bytes allocated) */
	CALL_PASSED,  /* went on at entry: its exit goes on too */
	CALL_DROPPED, /* dropped at entry: its exit is dropped too */
};

struct refilter {
	uint64_t mask[VT_MASK_WORDS];
	int use_mask;
	int status;
	refilter_emit_fn emit;
	void *ctx;
	struct tidmap open; /* per thread: its last entry's fate, and a held entry */
	/* --filter */
	const struct filter *expr;
	uint32_t fields;
	const char *const *names;
	const uint8_t *sig;
	unsigned nsyscalls;
	int live;
	/* the necessary conditions filter_kernel finds: a quick no before the full filter */
	struct vt_kfilter kf;
	uint64_t kmask[VT_MASK_WORDS];
	int kuse;
	struct tidmap comms;	/* tgid -> its name (ptr: 16 bytes), for comm */
	struct tidmap execs;	/* tid -> the name its execve in progress gives (16 bytes) */
	int track_comm;
	/* -p, -N with -R */
	int targets, follow;
	const pid_t *pids;
	unsigned npids, nnames;
	char *const *tnames;
	struct tidmap chosen;	/* tgids whose records go on */
	/* where a whole call is put together, 8-aligned */
	uint64_t whole[VT_RECORD_MAX / 8];
};

struct refilter *refilter_new(const uint64_t *mask, int status, refilter_emit_fn emit, void *ctx)
{
	struct refilter *f = vt_calloc(1, sizeof(*f));

	if (mask) {
		memcpy(f->mask, mask, sizeof(f->mask));
		f->use_mask = 1;
	}
	f->status = status;
	f->emit = emit;
	f->ctx = ctx;
	tidmap_init(&f->open);
	tidmap_init(&f->comms);
	tidmap_init(&f->execs);
	tidmap_init(&f->chosen);
	return f;
}

void refilter_set_filter(struct refilter *f, const struct filter *expr, const char *const *names,
			 const uint8_t *sig, unsigned nsyscalls, int live)
{
	f->expr = expr;
	f->fields = expr ? filter_fields(expr) : 0;
	f->names = names;
	f->sig = names ? sig : NULL;
	f->nsyscalls = names ? nsyscalls : 0;
	f->live = live;
	f->track_comm |= (f->fields & (1u << FF_COMM)) != 0;
	if (expr)
		filter_kernel(expr, &f->kf, f->kmask, &f->kuse);
}

static int in_u32s(const __u32 *l, __u32 n, uint32_t v)
{
	for (__u32 i = 0; i < n; i++)
		if (l[i] == v)
			return 1;
	return 0;
}

/* The quick no at entry: the syscall, process and thread conditions. */
static int quick_entry_no(const struct refilter *f, const struct vt_hdr *h)
{
	const struct vt_kfilter *k = &f->kf;

	if (f->kuse && h->nr < VT_NR_SYSCALLS && !((f->kmask[h->nr / 64] >> (h->nr % 64)) & 1))
		return 1;
	return (k->npids && !in_u32s(k->pids, k->npids, h->tgid)) ||
	       (k->ntids && !in_u32s(k->tids, k->ntids, h->tid));
}

/* The quick no at exit: result and duration, as the kernel checks them. */
static int quick_exit_no(const struct refilter *f, int64_t ret, uint64_t dur)
{
	const struct vt_kfilter *k = &f->kf;

	if (!k->on_exit)
		return 0;
	if (dur < k->dur_min || dur > k->dur_max || ret < k->ret_min || ret > k->ret_max)
		return 1;
	for (__u32 i = 0; i < k->nret_not; i++)
		if (k->ret_not[i] == ret)
			return 1;
	return 0;
}

void refilter_set_targets(struct refilter *f, const pid_t *pids, unsigned npids,
			  char *const *names, unsigned nnames, int follow)
{
	f->targets = npids || nnames;
	f->pids = pids;
	f->npids = npids;
	f->tnames = names;
	f->nnames = nnames;
	f->follow = follow;
	f->track_comm |= nnames != 0;
}

void refilter_free(struct refilter *f)
{
	if (!f)
		return;
	tidmap_fini(&f->open, free);
	tidmap_fini(&f->comms, free);
	tidmap_fini(&f->execs, free);
	tidmap_fini(&f->chosen, NULL);
	free(f);
}

static int wanted(const struct refilter *f, unsigned nr)
{
	if (!f->use_mask || nr == VT_NR_NONE)
		return 1;
	return nr < VT_NR_SYSCALLS && ((f->mask[nr / 64] >> (nr % 64)) & 1);
}

static int passes(const struct refilter *f, int64_t ret)
{
	int failed = ret < 0 && ret >= -4095;

	return !((f->status == VT_STATUS_SUCCESSFUL && failed) ||
		 (f->status == VT_STATUS_FAILED && !failed));
}

/* One VT_SYSCALL from an entry and its exit: the entry's captures, then the exit's. */
static void emit_whole(struct refilter *f, const struct vt_enter *en, const struct vt_exit *x)
{
	size_t in_caps = en->h.size - sizeof(*en), out_caps = x->h.size - sizeof(*x);
	struct vt_syscall *w = (struct vt_syscall *)f->whole;
	size_t size = sizeof(*w) + in_caps + out_caps;

	if (size > VT_RECORD_MAX) {
		/* too big to join: the pair as it was recorded */
		f->emit(f->ctx, &en->h);
		f->emit(f->ctx, &x->h);
		return;
	}
	w->h = x->h;
	w->h.type = VT_SYSCALL;
	w->h.size = size;
	w->h.nr = en->h.nr;
	w->enter_ts = en->h.ts;
	w->ret = x->ret;
	memcpy(w->args, en->args, sizeof(w->args));
	memcpy(w + 1, en + 1, in_caps);
	memcpy((char *)(w + 1) + in_caps, x + 1, out_caps);
	f->emit(f->ctx, &w->h);
}

/* ---- the fields of a call, for --filter ---- */

static const char *call_name(const struct refilter *f, unsigned nr)
{
	const struct vt_syscall_info *si;

	if (f->names)
		return nr < f->nsyscalls ? f->names[nr] : NULL;
	si = syscalltab_get(nr);
	return si ? si->name : NULL;
}

/* The kind of argument i of nr (decode.h enum vt_argtype), as the records' table says. */
static unsigned arg_type(const struct refilter *f, unsigned nr, int i)
{
	const struct vt_syscall_info *si;

	if (f->sig) {
		const uint8_t *s = f->sig + (size_t)nr * TRACEFILE_SIG_LEN;

		return nr < f->nsyscalls && i < s[0] ? s[2 + i] : VT_AT_MAX;
	}
	si = syscalltab_get(nr);
	return si && si->name && i < si->nargs ? si->arg[i] : VT_AT_MAX;
}

/* A path argument: read at entry, or again at exit when it was not paged in then. */
static const struct vt_capture *path_capture(const struct vt_hdr *in, size_t in_fixed,
					     const struct vt_hdr *out, size_t out_fixed, int i)
{
	const struct vt_capture *c = in ? decode_find_capture(in, in_fixed, i) : NULL;

	if ((!c || (c->flags & (VT_CAP_FAULT | VT_CAP_PARTIAL))) && out) {
		const struct vt_capture *again = decode_find_capture(out, out_fixed, i);

		if (again && again->kind == VT_CK_PATH && !(again->flags & VT_CAP_FAULT))
			return again;
	}
	return c && c->kind == VT_CK_PATH && !(c->flags & VT_CAP_FAULT) ? c : NULL;
}

/* The last part of a path, cut to 15 bytes: the name the kernel gives an exec'd process. */
static void comm_of_path(char out[16], const char *p, size_t len)
{
	const char *base = memrchr(p, '/', len);
	size_t n;

	base = base ? base + 1 : p;
	n = len - (size_t)(base - p);
	if (n > 15)
		n = 15;
	memcpy(out, base, n);
	out[n] = 0;
}

static const char *comm_of(struct refilter *f, uint32_t tgid)
{
	struct tidmap_entry *e = tidmap_find(&f->comms, tgid);
	char path[64], buf[32];
	ssize_t n = -1;
	int fd;

	if (e)
		return ((char *)e->ptr)[0] ? e->ptr : NULL;
	if (!f->live)
		return NULL;
	/* a process that was running before the trace began: its name now */
	snprintf(path, sizeof(path), "/proc/%u/comm", tgid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
	}
	e = tidmap_add(&f->comms, tgid);
	e->ptr = vt_calloc(1, 16);
	if (n > 0) {
		buf[n] = 0;
		buf[strcspn(buf, "\n")] = 0;
		memcpy(e->ptr, buf, strnlen(buf, 15));
	}
	return ((char *)e->ptr)[0] ? e->ptr : NULL;
}

/* inherited: a fork's child, named by its parent (tidmap_entry.u32), not by an exec */
static void set_comm(struct refilter *f, uint32_t tgid, const char *name, int inherited)
{
	struct tidmap_entry *e = tidmap_add(&f->comms, tgid);

	e->u32 = inherited;

	if (!e->ptr)
		e->ptr = vt_calloc(1, 16);
	memset(e->ptr, 0, 16);
	memcpy(e->ptr, name, strnlen(name, 15));
}

void refilter_set_procs(struct refilter *f, const struct tracefile_proc *procs, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (procs[i].comm[0])
			set_comm(f, procs[i].tgid, procs[i].comm, 0);
}

/* The fields of a call from its entry (en, or NULL) and its exit (x, or NULL). */
static void call_view(struct refilter *f, struct filter_call *c, const struct vt_hdr *en,
		      size_t en_fixed, const uint64_t *args, const struct vt_hdr *x, size_t x_fixed,
		      int64_t ret, uint64_t enter_ts)
{
	static const uint64_t no_args[6];
	const struct vt_hdr *h = x ? x : en;
	unsigned nr = en ? en->nr : h->nr;

	/* field by field: this runs twice a call, and the arrays need no clearing */
	c->kind = x ? FILTER_CALL : FILTER_ENTRY;
	c->comm = NULL;
	c->nfds = 0;
	c->npaths = 0;
	c->nr = nr;
	c->pid = h->tgid;
	c->tid = h->tid;
	c->cpu = h->cpu;
	c->ret = ret;
	c->dur = en && x && x->ts > enter_ts ? x->ts - enter_ts : 0;
	c->args = args ? args : no_args;
	if (f->fields & (1u << FF_COMM))
		c->comm = comm_of(f, h->tgid);
	if (!en || !(f->fields & ((1u << FF_FD) | (1u << FF_PATH))))
		return;
	for (int i = 0; i < 6; i++) {
		unsigned t = arg_type(f, nr, i);
		const struct vt_capture *cap;

		if (t == VT_AT_FD || t == VT_AT_DIRFD) {
			c->fds[c->nfds++] = (int)args[i];
		} else if (t == VT_AT_PATH) {
			cap = path_capture(en, en_fixed, x, x_fixed, i);
			if (!cap)
				continue;
			c->paths[c->npaths] = decode_cap_data(cap);
			c->path_lens[c->npaths++] = strnlen(decode_cap_data(cap), cap->len);
		}
	}
}

static void event_view(struct refilter *f, struct filter_call *c, const struct vt_hdr *h)
{
	memset(c, 0, sizeof(*c));
	c->kind = FILTER_EVENT;
	c->pid = h->tgid;
	c->tid = h->tid;
	c->cpu = h->cpu;
	if (f->fields & (1u << FF_COMM))
		c->comm = comm_of(f, h->tgid);
}

/* comm: an execve entry names the process it will become, if it succeeds. */
static void exec_enter(struct refilter *f, const struct vt_enter *en)
{
	const char *n = call_name(f, en->h.nr);
	const struct vt_capture *cap;
	struct tidmap_entry *e;
	int idx;

	if (!n || (strcmp(n, "execve") && strcmp(n, "execveat")))
		return;
	idx = n[6] == 'a' ? 1 : 0;
	cap = decode_find_capture(&en->h, sizeof(*en), idx);
	if (!cap || (cap->flags & VT_CAP_FAULT) || cap->kind != VT_CK_PATH)
		return;
	e = tidmap_add(&f->execs, en->h.tid);
	if (!e->ptr)
		e->ptr = vt_calloc(1, 16);
	comm_of_path(e->ptr, decode_cap_data(cap), strnlen(decode_cap_data(cap), cap->len));
}

static void exec_exit(struct refilter *f, const struct vt_hdr *x, int64_t ret)
{
	struct tidmap_entry *e = tidmap_find(&f->execs, x->tid);

	if (!e)
		return;
	if (ret == 0)
		set_comm(f, x->tgid, e->ptr, 0);
	free(e->ptr);
	tidmap_remove(&f->execs, e);
}

static void hold(struct tidmap_entry *e, const struct vt_hdr *rec)
{
	if (e->u64 < rec->size) {
		free(e->ptr);
		e->ptr = vt_malloc(rec->size);
		e->u64 = rec->size;
	}
	memcpy(e->ptr, rec, rec->size);
	e->u32 = CALL_HELD;
}

static void call_enter(struct refilter *f, const struct vt_enter *en)
{
	struct tidmap_entry *e;
	struct filter_call c;
	enum filter_result r;

	if (!wanted(f, en->h.nr))
		return;
	if (!f->status && !f->expr) {
		f->emit(f->ctx, &en->h);
		return;
	}
	e = tidmap_add(&f->open, en->h.tid);
	if (f->expr && quick_entry_no(f, &en->h)) {
		e->u32 = CALL_DROPPED;
		return;
	}
	/* a filter on the result or duration alone cannot decide at entry: do not ask */
	if (f->expr && (f->fields & ~((1u << FF_RET) | (1u << FF_ERRNO) | (1u << FF_DUR)))) {
		call_view(f, &c, &en->h, sizeof(*en), (const uint64_t *)en->args, NULL, 0, 0, 0);
		r = filter_eval(f->expr, &c);
		if (r == FILTER_FALSE) {
			e->u32 = CALL_DROPPED;
			return;
		}
		if (r == FILTER_TRUE && !f->status) {
			e->u32 = CALL_PASSED;
			f->emit(f->ctx, &en->h);
			return;
		}
	}
	hold(e, &en->h);
}

static void call_exit(struct refilter *f, const struct vt_exit *x)
{
	struct tidmap_entry *e = tidmap_find(&f->open, x->h.tid);
	const struct vt_enter *en;
	struct filter_call c;
	int state = e ? (int)e->u32 : CALL_NONE;

	if (e)
		e->u32 = CALL_NONE;
	switch (state) {
	case CALL_DROPPED:
		return;
	case CALL_PASSED:
		f->emit(f->ctx, &x->h);
		return;
	case CALL_HELD:
		en = e->ptr;
		if (!passes(f, x->ret))
			return;
		if (f->expr) {
			if (quick_exit_no(f, x->ret, x->h.ts > en->h.ts ? x->h.ts - en->h.ts : 0))
				return;
			call_view(f, &c, &en->h, sizeof(*en), (const uint64_t *)en->args, &x->h,
				  sizeof(*x), x->ret, en->h.ts);
			if (!filter_pass(f->expr, &c))
				return;
		}
		if (f->status) {
			emit_whole(f, en, x);
		} else {
			f->emit(f->ctx, &en->h);
			f->emit(f->ctx, &x->h);
		}
		return;
	}
	/* entered before tracing began (or before the file): no arguments, no duration */
	if (!wanted(f, x->h.nr) || !passes(f, x->ret))
		return;
	if (f->expr) {
		call_view(f, &c, NULL, 0, NULL, &x->h, sizeof(*x), x->ret, 0);
		if (!filter_pass(f->expr, &c))
			return;
	}
	f->emit(f->ctx, &x->h);
}

static void call_whole(struct refilter *f, const struct vt_syscall *sc)
{
	struct filter_call c;

	if (!wanted(f, sc->h.nr) || (f->status && !passes(f, sc->ret)))
		return;
	if (f->expr) {
		call_view(f, &c, &sc->h, sizeof(*sc), (const uint64_t *)sc->args, &sc->h,
			  sizeof(*sc), sc->ret, sc->enter_ts);
		if (!filter_pass(f->expr, &c))
			return;
	}
	f->emit(f->ctx, &sc->h);
}

static int name_chosen(const struct refilter *f, const char *comm)
{
	for (unsigned i = 0; comm && i < f->nnames; i++)
		if (!strcmp(f->tnames[i], comm))
			return 1;
	return 0;
}

/* -p, -N: is rec's process one of the targets?  Once chosen, a process stays chosen. */
static int chosen(struct refilter *f, const struct vt_hdr *rec)
{
	struct tidmap_entry *e;

	if (tidmap_find(&f->chosen, rec->tgid))
		return 1;
	for (unsigned i = 0; i < f->npids; i++)
		if ((uint32_t)f->pids[i] == rec->tgid || (uint32_t)f->pids[i] == rec->tid)
			goto choose;
	/* a child named after its parent is not chosen by the name: -f chooses it */
	e = tidmap_find(&f->comms, rec->tgid);
	if ((!e || !e->u32) && name_chosen(f, comm_of(f, rec->tgid)))
		goto choose;
	/* the execve that gives it the name is the first call shown */
	e = tidmap_find(&f->execs, rec->tid);
	if (e && name_chosen(f, e->ptr))
		goto choose;
	return 0;
choose:
	tidmap_add(&f->chosen, rec->tgid);
	return 1;
}

void refilter_record(struct refilter *f, const struct vt_hdr *rec)
{
	struct tidmap_entry *e;
	struct filter_call c;

	if (f->track_comm && rec->type == VT_ENTER)
		exec_enter(f, (const void *)rec);
	if (f->track_comm && rec->type == VT_EXIT)
		exec_exit(f, rec, ((const struct vt_exit *)rec)->ret);
	if (f->track_comm && rec->type == VT_FORK) {
		const struct vt_fork *fk = (const void *)rec;

		/* a new process has its parent's name until it execs */
		if (fk->child_tgid != rec->tgid && comm_of(f, rec->tgid))
			set_comm(f, fk->child_tgid, comm_of(f, rec->tgid), 1);
	}
	if (f->targets && rec->type != VT_LOST && !chosen(f, rec))
		return;
	if (f->follow && rec->type == VT_FORK && f->targets)
		tidmap_add(&f->chosen, ((const struct vt_fork *)rec)->child_tgid);

	switch (rec->type) {
	case VT_ENTER:
		call_enter(f, (const void *)rec);
		return;
	case VT_EXIT:
		call_exit(f, (const void *)rec);
		return;
	case VT_SYSCALL:
		call_whole(f, (const void *)rec);
		return;
	case VT_THREAD_EXIT:
		/* a call that never returned (exit_group) has no result to pass */
		e = tidmap_find(&f->open, rec->tid);
		if (e) {
			free(e->ptr);
			tidmap_remove(&f->open, e);
		}
		e = tidmap_find(&f->execs, rec->tid);
		if (e) {
			free(e->ptr);
			tidmap_remove(&f->execs, e);
		}
		break;
	case VT_LOST:
		f->emit(f->ctx, rec);
		return;
	default:
		break;
	}
	if (f->expr) {
		event_view(f, &c, rec);
		if (!filter_pass(f->expr, &c))
			return;
	}
	f->emit(f->ctx, rec);
}
