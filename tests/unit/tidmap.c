// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The thread map takes any tid a file holds, 0 and 0xffffffff included: each is
 * found again, replaced in place and removed, and a file of a million entries of
 * thread 0 costs -R no more memory than a million entries of thread 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "tidmap.h"
#include "tracefile.h"
#include "util.h"

static unsigned freed;

static void count_free(void *p)
{
	if (p == &freed)
		freed++;
}

static void test_any_tid(void)
{
	static const uint32_t tids[] = { 0, 1, 0xffffffffu, 256, 512, 7 };
	struct tidmap m;
	struct tidmap_entry *e;
	unsigned i, bad = 0;

	tidmap_init(&m);
	for (i = 0; i < 100000; i++) {
		e = tidmap_add(&m, 0);
		e->u64 = i;
	}
	e = tidmap_find(&m, 0);
	ok(e && e->tid == 0 && e->u64 == 99999, "tid 0: added 100000 times, found once");
	is_int(m.n + m.has_zero, 1, "tid 0: one entry");
	ok(m.cap <= 256, "tid 0: the table does not grow (%zu slots)", m.cap);

	for (i = 0; i < ARRAY_SIZE(tids); i++)
		tidmap_add(&m, tids[i])->u32 = i + 1;
	for (i = 0; i < ARRAY_SIZE(tids); i++) {
		e = tidmap_find(&m, tids[i]);
		if (!e || e->tid != tids[i] || e->u32 != i + 1)
			bad++;
	}
	is_int(bad, 0, "tids 0, 1, 0xffffffff and colliding ones each keep their entry");
	tidmap_remove(&m, tidmap_find(&m, 0));
	ok(!tidmap_find(&m, 0), "tid 0 removed");
	for (i = 1, bad = 0; i < ARRAY_SIZE(tids); i++)
		if (!tidmap_find(&m, tids[i]))
			bad++;
	is_int(bad, 0, "the others stay");
	tidmap_fini(&m, NULL);

	tidmap_init(&m);
	tidmap_add(&m, 0)->ptr = &freed;
	tidmap_add(&m, 3)->ptr = &freed;
	freed = 0;
	tidmap_fini(&m, count_free);
	is_int(freed, 2, "tidmap_fini frees the entry of tid 0 too");
}

/* ---- a crafted file read by vltrace -R ---- */

static const char *names[] = { "read" };

/* A trace file of n ENTER records of thread tid, none with its exit. */
static int write_file(int fd, uint32_t tid, unsigned n)
{
	struct tracefile_meta m = { 0 };
	static uint8_t blk[TRACEFILE_BLOCK_HDR + (1u << 20)] __attribute__((aligned(8)));
	uint8_t hdr[4096];
	const unsigned per = (sizeof(blk) - TRACEFILE_BLOCK_HDR) / sizeof(struct vt_enter);
	ssize_t len;
	unsigned i = 0;

	strcpy(m.arch, TRACEFILE_ARCH);
	m.record_version = VT_RECORD_VERSION;
	m.ncpus = 1;
	m.nsyscalls = 1;
	m.syscall_names = names;
	m.cmdline = "tidmap test";
	len = tracefile_header_encode(&m, hdr, sizeof(hdr));
	if (len <= 0 || write(fd, hdr, (size_t)len) != len)
		return -1;
	while (i < n) {
		unsigned k = n - i < per ? n - i : per, j;
		struct vt_enter *e = (struct vt_enter *)(blk + TRACEFILE_BLOCK_HDR);

		memset(e, 0, k * sizeof(*e));
		for (j = 0; j < k; j++, i++) {
			e[j].h.ts = 1000 + i;
			e[j].h.tid = tid;
			e[j].h.tgid = tid;
			e[j].h.type = VT_ENTER;
			e[j].h.size = sizeof(*e);
			e[j].h.nr = 0;
		}
		tracefile_block_seal(blk, k * sizeof(*e), k, 1000 + i - k, 1000 + i - 1);
		len = TRACEFILE_BLOCK_HDR + k * sizeof(*e);
		if (write(fd, blk, (size_t)len) != len)
			return -1;
	}
	return 0;
}

/* Peak RSS in KiB of vltrace -R path opt, or -1. */
static long rss_of_read(const char *vltrace, const char *path, const char *opt)
{
	struct rusage ru;
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		execl(vltrace, vltrace, "-R", path, opt, (char *)NULL);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
		return -1;
	return ru.ru_maxrss;
}

static void test_file(void)
{
	const char *vltrace = getenv("VLTRACE");
	static const char *opts[] = { "-c", "-z" };
	char path0[] = "/tmp/vltrace-tid0-XXXXXX", path1[] = "/tmp/vltrace-tid1-XXXXXX";
	const unsigned n = 1000000;
	int fd0, fd1;
	unsigned i;

	if (!vltrace) {
		printf("ok %d # SKIP VLTRACE is not set (make check sets it)\n", ++tap_n);
		return;
	}
	fd0 = mkstemp(path0);
	fd1 = mkstemp(path1);
	if (fd0 < 0 || fd1 < 0 || write_file(fd0, 0, n) || write_file(fd1, 1, n)) {
		ok(0, "trace files written (%s)", strerror(errno));
		goto out;
	}
	for (i = 0; i < ARRAY_SIZE(opts); i++) {
		long rss0 = rss_of_read(vltrace, path0, opts[i]);
		long rss1 = rss_of_read(vltrace, path1, opts[i]);

		ok(rss0 > 0 && rss1 > 0 && rss0 < rss1 + (16 << 10),
		   "-R %s of %u entries of thread 0: peak RSS %ld KiB, of thread 1: %ld KiB",
		   opts[i], n, rss0, rss1);
	}
out:
	if (fd0 >= 0) {
		close(fd0);
		unlink(path0);
	}
	if (fd1 >= 0) {
		close(fd1);
		unlink(path1);
	}
}

int main(void)
{
	test_any_tid();
	test_file();
	return done_testing();
}
