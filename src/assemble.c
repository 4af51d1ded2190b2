// SPDX-License-Identifier: LGPL-2.1-or-later
#include "assemble.h"
#include "tidmap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Per thread (tidmap_entry): ptr, a copy of its open entry; u64, the bytes allocated; u32, open. */
struct assembler {
	const struct asm_ops *ops;
	void *ctx;
	struct tidmap open;
};

static const uint64_t no_args[6];

struct assembler *assemble_new(const struct asm_ops *ops, void *ctx)
{
	struct assembler *a = vt_calloc(1, sizeof(*a));

	a->ops = ops;
	a->ctx = ctx;
	tidmap_init(&a->open);
	return a;
}

void assemble_free(struct assembler *a)
{
	if (!a)
		return;
	tidmap_fini(&a->open, free);
	free(a);
}

static void from_entry(struct asm_call *c, const struct vt_enter *en)
{
	memset(c, 0, sizeof(*c));
	c->tid = en->h.tid;
	c->tgid = en->h.tgid;
	c->nr = en->h.nr;
	c->args = (const uint64_t *)en->args;
	c->in_rec = &en->h;
	c->in_fixed = sizeof(*en);
	c->enter_ts = en->h.ts;
}

/*
 * Does an exit belong to the thread's open entry?  An exit without a number is
 * rt_sigreturn's (it restores the registers, orig_ax = -1 included) or a call a
 * seccomp filter skipped: it closes whatever call is open.
 */
static int exit_matches(const struct tidmap_entry *e, unsigned nr)
{
	return e && e->u32 && (((const struct vt_hdr *)e->ptr)->nr == nr || nr == VT_NR_NONE);
}

static void on_exit_rec(struct assembler *a, const struct vt_exit *x)
{
	struct tidmap_entry *e = tidmap_find(&a->open, x->h.tid);
	struct asm_call c;

	if (exit_matches(e, x->h.nr)) {
		from_entry(&c, e->ptr);
	} else {
		memset(&c, 0, sizeof(c));
		c.tid = x->h.tid;
		c.tgid = x->h.tgid;
		c.nr = x->h.nr;
		c.args = no_args;
		c.enter_ts = x->h.ts;
	}
	/* an entry whose exit was lost ends here too, unshown, as it always has */
	if (e)
		e->u32 = 0;
	c.out_rec = &x->h;
	c.out_fixed = sizeof(*x);
	c.ret = x->ret;
	c.exit_ts = x->h.ts;
	c.returned = 1;
	a->ops->call(a->ctx, &c);
}

static void on_whole(struct assembler *a, const struct vt_syscall *sc)
{
	struct asm_call c = {
		.tid = sc->h.tid,
		.tgid = sc->h.tgid,
		.nr = sc->h.nr,
		.args = (const uint64_t *)sc->args,
		.in_rec = &sc->h,
		.in_fixed = sizeof(*sc),
		.out_rec = &sc->h,
		.out_fixed = sizeof(*sc),
		.ret = sc->ret,
		.enter_ts = sc->enter_ts,
		.exit_ts = sc->h.ts,
		.returned = 1,
	};

	a->ops->call(a->ctx, &c);
}

void assemble_record(struct assembler *a, const struct vt_hdr *rec)
{
	struct tidmap_entry *e;
	struct asm_call c;

	switch (rec->type) {
	case VT_ENTER:
		e = tidmap_add(&a->open, rec->tid);
		if (e->u64 < rec->size) {
			free(e->ptr);
			e->ptr = vt_malloc(rec->size);
			e->u64 = rec->size;
		}
		memcpy(e->ptr, rec, rec->size);
		e->u32 = 1;
		return;
	case VT_EXIT:
		on_exit_rec(a, (const void *)rec);
		return;
	case VT_SYSCALL:
		on_whole(a, (const void *)rec);
		return;
	case VT_THREAD_EXIT:
		/* a call that never returned (exit_group, or killed inside it) ends here */
		e = tidmap_find(&a->open, rec->tid);
		if (e && e->u32) {
			from_entry(&c, e->ptr);
			c.exit_ts = rec->ts;
			a->ops->call(a->ctx, &c);
		}
		if (e) {
			free(e->ptr);
			tidmap_remove(&a->open, e);
		}
		break;
	default:
		break;
	}
	a->ops->event(a->ctx, rec);
}

static int by_entry_time(const void *x, const void *y)
{
	const struct vt_hdr *a = *(const struct vt_hdr *const *)x;
	const struct vt_hdr *b = *(const struct vt_hdr *const *)y;

	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	return a->tid < b->tid ? -1 : a->tid > b->tid;
}

void assemble_finish(struct assembler *a)
{
	const struct vt_hdr **open = vt_calloc(a->open.n ? a->open.n : 1, sizeof(*open));
	size_t n = 0;

	/* in the order they entered, as the records came */
	for (size_t i = 0; i < a->open.cap; i++) {
		struct tidmap_entry *e = &a->open.tab[i];

		if (e->tid && e->u32 && n < a->open.n) {
			open[n++] = e->ptr;
			e->u32 = 0;
		}
	}
	qsort(open, n, sizeof(*open), by_entry_time);
	for (size_t i = 0; i < n; i++) {
		struct asm_call c;

		from_entry(&c, (const struct vt_enter *)open[i]);
		c.exit_ts = c.enter_ts;
		a->ops->call(a->ctx, &c);
	}
	free(open);
}
