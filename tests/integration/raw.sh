#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# -e raw=SET prints those syscalls' arguments and results as numbers, as strace
# does, and the kernel then reads none of their pointer arguments.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf
require_cmd strace

# addresses (9 hex digits and more), the thread id and random bytes differ between runs
norm() {
	sed -E 's/0x[0-9a-f]{9,}/ADDR/g; s/^(set_tid_address\(.*= ).*$/\1TID/;
		s/^(getrandom\()"[^"]*"/\1BYTES/; s/\) +=/) =/' "$1"
}
for set in all read,openat,close; do
	strace -e raw=$set -o "$T/s" cat /etc/hostname > /dev/null
	"$VLTRACE" -e raw=$set -o "$T/v" -- cat /etc/hostname > /dev/null
	check "raw=$set: exits 0" [ $? = 0 ]
	if diff <(norm "$T/s") <(norm "$T/v") > "$T/diff"; then
		pass "raw=$set: the same $(wc -l < "$T/s") lines as strace"
	else
		fail "raw=$set: the same lines as strace"
		show "$T/diff"
	fi
done
check "raw=read,openat,close: other calls still decoded" grep -q '^newfstatat(3, "", {st_mode=' "$T/v"

# a raw call's pointers were never read: rendered again without raw=, paths are addresses
"$VLTRACE" -e raw=all -W "$T/t.vlt" -o "$T/live" -- cat /etc/hostname > /dev/null
"$VLTRACE" -R "$T/t.vlt" -o "$T/plain"
check "raw=all: nothing captured (openat's path is an address without raw=)" \
	grep -qE '^openat\(AT_FDCWD, 0x[0-9a-f]+, O_RDONLY\) = 3$' "$T/plain"
"$VLTRACE" -R "$T/t.vlt" -e raw=all -o "$T/again"
check "raw=all: -R -e raw=all prints what the live run printed" diff "$T/live" "$T/again"
"$VLTRACE" -e raw=bogus -o /dev/null -- /bin/true 2> "$T/err"
check "raw=bogus: refused" [ $? != 0 ]
check "raw=bogus: one line naming it" bash -c "[ \$(wc -l < '$T/err') = 1 ] && grep -q bogus '$T/err'"
finish
