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
 * Argument types, as named in src/tables/syscalls.def, one descriptor row each:
 *
 *   M(name, dir, capture, size, min, json, class, printer)
 *
 * name     VT_AT_<name>; the order is part of the trace file's syscall table
 *          (argument kinds): append, never reorder.
 * dir      IN: printed when the call starts; OUT: once it returned (written by it);
 *          INOUT: value-result, printed once it returned from both captures;
 *          SPLIT: value-result, printed as it went in, and " => [out]" once it returned.
 * capture  VT_CK_<capture>: what the BPF side reads for it (bpf/record.h).
 * size     bytes of the struct read (VT_CK_STRUCT_*: the capture's aux), x86_64 layouts.
 * min      bytes a capture must hold for the value to print (fewer: the address, as
 *          strace prints memory it cannot read); -1: the printer looks for itself.
 * json     VT_JSON_<json>: JSON's "value" member (NONE: "text" only).
 * class    VT_ARGCLASS_<class>: the strace class a syscall taking it belongs to.
 * printer  its printer (decoders.h), in the file of its syscall family.
 */
#define VT_ARGTYPES(M)                                                                            \
	/* no argument */                                                                         \
	M(_, IN, NONE, 0, 0, NONE, NONE, arg_none)                                                \
	/* int, decimal */                                                                        \
	M(D, IN, NONE, 0, 0, INT, NONE, arg_int)                                                  \
	/* unsigned int, decimal */                                                               \
	M(U, IN, NONE, 0, 0, UINT, NONE, arg_uint)                                                \
	/* long, decimal */                                                                       \
	M(LD, IN, NONE, 0, 0, LONG, NONE, arg_long)                                               \
	/* unsigned long, decimal */                                                              \
	M(LU, IN, NONE, 0, 0, ULONG, NONE, arg_ulong)                                             \
	/* hexadecimal (0 prints as 0) */                                                         \
	M(X, IN, NONE, 0, 0, NONE, NONE, arg_hex)                                                 \
	/* pointer: NULL or hexadecimal */                                                        \
	M(P, IN, NONE, 0, 0, NONE, NONE, arg_ptr)                                                 \
	/* file descriptor (int) */                                                               \
	M(FD, IN, NONE, 0, 0, INT, DESC, arg_int)                                                 \
	/* directory descriptor: AT_FDCWD */                                                      \
	M(DIRFD, IN, NONE, 0, 0, INT, DESC, arg_dirfd)                                            \
	/* file mode, octal */                                                                    \
	M(MODE, IN, NONE, 0, 0, NONE, NONE, arg_mode)                                             \
	/* open(2) mode: printed only with O_CREAT or O_TMPFILE */                                \
	M(OMODE, IN, NONE, 0, 0, NONE, NONE, arg_mode)                                            \
	/* path name, captured in full */                                                         \
	M(PATH, IN, PATH, 0, 0, NONE, FILE, arg_path)                                             \
	/* NUL-terminated string, bounded by -s */                                                \
	M(STR, IN, STR, 0, 0, NONE, NONE, arg_str)                                                \
	/* buffer read at entry, length in the next argument */                                   \
	M(BUFIN, IN, BUF_IN, 0, 0, NONE, NONE, arg_buf)                                           \
	/* buffer written by the call, length = return value */                                   \
	M(BUFOUT, OUT, BUF_OUT, 0, 0, NONE, NONE, arg_buf)                                        \
	/* same, printed in hex (getrandom) */                                                    \
	M(BUFOUTX, OUT, BUF_OUT, 0, 0, NONE, NONE, arg_buf)                                       \
	/* string array (execve argv), cut after -s elements */                                   \
	M(ARGV, IN, STRV, 0, -1, NONE, NONE, arg_strv)                                            \
	/* environment: its address and a count */                                                \
	M(ENVP, IN, STRV_COUNT, 0, -1, NONE, NONE, arg_strv)                                      \
	/* O_* open flags */                                                                      \
	M(OFLAGS, IN, NONE, 0, 0, NONE, NONE, arg_oflags)                                         \
	/* AT_* flags */                                                                          \
	M(ATFLAGS, IN, NONE, 0, 0, NONE, NONE, arg_atflags)                                       \
	/* access(2) mode: F_OK, R_OK|W_OK|X_OK */                                                \
	M(ACCMODE, IN, NONE, 0, 0, NONE, NONE, arg_accmode)                                       \
	/* PROT_* */                                                                              \
	M(PROT, IN, NONE, 0, 0, NONE, NONE, arg_prot)                                             \
	/* MAP_* */                                                                               \
	M(MAPFL, IN, NONE, 0, 0, NONE, NONE, arg_mapfl)                                           \
	/* SEEK_* */                                                                              \
	M(SEEK, IN, NONE, 0, 0, NONE, NONE, arg_seek)                                             \
	/* signal number */                                                                       \
	M(SIG, IN, NONE, 0, 0, NONE, NONE, arg_sig)                                               \
	/* CLONE_* | exit signal */                                                               \
	M(CLONEFL, IN, NONE, 0, 0, NONE, NONE, arg_clonefl)                                       \
	/* socket domain AF_* */                                                                  \
	M(AF, IN, NONE, 0, 0, NONE, NONE, arg_af)                                                 \
	/* SOCK_* type and flags */                                                               \
	M(SOCKTYPE, IN, NONE, 0, 0, NONE, NONE, arg_socktype)                                     \
	/* fcntl command F_* */                                                                   \
	M(FCNTL, IN, NONE, 0, 0, NONE, NONE, arg_fcntl_cmd)                                       \
	/* ioctl request */                                                                       \
	M(IOCTL, IN, NONE, 0, 0, NONE, NONE, arg_ioctl_req)                                       \
	/* madvise advice */                                                                      \
	M(MADV, IN, NONE, 0, 0, NONE, NONE, arg_madv)                                             \
	/* futex operation */                                                                     \
	M(FUTEXOP, IN, NONE, 0, 0, NONE, NONE, arg_futex_op)                                      \
	/* clock id */                                                                            \
	M(CLOCKID, IN, NONE, 0, 0, NONE, NONE, arg_clockid)                                       \
	/* RLIMIT_* */                                                                            \
	M(RLIMRES, IN, NONE, 0, 0, NONE, NONE, arg_rlimres)                                       \
	/* ARCH_* */                                                                              \
	M(ARCHPRCTL, IN, NONE, 0, 0, NONE, NONE, arg_arch_prctl)                                  \
	/* GRND_* */                                                                              \
	M(GRND, IN, NONE, 0, 0, NONE, NONE, arg_grnd)                                             \
	/* SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK */                                                 \
	M(SIGHOW, IN, NONE, 0, 0, NONE, NONE, arg_sighow)                                         \
	/* WNOHANG|... */                                                                         \
	M(WAITOPT, IN, NONE, 0, 0, NONE, NONE, arg_waitopt)                                       \
	/* STATX_* */                                                                             \
	M(STATXMASK, IN, NONE, 0, 0, NONE, NONE, arg_statx_mask)                                  \
	/* statx flags: AT_STATX_SYNC_* | AT_* */                                                 \
	M(STATXFL, IN, NONE, 0, 0, NONE, NONE, arg_statx_flags)                                   \
	/* struct stat, written by the call */                                                    \
	M(STAT, OUT, STRUCT_OUT, 144, 144, NONE, NONE, arg_stat)                                  \
	/* struct statx, written by the call */                                                   \
	M(STATX, OUT, STRUCT_OUT, 256, 256, NONE, NONE, arg_statx)                                \
	/* struct timespec, read by the call */                                                   \
	M(TSIN, IN, STRUCT_IN, 16, 16, NONE, NONE, arg_timespec)                                  \
	/* struct timespec, written by the call */                                                \
	M(TSOUT, OUT, STRUCT_OUT, 16, 16, NONE, NONE, arg_timespec)                               \
	/* int[2], written by the call */                                                         \
	M(PIPEFD, OUT, STRUCT_OUT, 8, 8, NONE, NONE, arg_pipefd)                                  \
	/* int wait status, written by the call */                                                \
	M(WSTATUS, OUT, STRUCT_OUT, 4, 4, NONE, NONE, arg_wstatus)                                \
	/* struct rlimit, read by the call */                                                     \
	M(RLIMIN, IN, STRUCT_IN, 16, 16, NONE, NONE, arg_rlimit)                                  \
	/* struct rlimit, written by the call */                                                  \
	M(RLIMOUT, OUT, STRUCT_OUT, 16, 16, NONE, NONE, arg_rlimit)                               \
	/* sigset_t, read by the call */                                                          \
	M(SIGSETIN, IN, STRUCT_IN, 8, 8, NONE, NONE, arg_sigset)                                  \
	/* sigset_t, written by the call */                                                       \
	M(SIGSETOUT, OUT, STRUCT_OUT, 8, 8, NONE, NONE, arg_sigset)                               \
	/* struct sockaddr read, length next; 110: sockaddr_un, the largest */                    \
	M(SOCKADDR, IN, STRUCT_IN, 110, 0, NONE, NONE, arg_sockaddr)                              \
	/* O_* flags of pipe2, dup3, eventfd2 ... */                                              \
	M(PIPEFL, IN, NONE, 0, 0, NONE, NONE, arg_pipefl)                                         \
	/* socket protocol, by the domain in argument 0 */                                        \
	M(SOCKPROTO, IN, NONE, 0, 0, NONE, NONE, arg_sockproto)                                   \
	/* fcntl's 3rd argument, by command; flock, f_owner_ex read at exit */                    \
	M(FCNTLARG, IN, STRUCT_OUT, 32, -1, NONE, NONE, arg_fcntl_arg)                            \
	/* return: decimal */                                                                     \
	M(RD, IN, NONE, 0, 0, NONE, NONE, arg_hex)                                                \
	/* return: hexadecimal (addresses) */                                                     \
	M(RX, IN, NONE, 0, 0, NONE, NONE, arg_hex)                                                \
	/* return: a new descriptor */                                                            \
	M(RFD, IN, NONE, 0, 0, NONE, DESC, arg_hex)                                               \
	/* return: octal (umask) */                                                               \
	M(RO, IN, NONE, 0, 0, NONE, NONE, arg_hex)                                                \
	/* struct sigaction (kernel layout, an 8-byte mask), read */                              \
	M(SIGACTIN, IN, STRUCT_IN, 32, 32, NONE, NONE, arg_sigaction)                             \
	/* struct sigaction, written by the call */                                               \
	M(SIGACTOUT, OUT, STRUCT_OUT, 32, 32, NONE, NONE, arg_sigaction)                          \
	/* struct utsname, written by the call */                                                 \
	M(UTSNAME, OUT, STRUCT_OUT, 390, 390, NONE, NONE, arg_utsname)                            \
	/* struct sysinfo, written by the call */                                                 \
	M(SYSINFO, OUT, STRUCT_OUT, 112, 112, NONE, NONE, arg_sysinfo)                            \
	/* getdents buffer: its address and the entries it holds */                               \
	M(DIRENTS, OUT, DIRENTS, 0, -1, NONE, NONE, arg_dirents)                             \
	/* getcwd's buffer: the path written, without its NUL */                                  \
	M(CWD, OUT, BUF_OUT, 0, 0, NONE, NONE, arg_cwd)                                           \
	/* POSIX_FADV_* */                                                                        \
	M(FADVICE, IN, NONE, 0, 0, NONE, NONE, arg_fadvice)                                       \
	/* epoll_create1 flags: EPOLL_CLOEXEC */                                                  \
	M(EPOLLFL, IN, NONE, 0, 0, NONE, NONE, arg_epoll_flags)                                   \
	/* EPOLL_CTL_* */                                                                         \
	M(EPOLLOP, IN, NONE, 0, 0, NONE, NONE, arg_epoll_op)                                      \
	/* struct epoll_event, read by the call */                                                \
	M(EPOLLEVIN, IN, STRUCT_IN, 12, 12, NONE, NONE, arg_epoll_event)                          \
	/* struct epoll_event array, written; count = return value */                             \
	M(EPOLLEVS, OUT, STRUCT_OUT, 32 * 12, -1, NONE, NONE, arg_epoll_events)                   \
	/* struct pollfd array (read at exit: fd, events, revents) */                             \
	M(POLLFDS, OUT, STRUCT_OUT, 32 * 8, -1, NONE, NONE, arg_pollfds)                          \
	/* SHUT_RD, SHUT_WR, SHUT_RDWR */                                                         \
	M(SHUTHOW, IN, NONE, 0, 0, NONE, NONE, arg_shut_how)                                      \
	/* MSG_* flags of send and recv calls */                                                  \
	M(MSGFL, IN, NONE, 0, 0, NONE, NONE, arg_msg_flags)                                       \
	/* socket option level: SOL_* */                                                          \
	M(SOCKLEVEL, IN, NONE, 0, 0, NONE, NONE, arg_sock_level)                                  \
	/* socket option name, by the level in the previous argument */                           \
	M(SOCKOPT, IN, NONE, 0, 0, NONE, NONE, arg_sock_opt)                                      \
	/* socket option value read (an int, struct linger), length next */                       \
	M(SOCKOPTIN, IN, STRUCT_IN, 8, 4, NONE, NONE, arg_sockopt_in)                             \
	/* socket option value written by the call */                                             \
	M(SOCKOPTOUT, OUT, STRUCT_OUT, 8, 4, NONE, NONE, arg_sockopt_out)                         \
	/* socklen_t, value-result: the value at exit */                                          \
	M(SOCKLENOUT, INOUT, STRUCT_INOUT, 4, -1, NONE, NONE, arg_inout)                          \
	/* struct sockaddr written by the call, its length next */                                \
	M(SOCKADDROUT, OUT, STRUCT_OUT, 110, 0, NONE, NONE, arg_sockaddr_out)                     \
	/* ioctl's 3rd argument, by request: int, winsize, termios at exit */                     \
	M(IOCTLARG, IN, STRUCT_OUT, 36, -1, NONE, NONE, arg_ioctl_arg)                            \
	/* struct rusage, written: ru_utime and ru_stime, all strace prints */                    \
	M(RUSAGE, OUT, STRUCT_OUT, 32, 32, NONE, NONE, arg_rusage)                                \
	/* faccessat2 flags: AT_EACCESS, AT_SYMLINK_NOFOLLOW ... */                               \
	M(ACCESSFL, IN, NONE, 0, 0, NONE, NONE, arg_access_flags)                                 \
	/* return: fcntl's, flags decoded for the F_GET* commands */                              \
	M(RFCNTL, IN, NONE, 0, 0, NONE, NONE, arg_hex)                                            \
	/* return: poll's, with the revents of the ready descriptors */                           \
	M(RPOLL, IN, NONE, 0, 0, NONE, NONE, arg_hex)                                             \
	/* struct clone_args, read, size next; 64 bytes: its first version */                     \
	M(CLONE3ARGS, IN, STRUCT_IN, 88, 64, NONE, NONE, arg_clone_args)                          \
	/* struct timespec[2] of utimensat, read by the call */                                   \
	M(UTIMENS, IN, STRUCT_IN, 32, 32, NONE, NONE, arg_utimens)                                \
	/* memfd_create flags: MFD_*, the huge page size shifted */                               \
	M(MFDFL, IN, NONE, 0, 0, NONE, NONE, arg_mfd_flags)                                       \
	/* RUSAGE_SELF, RUSAGE_CHILDREN, RUSAGE_THREAD */                                         \
	M(RUSAGEWHO, IN, NONE, 0, 0, NONE, NONE, arg_rusage_who)                                  \
	/* struct statfs, written by the call */                                                  \
	M(STATFS, OUT, STRUCT_OUT, 120, 120, NONE, NONE, arg_statfs)                              \
	/* CPU mask of sched_getaffinity (1024 CPUs), length = return value */                    \
	M(CPUSET, OUT, STRUCT_OUT, 128, 0, NONE, NONE, arg_cpuset)                                \
	/* stack_t (sigaltstack), read by the call */                                             \
	M(STACKIN, IN, STRUCT_IN, 24, 24, NONE, NONE, arg_stack)                                  \
	/* stack_t, written by the call */                                                        \
	M(STACKOUT, OUT, STRUCT_OUT, 24, 24, NONE, NONE, arg_stack)                               \
	/* gid_t array, read by the call, count in argument 0 */                                  \
	M(GIDSIN, IN, STRUCT_IN, 32 * 4, 0, NONE, NONE, arg_gids_in)                              \
	/* gid_t array, written by the call, count = return value */                              \
	M(GIDSOUT, OUT, STRUCT_OUT, 32 * 4, 0, NONE, NONE, arg_gids_out)                          \
	/* prctl option: PR_* */                                                                  \
	M(PRCTLOP, IN, NONE, 0, 0, NONE, NONE, arg_prctl_op)                                      \
	/* prctl's other arguments, as many as the option takes */                                \
	M(PRCTLARG, IN, NONE, 0, 0, NONE, NONE, arg_prctl_arg)                                    \
	/* return: prctl's, decoded for PR_GET_DUMPABLE, PR_GET_SECUREBITS */                     \
	M(RPRCTL, IN, NONE, 0, 0, NONE, NONE, arg_hex)                                            \
	/* rt_sigreturn: the signal mask it restores, from the signal frame */                    \
	M(SIGFRAME, IN, SIGFRAME, 0, -1, NONE, NONE, arg_sigframe)                                \
	/* struct iovec array read by the call, count in the next argument */                     \
	M(IOVIN, IN, IOV_IN, 0, 0, NONE, NONE, arg_iov)                                           \
	/* struct iovec array filled by the call (readv), count next */                           \
	M(IOVOUT, OUT, IOV_OUT, 0, 0, NONE, NONE, arg_iov)                                        \
	/* struct msghdr read by the call (sendmsg) */                                            \
	M(MSGHDRIN, IN, MSGHDR_IN, 0, 0, NONE, NONE, arg_msghdr_in)                               \
	/* struct msghdr filled by the call (recvmsg) */                                          \
	M(MSGHDROUT, INOUT, MSGHDR_OUT, 0, -1, NONE, NONE, arg_msghdr_out)                        \
	/* loff_t, value-result: sendfile's offset before and after */                            \
	M(OFFINOUT, SPLIT, STRUCT_INOUT, 8, -1, NONE, NONE, arg_inout)                            \
	/* RWF_* flags of preadv2 and pwritev2 */                                                 \
	M(RWF, IN, NONE, 0, 0, NONE, NONE, arg_rwf)                                               \
	/* SPLICE_F_* flags of splice, tee and vmsplice */                                        \
	M(SPLICEFL, IN, NONE, 0, 0, NONE, NONE, arg_splice_flags)                                 \
	/* struct rusage of wait4: written only when it reaped a child */                         \
	M(WRUSAGE, OUT, STRUCT_OUT, 32, 32, NONE, NONE, arg_wait_rusage)                          \
	/* fallocate mode: FALLOC_FL_* */                                                         \
	M(FALLOCMODE, IN, NONE, 0, 0, NONE, NONE, arg_falloc_mode)                                \
	/* renameat2 flags: RENAME_* */                                                           \
	M(RENAMEFL, IN, NONE, 0, 0, NONE, NONE, arg_rename_flags)                                 \
	/* msync flags: MS_* */                                                                   \
	M(MSYNCFL, IN, NONE, 0, 0, NONE, NONE, arg_msync_flags)                                   \
	/* flock operation: LOCK_* */                                                             \
	M(LOCKOP, IN, NONE, 0, 0, NONE, NONE, arg_flock_op)                                       \
	/* get/setpriority's which: PRIO_* */                                                     \
	M(PRIOWHICH, IN, NONE, 0, 0, NONE, NONE, arg_prio_which)                                  \
	/* mremap flags: MREMAP_* */                                                              \
	M(MREMAPFL, IN, NONE, 0, 0, NONE, NONE, arg_mremap_flags)                                 \
	/* mremap's new address, shown with MREMAP_MAYMOVE|MREMAP_FIXED */                        \
	M(MREMAPADDR, IN, NONE, 0, 0, NONE, NONE, arg_ptr)                                        \
	/* uid_t or gid_t: -1 (no change) prints as -1 */                                         \
	M(UID, IN, NONE, 0, 0, UINT, NONE, arg_uid)                                               \
	/* inotify event mask: IN_* */                                                            \
	M(INOTIFYMASK, IN, NONE, 0, 0, NONE, NONE, arg_inotify_mask)                              \
	/* inotify_init1 flags: IN_NONBLOCK, IN_CLOEXEC */                                        \
	M(INOTIFYFL, IN, NONE, 0, 0, NONE, NONE, arg_inotify_flags)                               \
	/* eventfd2 flags: EFD_* */                                                               \
	M(EFDFL, IN, NONE, 0, 0, NONE, NONE, arg_efd_flags)                                       \
	/* timerfd_create flags: TFD_CLOEXEC, TFD_NONBLOCK */                                     \
	M(TFDFL, IN, NONE, 0, 0, NONE, NONE, arg_tfd_flags)                                       \
	/* timerfd_settime flags: TFD_TIMER_* */                                                  \
	M(TFDSETFL, IN, NONE, 0, 0, NONE, NONE, arg_tfd_settime_flags)                            \
	/* signalfd4 flags: SFD_* */                                                              \
	M(SFDFL, IN, NONE, 0, 0, NONE, NONE, arg_sfd_flags)                                       \
	/* mknod mode: the file type by name, S_IFREG|0644 */                                     \
	M(SMODE, IN, NONE, 0, 0, NONE, NONE, arg_symbolic_mode)                                   \
	/* mknod's device: makedev(major, minor), for character and block devices only */         \
	M(MKNODDEV, IN, NONE, 0, 0, NONE, NONE, arg_mknod_dev)                                    \
	/* setitimer/getitimer's which: ITIMER_* */                                               \
	M(ITIMERWHICH, IN, NONE, 0, 0, NONE, NONE, arg_itimer_which)                              \
	/* struct itimerval, read by the call */                                                  \
	M(ITVIN, IN, STRUCT_IN, 32, 32, NONE, NONE, arg_itimerval)                                \
	/* struct itimerval, written by the call */                                               \
	M(ITVOUT, OUT, STRUCT_OUT, 32, 32, NONE, NONE, arg_itimerval)                             \
	/* struct itimerspec, read by the call */                                                 \
	M(ITSIN, IN, STRUCT_IN, 32, 32, NONE, NONE, arg_itimerspec)                               \
	/* struct itimerspec, written by the call */                                              \
	M(ITSOUT, OUT, STRUCT_OUT, 32, 32, NONE, NONE, arg_itimerspec)                            \
	/* openat2's struct open_how, its size next */                                            \
	M(OPENHOW, IN, STRUCT_IN, 24, 24, NONE, NONE, arg_open_how)                               \
	/* loff_t read by the call: copy_file_range's offsets as they went in */                  \
	M(OFFIN, IN, STRUCT_IN, 8, 8, NONE, NONE, arg_off_in)                                     \
	/* waitid's idtype: P_* */                                                                \
	M(IDTYPE, IN, NONE, 0, 0, NONE, NONE, arg_idtype)                                         \
	/* siginfo_t written by the call, up to si_stime (waitid) */                              \
	M(SIGINFOOUT, OUT, STRUCT_OUT, 48, 48, NONE, NONE, arg_siginfo)                           \
	/* fd_set of select, value-result: printed as it went in, the result shows it out */      \
	M(FDSET, IN, STRUCT_INOUT, 128, -1, NONE, NONE, arg_fdset)                                \
	/* pselect6's timeout, value-result: as it went in; the result shows what is left */      \
	M(TSINOUT, IN, STRUCT_INOUT, 16, -1, NONE, NONE, arg_timeout_ts)                          \
	/* select's struct timeval timeout, value-result, as TSINOUT */                           \
	M(TVINOUT, IN, STRUCT_INOUT, 16, -1, NONE, NONE, arg_timeout_tv)                          \
	/* pselect6's sigmask and its size: the mask's address (it is not read) */                \
	M(PSELSIG, IN, STRUCT_IN, 16, 16, NONE, NONE, arg_pselect_sigmask)                        \
	/* return: select's, with the ready sets and the time left */                             \
	M(RSELECT, IN, NONE, 0, 0, NONE, NONE, arg_hex)                                           \
	/* return: pselect6's, as RSELECT with the time left in nanoseconds */                    \
	M(RPSELECT, IN, NONE, 0, 0, NONE, NONE, arg_hex)                                          \
	/* prctl's second argument: the 16 bytes of a task name read at entry (PR_SET_NAME)     \
	 * and at exit (PR_GET_NAME), as PRCTLARG for the other options */                        \
	M(PRCTLARG1, IN, STRUCT_INOUT, 16, -1, NONE, NONE, arg_prctl_arg1)                        \
	/* return: a signal number, and its name: 10 (SIGUSR1) */                                 \
	M(RSIGNO, IN, NONE, 0, 0, NONE, NONE, arg_hex)                                            \
	/* capget/capset's header: version and pid */                                             \
	M(CAPHDR, IN, STRUCT_IN, 8, 8, NONE, NONE, arg_cap_header)                                \
	/* capset's capability sets, one or two structs by the header's version */                \
	M(CAPDATAIN, IN, STRUCT_IN, 24, 12, NONE, NONE, arg_cap_data)                             \
	/* capget's capability sets, written by the call */                                       \
	M(CAPDATAOUT, OUT, STRUCT_OUT, 24, 12, NONE, NONE, arg_cap_data)                          \
	/* nanosleep's struct timespec left, written only when a signal cut the sleep short */    \
	M(TSREM, OUT, STRUCT_OUT_INTR, 16, 16, NONE, NONE, arg_timespec)

#define VT_AT_ENUM(n, ...) VT_AT_##n,
enum vt_argtype { VT_ARGTYPES(VT_AT_ENUM) VT_AT_MAX };
#undef VT_AT_ENUM

/* Name of an argument type ("PATH"), for the trace file and JSON. */
const char *decode_argtype_name(unsigned type);

/* What JSON's "value" member of an argument holds, by decode_json_kind(). */
enum decode_json_kind {
	VT_JSON_NONE,  /* no "value": the "text" only */
	VT_JSON_INT,   /* int */
	VT_JSON_UINT,  /* unsigned int */
	VT_JSON_LONG,  /* long */
	VT_JSON_ULONG, /* unsigned long */
};

enum decode_json_kind decode_json_kind(unsigned type);
/* The VT_CLASS_* bits (syscalltab.h) a syscall taking an argument of this type has. */
unsigned decode_argtype_class(unsigned type);

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

/* -x, -xx, --strings-in-hex: how decode_quote prints a string's bytes */
enum decode_hex {
	DECODE_HEX_NONE = 0,	  /* escapes, octal for the unprintable (strace's default) */
	DECODE_HEX_ALL = 1,	  /* -xx: every byte as \xHH */
	DECODE_HEX_NON_ASCII = 2, /* -x: the whole string as \xHH if any byte is not text */
	DECODE_HEX_CHARS = 3,	  /* --strings-in-hex=non-ascii-chars: \xHH where octal was */
};

struct decode_opts {
	unsigned string_limit; /* -s */
	enum decode_hex hex;   /* -x, -xx */
	int verbose;	       /* -v: structs unabbreviated (stat's every field, execve's env) */
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
 * Is the argument of this type value-result, read at entry and at exit, printed
 * from both ("[128 => 16]") or as it went in (select's sets, whose value out the
 * result shows)?
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

/*
 * Append s quoted and escaped as strace does, hex an enum decode_hex; cut marks
 * a value cut short ("...").
 */
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
