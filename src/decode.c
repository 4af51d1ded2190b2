// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Argument decoding in strace's notation.  Flag and constant tables are data
 * (struct xlat arrays) in the order strace prints them; the decoders only walk them.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decoders.h"
#include "syscalltab.h"
#include "util.h"

/* ---- dstr ---- */

void dstr_init(struct dstr *s)
{
	s->cap = 256;
	s->len = 0;
	s->p = vt_malloc(s->cap);
	s->p[0] = '\0';
}

void dstr_free(struct dstr *s)
{
	free(s->p);
	s->p = NULL;
	s->len = s->cap = 0;
}

void dstr_grow(struct dstr *s, size_t more)
{
	size_t need = s->len + more + 1;

	if (need <= s->cap)
		return;
	while (s->cap < need)
		s->cap *= 2;
	s->p = realloc(s->p, s->cap);
	if (!s->p)
		vt_die(-ENOMEM);
}

void dstr_write(struct dstr *s, const void *d, size_t n)
{
	dstr_grow(s, n);
	memcpy(s->p + s->len, d, n);
	s->len += n;
	s->p[s->len] = '\0';
}

void dstr_puts(struct dstr *s, const char *str)
{
	dstr_write(s, str, strlen(str));
}

void dstr_printf(struct dstr *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(s->p + s->len, s->cap - s->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= s->cap - s->len) {
		dstr_grow(s, n);
		va_start(ap, fmt);
		vsnprintf(s->p + s->len, s->cap - s->len, fmt, ap);
		va_end(ap);
	}
	s->len += n;
}

/* ---- tables ---- */

struct xlat {
	uint64_t val;
	const char *name;
};

#define XE(v) { v, #v }

struct errnoent {
	const char *name;
	const char *msg;
};

static const struct errnoent errnoent[] = {
#include "tables/errnoent.h"
};

static const char *const signames[] = {
	[1] = "SIGHUP",	   "SIGINT",	"SIGQUIT", "SIGILL",	"SIGTRAP", "SIGABRT", "SIGBUS",
	"SIGFPE",	   "SIGKILL",	"SIGUSR1", "SIGSEGV",	"SIGUSR2", "SIGPIPE", "SIGALRM",
	"SIGTERM",	   "SIGSTKFLT", "SIGCHLD", "SIGCONT",	"SIGSTOP", "SIGTSTP", "SIGTTIN",
	"SIGTTOU",	   "SIGURG",	"SIGXCPU", "SIGXFSZ",	"SIGVTALRM", "SIGPROF", "SIGWINCH",
	"SIGIO",	   "SIGPWR",	"SIGSYS",
};

/* O_ACCMODE values, printed first */
static const struct xlat open_access[] = {
	{ 0, "O_RDONLY" },
	{ 1, "O_WRONLY" },
	{ 2, "O_RDWR" },
};

/* x86_64 values, in strace's printing order (O_SYNC before O_DSYNC, O_TMPFILE before O_DIRECTORY) */
static const struct xlat open_flags[] = {
	{ 0100, "O_CREAT" },	    { 0200, "O_EXCL" },	       { 0400, "O_NOCTTY" },
	{ 01000, "O_TRUNC" },	    { 02000, "O_APPEND" },     { 04000, "O_NONBLOCK" },
	{ 04010000, "O_SYNC" },	    { 010000, "O_DSYNC" },     { 040000, "O_DIRECT" },
	{ 0100000, "O_LARGEFILE" }, { 0400000, "O_NOFOLLOW" }, { 01000000, "O_NOATIME" },
	{ 02000000, "O_CLOEXEC" },  { 010000000, "O_PATH" },   { 020200000, "O_TMPFILE" },
	{ 0200000, "O_DIRECTORY" }, { 020000, "FASYNC" },      { 0, NULL },
};

static const struct xlat at_flags[] = {
	{ 0x100, "AT_SYMLINK_NOFOLLOW" }, { 0x200, "AT_REMOVEDIR" }, { 0x400, "AT_SYMLINK_FOLLOW" },
	{ 0x800, "AT_NO_AUTOMOUNT" },	  { 0x1000, "AT_EMPTY_PATH" }, { 0x8000, "AT_RECURSIVE" },
	{ 0, NULL },
};

static const struct xlat statx_sync[] = {
	{ 0, "AT_STATX_SYNC_AS_STAT" },
	{ 0x2000, "AT_STATX_FORCE_SYNC" },
	{ 0x4000, "AT_STATX_DONT_SYNC" },
};

static const struct xlat access_modes[] = {
	{ 4, "R_OK" }, { 2, "W_OK" }, { 1, "X_OK" }, { 0, NULL },
};

static const struct xlat prot_flags[] = {
	{ 1, "PROT_READ" },	      { 2, "PROT_WRITE" },	  { 4, "PROT_EXEC" },
	{ 0x10, "PROT_SEM" },	      { 0x01000000, "PROT_GROWSDOWN" },
	{ 0x02000000, "PROT_GROWSUP" }, { 0, NULL },
};

static const struct xlat map_types[] = {
	{ 1, "MAP_SHARED" }, { 2, "MAP_PRIVATE" }, { 3, "MAP_SHARED_VALIDATE" },
	{ 8, "MAP_DROPPABLE" },
};

static const struct xlat map_flags[] = {
	{ 0x10, "MAP_FIXED" },	       { 0x20, "MAP_ANONYMOUS" },	{ 0x40, "MAP_32BIT" },
	{ 0x80, "MAP_ABOVE4G" },       { 0x4000, "MAP_NORESERVE" },	{ 0x8000, "MAP_POPULATE" },
	{ 0x10000, "MAP_NONBLOCK" },   { 0x100, "MAP_GROWSDOWN" },	{ 0x800, "MAP_DENYWRITE" },
	{ 0x1000, "MAP_EXECUTABLE" },  { 0x2000, "MAP_LOCKED" },	{ 0x20000, "MAP_STACK" },
	{ 0x40000, "MAP_HUGETLB" },    { 0x80000, "MAP_SYNC" },	{ 0x4000000, "MAP_UNINITIALIZED" },
	{ 0x100000, "MAP_FIXED_NOREPLACE" }, { 0, NULL },
};

static const struct xlat seek_whence[] = {
	{ 0, "SEEK_SET" }, { 1, "SEEK_CUR" }, { 2, "SEEK_END" }, { 3, "SEEK_DATA" }, { 4, "SEEK_HOLE" },
	{ 0, NULL },
};

static const struct xlat clone_flags[] = {
	{ 0x100, "CLONE_VM" },		   { 0x200, "CLONE_FS" },
	{ 0x400, "CLONE_FILES" },	   { 0x800, "CLONE_SIGHAND" },
	{ 0x1000, "CLONE_PIDFD" },	   { 0x2000, "CLONE_PTRACE" },
	{ 0x4000, "CLONE_VFORK" },	   { 0x8000, "CLONE_PARENT" },
	{ 0x10000, "CLONE_THREAD" },	   { 0x20000, "CLONE_NEWNS" },
	{ 0x40000, "CLONE_SYSVSEM" },	   { 0x80000, "CLONE_SETTLS" },
	{ 0x100000, "CLONE_PARENT_SETTID" }, { 0x200000, "CLONE_CHILD_CLEARTID" },
	{ 0x400000, "CLONE_DETACHED" },	   { 0x800000, "CLONE_UNTRACED" },
	{ 0x1000000, "CLONE_CHILD_SETTID" }, { 0x2000000, "CLONE_NEWCGROUP" },
	{ 0x4000000, "CLONE_NEWUTS" },	   { 0x8000000, "CLONE_NEWIPC" },
	{ 0x10000000, "CLONE_NEWUSER" },   { 0x20000000, "CLONE_NEWPID" },
	{ 0x40000000, "CLONE_NEWNET" },	   { 0x80000000, "CLONE_IO" },
	{ 0, NULL },
};

static const struct xlat af_names[] = {
	{ 0, "AF_UNSPEC" },   { 1, "AF_UNIX" },	    { 2, "AF_INET" },	  { 3, "AF_AX25" },
	{ 4, "AF_IPX" },      { 5, "AF_APPLETALK" }, { 9, "AF_X25" },	  { 10, "AF_INET6" },
	{ 16, "AF_NETLINK" }, { 17, "AF_PACKET" },   { 29, "AF_CAN" },	  { 31, "AF_BLUETOOTH" },
	{ 38, "AF_ALG" },     { 40, "AF_VSOCK" },    { 44, "AF_XDP" },	  { 45, "AF_MCTP" },
	{ 0, NULL },
};

static const struct xlat sock_types[] = {
	{ 1, "SOCK_STREAM" }, { 2, "SOCK_DGRAM" },     { 3, "SOCK_RAW" },
	{ 4, "SOCK_RDM" },    { 5, "SOCK_SEQPACKET" }, { 6, "SOCK_DCCP" },
	{ 10, "SOCK_PACKET" }, { 0, NULL },
};

static const struct xlat sock_flags[] = {
	{ 02000000, "SOCK_CLOEXEC" }, { 04000, "SOCK_NONBLOCK" }, { 0, NULL },
};

static const struct xlat ip_protos[] = {
	{ 0, "IPPROTO_IP" },	{ 1, "IPPROTO_ICMP" },	 { 2, "IPPROTO_IGMP" },
	{ 6, "IPPROTO_TCP" },	{ 17, "IPPROTO_UDP" },	 { 41, "IPPROTO_IPV6" },
	{ 58, "IPPROTO_ICMPV6" }, { 132, "IPPROTO_SCTP" }, { 136, "IPPROTO_UDPLITE" },
	{ 255, "IPPROTO_RAW" }, { 262, "IPPROTO_MPTCP" }, { 0, NULL },
};

static const struct xlat netlink_protos[] = {
	{ 0, "NETLINK_ROUTE" },	   { 2, "NETLINK_USERSOCK" }, { 4, "NETLINK_SOCK_DIAG" },
	{ 9, "NETLINK_AUDIT" },	   { 15, "NETLINK_KOBJECT_UEVENT" }, { 16, "NETLINK_GENERIC" },
	{ 0, NULL },
};

static const struct xlat fcntl_cmds[] = {
	{ 0, "F_DUPFD" },	   { 1, "F_GETFD" },	     { 2, "F_SETFD" },
	{ 3, "F_GETFL" },	   { 4, "F_SETFL" },	     { 5, "F_GETLK" },
	{ 6, "F_SETLK" },	   { 7, "F_SETLKW" },	     { 8, "F_SETOWN" },
	{ 9, "F_GETOWN" },	   { 10, "F_SETSIG" },	     { 11, "F_GETSIG" },
	{ 15, "F_SETOWN_EX" },	   { 16, "F_GETOWN_EX" },    { 36, "F_OFD_GETLK" },
	{ 37, "F_OFD_SETLK" },	   { 38, "F_OFD_SETLKW" },   { 1024, "F_SETLEASE" },
	{ 1025, "F_GETLEASE" },	   { 1026, "F_NOTIFY" },     { 1030, "F_DUPFD_CLOEXEC" },
	{ 1031, "F_SETPIPE_SZ" },  { 1032, "F_GETPIPE_SZ" }, { 1033, "F_ADD_SEALS" },
	{ 1034, "F_GET_SEALS" },   { 0, NULL },
};

static const struct xlat fd_flags[] = {
	{ 1, "FD_CLOEXEC" }, { 0, NULL },
};

static const struct xlat madv_names[] = {
	{ 0, "MADV_NORMAL" },	       { 1, "MADV_RANDOM" },	     { 2, "MADV_SEQUENTIAL" },
	{ 3, "MADV_WILLNEED" },	       { 4, "MADV_DONTNEED" },	     { 8, "MADV_FREE" },
	{ 9, "MADV_REMOVE" },	       { 10, "MADV_DONTFORK" },	     { 11, "MADV_DOFORK" },
	{ 12, "MADV_MERGEABLE" },      { 13, "MADV_UNMERGEABLE" },   { 14, "MADV_HUGEPAGE" },
	{ 15, "MADV_NOHUGEPAGE" },     { 16, "MADV_DONTDUMP" },	     { 17, "MADV_DODUMP" },
	{ 18, "MADV_WIPEONFORK" },     { 19, "MADV_KEEPONFORK" },    { 20, "MADV_COLD" },
	{ 21, "MADV_PAGEOUT" },	       { 22, "MADV_POPULATE_READ" }, { 23, "MADV_POPULATE_WRITE" },
	{ 24, "MADV_DONTNEED_LOCKED" }, { 25, "MADV_COLLAPSE" },     { 100, "MADV_HWPOISON" },
	{ 101, "MADV_SOFT_OFFLINE" },  { 0, NULL },
};

static const struct xlat futex_cmds[] = {
	{ 0, "FUTEX_WAIT" },	     { 1, "FUTEX_WAKE" },	     { 2, "FUTEX_FD" },
	{ 3, "FUTEX_REQUEUE" },	     { 4, "FUTEX_CMP_REQUEUE" },     { 5, "FUTEX_WAKE_OP" },
	{ 6, "FUTEX_LOCK_PI" },	     { 7, "FUTEX_UNLOCK_PI" },	     { 8, "FUTEX_TRYLOCK_PI" },
	{ 9, "FUTEX_WAIT_BITSET" },  { 10, "FUTEX_WAKE_BITSET" },    { 11, "FUTEX_WAIT_REQUEUE_PI" },
	{ 12, "FUTEX_CMP_REQUEUE_PI" }, { 13, "FUTEX_LOCK_PI2" },    { 0, NULL },
};

static const struct xlat clock_ids[] = {
	{ 0, "CLOCK_REALTIME" },	 { 1, "CLOCK_MONOTONIC" },	 { 2, "CLOCK_PROCESS_CPUTIME_ID" },
	{ 3, "CLOCK_THREAD_CPUTIME_ID" }, { 4, "CLOCK_MONOTONIC_RAW" }, { 5, "CLOCK_REALTIME_COARSE" },
	{ 6, "CLOCK_MONOTONIC_COARSE" }, { 7, "CLOCK_BOOTTIME" },	 { 8, "CLOCK_REALTIME_ALARM" },
	{ 9, "CLOCK_BOOTTIME_ALARM" },	 { 11, "CLOCK_TAI" },		 { 0, NULL },
};

static const struct xlat rlimit_res[] = {
	{ 0, "RLIMIT_CPU" },	 { 1, "RLIMIT_FSIZE" },	 { 2, "RLIMIT_DATA" },	  { 3, "RLIMIT_STACK" },
	{ 4, "RLIMIT_CORE" },	 { 5, "RLIMIT_RSS" },	 { 6, "RLIMIT_NPROC" },	  { 7, "RLIMIT_NOFILE" },
	{ 8, "RLIMIT_MEMLOCK" }, { 9, "RLIMIT_AS" },	 { 10, "RLIMIT_LOCKS" },  { 11, "RLIMIT_SIGPENDING" },
	{ 12, "RLIMIT_MSGQUEUE" }, { 13, "RLIMIT_NICE" }, { 14, "RLIMIT_RTPRIO" }, { 15, "RLIMIT_RTTIME" },
	{ 0, NULL },
};

static const struct xlat arch_prctl_codes[] = {
	{ 0x1001, "ARCH_SET_GS" },	     { 0x1002, "ARCH_SET_FS" },
	{ 0x1003, "ARCH_GET_FS" },	     { 0x1004, "ARCH_GET_GS" },
	{ 0x1011, "ARCH_GET_CPUID" },	     { 0x1012, "ARCH_SET_CPUID" },
	{ 0x1021, "ARCH_GET_XCOMP_SUPP" },   { 0x1022, "ARCH_GET_XCOMP_PERM" },
	{ 0x1023, "ARCH_REQ_XCOMP_PERM" },   { 0x2001, "ARCH_MAP_VDSO_X32" },
	{ 0x2002, "ARCH_MAP_VDSO_32" },	     { 0x2003, "ARCH_MAP_VDSO_64" },
	{ 0x4001, "ARCH_GET_UNTAG_MASK" },   { 0x4002, "ARCH_ENABLE_TAGGED_ADDR" },
	{ 0x5001, "ARCH_SHSTK_ENABLE" },     { 0x5002, "ARCH_SHSTK_DISABLE" },
	{ 0x5003, "ARCH_SHSTK_LOCK" },	     { 0x5004, "ARCH_SHSTK_UNLOCK" },
	{ 0x5005, "ARCH_SHSTK_STATUS" },     { 0, NULL },
};

static const struct xlat grnd_flags[] = {
	{ 1, "GRND_NONBLOCK" }, { 2, "GRND_RANDOM" }, { 4, "GRND_INSECURE" }, { 0, NULL },
};

static const struct xlat sighow[] = {
	{ 0, "SIG_BLOCK" }, { 1, "SIG_UNBLOCK" }, { 2, "SIG_SETMASK" }, { 0, NULL },
};

static const struct xlat wait_opts[] = {
	{ 1, "WNOHANG" },	     { 2, "WSTOPPED" },	      { 4, "WEXITED" },
	{ 8, "WCONTINUED" },	     { 0x1000000, "WNOWAIT" }, { 0x20000000, "__WNOTHREAD" },
	{ 0x40000000, "__WALL" },    { 0x80000000, "__WCLONE" }, { 0, NULL },
};

static const struct xlat statx_masks[] = {
	{ 0xfff, "STATX_ALL" },		 { 0x7ff, "STATX_BASIC_STATS" },	 { 1, "STATX_TYPE" },	   { 2, "STATX_MODE" },
	{ 4, "STATX_NLINK" },		 { 8, "STATX_UID" },	   { 0x10, "STATX_GID" },
	{ 0x20, "STATX_ATIME" },	 { 0x40, "STATX_MTIME" },  { 0x80, "STATX_CTIME" },
	{ 0x100, "STATX_INO" },		 { 0x200, "STATX_SIZE" },  { 0x400, "STATX_BLOCKS" },
	{ 0x800, "STATX_BTIME" },	 { 0x1000, "STATX_MNT_ID" }, { 0x2000, "STATX_DIOALIGN" },
	{ 0x4000, "STATX_MNT_ID_UNIQUE" }, { 0x8000, "STATX_SUBVOL" }, { 0x10000, "STATX_WRITE_ATOMIC" },
	{ 0x20000, "STATX_DIO_READ_ALIGN" }, { 0, NULL },
};

static const struct xlat statx_attrs[] = {
	{ 0x4, "STATX_ATTR_COMPRESSED" }, { 0x10, "STATX_ATTR_IMMUTABLE" },
	{ 0x20, "STATX_ATTR_APPEND" },	  { 0x40, "STATX_ATTR_NODUMP" },
	{ 0x800, "STATX_ATTR_ENCRYPTED" }, { 0x1000, "STATX_ATTR_AUTOMOUNT" },
	{ 0x2000, "STATX_ATTR_MOUNT_ROOT" }, { 0x100000, "STATX_ATTR_VERITY" },
	{ 0x200000, "STATX_ATTR_DAX" },	  { 0x400000, "STATX_ATTR_WRITE_ATOMIC" },
	{ 0, NULL },
};

static const struct xlat file_types[] = {
	{ 0140000, "S_IFSOCK" }, { 0120000, "S_IFLNK" }, { 0100000, "S_IFREG" },
	{ 0060000, "S_IFBLK" },	 { 0040000, "S_IFDIR" }, { 0020000, "S_IFCHR" },
	{ 0010000, "S_IFIFO" },	 { 0, NULL },
};

static const struct xlat mode_bits[] = {
	{ 04000, "S_ISUID" }, { 02000, "S_ISGID" }, { 01000, "S_ISVTX" }, { 0, NULL },
};

/* sa_flags, in strace's printing order */
static const struct xlat sa_flags[] = {
	{ 0x04000000, "SA_RESTORER" },	{ 0x08000000, "SA_ONSTACK" },
	{ 0x10000000, "SA_RESTART" },	{ 0x20000000, "SA_INTERRUPT" },
	{ 0x40000000, "SA_NODEFER" },	{ 0x80000000, "SA_RESETHAND" },
	{ 4, "SA_SIGINFO" },		{ 1, "SA_NOCLDSTOP" },
	{ 2, "SA_NOCLDWAIT" },		{ 0, NULL },
};

static const struct xlat fadvice[] = {
	{ 0, "POSIX_FADV_NORMAL" },   { 1, "POSIX_FADV_RANDOM" },   { 2, "POSIX_FADV_SEQUENTIAL" },
	{ 3, "POSIX_FADV_WILLNEED" }, { 4, "POSIX_FADV_DONTNEED" }, { 5, "POSIX_FADV_NOREUSE" },
	{ 0, NULL },
};

static const struct xlat epoll_cflags[] = {
	{ 02000000, "EPOLL_CLOEXEC" }, { 0, NULL },
};

static const struct xlat epoll_ops[] = {
	{ 1, "EPOLL_CTL_ADD" }, { 2, "EPOLL_CTL_DEL" }, { 3, "EPOLL_CTL_MOD" }, { 0, NULL },
};

static const struct xlat epoll_events[] = {
	{ 0x1, "EPOLLIN" },	    { 0x2, "EPOLLPRI" },	{ 0x4, "EPOLLOUT" },
	{ 0x8, "EPOLLERR" },	    { 0x10, "EPOLLHUP" },	{ 0x20, "EPOLLNVAL" },
	{ 0x40, "EPOLLRDNORM" },    { 0x80, "EPOLLRDBAND" },	{ 0x100, "EPOLLWRNORM" },
	{ 0x200, "EPOLLWRBAND" },   { 0x400, "EPOLLMSG" },	{ 0x2000, "EPOLLRDHUP" },
	{ 1u << 28, "EPOLLEXCLUSIVE" }, { 1u << 29, "EPOLLWAKEUP" }, { 1u << 30, "EPOLLONESHOT" },
	{ 1u << 31, "EPOLLET" },    { 0, NULL },
};

static const struct xlat poll_events[] = {
	{ 0x1, "POLLIN" },	  { 0x2, "POLLPRI" },	   { 0x4, "POLLOUT" },
	{ 0x8, "POLLERR" },	  { 0x10, "POLLHUP" },	   { 0x20, "POLLNVAL" },
	{ 0x40, "POLLRDNORM" },	  { 0x80, "POLLRDBAND" },  { 0x100, "POLLWRNORM" },
	{ 0x200, "POLLWRBAND" },  { 0x400, "POLLMSG" },	   { 0x1000, "POLLREMOVE" },
	{ 0x2000, "POLLRDHUP" },  { 0x8000, "POLL_BUSY_LOOP" }, { 0, NULL },
};

static const struct xlat shut_how[] = {
	{ 0, "SHUT_RD" }, { 1, "SHUT_WR" }, { 2, "SHUT_RDWR" }, { 0, NULL },
};

static const struct xlat msg_flags[] = {
	{ 0x1, "MSG_OOB" },		 { 0x2, "MSG_PEEK" },		{ 0x4, "MSG_DONTROUTE" },
	{ 0x8, "MSG_CTRUNC" },		 { 0x10, "MSG_PROBE" },		{ 0x20, "MSG_TRUNC" },
	{ 0x40, "MSG_DONTWAIT" },	 { 0x80, "MSG_EOR" },		{ 0x100, "MSG_WAITALL" },
	{ 0x200, "MSG_FIN" },		 { 0x400, "MSG_SYN" },		{ 0x800, "MSG_CONFIRM" },
	{ 0x1000, "MSG_RST" },		 { 0x2000, "MSG_ERRQUEUE" },	{ 0x4000, "MSG_NOSIGNAL" },
	{ 0x8000, "MSG_MORE" },		 { 0x10000, "MSG_WAITFORONE" },
	{ 0x20000, "MSG_SENDPAGE_NOTLAST" }, { 0x40000, "MSG_BATCH" },
	{ 0x80000, "MSG_NO_SHARED_FRAGS" }, { 0x4000000, "MSG_ZEROCOPY" },
	{ 0x20000000, "MSG_FASTOPEN" },	 { 0x40000000, "MSG_CMSG_CLOEXEC" },
	{ 0x80000000, "MSG_CMSG_COMPAT" }, { 0, NULL },
};

/* cmsg_type of SOL_SOCKET control messages (strace 6.1's scmvals) */
static const struct xlat scm_types[] = {
	{ 1, "SCM_RIGHTS" },
	{ 2, "SCM_CREDENTIALS" },
	{ 3, "SCM_SECURITY" },
	{ 41, "SO_WIFI_STATUS" },
	{ 61, "SO_TXTIME" },
	{ 29, "SO_TIMESTAMP_OLD" },
	{ 35, "SO_TIMESTAMPNS_OLD" },
	{ 37, "SO_TIMESTAMPING_OLD" },
	{ 63, "SO_TIMESTAMP_NEW" },
	{ 64, "SO_TIMESTAMPNS_NEW" },
	{ 65, "SO_TIMESTAMPING_NEW" },
	{ 0x36, "SCM_TIMESTAMPING_OPT_STATS" },
	{ 0x3a, "SCM_TIMESTAMPING_PKTINFO" },
	{ 0, NULL },
};

/* cmsg_type of SOL_IP control messages */
static const struct xlat ip_cmsg_types[] = {
	{ 1, "IP_TOS" },      { 2, "IP_TTL" },	       { 6, "IP_RECVOPTS" },
	{ 7, "IP_RETOPTS" },  { 8, "IP_PKTINFO" },     { 11, "IP_RECVERR" },
	{ 20, "IP_ORIGDSTADDR" }, { 23, "IP_CHECKSUM" }, { 3, "SCM_SECURITY" },
	{ 0, NULL },
};

static const struct xlat splice_flags[] = {
	{ 1, "SPLICE_F_MOVE" }, { 2, "SPLICE_F_NONBLOCK" }, { 4, "SPLICE_F_MORE" },
	{ 8, "SPLICE_F_GIFT" }, { 0, NULL },
};

static const struct xlat rwf_flags[] = {
	{ 1, "RWF_HIPRI" }, { 2, "RWF_DSYNC" },	 { 4, "RWF_SYNC" },
	{ 8, "RWF_NOWAIT" }, { 0x10, "RWF_APPEND" }, { 0, NULL },
};

/* faccessat2 flags: AT_EACCESS shares its value with AT_REMOVEDIR */
static const struct xlat access_at_flags[] = {
	{ 0x100, "AT_SYMLINK_NOFOLLOW" }, { 0x200, "AT_EACCESS" }, { 0x1000, "AT_EMPTY_PATH" },
	{ 0, NULL },
};

static const struct xlat lease_types[] = {
	{ 0, "F_RDLCK" }, { 1, "F_WRLCK" }, { 2, "F_UNLCK" }, { 0, NULL },
};

static const struct xlat seal_flags[] = {
	{ 1, "F_SEAL_SEAL" },	 { 2, "F_SEAL_SHRINK" }, { 4, "F_SEAL_GROW" },
	{ 8, "F_SEAL_WRITE" },	 { 0x10, "F_SEAL_FUTURE_WRITE" }, { 0x20, "F_SEAL_EXEC" },
	{ 0, NULL },
};

static const struct xlat dn_flags[] = {
	{ 1, "DN_ACCESS" },   { 2, "DN_MODIFY" }, { 4, "DN_CREATE" },	  { 8, "DN_DELETE" },
	{ 0x10, "DN_RENAME" }, { 0x20, "DN_ATTRIB" }, { 0x80000000, "DN_MULTISHOT" }, { 0, NULL },
};

static const struct xlat tcflsh_args[] = {
	{ 0, "TCIFLUSH" }, { 1, "TCOFLUSH" }, { 2, "TCIOFLUSH" }, { 0, NULL },
};

static const struct xlat tcxonc_args[] = {
	{ 0, "TCOOFF" }, { 1, "TCOON" }, { 2, "TCIOFF" }, { 3, "TCION" }, { 0, NULL },
};

static const struct xlat mfd_flags[] = {
	{ 1, "MFD_CLOEXEC" }, { 2, "MFD_ALLOW_SEALING" }, { 4, "MFD_HUGETLB" }, { 0, NULL },
};

static const struct xlat rusage_who[] = {
	{ 0, "RUSAGE_SELF" }, { (uint64_t)-1, "RUSAGE_CHILDREN" }, { 1, "RUSAGE_THREAD" },
	{ 0, NULL },
};

static const struct xlat fs_magics[] = {
#define FS(v, n) { v, n },
#include "tables/fsmagic.h"
#undef FS
	{ 0, NULL },
};

/* statfs f_flags, ST_VALID first as strace prints them */
static const struct xlat statfs_flags[] = {
	{ 0x20, "ST_VALID" },	    { 1, "ST_RDONLY" },		 { 2, "ST_NOSUID" },
	{ 4, "ST_NODEV" },	    { 8, "ST_NOEXEC" },		 { 0x10, "ST_SYNCHRONOUS" },
	{ 0x40, "ST_MANDLOCK" },    { 0x80, "ST_WRITE" },	 { 0x100, "ST_APPEND" },
	{ 0x200, "ST_IMMUTABLE" },  { 0x400, "ST_NOATIME" },	 { 0x800, "ST_NODIRATIME" },
	{ 0x1000, "ST_RELATIME" },  { 0x2000, "ST_NOSYMFOLLOW" }, { 0, NULL },
};

static const struct xlat ss_flags[] = {
	{ 1, "SS_ONSTACK" }, { 2, "SS_DISABLE" }, { 0x80000000u, "SS_AUTODISARM" }, { 0, NULL },
};

enum prctl_arg {
	PRA_HEX, PRA_DEC, PRA_PTR, PRA_CAP, PRA_SIG, PRA_DUMP, PRA_UNALIGN, PRA_TSC,
	PRA_SECBITS, PRA_AMBIENT, PRA_SECCOMP
};

static const struct prctlent {
	unsigned option;
	const char *name;
	int nargs;		/* arguments printed after the option */
	enum prctl_arg first;	/* how the first of them prints */
} prctlent[] = {
#define PR(v, n, na, st) { v, n, na, PRA_##st },
#include "tables/prctl.h"
#undef PR
};

static const struct xlat cap_names[] = {
	{ 0, "CAP_CHOWN" },	       { 1, "CAP_DAC_OVERRIDE" },   { 2, "CAP_DAC_READ_SEARCH" },
	{ 3, "CAP_FOWNER" },	       { 4, "CAP_FSETID" },	    { 5, "CAP_KILL" },
	{ 6, "CAP_SETGID" },	       { 7, "CAP_SETUID" },	    { 8, "CAP_SETPCAP" },
	{ 9, "CAP_LINUX_IMMUTABLE" },  { 10, "CAP_NET_BIND_SERVICE" }, { 11, "CAP_NET_BROADCAST" },
	{ 12, "CAP_NET_ADMIN" },       { 13, "CAP_NET_RAW" },	    { 14, "CAP_IPC_LOCK" },
	{ 15, "CAP_IPC_OWNER" },       { 16, "CAP_SYS_MODULE" },    { 17, "CAP_SYS_RAWIO" },
	{ 18, "CAP_SYS_CHROOT" },      { 19, "CAP_SYS_PTRACE" },    { 20, "CAP_SYS_PACCT" },
	{ 21, "CAP_SYS_ADMIN" },       { 22, "CAP_SYS_BOOT" },	    { 23, "CAP_SYS_NICE" },
	{ 24, "CAP_SYS_RESOURCE" },    { 25, "CAP_SYS_TIME" },	    { 26, "CAP_SYS_TTY_CONFIG" },
	{ 27, "CAP_MKNOD" },	       { 28, "CAP_LEASE" },	    { 29, "CAP_AUDIT_WRITE" },
	{ 30, "CAP_AUDIT_CONTROL" },   { 31, "CAP_SETFCAP" },	    { 32, "CAP_MAC_OVERRIDE" },
	{ 33, "CAP_MAC_ADMIN" },       { 34, "CAP_SYSLOG" },	    { 35, "CAP_WAKE_ALARM" },
	{ 36, "CAP_BLOCK_SUSPEND" },   { 37, "CAP_AUDIT_READ" },    { 38, "CAP_PERFMON" },
	{ 39, "CAP_BPF" },	       { 40, "CAP_CHECKPOINT_RESTORE" }, { 0, NULL },
};

static const struct xlat suid_dump[] = {
	{ 0, "SUID_DUMP_DISABLE" }, { 1, "SUID_DUMP_USER" }, { 2, "SUID_DUMP_ROOT" }, { 0, NULL },
};

static const struct xlat pr_unalign[] = {
	{ 1, "PR_UNALIGN_NOPRINT" }, { 2, "PR_UNALIGN_SIGBUS" }, { 0, NULL },
};

static const struct xlat pr_tsc[] = {
	{ 1, "PR_TSC_ENABLE" }, { 2, "PR_TSC_SIGSEGV" }, { 0, NULL },
};

static const struct xlat secbits[] = {
	{ 1, "SECBIT_NOROOT" },		    { 2, "SECBIT_NOROOT_LOCKED" },
	{ 4, "SECBIT_NO_SETUID_FIXUP" },    { 8, "SECBIT_NO_SETUID_FIXUP_LOCKED" },
	{ 0x10, "SECBIT_KEEP_CAPS" },	    { 0x20, "SECBIT_KEEP_CAPS_LOCKED" },
	{ 0x40, "SECBIT_NO_CAP_AMBIENT_RAISE" }, { 0x80, "SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED" },
	{ 0, NULL },
};

static const struct xlat pr_ambient[] = {
	{ 1, "PR_CAP_AMBIENT_IS_SET" }, { 2, "PR_CAP_AMBIENT_RAISE" },
	{ 3, "PR_CAP_AMBIENT_LOWER" },	{ 4, "PR_CAP_AMBIENT_CLEAR_ALL" }, { 0, NULL },
};

static const struct xlat seccomp_modes[] = {
	{ 0, "SECCOMP_MODE_DISABLED" }, { 1, "SECCOMP_MODE_STRICT" }, { 2, "SECCOMP_MODE_FILTER" },
	{ 0, NULL },
};

static const struct prctlent *find_prctl(uint64_t option)
{
	for (size_t i = 0; i < ARRAY_SIZE(prctlent); i++)
		if (prctlent[i].option == option)
			return &prctlent[i];
	return NULL;
}

enum ioctl_arg {
	IOA_PTR, IOA_INTPTR, IOA_WINSZ, IOA_TERMIOS, IOA_NONE, IOA_INT, IOA_HEX, IOA_TCFLSH,
	IOA_TCXONC
};

static const struct xlat termios_iflags[] = {
	{ 1, "IGNBRK" },   { 2, "BRKINT" },  { 4, "IGNPAR" },	  { 8, "PARMRK" },
	{ 0x10, "INPCK" }, { 0x20, "ISTRIP" }, { 0x40, "INLCR" },   { 0x80, "IGNCR" },
	{ 0x100, "ICRNL" }, { 0x200, "IUCLC" }, { 0x400, "IXON" },   { 0x800, "IXANY" },
	{ 0x1000, "IXOFF" }, { 0x2000, "IMAXBEL" }, { 0x4000, "IUTF8" }, { 0, NULL },
};

static const struct xlat termios_oflags[] = {
	{ 1, "OPOST" },	   { 2, "OLCUC" },   { 4, "ONLCR" },	{ 8, "OCRNL" },
	{ 0x10, "ONOCR" }, { 0x20, "ONLRET" }, { 0x40, "OFILL" }, { 0x80, "OFDEL" },
	{ 0, NULL },
};

static const struct xlat termios_cflags[] = {
	{ 0x40, "CSTOPB" },  { 0x80, "CREAD" },	 { 0x100, "PARENB" },	      { 0x200, "PARODD" },
	{ 0x400, "HUPCL" },  { 0x800, "CLOCAL" }, { 0x40000000, "CMSPAR" }, { 0x80000000u, "CRTSCTS" },
	{ 0, NULL },
};

/* strace's order: IEXTEN after NOFLSH, TOSTOP after PENDIN */
static const struct xlat termios_lflags[] = {
	{ 1, "ISIG" },	     { 2, "ICANON" },	{ 4, "XCASE" },	   { 8, "ECHO" },
	{ 0x10, "ECHOE" },   { 0x20, "ECHOK" }, { 0x40, "ECHONL" }, { 0x80, "NOFLSH" },
	{ 0x8000, "IEXTEN" }, { 0x200, "ECHOCTL" }, { 0x400, "ECHOPRT" }, { 0x800, "ECHOKE" },
	{ 0x1000, "FLUSHO" }, { 0x4000, "PENDIN" }, { 0x100, "TOSTOP" }, { 0x10000, "EXTPROC" },
	{ 0, NULL },
};

/* CBAUD values: B0..B38400, then BOTHER and B57600..B4000000 with 0x1000 set */
static const char *const bauds[] = {
	"B0",	   "B50",      "B75",	   "B110",     "B134",	   "B150",     "B200",	   "B300",
	"B600",	   "B1200",    "B1800",	   "B2400",    "B4800",	   "B9600",    "B19200",   "B38400",
	"BOTHER",  "B57600",   "B115200",  "B230400",  "B460800",  "B500000",  "B576000",  "B921600",
	"B1000000", "B1152000", "B1500000", "B2000000", "B2500000", "B3000000", "B3500000", "B4000000",
};

static const struct ioctlent {
	uint32_t code;
	const char *name;
	enum ioctl_arg arg;
} ioctlent[] = {
#define IOC(c, n, a) { c, n, IOA_##a },
#include "tables/ioctls.h"
#undef IOC
};

static const struct sock_level {
	int level;
	const char *name;
	const char *opt_prefix; /* options named: the "X_" of "0x1 /\* X_??? *\/" */
} sock_levels[] = {
#define LEVEL(v, n, p) { v, n, p },
#define OPT(l, v, n)
#include "tables/sockopts.h"
#undef OPT
#undef LEVEL
};

static const struct sock_opt {
	int level;
	int opt;
	const char *name;
} sock_opts[] = {
#define LEVEL(v, n, p)
#define OPT(l, v, n) { l, v, n },
#include "tables/sockopts.h"
#undef OPT
#undef LEVEL
};

/* ---- generic printers ---- */

static const char *xlookup(const struct xlat *x, size_t n, uint64_t v)
{
	for (size_t i = 0; i < n && x[i].name; i++)
		if (x[i].val == v)
			return x[i].name;
	return NULL;
}

#define XLOOKUP(x, v) xlookup(x, ARRAY_SIZE(x), v)

/* A constant, or the value in hex with a MADV_??? comment, as strace prints unknown values. */
static void print_xval(struct dstr *s, const struct xlat *x, size_t n, uint64_t v,
		       const char *unknown)
{
	const char *name = xlookup(x, n, v);

	if (name)
		dstr_puts(s, name);
	else if (v)
		dstr_printf(s, "%#llx /* %s */", (unsigned long long)v, unknown);
	else
		dstr_printf(s, "0 /* %s */", unknown);
}

#define PRINT_XVAL(s, x, v, u) print_xval(s, x, ARRAY_SIZE(x), v, u)

/*
 * Print the set bits of v that x names, joined by '|', then what is left in hex.
 * Returns the number of items printed.  sep: something was printed before.
 */
static int print_flag_bits(struct dstr *s, const struct xlat *x, uint64_t v, int sep)
{
	int n = 0;

	for (; x->name; x++) {
		if (!x->val || (v & x->val) != x->val)
			continue;
		if (sep || n)
			dstr_putc(s, '|');
		dstr_puts(s, x->name);
		v &= ~x->val;
		n++;
	}
	if (v) {
		if (sep || n)
			dstr_putc(s, '|');
		dstr_printf(s, "%#llx", (unsigned long long)v);
		n++;
	}
	return n;
}

/* strace's printflags: "0" for nothing, hex and a ?_OK style comment when nothing is known. */
static void print_flags(struct dstr *s, const struct xlat *x, uint64_t v, const char *unknown)
{
	uint64_t known = 0;

	if (!v) {
		dstr_putc(s, '0');
		return;
	}
	for (const struct xlat *e = x; e->name; e++)
		if (e->val && (v & e->val) == e->val)
			known |= e->val;
	if (!known) {
		dstr_printf(s, "%#llx /* %s */", (unsigned long long)v, unknown);
		return;
	}
	print_flag_bits(s, x, v, 0);
}

static void print_ptr(struct dstr *s, uint64_t v)
{
	if (v)
		dstr_printf(s, "%#llx", (unsigned long long)v);
	else
		dstr_puts(s, "NULL");
}

static void print_open_flags(struct dstr *s, uint64_t v)
{
	unsigned acc = v & 3;

	v &= 0xffffffffu;
	dstr_puts(s, acc < 3 ? open_access[acc].name : "O_ACCMODE");
	print_flag_bits(s, open_flags, v & ~3ull, 1);
}

/* pipe2, dup3, eventfd2 ...: O_* flags, "0" when none. */
static void print_plain_oflags(struct dstr *s, uint64_t v)
{
	v &= 0xffffffffu;
	if (!v)
		dstr_putc(s, '0');
	else
		print_flag_bits(s, open_flags, v, 0);
}

static void print_mode_perm(struct dstr *s, unsigned mode)
{
	dstr_printf(s, "%#03o", mode & 0777);
}

/* st_mode: "S_IFREG|0644", "S_IFDIR|S_ISVTX|0777" */
static void print_st_mode(struct dstr *s, unsigned mode)
{
	const char *t = XLOOKUP(file_types, mode & 0170000);
	int sep = 0;

	if (t) {
		dstr_puts(s, t);
		sep = 1;
	} else if (mode & 0170000) {
		dstr_printf(s, "%#o", mode & 0170000);
		sep = 1;
	}
	for (const struct xlat *e = mode_bits; e->name; e++) {
		if (mode & e->val) {
			if (sep)
				dstr_putc(s, '|');
			dstr_puts(s, e->name);
			sep = 1;
		}
	}
	if (sep)
		dstr_putc(s, '|');
	print_mode_perm(s, mode);
}

/* A mode argument (mkdir, chmod, open with O_CREAT): "0755", with S_IS* bits in octal too. */
static void print_mode_arg(struct dstr *s, uint64_t v)
{
	unsigned mode = v & 07777;

	if ((v & ~07777ull) && (v & 0170000)) {
		print_st_mode(s, v);
		return;
	}
	dstr_printf(s, "%#03o", mode);
}

/* ---- errno, signals ---- */

const char *decode_errno_name(int err)
{
	if (err > 0 && (size_t)err < ARRAY_SIZE(errnoent))
		return errnoent[err].name;
	return NULL;
}

const char *decode_errno_msg(int err, char *buf, size_t len)
{
	if (err > 0 && (size_t)err < ARRAY_SIZE(errnoent) && errnoent[err].msg)
		return errnoent[err].msg;
	snprintf(buf, len, "Unknown error %d", err);
	return buf;
}

const char *decode_signame(int sig, char *buf, size_t len)
{
	if (sig > 0 && (size_t)sig < ARRAY_SIZE(signames))
		return signames[sig];
	if (sig == 32)
		return "SIGRTMIN";
	if (sig > 32 && sig <= 64) {
		snprintf(buf, len, "SIGRT_%d", (sig - 32) & 63);
		return buf;
	}
	return NULL;
}

static void print_signo(struct dstr *s, int64_t v)
{
	char buf[16];
	const char *n = decode_signame((int)v, buf, sizeof(buf));

	if (n)
		dstr_puts(s, n);
	else
		dstr_printf(s, "%d", (int)v);
}

/* "[INT TERM RT_8]"; more than half of the set: "~[...]" of the complement. */
static void print_sigset(struct dstr *s, const uint8_t *d, size_t len)
{
	uint64_t set = 0;
	char buf[16];
	int first = 1;

	memcpy(&set, d, len < 8 ? len : 8);
	if (__builtin_popcountll(set) > 32) {
		dstr_putc(s, '~');
		set = ~set;
	}
	dstr_putc(s, '[');
	for (int sig = 1; sig <= 64; sig++) {
		const char *n;

		if (!(set & (1ull << (sig - 1))))
			continue;
		if (!first)
			dstr_putc(s, ' ');
		first = 0;
		n = decode_signame(sig, buf, sizeof(buf));
		dstr_puts(s, n ? n + 3 : "?");
	}
	dstr_putc(s, ']');
}

void decode_ret_text(struct dstr *s, unsigned rettype, int64_t ret)
{
	char buf[32];

	if (ret < 0 && ret >= -4095) {
		int err = (int)-ret;
		const char *name = decode_errno_name(err);
		const char *msg = NULL;

		switch (err) {
		case 512:
			msg = "To be restarted if SA_RESTART is set";
			break;
		case 513:
			msg = "To be restarted";
			break;
		case 514:
			msg = "To be restarted if no handler";
			break;
		case 516:
			msg = "Interrupted by signal";
			break;
		}
		if (msg) {
			dstr_printf(s, "? %s (%s)", name, msg);
			return;
		}
		dstr_puts(s, "-1 ");
		if (name)
			dstr_puts(s, name);
		else
			dstr_printf(s, "%d", err);
		dstr_printf(s, " (%s)", decode_errno_msg(err, buf, sizeof(buf)));
		return;
	}
	switch (rettype) {
	case VT_AT_RX:
		dstr_printf(s, "%#llx", (unsigned long long)ret);
		break;
	case VT_AT_RO:
		dstr_printf(s, "%#03llo", (unsigned long long)ret);
		break;
	default:
		dstr_printf(s, "%lld", (long long)ret);
		break;
	}
}

/* ---- strings ---- */

void decode_quote(struct dstr *s, const void *data, size_t len, int hex, int cut)
{
	const uint8_t *p = data;

	dstr_grow(s, len * 4 + 8);
	dstr_putc(s, '"');
	for (size_t i = 0; i < len; i++) {
		uint8_t c = p[i];

		if (hex) {
			dstr_printf(s, "\\x%02x", c);
			continue;
		}
		switch (c) {
		case '"':
		case '\\':
			dstr_putc(s, '\\');
			dstr_putc(s, c);
			break;
		case '\f':
			dstr_puts(s, "\\f");
			break;
		case '\n':
			dstr_puts(s, "\\n");
			break;
		case '\r':
			dstr_puts(s, "\\r");
			break;
		case '\t':
			dstr_puts(s, "\\t");
			break;
		case '\v':
			dstr_puts(s, "\\v");
			break;
		default:
			if (c >= ' ' && c < 0x7f) {
				dstr_putc(s, c);
				break;
			}
			/* shortest octal, unless an octal digit follows and would join it */
			dstr_putc(s, '\\');
			if (i + 1 < len && p[i + 1] >= '0' && p[i + 1] <= '7') {
				dstr_putc(s, '0' + (c >> 6));
				dstr_putc(s, '0' + ((c >> 3) & 7));
			} else if (c >> 3) {
				if (c >> 6)
					dstr_putc(s, '0' + (c >> 6));
				dstr_putc(s, '0' + ((c >> 3) & 7));
			}
			dstr_putc(s, '0' + (c & 7));
			break;
		}
	}
	dstr_putc(s, '"');
	if (cut)
		dstr_puts(s, "...");
}

void decode_json_string(struct dstr *s, const void *data, size_t len)
{
	const uint8_t *p = data;

	dstr_grow(s, len * 6 + 2);
	dstr_putc(s, '"');
	for (size_t i = 0; i < len; i++) {
		uint8_t c = p[i];

		if (c == '"' || c == '\\') {
			dstr_putc(s, '\\');
			dstr_putc(s, c);
		} else if (c == '\n') {
			dstr_puts(s, "\\n");
		} else if (c == '\t') {
			dstr_puts(s, "\\t");
		} else if (c == '\r') {
			dstr_puts(s, "\\r");
		} else if (c < 0x20 || c >= 0x7f) {
			/* bytes, not text: each one maps to the code point of its value */
			dstr_printf(s, "\\u%04x", c);
		} else {
			dstr_putc(s, c);
		}
	}
	dstr_putc(s, '"');
}

/* ---- captures ---- */

const struct vt_capture *decode_find_capture(const struct vt_hdr *rec, size_t fixed, int idx)
{
	const uint8_t *p = (const uint8_t *)rec + fixed;
	const uint8_t *end = (const uint8_t *)rec + rec->size;

	while (p + sizeof(struct vt_capture) <= end) {
		const struct vt_capture *c = (const void *)p;

		if (c->arg == idx)
			return c;
		p += sizeof(*c) + VT_ALIGN((size_t)c->len, 8);
	}
	return NULL;
}

/* ---- structures ---- */

static void print_makedev(struct dstr *s, uint64_t major, uint64_t minor)
{
	dstr_printf(s, "makedev(%#llx, %#llx)", (unsigned long long)major,
		    (unsigned long long)minor);
}

static void print_stat(struct dstr *s, const uint8_t *d)
{
	unsigned mode = ld32(d, 24);
	uint64_t rdev = ld64(d, 40);

	dstr_puts(s, "{st_mode=");
	print_st_mode(s, mode);
	if ((mode & 0170000) == 0020000 || (mode & 0170000) == 0060000) {
		dstr_puts(s, ", st_rdev=");
		print_makedev(s, ((rdev >> 32) & 0xfffff000) | ((rdev >> 8) & 0xfff),
			      ((rdev >> 12) & 0xffffff00) | (rdev & 0xff));
	} else {
		dstr_printf(s, ", st_size=%lld", (long long)ld64(d, 48));
	}
	dstr_puts(s, ", ...}");
}

static void print_statx(struct dstr *s, const uint8_t *d)
{
	unsigned mode = ld16(d, 28);

	dstr_puts(s, "{stx_mask=");
	print_flags(s, statx_masks, ld32(d, 0), "STATX_???");
	dstr_puts(s, ", stx_attributes=");
	print_flags(s, statx_attrs, ld64(d, 8), "STATX_ATTR_???");
	dstr_puts(s, ", stx_mode=");
	print_st_mode(s, mode);
	dstr_printf(s, ", stx_size=%llu, ...}", (unsigned long long)ld64(d, 40));
}

/* " /\* 2026-11-27T17:17:34.123456789+0000 *\/": the local time, nanoseconds if any */
static void print_date_comment(struct dstr *s, int64_t sec, int64_t nsec)
{
	time_t t = (time_t)sec;
	struct tm tm;
	char buf[64], zone[16];

	if (!localtime_r(&t, &tm))
		return;
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(zone, sizeof(zone), "%z", &tm);
	if (nsec)
		dstr_printf(s, " /* %s.%09lld%s */", buf, (long long)nsec, zone);
	else
		dstr_printf(s, " /* %s%s */", buf, zone);
}

static void print_timespec(struct dstr *s, const uint8_t *d)
{
	dstr_printf(s, "{tv_sec=%lld, tv_nsec=%lld}", (long long)ld64(d, 0), (long long)ld64(d, 8));
}

/* utimensat's times: UTIME_NOW, UTIME_OMIT, or the time with its date as a comment */
static void print_utimens(struct dstr *s, const uint8_t *d)
{
	dstr_putc(s, '[');
	for (int i = 0; i < 2; i++) {
		int64_t sec = (int64_t)ld64(d, i * 16), nsec = (int64_t)ld64(d, i * 16 + 8);

		if (i)
			dstr_puts(s, ", ");
		if (nsec == (1 << 30) - 1) {
			dstr_puts(s, "UTIME_NOW");
			continue;
		}
		if (nsec == (1 << 30) - 2) {
			dstr_puts(s, "UTIME_OMIT");
			continue;
		}
		dstr_printf(s, "{tv_sec=%lld, tv_nsec=%lld}", (long long)sec, (long long)nsec);
		if (nsec >= 0 && nsec < 1000000000)
			print_date_comment(s, sec, nsec);
	}
	dstr_putc(s, ']');
}

static void print_rlim_val(struct dstr *s, uint64_t v)
{
	if (v == ~0ull)
		dstr_puts(s, "RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		dstr_printf(s, "%llu*1024", (unsigned long long)(v / 1024));
	else
		dstr_printf(s, "%llu", (unsigned long long)v);
}

static void print_rlimit(struct dstr *s, const uint8_t *d)
{
	dstr_puts(s, "{rlim_cur=");
	print_rlim_val(s, ld64(d, 0));
	dstr_puts(s, ", rlim_max=");
	print_rlim_val(s, ld64(d, 8));
	dstr_putc(s, '}');
}

static void print_wstatus(struct dstr *s, unsigned st)
{
	char buf[16];
	const char *n;

	dstr_puts(s, "[{");
	if ((st & 0x7f) == 0) {
		dstr_printf(s, "WIFEXITED(s) && WEXITSTATUS(s) == %u", (st >> 8) & 0xff);
	} else if ((st & 0xff) == 0x7f) {
		n = decode_signame((st >> 8) & 0xff, buf, sizeof(buf));
		dstr_puts(s, "WIFSTOPPED(s) && WSTOPSIG(s) == ");
		if (n)
			dstr_puts(s, n);
		else
			dstr_printf(s, "%u", (st >> 8) & 0xff);
		if (st >> 16)
			dstr_printf(s, " && s >> 16 == %u", st >> 16);
	} else if (st == 0xffff) {
		dstr_puts(s, "WIFCONTINUED(s)");
	} else {
		n = decode_signame(st & 0x7f, buf, sizeof(buf));
		dstr_puts(s, "WIFSIGNALED(s) && WTERMSIG(s) == ");
		if (n)
			dstr_puts(s, n);
		else
			dstr_printf(s, "%u", st & 0x7f);
		if (st & 0x80)
			dstr_puts(s, " && WCOREDUMP(s)");
	}
	dstr_puts(s, "}]");
}

static void print_inet4(struct dstr *s, const uint8_t *a)
{
	dstr_printf(s, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

static void print_sockaddr(struct dstr *s, const uint8_t *d, size_t len)
{
	unsigned fam = len >= 2 ? ld16(d, 0) : 0;
	const char *fn = XLOOKUP(af_names, fam);

	dstr_puts(s, "{sa_family=");
	if (fn)
		dstr_puts(s, fn);
	else
		dstr_printf(s, "%#x /* AF_??? */", fam);
	if (fam == 1 && len <= 2) {
		/* unnamed: the family alone */
	} else if (fam == 1) {
		size_t n = 0;

		while (2 + n < len && d[2 + n])
			n++;
		dstr_puts(s, ", sun_path=");
		if (len > 2 && !d[2] && len > 3) {
			/* abstract socket: strace shows the leading NUL with an @ */
			dstr_puts(s, "@");
			n = 0;
			while (3 + n < len && d[3 + n])
				n++;
			decode_quote(s, d + 3, n, 0, 0);
		} else {
			decode_quote(s, d + 2, n, 0, 0);
		}
	} else if (fam == 2 && len >= 8) {
		dstr_printf(s, ", sin_port=htons(%u), sin_addr=inet_addr(\"",
			    (unsigned)(d[2] << 8 | d[3]));
		print_inet4(s, d + 4);
		dstr_puts(s, "\")");
	} else if (fam == 10 && len >= 24) {
		char buf[64];
		const uint8_t *a = d + 8;
		int z0 = -1, zl = 0;

		/* RFC 5952 text: the longest run of zero groups becomes "::" */
		for (int i = 0; i < 8;) {
			int j = i;

			while (j < 8 && !a[2 * j] && !a[2 * j + 1])
				j++;
			if (j - i > zl && j - i > 1) {
				z0 = i;
				zl = j - i;
			}
			i = j > i ? j : i + 1;
		}
		buf[0] = '\0';
		for (int i = 0, o = 0; i < 8;) {
			if (i == z0) {
				o += snprintf(buf + o, sizeof(buf) - o, "::");
				i += zl;
				continue;
			}
			if (o && buf[o - 1] != ':')
				o += snprintf(buf + o, sizeof(buf) - o, ":");
			o += snprintf(buf + o, sizeof(buf) - o, "%x", a[2 * i] << 8 | a[2 * i + 1]);
			i++;
		}
		dstr_printf(s, ", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), "
			       "inet_pton(AF_INET6, \"%s\", &sin6_addr), sin6_scope_id=%u",
			    (unsigned)(d[2] << 8 | d[3]),
			    (unsigned)__builtin_bswap32(ld32(d, 4)), buf,
			    len >= 28 ? ld32(d, 24) : 0);
	} else if (len > 2) {
		dstr_puts(s, ", sa_data=");
		decode_quote(s, d + 2, len - 2, 0, 0);
	}
	dstr_putc(s, '}');
}

/* kernel struct sigaction (rt_sigaction): handler, flags, restorer, mask */
static void print_sigaction(struct dstr *s, const uint8_t *d)
{
	uint64_t handler = ld64(d, 0), flags = ld64(d, 8);

	dstr_puts(s, "{sa_handler=");
	if (handler == 0)
		dstr_puts(s, "SIG_DFL");
	else if (handler == 1)
		dstr_puts(s, "SIG_IGN");
	else
		dstr_printf(s, "%#llx", (unsigned long long)handler);
	dstr_puts(s, ", sa_mask=");
	print_sigset(s, d + 24, 8);
	dstr_puts(s, ", sa_flags=");
	print_flags(s, sa_flags, flags, "SA_???");
	if (flags & 0x04000000) {
		dstr_puts(s, ", sa_restorer=");
		print_ptr(s, ld64(d, 16));
	}
	dstr_putc(s, '}');
}

static void print_statfs(struct dstr *s, const uint8_t *d)
{
	const char *t = XLOOKUP(fs_magics, ld64(d, 0));

	dstr_puts(s, "{f_type=");
	if (t)
		dstr_puts(s, t);
	else
		dstr_printf(s, "%#llx", (unsigned long long)ld64(d, 0));
	dstr_printf(s,
		    ", f_bsize=%lld, f_blocks=%llu, f_bfree=%llu, f_bavail=%llu, f_files=%llu, "
		    "f_ffree=%llu, f_fsid={val=[%#x, %#x]}, f_namelen=%lld, f_frsize=%lld, f_flags=",
		    (long long)ld64(d, 8), (unsigned long long)ld64(d, 16),
		    (unsigned long long)ld64(d, 24), (unsigned long long)ld64(d, 32),
		    (unsigned long long)ld64(d, 40), (unsigned long long)ld64(d, 48), ld32(d, 56),
		    ld32(d, 60), (long long)ld64(d, 64), (long long)ld64(d, 72));
	print_flags(s, statfs_flags, ld64(d, 80), "ST_???");
	dstr_putc(s, '}');
}

/* sched_getaffinity's mask: the numbers of the CPUs set, "[0 1]" */
static void print_cpuset(struct dstr *s, uint64_t v, const struct vt_capture *c, int64_t ret)
{
	const uint8_t *d = decode_cap_data(c);
	int first = 1;

	if (ret < 0 || (uint64_t)ret > c->len) {
		print_ptr(s, v);
		return;
	}
	dstr_putc(s, '[');
	for (int64_t bit = 0; bit < ret * 8; bit++) {
		if (!(d[bit / 8] & (1u << (bit % 8))))
			continue;
		dstr_printf(s, first ? "%lld" : " %lld", (long long)bit);
		first = 0;
	}
	dstr_putc(s, ']');
}

static void print_stack_t(struct dstr *s, const uint8_t *d)
{
	dstr_puts(s, "{ss_sp=");
	print_ptr(s, ld64(d, 0));
	dstr_puts(s, ", ss_flags=");
	print_flags(s, ss_flags, ld32(d, 8), "SS_???");
	dstr_printf(s, ", ss_size=%llu}", (unsigned long long)ld64(d, 16));
}

/* gid_t arrays: "[5, 7]", at most -s of them */
static void print_gids(struct dstr *s, const struct decode_opts *o, const struct vt_capture *c,
		       uint64_t n)
{
	uint64_t have = c->len / 4, i;

	dstr_putc(s, '[');
	for (i = 0; i < n && i < have && i < o->string_limit; i++)
		dstr_printf(s, i ? ", %u" : "%u", ld32(decode_cap_data(c), i * 4));
	if (i < n)
		dstr_puts(s, i ? ", ..." : "...");
	dstr_putc(s, ']');
}

static const char *baud_name(unsigned cbaud)
{
	return bauds[(cbaud & 0xf) | ((cbaud & 0x1000) ? 0x10 : 0)];
}

/*
 * struct termios (TCGETS, TCSETS...): the four flag words as strace prints them
 * without -v, delay fields and sizes first, each word's flags then, nothing for
 * none ("c_iflag=, ").
 */
static void print_termios(struct dstr *s, const uint8_t *d)
{
	unsigned ifl = ld32(d, 0), ofl = ld32(d, 4), cfl = ld32(d, 8), lfl = ld32(d, 12);
	static const char *const tabs[] = { "TAB0", "TAB1", "TAB2", "XTABS" };

	dstr_puts(s, "{c_iflag=");
	print_flag_bits(s, termios_iflags, ifl, 0);
	dstr_printf(s, ", c_oflag=NL%u|CR%u|%s|BS%u|VT%u|FF%u|", (ofl >> 8) & 1, (ofl >> 9) & 3,
		    tabs[(ofl >> 11) & 3], (ofl >> 13) & 1, (ofl >> 14) & 1, (ofl >> 15) & 1);
	print_flag_bits(s, termios_oflags, ofl & ~0xff00u, 0);
	dstr_printf(s, ", c_cflag=%s", baud_name(cfl & 0x100f));
	if ((cfl >> 16) & 0x100f)
		dstr_printf(s, "|%s<<IBSHIFT", baud_name((cfl >> 16) & 0x100f));
	dstr_printf(s, "|CS%u|", 5 + ((cfl >> 4) & 3));
	print_flag_bits(s, termios_cflags, cfl & ~0x100f103fu, 0);
	dstr_puts(s, ", c_lflag=");
	print_flag_bits(s, termios_lflags, lfl, 0);
	dstr_puts(s, ", ...}");
}

static const struct xlat lock_types[] = {
	{ 0, "F_RDLCK" }, { 1, "F_WRLCK" }, { 2, "F_UNLCK" }, { 0, NULL },
};

static const struct xlat owner_types[] = {
	{ 0, "F_OWNER_TID" }, { 1, "F_OWNER_PID" }, { 2, "F_OWNER_PGRP" }, { 0, NULL },
};

/* struct flock (F_SETLK, F_GETLK, the OFD ones), read at exit; l_pid for the GETs */
static void print_flock(struct dstr *s, uint64_t v, const struct vt_capture *c, int get)
{
	const uint8_t *d;

	if (!v || !c || (c->flags & VT_CAP_FAULT) || c->len < 32) {
		print_ptr(s, v);
		return;
	}
	d = decode_cap_data(c);
	dstr_puts(s, "{l_type=");
	PRINT_XVAL(s, lock_types, (uint64_t)(int16_t)ld16(d, 0), "F_???");
	dstr_puts(s, ", l_whence=");
	PRINT_XVAL(s, seek_whence, (uint64_t)(int16_t)ld16(d, 2), "SEEK_???");
	dstr_printf(s, ", l_start=%lld, l_len=%lld", (long long)ld64(d, 8), (long long)ld64(d, 16));
	if (get)
		dstr_printf(s, ", l_pid=%d", (int)ld32(d, 24));
	dstr_putc(s, '}');
}

static void print_owner_ex(struct dstr *s, uint64_t v, const struct vt_capture *c)
{
	const uint8_t *d;

	if (!v || !c || (c->flags & VT_CAP_FAULT) || c->len < 8) {
		print_ptr(s, v);
		return;
	}
	d = decode_cap_data(c);
	dstr_puts(s, "{type=");
	PRINT_XVAL(s, owner_types, ld32(d, 0), "F_OWNER_???");
	dstr_printf(s, ", pid=%d}", (int)ld32(d, 4));
}

/* One NUL-terminated field of a fixed-size char array. */
static void print_char_field(struct dstr *s, const uint8_t *d, size_t size)
{
	size_t n = strnlen((const char *)d, size);

	decode_quote(s, d, n, 0, 0);
}

static void print_utsname(struct dstr *s, const uint8_t *d)
{
	dstr_puts(s, "{sysname=");
	print_char_field(s, d, 65);
	dstr_puts(s, ", nodename=");
	print_char_field(s, d + 65, 65);
	dstr_puts(s, ", ...}");
}

static void print_sysinfo(struct dstr *s, const uint8_t *d)
{
	dstr_printf(s,
		    "{uptime=%lld, loads=[%llu, %llu, %llu], totalram=%llu, freeram=%llu, "
		    "sharedram=%llu, bufferram=%llu, totalswap=%llu, freeswap=%llu, procs=%u, "
		    "totalhigh=%llu, freehigh=%llu, mem_unit=%u}",
		    (long long)ld64(d, 0), (unsigned long long)ld64(d, 8),
		    (unsigned long long)ld64(d, 16), (unsigned long long)ld64(d, 24),
		    (unsigned long long)ld64(d, 32), (unsigned long long)ld64(d, 40),
		    (unsigned long long)ld64(d, 48), (unsigned long long)ld64(d, 56),
		    (unsigned long long)ld64(d, 64), (unsigned long long)ld64(d, 72),
		    (unsigned)ld16(d, 80), (unsigned long long)ld64(d, 88),
		    (unsigned long long)ld64(d, 96), ld32(d, 104));
}

static void print_rusage(struct dstr *s, const uint8_t *d)
{
	dstr_printf(s,
		    "{ru_utime={tv_sec=%lld, tv_usec=%lld}, ru_stime={tv_sec=%lld, tv_usec=%lld}, "
		    "...}",
		    (long long)ld64(d, 0), (long long)ld64(d, 8), (long long)ld64(d, 16),
		    (long long)ld64(d, 24));
}

/*
 * getdents/getdents64: the buffer's address and how many entries the call
 * returned, counted by d_reclen (at offset 16 in both layouts).  Only when every
 * byte the call returned was captured; otherwise the address alone.
 */
static void print_dirents(struct dstr *s, uint64_t v, const struct vt_capture *c, int64_t ret)
{
	const uint8_t *d;
	unsigned n = 0;
	int64_t off = 0;

	if (ret > 0 && (!c || (c->flags & VT_CAP_FAULT) || c->len < (uint64_t)ret)) {
		print_ptr(s, v);
		return;
	}
	d = c ? decode_cap_data(c) : NULL;
	while (off < ret) {
		unsigned reclen;

		if (off + 18 > ret || !(reclen = ld16(d, off + 16)) || off + reclen > ret) {
			print_ptr(s, v);
			return;
		}
		off += reclen;
		n++;
	}
	print_ptr(s, v);
	dstr_printf(s, " /* %u entries */", n);
}

/* x86_64 packs struct epoll_event: events (4 bytes), data (8) */
static void print_epoll_event(struct dstr *s, const uint8_t *d)
{
	uint64_t data = ld64(d, 4);

	dstr_puts(s, "{events=");
	print_flags(s, epoll_events, ld32(d, 0), "EPOLL???");
	dstr_printf(s, ", data={u32=%u, u64=%llu}}", (unsigned)data, (unsigned long long)data);
}

/* epoll_wait's events: as many as the call returned, at most -s of them. */
static void print_epoll_events(struct dstr *s, const struct decode_opts *o,
			       const struct vt_capture *c, int64_t ret)
{
	uint64_t have = c ? c->len / 12 : 0, i;

	dstr_putc(s, '[');
	for (i = 0; i < (uint64_t)ret && i < have && i < o->string_limit; i++) {
		if (i)
			dstr_puts(s, ", ");
		print_epoll_event(s, (const uint8_t *)decode_cap_data(c) + i * 12);
	}
	if (i < (uint64_t)ret)
		dstr_puts(s, i ? ", ..." : "...");
	dstr_putc(s, ']');
}

/* poll's array as the call read it: fd and events (no events for a negative fd) */
static void print_pollfds(struct dstr *s, const struct decode_opts *o,
			  const struct vt_capture *c, uint64_t nfds)
{
	uint64_t have = c ? c->len / 8 : 0, i;
	const uint8_t *d = c ? decode_cap_data(c) : NULL;

	dstr_putc(s, '[');
	for (i = 0; i < nfds && i < have && i < o->string_limit; i++) {
		int fd = (int)ld32(d, i * 8);

		if (i)
			dstr_puts(s, ", ");
		dstr_printf(s, "{fd=%d", fd);
		if (fd >= 0) {
			dstr_puts(s, ", events=");
			print_flags(s, poll_events, ld16(d, i * 8 + 4), "POLL???");
		}
		dstr_putc(s, '}');
	}
	if (i < nfds)
		dstr_puts(s, i ? ", ..." : "...");
	dstr_putc(s, ']');
}

/* What poll adds to its result: the descriptors with events, or "Timeout". */
static void print_poll_result(struct dstr *s, const struct decode_opts *o,
			      const struct vt_capture *c, uint64_t nfds, int64_t ret)
{
	uint64_t have, i, shown = 0;
	const uint8_t *d;

	if (ret == 0) {
		dstr_puts(s, " (Timeout)");
		return;
	}
	if (!c || (c->flags & VT_CAP_FAULT))
		return;
	have = c->len / 8;
	d = decode_cap_data(c);
	dstr_puts(s, " ([");
	for (i = 0; i < nfds && i < have; i++) {
		unsigned rev = ld16(d, i * 8 + 6);

		if (!rev)
			continue;
		if (shown == o->string_limit) {
			dstr_puts(s, ", ...");
			break;
		}
		if (shown++)
			dstr_puts(s, ", ");
		dstr_printf(s, "{fd=%d, revents=", (int)ld32(d, i * 8));
		print_flags(s, poll_events, rev, "POLL???");
		dstr_putc(s, '}');
	}
	if (i == have && have < nfds && shown < (uint64_t)ret)
		dstr_puts(s, shown ? ", ..." : "...");
	dstr_puts(s, "])");
}

static const struct xlat clone3_flags[] = {
	{ 0x80, "CLONE_NEWTIME" },	    { 0x100, "CLONE_VM" },
	{ 0x200, "CLONE_FS" },		    { 0x400, "CLONE_FILES" },
	{ 0x800, "CLONE_SIGHAND" },	    { 0x1000, "CLONE_PIDFD" },
	{ 0x2000, "CLONE_PTRACE" },	    { 0x4000, "CLONE_VFORK" },
	{ 0x8000, "CLONE_PARENT" },	    { 0x10000, "CLONE_THREAD" },
	{ 0x20000, "CLONE_NEWNS" },	    { 0x40000, "CLONE_SYSVSEM" },
	{ 0x80000, "CLONE_SETTLS" },	    { 0x100000, "CLONE_PARENT_SETTID" },
	{ 0x200000, "CLONE_CHILD_CLEARTID" }, { 0x400000, "CLONE_DETACHED" },
	{ 0x800000, "CLONE_UNTRACED" },	    { 0x1000000, "CLONE_CHILD_SETTID" },
	{ 0x2000000, "CLONE_NEWCGROUP" },   { 0x4000000, "CLONE_NEWUTS" },
	{ 0x8000000, "CLONE_NEWIPC" },	    { 0x10000000, "CLONE_NEWUSER" },
	{ 0x20000000, "CLONE_NEWPID" },	    { 0x40000000, "CLONE_NEWNET" },
	{ 0x80000000, "CLONE_IO" },	    { 0x100000000ull, "CLONE_CLEAR_SIGHAND" },
	{ 0x200000000ull, "CLONE_INTO_CGROUP" }, { 0, NULL },
};

/*
 * struct clone_args: flags, pidfd, child_tid, parent_tid, exit_signal, stack,
 * stack_size, tls, set_tid, set_tid_size, cgroup.  Fields print as strace does,
 * only where the flags give them a meaning.  After a successful call with
 * CLONE_PARENT_SETTID, *parent_tid holds the child's TID, which is also the
 * return value: that is what " => {parent_tid=[N]}" shows (not read back).
 */
static void print_clone_args(struct dstr *s, const uint8_t *d, size_t len, int64_t ret,
			     int exited)
{
	uint64_t fl = ld64(d, 0);
	char buf[16];
	const char *sig;

	dstr_puts(s, "{flags=");
	print_flags(s, clone3_flags, fl, "CLONE_???");
	if (fl & 0x1000)
		dstr_printf(s, ", pidfd=%#llx", (unsigned long long)ld64(d, 8));
	if (fl & 0x1200000)
		dstr_printf(s, ", child_tid=%#llx", (unsigned long long)ld64(d, 16));
	if (fl & 0x100000)
		dstr_printf(s, ", parent_tid=%#llx", (unsigned long long)ld64(d, 24));
	sig = decode_signame((int)ld64(d, 32), buf, sizeof(buf));
	if (sig && ld64(d, 32) < 65)
		dstr_printf(s, ", exit_signal=%s", sig);
	else
		dstr_printf(s, ", exit_signal=%llu", (unsigned long long)ld64(d, 32));
	dstr_puts(s, ", stack=");
	print_ptr(s, ld64(d, 40));
	dstr_printf(s, ", stack_size=%#llx", (unsigned long long)ld64(d, 48));
	if (fl & 0x80000)
		dstr_printf(s, ", tls=%#llx", (unsigned long long)ld64(d, 56));
	if (len >= 80 && ld64(d, 72))
		dstr_printf(s, ", set_tid=%#llx, set_tid_size=%llu", (unsigned long long)ld64(d, 64),
			    (unsigned long long)ld64(d, 72));
	if (len >= 88 && (fl & 0x200000000ull))
		dstr_printf(s, ", cgroup=%llu", (unsigned long long)ld64(d, 80));
	dstr_putc(s, '}');
	/* with CLONE_PIDFD the descriptor stored is not known here: leave both out */
	if (exited && ret > 0 && (fl & 0x100000) && !(fl & 0x1000))
		dstr_printf(s, " => {parent_tid=[%lld]}", (long long)ret);
}

static const struct sock_level *find_sock_level(int level)
{
	for (size_t i = 0; i < ARRAY_SIZE(sock_levels); i++)
		if (sock_levels[i].level == level)
			return &sock_levels[i];
	return NULL;
}

/* unknown: the comment after an unknown level, "SOL_??" (setsockopt) or "SOL_???" (cmsg) */
static void print_sock_level(struct dstr *s, int level, const char *unknown)
{
	const struct sock_level *l = find_sock_level(level);

	if (l)
		dstr_puts(s, l->name);
	else
		dstr_printf(s, "%#x /* %s */", (unsigned)level, unknown);
}

static void print_sock_opt(struct dstr *s, int level, int opt)
{
	const struct sock_level *l = find_sock_level(level);

	if (!l || !l->opt_prefix) {
		dstr_printf(s, "%d", opt);
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(sock_opts); i++) {
		if (sock_opts[i].level == level && sock_opts[i].opt == opt) {
			dstr_puts(s, sock_opts[i].name);
			return;
		}
	}
	if (opt)
		dstr_printf(s, "%#x /* %s??? */", (unsigned)opt, l->opt_prefix);
	else
		dstr_printf(s, "0 /* %s??? */", l->opt_prefix);
}

/* A socket option's value: an int as "[1]", struct linger, else the address. */
static void print_sockopt_val(struct dstr *s, uint64_t v, const uint8_t *d, size_t have,
			      int level, int opt, uint64_t len)
{
	if (level == 1 && opt == 13 && len >= 8 && have >= 8)
		dstr_printf(s, "{l_onoff=%d, l_linger=%d}", (int)ld32(d, 0), (int)ld32(d, 4));
	else if (len == 4 && have >= 4)
		dstr_printf(s, "[%d]", (int)ld32(d, 0));
	else
		print_ptr(s, v);
}

static const struct ioctlent *find_ioctl(uint32_t code)
{
	for (size_t i = 0; i < ARRAY_SIZE(ioctlent); i++)
		if (ioctlent[i].code == code)
			return &ioctlent[i];
	return NULL;
}

/* An ioctl request: its name, or _IOC(dir, type, nr, size) as strace spells it. */
static void print_ioctl_req(struct dstr *s, uint32_t code)
{
	const struct ioctlent *e = find_ioctl(code);
	static const char *const dirs[] = { "_IOC_NONE", "_IOC_WRITE", "_IOC_READ",
					    "_IOC_READ|_IOC_WRITE" };
	unsigned size = (code >> 16) & 0x3fff;

	if (e) {
		dstr_puts(s, e->name);
		return;
	}
	dstr_printf(s, "_IOC(%s, %#x, %#x, ", dirs[code >> 30], (code >> 8) & 0xff, code & 0xff);
	if (size)
		dstr_printf(s, "%#x)", size);
	else
		dstr_puts(s, "0)");
}

/* ---- arguments ---- */

/* fcntl commands that take no third argument */
/* ---- iovec arrays, struct msghdr, control messages ---- */

/*
 * An iovec array as strace prints it: at most -s elements, each one's contents
 * up to -s bytes and, with a budget (what a read returned), only the bytes the
 * call moved; addrs: the call failed, so the contents print as addresses.
 * d, len: the struct vt_iov and elements the BPF side read.
 */
static void print_iov(struct dstr *s, const struct decode_opts *o, uint64_t addr, uint64_t count,
		      const uint8_t *d, size_t len, uint64_t budget, int addrs)
{
	const uint8_t *end = d + len;
	struct vt_iov v;
	uint32_t i;

	if (!addr) {
		dstr_puts(s, "NULL");
		return;
	}
	if (!count) {
		dstr_puts(s, "[]");
		return;
	}
	if (count > UINT64_MAX / 16 || addr + count * 16 <= addr || len < sizeof(v)) {
		print_ptr(s, addr);
		return;
	}
	memcpy(&v, d, sizeof(v));
	d += sizeof(v);
	if (!v.count && (v.flags & VT_IOV_FAULT)) {
		print_ptr(s, addr);
		return;
	}
	dstr_putc(s, '[');
	for (i = 0; i < v.count; i++) {
		struct vt_iov_elem el;
		uint64_t n;
		size_t adv;

		if (i)
			dstr_puts(s, ", ");
		if (i >= o->string_limit || (size_t)(end - d) < sizeof(el)) {
			dstr_puts(s, "...");
			break;
		}
		memcpy(&el, d, sizeof(el));
		d += sizeof(el);
		if ((size_t)(end - d) < el.caplen)
			el.caplen = end - d;
		n = el.len < budget ? el.len : budget;
		budget -= n;
		dstr_puts(s, "{iov_base=");
		if (!el.base || addrs || (el.flags & VT_CAP_FAULT)) {
			print_ptr(s, el.base);
		} else {
			int cut = 0;

			if (n > o->string_limit) {
				n = o->string_limit;
				cut = 1;
			}
			if (n > el.caplen) {
				n = el.caplen;
				cut = 1;
			}
			decode_quote(s, d, n, 0, cut);
		}
		dstr_printf(s, ", iov_len=%llu}", (unsigned long long)el.len);
		/* the last element's padding may be cut with the item */
		adv = VT_ALIGN((size_t)el.caplen, 8);
		d += adv < (size_t)(end - d) ? adv : (size_t)(end - d);
	}
	if (i == v.count) {
		/* an element that could not be read ends the array, with its address */
		if (v.flags & VT_IOV_FAULT)
			dstr_printf(s, ", ... /* %#llx */", (unsigned long long)(addr + 16 * i));
		else if (i < count)
			dstr_puts(s, i ? ", ..." : "...");
	}
	dstr_putc(s, ']');
}

/* [a, b, ...]: n ints ('d'), unsigned ints ('u') or bytes in hex ('x'), -s of them at most */
static void print_cmsg_array(struct dstr *s, const struct decode_opts *o, const uint8_t *d,
			     size_t n, char how)
{
	dstr_putc(s, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			dstr_puts(s, ", ");
		if (i >= o->string_limit) {
			dstr_puts(s, "...");
			break;
		}
		if (how == 'd')
			dstr_printf(s, "%d", (int)ld32(d, i * 4));
		else if (how == 'u')
			dstr_printf(s, "%u", ld32(d, i * 4));
		else
			dstr_printf(s, "%#x", (unsigned)d[i]);
	}
	dstr_putc(s, ']');
}

/* timevals and timespecs of the timestamp messages: n of them, "?" when short */
static void print_cmsg_times(struct dstr *s, const uint8_t *d, size_t len, unsigned n,
			     const char *usec)
{
	if (len < 16 * n) {
		dstr_putc(s, '?');
		return;
	}
	if (n > 1)
		dstr_putc(s, '[');
	for (unsigned i = 0; i < n; i++)
		dstr_printf(s, "%s{tv_sec=%lld, %s=%llu}", i ? ", " : "",
			    (long long)ld64(d, i * 16), usec,
			    (unsigned long long)ld64(d, i * 16 + 8));
	if (n > 1)
		dstr_putc(s, ']');
}

static void print_ifindex(struct dstr *s, unsigned idx)
{
	char name[IF_NAMESIZE];

	if (if_indextoname(idx, name))
		dstr_printf(s, "if_nametoindex(\"%s\")", name);
	else
		dstr_printf(s, "%u", idx);
}

/* cmsg_type and, for the types strace decodes, ", cmsg_data=..." */
static void print_cmsg_data(struct dstr *s, const struct decode_opts *o, int level, int type,
			    const uint8_t *d, size_t len)
{
	unsigned t = (unsigned)type;

	if (level == 1) {
		PRINT_XVAL(s, scm_types, t, "SCM_???");
		if ((t == 1 && len >= 4) || (t == 2 && len >= 12) ||
		    ((t == 3 || t == 29 || t == 35 || t == 37 || (t >= 63 && t <= 65)) && len))
			dstr_puts(s, ", cmsg_data=");
		else
			return;
		switch (t) {
		case 1: /* SCM_RIGHTS */
			print_cmsg_array(s, o, d, len / 4, 'd');
			break;
		case 2: /* SCM_CREDENTIALS */
			dstr_printf(s, "{pid=%d, uid=%u, gid=%u}", (int)ld32(d, 0), ld32(d, 4),
				    ld32(d, 8));
			break;
		case 3: /* SCM_SECURITY */
			decode_quote(s, d, len, 0, 0);
			break;
		case 29: /* the old and new timestamps are the same on x86_64 */
		case 63:
			print_cmsg_times(s, d, len, 1, "tv_usec");
			break;
		case 35:
		case 64:
			print_cmsg_times(s, d, len, 1, "tv_nsec");
			break;
		default:
			print_cmsg_times(s, d, len, 3, "tv_nsec");
			break;
		}
	} else if (level == 0) {
		static const uint8_t min_len[24] = { [1] = 1, [2] = 4, [3] = 1, [6] = 1, [7] = 1,
						     [8] = 12, [11] = 32, [20] = 16, [23] = 4 };

		PRINT_XVAL(s, ip_cmsg_types, t, "IP_???");
		if (t >= sizeof(min_len) || !min_len[t] || len < min_len[t])
			return;
		dstr_puts(s, ", cmsg_data=");
		switch (t) {
		case 2: /* IP_TTL */
		case 23: /* IP_CHECKSUM */
			print_cmsg_array(s, o, d, len / 4, 'u');
			break;
		case 3: /* SCM_SECURITY */
			decode_quote(s, d, len, 0, 0);
			break;
		case 8: /* IP_PKTINFO */
			dstr_puts(s, "{ipi_ifindex=");
			print_ifindex(s, ld32(d, 0));
			dstr_puts(s, ", ipi_spec_dst=inet_addr(\"");
			print_inet4(s, d + 4);
			dstr_puts(s, "\"), ipi_addr=inet_addr(\"");
			print_inet4(s, d + 8);
			dstr_puts(s, "\")}");
			break;
		case 11: /* IP_RECVERR: struct sock_extended_err and the offender */
			dstr_printf(s, "{ee_errno=%u, ee_origin=%u, ee_type=%u, ee_code=%u, "
				       "ee_info=%u, ee_data=%u, offender=",
				    ld32(d, 0), d[4], d[5], d[6], ld32(d, 8), ld32(d, 12));
			print_sockaddr(s, d + 16, 16);
			dstr_putc(s, '}');
			break;
		case 20: /* IP_ORIGDSTADDR */
			print_sockaddr(s, d, len < 128 ? len : 128);
			break;
		default: /* IP_TOS, IP_RECVOPTS, IP_RETOPTS: bytes */
			print_cmsg_array(s, o, d, len, 'x');
			break;
		}
	} else {
		dstr_printf(s, "%#x", t);
	}
}

/*
 * msg_control as strace walks it: each struct cmsghdr (16 bytes) while one fits,
 * its data as long as cmsg_len says within what is left; bytes left over that
 * hold no header end the array with their address.  d, have: what the BPF side
 * read of the controllen bytes at addr.
 */
static void print_cmsgs(struct dstr *s, const struct decode_opts *o, uint64_t addr,
			uint64_t controllen, const uint8_t *d, size_t have)
{
	size_t left = have, at = 0;

	if (have < 16) {
		print_ptr(s, addr);
		return;
	}
	dstr_putc(s, '[');
	while (left >= 16) {
		uint64_t clen = ld64(d, at), len = clen > left ? left : clen;
		int level = (int)ld32(d, at + 8), type = (int)ld32(d, at + 12);

		if (at)
			dstr_puts(s, ", ");
		dstr_printf(s, "{cmsg_len=%llu, cmsg_level=", (unsigned long long)clen);
		print_sock_level(s, level, "SOL_???");
		dstr_puts(s, ", cmsg_type=");
		print_cmsg_data(s, o, level, type, d + at + 16, len > 16 ? len - 16 : 0);
		dstr_putc(s, '}');
		if (len < 16) {
			left -= 16;
			break;
		}
		len = VT_ALIGN(clen, 8);
		if (len >= left) {
			left = 0;
			break;
		}
		at += len;
		left -= len;
	}
	if (left)
		dstr_printf(s, ", ... /* %#llx */", (unsigned long long)(addr + have - left));
	else if (have < controllen)
		dstr_puts(s, ", ...");
	dstr_putc(s, ']');
}

/* The parts of a msghdr item: the header, msg_name, msg_control, the iovec array. */
struct msgparts {
	struct vt_msghdr m;
	const uint8_t *name, *control, *iov;
	size_t iov_len;
};

static int msg_parts(const struct vt_capture *c, struct msgparts *p)
{
	const uint8_t *d = decode_cap_data(c), *end = d + c->len;
	size_t nl, cl;

	if (c->len < sizeof(p->m))
		return -1;
	memcpy(&p->m, d, sizeof(p->m));
	d += sizeof(p->m);
	nl = VT_ALIGN((size_t)p->m.name_cap, 8);
	cl = VT_ALIGN((size_t)p->m.control_cap, 8);
	if ((size_t)(end - d) < nl + cl)
		return -1;
	p->name = d;
	p->control = d + nl;
	p->iov = d + nl + cl;
	p->iov_len = (p->m.mflags & VT_MSG_IOV) ? (size_t)(end - p->iov) : 0;
	return 0;
}

/*
 * struct msghdr as strace prints it.  recvmsg (out): c was read at exit, in at
 * entry; msg_namelen shows both when they differ, msg_name no more than either
 * says, and the iovec contents stop at what the call returned.
 */
static void print_msghdr(struct dstr *s, const struct decode_opts *o, uint64_t v,
			 const struct vt_capture *c, const struct vt_capture *in, int out,
			 int64_t ret)
{
	struct msgparts p, pin;
	int namelen, inlen;
	int have_in = in && !(in->flags & VT_CAP_FAULT) && in->len >= sizeof(pin.m);

	if (have_in)
		memcpy(&pin.m, decode_cap_data(in), sizeof(pin.m));
	if (out && ret < 0) {
		/* a failed recvmsg: only what went in */
		if (have_in)
			dstr_printf(s, "{msg_namelen=%d}", (int)pin.m.namelen);
		else
			print_ptr(s, v);
		return;
	}
	if (!c || (c->flags & VT_CAP_FAULT) || msg_parts(c, &p)) {
		print_ptr(s, v);
		return;
	}
	namelen = (int)p.m.namelen;
	inlen = have_in ? (int)pin.m.namelen : namelen;
	dstr_puts(s, "{msg_name=");
	{
		int n = out && namelen > inlen ? inlen : namelen;

		if (n < 2 || (p.m.mflags & VT_MSG_NAME_FAULT))
			print_ptr(s, p.m.name);
		else
			print_sockaddr(s, p.name,
				       (size_t)n < p.m.name_cap ? (size_t)n : p.m.name_cap);
	}
	dstr_puts(s, ", msg_namelen=");
	if (out && inlen != namelen)
		dstr_printf(s, "%d => ", inlen);
	dstr_printf(s, "%d, msg_iov=", namelen);
	if (p.m.iov && !(p.m.mflags & VT_MSG_IOV))
		print_ptr(s, p.m.iov);
	else
		print_iov(s, o, p.m.iov, p.m.iovlen, p.iov, p.iov_len,
			  out ? (uint64_t)ret : UINT64_MAX, 0);
	dstr_printf(s, ", msg_iovlen=%llu", (unsigned long long)p.m.iovlen);
	if (p.m.controllen) {
		dstr_puts(s, ", msg_control=");
		if (p.m.mflags & VT_MSG_CONTROL_FAULT)
			print_ptr(s, p.m.control);
		else
			print_cmsgs(s, o, p.m.control, p.m.controllen, p.control, p.m.control_cap);
	}
	dstr_printf(s, ", msg_controllen=%llu, msg_flags=", (unsigned long long)p.m.controllen);
	print_flags(s, msg_flags, (uint32_t)p.m.flags, "MSG_???");
	dstr_putc(s, '}');
}

/*
 * A value-result number: "[in]", or "[in => out]" (socklen_t) and "[in] => [out]"
 * (sendfile's offset, whose " => [out]" alone ends a resumed line's first
 * part) once the call has changed it; with a status filter the value at entry
 * is not known, and the one at exit prints alone.
 */
static void print_inout(struct dstr *s, const struct decode_arg *a, unsigned size)
{
	const struct vt_capture *ci = a->caps_in ? a->caps_in[a->idx] : NULL, *co = a->cap;
	uint64_t v = a->args[a->idx], in, out;
	int ok = a->exited && a->ret >= 0;

	if (ci && ((ci->flags & VT_CAP_FAULT) || ci->len < size))
		ci = NULL;
	if (co && ((co->flags & VT_CAP_FAULT) || co->len < size || !ok))
		co = NULL;
	if (a->resumed) {
		if (ci && co && a->ret > 0)
			dstr_printf(s, " => [%llu]",
				    (unsigned long long)(size == 4 ? ld32(decode_cap_data(co), 0)
								   : ld64(decode_cap_data(co), 0)));
		return;
	}
	if (!v || (!ci && !co)) {
		print_ptr(s, v);
		return;
	}
	in = ci ? (size == 4 ? ld32(decode_cap_data(ci), 0) : ld64(decode_cap_data(ci), 0)) : 0;
	out = co ? (size == 4 ? ld32(decode_cap_data(co), 0) : ld64(decode_cap_data(co), 0)) : 0;
	if (size == 4) {
		if (!ci)
			dstr_printf(s, "[%u]", (unsigned)out);
		else if (co && out != in)
			dstr_printf(s, "[%u => %u]", (unsigned)in, (unsigned)out);
		else
			dstr_printf(s, "[%u]", (unsigned)in);
	} else {
		dstr_printf(s, "[%llu]", (unsigned long long)(ci ? in : out));
		if (ci && co && a->ret > 0)
			dstr_printf(s, " => [%llu]", (unsigned long long)out);
	}
}

static int fcntl_no_arg(unsigned cmd)
{
	switch (cmd) {
	case 1:	   /* F_GETFD */
	case 3:	   /* F_GETFL */
	case 9:	   /* F_GETOWN */
	case 11:   /* F_GETSIG */
	case 1025: /* F_GETLEASE */
	case 1032: /* F_GETPIPE_SZ */
	case 1034: /* F_GET_SEALS */
		return 1;
	}
	return 0;
}

int decode_arg_shown(const struct decode_arg *a)
{
	if (a->type == VT_AT_OMODE && a->idx > 0) {
		uint64_t fl = a->args[a->idx - 1];

		return (fl & 0100) || (fl & 020000000) == 020000000;
	}
	if (a->type == VT_AT_FCNTLARG && a->idx > 0)
		return !fcntl_no_arg((unsigned)a->args[a->idx - 1]);
	if (a->type == VT_AT_PRCTLARG && a->idx > 0) {
		const struct prctlent *e = find_prctl((uint32_t)a->args[0]);

		return a->idx <= (e ? e->nargs : 4);
	}
	if (a->type == VT_AT_IOCTLARG && a->idx > 0) {
		const struct ioctlent *e = find_ioctl((uint32_t)a->args[a->idx - 1]);

		return !e || e->arg != IOA_NONE;
	}
	return a->type != VT_AT__;
}

/* The capture of another argument of the same call, when it was read. */
static const struct vt_capture *sibling(const struct decode_arg *a, int idx)
{
	const struct vt_capture *c;

	if (!a->caps || idx < 0 || idx > 5)
		return NULL;
	c = a->caps[idx];
	return c && !(c->flags & VT_CAP_FAULT) ? c : NULL;
}

static void print_sockproto(struct dstr *s, const struct decode_arg *a)
{
	uint64_t fam = a->idx >= 2 ? a->args[0] : 0;
	int v = (int)a->args[a->idx];

	if (fam == 2 || fam == 10)
		PRINT_XVAL(s, ip_protos, v, "IPPROTO_???");
	else if (fam == 16)
		PRINT_XVAL(s, netlink_protos, v, "NETLINK_???");
	else
		dstr_printf(s, "%d", v);
}

static void print_futex_op(struct dstr *s, uint64_t v)
{
	unsigned op = v & 0xffffffffu;
	const char *n = XLOOKUP(futex_cmds, op & 0x7f);

	if (!n) {
		dstr_printf(s, "%#x /* FUTEX_??? */", op);
		return;
	}
	dstr_puts(s, n);
	if (op & 128)
		dstr_puts(s, "_PRIVATE");
	if (op & 256)
		dstr_puts(s, "|FUTEX_CLOCK_REALTIME");
	if (op & ~0x1ffu)
		dstr_printf(s, "|%#x", op & ~0x1ffu);
}

/*
 * execve's argv as strace prints it, ["ls", "-la"], cut after -s elements with
 * "..."; its envp as the address and a count: 0x7ffd... /\* 23 vars *\/.
 */
static void print_strv(struct dstr *s, const struct decode_opts *o, unsigned type, uint64_t v,
		       const struct vt_capture *c)
{
	const uint8_t *d, *end;
	struct vt_strv sv;
	uint32_t i;

	if (!v || !c || (c->flags & VT_CAP_FAULT) || c->len < sizeof(sv)) {
		print_ptr(s, v);
		return;
	}
	d = decode_cap_data(c);
	end = d + c->len;
	memcpy(&sv, d, sizeof(sv));
	d += sizeof(sv);
	if (type == VT_AT_ENVP) {
		dstr_printf(s, "%#llx /* %u%s vars */", (unsigned long long)v, sv.count,
			    sv.flags & VT_STRV_MORE ? "+" : "");
		return;
	}
	dstr_putc(s, '[');
	for (i = 0; i < sv.count; i++) {
		struct vt_strv_elem el;
		size_t n;
		int cut;

		if (i)
			dstr_puts(s, ", ");
		if (i >= o->string_limit) {
			dstr_puts(s, "...");
			break;
		}
		if ((size_t)(end - d) < sizeof(el))
			break;
		memcpy(&el, d, sizeof(el));
		d += sizeof(el);
		if (el.flags & VT_CAP_FAULT || (size_t)(end - d) < el.len) {
			dstr_puts(s, "???");
			continue;
		}
		n = el.len;
		cut = (el.flags & VT_CAP_TRUNC) != 0;
		if (n > o->string_limit) {
			n = o->string_limit;
			cut = 1;
		}
		decode_quote(s, d, n, 0, cut);
		d += el.len;
	}
	if (sv.flags & VT_STRV_MORE && i == sv.count)
		dstr_puts(s, sv.count ? ", ..." : "...");
	dstr_putc(s, ']');
}

/* ---- printers, one per argument type (the last column of VT_ARGTYPES) ---- */

void arg_none(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
}

void arg_int(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	dstr_printf(s, "%d", (int)arg_val(a));
}

void arg_uint(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	dstr_printf(s, "%u", (unsigned)arg_val(a));
}

void arg_long(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	dstr_printf(s, "%lld", (long long)arg_val(a));
}

void arg_ulong(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	dstr_printf(s, "%llu", (unsigned long long)arg_val(a));
}

void arg_hex(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	dstr_printf(s, "%#llx", (unsigned long long)arg_val(a));
}

void arg_ptr(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_ptr(s, arg_val(a));
}

void arg_strv(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_strv(s, o, a->type, arg_val(a), a->cap);
}

void arg_dirfd(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	if ((int)arg_val(a) == -100)
		dstr_puts(s, "AT_FDCWD");
	else
		dstr_printf(s, "%d", (int)arg_val(a));
}

void arg_mode(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_mode_arg(s, arg_val(a));
}

void arg_path(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	decode_quote(s, arg_data(a), a->cap->len, 0, 0);
}

void arg_str(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	size_t n = a->cap->len;
	int cut = (a->cap->flags & VT_CAP_TRUNC) != 0;

	if (n > o->string_limit) {
		n = o->string_limit;
		cut = 1;
	}
	decode_quote(s, arg_data(a), n, 0, cut);
}

void arg_buf(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const struct vt_capture *c = a->cap;
	/* the call's own length decides "...": the capture is bounded by -s */
	uint64_t want = a->type == VT_AT_BUFIN ? (a->idx < 5 ? a->args[a->idx + 1] : c->len)
					       : (uint64_t)a->ret;
	size_t n = c->len;

	if (n > o->string_limit)
		n = o->string_limit;
	decode_quote(s, arg_data(a), n, a->type == VT_AT_BUFOUTX, want > n);
}

void arg_oflags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_open_flags(s, arg_val(a));
}

void arg_pipefl(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_plain_oflags(s, arg_val(a));
}

void arg_atflags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, at_flags, arg_val(a) & 0xffffffffu, "AT_???");
}

void arg_statx_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint64_t v = arg_val(a);
	const char *n = XLOOKUP(statx_sync, v & 0x6000);

	dstr_puts(s, n ? n : "AT_STATX_SYNC_TYPE");
	print_flag_bits(s, at_flags, v & 0xffffffffu & ~0x6000u, 1);
}

void arg_accmode(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	if (!arg_val(a))
		dstr_puts(s, "F_OK");
	else
		print_flags(s, access_modes, arg_val(a) & 0xffffffffu, "?_OK");
}

void arg_prot(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	if (!arg_val(a))
		dstr_puts(s, "PROT_NONE");
	else
		print_flags(s, prot_flags, arg_val(a), "PROT_???");
}

void arg_mapfl(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint64_t v = arg_val(a);
	const char *t = XLOOKUP(map_types, v & 0xf);

	if (t)
		dstr_puts(s, t);
	else
		dstr_printf(s, "%#llx /* MAP_??? */", (unsigned long long)(v & 0xf));
	print_flag_bits(s, map_flags, v & ~0xfull, 1);
}

void arg_seek(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, seek_whence, arg_val(a), "SEEK_???");
}

void arg_sig(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_signo(s, (int)arg_val(a));
}

void arg_clonefl(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint64_t v = arg_val(a);
	int n = print_flag_bits(s, clone_flags, v & ~0xffull, 0);

	if (v & 0xff) {
		if (n)
			dstr_putc(s, '|');
		print_signo(s, v & 0xff);
	} else if (!n) {
		dstr_putc(s, '0');
	}
}

void arg_af(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, af_names, arg_val(a), "AF_???");
}

void arg_socktype(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint64_t v = arg_val(a);
	const char *t = XLOOKUP(sock_types, v & 0xf);

	if (a->idx == 3) {
		/* accept4 flags */
		print_flags(s, sock_flags, v, "SOCK_???");
		return;
	}
	if (t)
		dstr_puts(s, t);
	else
		dstr_printf(s, "%#llx /* SOCK_??? */", (unsigned long long)(v & 0xf));
	print_flag_bits(s, sock_flags, v & ~0xfull & 0xffffffffu, 1);
}

void arg_sockproto(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_sockproto(s, a);
}

void arg_fcntl_cmd(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, fcntl_cmds, arg_val(a) & 0xffffffffu, "F_???");
}

void arg_fcntl_arg(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint64_t v = arg_val(a);
	const struct vt_capture *c = a->cap;
	unsigned cmd = a->args[1];

	if (cmd == 2)
		print_flags(s, fd_flags, v, "FD_???");
	else if (cmd == 4)
		print_open_flags(s, v);
	else if (cmd == 10)
		print_signo(s, (int)v);
	else if (cmd == 1024)
		PRINT_XVAL(s, lease_types, v, "F_???");
	else if (cmd == 1026)
		print_flags(s, dn_flags, v & 0xffffffffu, "DN_???");
	else if (cmd == 1033)
		print_flags(s, seal_flags, v & 0xffffffffu, "F_SEAL_???");
	else if (cmd == 0 || cmd == 1030 || cmd == 8 || cmd == 1031)
		dstr_printf(s, "%d", (int)v);
	else if ((cmd >= 5 && cmd <= 7) || (cmd >= 36 && cmd <= 38))
		print_flock(s, v, c, cmd == 5 || cmd == 36);
	else if (cmd == 15 || cmd == 16)
		print_owner_ex(s, v, c);
	else
		dstr_printf(s, "%#llx", (unsigned long long)v);
}

void arg_ioctl_req(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_ioctl_req(s, (uint32_t)arg_val(a));
}

void arg_ioctl_arg(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint64_t v = arg_val(a);
	const struct vt_capture *c = a->cap;
	const uint8_t *d = c ? decode_cap_data(c) : NULL;
	const struct ioctlent *e = a->idx ? find_ioctl((uint32_t)a->args[a->idx - 1]) : NULL;
	int have = v && c && !(c->flags & VT_CAP_FAULT);

	switch (e ? e->arg : IOA_HEX) {
	case IOA_PTR:
		print_ptr(s, v);
		break;
	case IOA_INTPTR:
		if (have && c->len >= 4)
			dstr_printf(s, "[%d]", (int)ld32(d, 0));
		else
			print_ptr(s, v);
		break;
	case IOA_TERMIOS:
		if (have && c->len >= 16)
			print_termios(s, d);
		else
			print_ptr(s, v);
		break;
	case IOA_WINSZ:
		if (have && c->len >= 8)
			dstr_printf(s, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}",
				    ld16(d, 0), ld16(d, 2), ld16(d, 4), ld16(d, 6));
		else
			print_ptr(s, v);
		break;
	case IOA_NONE:
		break;
	case IOA_INT:
		dstr_printf(s, "%d", (int)v);
		break;
	case IOA_TCFLSH:
		PRINT_XVAL(s, tcflsh_args, v, "TC???");
		break;
	case IOA_TCXONC:
		PRINT_XVAL(s, tcxonc_args, v, "TC???");
		break;
	default:
		dstr_printf(s, "%#llx", (unsigned long long)v);
		break;
	}
}

void arg_sigaction(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_sigaction(s, arg_data(a));
}

void arg_utsname(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_utsname(s, arg_data(a));
}

void arg_sysinfo(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_sysinfo(s, arg_data(a));
}

void arg_rusage(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_rusage(s, arg_data(a));
}

/*
 * The capture is 768 bytes: a fixed size read at exit faults when it runs past
 * what the call wrote into pages never touched (the fresh buffer of opendir),
 * and a fault loses the count.  Measured over ls -la, ls -R, du, find and
 * python3 os.listdir (1403 non-empty results): 768 bytes counted 96% of them,
 * 4096 bytes 83%.  Results longer than the capture print the address only.
 */
void arg_dirents(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	/* nothing returned is nothing to read */
	if (a->exited && a->ret == 0 && arg_val(a)) {
		print_dirents(s, arg_val(a), NULL, 0);
		return;
	}
	if (arg_mem(s, a, 0))
		print_dirents(s, arg_val(a), a->cap, a->exited ? a->ret : 0);
}

void arg_cwd(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const struct vt_capture *c = a->cap;
	const uint8_t *d = arg_data(a);
	/* the length returned counts the NUL; the capture is bounded by -s */
	size_t n = strnlen((const char *)d, c->len);
	int cut = n == c->len && (uint64_t)a->ret > c->len;

	if (n > o->string_limit) {
		n = o->string_limit;
		cut = 1;
	}
	decode_quote(s, d, n, 0, cut);
}

void arg_fadvice(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, fadvice, arg_val(a), "POSIX_FADV_???");
}

void arg_epoll_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, epoll_cflags, arg_val(a) & 0xffffffffu, "EPOLL_???");
}

void arg_epoll_op(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, epoll_ops, arg_val(a), "EPOLL_CTL_???");
}

void arg_epoll_event(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_epoll_event(s, arg_data(a));
}

void arg_epoll_events(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	if (a->exited && a->ret == 0 && arg_val(a)) {
		dstr_puts(s, "[]");
		return;
	}
	if (arg_mem(s, a, 0))
		print_epoll_events(s, o, a->cap, a->exited ? a->ret : 0);
}

void arg_pollfds(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint64_t nfds = a->idx < 5 ? (uint32_t)a->args[a->idx + 1] : 0;

	if (arg_val(a) && !nfds) {
		dstr_puts(s, "[]");
		return;
	}
	if (arg_mem(s, a, 0))
		print_pollfds(s, o, a->cap, nfds);
}

void arg_shut_how(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, shut_how, arg_val(a), "SHUT_???");
}

void arg_msg_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, msg_flags, arg_val(a) & 0xffffffffu, "MSG_???");
}

void arg_sock_level(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_sock_level(s, (int)arg_val(a), "SOL_??");
}

void arg_sock_opt(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_sock_opt(s, a->idx ? (int)a->args[a->idx - 1] : 0, (int)arg_val(a));
}

void arg_sockopt_in(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_sockopt_val(s, arg_val(a), arg_data(a), a->cap->len, (int)a->args[1],
			  (int)a->args[2], a->idx < 5 ? (uint32_t)a->args[a->idx + 1] : 0);
}

void arg_sockopt_out(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const struct vt_capture *lc = sibling(a, a->idx + 1);

	if (!lc || lc->len < 4)
		print_ptr(s, arg_val(a));
	else
		print_sockopt_val(s, arg_val(a), arg_data(a), a->cap->len, (int)a->args[1],
				  (int)a->args[2], ld32(decode_cap_data(lc), 0));
}

void arg_sockaddr_out(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	/* no longer than the length said, going in or coming out */
	const struct vt_capture *lc = sibling(a, a->idx + 1);
	const struct vt_capture *li = a->caps_in && a->idx < 5 ? a->caps_in[a->idx + 1] : NULL;
	size_t n = a->cap->len;

	if (lc && lc->len >= 4 && ld32(decode_cap_data(lc), 0) < n)
		n = ld32(decode_cap_data(lc), 0);
	if (li && !(li->flags & VT_CAP_FAULT) && li->len >= 4 && ld32(decode_cap_data(li), 0) < n)
		n = ld32(decode_cap_data(li), 0);
	if (n < 2)
		print_ptr(s, arg_val(a));
	else
		print_sockaddr(s, arg_data(a), n);
}

void arg_iov(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	int out = a->type == VT_AT_IOVOUT;

	print_iov(s, o, arg_val(a), a->idx < 5 ? a->args[a->idx + 1] : 0, arg_data(a), a->cap->len,
		  out ? (uint64_t)a->ret : UINT64_MAX, out && a->ret < 0);
}

void arg_msghdr_in(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_msghdr(s, o, arg_val(a), a->cap, NULL, 0, 0);
}

void arg_msghdr_out(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_msghdr(s, o, arg_val(a), a->cap, a->caps_in ? a->caps_in[a->idx] : NULL, 1, a->ret);
}

void arg_rwf(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, rwf_flags, arg_val(a) & 0xffffffffu, "RWF_???");
}

void arg_splice_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, splice_flags, arg_val(a) & 0xffffffffu, "SPLICE_F_???");
}

void arg_access_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, access_at_flags, arg_val(a) & 0xffffffffu, "AT_???");
}

void arg_clone_args(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_clone_args(s, arg_data(a), a->cap->len, a->ret, a->exited);
}

void arg_utimens(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_utimens(s, arg_data(a));
}

void arg_mfd_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	/* MFD_HUGE_* is the page size's log2 at bit 26 */
	unsigned fl = arg_val(a), huge = (fl >> 26) & 0x3f, low = fl & ~(0x3fu << 26);

	if (low || !huge)
		print_flags(s, mfd_flags, low, "MFD_???");
	if (huge)
		dstr_printf(s, "%s%u<<MFD_HUGE_SHIFT", low ? "|" : "", huge);
}

void arg_statfs(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_statfs(s, arg_data(a));
}

void arg_cpuset(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_cpuset(s, arg_val(a), a->cap, a->exited ? a->ret : -1);
}

void arg_stack(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_stack_t(s, arg_data(a));
}

void arg_gids_in(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_gids(s, o, a->cap, (uint32_t)a->args[0]);
}

void arg_gids_out(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_gids(s, o, a->cap, a->exited && a->ret > 0 ? (uint64_t)a->ret : 0);
}

void arg_prctl_op(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const struct prctlent *e = find_prctl((uint32_t)arg_val(a));

	if (e)
		dstr_puts(s, e->name);
	else
		dstr_printf(s, "%#x /* PR_??? */", (unsigned)arg_val(a));
}

void arg_prctl_arg(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	uint64_t v = arg_val(a);
	const struct prctlent *e = find_prctl((uint32_t)a->args[0]);
	enum prctl_arg st = e && a->idx == 1 ? e->first : PRA_HEX;

	/* PR_CAP_AMBIENT: the capability after the subcommands that take one */
	if (e && e->first == PRA_AMBIENT && a->idx == 2 && a->args[1] >= 1 && a->args[1] <= 3)
		st = PRA_CAP;
	switch (st) {
	case PRA_DEC:
		dstr_printf(s, "%llu", (unsigned long long)v);
		break;
	case PRA_PTR:
		print_ptr(s, v);
		break;
	case PRA_CAP:
		PRINT_XVAL(s, cap_names, v, "CAP_???");
		break;
	case PRA_SIG:
		print_signo(s, (int)v);
		break;
	case PRA_DUMP:
		PRINT_XVAL(s, suid_dump, v, "SUID_DUMP_???");
		break;
	case PRA_UNALIGN:
		print_flags(s, pr_unalign, v, "PR_UNALIGN_???");
		break;
	case PRA_TSC:
		PRINT_XVAL(s, pr_tsc, v, "PR_TSC_???");
		break;
	case PRA_SECBITS:
		print_flags(s, secbits, v, "SECBIT_???");
		break;
	case PRA_AMBIENT:
		PRINT_XVAL(s, pr_ambient, v, "PR_CAP_AMBIENT_???");
		break;
	case PRA_SECCOMP:
		PRINT_XVAL(s, seccomp_modes, v, "SECCOMP_MODE_???");
		break;
	default:
		dstr_printf(s, "%#llx", (unsigned long long)v);
		break;
	}
}

void arg_rusage_who(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, rusage_who, (uint64_t)(int64_t)(int)arg_val(a), "RUSAGE_???");
}

void arg_madv(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, madv_names, arg_val(a), "MADV_???");
}

void arg_futex_op(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_futex_op(s, arg_val(a));
}

void arg_clockid(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, clock_ids, arg_val(a), "CLOCK_???");
}

void arg_rlimres(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, rlimit_res, arg_val(a), "RLIMIT_???");
}

void arg_arch_prctl(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, arch_prctl_codes, arg_val(a), "ARCH_???");
}

void arg_grnd(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, grnd_flags, arg_val(a), "GRND_???");
}

void arg_sighow(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, sighow, arg_val(a), "SIG_???");
}

void arg_waitopt(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, wait_opts, arg_val(a) & 0xffffffffu, "W???");
}

void arg_statx_mask(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, statx_masks, arg_val(a) & 0xffffffffu, "STATX_???");
}

void arg_stat(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_stat(s, arg_data(a));
}

void arg_statx(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_statx(s, arg_data(a));
}

void arg_timespec(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_timespec(s, arg_data(a));
}

void arg_pipefd(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const uint8_t *d = arg_data(a);

	dstr_printf(s, "[%d, %d]", (int)ld32(d, 0), (int)ld32(d, 4));
}

void arg_wstatus(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_wstatus(s, ld32(arg_data(a), 0));
}

void arg_rlimit(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_rlimit(s, arg_data(a));
}

void arg_sigset(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_sigset(s, arg_data(a), a->cap->len);
}

void arg_sigframe(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const struct vt_capture *c = a->cap;

	/* the register holds nothing of the call's: the frame is all there is */
	dstr_puts(s, "{mask=");
	if (c && !(c->flags & VT_CAP_FAULT) && c->len >= 8)
		print_sigset(s, decode_cap_data(c), c->len);
	else
		dstr_putc(s, '?');
	dstr_putc(s, '}');
}

void arg_sockaddr(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	size_t n = a->cap->len;

	if (a->idx < 5 && a->args[a->idx + 1] < n)
		n = a->args[a->idx + 1];
	print_sockaddr(s, arg_data(a), n);
}

void arg_inout(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_inout(s, a, a->type == VT_AT_SOCKLENOUT ? 4 : 8);
}

/* ---- the descriptor table: one row per argument type ---- */

enum vt_argdir { VT_DIR_IN, VT_DIR_OUT, VT_DIR_INOUT, VT_DIR_SPLIT };

#define VT_ARGCLASS_NONE 0
#define VT_ARGCLASS_FILE VT_CLASS_FILE
#define VT_ARGCLASS_DESC VT_CLASS_DESC

struct argdesc {
	const char *name;
	uint8_t dir;	 /* enum vt_argdir */
	uint8_t capture; /* VT_CK_* */
	uint8_t json;	 /* enum decode_json_kind */
	uint16_t cls;	 /* VT_CLASS_* */
	uint16_t size;
	int16_t min;
	decode_printer *print;
};

#define VT_AT_DESC(n, dir, cap, sz, mn, js, cl, pr)                                            \
	{ #n, VT_DIR_##dir, VT_CK_##cap, VT_JSON_##js, VT_ARGCLASS_##cl, sz, mn, pr },
static const struct argdesc argdescs[VT_AT_MAX] = { VT_ARGTYPES(VT_AT_DESC) };
#undef VT_AT_DESC

const char *decode_argtype_name(unsigned type)
{
	return type < VT_AT_MAX ? argdescs[type].name : "?";
}

enum decode_json_kind decode_json_kind(unsigned type)
{
	return type < VT_AT_MAX ? argdescs[type].json : VT_JSON_NONE;
}

unsigned decode_argtype_class(unsigned type)
{
	return type < VT_AT_MAX ? argdescs[type].cls : 0;
}

int decode_is_output(unsigned type)
{
	return type < VT_AT_MAX &&
	       (argdescs[type].dir == VT_DIR_OUT || argdescs[type].dir == VT_DIR_INOUT);
}

int decode_is_inout(unsigned type)
{
	return type < VT_AT_MAX &&
	       (argdescs[type].dir == VT_DIR_INOUT || argdescs[type].dir == VT_DIR_SPLIT);
}

int decode_is_split(unsigned type)
{
	return type < VT_AT_MAX && argdescs[type].dir == VT_DIR_SPLIT;
}

void decode_capspec(unsigned type, int idx, uint8_t *kind, uint16_t *aux)
{
	*kind = VT_CK_NONE;
	*aux = 0;
	if (type >= VT_AT_MAX)
		return;
	*kind = argdescs[type].capture;
	switch (*kind) {
	case VT_CK_BUF_IN:
	case VT_CK_IOV_IN:
	case VT_CK_IOV_OUT:
		/* the length or the count is the next argument */
		*aux = idx + 1;
		break;
	case VT_CK_SIGFRAME:
		/* x86_64: the frame's ucontext is at the stack pointer, its uc_sigmask 296 in */
		*aux = 296;
		break;
	default:
		*aux = argdescs[type].size;
		break;
	}
}

int arg_mem(struct dstr *s, const struct decode_arg *a, unsigned min)
{
	const struct vt_capture *c = a->cap;

	if (!arg_val(a)) {
		dstr_puts(s, "NULL");
		return 0;
	}
	if (!c || (c->flags & VT_CAP_FAULT) || c->len < min) {
		print_ptr(s, arg_val(a));
		return 0;
	}
	return 1;
}

void decode_arg_text(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const struct argdesc *t;

	if (a->type >= VT_AT_MAX) {
		arg_hex(s, o, a);
		return;
	}
	t = &argdescs[a->type];
	/* memory that could not be read prints as its address, as strace prints it */
	if (t->capture != VT_CK_NONE && t->min >= 0 && !arg_mem(s, a, t->min))
		return;
	t->print(s, o, a);
}

void decode_ret_call(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	int64_t ret = a->ret;
	unsigned cmd = a->args[1];

	if (ret < 0 && ret >= -4095) {
		decode_ret_text(s, a->type, ret);
		return;
	}
	switch (a->type) {
	case VT_AT_RFCNTL:
		/* F_GETFL, F_GETLEASE, and F_GETFD, F_GET_SEALS when set: hex, and its meaning */
		if (cmd == 3) {
			dstr_printf(s, "%#llx (flags ", (unsigned long long)ret);
			print_open_flags(s, (uint64_t)ret);
			dstr_putc(s, ')');
			return;
		}
		if (cmd == 1025) {
			dstr_printf(s, "%#llx (", (unsigned long long)ret);
			PRINT_XVAL(s, lease_types, (uint64_t)ret, "F_???");
			dstr_putc(s, ')');
			return;
		}
		if ((cmd == 1 || cmd == 1034) && ret) {
			dstr_printf(s, "%#llx (%s", (unsigned long long)ret,
				    cmd == 1 ? "flags " : "seals ");
			if (cmd == 1)
				print_flags(s, fd_flags, (uint64_t)ret, "FD_???");
			else
				print_flags(s, seal_flags, (uint64_t)ret, "F_SEAL_???");
			dstr_putc(s, ')');
			return;
		}
		break;
	case VT_AT_RPRCTL:
		if ((uint32_t)a->args[0] == 3) {
			/* PR_GET_DUMPABLE */
			dstr_printf(s, "%lld (", (long long)ret);
			PRINT_XVAL(s, suid_dump, (uint64_t)ret, "SUID_DUMP_???");
			dstr_putc(s, ')');
			return;
		}
		if ((uint32_t)a->args[0] == 27 && ret) {
			/* PR_GET_SECUREBITS */
			dstr_printf(s, "%#llx (", (unsigned long long)ret);
			print_flags(s, secbits, (uint64_t)ret, "SECBIT_???");
			dstr_putc(s, ')');
			return;
		}
		break;
	case VT_AT_RPOLL:
		decode_ret_text(s, a->type, ret);
		print_poll_result(s, o, a->caps ? a->caps[0] : NULL, (uint32_t)a->args[1], ret);
		return;
	}
	decode_ret_text(s, a->type, ret);
}

/* ---- siginfo ---- */

static const struct xlat si_codes[] = {
	{ 0, "SI_USER" },	     { 0x80, "SI_KERNEL" },	{ (uint64_t)-1, "SI_QUEUE" },
	{ (uint64_t)-2, "SI_TIMER" }, { (uint64_t)-3, "SI_MESGQ" }, { (uint64_t)-4, "SI_ASYNCIO" },
	{ (uint64_t)-5, "SI_SIGIO" }, { (uint64_t)-6, "SI_TKILL" }, { (uint64_t)-7, "SI_DETHREAD" },
	{ (uint64_t)-60, "SI_ASYNCNL" }, { 0, NULL },
};

static const char *const cld_codes[] = {
	NULL, "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED",
	"CLD_CONTINUED",
};
static const char *const segv_codes[] = {
	NULL, "SEGV_MAPERR", "SEGV_ACCERR", "SEGV_BNDERR", "SEGV_PKUERR", "SEGV_ACCADI",
	"SEGV_ADIDERR", "SEGV_ADIPERR", "SEGV_MTEAERR", "SEGV_MTESERR", "SEGV_CPERR",
};
static const char *const bus_codes[] = {
	NULL, "BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR", "BUS_MCEERR_AR", "BUS_MCEERR_AO",
};
static const char *const ill_codes[] = {
	NULL, "ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP", "ILL_PRVOPC", "ILL_PRVREG",
	"ILL_COPROC", "ILL_BADSTK", "ILL_BADIADDR",
};
static const char *const fpe_codes[] = {
	NULL, "FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV", "FPE_FLTOVF", "FPE_FLTUND", "FPE_FLTRES",
	"FPE_FLTINV", "FPE_FLTSUB", "FPE_FLTUNK", "FPE_CONDTRAP",
};
static const char *const trap_codes[] = {
	NULL, "TRAP_BRKPT", "TRAP_TRACE", "TRAP_BRANCH", "TRAP_HWBKPT", "TRAP_UNK", "TRAP_PERF",
};
static const char *const poll_codes[] = {
	NULL, "POLL_IN", "POLL_OUT", "POLL_MSG", "POLL_ERR", "POLL_PRI", "POLL_HUP",
};

#define CODE_NAME(tab, c) ((c) > 0 && (size_t)(c) < ARRAY_SIZE(tab) ? (tab)[c] : NULL)

void decode_siginfo(struct dstr *s, int signo, int code, int err, const uint64_t fields[4])
{
	const uint8_t *f = (const void *)fields;
	const char *cn = NULL;
	char buf[16];
	const char *sn = decode_signame(signo, buf, sizeof(buf));
	int fault = signo == 11 || signo == 7 || signo == 4 || signo == 8 || signo == 5;

	dstr_putc(s, '{');
	dstr_puts(s, "si_signo=");
	if (sn)
		dstr_puts(s, sn);
	else
		dstr_printf(s, "%d", signo);
	/* positive codes are per signal; zero and negative ones come from user space */
	if (code > 0 && code != 0x80) {
		switch (signo) {
		case 17:
			cn = CODE_NAME(cld_codes, code);
			break;
		case 11:
			cn = CODE_NAME(segv_codes, code);
			break;
		case 7:
			cn = CODE_NAME(bus_codes, code);
			break;
		case 4:
			cn = CODE_NAME(ill_codes, code);
			break;
		case 8:
			cn = CODE_NAME(fpe_codes, code);
			break;
		case 5:
			cn = CODE_NAME(trap_codes, code);
			break;
		case 29:
			cn = CODE_NAME(poll_codes, code);
			break;
		}
	} else {
		cn = XLOOKUP(si_codes, (uint64_t)(int64_t)code);
	}
	dstr_puts(s, ", si_code=");
	if (cn)
		dstr_puts(s, cn);
	else
		dstr_printf(s, "%d", code);
	if (err)
		dstr_printf(s, ", si_errno=%d", err);
	if (code <= 0 || code == 0x80) {
		/* sent by a process (kill, tkill, sigqueue) or the kernel */
		if (code != 0x80 || ld32(f, 0))
			dstr_printf(s, ", si_pid=%d, si_uid=%u", (int)ld32(f, 0), ld32(f, 4));
		if (code == -1 || code == -2)
			dstr_printf(s, ", si_int=%d, si_ptr=%#llx", (int)ld32(f, 8),
				    (unsigned long long)ld64(f, 8));
	} else if (signo == 17) {
		int st = (int)ld32(f, 8);

		dstr_printf(s, ", si_pid=%d, si_uid=%u, si_status=", (int)ld32(f, 0), ld32(f, 4));
		if (code == 1)
			dstr_printf(s, "%d", st);
		else
			print_signo(s, st);
		dstr_printf(s, ", si_utime=%lld, si_stime=%lld", (long long)ld64(f, 16),
			    (long long)ld64(f, 24));
	} else if (fault) {
		dstr_puts(s, ", si_addr=");
		print_ptr(s, ld64(f, 0));
	} else if (signo == 29) {
		dstr_printf(s, ", si_band=%lld, si_fd=%d", (long long)ld64(f, 0), (int)ld32(f, 8));
	}
	dstr_putc(s, '}');
}
