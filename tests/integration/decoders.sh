#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Calls whose decoding once differed from strace's (decoders.c), traced by
# strace and by vltrace: each line of the listed syscalls must be strace's, once
# what differs between any two runs is normalized (pids and other numbers of
# three digits or more, addresses of six hex digits or more).  Both run with
# address space randomization off (setarch -R), so that an address printed in
# place of a value, or a value in place of an address, still differs.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf
require_cmd strace
require_cmd setarch

mkdir -p "$T/w"
cd "$T/w" || exit 99
setarch -R strace -o "$T/s" "$HELPERS/decoders" > /dev/null 2>&1 || fail "decoders under strace: exit $?"
setarch -R "$VLTRACE" -o "$T/v" -- "$HELPERS/decoders" > /dev/null 2>&1 ||
	fail "decoders under vltrace: exit $?"

norm() {
	sed -E 's/0x[0-9a-f]{6,}/ADDR/g; s/\b[0-9]{3,}\b/N/g' "$1"
}
norm "$T/s" > "$T/s.n"
norm "$T/v" > "$T/v.n"

# each syscall with the defect it once had
while read -r call what; do
	grep -E "^$call\(" "$T/s.n" > "$T/s.$call"
	grep -E "^$call\(" "$T/v.n" > "$T/v.$call"
	if [ ! -s "$T/s.$call" ]; then
		fail "$call: strace shows no call"
	elif diff "$T/s.$call" "$T/v.$call" > "$T/d.$call"; then
		pass "$call as strace prints it: $what ($(wc -l < "$T/s.$call") lines)"
	else
		fail "$call as strace prints it: $what"
		show "$T/d.$call"
	fi
done <<CALLS
getdents64 the entries of a read longer than any capture, counted
wait4 status and usage not written when nothing was reaped
epoll_ctl EPOLL_CTL_DEL reads no event
fallocate FALLOC_FL_* modes
renameat2 RENAME_* flags
flock LOCK_* operations
getpriority PRIO_* of which
setpriority PRIO_* of which
msync MS_* flags
mremap MREMAP_* flags, the new address only with MREMAP_FIXED
fchmod a mode with its file type, in octal
mknodat the file type by name, the device only for devices
fchown -1 leaves an id unchanged
setresuid -1 for each id
setresgid -1 for each id
setreuid -1 and a uid
inotify_init1 IN_* flags
inotify_add_watch IN_* event mask
inotify_rm_watch the watch descriptor in decimal
eventfd2 EFD_* flags
timerfd_create TFD_* flags
signalfd4 the mask, SFD_* flags
setitimer struct itimerval in and out
getitimer struct itimerval out, the address when the call failed
timerfd_settime struct itimerspec in and out, TFD_TIMER_* flags
timerfd_gettime struct itimerspec out
openat2 struct open_how, the address when its size is short
rt_sigpending the set pending
rt_sigsuspend the mask it waits with
capget the header and the capability sets written
capset the header and the capability sets read
rt_sigtimedwait the set, the siginfo taken, the signal named in the result
copy_file_range the offsets as they went in, the flags in decimal
splice the offsets as they went in
getcwd a path of exactly 32 bytes, whole
pselect6 the sets and the timeout as they went in, the ready sets and the time left
select the sets as they went in, only the sets with descriptors ready in the result
prctl its arguments by option: PR_SET_NAME's name, PR_GET_NAME's, PR_SET_PDEATHSIG's signal
waitid idtype, siginfo with si_utime in seconds, nothing when nothing was reaped
nanosleep the time left when a signal cut it short, the address otherwise
clock_nanosleep the time left when a signal cut it short, the address otherwise
CALLS

# a path not paged in at entry, in a call another thread's lines interrupt
strace -f -o "$T/sr" "$HELPERS/decoders" refetch > /dev/null 2>&1 || fail "refetch under strace: exit $?"
"$VLTRACE" -f -o "$T/vr" -- "$HELPERS/decoders" refetch > /dev/null 2>&1 ||
	fail "refetch under vltrace: exit $?"
want=$(grep -o 'openat(AT_FDCWD, "dec.fifo", O_RDONLY <unfinished \.\.\.>' "$T/sr")
got=$(grep -oE 'openat\(AT_FDCWD, ("dec.fifo"|0x[0-9a-f]+), O_RDONLY <unfinished \.\.\.>' "$T/vr")
if [ -n "$want" ] && [ "$got" = "$want" ]; then
	pass "a path read again at exit shows in its unfinished line: $got"
else
	fail "a path read again at exit shows in its unfinished line: strace '$want', vltrace '$got'"
fi

# -qq: no "+++ exited with" line, as strace
strace -qq -o "$T/sq" true
"$VLTRACE" -qq -o "$T/vq" -- true
if [ "$(tail -1 "$T/sq")" = "$(tail -1 "$T/vq")" ] && ! grep -q '^+++ exited' "$T/vq"; then
	pass "-qq: no exit line, as strace ($(tail -1 "$T/vq"))"
else
	fail "-qq: no exit line, as strace"
	tail -2 "$T/sq" "$T/vq"
fi
finish
