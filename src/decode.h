/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Argument decoding: how each argument type of the syscall table prints (strace's
 * notation), what the BPF side must capture for it, errno and signal names.
 *
 * Threads: every function is pure or writes only into the caller's dstr; any
 * thread.  The tables are read-only.
 */
#ifndef VLTRACE_DECODE_H
#define VLTRACE_DECODE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "record.h"

/*
 * Argument types, as named in src/tables/syscalls.def.  The order is part of the
 * trace file's syscall table (argument kinds): append, never reorder.
 */
#define VT_ARGTYPES(M)                                                                 \
	M(_)	     /* no argument */                                                 \
	M(D)	     /* int, decimal */                                                \
	M(U)	     /* unsigned int, decimal */                                       \
	M(LD)	     /* long, decimal */                                               \
	M(LU)	     /* unsigned long, decimal */                                      \
	M(X)	     /* hexadecimal (0 prints as 0) */                                 \
	M(P)	     /* pointer: NULL or hexadecimal */                                \
	M(FD)	     /* file descriptor (int) */                                       \
	M(DIRFD)     /* directory descriptor: AT_FDCWD */                              \
	M(MODE)	     /* file mode, octal */                                            \
	M(OMODE)     /* open(2) mode: printed only with O_CREAT or O_TMPFILE */        \
	M(PATH)	     /* path name, captured in full */                                 \
	M(STR)	     /* NUL-terminated string, bounded by -s */                        \
	M(BUFIN)     /* buffer read at entry, length in the next argument */           \
	M(BUFOUT)    /* buffer written by the call, length = return value */           \
	M(BUFOUTX)   /* same, printed in hex (getrandom) */                            \
	M(ARGV)	     /* string array (execve argv): not captured yet, address */       \
	M(ENVP)	     /* environment: address */                                        \
	M(OFLAGS)    /* O_* open flags */                                              \
	M(ATFLAGS)   /* AT_* flags */                                                  \
	M(ACCMODE)   /* access(2) mode: F_OK, R_OK|W_OK|X_OK */                        \
	M(PROT)	     /* PROT_* */                                                      \
	M(MAPFL)     /* MAP_* */                                                       \
	M(SEEK)	     /* SEEK_* */                                                      \
	M(SIG)	     /* signal number */                                               \
	M(CLONEFL)   /* CLONE_* | exit signal */                                       \
	M(AF)	     /* socket domain AF_* */                                          \
	M(SOCKTYPE)  /* SOCK_* type and flags */                                       \
	M(FCNTL)     /* fcntl command F_* */                                           \
	M(IOCTL)     /* ioctl request */                                               \
	M(MADV)	     /* madvise advice */                                              \
	M(FUTEXOP)   /* futex operation */                                             \
	M(CLOCKID)   /* clock id */                                                    \
	M(RLIMRES)   /* RLIMIT_* */                                                    \
	M(ARCHPRCTL) /* ARCH_* */                                                      \
	M(GRND)	     /* GRND_* */                                                      \
	M(SIGHOW)    /* SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK */                         \
	M(WAITOPT)   /* WNOHANG|... */                                                 \
	M(STATXMASK) /* STATX_* */                                                     \
	M(STATXFL)   /* statx flags: AT_STATX_SYNC_* | AT_* */                         \
	M(STAT)	     /* struct stat, written by the call */                            \
	M(STATX)     /* struct statx, written by the call */                           \
	M(TSIN)	     /* struct timespec, read by the call */                           \
	M(TSOUT)     /* struct timespec, written by the call */                        \
	M(PIPEFD)    /* int[2], written by the call */                                 \
	M(WSTATUS)   /* int wait status, written by the call */                        \
	M(RLIMIN)    /* struct rlimit, read by the call */                             \
	M(RLIMOUT)   /* struct rlimit, written by the call */                          \
	M(SIGSETIN)  /* sigset_t, read by the call */                                  \
	M(SIGSETOUT) /* sigset_t, written by the call */                               \
	M(SOCKADDR)  /* struct sockaddr, read by the call, length in the next arg */   \
	M(PIPEFL)    /* O_* flags of pipe2, dup3, eventfd2 ... */                      \
	M(SOCKPROTO) /* socket protocol, by the domain in argument 0 */                \
	M(FCNTLARG)  /* fcntl's third argument, by the command in argument 1 */        \
	M(RD)	     /* return: decimal */                                             \
	M(RX)	     /* return: hexadecimal (addresses) */                             \
	M(RFD)	     /* return: a new descriptor */                                    \
	M(RO)	     /* return: octal (umask) */                                       \
	M(SIGACTIN)  /* struct sigaction (kernel layout), read by the call */          \
	M(SIGACTOUT) /* struct sigaction, written by the call */                       \
	M(UTSNAME)   /* struct utsname, written by the call */                         \
	M(SYSINFO)   /* struct sysinfo, written by the call */                         \
	M(DIRENTS)   /* getdents buffer: its address and the entries it holds */      \
	M(CWD)	     /* getcwd's buffer: the path written, without its NUL */          \
	M(FADVICE)   /* POSIX_FADV_* */                                                \
	M(EPOLLFL)   /* epoll_create1 flags: EPOLL_CLOEXEC */                          \
	M(EPOLLOP)   /* EPOLL_CTL_* */                                                 \
	M(EPOLLEVIN) /* struct epoll_event, read by the call */                        \
	M(EPOLLEVS)  /* struct epoll_event array, written; count = return value */     \
	M(POLLFDS)   /* struct pollfd array (read at exit: fd, events, revents) */     \
	M(SHUTHOW)   /* SHUT_RD, SHUT_WR, SHUT_RDWR */                                 \
	M(MSGFL)     /* MSG_* flags of send and recv calls */                          \
	M(SOCKLEVEL) /* socket option level: SOL_* */                                  \
	M(SOCKOPT)   /* socket option name, by the level in the previous argument */   \
	M(SOCKOPTIN) /* socket option value read by the call, length next */           \
	M(SOCKOPTOUT) /* socket option value written by the call */                    \
	M(SOCKLENOUT) /* socklen_t, value-result: the value at exit */                 \
	M(SOCKADDROUT) /* struct sockaddr written by the call, its length next */      \
	M(IOCTLARG)  /* ioctl's third argument, by the request in argument 1 */        \
	M(RUSAGE)    /* struct rusage, written by the call */                          \
	M(ACCESSFL)  /* faccessat2 flags: AT_EACCESS, AT_SYMLINK_NOFOLLOW ... */       \
	M(RFCNTL)    /* return: fcntl's, flags decoded for the F_GET* commands */      \
	M(RPOLL)     /* return: poll's, with the revents of the ready descriptors */   \
	M(CLONE3ARGS) /* struct clone_args, read by the call, size next */             \
	M(UTIMENS)   /* struct timespec[2] of utimensat, read by the call */          \
	M(MFDFL)     /* memfd_create flags: MFD_*, the huge page size shifted */      \
	M(RUSAGEWHO) /* RUSAGE_SELF, RUSAGE_CHILDREN, RUSAGE_THREAD */                  \
	M(STATFS)    /* struct statfs, written by the call */                          \
	M(CPUSET)    /* CPU mask written by sched_getaffinity, length = return value */ \
	M(STACKIN)   /* stack_t (sigaltstack), read by the call */                     \
	M(STACKOUT)  /* stack_t, written by the call */                                \
	M(GIDSIN)    /* gid_t array, read by the call, count in argument 0 */          \
	M(GIDSOUT)   /* gid_t array, written by the call, count = return value */     \
	M(PRCTLOP)   /* prctl option: PR_* */                                          \
	M(PRCTLARG)  /* prctl's other arguments, as many as the option takes */        \
	M(RPRCTL)    /* return: prctl's, decoded for PR_GET_DUMPABLE, PR_GET_SECUREBITS */ \
	M(SIGFRAME)  /* rt_sigreturn: the signal mask it restores, from the signal frame */ \
	M(IOVIN)     /* struct iovec array read by the call, count in the next argument */ \
	M(IOVOUT)    /* struct iovec array filled by the call (readv), count next */      \
	M(MSGHDRIN)  /* struct msghdr read by the call (sendmsg) */                      \
	M(MSGHDROUT) /* struct msghdr filled by the call (recvmsg) */                     \
	M(OFFINOUT)  /* loff_t, value-result: sendfile's offset before and after */      \
	M(RWF)	     /* RWF_* flags of preadv2 and pwritev2 */                          \
	M(SPLICEFL)  /* SPLICE_F_* flags of splice, tee and vmsplice */

#define VT_AT_ENUM(n) VT_AT_##n,
enum vt_argtype { VT_ARGTYPES(VT_AT_ENUM) VT_AT_MAX };
#undef VT_AT_ENUM

/* Name of an argument type ("PATH"), for the trace file and JSON. */
const char *decode_argtype_name(unsigned type);

/* A growing string the decoders append to. */
struct dstr {
	char *p;
	size_t len, cap;
};

void dstr_init(struct dstr *s);
void dstr_free(struct dstr *s);
static inline void dstr_reset(struct dstr *s)
{
	s->len = 0;
	s->p[0] = '\0';
}
void dstr_grow(struct dstr *s, size_t more);
static inline void dstr_putc(struct dstr *s, char c)
{
	if (s->len + 2 > s->cap)
		dstr_grow(s, 2);
	s->p[s->len++] = c;
	s->p[s->len] = '\0';
}
void dstr_write(struct dstr *s, const void *d, size_t n);
void dstr_puts(struct dstr *s, const char *str);
__attribute__((format(printf, 2, 3))) void dstr_printf(struct dstr *s, const char *fmt, ...);

struct decode_opts {
	unsigned string_limit; /* -s */
};

/* What the decoder of one argument sees. */
struct decode_arg {
	unsigned type;		     /* enum vt_argtype */
	int idx;		     /* 0..5 */
	const uint64_t *args;	     /* all six raw arguments */
	int64_t ret;		     /* return value (output arguments) */
	int exited;		     /* ret is known */
	const struct vt_capture *cap; /* captured data for this argument, or NULL */
	/*
	 * The captures of all six arguments (NULL, or entries NULL): some values
	 * print with another argument's data (a sockaddr's length, poll's array in
	 * its result).
	 */
	const struct vt_capture *const *caps;
	/*
	 * Value-result arguments (decode_is_inout): the captures made at entry, as
	 * caps (NULL, or entries NULL); caps then holds the ones made at exit.
	 */
	const struct vt_capture *const *caps_in;
	int resumed; /* a split argument whose first part is out: print the rest */
};

/* Does the argument of this type print only once the call has returned? */
int decode_is_output(unsigned type);
/*
 * Is the argument of this type value-result, printed from what it was at entry
 * and what it is at exit ("[128 => 16]")?
 */
int decode_is_inout(unsigned type);
/*
 * Is it printed as it went in when the call starts, the rest once it returns
 * (sendfile's "[0]", then " => [100]")?  A line cut short stops after it.
 */
int decode_is_split(unsigned type);
/* Is the argument printed at all (open's mode without O_CREAT is not)? */
int decode_arg_shown(const struct decode_arg *a);
/* Append an argument in strace's notation. */
void decode_arg_text(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a);
/* The capture the BPF side must make for an argument of this type at idx. */
void decode_capspec(unsigned type, int idx, uint8_t *kind, uint16_t *aux);

/*
 * Append " = ret" tail in strace's notation for the return value: "= 3",
 * "= 0x7f..." (RX), "= -1 ENOENT (No such file or directory)",
 * "= ? ERESTARTSYS (To be restarted if SA_RESTART is set)".  Without the " = ".
 */
void decode_ret_text(struct dstr *s, unsigned rettype, int64_t ret);
/*
 * The same with what strace adds after some results, from the call's arguments
 * (a->args, a->caps, a->ret; a->type is the return type): "0x800 (flags
 * O_RDONLY|O_NONBLOCK)" for fcntl(F_GETFL), "2 ([{fd=3, revents=POLLIN}])" for poll.
 */
void decode_ret_call(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a);

/* "ENOENT", or NULL when err has no name. */
const char *decode_errno_name(int err);
/* "No such file or directory", or "Unknown error N" in buf. */
const char *decode_errno_msg(int err, char *buf, size_t len);
/* "SIGKILL", "SIGRT_3", or NULL out of range. */
const char *decode_signame(int sig, char *buf, size_t len);

/*
 * Append a siginfo in strace's notation, "{si_signo=SIGCHLD, si_code=CLD_EXITED, ...}",
 * from the record's signo, code, errno and raw union fields (struct vt_signal).
 */
void decode_siginfo(struct dstr *s, int signo, int code, int err, const uint64_t fields[4]);

/* Append s quoted and escaped as strace does; cut marks a value cut short ("..."). */
void decode_quote(struct dstr *s, const void *data, size_t len, int hex, int cut);
/* Append s as a JSON string (quotes included). */
void decode_json_string(struct dstr *s, const void *data, size_t len);

/* First capture item of rec after its fixed part of fixed bytes for argument idx. */
const struct vt_capture *decode_find_capture(const struct vt_hdr *rec, size_t fixed, int idx);

static inline const void *decode_cap_data(const struct vt_capture *c)
{
	return c + 1;
}

#endif /* VLTRACE_DECODE_H */
