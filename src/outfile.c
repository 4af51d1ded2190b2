// SPDX-License-Identifier: LGPL-2.1-or-later
#include "outfile.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned stdio_closed; /* bit n: descriptor n came closed */

void outfile_stdio_init(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		int n;

		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		/* the lower ones are open by now: the lowest free descriptor is fd */
		n = open("/dev/null", O_RDWR | O_CLOEXEC);
		if (n != fd) {
			vt_error("standard descriptor %d is closed and /dev/null cannot be opened in "
				 "its place: %s: start vltrace with descriptors 0, 1 and 2 open",
				 fd, n < 0 ? strerror(errno) : "another descriptor was given");
			exit(1);
		}
		stdio_closed |= 1u << fd;
	}
}

int outfile_stdio_closed(int fd)
{
	return fd >= 0 && fd <= 2 && (stdio_closed >> fd) & 1;
}

int outfile_stdio_of(const char *path)
{
	if (!strcmp(path, "-") || !strcmp(path, "/dev/stdout"))
		return 1;
	if (!strcmp(path, "/dev/stderr"))
		return 2;
	return 0;
}

/* The 0600 file mkostemp made is renamed over the old one: a new inode nobody else holds. */
static int replace(const char *path, int *fd, char *err, size_t errlen)
{
	size_t n = strlen(path);
	char *tmp = vt_malloc(n + sizeof(".XXXXXX"));
	int ret = 0;

	memcpy(tmp, path, n);
	memcpy(tmp + n, ".XXXXXX", sizeof(".XXXXXX"));
	*fd = mkostemp(tmp, O_CLOEXEC);
	if (*fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "cannot create a file beside it to replace it: %s",
			 strerror(errno));
		goto out;
	}
	if (rename(tmp, path)) {
		ret = -errno;
		snprintf(err, errlen, "cannot replace it: %s", strerror(errno));
		unlink(tmp);
		close(*fd);
		*fd = -1;
	}
out:
	free(tmp);
	return ret;
}

/*
 * Open what lstat saw, without following a link, creating or blocking (a FIFO
 * swapped in meanwhile opens at once or fails), then check the descriptor
 * itself: same inode, still of the kind that was allowed.
 */
static int open_existing(const char *path, const struct stat *seen, int append, int *fd,
			 char *err, size_t errlen)
{
	struct stat st;
	int fl, ret = 0;

	*fd = open(path, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
				 (append ? O_APPEND : 0));
	if (*fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "%s", strerror(errno));
		return ret;
	}
	if (fstat(*fd, &st) || st.st_dev != seen->st_dev || st.st_ino != seen->st_ino ||
	    (st.st_mode & S_IFMT) != (seen->st_mode & S_IFMT) || st.st_uid != seen->st_uid) {
		ret = -EAGAIN;
		snprintf(err, errlen, "it was replaced while vltrace opened it: try again");
		goto fail;
	}
	if (S_ISREG(st.st_mode) && st.st_size && !append && ftruncate(*fd, 0)) {
		ret = -errno;
		snprintf(err, errlen, "cannot truncate it: %s", strerror(errno));
		goto fail;
	}
	/* a description of vltrace's own: blocking writes, as to any output */
	fl = fcntl(*fd, F_GETFL);
	if (fl < 0 || fcntl(*fd, F_SETFL, fl & ~O_NONBLOCK)) {
		ret = -errno;
		snprintf(err, errlen, "%s", strerror(errno));
		goto fail;
	}
	return 0;
fail:
	close(*fd);
	*fd = -1;
	return ret;
}

static int refuse(const struct stat *st, char *err, size_t errlen)
{
	const char *kind = S_ISFIFO(st->st_mode) ? "a FIFO" :
			   S_ISSOCK(st->st_mode) ? "a socket" :
			   S_ISBLK(st->st_mode)	 ? "a block device" : "not a regular file";

	if (S_ISLNK(st->st_mode)) {
		snprintf(err, errlen, "it is a symbolic link: name the file itself, or remove "
			 "the link");
		return -ELOOP;
	}
	if (S_ISDIR(st->st_mode)) {
		snprintf(err, errlen, "it is a directory: give a file name");
		return -EISDIR;
	}
	snprintf(err, errlen, "it is %s: give a regular file or a character device, or - "
		 "and a shell redirection",
		 kind);
	return -EINVAL;
}

static int create(const char *path, int append, int *fd, unsigned *how, char *err,
		  size_t errlen)
{
	int sfd = outfile_stdio_of(path), ret;
	struct stat st;

	*fd = -1;
	*how = 0;
	if (sfd) {
		if (outfile_stdio_closed(sfd)) {
			snprintf(err, errlen, "standard %s is closed: give a file, or open it",
				 sfd == 1 ? "output" : "error");
			return -EBADF;
		}
		*fd = fcntl(sfd, F_DUPFD_CLOEXEC, 3);
		if (*fd < 0) {
			ret = -errno;
			snprintf(err, errlen, "%s", strerror(errno));
			return ret;
		}
		*how = OUTFILE_SHARED;
		return 0;
	}
	/* fresh: O_EXCL fails on anything at the path, a dangling link included */
	*fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC |
				 (append ? O_APPEND : 0),
		   0600);
	if (*fd >= 0)
		return 0;
	if (errno != EEXIST) {
		ret = -errno;
		snprintf(err, errlen, "%s", strerror(errno));
		return ret;
	}
	if (lstat(path, &st)) {
		ret = -errno;
		snprintf(err, errlen, "%s", strerror(errno));
		return ret;
	}
	if (S_ISCHR(st.st_mode))
		return open_existing(path, &st, 0, fd, err, errlen);
	if (!S_ISREG(st.st_mode))
		return refuse(&st, err, errlen);
	if (st.st_uid != geteuid()) {
		snprintf(err, errlen, "it exists and belongs to another user (uid %u): remove it, "
			 "or choose another name",
			 (unsigned)st.st_uid);
		return -EPERM;
	}
	/* -A keeps what the file held: the same inode, written at its end */
	if (append)
		return open_existing(path, &st, 1, fd, err, errlen);
	ret = replace(path, fd, err, errlen);
	/* procfs, sysfs, a read-only mount: no new file there, and nobody can plant one */
	if (ret == -EACCES || ret == -EPERM || ret == -EROFS || ret == -ENOENT)
		ret = open_existing(path, &st, 0, fd, err, errlen);
	return ret;
}

int outfile_create(const char *path, int *fd, unsigned *how, char *err, size_t errlen)
{
	return create(path, 0, fd, how, err, errlen);
}

int outfile_append(const char *path, int *fd, unsigned *how, char *err, size_t errlen)
{
	return create(path, 1, fd, how, err, errlen);
}

/* What a path names: a standard stream, an existing inode, or a name to be created in a directory. */
struct outfile_key {
	enum { KEY_NONE, KEY_STDIO, KEY_INODE, KEY_NEW } kind;
	dev_t dev;
	ino_t ino;
	const char *name;
};

static void key_of(const char *path, char *buf, size_t buflen, struct outfile_key *k)
{
	int sfd = outfile_stdio_of(path);
	struct stat st;
	char *slash;
	int r;

	memset(k, 0, sizeof(*k));
	r = sfd ? fstat(sfd, &st) : stat(path, &st);
	if (!r) {
		if (S_ISCHR(st.st_mode)) {
			/* devices are never "the same file", vltrace's own streams are */
			if (sfd) {
				k->kind = KEY_STDIO;
				k->ino = sfd;
			}
			return;
		}
		k->kind = KEY_INODE;
		k->dev = st.st_dev;
		k->ino = st.st_ino;
		return;
	}
	if (sfd || errno != ENOENT)
		return;
	/* not there yet: the directory it would be made in, and its name there */
	snprintf(buf, buflen, "%s", path);
	slash = strrchr(buf, '/');
	if (slash) {
		*slash = 0;
		k->name = path + (slash - buf) + 1;
		r = stat(slash == buf ? "/" : buf, &st);
	} else {
		k->name = path;
		r = stat(".", &st);
	}
	if (r || !S_ISDIR(st.st_mode) || !*k->name)
		return;
	k->kind = KEY_NEW;
	k->dev = st.st_dev;
	k->ino = st.st_ino;
}

int outfile_same(const char *a, const char *b)
{
	char abuf[PATH_MAX], bbuf[PATH_MAX];
	struct outfile_key ka, kb;

	key_of(a, abuf, sizeof(abuf), &ka);
	key_of(b, bbuf, sizeof(bbuf), &kb);
	if (ka.kind == KEY_NONE || ka.kind != kb.kind || ka.dev != kb.dev || ka.ino != kb.ino)
		return 0;
	return ka.kind != KEY_NEW || !strcmp(ka.name, kb.name);
}
