// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * outfile_create()'s rule, case by case, in a directory of the test's own (no
 * privileges: the other user's file is the one case left to
 * tests/integration/outputs-safe.sh), and outfile_same()'s spellings.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "outfile.h"
#include "tap.h"

static char dir[] = "/tmp/vltrace-outfile.XXXXXX";
static char path[4096];

/* NAME in the test's directory; two calls may be the arguments of one call */
static const char *at(const char *name)
{
	static char bufs[2][4096];
	static int next;
	char *p = bufs[next++ & 1];

	snprintf(p, sizeof(bufs[0]), "%s/%s", dir, name);
	return p;
}

/* create NAME: outfile_create's result, the descriptor closed */
static int create(const char *name, unsigned *how)
{
	char why[512];
	unsigned h;
	int fd, err = outfile_create(name, &fd, &h, why, sizeof(why));

	if (err)
		diag("%s: %s", name, why);
	else
		close(fd);
	if (how)
		*how = h;
	return err;
}

static void write_file(const char *p, const char *s)
{
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, s, strlen(s)) != (ssize_t)strlen(s))
		diag("cannot write %s", p);
	close(fd);
}

static off_t size_of(const char *p)
{
	struct stat st;

	return lstat(p, &st) ? -1 : st.st_size;
}

int main(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct stat st, old;
	char why[512], buf[16] = { 0 };
	unsigned how;
	int fd, held, sk;

	/* a blocking open of a FIFO would hang: a hang fails the test instead */
	alarm(30);
	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 99;
	}

	/* nothing there: created, 0600 */
	is_int(create(at("new"), &how), 0, "a new path is created");
	ok(!stat(at("new"), &st) && (st.st_mode & 07777) == 0600, "... with mode 0600");
	is_int(how, 0, "... and is vltrace's own description");

	/* a file of the caller's: replaced by a new inode, the old one left to its holders */
	write_file(at("mine"), "old");
	chmod(at("mine"), 0644);
	held = open(at("mine"), O_RDONLY);
	stat(at("mine"), &old);
	fd = -1;
	is_int(outfile_create(at("mine"), &fd, &how, why, sizeof(why)), 0,
	       "an existing file of the caller's is accepted");
	ok(fd >= 0 && write(fd, "trace", 5) == 5, "... and written");
	close(fd);
	ok(!stat(at("mine"), &st) && st.st_ino != old.st_ino, "... as a new inode");
	ok((st.st_mode & 07777) == 0600, "... with mode 0600, whatever the old one had");
	ok(read(held, buf, sizeof(buf) - 1) == 3 && !strcmp(buf, "old"),
	   "a descriptor opened on the old file reads the old content, never the trace");
	close(held);
	is_int(size_of(at("mine")), 5, "the path holds the trace");

	/* what is refused, untouched */
	write_file(at("target"), "kept");
	if (symlink(at("target"), at("link")))
		diag("symlink: %s", strerror(errno));
	is_int(create(at("link"), NULL), -ELOOP, "a symbolic link is refused");
	is_int(size_of(at("target")), 4, "... its target untouched");
	if (symlink(at("nowhere"), at("dangling")))
		diag("symlink: %s", strerror(errno));
	is_int(create(at("dangling"), NULL), -ELOOP, "a dangling symbolic link is refused");
	ok(lstat(at("nowhere"), &st) && errno == ENOENT, "... and nothing is made where it points");
	if (mkfifo(at("fifo"), 0666))
		diag("mkfifo: %s", strerror(errno));
	is_int(create(at("fifo"), NULL), -EINVAL, "a FIFO is refused, without waiting");
	mkdir(at("dir"), 0755);
	is_int(create(at("dir"), NULL), -EISDIR, "a directory is refused");
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%.100s", at("sock"));
	sk = socket(AF_UNIX, SOCK_STREAM, 0);
	if (sk < 0 || bind(sk, (struct sockaddr *)&sa, sizeof(sa)))
		diag("socket: %s", strerror(errno));
	is_int(create(at("sock"), NULL), -EINVAL, "a socket is refused");
	close(sk);
	is_int(create(at("no-dir/x"), NULL), -ENOENT, "a path in no directory fails with ENOENT");

	/* devices and the standard streams */
	is_int(create("/dev/null", &how), 0, "/dev/null is written");
	is_int(how, 0, "... on a description of vltrace's own");
	fd = -1;
	outfile_create("/dev/null", &fd, &how, why, sizeof(why));
	ok(fd >= 0 && !(fcntl(fd, F_GETFL) & O_NONBLOCK), "... with blocking writes");
	ok(fd >= 0 && (fcntl(fd, F_GETFD) & FD_CLOEXEC), "... and close-on-exec");
	close(fd);
	is_int(create("-", &how), 0, "- is standard output");
	is_int(how, OUTFILE_SHARED, "... a shared description, whose flags are left alone");
	is_int(create("/dev/stdout", &how), 0, "/dev/stdout too");
	is_int(how, OUTFILE_SHARED, "... shared");

	/* the same file, spelled differently */
	ok(outfile_same(at("new"), at("dir/../new")), "an existing file through ..");
	ok(outfile_same(at("later"), at("dir/../later")), "a file to be created, through ..");
	if (symlink(dir, at("alias")))
		diag("symlink: %s", strerror(errno));
	ok(outfile_same(at("later"), at("alias/later")), "... through a linked directory");
	ok(!outfile_same(at("later"), at("later2")), "two names are two files");
	ok(!outfile_same(at("new"), at("later")), "an existing file and a new one differ");
	ok(!outfile_same("/dev/null", "/dev/null"), "a device is never the same file");
	ok(outfile_same("-", "/dev/stdout"), "- and /dev/stdout are one stream");
	ok(!outfile_same(at("no-dir/x"), at("no-dir/x")), "a path that cannot be created is none");

	if (system((snprintf(path, sizeof(path), "rm -rf '%s'", dir), path)))
		diag("cannot remove %s", dir);
	return done_testing();
}
