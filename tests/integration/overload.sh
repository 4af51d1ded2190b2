#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Overload: threads in a getppid storm (storm.c counts the calls it makes) traced
# with a tiny kernel buffer.  No hang, no crash, bounded memory, and every record
# accounted for: the ones in the trace plus the ones reported lost are all the
# records the kernel was asked to store.
. "$TESTS_SRCDIR/integration/lib.sh"
. "$TESTS_SRCDIR/integration/proc-lib.sh"
require_bpf

S="$HELPERS/storm"
NTHREADS=4
CALLS=100000

# account JSON_FILE MADE: print "recorded lost_in_band wanted" for a JSON Lines trace
# of a storm that made MADE getppid calls, traced with -e trace=getppid.
#
# The accounting, in records (not calls):
#   - each getppid call makes two: its entry and its exit.  In the JSON a call
#     object has "args" when its entry was recorded and a non-null "ret" when its
#     exit was (docs/JSON.md), however the renderer pairs entries and exits once
#     some are lost, so entries + exits is the number of getppid records;
#   - the syscall filter leaves out every other call, but not the task records:
#     one "fork" per thread created (NTHREADS) and one "exit" per thread that
#     ends (NTHREADS + the main thread);
#   - "lost" objects carry the counts the kernel reported, where they happened.
# So: getppid entries + exits + forks + exits + lost = 2 * MADE + 2 * NTHREADS + 1.
account() {
	python3 - "$1" "$2" "$NTHREADS" <<'EOF'
import json, sys
recorded = lost = 0
for line in open(sys.argv[1]):
    o = json.loads(line)
    t = o['type']
    if t == 'syscall':
        if o['name'] != 'getppid':
            sys.exit('unexpected call in the trace: ' + line)
        recorded += ('args' in o) + (o['ret'] is not None)
    elif t in ('fork', 'exit'):
        recorded += 1
    elif t == 'lost':
        lost += o['count']
made, nthreads = int(sys.argv[2]), int(sys.argv[3])
print(recorded, lost, 2 * made + 2 * nthreads + 1)
EOF
}
# lost_reported STDERR_FILE: the count of vltrace's "N records lost" warning (0 without one)
lost_reported() {
	local n
	n=$(sed -nE 's/^vltrace: warning: ([0-9]+) records lost .*/\1/p' "$1")
	echo "${n:-0}"
}
# max_rss PID OUT: the largest VmHWM (KiB) of PID seen until it ends, into file OUT
max_rss() {
	local hwm=0 v i
	for ((i = 0; i < 600; i++)); do
		v=$(sed -nE 's/^VmHWM:[[:space:]]+([0-9]+) kB/\1/p' "/proc/$1/status" 2>/dev/null)
		[ -n "$v" ] || break
		[ "$v" -gt "$hwm" ] && hwm=$v
		sleep 0.05
	done
	echo "$hwm" > "$2"
}

for mode in live file; do
	if [ $mode = live ]; then
		out=(--format=json -o "$T/$mode.json")
	else
		out=(-W "$T/$mode.vlt")
	fi
	"$VLTRACE" --buffer-size=16K -e trace=getppid "${out[@]}" \
		-- "$S" "$NTHREADS" "$CALLS" > "$T/$mode.made" 2> "$T/$mode.err" &
	V=$!
	track "$V"
	max_rss "$V" "$T/$mode.rss" &
	rp=$!
	# bounded: a hang shows up as a failure (status 137), not as a stuck test
	reap "$V"
	st=$REAPED
	wait "$rp"
	check "$mode: vltrace ends without a hang or a crash, with the storm's exit 0 (got $st)" [ "$st" = 0 ]
	made=$(sed -nE 's/^getppid calls made: ([0-9]+)$/\1/p' "$T/$mode.made")
	check "$mode: the storm made its $((NTHREADS * CALLS)) calls (made: $made)" [ "$made" = $((NTHREADS * CALLS)) ]
	lost=$(lost_reported "$T/$mode.err")
	check "$mode: vltrace reports records lost on stderr ($lost)" [ "$lost" -gt 0 ]
	if [ $mode = file ]; then
		"$VLTRACE" -R "$T/$mode.vlt" --format=json -o "$T/$mode.json" 2> "$T/$mode.rerr"
		st=$?
		check "$mode: -R reads the file with exit 0 (got $st)" [ "$st" = 0 ]
		check "$mode: -R repeats the loss count from the file's footer" \
			grep -q "^vltrace: warning: $lost records lost " "$T/$mode.rerr"
	fi
	read -r recorded inband wanted < <(account "$T/$mode.json" "${made:-0}")
	check "$mode: the losses marked in the trace add up to the reported loss ($inband = $lost)" \
		[ "${inband:-x}" = "$lost" ]
	check "$mode: recorded + reported lost = records made ($recorded + $lost = $wanted)" \
		[ -n "$recorded" ] && [ $((recorded + lost)) = "${wanted:-x}" ]
	rss=$(cat "$T/$mode.rss")
	check "$mode: vltrace's memory stays bounded (peak $rss KiB < 256 MiB)" [ "$rss" -lt $((256 << 10)) ]
done

# the same storm with every syscall traced and live text: no hang, loss reported
timeout -s KILL 60 "$VLTRACE" --buffer-size=16K -f -o "$T/text" -- "$S" "$NTHREADS" "$CALLS" \
	> /dev/null 2> "$T/text.err"
st=$?
check "live text, all calls: vltrace ends with the storm's exit 0 (got $st)" [ "$st" = 0 ]
check "live text, all calls: the loss is reported on stderr" [ "$(lost_reported "$T/text.err")" -gt 0 ]
check "live text, all calls: ... and marked in the trace" grep -q '^+++ lost [0-9]* records on CPU [0-9]* +++$' "$T/text"
finish
