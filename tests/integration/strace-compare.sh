#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Ordinary commands traced by strace and by vltrace: per thread, the sequence of
# (syscall name, return value) must be the same.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf
require_cmd strace

echo "some text for cat" > "$T/input"
# a directory of the test's own: / changes while other tests run (the link count
# of /tmp as they make their directories), and ls's output with it
mkdir -p "$T/tree/sub"
for f in a bb ccc; do echo "$f" > "$T/tree/$f"; done
ln -s bb "$T/tree/link"
i=0
while IFS= read -r cmd; do
	i=$((i + 1))
	strace -f -o "$T/s$i" sh -c "$cmd" > /dev/null 2>&1
	"$VLTRACE" -f -o "$T/v$i" -- sh -c "$cmd" > /dev/null 2>&1
	# rt_sigreturn stands wherever a signal happened to arrive, a matter of timing
	if python3 "$TESTS_SRCDIR/integration/compare.py" "$T/s$i" "$T/v$i" \
		--ignore rt_sigreturn > "$T/c$i" 2>&1; then
		pass "same calls and results as strace: $cmd ($(tail -1 "$T/c$i"))"
	else
		fail "same calls and results as strace: $cmd"
		show "$T/c$i"
	fi
done <<CMDS
ls -la $T/tree
cat $T/input
echo hello | cat | wc -c
exec ls /nonexistent-path
CMDS
finish
