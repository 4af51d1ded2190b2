#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The flight recorder's trigger: --trigger=EXPR writes a snapshot once a whole call
# matches EXPR, holding what the recorder kept before the call (about SIZE), the
# call, and --trigger-after=DURATION of records after it; nothing is on disk before.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf

CALLMIX=$HELPERS/callmix

# getppid for 3 s, one 100 ms clock_nanosleep, then getpid for 2.5 s; just before the
# sleep the program counts the snapshot files there are
CALLMIX_WATCH=$T/s.vlt. "$VLTRACE" -e trace=getppid,getpid,nanosleep,clock_nanosleep \
	--flight-recorder=256K --trigger 'dur > 50ms' --trigger-after=200ms -W "$T/s.vlt" \
	-- "$CALLMIX" --nap 3000 100 2500 > "$T/out" 2> "$T/err"
st=$?
check "vltrace and the program exit 0 ($st: $(cat "$T/err"))" [ "$st" = 0 ]
check "no snapshot on disk before the sleep ($(grep files "$T/out"))" grep -qx 'files 0' "$T/out"
ls "$T" | grep '^s\.vlt' > "$T/list"
check "one snapshot, FILE.000000-TIME ($(tr '\n' ' ' < "$T/list"))" \
	grep -qxE 's\.vlt\.000000-[0-9]{8}T[0-9]{6}Z' "$T/list"
check "only one: the getppid and getpid calls trigger nothing" [ "$(wc -l < "$T/list")" = 1 ]
snap="$T/$(head -n 1 "$T/list")"
check "the header names the expression and the call" \
	grep -qaE 'dur > 50ms: \[pid [0-9]+\] clock_nanosleep\(\) = 0 <0\.[0-9]{6}>' "$snap"
check "the closing line counts it" grep -qE ' 1 snapshot, [0-9]+ bytes written' "$T/err"

"$VLTRACE" -R "$snap" -ttt -T -o "$T/snap.txt" 2> "$T/snap.err"
st=$?
check "the snapshot reads alone, no warning ($st: $(head -c 300 "$T/snap.err"))" \
	[ "$st" = 0 -a ! -s "$T/snap.err" ]
check "it holds the sleep" grep -qE '^[0-9.]+ clock_nanosleep\(.* = 0 <0\.1[0-9]{5}>$' \
	"$T/snap.txt"

# The calls before the sleep: at least what SIZE holds uncompressed (104 bytes a
# getppid call), fewer than the program made.
made=$(awk '$1 == "getppid" { print $2 }' "$T/out")
kept=$(grep -cE '^[0-9.]+ getppid\(\) += ' "$T/snap.txt")
if [ "$kept" -ge $((256 * 1024 / 104)) ] && [ "$kept" -lt "$made" ]; then
	pass "the calls before it back to the size limit: $kept of $made"
else
	fail "the calls before it back to the size limit: $kept of $made"
fi

# The calls after it: from the end of the sleep for 200 ms at least, and not all
# of the 2.5 s the program went on (a block's worth past 200 ms, at most a second).
span=$(awk '/ clock_nanosleep\(/ { d = $NF; gsub(/[<>]/, "", d); end = $1 + d }
	    end && / getpid\(\) += / { last = $1 }
	    END { if (end && last) printf "%d\n", (last - end) * 1000; else print -1 }' \
	"$T/snap.txt")
if [ "$span" -ge 195 ] && [ "$span" -lt 1200 ]; then
	pass "the calls of --trigger-after after it: $span ms of getpid"
else
	fail "the calls of --trigger-after after it: $span ms of getpid"
fi
made=$(awk '$1 == "getpid" { print $2 }' "$T/out")
kept=$(grep -cE '^[0-9.]+ getpid\(\) += ' "$T/snap.txt")
check "not every getpid call: $kept of $made" [ "$kept" -lt "$made" ]

# -c of the snapshot counts the same calls
"$VLTRACE" -R "$snap" -c -o "$T/sum.txt" 2> /dev/null
check "-c counts the one sleep" grep -qE ' 1 +clock_nanosleep$' "$T/sum.txt"

# Tracing ends before --trigger-after has passed: the snapshot is written at the end,
# with what came
"$VLTRACE" -q -e trace=getppid,getpid,nanosleep,clock_nanosleep --flight-recorder=256K \
	--trigger 'dur > 50ms' --trigger-after=1h -W "$T/e.vlt" \
	-- "$CALLMIX" --nap 300 100 100 > /dev/null
st=$?
ls "$T" | grep '^e\.vlt' > "$T/elist"
check "a trigger-after longer than the trace: one snapshot at the end ($st: $(tr '\n' ' ' < "$T/elist"))" \
	[ "$st" = 0 -a "$(wc -l < "$T/elist")" = 1 ]
"$VLTRACE" -R "$T/$(head -n 1 "$T/elist")" -o "$T/e.txt" 2> /dev/null
check "it holds the sleep" grep -qE '^clock_nanosleep\(.* = 0$' "$T/e.txt"
check "and the calls after it" grep -qE '^getpid\(\) += ' "$T/e.txt"

# Refused in one line, exit 1
for args in "--trigger=dur>>1 --flight-recorder=1M" "--trigger=dur>1ms" \
	"--trigger-after=1s --flight-recorder=1M" "--trigger=dur>1ms --trigger-after=0 --flight-recorder=1M"; do
	out=$("$VLTRACE" $args -W "$T/bad.vlt" -- true 2>&1)
	st=$?
	if [ "$st" = 1 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] &&
	   [ "${out#vltrace: }" != "$out" ] && [ ! -e "$T/bad.vlt" ]; then
		pass "$args refused with one line, exit 1 ($out)"
	else
		fail "$args refused with one line, exit 1 ($st: $out)"
	fi
done
finish
