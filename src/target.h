/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What to trace: a command vltrace starts (held before its execve until the
 * hooks are live), running processes by PID, or by name.
 *
 * Threads: main thread only.
 */
#ifndef VLTRACE_TARGET_H
#define VLTRACE_TARGET_H

#include <sys/types.h>

struct target {
	pid_t pid;	/* the spawned command, or 0 */
	int go_fd;	/* write end of the pipe the child waits on */
	int status;	/* wait status once reaped */
	int reaped;
};

/*
 * Resolve cmd[0] as strace does (PATH search); on failure prints strace's message
 * ("Can't stat 'x': No such file or directory") and returns a negative errno.
 * Then fork: the child waits until target_release(), drops to user (if not NULL),
 * and execs.  Nothing of the child runs before release but the wait.
 */
int target_spawn(struct target *t, char **cmd, const char *user);
/* Let the spawned child exec. */
int target_release(struct target *t);
/* Kill and reap a spawned child that must not run (setup failed after spawn). */
void target_abort(struct target *t);
/* Reap the spawned child if it has exited; returns 1 when reaped. */
int target_poll(struct target *t);

/* The process (tgid) that thread id tid belongs to, or a negative errno. */
pid_t target_tgid_of(pid_t tid);
/*
 * Every running process whose comm equals one of names (excluding self); returns
 * the count found (tgids appended to *out, *n updated) or a negative errno.
 */
int target_find_by_name(char *const *names, unsigned nnames, pid_t self, pid_t **out,
			unsigned *n);

#endif /* VLTRACE_TARGET_H */
