#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# -ff -o FILE: one file per traced thread, FILE.TID, as strace -ff writes them.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf
require_cmd strace

M="$HELPERS/markers"
strace -ff -o "$T/s" "$M" 4
"$VLTRACE" -ff -o "$T/v" -- "$M" 4
check "markers exits 0 under vltrace -ff" [ $? = 0 ]
ns=$(ls "$T"/s.* | wc -l)
nv=$(ls "$T"/v.* | wc -l)
check "as many files as strace writes ($nv, strace $ns)" [ "$nv" = "$ns" ]
check "one file per thread: the main thread and 4 others" [ "$nv" = 5 ]
check "FILE itself is not written" [ ! -e "$T/v" ]
check "the files are created 0600" [ "$(stat -c %a "$T"/v.* | sort -u)" = 600 ]
check "no line carries a pid prefix" bash -c "! grep -qE '^(\[pid|[0-9]+ )' $T/v.*"
for f in "$T"/v.*; do
	tid=${f##*.}
	# the file of thread TID holds TID's calls: its marker path names the thread
	# number, which finds the same thread's file among strace's; the threads race
	# for descriptors, so only the calls are compared, and the main thread's futex
	# waits depend on timing (hence 0.95)
	marker=$(grep -o 'vltrace-marker-[0-9]*' "$f" | head -1)
	sfile=$(grep -l "\"/nonexistent/$marker\"" "$T"/s.* | head -1)
	if [ -n "$marker" ] && [ -n "$sfile" ] &&
		python3 "$TESTS_SRCDIR/integration/compare.py" "$sfile" "$f" --names --min-ratio 0.95 \
			> "$T/c.$tid"; then
		pass "thread $tid ($marker): same calls as strace's file ($(tail -1 "$T/c.$tid"))"
	else
		fail "thread $tid ($marker): same calls as strace's file"
		[ -f "$T/c.$tid" ] && show "$T/c.$tid"
	fi
done
finish
