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

static int lookup_user(const char *user, uid_t *uid, gid_t *gid)
{
	struct passwd *pw = getpwnam(user);

	if (!pw) {
		char *end;
		unsigned long v = strtoul(user, &end, 10);

		if (*user && !*end) {
			pw = getpwuid(v);
			if (!pw) {
				*uid = v;
				*gid = v;
				return 0;
			}
		}
	}
	if (!pw)
		return -ENOENT;
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	return 0;
}

int target_spawn(struct target *t, char **cmd, const char *user)
{
	char path[PATH_MAX];
	int pfd[2], err;
	uid_t uid = 0;
	gid_t gid = 0;
	pid_t pid;

	memset(t, 0, sizeof(*t));
	t->go_fd = -1;
	err = resolve(cmd[0], path, sizeof(path));
	if (err) {
		/* strace's own words, so scripts that grep for them keep working */
		vt_error("Can't stat '%s': %s", cmd[0], strerror(-err));
		return err;
	}
	if (user && lookup_user(user, &uid, &gid)) {
		vt_error("Cannot find user '%s': give a user name or a numeric uid", user);
		return -ENOENT;
	}
	if (pipe2(pfd, O_CLOEXEC))
		return -errno;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		err = -errno;
		close(pfd[0]);
		close(pfd[1]);
		vt_error("cannot fork: %s", strerror(-err));
		return err;
	}
	if (pid == 0) {
		char c;
		ssize_t n;
		sigset_t none;

		close(pfd[1]);
		/* signals vltrace blocks for itself must not stay blocked in CMD */
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGPIPE, SIG_DFL);
		do
			n = read(pfd[0], &c, 1);
		while (n < 0 && errno == EINTR);
		if (n != 1)
			_exit(127); /* vltrace went away before the hooks were live */
		if (user) {
			if (initgroups(user, gid) || setgid(gid) || setuid(uid)) {
				fprintf(stderr, "vltrace: cannot run as %s: %s\n", user,
					strerror(errno));
				_exit(1);
			}
		}
		execv(path, cmd);
		fprintf(stderr, "vltrace: exec %s: %s\n", path, strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	close(pfd[0]);
	t->pid = pid;
	t->go_fd = pfd[1];
	return 0;
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
		while (waitpid(t->pid, &t->status, 0) < 0 && errno == EINTR)
			;
		t->reaped = 1;
	}
}

int target_poll(struct target *t)
{
	pid_t r;

	if (!t->pid || t->reaped)
		return t->reaped;
	r = waitpid(t->pid, &t->status, WNOHANG);
	if (r == t->pid)
		t->reaped = 1;
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
			if (proc_exited(pid))
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
