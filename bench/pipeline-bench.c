// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Synthetic records through the real pipeline: rings laid out in memory as the
 * kernel lays out BPF ring buffers (or, with -V, vltrace's own rings) -> readers ->
 * queues -> merger -> writer -> a trace file.  Reports records/s, MB/s of trace file and the CPU time the process
 * spent per record (all its threads: without -p, the pipeline's), the median of rounds.
 *
 *   pipeline-bench [-n RECORDS] [-c CPUS] [-r ROUNDS] [-o FILE] [-p] [-D] [-V]
 *
 *   -n  records per round, all CPUs together (default 40000000)
 *   -c  CPU rings, one reader each (default 2)
 *   -r  rounds (default 3)
 *   -o  trace file (default /var/tmp/vltrace-pipeline-bench.vlt; /dev/null works)
 *   -p  live producers: one thread per ring writes records while the pipeline
 *       runs (they compete for the CPUs as the traced programs would); without
 *       -p the rings are filled before the clock starts, so only the pipeline
 *       is measured
 *   -D  no O_DIRECT
 *   -V  vltrace's own rings (record.h struct vt_ring_ctl, --buffer=ring), written
 *       one record at a time as the BPF programs write them (ring_reserve,
 *       ring_commit), instead of BPF ring buffers
 *
 * Records: entries (72 bytes) and exits (32 bytes) alternating, as syscalls
 * without captured data produce them.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "outfile.h"
#include "pipeline.h"
#include "reader.h"

/* The writer links against the renderer; nothing is rendered here. */
void render_record(struct renderer *r, const struct vt_hdr *rec)
{
}

void render_finish(struct renderer *r)
{
}

void render_flush(struct renderer *r)
{
}

struct ring {
	unsigned long cons __attribute__((aligned(64)));
	unsigned long prod __attribute__((aligned(64)));
	uint8_t *data;
	struct vt_ring_ctl *ctl; /* -V */
	uint64_t size;
	struct reader_ring r;
	/* producer */
	unsigned cpu;
	uint64_t n, made;
	pthread_t th;
};

static inline void *slot(struct ring *g, unsigned long pos)
{
	return g->data + (pos & (g->size - 1));
}

/*
 * Write up to max records as one reservation: the first header stays busy
 * until the batch is written, as a BPF program's record does until it submits.
 * The batch is stamped from one clock read taken after the reservation (+1 ns
 * a record), so a producer preempted mid-batch cannot make records late.
 */
static uint64_t produce_batch(struct ring *g, uint64_t max)
{
	unsigned long cons = __atomic_load_n(&g->cons, __ATOMIC_ACQUIRE);
	unsigned long start = g->prod, pos = start, end = start;
	uint32_t first_len = 0;
	uint64_t ts, k, n;

	for (n = 0; n < max; n++) {
		uint32_t len = (g->made + n) & 1 ? sizeof(struct vt_exit) : sizeof(struct vt_enter);

		if (end + len + READER_RB_HDR - cons > g->size)
			break;
		if (!n)
			first_len = len;
		end += len + READER_RB_HDR;
	}
	if (!n)
		return 0;
	__atomic_store_n((uint32_t *)slot(g, start), first_len | READER_RB_BUSY, __ATOMIC_RELAXED);
	__atomic_store_n(&g->prod, end, __ATOMIC_RELEASE);
	ts = vt_now_ns(CLOCK_MONOTONIC);
	max = n;

	for (k = 0; k < max; k++) {
		uint64_t seq = g->made + k, buf[sizeof(struct vt_enter) / 8];
		uint32_t len = seq & 1 ? sizeof(struct vt_exit) : sizeof(struct vt_enter);
		uint64_t total = len + READER_RB_HDR, off;
		struct vt_hdr *h = (struct vt_hdr *)buf;

		h->ts = ts + k;
		h->tid = 1000 + g->cpu;
		h->tgid = 1000;
		h->cpu = g->cpu;
		h->size = len;
		h->nr = 0;
		if (seq & 1) {
			struct vt_exit *x = (struct vt_exit *)h;

			h->type = VT_EXIT;
			x->ret = 4096;
		} else {
			struct vt_enter *e = (struct vt_enter *)h;

			h->type = VT_ENTER;
			e->args[0] = 3;
			e->args[1] = 0x7ffd0000;
			e->args[2] = 4096;
			e->args[3] = e->args[4] = e->args[5] = 0;
		}
		/* headers never straddle the end (8-aligned); a sample may, as in the kernel */
		off = (pos + READER_RB_HDR) & (g->size - 1);
		if (off + len <= g->size) {
			memcpy(g->data + off, buf, len);
		} else {
			memcpy(g->data + off, buf, g->size - off);
			memcpy(g->data, (uint8_t *)buf + (g->size - off), len - (g->size - off));
		}
		if (k)
			*(uint32_t *)slot(g, pos) = len;
		pos += total;
	}
	__atomic_store_n((uint32_t *)slot(g, start), first_len, __ATOMIC_RELEASE);
	g->made += k;
	return k;
}

/* The record of sequence number seq, as produce_batch writes it. */
static uint32_t make_rec(struct ring *g, uint64_t seq, uint64_t ts, uint64_t *buf)
{
	uint32_t len = seq & 1 ? sizeof(struct vt_exit) : sizeof(struct vt_enter);
	struct vt_hdr *h = (struct vt_hdr *)buf;

	h->ts = ts;
	h->tid = 1000 + g->cpu;
	h->tgid = 1000;
	h->cpu = g->cpu;
	h->size = len;
	h->nr = 0;
	if (seq & 1) {
		h->type = VT_EXIT;
		((struct vt_exit *)h)->ret = 4096;
	} else {
		struct vt_enter *e = (struct vt_enter *)h;

		h->type = VT_ENTER;
		e->args[0] = 3;
		e->args[1] = 0x7ffd0000;
		e->args[2] = 4096;
		e->args[3] = e->args[4] = e->args[5] = 0;
	}
	return len;
}

/*
 * -V: up to max records into vltrace's ring, each reserved and committed on its
 * own as bpf/vltrace.bpf.c does (ring_reserve, ring_commit), stamped after the
 * reservation for the reason produce_batch gives.
 */
static uint64_t produce_vt(struct ring *g, uint64_t max)
{
	struct vt_ring_ctl *c = g->ctl;
	uint64_t k;

	for (k = 0; k < max; k++) {
		uint64_t seq = g->made + k, buf[sizeof(struct vt_enter) / 8];
		uint32_t len = seq & 1 ? sizeof(struct vt_exit) : sizeof(struct vt_enter);
		__u64 h = __atomic_load_n(&c->head, __ATOMIC_RELAXED);
		uint8_t *dst;

		if (h + VT_RING_WORD + len - __atomic_load_n(&c->tail, __ATOMIC_ACQUIRE) > g->size)
			break;
		if (!__atomic_compare_exchange_n(&c->head, &h, h + VT_RING_WORD + len, 0,
						 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
			break;
		dst = g->data + (h & (g->size - 1));
		make_rec(g, seq, vt_now_ns(CLOCK_MONOTONIC), buf);
		memcpy(dst + VT_RING_WORD, buf, len);
		__atomic_store_n((__u64 *)dst, vt_ring_word(h, g->size - 1, len, g->r.key),
				 __ATOMIC_RELEASE);
	}
	g->made += k;
	return k;
}

static void *producer(void *arg)
{
	struct ring *g = arg;
	uint64_t (*produce)(struct ring *, uint64_t) = g->ctl ? produce_vt : produce_batch;

	while (g->made < g->n)
		if (!produce(g, g->n - g->made < 256 ? g->n - g->made : 256))
			sched_yield();
	return NULL;
}

/* Everything produced has been taken. */
static int ring_drained(struct ring *g)
{
	if (g->ctl)
		return __atomic_load_n(&g->ctl->tail, __ATOMIC_ACQUIRE) ==
		       __atomic_load_n(&g->ctl->head, __ATOMIC_ACQUIRE);
	return __atomic_load_n(&g->cons, __ATOMIC_ACQUIRE) ==
	       __atomic_load_n(&g->prod, __ATOMIC_ACQUIRE);
}

static const char *names[] = { "read" };

int main(int argc, char **argv)
{
	uint64_t n = 40000000;
	unsigned ncpus = 2, rounds = 3, i, round;
	const char *out = "/var/tmp/vltrace-pipeline-bench.vlt";
	int live = 0, no_direct = 0, vt = 0, c;
	double *rate, *mbs, *cpu;

	while ((c = getopt(argc, argv, "n:c:r:o:pDV")) != -1) {
		switch (c) {
		case 'n': n = strtoull(optarg, NULL, 0); break;
		case 'c': ncpus = atoi(optarg); break;
		case 'r': rounds = atoi(optarg); break;
		case 'o': out = optarg; break;
		case 'p': live = 1; break;
		case 'D': no_direct = 1; break;
		case 'V': vt = 1; break;
		default:
			fprintf(stderr, "usage: %s [-n RECORDS] [-c CPUS] [-r ROUNDS] [-o FILE] [-p] [-D] [-V]\n",
				argv[0]);
			return 1;
		}
	}
	if (!ncpus || !rounds || !n)
		return 1;
	rate = vt_calloc(rounds, sizeof(*rate));
	mbs = vt_calloc(rounds, sizeof(*mbs));
	cpu = vt_calloc(rounds, sizeof(*cpu));

	for (round = 0; round < rounds; round++) {
		struct ring *g = vt_aligned_alloc(64, ncpus * sizeof(*g));
		struct reader_ring *rr = vt_calloc(ncpus, sizeof(*rr));
		struct tracefile_meta meta = {
			.arch = "x86_64", .kernel = "bench", .host = "bench", .cmdline = "bench",
			.ncpus = ncpus, .nsyscalls = 1, .syscall_names = names,
		};
		struct pipeline_opts o = {
			.ncpus = ncpus, .counters_fd = -1, .meta = &meta, .rings = rr,
			.no_direct = no_direct,
		};
		struct pipeline_totals t;
		struct pipeline *p;
		uint64_t per = n / ncpus, ring_size = 1 << 20, t0, t1, c0, c1;
		char why[512];
		unsigned how;
		int fd, err;

		/* without producers the rings hold a whole round: about 52 bytes a record */
		if (!live)
			while (ring_size < per * 64)
				ring_size <<= 1;
		else
			ring_size = 16 << 20;
		for (i = 0; i < ncpus; i++) {
			memset(&g[i], 0, sizeof(g[i]));
			g[i].size = ring_size;
			g[i].cpu = i;
			g[i].n = per;
			if (vt) {
				/* as the kernel hands out a new array: zeroed */
				g[i].ctl = vt_aligned_alloc(4096, VT_RING_ELEM_SIZE(ring_size));
				memset(g[i].ctl, 0, VT_RING_ELEM_SIZE(ring_size));
				g[i].data = (uint8_t *)g[i].ctl + VT_RING_DATA_OFF;
				g[i].r.kind = READER_RING_VT;
				g[i].r.ctl = g[i].ctl;
				g[i].r.key = 0x9e3779b97f4a7c15ull | 1ull << 63;
			} else {
				g[i].data = vt_aligned_alloc(4096, ring_size);
				memset(g[i].data, 0, ring_size);
				g[i].r.consumer_pos = &g[i].cons;
				g[i].r.producer_pos = &g[i].prod;
			}
			g[i].r.data = g[i].data;
			g[i].r.mask = ring_size - 1;
			rr[i] = g[i].r;
			if (!live)
				while (g[i].made < per)
					(vt ? produce_vt : produce_batch)(&g[i], per - g[i].made);
		}
		/* a fixed name in /var/tmp: under vltrace's rule, never a file someone planted */
		if (outfile_create(out, &fd, &how, why, sizeof(why))) {
			fprintf(stderr, "pipeline-bench: %s: %s\n", out, why);
			return 1;
		}
		o.trace_fd = fd;
		c0 = vt_now_ns(CLOCK_PROCESS_CPUTIME_ID);
		t0 = vt_now_ns(CLOCK_MONOTONIC);
		err = pipeline_start(&p, &o);
		if (err) {
			fprintf(stderr, "pipeline-bench: pipeline_start: %s\n", strerror(-err));
			return 1;
		}
		if (live)
			for (i = 0; i < ncpus; i++)
				pthread_create(&g[i].th, NULL, producer, &g[i]);
		/* wait until the readers have taken everything, then stop (drains the rest) */
		for (i = 0; i < ncpus; i++) {
			if (live)
				pthread_join(g[i].th, NULL);
			while (!ring_drained(&g[i]))
				usleep(1000);
		}
		err = pipeline_stop(p);
		t1 = vt_now_ns(CLOCK_MONOTONIC);
		c1 = vt_now_ns(CLOCK_PROCESS_CPUTIME_ID);
		pipeline_totals(p, &t);
		pipeline_free(p);
		close(fd);
		if (err || t.records != per * ncpus || t.late) {
			fprintf(stderr, "pipeline-bench: error %d, %llu of %llu records, %llu late\n",
				err, (unsigned long long)t.records,
				(unsigned long long)(per * ncpus), (unsigned long long)t.late);
			return 1;
		}
		rate[round] = t.records / ((t1 - t0) / 1e9);
		mbs[round] = t.bytes / ((t1 - t0) / 1e9) / 1e6;
		cpu[round] = (double)(c1 - c0) / t.records;
		printf("round %u: %llu records in %.3f s: %.2f M records/s, %.0f MB/s of trace file, %.1f ns CPU a record\n",
		       round + 1, (unsigned long long)t.records, (t1 - t0) / 1e9, rate[round] / 1e6,
		       mbs[round], cpu[round]);
		for (i = 0; i < ncpus; i++)
			free(vt ? (void *)g[i].ctl : g[i].data);
		free(g);
		free(rr);
	}
	printf("median: %.2f M records/s, %.0f MB/s, %.1f ns CPU a record (%u %s, %s, %s)\n",
	       vt_median(rate, rounds) / 1e6, vt_median(mbs, rounds), vt_median(cpu, rounds), ncpus,
	       vt ? "vltrace rings" : "CPU rings", live ? "live producers" : "prefilled rings", out);
	if (strcmp(out, "/dev/null"))
		unlink(out);
	free(rate);
	free(mbs);
	free(cpu);
	return 0;
}
