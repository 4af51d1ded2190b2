// SPDX-License-Identifier: LGPL-2.1-or-later
#include "summary.h"
#include "syscalltab.h"
#include "tidmap.h"
#include "util.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct summary {
	uint64_t calls[VT_NR_SYSCALLS];
	uint64_t errors[VT_NR_SYSCALLS];
	uint64_t ns[VT_NR_SYSCALLS];
	struct tidmap open; /* entries waiting for their exit: u32 = nr, u64 = ts */
};

struct summary *summary_new(void)
{
	struct summary *s = vt_calloc(1, sizeof(*s));

	tidmap_init(&s->open);
	return s;
}

void summary_free(struct summary *s)
{
	if (!s)
		return;
	tidmap_fini(&s->open, NULL);
	free(s);
}

static void count(struct summary *s, unsigned nr, int64_t ret, uint64_t ns)
{
	if (nr >= VT_NR_SYSCALLS)
		return;
	s->calls[nr]++;
	if (ret < 0 && ret >= -4095)
		s->errors[nr]++;
	s->ns[nr] += ns;
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
			count(s, rec->nr, x->ret, 0);
			break;
		}
		count(s, rec->nr, x->ret, rec->ts >= p->u64 ? rec->ts - p->u64 : 0);
		tidmap_remove(&s->open, p);
		break;
	}
	case VT_SYSCALL: {
		const struct vt_syscall *w = (const void *)rec;

		count(s, rec->nr, w->ret,
		      w->enter_ts && rec->ts >= w->enter_ts ? rec->ts - w->enter_ts : 0);
		break;
	}
	case VT_THREAD_EXIT:
		/* an open entry of an exiting thread (exit, exit_group) is a call too */
		p = tidmap_find(&s->open, rec->tid);
		if (p) {
			count(s, p->u32, 0, 0);
			tidmap_remove(&s->open, p);
		}
		break;
	default:
		break;
	}
}

void summary_add(struct summary *s, unsigned nr, uint64_t calls, uint64_t errors, uint64_t ns)
{
	if (nr >= VT_NR_SYSCALLS)
		return;
	s->calls[nr] += calls;
	s->errors[nr] += errors;
	s->ns[nr] += ns;
}

struct row {
	unsigned nr;
	uint64_t ns;
};

static int by_time(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->ns != y->ns)
		return x->ns < y->ns ? 1 : -1;
	return x->nr < y->nr ? -1 : x->nr > y->nr;
}

static const char *name_of(unsigned nr, const char *const *names, unsigned nnames, char *buf,
			   size_t len)
{
	const struct vt_syscall_info *si;

	if (names && nr < nnames && names[nr])
		return names[nr];
	if (!names && (si = syscalltab_get(nr)) && si->name)
		return si->name;
	snprintf(buf, len, "syscall_%#x", nr);
	return buf;
}

static void line(struct outbuf *out, double pct, uint64_t ns, uint64_t calls, uint64_t errors,
		 const char *name)
{
	char err[32] = "";

	if (errors)
		snprintf(err, sizeof(err), "%" PRIu64, errors);
	outbuf_printf(out, "%6.2f %11.6f %11" PRIu64 " %9" PRIu64 " %9s %s\n", pct, ns / 1e9,
		      calls ? ns / 1000 / calls : 0, calls, err, name);
}

void summary_print(const struct summary *s, struct outbuf *out, const char *const *names,
		   unsigned nnames)
{
	static const char rule[] =
		"------ ----------- ----------- --------- --------- ----------------\n";
	struct row rows[VT_NR_SYSCALLS];
	uint64_t tcalls = 0, terrors = 0, tns = 0;
	unsigned n = 0;
	char buf[32];

	for (unsigned nr = 0; nr < VT_NR_SYSCALLS; nr++) {
		if (!s->calls[nr])
			continue;
		rows[n].nr = nr;
		rows[n].ns = s->ns[nr];
		n++;
		tcalls += s->calls[nr];
		terrors += s->errors[nr];
		tns += s->ns[nr];
	}
	qsort(rows, n, sizeof(rows[0]), by_time);
	outbuf_puts(out, "% time     seconds  usecs/call     calls    errors syscall\n");
	outbuf_puts(out, rule);
	for (unsigned i = 0; i < n; i++) {
		unsigned nr = rows[i].nr;

		line(out, tns ? 100.0 * s->ns[nr] / tns : 0, s->ns[nr], s->calls[nr],
		     s->errors[nr], name_of(nr, names, nnames, buf, sizeof(buf)));
	}
	outbuf_puts(out, rule);
	line(out, 100.0, tns, tcalls, terrors, "total");
}
