#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# vltrace under valgrind's memcheck, end to end: live text with -f, -W with -o,
# live -c, and -R of the file written (text, JSON, summary).  Zero errors and no
# definite leak.  valgrind 3.19 knows bpf(2) but checks more of its argument than
# the kernel reads: valgrind.supp lists those false reports, one by one.  Its
# "unhandled eBPF command" warnings (BPF_LINK_CREATE, BPF_PROG_BIND_MAP) are only
# warnings: those commands write no user memory.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf
VALGRIND=${VALGRIND:-$(command -v valgrind)}
[ -n "$VALGRIND" ] && [ -x "$VALGRIND" ] || skip_or_fail "valgrind is not installed"

SUPP="$TESTS_SRCDIR/integration/valgrind.supp"
# vg NAME ARGS...: vltrace ARGS under memcheck; valgrind's report in $T/NAME.vg,
# vltrace's exit status (99: valgrind found errors) in VG_STATUS
vg() {
	local name=$1
	shift
	"$VALGRIND" --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		--suppressions="$SUPP" --log-file="$T/$name.vg" "$VLTRACE" "$@" > "$T/$name.stdout" 2> "$T/$name.stderr"
	VG_STATUS=$?
}
# clean NAME: valgrind ran vltrace to its end and found nothing
clean() {
	local name=$1 what=$2
	if ! grep -q 'ERROR SUMMARY:' "$T/$name.vg"; then
		fail "$what: valgrind could not run vltrace to its end"
		show "$T/$name.vg"
		show "$T/$name.stderr"
	elif grep -q 'ERROR SUMMARY: 0 errors' "$T/$name.vg" && [ "$VG_STATUS" != 99 ]; then
		pass "$what: memcheck finds no error and no definite leak"
	else
		fail "$what: memcheck finds no error and no definite leak"
		grep -v 'WARNING: unhandled eBPF command' "$T/$name.vg" | sed -n '1,120p' | sed 's/^/    /'
	fi
}

vg live -f -o "$T/live.txt" -- sh -c 'ls / | wc -l'
clean live "vltrace -f -o FILE -- sh -c 'ls / | wc -l'"
check "... exits with the command's 0 (got $VG_STATUS)" [ "$VG_STATUS" = 0 ]
check "... and traced both processes of the pipeline" \
	bash -c "grep -Eq '^[0-9]+ +execve\(\"/usr/bin/ls\"' '$T/live.txt' && grep -Eq '^[0-9]+ +execve\(\"/usr/bin/wc\"' '$T/live.txt'"

vg write -W "$T/ls.vlt" -o "$T/write.txt" -- ls /
clean write "vltrace -W FILE -o FILE -- ls /"
check "... exits with the command's 0 (got $VG_STATUS)" [ "$VG_STATUS" = 0 ]
check "... and the text ends with ls's end" bash -c "tail -1 '$T/write.txt' | grep -qx '+++ exited with 0 +++'"

vg summary -c -o "$T/summary.txt" -- ls /
clean summary "vltrace -c -- ls /"
check "... prints the summary table" grep -q ' total$' "$T/summary.txt"

vg read -R "$T/ls.vlt" -o "$T/read.txt"
clean read "vltrace -R FILE"
check "... prints what was traced live" cmp -s "$T/write.txt" "$T/read.txt"

vg json -R "$T/ls.vlt" --format=json -C -o "$T/read.json"
clean json "vltrace -R FILE --format=json -C"
check "... writes JSON Lines" python3 -c "
import json, sys
n = 0
for line in open('$T/read.json'):
    if line.startswith('{'):
        json.loads(line)
        n += 1
sys.exit(0 if n > 10 else 1)"
finish
