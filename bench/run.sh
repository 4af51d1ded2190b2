#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# bench/run.sh: what tracing costs, side by side, on this machine (run by `make bench`).
#
# Workloads: the getppid loop and the open/write/pread/close loop of `vltrace --bench-child`
# (the same code `vltrace --bench` times), nginx with one worker and Apache httpd (event MPM,
# one child) serving a small static file on 127.0.0.1 under wrk, and the start and stop
# latencies of the tracer.  Each workload runs untraced, on the floor (vltrace --floor:
# the hooks attached, nothing recorded), under vltrace -W / -o / -c, strace, perf trace and
# bpftrace's one-liners (count(), hist(), printf() of each syscall).
# The variants alternate within every round, in an order that rotates from round to round,
# and the tables print medians: the machines are small and noisy, only ratios measured
# side by side in one run mean anything.
#
# Settings (environment):
#   VLTRACE             the vltrace binary (make bench passes the build's)
#   BENCH_ROUNDS        rounds of every variant (default 3)
#   BENCH_SECONDS       seconds of wrk per server run (default 5)
#   BENCH_ITERS         syscalls per loop run (default 1000000)
#   BENCH_SLOW_ITERS    syscalls per loop run under strace, perf trace and bpftrace's printf()
#                       (default BENCH_ITERS/10)
#   BENCH_WORKLOADS     any of: getppid fileio nginx apache latency (default all)
#   BENCH_VARIANTS      any of: untraced floor W o c strace perf, W@SIZE for -W with
#                       --buffer-size SIZE, W:KIND for -W with --buffer KIND (ring, ringbuf,
#                       perf), W:zstd and W:none for -W --compress=zstd or none, Wraw
#                       for -W -e raw=all (no argument read), Wraw:SYSCALL for
#                       -W -e raw=SYSCALL (that one's arguments not read: what its capture
#                       costs is the difference to W), chist for -c with
#                       percentiles and --histogram, cerr for -c --errno-summary, cby for
#                       -c --summary-by=tid,syscall, bthist for bpftrace's hist() of each
#                       syscall's latency, btcount for its count() of each syscall (beside
#                       -c), btprint for its printf() of each syscall to a file (beside -o)
#                       (default: untraced floor W o c strace perf btcount bthist btprint)
#   BENCH_CONNECTIONS   wrk connections (default 10)
#   BENCH_PORT          nginx listens there, apache on the next port (default 18480)
#   BENCH_LATENCY_RUNS  runs of each latency measurement (default 10)
#   BENCH_TMPDIR        where trace files go (default /var/tmp; must have room for a few GB)
#
# The header names the host: CPU model, kernel, the CPU mitigations in force, the clocksource
# and the load average (again at the end): tables from two hosts compare only with those.
#
# Needs root.  Only loopback traffic; every server and tracer it starts is stopped at exit.

# the rest is bash; make runs this with $(SHELL)
if [ -z "${BASH_VERSION:-}" ]; then
	exec bash "$0" "$@"
fi

set -u
export LC_ALL=C

ROUNDS=${BENCH_ROUNDS:-3}
SECONDS_RUN=${BENCH_SECONDS:-5}
ITERS=${BENCH_ITERS:-1000000}
SLOW_ITERS=${BENCH_SLOW_ITERS:-$((ITERS / 10))}
WORKLOADS=${BENCH_WORKLOADS:-getppid fileio nginx apache latency}
VARIANTS=${BENCH_VARIANTS:-untraced floor W o c strace perf btcount bthist btprint}
CONNECTIONS=${BENCH_CONNECTIONS:-10}
PORT=${BENCH_PORT:-18480}
LATENCY_RUNS=${BENCH_LATENCY_RUNS:-10}
TMPBASE=${BENCH_TMPDIR:-/var/tmp}
HERE=$(cd "$(dirname "$0")" && pwd)
VLTRACE=${VLTRACE:-$(command -v vltrace || true)}
GNU_TIME=/usr/bin/time
APACHE_MODULES=/usr/lib/apache2/modules

die() {
	echo "bench/run.sh: $*" >&2
	exit 1
}

note() {
	echo "bench/run.sh: $*" >&2
}

# check_int NAME VALUE MIN MAX
check_int() {
	[[ $2 =~ ^[0-9]+$ ]] && (($2 >= $3 && $2 <= $4)) ||
		die "$1=$2: give a whole number from $3 to $4"
}

check_int BENCH_ROUNDS "$ROUNDS" 1 100
check_int BENCH_SECONDS "$SECONDS_RUN" 1 600
check_int BENCH_ITERS "$ITERS" 1000 1000000000
check_int BENCH_SLOW_ITERS "$SLOW_ITERS" 1000 1000000000
check_int BENCH_CONNECTIONS "$CONNECTIONS" 1 1000
check_int BENCH_PORT "$PORT" 1024 65534
check_int BENCH_LATENCY_RUNS "$LATENCY_RUNS" 1 1000
[ -n "$VLTRACE" ] && [ -x "$VLTRACE" ] || die "no vltrace binary: set VLTRACE=/path/to/vltrace"
[ "$(id -u)" = 0 ] || die "tracing needs root: run as root (sudo make bench)"
[ -d "$TMPBASE" ] || die "BENCH_TMPDIR=$TMPBASE is not a directory"
for w in $WORKLOADS; do
	case $w in
	getppid | fileio | nginx | apache | latency) ;;
	*) die "BENCH_WORKLOADS: unknown workload '$w' (getppid fileio nginx apache latency)" ;;
	esac
done
for v in $VARIANTS; do
	case $v in
	untraced | floor | W | o | c | strace | perf | Wraw | chist | cerr | cby) ;;
	bthist | btcount | btprint) ;;
	W@*) [[ ${v#W@} =~ ^[0-9]+[KMG]?$ ]] || die "BENCH_VARIANTS: '$v': give W@SIZE, e.g. W@64M" ;;
	W:ring | W:ringbuf | W:perf | W:zstd | W:none) ;;
	Wraw:*)
		[[ ${v#Wraw:} =~ ^[a-z0-9_]+$ ]] ||
			die "BENCH_VARIANTS: '$v': give Wraw:SYSCALL, e.g. Wraw:writev"
		;;
	*) die "BENCH_VARIANTS: unknown variant '$v' (untraced floor W o c strace perf W@SIZE W:KIND" \
		"W:zstd W:none Wraw chist cerr cby bthist btcount btprint)" ;;
	esac
done

TMP=$(mktemp -d "$TMPBASE/vltrace-bench.XXXXXX") || die "cannot create a directory in $TMPBASE"
chmod 755 "$TMP"

# ---------------------------------------------------------------- process bookkeeping

# every process started here, so that the exit trap can stop what is still running
TRACERS=()
SERVERS=()
OTHERS=()

alive() {
	kill -0 "$1" 2>/dev/null
}

# forget ARRAY PID: drop PID from the bookkeeping array
forget() {
	local -n list=$1
	local -a keep=()
	local p

	for p in "${list[@]}"; do
		[ "$p" != "$2" ] && keep+=("$p")
	done
	list=("${keep[@]}")
}


# wait_gone PID SECONDS: wait for PID to end, at most SECONDS; true if it ended
wait_gone() {
	local i n=$(($2 * 20))

	for ((i = 0; i < n; i++)); do
		alive "$1" || return 0
		nap 0.05
	done
	! alive "$1"
}

# stop PID SIGNAL SECONDS: send SIGNAL, then SIGKILL if PID is still there after SECONDS
stop() {
	alive "$1" || return 0
	kill "-$2" "$1" 2>/dev/null
	if ! wait_gone "$1" "$3"; then
		note "pid $1 ignored SIG$2 for $3 s: killing it"
		kill -KILL "$1" 2>/dev/null
	fi
	wait "$1" 2>/dev/null
	return 0
}

cleanup() {
	local p

	trap - EXIT INT TERM
	# newest first: a tracer before the GNU time that runs it
	for ((p = ${#TRACERS[@]} - 1; p >= 0; p--)); do
		stop "${TRACERS[p]}" INT 10
	done
	for p in "${OTHERS[@]}"; do
		stop "$p" TERM 5
	done
	for p in "${SERVERS[@]}"; do
		stop "$p" TERM 10
	done
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# nap SECONDS: sleep without starting a process (nothing ever writes to the fifo), so that
# polling costs the measured runs next to nothing
mkfifo "$TMP/nap.fifo" || die "cannot create a fifo in $TMP"
exec {NAP_FD}<>"$TMP/nap.fifo"
nap() {
	read -r -t "$1" -u "$NAP_FD" _ || true
}

# child_of PID: the first child of PID (GNU time runs the tracer as its child)
child_of() {
	local i c=""

	for ((i = 0; i < 200; i++)); do
		read -r c _ <"/proc/$1/task/$1/children" 2>/dev/null
		[ -n "$c" ] && break
		alive "$1" || break
		nap 0.01
	done
	echo "$c"
}

# children_of PID: all children of PID, space-separated
children_of() {
	local c=""

	read -r c <"/proc/$1/task/$1/children" 2>/dev/null
	echo "$c"
}

# peak_rss PID: VmHWM in KiB
peak_rss() {
	awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null
}

# buffer_rss PID: KiB resident in the kernel buffers the tracer has mapped (BPF maps,
# perf event buffers); the ring buffer's data pages are mapped twice and counted twice
buffer_rss() {
	awk '/^[0-9a-f]+-[0-9a-f]+ / { buf = ($6 ~ /^anon_inode:(bpf-map|\[perf_event\])/) }
	     /^Rss:/ && buf { kb += $2 }
	     END { print kb + 0 }' "/proc/$1/smaps" 2>/dev/null
}

# ---------------------------------------------------------------- variants

have_strace=0
have_perf=0
have_time=0
command -v strace >/dev/null && have_strace=1
if command -v perf >/dev/null; then
	if timeout 30 perf trace -o /dev/null -- true >/dev/null 2>&1; then
		have_perf=1
	else
		note "'perf trace -- true' fails here (is tracefs mounted at /sys/kernel/tracing?):" \
			"no perf trace variant"
	fi
fi
if "$GNU_TIME" -f %M -o /dev/null true 2>/dev/null; then
	have_time=1
else
	note "no GNU time at $GNU_TIME (Debian package time): no tracer CPU and peak RSS for runs" \
		"that end by themselves"
fi

variant_ok() {
	case $1 in
	strace) ((have_strace)) ;;
	perf) ((have_perf)) ;;
	bt*) command -v bpftrace >/dev/null ;;
	*) true ;;
	esac
}

variant_label() {
	case $1 in
	untraced) echo "untraced" ;;
	floor) echo "floor (hooks, no records)" ;;
	W) echo "vltrace -W (binary file)" ;;
	o) echo "vltrace -o (text file)" ;;
	c) echo "vltrace -c (kernel counts)" ;;
	chist) echo "vltrace -c, p50,p99 --histogram" ;;
	cerr) echo "vltrace -c --errno-summary" ;;
	cby) echo "vltrace -c --summary-by=tid,syscall" ;;
	bthist) echo "bpftrace hist() by syscall" ;;
	btcount) echo "bpftrace count() by syscall" ;;
	btprint) echo "bpftrace printf() (text file)" ;;
	strace) echo "strace -o (text file)" ;;
	perf) echo "perf trace -o (text file)" ;;
	W@*) echo "vltrace -W, ${1#W@} buffers" ;;
	W:zstd) echo "vltrace -W, zstd:1 blocks" ;;
	W:none) echo "vltrace -W, raw blocks" ;;
	W:*) echo "vltrace -W --buffer ${1#W:}" ;;
	Wraw) echo "vltrace -W -e raw=all" ;;
	# no "=" in a label: print_table splits on it
	Wraw:*) echo "vltrace -W, ${1#Wraw:} raw" ;;
	esac
}

# the slow tracers run fewer syscalls in the loops: their cost per syscall does not depend
# on the count, and a million of them take a minute
variant_iters() {
	case $1 in
	strace | perf | btprint) echo "$SLOW_ITERS" ;;
	*) echo "$ITERS" ;;
	esac
}

# tracer_cmd VARIANT MODE TARGET...: set CMD to the tracer's command line.  MODE spawn:
# TARGET is the command to run traced; MODE attach: TARGET are the pids to attach to.
tracer_cmd() {
	local v=$1 mode=$2 pids bpid="pid == cpid" p

	shift 2
	CMD=()
	if [ "$mode" = attach ]; then
		# bpftrace's cpid is the child it runs; attached, the pids are the filter
		bpid=""
		for p in "$@"; do
			bpid+="${bpid:+ || }pid == $p"
		done
	fi
	case $v in
	untraced) return ;;
	floor) CMD=("$VLTRACE" --floor -o /dev/null) ;;
	W) CMD=("$VLTRACE" -W "$TMP/trace.vlt") ;;
	o) CMD=("$VLTRACE" -o "$TMP/trace.txt") ;;
	c) CMD=("$VLTRACE" -c -o /dev/null) ;;
	chist) CMD=("$VLTRACE" -c -U name,calls,p50,p99 --histogram -o /dev/null) ;;
	cerr) CMD=("$VLTRACE" -c --errno-summary -o /dev/null) ;;
	cby) CMD=("$VLTRACE" -c --summary-by=tid,syscall -o /dev/null) ;;
	bthist)
		# the one-liner a bpftrace user would write: entry time by thread, hist() at exit
		bt_cmd "tracepoint:raw_syscalls:sys_enter /$bpid/ { @s[tid] = nsecs }
			tracepoint:raw_syscalls:sys_exit /($bpid) && @s[tid]/ {
			@h[args->id] = hist(nsecs - @s[tid]); delete(@s[tid]); }" "$mode" "$@"
		return
		;;
	btcount)
		# its count() one-liner, as -c counts in the kernel
		bt_cmd "tracepoint:raw_syscalls:sys_enter /$bpid/ { @[args->id] = count(); }" \
			"$mode" "$@"
		return
		;;
	btprint)
		# one line a syscall at its exit, written to a file, as -o writes text
		bt_cmd "tracepoint:raw_syscalls:sys_exit /$bpid/ {
			printf(\"%llu %d %d = %ld\\n\", nsecs, tid, args->id, args->ret); }" "$mode" "$@"
		return
		;;
	W@*) CMD=("$VLTRACE" -W "$TMP/trace.vlt" --buffer-size "${v#W@}") ;;
	W:zstd | W:none) CMD=("$VLTRACE" -W "$TMP/trace.vlt" --compress="${v#W:}") ;;
	W:*) CMD=("$VLTRACE" -W "$TMP/trace.vlt" --buffer "${v#W:}") ;;
	Wraw) CMD=("$VLTRACE" -W "$TMP/trace.vlt" -e raw=all) ;;
	Wraw:*) CMD=("$VLTRACE" -W "$TMP/trace.vlt" -e "raw=${v#Wraw:}") ;;
	strace)
		CMD=(strace -o "$TMP/strace.txt")
		[ "$mode" = attach ] && CMD+=(-f)
		;;
	perf) CMD=(perf trace -o "$TMP/perf.txt") ;;
	esac
	if [ "$mode" = spawn ]; then
		[ "${CMD[0]}" = "$VLTRACE" ] && CMD+=(-q)
		CMD+=(-- "$@")
	else
		pids="$*"
		case $v in
		perf) CMD+=(-p "${pids// /,}") ;;
		*) CMD+=(-p "$pids") ;;
		esac
	fi
}

# bt_cmd PROGRAM MODE TARGET...: CMD runs bpftrace with PROGRAM, its output to a file
bt_cmd() {
	local prog=$1 mode=$2

	shift 2
	CMD=(bpftrace -o "$TMP/bt.txt" -e "$prog")
	[ "$mode" = spawn ] && CMD+=(-c "$*")
}

# tracer_totals VARIANT: "RECORDS LOST" the tracer wrote; vltrace reports them on the fd named
# by VLTRACE_STATS_FD (entry and exit records), strace and perf trace write one line a syscall
tracer_totals() {
	case $1 in
	strace) echo "$(wc -l <"$TMP/strace.txt") 0" ;;
	btprint) awk '/^Lost [0-9]+ events/ { lost += $2; next } /^Attaching / { next } { n++ }
		      END { print n + 0, lost + 0 }' "$TMP/bt.txt" "$TMP/tracer.err" ;;
	bt*) awk '/^Lost [0-9]+ events/ { lost += $2 } END { print "-", lost + 0 }' \
		"$TMP/bt.txt" "$TMP/tracer.err" ;;
	perf) awk '/^LOST [0-9]+ events!/ { lost += $2; next } { n++ }
		   END { print n + 0, lost + 0 }' "$TMP/perf.txt" ;;
	*) awk '{ print $2 + 0, $4 + 0 }' "$TMP/stats.out" 2>/dev/null ;;
	esac
}

# the U S M line GNU time wrote (after any "Command exited with ..." line)
rusage_line() {
	[ -s "$TMP/rusage.out" ] && tail -n 1 "$TMP/rusage.out"
}

clean_outputs() {
	rm -f "$TMP"/trace.vlt "$TMP"/trace.txt "$TMP"/strace.txt "$TMP"/perf.txt "$TMP"/bt.txt \
		"$TMP"/stats.out "$TMP"/rusage.out "$TMP"/work.out "$TMP"/tracer.err "$TMP"/wrk.out
}

# order ROUND: the variants in the order they run in this round
order() {
	local -a vs=()
	local v i n

	for v in $VARIANTS; do
		variant_ok "$v" && vs+=("$v")
	done
	n=${#vs[@]}
	for ((i = 0; i < n; i++)); do
		echo "${vs[(i + $1) % n]}"
	done
}

# ---------------------------------------------------------------- tables

# print_table KIND RESULTS: one row per variant, medians over the rounds.
# RESULTS lines: variant round ok value records lost cpu_s calls rss_kib buf_kib
print_table() {
	local kind=$1 results=$2 v labels=""

	for v in $(order 0); do
		labels+="$v=$(variant_label "$v");"
	done
	awk -v kind="$kind" -v labels="$labels" -v rounds="$ROUNDS" '
	function med(list,    a, n, i, j, t) {
		n = split(list, a, " ")
		if (!n)
			return ""
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) {
				t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
			}
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	BEGIN {
		nv = split(labels, lv, ";")
		for (i = 1; i < nv; i++) {
			split(lv[i], kv, "=")
			order[i] = kv[1]; label[kv[1]] = kv[2]
		}
		nv--
	}
	{
		v = $1
		runs[v]++
		if (!$3) { failed[v]++; next }
		val[v] = val[v] " " $4
		if (!(v in lo) || $4 + 0 < lo[v]) lo[v] = $4 + 0
		if (!(v in hi) || $4 + 0 > hi[v]) hi[v] = $4 + 0
		if ($5 != "-") rec[v] = rec[v] " " $5
		if ($6 != "-") { lost[v] += $6; haslost[v] = 1 }
		if ($7 != "-") { cpu[v] = cpu[v] " " $7; percall[v] = percall[v] " " ($8 ? $7 * 1e9 / $8 : 0) }
		if ($9 != "-" && $9 > rss[v]) rss[v] = $9
		if ($10 != "-" && $10 > buf[v]) buf[v] = $10
	}
	END {
		base = med(val["untraced"]); fl = med(val["floor"])
		if (kind == "loop") {
			printf "%-28s %10s %13s %10s %11s %10s %8s %10s %10s %9s %9s %5s\n", "variant",
			       "ns/syscall", "min-max", "x untraced", "above floor", "records", "lost",
			       "tracer CPU", "CPU/call", "peak RSS", "- buffers", "runs"
		} else {
			printf "%-28s %10s %13s %10s %8s %11s %10s %8s %10s %9s %9s %5s\n", "variant",
			       "requests/s", "min-max", "x untraced", "x floor", "us/req>floor",
			       "records", "lost", "tracer CPU", "peak RSS", "- buffers", "runs"
		}
		for (i = 1; i <= nv; i++) {
			v = order[i]
			if (!runs[v])
				continue
			m = med(val[v])
			printf "%-28s ", label[v]
			if (m == "") {
				printf "all %d runs failed\n", runs[v]
				continue
			}
			if (kind == "loop") {
				printf "%10.1f %13s ", m, sprintf("%.0f-%.0f", lo[v], hi[v])
				printf "%10s ", base ? sprintf("%.2f", m / base) : "-"
				above = (v != "untraced" && v != "floor" && fl != "")
				printf "%11s ", above ? sprintf("%.1f", m - fl) : "-"
			} else {
				printf "%10.0f %13s ", m, sprintf("%.0f-%.0f", lo[v], hi[v])
				printf "%10s ", base ? sprintf("%.3f", m / base) : "-"
				printf "%8s ", fl ? sprintf("%.3f", m / fl) : "-"
				above = (v != "untraced" && v != "floor" && fl)
				printf "%11s ", above ? sprintf("%.2f", 1e6 / m - 1e6 / fl) : "-"
			}
			r = med(rec[v])
			printf "%10s ", r == "" ? "-" : sprintf("%.0f", r)
			printf "%8s ", haslost[v] ? lost[v] : "-"
			c = med(cpu[v])
			printf "%10s ", c == "" ? "-" : sprintf("%.2fs", c)
			if (kind == "loop") {
				c = med(percall[v])
				printf "%10s ", c == "" ? "-" : sprintf("%.0fns", c)
			}
			printf "%9s ", rss[v] ? sprintf("%.1fM", rss[v] / 1024) : "-"
			printf "%9s ", rss[v] ? sprintf("%.1fM", (rss[v] - buf[v]) / 1024) : "-"
			printf "%5s\n", (runs[v] - failed[v]) "/" runs[v]
		}
	}' "$results"
}

# ---------------------------------------------------------------- loop workloads

# run_loop KIND VARIANT ROUND RESULTS
run_loop() {
	local kind=$1 v=$2 round=$3 results=$4 iters pid tracer="" status calls wall wcpu
	local rec="-" lost="-" cpu="-" rss="-" buf="-" b i u s m ok=1

	iters=$(variant_iters "$v")
	clean_outputs
	tracer_cmd "$v" spawn "$VLTRACE" --bench-child "$kind" "$iters"
	if [ "$v" = untraced ]; then
		VLTRACE_BENCH_FD=3 "$VLTRACE" --bench-child "$kind" "$iters" \
			3>"$TMP/work.out" >/dev/null 2>"$TMP/tracer.err"
		status=$?
	else
		if ((have_time)); then
			CMD=("$GNU_TIME" -f "%U %S %M" -o "$TMP/rusage.out" "${CMD[@]}")
		fi
		VLTRACE_BENCH_FD=3 VLTRACE_STATS_FD=4 "${CMD[@]}" \
			3>"$TMP/work.out" 4>"$TMP/stats.out" >/dev/null 2>"$TMP/tracer.err" &
		pid=$!
		TRACERS+=("$pid")
		((have_time)) && tracer=$(child_of "$pid") || tracer=$pid
		[ -n "$tracer" ] && [ "$tracer" != "$pid" ] && TRACERS+=("$tracer")
		# the kernel buffers are mapped once the tracer has loaded (BPF ring buffers are
		# populated when mapped): look until they stop growing, for one second at most
		for ((i = 0; i < 20; i++)); do
			nap 0.05
			[ -n "$tracer" ] && alive "$tracer" || break
			b=$(buffer_rss "$tracer")
			[[ ${b:-} =~ ^[0-9]+$ ]] || continue
			[ "$buf" != - ] && ((b == buf && b >= 1024)) && break
			{ [ "$buf" = - ] || ((b > buf)); } && buf=$b
		done
		if ! wait_gone "$pid" 3600; then
			note "$(variant_label "$v") on $kind did not finish in an hour: stopping it"
			[ -n "$tracer" ] && stop "$tracer" INT 10
			stop "$pid" KILL 1
		fi
		wait "$pid"
		status=$?
		forget TRACERS "$pid"
		forget TRACERS "$tracer"
	fi
	read -r calls wall wcpu _ <"$TMP/work.out" 2>/dev/null
	if [ "$status" != 0 ] || ! [[ ${calls:-} =~ ^[1-9][0-9]*$ ]]; then
		ok=0
		note "$(variant_label "$v") on $kind failed (exit status $status): " \
			"$(tail -n 3 "$TMP/tracer.err" | tr '\n' ' ')"
	fi
	if ((ok)) && [ "$v" != untraced ]; then
		read -r rec lost <<<"$(tracer_totals "$v")"
		if read -r u s m <<<"$(rusage_line)" && [[ ${m:-} =~ ^[0-9]+$ ]]; then
			# vltrace's and strace's rusage include the workload they reaped; perf trace
			# leaves it unreaped (its total is below the workload's own CPU time)
			[ "$v" = perf ] && wcpu=0
			cpu=$(awk -v u="$u" -v s="$s" -v w="$wcpu" \
				'BEGIN { c = u + s - w / 1e9; printf "%.3f", (c > 0 ? c : 0) }')
			rss=$m
		fi
	fi
	if ((ok)); then
		echo "$v $round 1 $(awk -v w="$wall" -v c="$calls" 'BEGIN { printf "%.2f", w / c }') " \
			"${rec:--} ${lost:--} $cpu $calls $rss $buf" >>"$results"
	else
		echo "$v $round 0 - - - - - - -" >>"$results"
	fi
	clean_outputs
}

bench_loop() {
	local kind=$1 results="$TMP/results.$1" r v

	: >"$results"
	echo "== $kind: vltrace --bench-child $kind, $ITERS syscalls a run ($SLOW_ITERS under strace," \
		"perf trace and bpftrace printf()), $ROUNDS rounds, medians"
	for ((r = 0; r < ROUNDS; r++)); do
		for v in $(order "$r"); do
			run_loop "$kind" "$v" "$r" "$results"
		done
	done
	print_table loop "$results"
	echo
}

# ---------------------------------------------------------------- server workloads

# http_ok PORT: true if GET /index.html on 127.0.0.1:PORT answers 200
http_ok() {
	local fd line

	exec {fd}<>"/dev/tcp/127.0.0.1/$1" || return 1
	printf 'GET /index.html HTTP/1.0\r\nHost: localhost\r\n\r\n' >&"$fd"
	read -r -t 2 line <&"$fd"
	exec {fd}>&-
	[[ ${line:-} == HTTP/1.?" 200"* ]]
}

port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# start_server NAME PORT: start it in its own directory; set SRV_PID (the parent process)
# and WORKERS (the processes that serve requests)
start_server() {
	local name=$1 port=$2 dir="$TMP/$1" i

	port_free "$port" || die "port $port on 127.0.0.1 is taken: set BENCH_PORT to a free one"
	rm -rf "$dir"
	mkdir -p "$dir/www"
	chmod 755 "$dir" "$dir/www"
	# a small static page, about the size of nginx's welcome page
	for ((i = 0; i < 12; i++)); do
		echo "<p>vltrace benchmark page: a small static file served on loopback.</p>"
	done >"$dir/www/index.html"
	chmod 644 "$dir/www/index.html"
	case $name in
	nginx)
		sed -e "s|@DIR@|$dir|g" -e "s|@PORT@|$port|g" "$HERE/nginx/nginx.conf.in" \
			>"$dir/nginx.conf"
		nginx -c "$dir/nginx.conf" -p "$dir/" -e "$dir/error.log" \
			</dev/null >"$dir/stdout" 2>&1 &
		;;
	apache)
		sed -e "s|@DIR@|$dir|g" -e "s|@PORT@|$port|g" -e "s|@MODULES@|$APACHE_MODULES|g" \
			"$HERE/apache/httpd.conf.in" >"$dir/httpd.conf"
		apache2 -f "$dir/httpd.conf" -DFOREGROUND </dev/null >"$dir/stdout" 2>&1 &
		;;
	esac
	SRV_PID=$!
	SERVERS+=("$SRV_PID")
	WORKERS=""
	for ((i = 0; i < 200; i++)); do
		alive "$SRV_PID" || break
		WORKERS=$(children_of "$SRV_PID")
		[ -n "$WORKERS" ] && http_ok "$port" 2>/dev/null && return 0
		nap 0.05
	done
	note "$name did not come up on 127.0.0.1:$port: $(tail -n 3 "$dir/error.log" "$dir/stdout" 2>/dev/null | tr '\n' ' ')"
	stop_server
	return 1
}

stop_server() {
	stop "$SRV_PID" TERM 10
	forget SERVERS "$SRV_PID"
}

# wait_attached VARIANT PID: until the tracer has its hooks in place (at most 20 s)
wait_attached() {
	local i

	for ((i = 0; i < 400; i++)); do
		alive "$2" || return 1
		case $1 in
		perf)
			# perf trace says nothing: wait for its event file descriptors, then a little
			if find "/proc/$2/fd" -lname '*perf_event*' 2>/dev/null | grep -q .; then
				nap 1
				return 0
			fi
			;;
		bt*) grep -q "^Attaching" "$TMP/bt.txt" 2>/dev/null && return 0 ;;
		*) grep -q "attached" "$TMP/tracer.err" 2>/dev/null && return 0 ;;
		esac
		nap 0.05
	done
	return 1
}

# run_server NAME PORT VARIANT ROUND RESULTS
run_server() {
	local name=$1 port=$2 v=$3 round=$4 results=$5 pid="" tracer="" rps
	local rec="-" lost="-" cpu="-" rss="-" buf="-" hwm u s m ok=1 errs

	clean_outputs
	if ! start_server "$name" "$port"; then
		echo "$v $round 0 - - - - - - -" >>"$results"
		return
	fi
	if [ "$v" != untraced ]; then
		# shellcheck disable=SC2086
		tracer_cmd "$v" attach $WORKERS
		((have_time)) && CMD=("$GNU_TIME" -f "%U %S %M" -o "$TMP/rusage.out" "${CMD[@]}")
		VLTRACE_STATS_FD=4 "${CMD[@]}" 4>"$TMP/stats.out" </dev/null >/dev/null \
			2>"$TMP/tracer.err" &
		pid=$!
		TRACERS+=("$pid")
		((have_time)) && tracer=$(child_of "$pid") || tracer=$pid
		[ -n "$tracer" ] && [ "$tracer" != "$pid" ] && TRACERS+=("$tracer")
		if [ -z "$tracer" ] || ! wait_attached "$v" "$tracer"; then
			note "$(variant_label "$v") did not attach to $name: $(tail -n 3 "$TMP/tracer.err" | tr '\n' ' ')"
			ok=0
		fi
	fi
	if ((ok)); then
		timeout $((SECONDS_RUN + 60)) wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" \
			"http://127.0.0.1:$port/index.html" >"$TMP/wrk.out" 2>&1
		rps=$(awk '/^Requests\/sec:/ { print $2 }' "$TMP/wrk.out")
		errs=$(grep -E "Socket errors|Non-2xx" "$TMP/wrk.out" | tr -s ' \n' ' ')
		[ -n "$errs" ] && note "$(variant_label "$v") on $name: wrk: $errs"
		[[ ${rps:-} =~ ^[0-9.]+$ ]] || {
			ok=0
			note "wrk failed on $name: $(tail -n 3 "$TMP/wrk.out" | tr '\n' ' ')"
		}
	fi
	if [ -n "$pid" ]; then
		if [ -n "$tracer" ] && alive "$tracer"; then
			# peak RSS just before stopping it
			hwm=$(peak_rss "$tracer")
			buf=$(buffer_rss "$tracer")
			stop "$tracer" INT 60
		else
			ok=0
			note "$(variant_label "$v") ended before it was stopped: $(tail -n 3 "$TMP/tracer.err" | tr '\n' ' ')"
		fi
		stop "$pid" KILL 5
		forget TRACERS "$tracer"
		forget TRACERS "$pid"
		if ((ok)); then
			read -r rec lost <<<"$(tracer_totals "$v")"
			if read -r u s m <<<"$(rusage_line)" && [[ ${m:-} =~ ^[0-9]+$ ]]; then
				cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }')
				rss=$m
			fi
			[[ ${hwm:-} =~ ^[0-9]+$ ]] && { [ "$rss" = - ] || ((hwm > rss)); } && rss=$hwm
		fi
	fi
	stop_server
	if ((ok)); then
		echo "$v $round 1 $rps ${rec:--} ${lost:--} $cpu 0 $rss ${buf:--}" >>"$results"
	else
		echo "$v $round 0 - - - - - - -" >>"$results"
	fi
	clean_outputs
}

bench_server() {
	local name=$1 port=$2 results="$TMP/results.$1" r v

	case $name in
	nginx) command -v nginx >/dev/null || { note "no nginx: skipping the nginx workload"; return; } ;;
	apache)
		command -v apache2 >/dev/null && [ -f "$APACHE_MODULES/mod_mpm_event.so" ] ||
			{ note "no apache2 with mod_mpm_event: skipping the apache workload"; return; }
		;;
	esac
	command -v wrk >/dev/null || { note "no wrk: skipping the $name workload"; return; }
	: >"$results"
	echo "== $name: $(server_desc "$name"), wrk -t1 -c$CONNECTIONS -d${SECONDS_RUN}s" \
		"on 127.0.0.1, tracers attached to the worker with -p (strace with -f)," \
		"$ROUNDS rounds, medians"
	for ((r = 0; r < ROUNDS; r++)); do
		for v in $(order "$r"); do
			run_server "$name" "$port" "$v" "$r" "$results"
		done
	done
	print_table server "$results"
	echo
}

server_desc() {
	case $1 in
	nginx) echo "$(nginx -v 2>&1 | sed 's/.*: //'), 1 worker" ;;
	apache) echo "$(apache2 -v | sed -n 's/^Server version: //p'), event MPM, 1 child of 25 threads" ;;
	esac
}

# ---------------------------------------------------------------- latencies

# stats NAME VALUES...: one row, median / min / max in ms of values in seconds
lat_row() {
	local name=$1

	shift
	printf '%s\n' "$@" | awk -v name="$name" '
	{ a[++n] = $1 }
	END {
		if (!n) { printf "%-58s %s\n", name, "no successful run"; exit }
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
		m = n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
		printf "%-58s %9.1f %9.1f %9.1f %5d\n", name, m * 1e3, a[1] * 1e3, a[n] * 1e3, n
	}'
}

# start_latency TRACER...: seconds from the exec of the tracer to the first syscall it
# reports of /bin/true (its -ttt time stamp), and to the tracer's exit
start_latency() {
	local -a first=() total=()
	local i t0 t1 ts label=$1

	shift
	for ((i = 0; i < LATENCY_RUNS; i++)); do
		rm -f "$TMP/true.txt"
		(
			printf '%s\n' "$EPOCHREALTIME" >"$TMP/t0"
			exec "$@" -ttt -o "$TMP/true.txt" -- /bin/true
		) >/dev/null 2>&1
		t1=$EPOCHREALTIME
		read -r t0 <"$TMP/t0"
		read -r ts _ <"$TMP/true.txt" 2>/dev/null
		[[ ${ts:-} =~ ^[0-9]+\.[0-9]+$ ]] || continue
		first+=("$(awk -v a="$t0" -v b="$ts" 'BEGIN { printf "%.6f", b - a }')")
		total+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')")
	done
	lat_row "$label: start to first traced syscall" "${first[@]}"
	lat_row "$label: start to exit, all of /bin/true" "${total[@]}"
}

# stop_latency LABEL TARGET_KIND TRACER_ARGS...: attach to a target with -p, then time
# the tracer's start to its "attached" line and SIGINT to its exit
stop_latency() {
	local label=$1 kind=$2 i t0 t1 t2 t3 tgt pid fd line lost_all=0 rec lost
	local -a att=() stp=()

	shift 2
	for ((i = 0; i < LATENCY_RUNS; i++)); do
		if [ "$kind" = busy ]; then
			# 50 million calls: far more than the second it is traced, and still bounded
			"$VLTRACE" --bench-child getppid 50000000 >/dev/null 2>&1 &
		else
			sleep 300 &
		fi
		tgt=$!
		OTHERS+=("$tgt")
		rm -f "$TMP/err.fifo" "$TMP/stats.out"
		mkfifo "$TMP/err.fifo"
		exec {fd}<>"$TMP/err.fifo"
		t0=$EPOCHREALTIME
		VLTRACE_STATS_FD=4 "$VLTRACE" "$@" -p "$tgt" 4>"$TMP/stats.out" >/dev/null \
			2>"$TMP/err.fifo" </dev/null &
		pid=$!
		TRACERS+=("$pid")
		line=""
		read -r -t 20 line <&"$fd"
		t1=$EPOCHREALTIME
		if [[ $line == *attached* ]]; then
			nap 1
			t2=$EPOCHREALTIME
			kill -INT "$pid"
			wait "$pid"
			t3=$EPOCHREALTIME
			att+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')")
			stp+=("$(awk -v a="$t2" -v b="$t3" 'BEGIN { printf "%.6f", b - a }')")
			read -r _ rec _ lost _ <"$TMP/stats.out" 2>/dev/null
			lost_all=$((lost_all + ${lost:-0}))
		else
			note "vltrace $* -p did not attach: $line"
		fi
		stop "$pid" INT 10
		forget TRACERS "$pid"
		exec {fd}>&-
		stop "$tgt" TERM 5
		forget OTHERS "$tgt"
		rm -f "$TMP/trace.vlt" "$TMP/trace.txt"
	done
	lat_row "$label: start to \"attached\"" "${att[@]}"
	lat_row "$label: SIGINT to exit (lost: $lost_all)" "${stp[@]}"
}

bench_latency() {
	echo "== latency: $LATENCY_RUNS runs each, milliseconds"
	printf '%-58s %9s %9s %9s %5s\n' "" "median" "min" "max" "runs"
	start_latency "vltrace -o" "$VLTRACE" -q
	((have_strace)) && start_latency "strace -o" strace
	stop_latency "vltrace -W -p idle process" idle -W "$TMP/trace.vlt"
	stop_latency "vltrace -W -p busy getppid loop" busy -W "$TMP/trace.vlt"
	stop_latency "vltrace -o -p busy getppid loop" busy -o "$TMP/trace.txt"
	echo
}

# ---------------------------------------------------------------- main

# mitigations: the CPU vulnerabilities the kernel mitigates or leaves open ("Not affected"
# ones left out); they change what a syscall costs by a factor of several between hosts
mitigations() {
	local f v out=""

	for f in /sys/devices/system/cpu/vulnerabilities/*; do
		[ -r "$f" ] || continue
		read -r v <"$f" || continue
		[ "$v" = "Not affected" ] && continue
		out+="${out:+; }${f##*/}: $v"
	done
	echo "${out:-none reported}"
}

loadavg() {
	local a b c

	read -r a b c _ </proc/loadavg && echo "$a $b $c (1, 5, 15 min)"
}

echo "vltrace benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -n), Linux $(uname -r)," \
	"$(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo))"
echo "kernel: $(uname -srvm)"
echo "clocksource: $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource \
	2>/dev/null || echo unknown)"
echo "mitigations: $(mitigations)"
echo "load average at start: $(loadavg)"
echo "vltrace: $VLTRACE ($("$VLTRACE" -V 2>&1 | head -n 1))"
echo "settings: BENCH_ROUNDS=$ROUNDS BENCH_SECONDS=$SECONDS_RUN BENCH_ITERS=$ITERS" \
	"BENCH_SLOW_ITERS=$SLOW_ITERS BENCH_VARIANTS='$VARIANTS'"
echo "columns: medians over the rounds (min-max: the spread of the first column);"
echo "records = vltrace's entry and exit records, or lines of"
echo "strace / perf trace output; lost = all rounds together; tracer CPU = user + system time"
echo "of the tracer alone; peak RSS = the tracer's high-water mark, and what is left of it"
echo "without the kernel buffers it maps (ring buffer data pages count twice)."
echo
for w in $WORKLOADS; do
	case $w in
	getppid | fileio) bench_loop "$w" ;;
	nginx) bench_server nginx "$PORT" ;;
	apache) bench_server apache $((PORT + 1)) ;;
	latency) bench_latency ;;
	esac
done
echo "load average at end: $(loadavg)"
