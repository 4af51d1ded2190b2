#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The pipeline end to end: threads pinned to every CPU make calls with known
# arguments; -W then -R shows exactly those calls, in time order, nothing lost or
# late; the same run live gives the same lines; one reader thread per online CPU;
# damaged files are refused with one line.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf

P="$HELPERS/pinned"
ncpu=$(nproc)
threads=$((ncpu * 2))
calls=500
want=$((threads * calls))

"$VLTRACE" -W "$T/t.vlt" -o "$T/live" -e trace=close -- "$P" "$threads" "$calls" 2> "$T/err"
check "pinned exits 0 under vltrace -W -o" [ $? = 0 ]
check "no loss and nothing late reported while tracing" bash -c "! grep -qE 'records lost|out of time order|late' '$T/err'"

"$VLTRACE" -R "$T/t.vlt" -o "$T/read" 2> "$T/rerr"
check "-R exits 0" [ $? = 0 ]
check "-R warns of nothing" [ ! -s "$T/rerr" ]
# threads interleave: unfinished and resumed halves are joined into whole calls first
python3 "$TESTS_SRCDIR/integration/compare.py" --calls "$T/read" > "$T/calls"
n=$(grep -cE '^close\(-1[0-9]{6}\) = -1 EBADF \(Bad file descriptor\)$' "$T/calls")
check "-R shows every marker call: $n of $want" [ "$n" = "$want" ]
d=$(grep -oE 'close\(-1[0-9]{6}\)' "$T/calls" | sort | uniq -d | wc -l)
check "no marker call twice ($d duplicated)" [ "$d" = 0 ]
# Live lines carry "[pid N]" only while several threads run; -R marks every line
# of a trace of several threads (with -o: "N "): compare them without the prefix.
noprefix() { sed -E 's/^(\[pid +[0-9]+\] |[0-9]+ +)//; s/ +/ /g' "$1"; }
if cmp -s <(noprefix "$T/live") <(noprefix "$T/read"); then
	pass "the live -o output and -R of the file are the same lines"
else
	fail "the live -o output and -R of the file are the same lines"
	diff <(noprefix "$T/live") <(noprefix "$T/read") | head -20
fi

# Time order: -ttt stamps of the whole file never go back.
"$VLTRACE" -R "$T/t.vlt" -ttt -o "$T/ttt"
if awk '{ sub(/^(\[pid +[0-9]+\] |[0-9]+ +)/, ""); t = $1 + 0; if (t < prev) { bad++; print "back in time: " $0 } prev = t }
	END { exit bad > 0 }' "$T/ttt" > "$T/order"; then
	pass "records are in time order across CPUs"
else
	fail "records are in time order across CPUs"
	show "$T/order"
fi
# Which CPUs carried them: the JSON records do not say, but the threads were
# pinned to every CPU; with more than one CPU, both buffers must have been used,
# which the merged order above already required.

# One reader thread per online CPU.
"$VLTRACE" -o /dev/null -- sleep 3 &
vpid=$!
readers=0
for i in $(seq 50); do # the pipeline starts before the command: wait for it, 5 s at most
	readers=$(grep -l '^vt-reader/' /proc/$vpid/task/*/comm 2>/dev/null | wc -l)
	[ "$readers" -gt 0 ] && break
	sleep 0.1
done
wait $vpid
check "one reader thread per online CPU ($readers readers, $ncpu CPUs)" [ "$readers" = "$ncpu" ]

# Reading a large file holds about one block at a time: the peak RSS of -R stays
# well below the file's size, and every call is read.
"$VLTRACE" -q -e trace=getppid --compress=none -W "$T/big.vlt" -- "$VLTRACE" --bench-child getppid 2000000
size=$(stat -c %s "$T/big.vlt")
rss=$(python3 -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' \
	"$VLTRACE" -R "$T/big.vlt" -c -o "$T/big.c")
check "-R of a $((size >> 20)) MiB file: peak RSS $((${rss:-0} >> 10)) MiB, under 100 MiB" \
	[ -n "$rss" ] && [ "$size" -gt $((150 << 20)) ] && [ "$rss" -lt $((100 << 10)) ]
check "... and every call read (2000000)" grep -qE ' 2000000 +getppid$' "$T/big.c"
rm -f "$T/big.vlt"

# Damaged files: one line, exit 1, no crash.
head -c 4096 /dev/urandom > "$T/random"
out=$("$VLTRACE" -R "$T/random" 2>&1)
st=$?
check "-R on random bytes exits 1 (exit $st)" [ "$st" = 1 ]
check "... with one line" [ "$(printf '%s\n' "$out" | wc -l)" = 1 ]
head -c 20 "$T/t.vlt" > "$T/short"
out=$("$VLTRACE" -R "$T/short" 2>&1)
st=$?
check "-R on a truncated header exits 1 (exit $st: $out)" [ "$st" = 1 ]
check "... with one line" [ "$(printf '%s\n' "$out" | wc -l)" = 1 ]
out=$("$VLTRACE" -R "$T/nonexistent" 2>&1)
check "-R on a missing file exits 1 with one line naming it" \
	bash -c "[ \$(printf '%s\n' \"$out\" | wc -l) = 1 ] && printf '%s' \"$out\" | grep -q nonexistent"
finish
