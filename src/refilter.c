// SPDX-License-Identifier: LGPL-2.1-or-later
#include "refilter.h"
#include "tidmap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct refilter {
	uint64_t mask[VT_MASK_WORDS];
	int use_mask;
	int status;
	refilter_emit_fn emit;
	void *ctx;
	struct tidmap open; /* status filter: ptr = copy of the entry record */
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
	return f;
}

void refilter_free(struct refilter *f)
{
	if (!f)
		return;
	tidmap_fini(&f->open, free);
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

void refilter_record(struct refilter *f, const struct vt_hdr *rec)
{
	struct tidmap_entry *e;

	switch (rec->type) {
	case VT_ENTER:
		if (!wanted(f, rec->nr))
			return;
		if (!f->status)
			break;
		e = tidmap_add(&f->open, rec->tid);
		free(e->ptr);
		e->ptr = vt_malloc(rec->size);
		memcpy(e->ptr, rec, rec->size);
		return;
	case VT_EXIT: {
		const struct vt_exit *x = (const void *)rec;

		e = f->status ? tidmap_find(&f->open, rec->tid) : NULL;
		if (!wanted(f, e ? ((struct vt_hdr *)e->ptr)->nr : rec->nr))
			return;
		if (!f->status)
			break;
		if (!e) {
			/* entered before tracing began */
			if (passes(f, x->ret))
				break;
			return;
		}
		if (passes(f, x->ret))
			emit_whole(f, e->ptr, x);
		free(e->ptr);
		tidmap_remove(&f->open, e);
		return;
	}
	case VT_SYSCALL:
		if (!wanted(f, rec->nr) ||
		    (f->status && !passes(f, ((const struct vt_syscall *)rec)->ret)))
			return;
		break;
	case VT_THREAD_EXIT:
		/* a call that never returned (exit_group) has no result to pass */
		e = f->status ? tidmap_find(&f->open, rec->tid) : NULL;
		if (e) {
			free(e->ptr);
			tidmap_remove(&f->open, e);
		}
		break;
	default:
		break;
	}
	f->emit(f->ctx, rec);
}
