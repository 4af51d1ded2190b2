#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The live status line: about once a second with --progress, on stderr, never
# mixed into the trace; nothing without --progress when stderr is not a terminal.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf

work='for i in 1 2 3; do sleep 0.7; cat /etc/hostname; done'
"$VLTRACE" --progress -W "$T/t.vlt" -- sh -c "$work" > /dev/null 2> "$T/err"
check "vltrace --progress exits 0" [ $? = 0 ]
n=$(grep -cE '^vltrace: [0-9]+s, [0-9]+ records/s, [0-9]+ records, [0-9.]+ [KMG]?i?B written, [0-9]+ lost$' "$T/err")
check "--progress prints a status line ($n lines in ~2 s)" [ "$n" -ge 1 ]
check "... about once a second, not more ($n lines in ~2 s)" [ "$n" -le 4 ]
last=$(grep -E '^vltrace: [0-9]+s' "$T/err" | tail -1 | sed -E 's/.* ([0-9]+) records, .*/\1/')
check "the records it counts grow (last line: $last)" [ "${last:-0}" -gt 0 ]

"$VLTRACE" -W "$T/t2.vlt" -- sh -c "$work" > /dev/null 2> "$T/err2"
check "no status line without --progress when stderr is not a terminal" \
	bash -c "! grep -q 'records/s' '$T/err2'"

"$VLTRACE" --progress -o "$T/trace" -- sh -c "$work" > /dev/null 2> "$T/err3"
check "the status line never goes into -o output" bash -c "! grep -q 'records/s' '$T/trace'"
"$VLTRACE" --progress -- sh -c "$work" > /dev/null 2> "$T/err4"
check "no status line while the trace itself goes to stderr" bash -c "! grep -q 'records/s' '$T/err4'"
finish
