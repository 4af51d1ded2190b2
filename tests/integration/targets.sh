#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Attaching to running processes with -p: the processes named are traced and
# nothing else; bad targets are refused before anything starts; vltrace ends when
# its targets are gone; SIGINT detaches and leaves the target running unharmed.
. "$TESTS_SRCDIR/integration/lib.sh"
. "$TESTS_SRCDIR/integration/proc-lib.sh"
require_bpf

# worker NAME: a shell that sleeps until a line arrives on fifo $T/NAME, then works
# (test -e makes one newfstatat of a path carrying NAME) and exits 0.  Its pid goes
# to WORKER.
worker() {
	mkfifo "$T/$1"
	sh -c "read x; test -e /nonexistent/vltrace-target-$1; exit 0" <> "$T/$1" &
	WORKER=$!
	track "$WORKER"
}
go() { echo go > "$T/$1"; }
# the pids at the head of the trace's lines ("PID  call(...)")
pids_in() { sed -nE 's/^([0-9]+) .*/\1/p' "$1" | sort -u; }

# ---- -p a,b and -p "a b": both traced, nothing else ----
for sep in , " "; do
	worker a
	a=$WORKER
	worker b
	b=$WORKER
	worker c
	c=$WORKER
	"$VLTRACE" -p "$a$sep$b" -o "$T/ab" 2> "$T/ab.err" &
	v=$!
	track "$v"
	what="-p \"$a$sep$b\""
	if ! wait_until 100 attached "$T/ab.err" 2; then
		fail "$what: vltrace attaches to both"
		show "$T/ab.err"
	fi
	go a
	go b
	go c
	reap "$a"
	check "$what: the first process exits 0 (got $REAPED)" [ "$REAPED" = 0 ]
	reap "$b"
	check "$what: the second process exits 0 (got $REAPED)" [ "$REAPED" = 0 ]
	reap "$c"
	wait_gone 100 "$v"
	check "$what: vltrace ends by itself once both are gone" gone "$v"
	reap "$v"
	check "$what: vltrace exits 0 (got $REAPED)" [ "$REAPED" = 0 ]
	# the two work at once: join unfinished and resumed halves before looking
	python3 "$TESTS_SRCDIR/integration/compare.py" --calls-pid "$T/ab" > "$T/ab.calls"
	check "$what: the first process's work is traced" \
		grep -Eq "^$a newfstatat\(AT_FDCWD, \"/nonexistent/vltrace-target-a\", .* = -1 ENOENT" "$T/ab.calls"
	check "$what: the second process's work is traced" \
		grep -Eq "^$b newfstatat\(AT_FDCWD, \"/nonexistent/vltrace-target-b\", .* = -1 ENOENT" "$T/ab.calls"
	check "$what: both end with +++ exited with 0 +++" \
		[ "$(grep -Ec "^($a|$b) +\+\+\+ exited with 0 \+\+\+$" "$T/ab")" = 2 ]
	check "$what: the process not named is not traced" bash -c "! grep -q vltrace-target-c '$T/ab'"
	if [ "$(pids_in "$T/ab" | tr '\n' ' ')" = "$(printf '%s\n' "$a" "$b" | sort | tr '\n' ' ')" ]; then
		pass "$what: every line belongs to one of the two processes"
	else
		fail "$what: every line belongs to one of the two processes"
		show "$T/ab"
	fi
	check "$what: vltrace says it attached to each" \
		bash -c "grep -qx 'vltrace: Process $a attached' '$T/ab.err' && grep -qx 'vltrace: Process $b attached' '$T/ab.err'"
	rm -f "$T/a" "$T/b" "$T/c"
done

# ---- bad targets: one line, exit 1, nothing traced or started ----
sh -c 'exit 0' &
dead=$!
wait "$dead"
worker a
a=$WORKER
out=$("$VLTRACE" -p "$a,$dead" -o "$T/bad" 2>&1)
st=$?
check "-p with a pid that does not exist exits 1 (got $st)" [ "$st" = 1 ]
check "... with one line naming the pid" one_line "$out" "$dead"
check "... and the pid that does exist was not traced" \
	bash -c "[ ! -s '$T/bad' ] && [[ '$out' != *attached* ]]"

out=$("$VLTRACE" -N vltrace-nomatch -o "$T/bad" 2>&1)
st=$?
check "-N with a name that matches nothing exits 1 (got $st)" [ "$st" = 1 ]
check "... with one line naming it" \
	one_line "$out" vltrace-nomatch

for conflict in "-p $a -- touch $T/ran" "-N sh -- touch $T/ran" "--system-wide -p $a" \
	"--system-wide -- touch $T/ran"; do
	out=$("$VLTRACE" $conflict 2>&1)
	st=$?
	check "conflicting targets '$conflict' exit 1 (got $st)" [ "$st" = 1 ]
	check "... with one line" one_line "$out"
	check "... and nothing ran" [ ! -e "$T/ran" ]
done
check "the process named in those commands was never stopped or harmed" \
	not_stopped "$a"
go a
reap "$a"
rm -f "$T/a"

# ---- SIGINT detaches; the target keeps running and finishes normally ----
for sig in INT TERM; do
	mkfifo "$T/d"
	sh -c 'read x; test -e /nonexistent/vltrace-target-after; exit 5' <> "$T/d" &
	d=$!
	track "$d"
	"$VLTRACE" -p "$d" -o "$T/d.out" 2> "$T/d.err" &
	v=$!
	track "$v"
	wait_until 100 attached "$T/d.err" 1 || fail "SIG$sig: vltrace attached"
	kill -"$sig" "$v"
	wait_gone 100 "$v"
	check "SIG$sig: vltrace ends" gone "$v"
	reap "$v"
	want=$((128 + $(kill -l "$sig")))
	check "SIG$sig: vltrace exits 128+N as strace -p does (got $REAPED, want $want)" \
		[ "$REAPED" = "$want" ]
	check "SIG$sig: vltrace says it detached" grep -qx "vltrace: Process $d detached" "$T/d.err"
	check "SIG$sig: the target is still running" alive "$d"
	s=$(proc_state "$d")
	check "SIG$sig: ... and not stopped (state $s)" [ "$s" = S ]
	go d
	reap "$d"
	check "SIG$sig: the target finishes with its own exit status (5, got $REAPED)" [ "$REAPED" = 5 ]
	check "SIG$sig: nothing it did after the detach is in the trace" \
		bash -c "! grep -q vltrace-target-after '$T/d.out'"
	rm -f "$T/d"
done

# ---- a command vltrace started: SIGINT detaches, the command is not killed ----
mkfifo "$T/cmd"
exec 7<> "$T/cmd"
"$VLTRACE" -o "$T/cmd.out" -- sh -c 'read x <&7; test -e /nonexistent/vltrace-cmd-after; exit 6' 2> "$T/cmd.err" &
v=$!
track "$v"
cmd_blocked() {
	cmdpid=$(pgrep -P "$v" -x sh)
	[ -n "$cmdpid" ] && in_syscall "$cmdpid" 0
}
cmdpid=
wait_until 100 cmd_blocked || fail "the started command runs and waits in read()"
track $cmdpid
kill -INT "$v"
wait_gone 100 "$v"
check "a started command: SIGINT ends vltrace" gone "$v"
check "... the command goes on running" [ -n "$cmdpid" ] && alive "$cmdpid"
s=$(proc_state "$cmdpid")
check "... not stopped (state $s)" [ "$s" = S ]
echo go >&7
wait_gone 100 "$cmdpid"
check "... and ends by itself when it is done" gone "$cmdpid"
exec 7>&-
finish
