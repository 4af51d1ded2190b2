#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The other per-CPU buffers: --buffer=ringbuf (BPF ring buffers, for kernels 5.8
# to 5.11) and --buffer=perf (perf event buffers, before 5.8) carry the same
# records as vltrace's own rings (the default), in time order, and their losses
# are counted exactly.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf

M="$HELPERS/markers"
"$VLTRACE" -o "$T/ring" -- "$M"
check "markers exits 0 with the default rings" [ $? = 0 ]
for kind in ringbuf perf; do
	"$VLTRACE" --buffer=$kind -o "$T/$kind" -- "$M"
	check "markers exits 0 with --buffer=$kind" [ $? = 0 ]
	if python3 "$TESTS_SRCDIR/integration/compare.py" "$T/ring" "$T/$kind" > "$T/cmp"; then
		pass "$kind: the same calls and results as with the rings ($(tail -1 "$T/cmp"))"
	else
		fail "$kind: the same calls and results as with the rings"
		show "$T/cmp"
	fi

	P="$HELPERS/pinned"
	threads=$(($(nproc) * 2))
	"$VLTRACE" --buffer=$kind -W "$T/t.vlt" -e trace=close -- "$P" "$threads" 500 2> "$T/err"
	check "$kind: pinned threads on every CPU, exit 0" [ $? = 0 ]
	check "$kind: nothing lost or late" bash -c "! grep -qE 'records lost|time order' '$T/err'"
	"$VLTRACE" -R "$T/t.vlt" -ttt -o "$T/read"
	"$VLTRACE" -R "$T/t.vlt" -o "$T/read-plain"
	python3 "$TESTS_SRCDIR/integration/compare.py" --calls "$T/read-plain" > "$T/calls"
	n=$(grep -cE '^close\(-1[0-9]{6}\) = -1 EBADF' "$T/calls")
	check "$kind: every marker call read back: $n of $((threads * 500))" [ "$n" = $((threads * 500)) ]
	check "$kind: in time order" awk '{ sub(/^(\[pid +[0-9]+\] |[0-9]+ +)/, ""); t = $1 + 0; if (t < prev) exit 1; prev = t }' "$T/read"

	# A storm into tiny buffers: loss is reported, and records written + lost
	# = records the kernel was asked for: 2 per getppid (entry, exit), a fork record
	# per thread, an exit record per thread and one for the main thread.
	S="$HELPERS/storm"
	exec 8> "$T/stats"
	VLTRACE_STATS_FD=8 "$VLTRACE" --buffer=$kind --buffer-size=8K -W "$T/s.vlt" -e trace=getppid \
		-- "$S" 4 50000 > "$T/made" 2> "$T/serr"
	st=$?
	exec 8>&-
	check "$kind: the storm finishes under tiny buffers (exit $st)" [ "$st" = 0 ]
	made=$(sed -nE 's/^getppid calls made: ([0-9]+)$/\1/p' "$T/made")
	read -r _ records _ lost _ < "$T/stats"
	"$VLTRACE" -R "$T/s.vlt" --format=json -o "$T/s.json" 2>/dev/null
	notes=$(grep -c '"type":"lost"' "$T/s.json")
	check "$kind: the loss is reported on stderr ($lost lost)" grep -q "records lost" "$T/serr"
	check "$kind: the storm says how many calls it made ($made)" [ -n "$made" ]
	check "$kind: records $records - notes $notes + lost $lost = 2 x $made + 2 x 4 + 1" \
		[ $((records - notes + lost)) = $((2 * ${made:-0} + 9)) ]
done
finish
