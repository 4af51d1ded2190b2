#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# A program makes a known sequence of syscalls with marker arguments in its main
# thread and in 8 threads: every marker call appears, exactly once, with strace's
# text for it; and, per thread, the sequence of calls between execve and
# exit_group is the one strace sees.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf
require_cmd strace

M="$HELPERS/markers"

"$VLTRACE" -o "$T/v1" -- "$M"
check "markers exits 0 under vltrace" [ $? = 0 ]
want='openat(AT_FDCWD, "/nonexistent/vltrace-marker-0", O_RDONLY) = -1 ENOENT (No such file or directory)'
if grep -qxF "$want" <(sed 's/ \{2,\}= / = /' "$T/v1"); then
	pass "the marker openat line is strace's"
else
	fail "the marker openat line is strace's"
	show "$T/v1"
fi
check "the marker write shows its data" grep -q '^write([0-9]*, "vltrace-marker-0", 16) *= 16$' "$T/v1"
check "close(-1) fails with EBADF" grep -q '^close(-1) *= -1 EBADF (Bad file descriptor)$' "$T/v1"

# Oracle: strace on the same program; the marker lines must be the same.
strace -f -o "$T/s8" "$M" 8
"$VLTRACE" -f -o "$T/v8" -- "$M" 8
# which thread gets which descriptor from its open() is a race: the fd is not compared
norm() {
	python3 "$TESTS_SRCDIR/integration/compare.py" --calls "$1" | grep 'vltrace-marker' |
		sed -E 's/^write\([0-9]+, /write(FD, /' | sort
}
norm "$T/s8" > "$T/s8.markers"
norm "$T/v8" > "$T/v8.markers"
check "9 threads x 2 marker lines traced" [ "$(wc -l < "$T/v8.markers")" = 18 ]
if cmp -s "$T/s8.markers" "$T/v8.markers"; then
	pass "every marker line matches strace's, each exactly once"
else
	fail "every marker line matches strace's, each exactly once"
	diff "$T/s8.markers" "$T/v8.markers" | head -40
fi
# One thread: the whole sequence from execve to exit_group is strace's.
strace -o "$T/s0" "$M"
if python3 "$TESTS_SRCDIR/integration/compare.py" "$T/s0" "$T/v1" > "$T/cmp0" 2>&1; then
	pass "single thread: the (syscall, return) sequence is strace's, call for call"
else
	fail "single thread: the (syscall, return) sequence is strace's, call for call"
	show "$T/cmp0"
fi
# Nine threads: which thread gets which descriptor is a race, and whether
# pthread_join has to wait (futex) depends on scheduling, which strace's own
# slowness changes; so the calls are compared by name, futex left out, and a few
# munmap calls of thread stacks may sit elsewhere.
if python3 "$TESTS_SRCDIR/integration/compare.py" "$T/s8" "$T/v8" --names --ignore futex \
	--min-ratio 0.95 > "$T/cmp" 2>&1; then
	pass "per thread, the (syscall, return) sequence matches strace's ($(tail -1 "$T/cmp"))"
else
	fail "per thread, the (syscall, return) sequence matches strace's"
	show "$T/cmp"
fi
finish
