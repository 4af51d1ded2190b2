// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --format=perfetto: Perfetto's native trace, a protobuf `Trace` of `TracePacket`s
 * carrying track events.  The subset of Perfetto's schema used here is in
 * docs/perfetto/vltrace_perfetto.proto (field numbers as Perfetto defines them);
 * docs/PERFETTO.md says how a trace is laid out and why.
 *
 * The encoder is written by hand rather than generated with protobuf-c: it writes
 * a few fixed message shapes, appends only, and never parses, so a generated
 * library (a build-time compiler, a run-time library, a struct per message and an
 * allocation per nested message) would cost more than the 100 lines of varints
 * it replaces.  tests/integration/perfetto-pb.sh decodes the output with protoc.
 *
 * Layout: one packet sequence per thread.  A sequence starts with a packet that
 * clears its incremental state, declares an incremental clock (each timestamp is
 * the delta from the previous one on the sequence: a thread's calls come in time
 * order) and sets the thread's track as the default; then the process and thread
 * track descriptors, with names once the renderer knows them.  A call is a
 * SLICE_BEGIN packet (its name, and its arguments as strace prints them) and a
 * SLICE_END packet (return value, errno), names and strings interned per sequence.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "render_fmt.h"
#include "util.h"

/* Field numbers: keep in sync with docs/perfetto/vltrace_perfetto.proto. */
enum {
	WT_VARINT = 0,
	WT_LEN = 2,

	TRACE_PACKET = 1,

	PKT_CLOCK_SNAPSHOT = 6,
	PKT_TIMESTAMP = 8,
	PKT_SEQUENCE_ID = 10,
	PKT_TRACK_EVENT = 11,
	PKT_INTERNED_DATA = 12,
	PKT_SEQUENCE_FLAGS = 13,
	PKT_TIMESTAMP_CLOCK_ID = 58,
	PKT_DEFAULTS = 59,
	PKT_TRACK_DESCRIPTOR = 60,

	SEQ_INCREMENTAL_STATE_CLEARED = 1,

	CLOCKS_CLOCK = 1,
	CLOCKS_PRIMARY = 2,
	CLOCK_ID = 1,
	CLOCK_TIMESTAMP = 2,
	CLOCK_INCREMENTAL = 3,
	PB_CLOCK_MONOTONIC = 3,
	PB_CLOCK_SEQUENCE = 64, /* the first sequence-scoped clock id */

	DEFAULTS_CLOCK_ID = 58,
	DEFAULTS_TRACK_EVENT = 11,
	EVDEFAULTS_TRACK_UUID = 11,

	DESC_UUID = 1,
	DESC_NAME = 2,
	DESC_PROCESS = 3,
	DESC_THREAD = 4,
	PROC_PID = 1,
	PROC_NAME = 6,
	THREAD_PID = 1,
	THREAD_TID = 2,
	THREAD_NAME = 5,

	EV_ANNOTATION = 4,
	EV_TYPE = 9,
	EV_NAME_IID = 10,
	EV_TRACK_UUID = 11,
	EV_NAME = 23,
	TYPE_SLICE_BEGIN = 1,
	TYPE_SLICE_END = 2,
	TYPE_INSTANT = 3,

	ANN_NAME_IID = 1,
	ANN_INT = 4,
	ANN_STRING = 6,
	ANN_NAME = 10,
	ANN_STRING_IID = 17,

	INTERNED_EVENT_NAME = 2,
	INTERNED_ANN_NAME = 3,
	INTERNED_STRING = 29,
	INTERNED_IID = 1,
	INTERNED_VALUE = 2,
};

/* What an interned string names: each kind has its own index of iids. */
enum intern_kind { K_EVENT_NAME, K_ANN_NAME, K_STRING, K_MAX };
static const unsigned intern_field[K_MAX] = {
	INTERNED_EVENT_NAME, INTERNED_ANN_NAME, INTERNED_STRING
};

/*
 * Interned strings a sequence holds before it starts over (a new index, the old
 * one dropped), and the bytes all sequences' strings may take before they all
 * start over: bound the memory a long trace of ever new strings (buffers,
 * addresses) takes, over many threads.  Strings longer than INTERN_MAX_LEN are
 * written in place: they rarely come again.
 */
#define INTERN_MAX 4096
#define INTERN_BUDGET (32u << 20)
#define INTERN_MAX_LEN 256
/* Global sequence and track: lost records, which belong to no thread. */
#define GLOBAL_SEQ 1
#define PROCESS_UUID(tgid) ((1ull << 32) | (tgid))

struct istr {
	uint64_t hash; /* 0: free slot */
	uint64_t iid;
	char *s;
	uint32_t len;
	uint8_t kind;
};

struct seq {
	uint32_t tid, tgid;
	uint32_t id;		/* trusted_packet_sequence_id, also the thread's track uuid */
	int used, dead;
	int restart;		/* its strings were dropped: start over at its next event */
	uint64_t last_ts;	/* the incremental clock */
	char comm[16];		/* the name the descriptors carry */
	struct istr *tab;	/* open addressing on hash */
	size_t ntab, captab;
	size_t ibytes;		/* memory its strings take */
	uint64_t next_iid[K_MAX]; /* never reused on a sequence, even after it starts over */
};

struct pf {
	struct outbuf *out;
	struct seq *seqs;	/* open addressing on tid */
	size_t nseqs, capseqs;
	uint32_t next_id;
	size_t ibytes;		/* memory all sequences' strings take */
	int global_started;
	struct dstr pkt, ev, ann, interned, sub, sub2;
	struct dstr args; /* a call's arguments, joined */
};

/* ---- protobuf encoding ---- */

static void pb_varint(struct dstr *s, uint64_t v)
{
	char b[10];
	size_t n = 0;

	do {
		b[n++] = (char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
	dstr_write(s, b, n);
}

static void pb_uint(struct dstr *s, unsigned field, uint64_t v)
{
	pb_varint(s, (uint64_t)field << 3 | WT_VARINT);
	pb_varint(s, v);
}

static void pb_bytes(struct dstr *s, unsigned field, const void *p, size_t n)
{
	pb_varint(s, (uint64_t)field << 3 | WT_LEN);
	pb_varint(s, n);
	dstr_write(s, p, n);
}

static void pb_str(struct dstr *s, unsigned field, const char *str)
{
	pb_bytes(s, field, str, strlen(str));
}

/* Append sub as field of s, and empty sub. */
static void pb_sub(struct dstr *s, unsigned field, struct dstr *sub)
{
	pb_bytes(s, field, sub->p, sub->len);
	dstr_reset(sub);
}

/* The packet built in pf->pkt becomes one element of Trace.packet. */
static void packet_out(struct pf *pf)
{
	struct dstr head;

	dstr_init(&head);
	pb_varint(&head, (uint64_t)TRACE_PACKET << 3 | WT_LEN);
	pb_varint(&head, pf->pkt.len);
	outbuf_write(pf->out, head.p, head.len);
	outbuf_write(pf->out, pf->pkt.p, pf->pkt.len);
	dstr_free(&head);
	dstr_reset(&pf->pkt);
}

/* ---- interning ---- */

static uint64_t str_hash(const char *s, size_t n, unsigned kind)
{
	uint64_t h = 1469598103934665603ull ^ kind;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 1099511628211ull;
	return h ? h : 1;
}

static void intern_clear(struct pf *pf, struct seq *q)
{
	for (size_t i = 0; i < q->captab; i++)
		free(q->tab[i].s);
	free(q->tab);
	q->tab = NULL;
	q->ntab = q->captab = 0;
	pf->ibytes -= q->ibytes;
	q->ibytes = 0;
}

static void intern_grow(struct seq *q)
{
	struct istr *old = q->tab;
	size_t oldcap = q->captab;

	q->captab = oldcap ? oldcap * 2 : 64;
	q->tab = vt_calloc(q->captab, sizeof(*q->tab));
	for (size_t j = 0; j < oldcap; j++) {
		size_t i = old[j].hash & (q->captab - 1);

		if (!old[j].hash)
			continue;
		while (q->tab[i].hash)
			i = (i + 1) & (q->captab - 1);
		q->tab[i] = old[j];
	}
	free(old);
}

/*
 * The iid of s on sequence q; a string new to the sequence goes into
 * pf->interned, which the packet that first refers to it carries.
 */
static uint64_t intern(struct pf *pf, struct seq *q, unsigned kind, const char *s, size_t n)
{
	uint64_t h = str_hash(s, n, kind);
	size_t i;

	if ((q->ntab + 1) * 2 > q->captab)
		intern_grow(q);
	for (i = h & (q->captab - 1); q->tab[i].hash; i = (i + 1) & (q->captab - 1)) {
		struct istr *e = &q->tab[i];

		if (e->hash == h && e->kind == kind && e->len == n && !memcmp(e->s, s, n))
			return e->iid;
	}
	q->tab[i] = (struct istr){ .hash = h, .iid = ++q->next_iid[kind], .len = n, .kind = kind };
	q->tab[i].s = vt_malloc(n + 1);
	memcpy(q->tab[i].s, s, n);
	q->tab[i].s[n] = 0;
	q->ntab++;
	q->ibytes += n + 1 + 2 * sizeof(*q->tab);
	pf->ibytes += n + 1 + 2 * sizeof(*q->tab);
	pb_uint(&pf->sub2, INTERNED_IID, q->tab[i].iid);
	pb_bytes(&pf->sub2, INTERNED_VALUE, s, n);
	pb_sub(&pf->interned, intern_field[kind], &pf->sub2);
	return q->tab[i].iid;
}

/* ---- sequences ---- */

static size_t seq_slot(const struct pf *pf, uint32_t tid)
{
	return (tid * 2654435761u) & (pf->capseqs - 1);
}

static void seqs_grow(struct pf *pf)
{
	struct seq *old = pf->seqs;
	size_t oldcap = pf->capseqs;

	pf->capseqs = oldcap ? oldcap * 2 : 64;
	pf->seqs = vt_calloc(pf->capseqs, sizeof(*pf->seqs));
	for (size_t j = 0; j < oldcap; j++) {
		size_t i;

		if (!old[j].used)
			continue;
		i = seq_slot(pf, old[j].tid);
		while (pf->seqs[i].used)
			i = (i + 1) & (pf->capseqs - 1);
		pf->seqs[i] = old[j];
	}
	free(old);
}

/*
 * (Re)start q at ts: clear its incremental state, declare its incremental clock
 * at ts and make the thread's track the default one.
 */
static void seq_start(struct pf *pf, struct seq *q, uint64_t ts)
{
	intern_clear(pf, q);
	pb_uint(&pf->pkt, PKT_SEQUENCE_ID, q->id);
	pb_uint(&pf->pkt, PKT_SEQUENCE_FLAGS, SEQ_INCREMENTAL_STATE_CLEARED);
	pb_uint(&pf->pkt, PKT_TIMESTAMP, ts);
	pb_uint(&pf->pkt, PKT_TIMESTAMP_CLOCK_ID, PB_CLOCK_MONOTONIC);
	pb_uint(&pf->sub2, CLOCK_ID, PB_CLOCK_MONOTONIC);
	pb_uint(&pf->sub2, CLOCK_TIMESTAMP, ts);
	pb_sub(&pf->sub, CLOCKS_CLOCK, &pf->sub2);
	pb_uint(&pf->sub2, CLOCK_ID, PB_CLOCK_SEQUENCE);
	pb_uint(&pf->sub2, CLOCK_TIMESTAMP, ts);
	pb_uint(&pf->sub2, CLOCK_INCREMENTAL, 1);
	pb_sub(&pf->sub, CLOCKS_CLOCK, &pf->sub2);
	/* the trace's time is CLOCK_MONOTONIC, the records' clock: no conversion */
	pb_uint(&pf->sub, CLOCKS_PRIMARY, PB_CLOCK_MONOTONIC);
	pb_sub(&pf->pkt, PKT_CLOCK_SNAPSHOT, &pf->sub);
	pb_uint(&pf->sub, DEFAULTS_CLOCK_ID, PB_CLOCK_SEQUENCE);
	pb_uint(&pf->sub2, EVDEFAULTS_TRACK_UUID, q->id);
	pb_sub(&pf->sub, DEFAULTS_TRACK_EVENT, &pf->sub2);
	pb_sub(&pf->pkt, PKT_DEFAULTS, &pf->sub);
	packet_out(pf);
	q->last_ts = ts;
}

/* The process's and the thread's tracks, named after comm when it is known. */
static void seq_describe(struct pf *pf, struct seq *q, const char *comm, uint64_t ts)
{
	snprintf(q->comm, sizeof(q->comm), "%s", comm);
	/* an absolute time: a packet on the incremental clock would move it */
	pb_uint(&pf->pkt, PKT_SEQUENCE_ID, q->id);
	pb_uint(&pf->pkt, PKT_TIMESTAMP, ts);
	pb_uint(&pf->pkt, PKT_TIMESTAMP_CLOCK_ID, PB_CLOCK_MONOTONIC);
	pb_uint(&pf->sub, DESC_UUID, PROCESS_UUID(q->tgid));
	pb_uint(&pf->sub2, PROC_PID, q->tgid);
	if (*comm)
		pb_str(&pf->sub2, PROC_NAME, comm);
	pb_sub(&pf->sub, DESC_PROCESS, &pf->sub2);
	pb_sub(&pf->pkt, PKT_TRACK_DESCRIPTOR, &pf->sub);
	packet_out(pf);

	pb_uint(&pf->pkt, PKT_SEQUENCE_ID, q->id);
	pb_uint(&pf->pkt, PKT_TIMESTAMP, ts);
	pb_uint(&pf->pkt, PKT_TIMESTAMP_CLOCK_ID, PB_CLOCK_MONOTONIC);
	/* no parent_uuid: the pid in the descriptor puts a thread track under its process */
	pb_uint(&pf->sub, DESC_UUID, q->id);
	pb_uint(&pf->sub2, THREAD_PID, q->tgid);
	pb_uint(&pf->sub2, THREAD_TID, q->tid);
	if (*comm)
		pb_str(&pf->sub2, THREAD_NAME, comm);
	pb_sub(&pf->sub, DESC_THREAD, &pf->sub2);
	pb_sub(&pf->pkt, PKT_TRACK_DESCRIPTOR, &pf->sub);
	packet_out(pf);
}

/* The sequence of thread tid, started (and described) if it is new. */
static struct seq *seq_get(struct pf *pf, uint32_t tid, uint32_t tgid, const char *comm,
			   uint64_t ts)
{
	struct seq *q = NULL;
	size_t i;

	for (i = seq_slot(pf, tid); pf->seqs[i].used; i = (i + 1) & (pf->capseqs - 1)) {
		if (pf->seqs[i].tid == tid) {
			q = &pf->seqs[i];
			break;
		}
	}
	if (!q) {
		if ((pf->nseqs + 1) * 2 > pf->capseqs) {
			seqs_grow(pf);
			i = seq_slot(pf, tid);
			while (pf->seqs[i].used)
				i = (i + 1) & (pf->capseqs - 1);
		}
		q = &pf->seqs[i];
		memset(q, 0, sizeof(*q));
		q->used = 1;
		q->tid = tid;
		pf->nseqs++;
		q->dead = 1;
	}
	if (q->dead) {
		/* new, or its tid taken again by a new thread: a new sequence and track */
		intern_clear(pf, q);
		memset(q->next_iid, 0, sizeof(q->next_iid));
		q->dead = 0;
		q->restart = 0;
		q->tgid = tgid;
		q->id = ++pf->next_id;
		seq_start(pf, q, ts);
		seq_describe(pf, q, comm, ts);
	} else if (strncmp(q->comm, comm, sizeof(q->comm) - 1)) {
		seq_describe(pf, q, comm, ts);
	}
	if (pf->ibytes > INTERN_BUDGET) {
		for (i = 0; i < pf->capseqs; i++) {
			if (pf->seqs[i].used && !pf->seqs[i].dead) {
				intern_clear(pf, &pf->seqs[i]);
				pf->seqs[i].restart = 1;
			}
		}
	}
	if (q->restart || q->ntab >= INTERN_MAX) {
		seq_start(pf, q, ts > q->last_ts ? ts : q->last_ts);
		q->restart = 0;
	}
	return q;
}

/* ---- events ---- */

/* Packet header of an event at ts on q: on the incremental clock unless ts went back. */
static void event_head(struct pf *pf, struct seq *q, uint64_t ts)
{
	pb_uint(&pf->pkt, PKT_SEQUENCE_ID, q->id);
	if (ts >= q->last_ts) {
		pb_uint(&pf->pkt, PKT_TIMESTAMP, ts - q->last_ts);
		q->last_ts = ts;
	} else {
		pb_uint(&pf->pkt, PKT_TIMESTAMP, ts);
		pb_uint(&pf->pkt, PKT_TIMESTAMP_CLOCK_ID, PB_CLOCK_MONOTONIC);
	}
}

/* The event built in pf->ev (and the strings it interned) as one packet. */
static void event_out(struct pf *pf)
{
	if (pf->interned.len)
		pb_sub(&pf->pkt, PKT_INTERNED_DATA, &pf->interned);
	pb_sub(&pf->pkt, PKT_TRACK_EVENT, &pf->ev);
	packet_out(pf);
}

/* A plain decimal number without leading zeros: an integer annotation. */
static int is_decimal(const char *s, int64_t *v)
{
	const char *p = s;

	if (!*p || strlen(p) > 18 || (*p == '0' && p[1]))
		return 0;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	*v = strtoll(s, NULL, 10);
	return 1;
}

static void annotate(struct pf *pf, struct seq *q, const char *name, const char *value)
{
	size_t n = strlen(value);
	int64_t v;

	pb_uint(&pf->ann, ANN_NAME_IID, intern(pf, q, K_ANN_NAME, name, strlen(name)));
	if (is_decimal(value, &v))
		pb_uint(&pf->ann, ANN_INT, (uint64_t)v);
	else if (n <= INTERN_MAX_LEN)
		pb_uint(&pf->ann, ANN_STRING_IID, intern(pf, q, K_STRING, value, n));
	else
		pb_bytes(&pf->ann, ANN_STRING, value, n);
	pb_sub(&pf->ev, EV_ANNOTATION, &pf->ann);
}

static void annotate_int(struct pf *pf, struct seq *q, const char *name, int64_t v)
{
	pb_uint(&pf->ann, ANN_NAME_IID, intern(pf, q, K_ANN_NAME, name, strlen(name)));
	pb_uint(&pf->ann, ANN_INT, (uint64_t)v);
	pb_sub(&pf->ev, EV_ANNOTATION, &pf->ann);
}

static void pf_call(void *st, const struct render_call *c)
{
	struct pf *pf = st;
	struct seq *q = seq_get(pf, c->tid, c->tgid, c->comm, c->enter_ts);

	event_head(pf, q, c->enter_ts);
	pb_uint(&pf->ev, EV_TYPE, TYPE_SLICE_BEGIN);
	pb_uint(&pf->ev, EV_NAME_IID, intern(pf, q, K_EVENT_NAME, c->name, strlen(c->name)));
	/*
	 * The arguments as one annotation, as strace prints them between the
	 * parentheses: interned, a call costs 6 bytes of arguments however many it
	 * has, where one annotation per argument cost 6 bytes each (60 bytes a call
	 * on nginx, against 40).  The arguments one by one are in CSV and JSON.
	 */
	dstr_reset(&pf->args);
	for (int i = 0; c->entered && i < c->nargs; i++) {
		if (!c->arg[i])
			continue;
		if (pf->args.len)
			dstr_puts(&pf->args, ", ");
		dstr_puts(&pf->args, c->arg[i]);
	}
	if (c->entered)
		annotate(pf, q, "args", pf->args.p);
	event_out(pf);
	if (!c->returned)
		return;
	event_head(pf, q, c->exit_ts);
	pb_uint(&pf->ev, EV_TYPE, TYPE_SLICE_END);
	annotate_int(pf, q, "ret", c->ret);
	if (c->errname)
		annotate(pf, q, "errno", c->errname);
	event_out(pf);
}

static void pf_event(void *st, const struct render_event *e)
{
	struct pf *pf = st;
	struct seq *q;

	if (!e->tid) {
		/* no thread: the global sequence, absolute times, nothing interned */
		if (!pf->global_started) {
			pb_uint(&pf->pkt, PKT_SEQUENCE_ID, GLOBAL_SEQ);
			pb_uint(&pf->sub, DESC_UUID, GLOBAL_SEQ);
			pb_str(&pf->sub, DESC_NAME, "vltrace");
			pb_sub(&pf->pkt, PKT_TRACK_DESCRIPTOR, &pf->sub);
			packet_out(pf);
			pf->global_started = 1;
		}
		pb_uint(&pf->pkt, PKT_SEQUENCE_ID, GLOBAL_SEQ);
		pb_uint(&pf->pkt, PKT_TIMESTAMP, e->ts);
		pb_uint(&pf->pkt, PKT_TIMESTAMP_CLOCK_ID, PB_CLOCK_MONOTONIC);
		pb_uint(&pf->ev, EV_TYPE, TYPE_INSTANT);
		pb_uint(&pf->ev, EV_TRACK_UUID, GLOBAL_SEQ);
		pb_str(&pf->ev, EV_NAME, e->type);
		pb_str(&pf->ann, ANN_NAME, "info");
		pb_str(&pf->ann, ANN_STRING, e->text);
		pb_sub(&pf->ev, EV_ANNOTATION, &pf->ann);
		pb_sub(&pf->pkt, PKT_TRACK_EVENT, &pf->ev);
		packet_out(pf);
		return;
	}
	q = seq_get(pf, e->tid, e->tgid, e->comm, e->ts);
	event_head(pf, q, e->ts);
	pb_uint(&pf->ev, EV_TYPE, TYPE_INSTANT);
	pb_uint(&pf->ev, EV_NAME_IID, intern(pf, q, K_EVENT_NAME, e->type, strlen(e->type)));
	annotate(pf, q, "info", e->text);
	event_out(pf);
	if (!strcmp(e->type, "exit")) {
		/* the thread is gone: its tid, taken again, is another thread's track */
		q->dead = 1;
		intern_clear(pf, q);
	}
}

static void *pf_open(struct outbuf *out, const struct render_opts *o)
{
	struct pf *pf = vt_calloc(1, sizeof(*pf));

	pf->out = out;
	pf->next_id = GLOBAL_SEQ;
	seqs_grow(pf);
	dstr_init(&pf->pkt);
	dstr_init(&pf->ev);
	dstr_init(&pf->ann);
	dstr_init(&pf->interned);
	dstr_init(&pf->sub);
	dstr_init(&pf->sub2);
	dstr_init(&pf->args);
	return pf;
}

static void pf_finish(void *st)
{
}

static void pf_close(void *st)
{
	struct pf *pf = st;

	if (!pf)
		return;
	for (size_t i = 0; i < pf->capseqs; i++)
		if (pf->seqs[i].used)
			intern_clear(pf, &pf->seqs[i]);
	free(pf->seqs);
	dstr_free(&pf->pkt);
	dstr_free(&pf->ev);
	dstr_free(&pf->ann);
	dstr_free(&pf->interned);
	dstr_free(&pf->sub);
	dstr_free(&pf->sub2);
	dstr_free(&pf->args);
	free(pf);
}

const struct render_fmt_ops render_perfetto_ops = {
	.open = pf_open,
	.call = pf_call,
	.event = pf_event,
	.finish = pf_finish,
	.close = pf_close,
};
