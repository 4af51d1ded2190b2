#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# -W's rotation and limits: --rotate-size and --rotate-time start FILE.000000,
# FILE.000001, ..., each a complete trace that reads alone; read one after the
# other they give the lines the run printed live, nothing missing or doubled at
# the seams; --max-files keeps the newest N; --max-size and --duration stop
# tracing cleanly, the file complete.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf

# the interpreter itself, not a wrapper script that forks first
PYTHON=$(ls /usr/bin/python3 2>/dev/null || command -v python3)

calls=200000
child=("$VLTRACE" --bench-child getppid $calls)

# read_set BASE: every file of the set alone, in order, into BASE.all, and its calls
# one a line (a call cut by a seam prints as unfinished and resumed: joined) into
# BASE.calls; 0 when each read with exit 0 and no warning
read_set() {
	local f bad=0

	: > "$1.all"
	for f in "$1".[0-9][0-9][0-9][0-9][0-9][0-9]; do
		"$VLTRACE" -R "$f" -o "$f.txt" 2> "$f.err" || bad=1
		[ -s "$f.err" ] && { echo "$f: $(cat "$f.err")"; bad=1; }
		cat "$f.txt" >> "$1.all"
	done
	python3 "$TESTS_SRCDIR/integration/compare.py" --calls "$1.all" > "$1.calls"
	return $bad
}

# calls_of TRACE: its calls one a line, unfinished and resumed halves joined
calls_of() {
	python3 "$TESTS_SRCDIR/integration/compare.py" --calls "$1"
}

# blocks_of FILE: the block count in its footer
blocks_of() {
	"$PYTHON" -c '
import struct, sys
d = open(sys.argv[1], "rb").read()
f = d.rfind(b"VLTFOOTR")
print(struct.unpack_from("<Q", d, f + 24)[0] if f >= 0 else -1)' "$1"
}

# --rotate-size: every file within the size, and the set is the run
"$VLTRACE" -q -e trace=getppid --rotate-size=100K -W "$T/s.vlt" -o "$T/s.live" -- "${child[@]}"
check "--rotate-size: the traced command exits 0" [ $? = 0 ]
n=$(ls "$T"/s.vlt.* | wc -l)
if [ "$n" -ge 3 ] && [ -f "$T/s.vlt.000000" ] && [ ! -e "$T/s.vlt" ]; then
	pass "--rotate-size=100K: several files ($n), named FILE.000000 on"
else
	fail "--rotate-size=100K: several files ($n), named FILE.000000 on"
fi
# a block larger than the size (the writer, behind, wrote it raw) gets a file alone
big=0
for f in "$T"/s.vlt.[0-9]*[0-9]; do
	[ "$(stat -c %s "$f")" -gt 102400 ] && [ "$(blocks_of "$f")" != 1 ] && big=$((big + 1))
done
check "--rotate-size=100K: no file above 100K but of one block ($big)" [ "$big" = 0 ]
check "--rotate-size: each file reads alone, no warning" read_set "$T/s.vlt"
c=$(grep -c '^getppid() *= ' "$T/s.vlt.calls")
check "--rotate-size: the files hold every call once ($c of $calls)" [ "$c" = "$calls" ]
check "--rotate-size: the files in order are the live output, call for call" \
	cmp -s <(calls_of "$T/s.live") "$T/s.vlt.calls"

# --max-files: only the newest N remain, and they are the end of the run
"$VLTRACE" -q -e trace=getppid --rotate-size=100K --max-files=3 -W "$T/m.vlt" \
	-o "$T/m.live" -- "${child[@]}"
ls "$T"/m.vlt.* > "$T/m.list"
last=$(tail -n 1 "$T/m.list")
if [ "$(wc -l < "$T/m.list")" = 3 ] && [ "${last##*.}" -ge 3 ] && [ ! -e "$T/m.vlt.000000" ]; then
	pass "--max-files=3: 3 files left ($(wc -l < "$T/m.list")), the newest"
else
	fail "--max-files=3: 3 files left ($(wc -l < "$T/m.list")), the newest"
fi
check "--max-files=3: each reads alone, no warning" read_set "$T/m.vlt"
calls_of "$T/m.live" > "$T/m.live.calls"
# the oldest kept file may open with the second half of a call whose first half went
# with a removed file: compared from the call after it
tail -n +2 "$T/m.vlt.calls" > "$T/m.kept"
check "--max-files=3: together they are the end of the live output" \
	cmp -s "$T/m.kept" <(tail -n "$(wc -l < "$T/m.kept")" "$T/m.live.calls")

# --rotate-time: files by time; one process (its lines carry no pid, alone or not)
# running about 1.2 s in steps of 0.1 s
"$VLTRACE" -q --rotate-time=300ms -W "$T/t.vlt" -o "$T/t.live" -- \
	"$PYTHON" -c 'import time
for i in range(12): time.sleep(0.1)'
n=$(ls "$T"/t.vlt.* | wc -l)
check "--rotate-time=300ms over 1.2 s: 2 files or more ($n)" [ "$n" -ge 2 ]
check "--rotate-time: each reads alone, no warning" read_set "$T/t.vlt"
# a call cut by a seam lacks, in the next file read alone, the entry its exit-time
# arguments are decoded with: calls compared by name and result
by_result() { sed -E 's/^([a-z_0-9]+)\(.*\) += /\1() = /' "$@"; }
check "--rotate-time: the files in order are the live output, call for call" \
	cmp -s <(calls_of "$T/t.live" | by_result) <(by_result "$T/t.vlt.calls")
wide=0
for f in "$T"/t.vlt.[0-9]*[0-9]; do
	"$VLTRACE" -R "$f" -ttt -o "$f.ttt"
	span=$(awk 'NR == 1 { a = $1 } { b = $1 } END { printf "%d", (b - a) * 1000 }' "$f.ttt")
	[ "$span" -gt 600 ] && wide=$((wide + 1))
done
check "--rotate-time=300ms: no file spans more than twice that ($wide do)" [ "$wide" = 0 ]

# --max-size: tracing stops before the file passes it; the file is complete
"$VLTRACE" -e trace=getppid --max-size=200K -W "$T/x.vlt" -- \
	"$VLTRACE" --bench-child getppid 2000000 2> "$T/x.err"
check "--max-size: the traced command still exits 0" [ $? = 0 ]
size=$(stat -c %s "$T/x.vlt")
check "--max-size=200K: the file is $size bytes, at most 204800" [ "$size" -le 204800 ]
"$VLTRACE" -R "$T/x.vlt" -o "$T/x.txt" 2> "$T/x.rerr"
c=$(grep -c '^getppid() *= ' "$T/x.txt")
if [ ! -s "$T/x.rerr" ] && [ "$c" -gt 0 ] && [ "$c" -lt 2000000 ]; then
	pass "--max-size: the file reads with its footer, no warning ($c calls)"
else
	fail "--max-size: the file reads with its footer, no warning ($c calls)"
fi
check "--max-size: the closing line counts what the file holds ($c calls)" \
	grep -q " $c calls, $size bytes written" "$T/x.err"

# --duration: tracing stops after it; the command runs on, its status kept
start=$(date +%s%N)
"$VLTRACE" -q -f --duration=500ms -W "$T/d.vlt" -o "$T/d.live" -- \
	sh -c 'sleep 0.2; echo one > /dev/null; sleep 1; echo two > /dev/null; exit 3'
st=$?
check "--duration: vltrace exits with the command's status (3: $st)" [ "$st" = 3 ]
"$VLTRACE" -R "$T/d.vlt" -o "$T/d.txt" 2> "$T/d.rerr"
if [ ! -s "$T/d.rerr" ] && grep -q 'nanosleep\|clock_nanosleep' "$T/d.txt"; then
	pass "--duration=500ms: the file is complete and holds the calls before"
else
	fail "--duration=500ms: the file is complete and holds the calls before"
fi
check "--duration=500ms: nothing after it is traced (no exit_group)" \
	bash -c "! grep -q '^exit_group\|exit_group(3)' '$T/d.txt'"

for bad in "--rotate-size=0" "--rotate-size=x" "--rotate-time=0" "--rotate-time=5q" \
	"--max-files=0" "--max-files=3" "--max-size=-1" "--duration=abc"; do
	out=$("$VLTRACE" $bad -W "$T/bad.vlt" -- true 2>&1)
	st=$?
	if [ "$st" = 1 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] && [ ! -e "$T/bad.vlt" ]; then
		pass "$bad refused with one line, exit 1 ($out)"
	else
		fail "$bad refused with one line, exit 1 ($out)"
	fi
done
out=$("$VLTRACE" --rotate-size=1M -W - -- true 2>&1 >/dev/null)
check "--rotate-size with -W - refused ($out)" [ $? = 1 ]
out=$("$VLTRACE" --max-size=1M -o /dev/null -- true 2>&1)
check "--max-size without -W refused ($out)" [ $? = 1 ]
finish
