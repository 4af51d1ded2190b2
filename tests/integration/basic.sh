#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# A command traced from its execve: exit status, a failing call's line, errors.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf

# Exit status is the command's.
"$VLTRACE" -o "$T/exit7" -- sh -c 'exit 7'
st=$?
check "vltrace -- sh -c 'exit 7' exits 7 (got $st)" [ "$st" = 7 ]
check "the trace ends with +++ exited with 7 +++" grep -qx '+++ exited with 7 +++' "$T/exit7"
check "the trace starts with the command's execve" \
	bash -c "head -1 '$T/exit7' | grep -q '^execve(\"/usr/bin/sh\", '"

# Killed by a signal: 128+N and strace's line.
"$VLTRACE" -o "$T/killed" -- sh -c 'kill -TERM $$'
st=$?
check "a command killed by SIGTERM makes vltrace exit 143 (got $st)" [ "$st" = 143 ]
check "the trace says +++ killed by SIGTERM +++" grep -qx '+++ killed by SIGTERM +++' "$T/killed"
# as strace prints it: the kill returns, then the signal, then the death
if tail -n 3 "$T/killed" | sed -E 's/[0-9]{2,}/N/g; s/ {2,}= / = /' | diff - <(printf '%s\n' \
	'kill(N, SIGTERM) = 0' \
	'--- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=N, si_uid=0} ---' \
	'+++ killed by SIGTERM +++') > "$T/killed.diff"; then
	pass "the fatal signal shows as strace shows it, after the kill returns"
else
	fail "the fatal signal shows as strace shows it, after the kill returns"
	show "$T/killed.diff"
fi

# A failing call: ls /nonexistent.
"$VLTRACE" -o "$T/ls" -- ls /nonexistent-vltrace-path 2>/dev/null
st=$?
check "ls /nonexistent exits 2 through vltrace (got $st)" [ "$st" = 2 ]
if grep -Eq '^(statx|newfstatat|openat|lstat|stat)\(.*"/nonexistent-vltrace-path".* = -1 ENOENT \(No such file or directory\)$' "$T/ls"; then
	pass "the failing lookup of /nonexistent shows ENOENT"
else
	fail "the failing lookup of /nonexistent shows ENOENT"
	show "$T/ls"
fi

# Live output goes to stderr by default.
"$VLTRACE" -- /bin/true 2> "$T/stderr" >/dev/null
check "without -o the trace goes to stderr" grep -q '^execve("/bin/true"' "$T/stderr"

# A command that does not exist: strace's message, exit 1, nothing run.
out=$("$VLTRACE" -- /nonexistent/cmd 2>&1)
st=$?
check "a missing command exits 1 (got $st)" [ "$st" = 1 ]
check "a missing command gets strace's message" \
	[ "$out" = "vltrace: Can't stat '/nonexistent/cmd': No such file or directory" ]

# Output files are created 0600 and never through a planted symlink.
"$VLTRACE" -o "$T/mode" -- /bin/true
check "the output file is created 0600" [ "$(stat -c %a "$T/mode")" = 600 ]
ln -s "$T/victim" "$T/link"
out=$("$VLTRACE" -o "$T/link" -- touch "$T/should-not-exist" 2>&1)
st=$?
check "an output path that is a symlink is refused with exit 1" [ "$st" = 1 ]
check "... in one line" [ "$(printf '%s\n' "$out" | wc -l)" = 1 ]
check "... before the command ran" [ ! -e "$T/should-not-exist" ] 
check "... and the link target was not created" [ ! -e "$T/victim" ]

# Bad usage: one line, exit 1.
out=$("$VLTRACE" -p 1 -- /bin/true 2>&1)
st=$?
check "-p with a command is refused with exit 1" [ "$st" = 1 ]
check "... in one line starting with vltrace:" bash -c "[ \$(printf '%s\n' \"$out\" | wc -l) = 1 ] && [[ \"$out\" == vltrace:* ]]"

# Unprivileged: one clear line, exit 1, the command never starts.
chmod 755 "$T"
if command -v setpriv >/dev/null; then
	out=$(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$VLTRACE" -- touch "$T/unpriv-ran" 2>&1)
	st=$?
	check "unprivileged vltrace exits 1 (got $st)" [ "$st" = 1 ]
	check "... with one line naming the capabilities" \
		bash -c "[ \$(printf '%s\n' \"$out\" | wc -l) = 1 ] && printf '%s' \"$out\" | grep -q CAP_BPF"
	check "... and the command never started" [ ! -e "$T/unpriv-ran" ]
else
	fail "setpriv (util-linux) is needed for the unprivileged check"
fi
finish
