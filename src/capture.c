// SPDX-License-Identifier: LGPL-2.1-or-later
#include "capture.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

int capture_name(const char *base, unsigned index, char *buf, size_t len)
{
	return snprintf(buf, len, "%s.%06u", base, index);
}

void capture_init(struct capture *c, const char *base, unsigned max_files,
		  int (*create)(const char *path))
{
	c->base = base;
	c->max_files = max_files;
	c->create = create;
	c->dev = max_files ? vt_calloc(max_files, sizeof(*c->dev)) : NULL;
	c->ino = max_files ? vt_calloc(max_files, sizeof(*c->ino)) : NULL;
}

int capture_open(void *capture, unsigned index)
{
	struct capture *c = capture;
	char path[PATH_MAX];
	struct stat st;
	int fd;

	if (capture_name(c->base, index, path, sizeof(path)) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	if (c->max_files && index >= c->max_files) {
		unsigned slot = index % c->max_files;
		char old[PATH_MAX];

		/*
		 * Unlink by name only what this capture made: in a shared directory
		 * someone could have put another file there since.
		 */
		capture_name(c->base, index - c->max_files, old, sizeof(old));
		if (!lstat(old, &st) && S_ISREG(st.st_mode) && st.st_dev == c->dev[slot] &&
		    st.st_ino == c->ino[slot])
			unlink(old);
	}
	fd = c->create(path);
	if (fd < 0)
		return fd;
	if (c->max_files && !fstat(fd, &st)) {
		c->dev[index % c->max_files] = st.st_dev;
		c->ino[index % c->max_files] = st.st_ino;
	}
	return fd;
}

int capture_open_snapshot(void *capture, unsigned index)
{
	struct capture *c = capture;
	char path[PATH_MAX], when[32];
	time_t now = time(NULL);
	struct tm tm;

	if (!gmtime_r(&now, &tm) || !strftime(when, sizeof(when), "%Y%m%dT%H%M%SZ", &tm))
		return -EINVAL;
	if (snprintf(path, sizeof(path), "%s.%06u-%s", c->base, index, when) >=
	    (int)sizeof(path))
		return -ENAMETOOLONG;
	return c->create(path);
}

void capture_fini(struct capture *c)
{
	free(c->dev);
	free(c->ino);
	c->dev = NULL;
	c->ino = NULL;
}
