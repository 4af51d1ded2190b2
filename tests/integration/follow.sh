#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# -f follows fork, vfork and clone from the first syscall; without -f only the
# threads of the traced process are traced; a process stays traced while any of
# its threads lives (forkers.c says which task makes which marker call).
. "$TESTS_SRCDIR/integration/lib.sh"
. "$TESTS_SRCDIR/integration/proc-lib.sh"
require_bpf

F="$HELPERS/forkers"
NFORKS=50
NTHREADS=20

# the markers one run of forkers makes, one per line, sorted
expected() {
	{
		echo main-0
		echo main-1
		echo vfork-0
		echo grandchild-0
		echo last-0
		for ((i = 0; i < NFORKS; i++)); do echo "child-$i"; done
		for ((i = 0; i < NTHREADS; i++)); do echo "thread-$i"; done
	} | grep -E "$1" | sort
}
# the markers found in a trace, one per occurrence, sorted
found() { grep -o 'vltrace-fork-[a-z]*-[0-9]*' "$1" | sed 's/^vltrace-fork-//' | sort; }
# the pid that made marker $2 in trace $1 (strace -f's "PID  " prefix)
pid_of() { grep -F "\"/nonexistent/vltrace-fork-$2\"" "$1" | sed -nE 's/^([0-9]+) .*/\1/p'; }

# ---- with -f: every task's marker, exactly once ----
"$VLTRACE" -f -o "$T/f" -- "$F" "$NFORKS" "$NTHREADS"
st=$?
check "forkers exits 0 under vltrace -f (got $st)" [ "$st" = 0 ]
expected . > "$T/want-f"
found "$T/f" > "$T/got-f"
if cmp -s "$T/want-f" "$T/got-f"; then
	pass "-f: all $(wc -l < "$T/want-f") markers (main, $NFORKS forks, vfork, grandchild, $NTHREADS threads) appear exactly once"
else
	fail "-f: every marker appears exactly once"
	diff "$T/want-f" "$T/got-f" | head -20
fi
main=$(pid_of "$T/f" main-0)
children=$(for ((i = 0; i < NFORKS; i++)); do pid_of "$T/f" "child-$i"; done | sort -u)
check "-f: the $NFORKS forked markers come from $NFORKS different pids" \
	[ "$(printf '%s\n' "$children" | grep -c .)" = "$NFORKS" ]
check "-f: ... none of them the parent's ($main)" \
	bash -c "! printf '%s\n' '$children' | grep -qx '$main'"
check "-f: the vfork child's marker carries its own pid" \
	bash -c "v=\$(grep -F vltrace-fork-vfork-0 '$T/f' | cut -d' ' -f1); [ -n \"\$v\" ] && [ \"\$v\" != '$main' ]"
# each task ends with strace's line, threads included, as strace -f prints it: the
# main process, NFORKS children, the vfork child, the child that forked and its
# grandchild; NTHREADS threads and the last one
n_exited=$(grep -c '+++ exited with 0 +++$' "$T/f")
check "-f: $((NFORKS + 4)) processes and $((NTHREADS + 1)) threads reported '+++ exited with 0 +++' (got $n_exited)" \
	[ "$n_exited" = $((NFORKS + 4 + NTHREADS + 1)) ]
check "-f: the marker made after all $NTHREADS threads exited is there (main-1)" \
	grep -q 'vltrace-fork-main-1"' "$T/f"
check "-f: the marker made after the main thread exited is there (last-0)" \
	grep -q 'vltrace-fork-last-0"' "$T/f"

# ---- without -f: the process's threads only, no child ----
"$VLTRACE" -o "$T/nof" -- "$F" "$NFORKS" "$NTHREADS"
st=$?
check "forkers exits 0 under vltrace without -f (got $st)" [ "$st" = 0 ]
expected '^(main|thread|last)-' > "$T/want-nof"
found "$T/nof" > "$T/got-nof"
if cmp -s "$T/want-nof" "$T/got-nof"; then
	pass "without -f: the main thread's and all $NTHREADS threads' markers appear exactly once, no child's"
else
	fail "without -f: the main thread's and all threads' markers appear exactly once, no child's"
	diff "$T/want-nof" "$T/got-nof" | head -20
fi
check "without -f: no forked child's marker" bash -c "! grep -q 'vltrace-fork-\(child\|vfork\|grandchild\)-' '$T/nof'"
check "without -f: the process is followed past its main thread's exit (last-0)" \
	grep -q 'vltrace-fork-last-0"' "$T/nof"
n_exited=$(grep -c '+++ exited with 0 +++$' "$T/nof")
check "without -f: '+++ exited with 0 +++' for the main thread and $((NTHREADS + 1)) threads only (got $n_exited)" \
	[ "$n_exited" = $((NTHREADS + 2)) ]

# ---- -p on a running process: threads and (with -f) children created after attach ----
for mode in "" -f; do
	mkfifo "$T/go$mode"
	"$F" -w "$NFORKS" 4 <> "$T/go$mode" &
	tp=$!
	track "$tp"
	"$VLTRACE" $mode -p "$tp" -o "$T/p$mode" 2> "$T/p$mode.err" &
	vp=$!
	track "$vp"
	if wait_until 100 attached "$T/p$mode.err" 1; then
		echo go > "$T/go$mode"
		reap "$tp"
		st=$REAPED
		check "-p $mode: forkers exits 0 (got $st)" [ "$st" = 0 ]
		wait_gone 100 "$vp"
		check "-p $mode: vltrace ends by itself when the process is gone" gone "$vp"
		reap "$vp"
		if [ -z "$mode" ]; then
			expected '^(main|last)-|^thread-[0-3]$' > "$T/want-p"
		else
			expected '^(main|last|child|vfork|grandchild)-|^thread-[0-3]$' > "$T/want-p"
		fi
		found "$T/p$mode" > "$T/got-p"
		if cmp -s "$T/want-p" "$T/got-p"; then
			pass "-p $mode: threads${mode:+ and children} created after attach are traced, each marker once"
		else
			fail "-p $mode: threads${mode:+ and children} created after attach are traced, each marker once"
			diff "$T/want-p" "$T/got-p" | head -20
		fi
	else
		fail "-p $mode: vltrace attached"
		show "$T/p$mode.err"
	fi
done
finish
