#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# vltrace stopped (SIGSTOP) and resumed (SIGCONT) while its command makes calls
# as fast as it can: the kernel buffers fill and overflow meanwhile, and on
# resuming the readers find them full of records older than the losses.  Those
# records are written in time order, not reported as arrived late, and the run
# ends normally with the losses counted.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf

for buffer in ring ringbuf; do
	"$VLTRACE" -q --buffer="$buffer" -e trace=getppid -o /dev/null -- \
		"$VLTRACE" --bench-child getppid 6000000 2> "$T/err" &
	vpid=$!
	# stop vltrace once its command has run for 0.2 s of CPU: tracing has begun
	for i in $(seq 200); do
		child=$(pgrep -P "$vpid" | head -1)
		ticks=$([ -n "$child" ] && awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null)
		[ "${ticks:-0}" -ge 20 ] && break
		sleep 0.05
	done
	kill -STOP "$vpid"
	sleep 1
	kill -CONT "$vpid"
	wait "$vpid"
	st=$?
	check "$buffer: vltrace stopped and resumed exits 0 (exit $st)" [ "$st" = 0 ]
	check "$buffer: the losses while it was stopped are reported" grep -q 'records lost' "$T/err"
	# a producer preempted past the slack may still be late under load: a few, not a ring
	late=$(sed -n 's/.*warning: \([0-9]*\) records arrived after later ones.*/\1/p' "$T/err")
	check "$buffer: no ring of records arrives late after resuming (${late:-0} late)" \
		[ "${late:-0}" -lt 1000 ]
	[ "${late:-0}" -lt 1000 ] || show "$T/err"
done
finish
