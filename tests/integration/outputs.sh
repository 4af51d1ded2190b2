#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Output failures: a path that cannot be opened is refused before the command
# starts; a full disk, an I/O error or a closed pipe stop the tracing with one
# line, the command runs on untraced to its own end, vltrace then exits 1, and
# the trace file reads back up to its last whole block.
. "$TESTS_SRCDIR/integration/lib.sh"
. "$TESTS_SRCDIR/integration/proc-lib.sh"
require_bpf

# errors_in FILE: how many lines of FILE are vltrace's messages
errors_in() { grep -c '^vltrace: ' "$1"; }

# ---- paths that cannot be opened: one line, exit 1, the command never starts ----
for opt in "-o $T/no-such-dir/out" "-W $T/no-such-dir/t.vlt" "-o /proc/vltrace-no-such-file" \
	"-W /proc/vltrace-no-such-file" "-o $T" "-W $T"; do
	out=$("$VLTRACE" $opt -- touch "$T/ran" 2>&1)
	st=$?
	check "$opt: refused with exit 1 (got $st)" [ "$st" = 1 ]
	check "... in one line: $out" one_line "$out"
	check "... and the command never started" [ ! -e "$T/ran" ]
done

# ---- a full disk: a 4 MiB tmpfs, room for the header and a few 1 MiB blocks ----
# The command makes many calls (about 15 MiB of trace), then waits on a fifo so
# the test can look at it while vltrace waits for it, then exits 7.
mkdir "$T/small"
if mount -t tmpfs -o size=4m vltrace-test "$T/small"; then
	on_exit "umount '$T/small' 2>/dev/null"
	mkfifo "$T/full-go"
	"$VLTRACE" -W "$T/small/t.vlt" --compress=none -- sh -c "
		i=0
		while [ \$i -lt 100000 ]; do test -e /nonexistent/vltrace-outputs; i=\$((i + 1)); done
		read x < '$T/full-go'
		echo done > '$T/full-done'
		exit 7" 2> "$T/full.err" &
	V=$!
	track "$V"
	wait_until 100 has_child "$V"
	has_error() { grep -q . "$T/full.err"; }
	if wait_until 300 has_error; then
		pass "full disk: vltrace reports the failure while the command runs"
	else
		fail "full disk: vltrace reports the failure while the command runs"
	fi
	C=$(child_of "$V")
	track $C
	if [ "$(errors_in "$T/full.err")" = 1 ] && grep -q 'No space left on device' "$T/full.err"; then
		pass "full disk: one line, naming the cause"
	else
		fail "full disk: one line, naming the cause"
		show "$T/full.err"
	fi
	check "full disk: vltrace waits for the command it started" alive "$V"
	check "full disk: the command runs on" bash -c "[ -n '$C' ] && kill -0 '$C'"
	check "full disk: ... untraced (vltrace holds no BPF link any more)" \
		no_link "$V"
	s=$(proc_state "$C")
	check "full disk: ... and not stopped (state $s)" not_stopped "$C"
	echo go > "$T/full-go"
	wait_gone 200 "$V"
	reap "$V"
	check "full disk: vltrace exits 1 once the command has ended (got $REAPED)" [ "$REAPED" = 1 ]
	check "full disk: the command ran to its own end" [ -e "$T/full-done" ]
	"$VLTRACE" -R "$T/small/t.vlt" -o "$T/full.txt" 2> "$T/full.rerr"
	st=$?
	check "full disk: -R reads the file with exit 0 (got $st)" [ "$st" = 0 ]
	check "full disk: ... the records of its whole blocks" \
		[ "$(grep -c 'newfstatat(AT_FDCWD, "/nonexistent/vltrace-outputs"' "$T/full.txt")" -gt 1000 ]
	check "full disk: ... and warns that the file was cut short" grep -q '^vltrace: warning: .*cut short' "$T/full.rerr"
	umount "$T/small"
else
	fail "mount a small tmpfs for the full disk test"
fi

# ---- an I/O error: -o to a /proc file that refuses writes ----
"$VLTRACE" -o /proc/version -- sh -c "echo done > '$T/eio-done'; exit 5" 2> "$T/eio.err"
st=$?
check "write error (EIO): vltrace exits 1 (got $st)" [ "$st" = 1 ]
check "write error (EIO): the command ran to its end" [ -e "$T/eio-done" ]
if [ "$(grep -c . "$T/eio.err")" = 1 ] && grep -q '^vltrace: .*Input/output error' "$T/eio.err"; then
	pass "write error (EIO): one line, naming the cause"
else
	fail "write error (EIO): one line, naming the cause"
	show "$T/eio.err"
fi

# ---- a closed pipe: the reader goes away after one line ----
for out in /dev/stdout -; do
	rm -f "$T/pipe-done"
	# bounded: a hang shows up as a failure after 30 s, not as a stuck test
	timeout -s KILL 30 "$VLTRACE" -o "$out" -- sh -c "
		i=0
		while [ \$i -lt 20000 ]; do test -e /nonexistent/vltrace-pipe; i=\$((i + 1)); done
		echo done > '$T/pipe-done'
		exit 3" 2> "$T/pipe.err" | head -1 > "$T/pipe.out"
	st=${PIPESTATUS[0]}
	check "-o $out into a closed pipe: no hang, vltrace exits 1 (got $st)" [ "$st" = 1 ]
	check "-o $out: the first line got through" grep -q '^execve(' "$T/pipe.out"
	if [ "$(grep -c . "$T/pipe.err")" = 1 ] && grep -q '^vltrace: .*Broken pipe' "$T/pipe.err"; then
		pass "-o $out: one line, naming the cause"
	else
		fail "-o $out: one line, naming the cause"
		show "$T/pipe.err"
	fi
	check "-o $out: the command ran to its end" [ -e "$T/pipe-done" ]
done
finish
