// SPDX-License-Identifier: LGPL-2.1-or-later
#include "pipeline.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "merger.h"
#include "queue.h"
#include "reader.h"
#include "writer.h"

struct pipeline {
	unsigned ncpus;		/* CPU buffers asked for */
	unsigned nreaders;	/* CPUs that have a buffer */
	unsigned *cpu_of;	/* reader index -> CPU */
	struct reader **readers;
	struct vt_stream *streams;
	struct vt_wait merger_wait;
	struct merger_out out;
	struct merger *merger;
	struct writer *writer;
	int stop;		/* readers: finish (store-release) */
	int stop_fd;		/* eventfd: wakes readers out of their wait */
	int running, stopped;
	int write_error;
	uint64_t *lost_per_cpu;
};

static void fill_totals(void *arg, struct tracefile_totals *t);

int pipeline_tune(struct pipeline_opts *o, const char *spec)
{
	char *copy = vt_strdup(spec), *save = NULL, *kv;
	int err = 0;

	for (kv = strtok_r(copy, ",", &save); kv && !err; kv = strtok_r(NULL, ",", &save)) {
		char *val = strchr(kv, '=');
		uint64_t v;

		if (!val || vt_parse_size(val + 1, &v)) {
			err = -EINVAL;
			break;
		}
		*val = '\0';
		if (!strcmp(kv, "poll_ms") && v >= 1 && v <= 1000)
			o->poll_ms = v;
		else if (!strcmp(kv, "slack_ms") && v >= 1 && v <= 1000)
			o->slack_ns = v * 1000000;
		else if (!strcmp(kv, "flush_ms") && v >= 1 && v <= 10000)
			o->flush_ns = v * 1000000;
		else if (!strcmp(kv, "chunk") && v >= 4096 && v <= (1u << 30))
			o->chunk_size = v;
		else if (!strcmp(kv, "block") && v >= 4096 && v <= (1u << 30) && !(v % 4096))
			o->block_size = v;
		else if (!strcmp(kv, "queued") && v >= (1u << 20))
			o->max_queued = v;
		else if (!strcmp(kv, "direct") && v <= 1)
			o->no_direct = !v;
		else
			err = -EINVAL;
	}
	if (err)
		vt_error("invalid VLTRACE_TUNE '%s': give key=value,... with poll_ms, slack_ms, "
			 "flush_ms, chunk, block (a multiple of 4K), queued or direct (0 or 1)",
			 spec);
	free(copy);
	return err;
}

static void stop_threads(struct pipeline *p)
{
	uint64_t one = 1;
	unsigned i;

	__atomic_store_n(&p->stop, 1, __ATOMIC_RELEASE);
	if (p->stop_fd >= 0 && write(p->stop_fd, &one, sizeof(one)) < 0)
		vt_die(errno);
	for (i = 0; i < p->nreaders; i++)
		reader_join(p->readers[i]);
	/* a reader that never started publishes nothing: end its stream here */
	for (i = 0; i < p->nreaders; i++)
		vt_stream_publish(&p->streams[i], VT_WATERMARK_DONE);
	merger_join(p->merger);
	writer_join(p->writer);
}

int pipeline_start(struct pipeline **out, const struct pipeline_opts *o)
{
	struct pipeline *p;
	uint64_t max_queued, chunk_size;
	unsigned i, budget;
	int err = 0;

	*out = NULL;
	if (!o->ncpus || o->ncpus > TRACEFILE_MAX_CPUS || (!o->buf_fds && !o->rings))
		return -EINVAL;
	if (o->trace_fd < 0 && !o->render && !o->flight_size)
		return -EINVAL;

	p = vt_calloc(1, sizeof(*p));
	p->ncpus = o->ncpus;
	p->stop_fd = -1;
	p->lost_per_cpu = vt_calloc(o->ncpus, sizeof(*p->lost_per_cpu));
	p->cpu_of = vt_calloc(o->ncpus, sizeof(*p->cpu_of));
	p->readers = vt_calloc(o->ncpus, sizeof(*p->readers));
	p->streams = vt_aligned_alloc(VT_CACHELINE, o->ncpus * sizeof(*p->streams));
	memset(p->streams, 0, o->ncpus * sizeof(*p->streams));
	merger_out_init(&p->out, &p->merger_wait);

	for (i = 0; i < o->ncpus; i++)
		if (o->rings ? o->rings[i].data != NULL : o->buf_fds[i] >= 0)
			p->cpu_of[p->nreaders++] = i;

	/* the memory bound, shared out evenly: a stalled reader cannot starve the others */
	max_queued = o->max_queued ? o->max_queued : PIPELINE_MAX_QUEUED_DEFAULT;
	chunk_size = o->chunk_size ? o->chunk_size : VT_CHUNK_DEFAULT;
	if (chunk_size < VT_CHUNK_MIN)
		chunk_size = VT_CHUNK_MIN;
	if (chunk_size > (1u << 30))
		chunk_size = 1u << 30;
	budget = p->nreaders ? max_queued / chunk_size / p->nreaders : 0;
	if (budget < 4)
		budget = 4;

	p->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (p->stop_fd < 0) {
		err = -errno;
		goto fail;
	}
	for (i = 0; i < p->nreaders; i++) {
		unsigned cpu = p->cpu_of[i];
		struct reader_opts ro = {
			.cpu = cpu,
			.ring_fd = o->rings ? -1 : o->buf_fds[cpu],
			.perf = o->buffer == PIPELINE_PERFBUF,
			.perf_size = o->buf_size,
			.ring = o->rings ? &o->rings[cpu] : NULL,
			.counters_fd = o->counters_fd,
			.stop_fd = p->stop_fd,
			.stop = &p->stop,
			.stream = &p->streams[i],
			.poll_ms = o->poll_ms,
			.slack_ns = o->slack_ns ? o->slack_ns : READER_SLACK_NS_DEFAULT,
		};

		vt_stream_init(&p->streams[i], cpu, chunk_size, budget, &p->merger_wait);
		err = reader_new(&p->readers[i], &ro);
		if (err)
			goto fail;
	}
	{
		struct merger_opts mo = {
			.streams = p->streams,
			.nstreams = p->nreaders,
			.wait = &p->merger_wait,
			.out = &p->out,
			.block_size = o->block_size,
			.flush_ns = o->flush_ns,
		};

		err = merger_new(&p->merger, &mo);
		if (err)
			goto fail;
	}
	{
		struct writer_opts wo = {
			.fd = o->trace_fd,
			.meta = o->meta,
			.render = o->render,
			.text_out = o->text_out,
			.in = &p->out,
			.no_direct = o->no_direct,
			.rotate_size = o->rotate_size,
			.rotate_ns = o->rotate_ns,
			.max_size = o->max_size,
			.open_file = o->open_file,
			.file_arg = o->file_arg,
			.flight_size = o->flight_size,
			.max_snapshots = o->max_snapshots,
			.trigger = o->trigger,
			.trigger_text = o->trigger_text,
			.trigger_after_ns = o->trigger_after_ns,
			.totals = fill_totals,
			.totals_arg = p,
		};

		err = writer_new(&p->writer, &wo);
		if (err)
			goto fail;
	}

	/* downstream first, so nothing waits on a stage that does not exist yet */
	p->running = 1;
	err = writer_start(p->writer);
	if (!err)
		err = merger_start(p->merger);
	for (i = 0; !err && i < p->nreaders; i++)
		err = reader_start(p->readers[i]);
	if (err) {
		stop_threads(p);
		p->stopped = 1;
		goto fail;
	}
	*out = p;
	return 0;
fail:
	pipeline_free(p);
	return err;
}

/*
 * Footer totals, called on the writer thread at the end of each file (the counts are
 * atomic loads); the last time once the merger is done: every
 * reader has published its end (release) before the merger saw it (acquire), and
 * the merger marked its output done (release) before the writer saw that.
 */
static void fill_totals(void *arg, struct tracefile_totals *t)
{
	struct pipeline *p = arg;
	struct merger_stats ms;
	unsigned i;

	merger_stats(p->merger, &ms);
	memset(t, 0, sizeof(*t));
	t->records = ms.records;
	t->blocks = ms.blocks;
	t->late = ms.late;
	t->first_ts = ms.first_ts;
	t->last_ts = ms.last_ts;
	t->ncpus = p->ncpus;
	t->lost_per_cpu = p->lost_per_cpu;
	for (i = 0; i < p->nreaders; i++) {
		struct reader_stats rs;

		reader_stats(p->readers[i], &rs);
		p->lost_per_cpu[p->cpu_of[i]] = rs.lost;
		t->lost += rs.lost;
	}
}

int pipeline_stop(struct pipeline *p)
{
	if (!p)
		return 0;
	if (p->running && !p->stopped) {
		stop_threads(p);
		p->stopped = 1;
		p->write_error = writer_failed(p->writer);
	}
	return p->write_error;
}

void pipeline_totals(const struct pipeline *p, struct pipeline_totals *t)
{
	struct merger_stats ms;
	struct writer_stats ws;
	unsigned i;

	memset(t, 0, sizeof(*t));
	merger_stats(p->merger, &ms);
	writer_stats(p->writer, &ws);
	t->records = ws.records;
	t->bytes = ws.bytes;
	t->raw_bytes = ws.raw_bytes;
	t->calls = ws.calls;
	t->degraded = ws.degraded;
	t->files = ws.files;
	t->late = ms.late;
	t->blocks = ms.blocks;
	t->ncpus = p->ncpus;
	t->lost_per_cpu = p->lost_per_cpu;
	for (i = 0; i < p->nreaders; i++) {
		struct reader_stats rs;

		reader_stats(p->readers[i], &rs);
		/* the writer thread fills the same array for the footer, from the same values */
		if (p->stopped)
			p->lost_per_cpu[p->cpu_of[i]] = rs.lost;
		t->lost += rs.lost;
		t->malformed += rs.malformed;
		t->stalls += rs.stalls;
	}
	t->write_error = writer_failed(p->writer);
}

void pipeline_snapshot(struct pipeline *p)
{
	if (p)
		writer_snapshot(p->writer);
}

int pipeline_limited(const struct pipeline *p)
{
	return p ? writer_limited(p->writer) : 0;
}

int pipeline_failed(const struct pipeline *p)
{
	return p ? writer_failed(p->writer) : 0;
}

void pipeline_free(struct pipeline *p)
{
	unsigned i;

	if (!p)
		return;
	if (p->running && !p->stopped)
		pipeline_stop(p);
	merger_free(p->merger);
	writer_free(p->writer);
	for (i = 0; i < p->ncpus; i++)
		reader_free(p->readers[i]);
	for (i = 0; i < p->nreaders; i++)
		vt_stream_fini(&p->streams[i]);
	merger_out_fini(&p->out);
	if (p->stop_fd >= 0)
		close(p->stop_fd);
	free(p->streams);
	free(p->readers);
	free(p->cpu_of);
	free(p->lost_per_cpu);
	free(p);
}
