#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# -R prints to standard output, as tcpdump -r does, and marks every line of a
# trace of several threads with its thread, so that grep finds all of them.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf

mkdir -p "$T/d/log"
"$VLTRACE" -q -f -W "$T/mix.vlt" -- "$HELPERS/callmix" "$T/d" 2> "$T/werr"
check "callmix traced with -W (exit $?)" [ ! -s "$T/werr" ]

# the parent makes 5 getppid calls, its child 3
n=$("$VLTRACE" -R "$T/mix.vlt" 2> "$T/rerr" | grep -c getppid)
check "-R FILE | grep -c getppid counts the 8 getppid calls (got $n)" [ "$n" = 8 ]
check "-R prints nothing on stderr" [ ! -s "$T/rerr" ]

"$VLTRACE" -R "$T/mix.vlt" > "$T/stdout.txt" 2> /dev/null
parent=$(grep -m1 -oE '^\[pid +[0-9]+\] execve' "$T/stdout.txt" | grep -oE '[0-9]+')
check "-R of two processes: the first line has the [pid N] prefix" \
	grep -qE '^\[pid +[0-9]+\] execve\(' "$T/stdout.txt"
check "-R of two processes: every line has the [pid N] prefix" \
	bash -c "[ -s '$T/stdout.txt' ] && ! grep -vE '^\[pid +[0-9]+\] ' '$T/stdout.txt'"
n=$(grep -cE "^\[pid +$parent\] getppid" "$T/stdout.txt")
check "-R: grep for the parent's [pid $parent] finds its 5 getppid calls (got $n)" [ "$n" = 5 ]

"$VLTRACE" -R "$T/mix.vlt" -o "$T/o.txt"
check "-R -o FILE of two processes: every line starts with the thread ID and a space" \
	bash -c "! grep -vE '^[0-9]+ +[^ ]' '$T/o.txt'"
check "-R -o FILE: the same lines as on stdout, with the other prefix" \
	diff <(sed -E 's/ +/ /g' "$T/o.txt") \
	<(sed -E 's/^\[pid +([0-9]+)\] /\1 /; s/ +/ /g' "$T/stdout.txt")

"$VLTRACE" -q -W "$T/one.vlt" -- /bin/true
"$VLTRACE" -R "$T/one.vlt" > "$T/one.txt" 2> /dev/null
check "-R of one thread: no prefix" grep -q '^execve(' "$T/one.txt"

"$VLTRACE" -R "$T/mix.vlt" --format=json 2> /dev/null | python3 -c '
import json, sys
n = sum(1 for l in sys.stdin if json.loads(l).get("name") == "getppid")
sys.exit(n != 8)'
check "-R --format=json | python3 reads JSON Lines from stdout, 8 getppid calls" [ $? = 0 ]
# a long -R shows where it is with --progress (a line a second off a terminal):
# a pipe that stalls for 1.2 s in the middle makes it long enough (raw blocks, so that
# the cut falls mid-file)
"$VLTRACE" -q --compress=none -W "$T/big.vlt" -e trace=getppid -- "$HELPERS/callmix" --slow 400000 0
{ head -c 10000000 "$T/big.vlt"; sleep 1.2; tail -c +10000001 "$T/big.vlt"; } |
	"$VLTRACE" -R - --progress -o /dev/null 2> "$T/progress"
check "-R --progress: a status line with how much was read and the rate" \
	grep -qE '^vltrace: [0-9.]+ [KMG]?i?B read, [0-9]+ records/s$' "$T/progress"
"$VLTRACE" -R "$T/big.vlt" -o /dev/null 2> "$T/noprogress"
check "-R without --progress, stderr not a terminal: no status line" [ ! -s "$T/noprogress" ]
finish
