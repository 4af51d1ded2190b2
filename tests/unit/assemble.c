// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The call assembler: entries paired with their exits per thread, whole calls
 * passed on, calls ended by their thread's exit or by the end of the records,
 * exits without entries, and an entry whose exit was lost.
 */
#include "assemble.h"
#include "tap.h"

#include <stdio.h>
#include <string.h>

static char log_buf[4096];

static void on_call(void *ctx, const struct asm_call *c)
{
	size_t n = strlen(log_buf);

	snprintf(log_buf + n, sizeof(log_buf) - n, "call %u nr%u %s%s ret=%lld %llu-%llu;",
		 c->tid, c->nr, c->in_rec ? "E" : "-", c->returned ? "X" : "-", (long long)c->ret,
		 (unsigned long long)c->enter_ts, (unsigned long long)c->exit_ts);
}

static void on_event(void *ctx, const struct vt_hdr *h)
{
	size_t n = strlen(log_buf);

	snprintf(log_buf + n, sizeof(log_buf) - n, "event %u type%u;", h->tid, h->type);
}

static const struct asm_ops ops = { .call = on_call, .event = on_event };

static void enter(struct assembler *a, uint32_t tid, unsigned nr, uint64_t ts, uint64_t arg0)
{
	struct vt_enter e;

	memset(&e, 0, sizeof(e));
	e.h = (struct vt_hdr){ .ts = ts, .tid = tid, .tgid = tid, .type = VT_ENTER,
			       .size = sizeof(e), .nr = nr };
	e.args[0] = arg0;
	assemble_record(a, &e.h);
}

static void leave(struct assembler *a, uint32_t tid, unsigned nr, uint64_t ts, int64_t ret)
{
	struct vt_exit x;

	memset(&x, 0, sizeof(x));
	x.h = (struct vt_hdr){ .ts = ts, .tid = tid, .tgid = tid, .type = VT_EXIT,
			       .size = sizeof(x), .nr = nr };
	x.ret = ret;
	assemble_record(a, &x.h);
}

int main(void)
{
	struct assembler *a = assemble_new(&ops, NULL);
	struct vt_syscall w;
	struct vt_thread_exit te;
	struct vt_signal sg;

	/* two threads interleaved: each call whole, in the order they end */
	enter(a, 10, 0, 100, 3);
	enter(a, 11, 1, 110, 4);
	leave(a, 11, 1, 130, 5);
	leave(a, 10, 0, 150, -11);
	is_str(log_buf, "call 11 nr1 EX ret=5 110-130;call 10 nr0 EX ret=-11 100-150;",
	       "interleaved calls, paired per thread, in the order they end");
	log_buf[0] = 0;

	/* an exit without its entry: no arguments, its own time */
	leave(a, 12, 3, 200, 0);
	is_str(log_buf, "call 12 nr3 -X ret=0 200-200;", "an exit without an entry");
	log_buf[0] = 0;

	/* an exit with another number (the entry's exit was lost) closes the entry too */
	enter(a, 13, 7, 300, 0);
	leave(a, 13, 8, 310, 1);
	assemble_finish(a);
	is_str(log_buf, "call 13 nr8 -X ret=1 310-310;",
	       "an exit of another call: the entry is dropped, not left open");
	log_buf[0] = 0;

	/* rt_sigreturn's exit has no number: it closes the open call */
	enter(a, 14, 15, 400, 0);
	leave(a, 14, VT_NR_NONE, 420, 0);
	is_str(log_buf, "call 14 nr15 EX ret=0 400-420;",
	       "an exit without a number closes the call");
	log_buf[0] = 0;

	/* a whole call (-z, -Z, a kernel filter) goes on as it is */
	memset(&w, 0, sizeof(w));
	w.h = (struct vt_hdr){ .ts = 520, .tid = 15, .tgid = 15, .type = VT_SYSCALL,
			       .size = sizeof(w), .nr = 2 };
	w.enter_ts = 500;
	w.ret = 3;
	assemble_record(a, &w.h);
	is_str(log_buf, "call 15 nr2 EX ret=3 500-520;", "a whole call");
	log_buf[0] = 0;

	/* a thread that exits inside a call: the call first, unreturned, then the exit */
	enter(a, 16, 231, 600, 0);
	memset(&te, 0, sizeof(te));
	te.h = (struct vt_hdr){ .ts = 610, .tid = 16, .tgid = 16, .type = VT_THREAD_EXIT,
				.size = sizeof(te), .nr = VT_NR_NONE };
	assemble_record(a, &te.h);
	is_str(log_buf, "call 16 nr231 E- ret=0 600-610;event 16 type4;",
	       "a thread's exit ends its open call first");
	log_buf[0] = 0;

	/* other records pass through */
	memset(&sg, 0, sizeof(sg));
	sg.h = (struct vt_hdr){ .ts = 700, .tid = 17, .tgid = 17, .type = VT_SIGNAL,
				.size = sizeof(sg), .nr = VT_NR_NONE };
	assemble_record(a, &sg.h);
	is_str(log_buf, "event 17 type6;", "a signal passes through");
	log_buf[0] = 0;

	/* the end: open calls without a result, in the order they entered */
	enter(a, 21, 0, 820, 0);
	enter(a, 20, 0, 810, 0);
	enter(a, 22, 0, 830, 0);
	assemble_finish(a);
	is_str(log_buf, "call 20 nr0 E- ret=0 810-810;call 21 nr0 E- ret=0 820-820;"
			"call 22 nr0 E- ret=0 830-830;",
	       "the end: open calls in the order they entered");
	log_buf[0] = 0;
	assemble_finish(a);
	is_str(log_buf, "", "finishing twice repeats nothing");
	assemble_free(a);
	assemble_free(NULL);
	return done_testing();
}
