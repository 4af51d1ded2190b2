#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The flight recorder: --flight-recorder=SIZE traces all along and writes nothing
# until SIGUSR1; then one snapshot, FILE.000000-TIME, a whole trace file holding the
# newest calls, at most SIZE of blocks, that reads alone and names its trigger;
# --max-snapshots=N stops tracing after N.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf

# the interpreter itself, not a wrapper script that forks first
PYTHON=$(ls /usr/bin/python3 2>/dev/null || command -v python3)

# 60 bursts of getppid, a short sleep between them; after 30, the file named by
# READY appears: by then the recorder has far more than it keeps
prog='import os, time
for i in range(60):
    for j in range(2000): os.getppid()
    time.sleep(0.05)
    if i == 30: open(os.environ["READY"], "w").close()'

# wait_ready FILE: until the program says it is half way (20 s at most)
wait_ready() {
	local i

	for i in $(seq 200); do
		[ -e "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

READY=$T/ready "$VLTRACE" -e trace=getppid,clock_nanosleep --flight-recorder=200K \
	-W "$T/s.vlt" -- "$PYTHON" -c "$prog" 2> "$T/err" &
pid=$!
check "the program runs traced, half way" wait_ready "$T/ready"
before=$(ls "$T" | grep -c '^s\.vlt')
check "nothing on disk before the signal ($before files)" [ "$before" = 0 ]
kill -USR1 "$pid"
wait "$pid"
st=$?
check "the traced command exits 0, and vltrace with it ($st)" [ "$st" = 0 ]
ls "$T" | grep '^s\.vlt' > "$T/list"
check "one snapshot, named FILE.000000-YYYYMMDDTHHMMSSZ ($(tr '\n' ' ' < "$T/list"))" \
	grep -qxE 's\.vlt\.000000-[0-9]{8}T[0-9]{6}Z' "$T/list"
snap="$T/$(head -n 1 "$T/list")"
size=$(stat -c %s "$snap")
if [ "$size" -le $((200 * 1024 + 16384)) ] && [ "$size" -gt $((100 * 1024)) ]; then
	pass "the snapshot holds at most 200K of blocks ($size bytes with header and footer)"
else
	fail "the snapshot holds at most 200K of blocks ($size bytes with header and footer)"
fi
"$VLTRACE" -R "$snap" -o "$T/snap.txt" 2> "$T/snap.err"
if [ $? = 0 ] && [ ! -s "$T/snap.err" ]; then
	pass "the snapshot reads alone, no warning"
else
	fail "the snapshot reads alone, no warning"
fi
n=$(grep -c '^getppid() *= ' "$T/snap.txt")
if [ "$n" -gt 4000 ] && [ "$n" -lt 120000 ]; then
	pass "it holds the newest calls: many, not all ($n of 120000)"
else
	fail "it holds the newest calls: many, not all ($n of 120000)"
fi
check "its header says what triggered it" grep -qa 'SIGUSR1' "$snap"
check "the closing line counts the snapshot" grep -qE ' 1 snapshot, [0-9]+ bytes written' "$T/err"

# --max-snapshots=1: the first snapshot ends the tracing; the command runs on
READY=$T/ready2 "$VLTRACE" -q -e trace=getppid --flight-recorder=100K --max-snapshots=1 \
	-W "$T/m.vlt" -- "$PYTHON" -c "$prog" &
pid=$!
wait_ready "$T/ready2"
kill -USR1 "$pid"
sleep 0.5
kill -USR1 "$pid" 2> /dev/null
wait "$pid"
st=$?
n=$(ls "$T" | grep -c '^m\.vlt\.')
if [ "$n" = 1 ] && [ "$st" = 0 ]; then
	pass "--max-snapshots=1: one snapshot though signalled twice ($n), exit 0 ($st)"
else
	fail "--max-snapshots=1: one snapshot though signalled twice ($n), exit 0 ($st)"
fi

for bad in "--flight-recorder=0" "--flight-recorder=x" "--max-snapshots=0"; do
	out=$("$VLTRACE" $bad --flight-recorder=1M -W "$T/bad.vlt" -- true 2>&1)
	if [ $? = 1 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ]; then
		pass "$bad refused with one line, exit 1 ($out)"
	else
		fail "$bad refused with one line, exit 1 ($out)"
	fi
done
out=$("$VLTRACE" --flight-recorder=1M -o /dev/null -- true 2>&1)
check "--flight-recorder without -W refused ($out)" [ $? = 1 ]
out=$("$VLTRACE" --flight-recorder=1M --rotate-size=1M -W "$T/bad.vlt" -- true 2>&1)
check "--flight-recorder with --rotate-size refused ($out)" [ $? = 1 ]
out=$("$VLTRACE" --max-snapshots=2 -W "$T/bad.vlt" -- true 2>&1)
check "--max-snapshots without --flight-recorder refused ($out)" [ $? = 1 ]
finish
