#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# -R applies the filters the kernel applies while tracing: -e trace=, -z, -Z.
# Each filtered reading must hold exactly the calls of the unfiltered reading
# that pass the filter.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf

"$VLTRACE" -f -W "$T/t.vlt" -- sh -c 'ls / /nonexistent; cat /etc/hostname' > /dev/null 2>&1
"$VLTRACE" -R "$T/t.vlt" -o "$T/all"
calls() { python3 "$TESTS_SRCDIR/integration/compare.py" --calls "$1" | sed -E 's/^[0-9]+ +//'; }
calls "$T/all" > "$T/all.calls"
failed='= (-1|\?) E[A-Z0-9]+ \('

"$VLTRACE" -R "$T/t.vlt" -Z -o "$T/Z"
calls "$T/Z" > "$T/Z.calls"
check "-R -Z: some calls" [ -s "$T/Z.calls" ]
check "-R -Z: only failed calls" bash -c "! grep -vE '$failed' '$T/Z.calls'"
check "-R -Z: every failed call ($(grep -cE "$failed" "$T/all.calls"))" \
	[ "$(grep -cE "$failed" "$T/all.calls")" = "$(wc -l < "$T/Z.calls")" ]
check "-R -Z: no unfinished or resumed halves" bash -c "! grep -qE 'unfinished|resumed' '$T/Z'"

"$VLTRACE" -R "$T/t.vlt" -z -o "$T/z"
calls "$T/z" > "$T/z.calls"
check "-R -z: no failed call" bash -c "! grep -qE '$failed' '$T/z.calls'"
# calls that never returned (exit_group) have no result: neither -z nor -Z shows them
want=$(grep -vE "$failed" "$T/all.calls" | grep -vc '= ?$')
check "-R -z: every successful call ($want)" [ "$want" = "$(wc -l < "$T/z.calls")" ]

"$VLTRACE" -R "$T/t.vlt" -e trace=openat -o "$T/open"
calls "$T/open" > "$T/open.calls"
check "-R -e trace=openat: only openat" bash -c "! grep -v '^openat(' '$T/open.calls'"
check "-R -e trace=openat: every openat ($(grep -c '^openat(' "$T/all.calls"))" \
	[ "$(grep -c '^openat(' "$T/all.calls")" = "$(wc -l < "$T/open.calls")" ]
check "-R -e trace=openat: exit lines stay" grep -q '+++ exited with' "$T/open"

"$VLTRACE" -R "$T/t.vlt" -e 'trace=!openat,close' -Z -o "$T/mix"
calls "$T/mix" > "$T/mix.calls"
want=$(grep -E "$failed" "$T/all.calls" | grep -vcE '^(openat|close)\(')
check "-R -e trace=!openat,close -Z: the failed calls of the others ($want)" \
	[ "$want" = "$(wc -l < "$T/mix.calls")" ]
finish
