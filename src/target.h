/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What to trace: a command vltrace starts (held before its execve until the
 * hooks are live), running processes by PID, or by name.
 *
 * Threads: main thread only.
 */
#ifndef VLTRACE_TARGET_H
#define VLTRACE_TARGET_H

#include <limits.h>
#include <sys/types.h>

struct target_user {
	char name[256];	/* the passwd entry's name, for initgroups() */
	uid_t uid;
	gid_t gid;
};

struct target_report;

struct target {
	pid_t pid;	/* the spawned command, or 0 */
	int go_fd;	/* write end of the pipe the child waits on */
	int status;	/* wait status once reaped */
	int reaped;
	int failed;	/* once reaped: nonzero if the child never became the command
			 * (-u or execve failed; the message has been printed) */
	struct target_user user; /* -u, resolved */
	char path[PATH_MAX];	 /* what the child execs */
	struct target_report *report; /* shared with the child until its execve */
};

/*
 * Resolve cmd[0] as strace does (PATH search) and user (a name, or the uid of a
 * passwd entry); on failure prints strace's message ("Can't stat 'x': No such
 * file or directory", "Cannot find user 'x'") and returns a negative errno.
 * Then fork: the child waits until target_release(), drops to user (if not NULL),
 * and execs.  Nothing of the child runs before release but the wait.  A child
 * that fails between release and its execve's success (initgroups, setgid,
 * setuid, execve) exits 1 and leaves the reason for target_reaped().
 */
int target_spawn(struct target *t, char **cmd, const char *user);
/* Let the spawned child exec. */
int target_release(struct target *t);
/* Kill and reap a spawned child that must not run (setup failed after spawn). */
void target_abort(struct target *t);
/* Reap the spawned child if it has exited; returns 1 when reaped. */
int target_poll(struct target *t);
/*
 * The child has been reaped (by target_poll() or the caller's waitpid()): sets
 * reaped, and failed with the message printed if it never became the command.
 */
void target_reaped(struct target *t);
/* Release what target_spawn() holds besides the child; t can be freed twice. */
void target_free(struct target *t);
/* Is pid a kernel thread (it makes no system calls)?  0 when it is not or is gone. */
int target_is_kthread(pid_t pid);
/* Drop repeated pids from v, keeping the first of each; returns the new count. */
unsigned target_unique(pid_t *v, unsigned n);

/* The process (tgid) that thread id tid belongs to, or a negative errno. */
pid_t target_tgid_of(pid_t tid);
/*
 * Every running process whose comm equals one of names (excluding self); returns
 * the count found (tgids appended to *out, *n updated) or a negative errno.
 */
int target_find_by_name(char *const *names, unsigned nnames, pid_t self, pid_t **out,
			unsigned *n);

#endif /* VLTRACE_TARGET_H */
