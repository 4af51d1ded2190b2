#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# --filter while tracing: what the kernel can decide writes no record.  A
# program making a million fast calls and 10 slow ones, traced with
# --filter 'dur > 1ms', writes a few records, not two million.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf

records() { sed -n 's/^records \([0-9]*\) .*/\1/p' "$1"; }
lost() { sed -n 's/.* lost \([0-9]*\) .*/\1/p' "$1"; }

exec 8> "$T/stats"
VLTRACE_STATS_FD=8 "$VLTRACE" -q --filter 'dur > 1ms' -W "$T/slow.vlt" \
	-- "$HELPERS/callmix" --slow 1000000 10 2> "$T/err"
exec 8>&-
n=$(records "$T/stats")
check "1 M fast calls and 10 slow ones: about 20 records written, not 2 M (got $n)" \
	test -n "$n" -a "${n:-0}" -ge 10 -a "${n:-99}" -le 30
check "nothing lost ($(lost "$T/stats"))" [ "$(lost "$T/stats")" = 0 ]
n=$("$VLTRACE" -R "$T/slow.vlt" | grep -c '^clock_nanosleep(.*) = 0$')
check "the file holds the 10 slow calls, whole ($n)" [ "$n" = 10 ]
# a getppid preempted for more than 1 ms on a loaded machine is a slow call too
check "and no call that took less than 1 ms (-T), execve aside" \
	awk '/<[0-9.]+>$/ && !/^execve/ { sub(/.*</, ""); sub(/>$/, ""); if ($0 + 0 <= 0.001) exit 1 }' \
	<("$VLTRACE" -R "$T/slow.vlt" -T)

# -c counts in the kernel: with a filter the kernel decides whole, it counts
# only the calls that pass, and -R -c --filter of the same run counts the same
"$VLTRACE" -q -c --filter 'dur > 1ms' -W "$T/c.vlt" -o "$T/c.txt" \
	-- "$HELPERS/callmix" --slow 100000 5 2> /dev/null
n=$(awk '$NF == "clock_nanosleep" { print $(NF - 1) }' "$T/c.txt")
check "-c --filter 'dur > 1ms': the 5 naps counted ($n)" [ "$n" = 5 ]
n=$(awk '$NF == "total" { print $(NF - 1) }' "$T/c.txt")
check "-c --filter 'dur > 1ms': not the 100000 fast calls ($n in all)" test "${n:-0}" -lt 100
"$VLTRACE" -R "$T/c.vlt" -c --filter 'dur > 1ms' -o "$T/rc.txt"
calls() { awk '/^ *[0-9.]+ / && $NF != "total" { print $NF, $(NF - 1) }' "$1" | sort; }
check "-c --filter live and -R -c --filter of its file count the same calls" \
	diff <(calls "$T/c.txt") <(calls "$T/rc.txt")
"$VLTRACE" -q -c --filter 'fd = 3' -- /bin/true 2> "$T/cerr"
st=$?
check "-c --filter on what the kernel cannot count exactly: refused (exit $st)" \
	bash -c "[ $st = 1 ] && [ \$(wc -l < '$T/cerr') = 1 ] && grep -q '^vltrace: --filter with -c' '$T/cerr'"

# entry conditions: the kernel drops the other calls at entry and at exit
mkdir -p "$T/d/log"
"$VLTRACE" -q -f -W "$T/fd.vlt" --filter 'fd = 9' -- "$HELPERS/callmix" "$T/d" 2> /dev/null
"$VLTRACE" -R "$T/fd.vlt" > "$T/fd.txt"
check "fd = 9: the file holds dup2, the two writes and close on fd 9" \
	[ "$(grep -cE '(dup2\(3, 9\)|write\(9, |close\(9\))' "$T/fd.txt")" = 4 ]
check "fd = 9: and no call on another descriptor or without one" \
	bash -c "! grep -E '^(\[pid +[0-9]+\] )?[a-z_0-9]+\(' '$T/fd.txt' | grep -vE '(dup2\(3, 9\)|write\(9, |close\(9\)|execve\()'"
check "fd = 9: no half calls" bash -c "! grep -qE 'resumed|unfinished' '$T/fd.txt'"

rm -rf "$T/d/log"; mkdir -p "$T/d/log"
"$VLTRACE" -q -f -W "$T/err.vlt" --filter 'errno = ENOENT and syscall = openat' \
	-- "$HELPERS/callmix" "$T/d" 2> /dev/null
"$VLTRACE" -R "$T/err.vlt" > "$T/err.txt"
n=$(grep -cE 'openat\(.*log/missing.* = -1 ENOENT' "$T/err.txt")
check "errno = ENOENT and syscall = openat: the two failed opens of the missing file ($n)" \
	[ "$n" = 2 ]
check "errno = ENOENT and syscall = openat: no other call in the file" \
	bash -c "! grep -E '^(\[pid +[0-9]+\] )?[a-z_0-9]+\(' '$T/err.txt' | grep -vE '(openat\(.* = -1 ENOENT|execve\()'"

rm -rf "$T/d/log"; mkdir -p "$T/d/log"
"$VLTRACE" -q -f -W "$T/arg.vlt" --filter 'syscall = close and arg0 >= 70' \
	-- "$HELPERS/callmix" "$T/d" 2> /dev/null
n=$("$VLTRACE" -R "$T/arg.vlt" | grep -cE '^(\[pid +[0-9]+\] )?[a-z_0-9]+\(')
check "syscall = close and arg0 >= 70: close(77) alone in the file ($n lines)" \
	bash -c "[ '$n' = 1 ] && '$VLTRACE' -R '$T/arg.vlt' | grep -q 'close(77) '"

# the printed output is the exact selection: the kernel's part (dur), then the
# rest (the or) in user space
"$VLTRACE" -q -f -T -o "$T/live.txt" \
	--filter 'dur > 2500us and (syscall = clock_nanosleep or syscall = getppid)' \
	-- "$HELPERS/callmix" "$T/d" 2> /dev/null
n=$(grep -c 'clock_nanosleep(' "$T/live.txt")
check "live dur > 2500us and (...): the 3 naps of 3 ms are printed ($n)" [ "$n" = 3 ]
check "live: only clock_nanosleep or getppid calls, and exits" \
	bash -c "! grep -vE '(clock_nanosleep\(|getppid\(|\+\+\+ exited)' '$T/live.txt'"
check "live: every call printed took more than 2.5 ms (-T)" \
	awk '/<[0-9.]+>$/ { sub(/.*</, ""); sub(/>$/, ""); if ($0 + 0 <= 0.0025) exit 1 }' "$T/live.txt"
finish
