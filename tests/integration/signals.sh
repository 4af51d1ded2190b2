#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Signals to vltrace and to what it traces: SIGINT, SIGTERM and SIGHUP finish the
# trace file (footer and all); SIGKILL leaves a file that reads up to its last
# whole block and hooks that the kernel removes; a command killed by a signal is
# reported as strace reports it; nothing is ever left stopped.
. "$TESTS_SRCDIR/integration/lib.sh"
. "$TESTS_SRCDIR/integration/proc-lib.sh"
require_bpf
require_cmd bpftool
require_cmd strace

# A command that makes syscalls for a long while (bounded: about 10 s or more
# when traced), so that it is still running when vltrace is stopped.
LOOP='i=0; while [ $i -lt 2000000 ]; do test -e /nonexistent/vltrace-signals; i=$((i + 1)); done'

# has_footer FILE: the file ends with a whole footer (docs/FORMAT.md, section 6)
has_footer() {
	python3 - "$1" <<'EOF'
import struct, sys
data = open(sys.argv[1], 'rb').read()
pos = data.rfind(b'VLTFOOTR')
ok = pos >= 0 and len(data) - pos >= 16
if ok:
    length, ncpus = struct.unpack_from('<II', data, pos + 8)
    ok = length == 72 + 8 * ncpus and pos + length == len(data)
sys.exit(0 if ok else 1)
EOF
}
size_of() { stat -c %s "$1" 2>/dev/null || echo 0; }
bigger_than() { [ "$(size_of "$1")" -gt "$2" ]; }

# start_loop FILE: vltrace -W FILE on LOOP; sets V (vltrace) and C (the command)
# once the command runs and the file holds more than one block
start_loop() {
	"$VLTRACE" -W "$1" -- sh -c "$LOOP" 2> "$1.err" &
	V=$!
	track "$V"
	wait_until 100 has_child "$V"
	C=$(child_of "$V")
	track $C
	wait_until 200 bigger_than "$1" $((2 << 20)) || fail "the trace file $1 grows"
}

# ---- SIGINT, SIGTERM, SIGHUP: detach, drain, footer, exit 0, command unharmed ----
for sig in INT TERM HUP; do
	f="$T/$sig.vlt"
	start_loop "$f"
	kill -"$sig" "$V"
	wait_gone 200 "$V"
	check "SIG$sig: vltrace ends" gone "$V"
	reap "$V"
	want=$((128 + $(kill -l "$sig")))
	check "SIG$sig: vltrace exits 128+N, as documented for an interrupted run (got $REAPED, want $want)" \
		[ "$REAPED" = "$want" ]
	check "SIG$sig: the traced command goes on running" alive "$C"
	s=$(proc_state "$C")
	check "SIG$sig: ... and is not stopped (state $s)" not_stopped "$C"
	kill -KILL "$C" 2>/dev/null
	check "SIG$sig: the file ends with a whole footer" has_footer "$f"
	"$VLTRACE" -R "$f" -o "$T/$sig.txt" 2> "$T/$sig.rerr"
	st=$?
	check "SIG$sig: -R reads the file back with exit 0 (got $st)" [ "$st" = 0 ]
	if [ ! -s "$T/$sig.rerr" ]; then
		pass "SIG$sig: -R has nothing to warn about (no cut-short file)"
	else
		fail "SIG$sig: -R has nothing to warn about (no cut-short file)"
		show "$T/$sig.rerr"
	fi
	check "SIG$sig: the file holds the command's calls" \
		grep -q 'newfstatat(AT_FDCWD, "/nonexistent/vltrace-signals"' "$T/$sig.txt"
	# losses, detaching, and -W's closing line may be said
	calm='^vltrace: ([0-9]+ records lost|Process [0-9]+ detached$|[0-9]+ records, [0-9]+ calls, )'
	check "SIG$sig: vltrace wrote nothing alarming on stderr" \
		bash -c "! grep -Eiv '$calm' '$f.err' | grep -q ."
done

# ---- two SIGINTs: the second one cuts the drain short, the file stays whole ----
f="$T/twice.vlt"
start_loop "$f"
kill -INT "$V"
kill -INT "$V"
wait_gone 200 "$V"
check "SIGINT twice: vltrace ends" gone "$V"
reap "$V"
check "SIGINT twice: vltrace exits 130 (got $REAPED)" [ "$REAPED" = 130 ]
kill -KILL "$C" 2>/dev/null
"$VLTRACE" -R "$f" -o /dev/null 2> "$T/twice.rerr"
st=$?
check "SIGINT twice: -R reads the file with exit 0 (got $st)" [ "$st" = 0 ]
check "SIGINT twice: the file ends with a whole footer" has_footer "$f"

# ---- SIGKILL: the file reads up to its last whole block; the kernel drops the hooks ----
f="$T/kill.vlt"
start_loop "$f"
ids=$(bpf_ids_of "$V")
check "SIGKILL: vltrace holds BPF programs and links while tracing" \
	bash -c "grep -q '^prog_id ' <<<'$ids' && grep -q '^link_id ' <<<'$ids'"
kill -KILL "$V"
wait_gone 100 "$V"
reap "$V"
check "SIGKILL: vltrace is gone (status $REAPED)" [ "$REAPED" = 137 ]
if wait_until 100 eval '! bpf_ids_exist "$ids"'; then
	pass "SIGKILL: its BPF programs and links are gone (nothing pinned)"
else
	fail "SIGKILL: its BPF programs and links are gone (nothing pinned)"
	echo "$ids"
fi
check "SIGKILL: the traced command goes on running" alive "$C"
s=$(proc_state "$C")
check "SIGKILL: ... and is not stopped (state $s)" not_stopped "$C"
n_before=$(grep -c . "$T/kill.vlt.err")
kill -KILL "$C" 2>/dev/null
"$VLTRACE" -R "$f" -o "$T/kill.txt" 2> "$T/kill.rerr"
st=$?
check "SIGKILL: -R reads the cut file with exit 0, as documented (got $st)" [ "$st" = 0 ]
check "SIGKILL: -R prints the records of the whole blocks" \
	[ "$(grep -c 'newfstatat(AT_FDCWD, "/nonexistent/vltrace-signals"' "$T/kill.txt")" -gt 1000 ]
if [ "$(grep -c . "$T/kill.rerr")" = 1 ] && grep -q '^vltrace: warning: .*cut short' "$T/kill.rerr"; then
	pass "SIGKILL: -R warns in one line that the file was cut short"
else
	fail "SIGKILL: -R warns in one line that the file was cut short"
	show "$T/kill.rerr"
fi

# ---- the traced command killed by a signal: strace's line, exit 128+N ----
ulimit -c 0
for sig in KILL SEGV; do
	"$VLTRACE" -o "$T/k$sig" -- sh -c "kill -$sig \$\$"
	st=$?
	n=$(kill -l "$sig")
	check "a command killed by SIG$sig: vltrace exits $((128 + n)) (got $st)" [ "$st" = $((128 + n)) ]
	check "... and the trace ends with +++ killed by SIG$sig +++" \
		bash -c "tail -1 '$T/k$sig' | grep -qx '+++ killed by SIG$sig +++'"
done
# the signals that dump core reach the tracer as sent, not turned into SIGKILL:
# one --- SIG... --- line each, the lines strace prints (the pids aside).  The
# command restores the default action first: a shell that runs this test in the
# background ignores SIGQUIT, and so would its children.
norm() { sed -E 's/si_pid=[0-9]+/si_pid=N/' "$1"; }
# the interpreter itself: a wrapper script in front of it (pyenv's shim) forks, and the
# SIGCHLDs of its children merge differently from one run to the next
PY=$(python3 -c 'import sys; print(sys.executable)')
for sig in SEGV ABRT QUIT BUS ILL FPE TRAP SYS; do
	die="import os, signal; signal.signal(signal.SIG$sig, signal.SIG_DFL); "
	die+="os.kill(os.getpid(), signal.SIG$sig)"
	"$VLTRACE" -e trace=none -o "$T/c$sig" -- "$PY" -c "$die"
	# "; true": the subshell waits and reports strace's own death to /dev/null
	(strace -e trace=none -o "$T/c$sig.strace" "$PY" -c "$die"; true) 2> /dev/null
	if [ "$(norm "$T/c$sig")" = "$(norm "$T/c$sig.strace")" ]; then
		pass "a command killed by SIG$sig: the lines strace prints"
	else
		fail "a command killed by SIG$sig: the lines strace prints"
		show "$T/c$sig"
		show "$T/c$sig.strace"
	fi
done
# killed from outside while blocked in a call
mkfifo "$T/blk"
"$VLTRACE" -o "$T/kout" -- sh -c "read x < '$T/blk'" &
V=$!
track "$V"
wait_until 100 has_child "$V"
C=$(child_of "$V")
wait_until 100 in_syscall "$C" 257
kill -TERM "$C"
wait_gone 100 "$V"
reap "$V"
check "a command killed by SIGTERM from outside: vltrace exits 143 (got $REAPED)" [ "$REAPED" = 143 ]
check "... and ends with +++ killed by SIGTERM +++" bash -c "tail -1 '$T/kout' | grep -qx '+++ killed by SIGTERM +++'"

# ---- a command that execs, forks and exits at once ----
"$VLTRACE" -f -o "$T/quick" -- sh -c 'exec sh -c "(exit 3) & true & wait; exit 4"'
st=$?
check "exec, fork and a quick exit: vltrace exits with the command's 4 (got $st)" [ "$st" = 4 ]
check "... both successful execve calls are traced" [ "$(grep -Ec '[0-9]+ +execve\(.*\) += 0$' "$T/quick")" = 2 ]
check "... each process's end is there (exit 3, 0 and 4)" \
	bash -c "grep -q '+++ exited with 3 +++' '$T/quick' && grep -q '+++ exited with 0 +++' '$T/quick' && grep -q '+++ exited with 4 +++' '$T/quick'"
"$VLTRACE" -o "$T/quick0" -- /bin/true
st=$?
check "a command that exits at once: exit 0 (got $st)" [ "$st" = 0 ]
check "... and its trace ends with +++ exited with 0 +++" \
	bash -c "tail -1 '$T/quick0' | grep -qx '+++ exited with 0 +++'"

# ---- a zombie: -p on a process that has exited but is not reaped ----
sh -c 'sh -c "exit 0" & exec sleep 30' &
zp=$!
track "$zp"
zombie_child() { Z=$(pgrep -P "$zp"); [ -n "$Z" ] && [ "$(proc_state "$Z")" = Z ]; }
if wait_until 100 zombie_child; then
	"$VLTRACE" -p "$Z" -o "$T/zombie" 2> "$T/zombie.err" &
	V=$!
	track "$V"
	wait_gone 100 "$V"
	check "-p on a zombie: vltrace does not wait forever for it" gone "$V"
	kill -KILL "$V" 2>/dev/null
	reap "$V"
	check "-p on a zombie: vltrace refuses it with exit 1 (got $REAPED)" [ "$REAPED" = 1 ]
	check "... in one line naming the pid" \
		bash -c "[ \$(grep -c . '$T/zombie.err') = 1 ] && grep -q '^vltrace: .*$Z' '$T/zombie.err'"
else
	fail "a zombie process to attach to"
fi
kill -KILL "$zp" 2>/dev/null

# ---- nobody left stopped ----
stopped=
for p in $TRACKED; do
	s=$(proc_state "$p")
	[ "$s" = T ] || [ "$s" = t ] && stopped="$stopped $p"
done
check "no process this test started is left stopped${stopped:+:$stopped}" [ -z "$stopped" ]
finish
