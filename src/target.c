// SPDX-License-Identifier: LGPL-2.1-or-later
#include "target.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Find cmd the way execvp would, so the child execs exactly one path. */
static int resolve(const char *cmd, char *path, size_t len)
{
	const char *p, *env;
	struct stat st;

	if (strchr(cmd, '/')) {
		if (stat(cmd, &st))
			return -errno;
		snprintf(path, len, "%s", cmd);
		return 0;
	}
	env = getenv("PATH");
	if (!env || !*env)
		env = "/usr/local/bin:/usr/bin:/bin";
	for (p = env; p;) {
		const char *colon = strchr(p, ':');
		size_t dl = colon ? (size_t)(colon - p) : strlen(p);

		if (dl == 0)
			snprintf(path, len, "./%s", cmd);
		else
			snprintf(path, len, "%.*s/%s", (int)dl, p, cmd);
		if (!stat(path, &st) && S_ISREG(st.st_mode) && !access(path, X_OK))
			return 0;
		p = colon ? colon + 1 : NULL;
	}
	return -ENOENT;
}

/*
 * -u USER as strace takes it: a name from the passwd database.  A number is
 * taken too, for the passwd entry that has it as uid; it is the entry's name
 * that initgroups() needs, or the user's supplementary groups are lost.  No
 * entry: refused, as strace refuses it, so that no unchecked number (or one
 * that wraps, like 4294967296 to 0) ever becomes the command's uid.
 */
static int lookup_user(const char *user, struct target_user *u)
{
	struct passwd *pw = getpwnam(user);
	unsigned long long v;
	char *end;

	if (!pw && *user >= '0' && *user <= '9') {
		errno = 0;
		v = strtoull(user, &end, 10);
		/* (uid_t)-1 means "no change" to setuid(): never a user */
		if (errno || *end || v >= (uid_t)-1) {
			vt_error("Cannot find user '%s': a numeric uid goes from 0 to %u", user,
				 (uid_t)-1 - 1);
			return -ERANGE;
		}
		pw = getpwuid((uid_t)v);
	}
	if (!pw) {
		vt_error("Cannot find user '%s': give a user name or the uid of one "
			 "(getent passwd lists them)",
			 user);
		return -ENOENT;
	}
	if (strlen(pw->pw_name) >= sizeof(u->name)) {
		vt_error("Cannot find user '%s': its name '%s' is too long", user, pw->pw_name);
		return -ENAMETOOLONG;
	}
	strcpy(u->name, pw->pw_name);
	u->uid = pw->pw_uid;
	u->gid = pw->pw_gid;
	return 0;
}

/*
 * Where the child leaves why it could not become CMD: a page shared with the
 * parent until the child's execve replaces its memory.  A pipe would do (it is
 * what posix_spawn does), but after a failed execve the child is traced, and a
 * write() to report it would show in the trace; a store into memory does not.
 */
struct target_report {
	int step;	/* enum target_step; 0: nothing failed */
	int err;	/* errno */
};

enum target_step {
	STEP_NONE,
	STEP_INITGROUPS,
	STEP_SETGID,
	STEP_SETUID,
	STEP_EXEC,
};

static void __attribute__((noreturn)) child_fail(struct target_report *rep, int step)
{
	rep->err = errno;
	__atomic_store_n(&rep->step, step, __ATOMIC_RELEASE);
	_exit(1);
}

/*
 * In the child, between fork and exec.  vltrace starts no thread before the
 * fork, so the NSS lookups of initgroups() cannot meet a lock held by another.
 */
static void __attribute__((noreturn)) child_run(int go_fd, const char *path, char **cmd,
						 const struct target_user *u,
						 struct target_report *rep)
{
	char c;
	ssize_t n;
	sigset_t none;

	/* signals vltrace blocks for itself must not stay blocked in CMD */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	do
		n = read(go_fd, &c, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1)
		_exit(127); /* vltrace went away before the hooks were live */
	if (u) {
		if (initgroups(u->name, u->gid))
			child_fail(rep, STEP_INITGROUPS);
		if (setgid(u->gid))
			child_fail(rep, STEP_SETGID);
		if (setuid(u->uid))
			child_fail(rep, STEP_SETUID);
	}
	execv(path, cmd);
	child_fail(rep, STEP_EXEC);
}

int target_spawn(struct target *t, char **cmd, const char *user)
{
	struct target_user u;
	char path[PATH_MAX];
	int pfd[2], err;
	pid_t pid;

	memset(t, 0, sizeof(*t));
	t->go_fd = -1;
	err = resolve(cmd[0], path, sizeof(path));
	if (err) {
		/* strace's own words, so scripts that grep for them keep working */
		vt_error("Can't stat '%s': %s", cmd[0], strerror(-err));
		return err;
	}
	if (user) {
		err = lookup_user(user, &u);
		if (err)
			return err;
		t->user = u;
	}
	t->report = mmap(NULL, sizeof(*t->report), PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (t->report == MAP_FAILED) {
		err = -errno;
		t->report = NULL;
		vt_error("cannot start %s: %s", cmd[0], strerror(-err));
		return err;
	}
	if (pipe2(pfd, O_CLOEXEC)) {
		err = -errno;
		goto fail_map;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		err = -errno;
		close(pfd[0]);
		close(pfd[1]);
		vt_error("cannot fork: %s", strerror(-err));
		goto fail_map;
	}
	if (pid == 0) {
		close(pfd[1]);
		child_run(pfd[0], path, cmd, user ? &u : NULL, t->report);
	}
	close(pfd[0]);
	t->pid = pid;
	t->go_fd = pfd[1];
	snprintf(t->path, sizeof(t->path), "%s", path);
	return 0;
fail_map:
	munmap(t->report, sizeof(*t->report));
	t->report = NULL;
	return err;
}

/* Once reaped: did the child fail before it became CMD?  Says so once. */
static void check_report(struct target *t)
{
	int step = __atomic_load_n(&t->report->step, __ATOMIC_ACQUIRE), e = t->report->err;

	switch (step) {
	case STEP_NONE:
		return;
	case STEP_INITGROUPS:
		vt_error("cannot run the command as %s: setting its groups failed: %s: vltrace "
			 "needs CAP_SETGID for -u",
			 t->user.name, strerror(e));
		break;
	case STEP_SETGID:
		vt_error("cannot run the command as %s: setgid(%u) failed: %s: vltrace needs "
			 "CAP_SETGID for -u",
			 t->user.name, (unsigned)t->user.gid, strerror(e));
		break;
	case STEP_SETUID:
		vt_error("cannot run the command as %s: setuid(%u) failed: %s: vltrace needs "
			 "CAP_SETUID for -u",
			 t->user.name, (unsigned)t->user.uid, strerror(e));
		break;
	default:
		vt_error("exec %s: %s: check that it is a program this machine can run",
			 t->path, strerror(e));
		break;
	}
	t->failed = step;
}

int target_release(struct target *t)
{
	int err = 0;

	if (t->go_fd < 0)
		return 0;
	if (write(t->go_fd, "g", 1) != 1)
		err = -errno;
	close(t->go_fd);
	t->go_fd = -1;
	return err;
}

void target_abort(struct target *t)
{
	if (!t->pid)
		return;
	if (t->go_fd >= 0) {
		/* closing the pipe makes the child exit without exec */
		close(t->go_fd);
		t->go_fd = -1;
	}
	if (!t->reaped) {
		/* it must not run; a child stopped before it read the pipe would not exit */
		kill(t->pid, SIGKILL);
		while (waitpid(t->pid, &t->status, 0) < 0 && errno == EINTR)
			;
		t->reaped = 1;
	}
	target_free(t);
}

void target_free(struct target *t)
{
	if (t->report)
		munmap(t->report, sizeof(*t->report));
	t->report = NULL;
}

void target_reaped(struct target *t)
{
	t->reaped = 1;
	if (t->report)
		check_report(t);
}

int target_poll(struct target *t)
{
	pid_t r;

	if (!t->pid || t->reaped)
		return t->reaped;
	r = waitpid(t->pid, &t->status, WNOHANG);
	if (r == t->pid)
		target_reaped(t);
	return t->reaped;
}

/*
 * Has every thread of process pid exited?  A zombie keeps its /proc entry (and its
 * name) until its parent reaps it, but it will never make a syscall or exit again:
 * a tracer waiting for its exit would wait forever.  A main thread that called
 * pthread_exit is a zombie too, while the other threads run on.
 */
static int proc_exited(pid_t pid)
{
	char path[300], buf[512], *p;
	struct dirent *de;
	int live = 0;
	ssize_t n;
	DIR *d;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	d = opendir(path);
	if (!d)
		return errno == ENOENT;
	while (!live && (de = readdir(d))) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/stat", pid, de->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = 0;
		/* "pid (comm) S ...": comm may hold spaces and parentheses */
		p = strrchr(buf, ')');
		if (p && p[1] == ' ' && p[2] != 'Z' && p[2] != 'X')
			live = 1;
	}
	closedir(d);
	return !live;
}

pid_t target_tgid_of(pid_t tid)
{
	char path[64], buf[4096], *p;
	pid_t tgid;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -ESRCH;
	buf[n] = 0;
	p = strstr(buf, "\nTgid:");
	if (!p)
		return -ESRCH;
	tgid = (pid_t)strtol(p + 6, NULL, 10);
	return proc_exited(tgid) ? -ESRCH : tgid;
}

int target_find_by_name(char *const *names, unsigned nnames, pid_t self, pid_t **out,
			unsigned *n)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int found = 0;

	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		char path[300], comm[32];
		ssize_t len;
		pid_t pid;
		int fd;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		pid = strtol(de->d_name, NULL, 10);
		if (pid == self)
			continue;
		snprintf(path, sizeof(path), "/proc/%s/comm", de->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		len = read(fd, comm, sizeof(comm) - 1);
		close(fd);
		if (len <= 0)
			continue;
		comm[len] = 0;
		comm[strcspn(comm, "\n")] = 0;
		for (unsigned i = 0; i < nnames; i++) {
			if (strcmp(comm, names[i]))
				continue;
			/* a kernel thread never makes a system call nor exits: no target */
			if (proc_exited(pid) || target_is_kthread(pid))
				break;
			*out = realloc(*out, (*n + 1) * sizeof(**out));
			if (!*out)
				vt_die(ENOMEM);
			(*out)[(*n)++] = pid;
			found++;
			break;
		}
	}
	closedir(d);
	return found;
}

int target_is_kthread(pid_t pid)
{
	char path[64], buf[512], *p;
	unsigned long long flags;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	/* "pid (comm) state ppid pgrp session tty_nr tpgid flags ...": comm may hold ") " */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %llu", &flags) != 1)
		return 0;
	return (flags & 0x00200000) != 0; /* PF_KTHREAD, include/linux/sched.h */
}

unsigned target_unique(pid_t *v, unsigned n)
{
	unsigned out = 0;

	for (unsigned i = 0; i < n; i++) {
		unsigned j;

		for (j = 0; j < out && v[j] != v[i]; j++)
			;
		if (j == out)
			v[out++] = v[i];
	}
	return out;
}
