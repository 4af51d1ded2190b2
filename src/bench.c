// SPDX-License-Identifier: LGPL-2.1-or-later
#include "bench.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static uint64_t tv_ns(const struct timeval *tv)
{
	return (uint64_t)tv->tv_sec * 1000000000ull + (uint64_t)tv->tv_usec * 1000;
}

/* ---- the workload (a separate process, traced or not) ---- */

int bench_child(int argc, char **argv)
{
	const char *kind = argc > 2 ? argv[2] : "getppid";
	uint64_t iters = argc > 3 ? strtoull(argv[3], NULL, 10) : 1000000, calls = 0, t0, t1;
	const char *fdenv = getenv(BENCH_FD_ENV);
	struct rusage ru;
	char path[] = "/tmp/vltrace-bench.XXXXXX";
	char buf[64] = "vltrace bench payload, sixty-four bytes long, for write and rd";
	int fd = -1;

	if (!strcmp(kind, "fileio")) {
		fd = mkstemp(path);
		if (fd < 0)
			return 1;
		close(fd);
	}
	t0 = vt_now_ns(CLOCK_MONOTONIC);
	if (!strcmp(kind, "getppid")) {
		for (uint64_t i = 0; i < iters; i++)
			syscall(SYS_getppid);
		calls = iters;
	} else if (!strcmp(kind, "fileio")) {
		/* the open/read/write/close loop: 4 syscalls an iteration */
		for (uint64_t i = 0; i < iters / 4; i++) {
			fd = open(path, O_RDWR);
			if (fd < 0 || write(fd, buf, sizeof(buf)) != sizeof(buf) ||
			    pread(fd, buf, sizeof(buf), 0) != sizeof(buf))
				return 1;
			close(fd);
		}
		calls = iters / 4 * 4;
		unlink(path);
	} else {
		fprintf(stderr, "vltrace: unknown bench workload '%s'\n", kind);
		return 1;
	}
	t1 = vt_now_ns(CLOCK_MONOTONIC);
	getrusage(RUSAGE_SELF, &ru);
	if (fdenv && vt_parse_fd(fdenv) >= 0) {
		int out = vt_parse_fd(fdenv);

		dprintf(out, "%" PRIu64 " %" PRIu64 " %" PRIu64 "\n", calls, t1 - t0,
			tv_ns(&ru.ru_utime) + tv_ns(&ru.ru_stime));
		close(out);
	}
	return 0;
}

/* ---- the driver ---- */

struct variant {
	const char *label;
	const char *args[6]; /* vltrace options; NULL first: untraced */
	int traced;
};

struct run {
	double ns_per_call;
	uint64_t calls, wall_ns, work_cpu_ns;
	uint64_t records, lost, tracer_cpu_ns;
	long maxrss_kb;
	int ok;
};

static int read_line(int fd, char *buf, size_t len)
{
	size_t off = 0;

	while (off < len - 1) {
		ssize_t n = read(fd, buf + off, len - 1 - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += n;
	}
	buf[off] = 0;
	return off;
}

static int run_variant(const char *self, const struct variant *v, const char *kind,
		       uint64_t iters, struct run *r)
{
	int wfd[2], sfd[2], status;
	char iters_s[32], wenv[32], senv[32], line[256];
	const char *argv[24];
	struct rusage ru;
	int n = 0;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	if (pipe(wfd) || pipe(sfd))
		vt_die(errno);
	snprintf(iters_s, sizeof(iters_s), "%" PRIu64, iters);
	argv[n++] = self;
	if (v->traced) {
		argv[n++] = "-q";
		for (int i = 0; v->args[i]; i++)
			argv[n++] = v->args[i];
		argv[n++] = "--";
		argv[n++] = self;
	}
	argv[n++] = BENCH_CHILD_ARG;
	argv[n++] = kind;
	argv[n++] = iters_s;
	argv[n] = NULL;
	snprintf(wenv, sizeof(wenv), "%d", wfd[1]);
	snprintf(senv, sizeof(senv), "%d", sfd[1]);

	pid = fork();
	if (pid < 0)
		vt_die(errno);
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);

		close(wfd[0]);
		close(sfd[0]);
		setenv(BENCH_FD_ENV, wenv, 1);
		if (v->traced)
			setenv(STATS_FD_ENV, senv, 1);
		dup2(devnull, STDOUT_FILENO);
		execv(self, (char **)argv);
		_exit(127);
	}
	close(wfd[1]);
	close(sfd[1]);
	read_line(wfd[0], line, sizeof(line));
	if (sscanf(line, "%" SCNu64 " %" SCNu64 " %" SCNu64, &r->calls, &r->wall_ns,
		   &r->work_cpu_ns) == 3 && r->calls)
		r->ok = 1;
	read_line(sfd[0], line, sizeof(line));
	if (v->traced)
		sscanf(line, "records %" SCNu64 " lost %" SCNu64, &r->records, &r->lost);
	close(wfd[0]);
	close(sfd[0]);
	while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		r->ok = 0;
	if (!r->ok)
		return -1;
	r->ns_per_call = (double)r->wall_ns / r->calls;
	if (v->traced) {
		uint64_t all = tv_ns(&ru.ru_utime) + tv_ns(&ru.ru_stime);

		/* vltrace's rusage includes the workload it reaped */
		r->tracer_cpu_ns = all > r->work_cpu_ns ? all - r->work_cpu_ns : 0;
		r->maxrss_kb = ru.ru_maxrss;
	}
	return 0;
}

int bench_run(const struct cli_opts *o)
{
	char self[4096], dir[] = "/var/tmp/vltrace-bench-XXXXXX", wfile[64], tfile[64];
	const char *kinds[] = { "getppid", "fileio" };
	struct utsname un;
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	int failed = 0;

	if (len <= 0) {
		vt_error("cannot find vltrace's own binary: %s", strerror(errno));
		return 1;
	}
	self[len] = 0;
	/*
	 * The runs' outputs go into a directory of vltrace's own (0700), so nobody
	 * can guess or plant a name there; the files are the real thing measured
	 * (-W's direct I/O to a file, -o's text to a file), not /dev/null.
	 */
	if (!mkdtemp(dir)) {
		vt_error("cannot create a directory in /var/tmp for the benchmark: %s",
			 strerror(errno));
		return 1;
	}
	snprintf(wfile, sizeof(wfile), "%s/trace.vlt", dir);
	snprintf(tfile, sizeof(tfile), "%s/trace.txt", dir);

	struct variant variants[] = {
		{ "untraced", { NULL }, 0 },
		{ "floor (hooks, no records)", { "--floor", "-o", "/dev/null", NULL }, 1 },
		{ "vltrace -W (binary file)", { "-W", wfile, NULL }, 1 },
		{ "vltrace -o (text file)", { "-o", tfile, NULL }, 1 },
		{ "vltrace -c (kernel counts)", { "-c", "-o", "/dev/null", NULL }, 1 },
	};
	enum { NV = ARRAY_SIZE(variants) };
	unsigned rounds = o->bench_rounds;
	struct run *runs = vt_calloc((size_t)NV * rounds, sizeof(*runs));

	uname(&un);
	for (unsigned k = 0; k < ARRAY_SIZE(kinds); k++) {
		double floor_ns = 0, base_ns = 0;

		printf("vltrace --bench: %s workload, %" PRIu64 " syscalls a run, %u rounds, "
		       "medians (%ld CPUs, Linux %s)\n",
		       kinds[k], o->bench_iters, rounds, sysconf(_SC_NPROCESSORS_ONLN), un.release);
		fflush(stdout);
		/* alternate the variants, rotating the order so none always runs first */
		for (unsigned r = 0; r < rounds; r++) {
			for (unsigned i = 0; i < NV; i++) {
				unsigned v = (i + r) % NV;

				if (run_variant(self, &variants[v], kinds[k], o->bench_iters,
						&runs[v * rounds + r])) {
					vt_error("bench run '%s' failed", variants[v].label);
					failed = 1;
					goto out;
				}
			}
		}
		printf("%-28s %10s %9s %11s %11s %10s %8s %10s %9s\n", "variant", "ns/syscall",
		       "x untraced", "above floor", "records/s", "records", "lost", "tracer CPU",
		       "peak RSS");
		for (unsigned v = 0; v < NV; v++) {
			double ns[1000], rps[1000], cpu[1000], med, rec_s, cpu_s;
			uint64_t records = 0, lost = 0;
			long rss = 0;

			for (unsigned r = 0; r < rounds; r++) {
				struct run *x = &runs[v * rounds + r];

				ns[r] = x->ns_per_call;
				rps[r] = x->wall_ns ? x->records * 1e9 / x->wall_ns : 0;
				cpu[r] = x->tracer_cpu_ns / 1e9;
				records += x->records;
				lost += x->lost;
				if (x->maxrss_kb > rss)
					rss = x->maxrss_kb;
			}
			med = vt_median(ns, rounds);
			rec_s = vt_median(rps, rounds);
			cpu_s = vt_median(cpu, rounds);
			if (v == 0)
				base_ns = med;
			if (v == 1)
				floor_ns = med;
			printf("%-28s %10.1f %9.2f ", variants[v].label, med, base_ns ? med / base_ns : 0);
			if (v >= 2)
				printf("%11.1f ", med - floor_ns);
			else
				printf("%11s ", "-");
			if (variants[v].traced)
				printf("%11.0f %10" PRIu64 " %8" PRIu64 " %9.3fs %6ld MiB\n", rec_s,
				       records / rounds, lost, cpu_s, rss / 1024);
			else
				printf("%11s %10s %8s %10s %9s\n", "-", "-", "-", "-", "-");
		}
		printf("\n");
		fflush(stdout);
	}
	printf("records and lost are per run; tracer CPU and RSS are vltrace's own, medians and "
	       "maximum.\n");
out:
	unlink(wfile);
	unlink(tfile);
	rmdir(dir);
	free(runs);
	return failed;
}
