# SPDX-License-Identifier: LGPL-2.1-or-later
# Process helpers for the integration tests that start long-running processes
# (sourced after lib.sh).  Every process a test starts goes through track, so the
# EXIT trap stops whatever is still running, by pid; nothing is waited on without
# a bound.
PATH=$PATH:/usr/sbin:/sbin

TRACKED=
CLEANUPS=
track() { TRACKED="$TRACKED $*"; }
# on_exit CMD: run CMD (a string) at exit, before the tracked processes are killed
on_exit() { CLEANUPS="$CLEANUPS
$1"; }
proc_cleanup() {
	local p
	eval "$CLEANUPS"
	for p in $TRACKED; do
		kill -CONT "$p" 2>/dev/null
		kill -KILL "$p" 2>/dev/null
	done
	rm -rf "$T"
}
trap proc_cleanup EXIT
trap 'exit 99' INT TERM HUP PIPE

# wait_until TENTHS CMD...: run CMD every 0.1 s until it succeeds, at most TENTHS times
wait_until() {
	local n=$1 i
	shift
	for ((i = 0; i < n; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	"$@"
}

alive() { kill -0 "$1" 2>/dev/null; }
gone() { ! kill -0 "$1" 2>/dev/null; }

# wait_gone TENTHS PID: wait for PID to end, at most TENTHS tenths of a second
wait_gone() { wait_until "$1" gone "$2"; }

# reap PID: wait for a child of this shell that has ended (or is about to); its
# exit status goes to REAPED (not through $(...): a subshell cannot wait for it).
# A child still running after 20 s is killed first.
reap() {
	wait_gone 200 "$1" || kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	REAPED=$?
}

# proc_state PID: the state letter of /proc/PID/stat (R, S, D, T, t, Z...)
proc_state() { sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]) .*/\1/' "/proc/$1/stat" 2>/dev/null; }

# not_stopped PID: PID exists and is not stopped (running, sleeping, in disk wait)
not_stopped() { [[ $(proc_state "$1") == [RSD] ]]; }

# in_syscall PID NR: PID (its main thread) is blocked in syscall number NR
in_syscall() { [ "$(cut -d' ' -f1 "/proc/$1/syscall" 2>/dev/null)" = "$2" ]; }

# child_of PID: a child of PID (the command vltrace PID started), once it runs
child_of() { pgrep -P "$1" | head -1; }
has_child() { [ -n "$(child_of "$1")" ]; }

# lines_of FILE: the number of lines in FILE (0 when it does not exist)
lines_of() { if [ -e "$1" ]; then wc -l < "$1"; else echo 0; fi; }

# attached FILE N: vltrace has said "Process ... attached" N times in FILE
attached() {
	local n
	n=$(grep -c '^vltrace: Process [0-9]* attached$' "$1" 2>/dev/null)
	[ "${n:-0}" -ge "$2" ]
}

# bpf_ids_of PID: the BPF program and link ids held by process PID's descriptors
bpf_ids_of() {
	local f
	for f in /proc/"$1"/fdinfo/*; do
		sed -n -E 's/^(prog_id|link_id):[[:space:]]*([0-9]+)$/\1 \2/p' "$f" 2>/dev/null
	done | sort -u
}

# bpf_ids_exist LIST: does any of the "prog_id N" / "link_id N" lines still exist?
bpf_ids_exist() {
	local kind id
	while read -r kind id; do
		case $kind in
		prog_id) bpftool prog show id "$id" >/dev/null 2>&1 && return 0 ;;
		link_id) bpftool link show id "$id" >/dev/null 2>&1 && return 0 ;;
		esac
	done <<<"$1"
	return 1
}

# one_line TEXT [WORD]: TEXT is exactly one line starting with "vltrace: " (and
# holding WORD)
one_line() {
	[ "$(printf '%s\n' "$1" | wc -l)" = 1 ] && [[ $1 == vltrace:* ]] && [[ $1 == *"${2-}"* ]]
}
# no_link PID: process PID holds no BPF link (its hooks are detached)
no_link() { ! bpf_ids_of "$1" | grep -q '^link_id '; }
