#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# A path the process never touched cannot be read at the call's entry (a BPF
# program cannot take a page fault); the kernel faults it in during the call and
# vltrace reads it again at the exit.  Every path must print as a string, as
# strace prints it, with entry records and with the status filter (one record
# per call at exit).
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf
require_cmd strace

U="$HELPERS/untouched"
n=20
for opts in "" "-Z"; do
	rm -f "$T/map"
	"$VLTRACE" $opts -e trace=openat -o "$T/out" -- "$U" "$T/map" $n
	check "untouched ${opts:-(no options)}: exits 0" [ $? = 0 ]
	got=$(grep -cE '^openat\(AT_FDCWD, "untouched-[0-9]+-does-not-exist", O_RDONLY\) = -1 ENOENT' "$T/out")
	check "untouched ${opts:-(no options)}: all $n paths read ($got)" [ "$got" = $n ]
	check "untouched ${opts:-(no options)}: none printed as an address" \
		bash -c "! grep -qE '^openat\\(AT_FDCWD, 0x' '$T/out'"
done
rm -f "$T/map"
strace -e trace=openat -o "$T/strace" "$U" "$T/map" $n
grep '^openat(AT_FDCWD, "untouched-' "$T/strace" > "$T/s.open"
grep '^openat(AT_FDCWD, "untouched-' "$T/out" > "$T/v.open"
if [ "$(wc -l < "$T/s.open")" = $n ] && diff "$T/s.open" "$T/v.open" > "$T/diff"; then
	pass "untouched: the same $n lines as strace"
else
	fail "untouched: the same $n lines as strace"
	show "$T/diff"
fi
finish
