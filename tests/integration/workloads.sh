#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The fidelity suite: realistic workloads (compressors, sort, find, dd, an HTTP
# fetch from a local server, git, sqlite3, make -j2, jq, openssl, bash, Python
# programs of every family in workloads.py, C programs in workloads.c), each run
# under strace -f and under vltrace -f and compared call by call, whole lines,
# after masking what differs between any two runs (pids, addresses, numbers of
# three digits or more, times, inode numbers, getrandom's bytes:
# workloads-compare.py).
#
# A line that differs is explained only when its syscall is in the workload's
# noise list below, with the reason it differs between two runs of strace itself;
# any other difference fails the test, and so does a workload whose share of
# identical lines falls below its threshold.  WORKLOADS_SELF=1 also traces each
# workload with strace a second time and reports strace against itself, the
# figure docs/COVERAGE.md quotes.  WORKLOADS_VERBOSE=1 prints every line that
# differs.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf
require_cmd strace
for c in gzip xz sort find dd curl git sqlite3 make jq openssl bash; do
	require_cmd "$c"
done
[ -x /usr/bin/python3 ] || skip_or_fail "/usr/bin/python3 is not installed"

C="$HELPERS/workloads"
W="$T/work"
IN="$T/in"
mkdir -p "$IN"
# the script from a directory of its own: Python lists the script's directory to import,
# and lists it again whenever it changed, as tests/integration does while other tests run
cp "$TESTS_SRCDIR/integration/workloads.py" "$IN/" || exit 99
# a fixed hash seed: a random one changes the sizes of dicts, and with them when
# the allocator maps another arena
PY="env PYTHONHASHSEED=0 /usr/bin/python3 $IN/workloads.py"

# inputs, small enough that the suite stays within a minute or two
seq 1 3000 | sed 's/$/ a line of words to squeeze/' > "$IN/text"
seq 3000 -1 1 > "$IN/nums"
printf '{"a": [1, 2, 3], "b": {"c": "d"}}\n' > "$IN/j.json"
mkdir -p "$IN/tree/a/b" "$IN/tree/c"
for n in 1 2 3 4 5; do echo "$n" > "$IN/tree/a/f$n"; echo "$n" > "$IN/tree/c/g$n"; done
mkdir -p "$IN/www"
echo 'served over loopback' > "$IN/www/page.txt"
{
	printf 'all: a.out b.out c.out\n'
	for t in a b c; do printf '%s.out:\n\techo %s > %s.out\n' "$t" "$t" "$t"; done
} > "$IN/Makefile"
# a file older than the index (not "racily clean") and the index refreshed, so
# that git status under either tracer finds nothing to rewrite
git init -q "$IN/repo" && (cd "$IN/repo" && echo one > f && touch -d 2020-01-01 f &&
	git add f && git -c user.name=t -c user.email=t@t commit -qm one &&
	git status > /dev/null) || exit 99

# the server is not traced: only curl is
port=$((20000 + $$ % 20000))
(cd "$IN/www" && exec /usr/bin/python3 -m http.server -b 127.0.0.1 "$port") > /dev/null 2>&1 &
srv=$!
trap 'kill "$srv" 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 50); do
	curl -s -o /dev/null "http://127.0.0.1:$port/page.txt" && break
	sleep 0.1
done

# name|threshold|noise syscalls|command.  The noise syscalls' reasons:
#   futex: whether a waiter must sleep is decided by which thread runs first
#   wait4, waitid: WNOHANG finds the child exited or not yet
#   read, recvfrom, recvmsg, poll, select, pselect6, epoll_wait: a nonblocking read
#     returns EAGAIN or data, a wait returns at once or after the peer wrote,
#     depending on which process ran first
#   rt_sigprocmask, pause: where an asynchronous signal lands (rt_sigreturn, which
#     returns the register of whichever call the signal followed, everywhere)
#   clock_nanosleep, nanosleep: the time left when a timer cut the sleep short
#   write: a child's write to a pipe its parent is still reading ends early
#   curl: rt_sigaction: SIGPIPE ignored around closing a connection the server may
#     have closed first
#   bash: rt_sigaction: the SIGINT handler set around a wait, only when the child
#     still runs
#   py-threads: file calls and exit: three threads doing alike work are paired by the
#     similarity of their lines; one started late shifts its calls to another pair
#   py-multiprocessing (*: any): its queue's feeder thread starts as threads do
#     (below), and its alike short-lived processes are paired by the similarity
#     of their lines, so that any call can fall in another pair: held by its
#     threshold alone
#   sqlite3: read, pwrite64: the journal's salt is read from /dev/urandom
#   make -j2 (*: any): which child runs which recipe, and whether make looks its
#     shell up again, move its lines anywhere: held by its threshold alone
#   c-fdtimers: read: the signalfd_siginfo read carries the sender's pid
#   sched_yield, madvise, munmap, mmap, mprotect, gettid, clone3: thread start-up
#     and the allocator's trimming follow which thread ran first; a thread's call
#     cut short (= ?) by another's exit_group, or its exit line lost with it
workloads=(
	"gzip|0.97|-|gzip -c $IN/text > out.gz"
	"gunzip|0.97|-|gzip -dc $IN/text.gz > out"
	"xz-T2|0.80|futex,mmap,munmap,mprotect,madvise,rt_sigprocmask,sched_yield,read,write|xz -T2 -c $IN/text > out.xz"
	"sort|0.97|-|sort -n $IN/nums > out"
	"find|0.97|-|find $IN/tree -name 'f*'"
	"dd|0.97|-|dd if=$IN/text of=out bs=4k count=8 status=none"
	"curl|0.90|poll,recvfrom,read,rt_sigaction|curl -s -o out http://127.0.0.1:$port/page.txt"
	"git-log|0.95|-|git -C $IN/repo log --oneline"
	"git-status|0.95|-|git -C $IN/repo status --short"
	"sqlite3|0.95|read,pwrite64|sqlite3 db.sq 'create table t(a); insert into t values(1),(2); select sum(a) from t;'"
	"make-j2|0.85|*|make -s -j2 -f $IN/Makefile"
	"jq|0.95|-|jq .b.c $IN/j.json"
	"openssl|0.95|-|openssl dgst -sha256 $IN/text"
	"bash|0.90|wait4,rt_sigprocmask,read,rt_sigaction|bash -c 'for i in 1 2; do echo \$i | cat; done; x=\$(date +%s)'"
	"py-threads|0.85|futex,mmap,munmap,mprotect,madvise,rt_sigprocmask,gettid,clone3,openat,newfstatat,ioctl,lseek,write,close,exit|$PY threads"
	"py-subprocess|0.90|wait4,read,futex,write,pipe2|$PY subprocesses"
	"py-select|0.95|-|$PY selects"
	"py-poll|0.95|-|$PY polls"
	"py-epoll|0.95|-|$PY epolls"
	"py-socketpair|0.95|-|$PY socketpairs"
	"py-udp|0.95|-|$PY udp"
	"py-tcp|0.95|-|$PY tcp"
	"py-mmap|0.95|-|$PY mmaps"
	"py-scandir|0.95|-|$PY scandirs"
	"py-signals|0.90|rt_sigreturn,pause|$PY signals"
	"py-locks|0.95|-|$PY locks"
	"py-eventfd|0.95|-|$PY eventfds"
	"py-multiprocessing|0.80|*|$PY multiproc"
	"c-fallocate|0.97|-|$C fallocate"
	"c-copy_file_range|0.97|-|$C copy"
	"c-splice|0.97|-|$C splice"
	"c-statx|0.97|-|$C statx"
	"c-openat2|0.97|-|$C openat2"
	"c-scm_rights|0.95|-|$C rights"
	"c-inotify|0.97|-|$C inotify"
	"c-fdtimers|0.97|read|$C fdtimers"
	"c-sleep|0.97|-|$C sleep"
)
gzip -c "$IN/text" > "$IN/text.gz"

run() {
	# run OUT TRACER...: the workload $cmd in a fresh $W
	local out=$1
	shift
	rm -rf "$W" && mkdir -p "$W" && cd "$W" || exit 99
	"$@" -f -o "$out" -- sh -c "$cmd" > /dev/null 2>&1 < /dev/null
	cd "$T" || exit 99
}

n=0 tot_same=0 tot_all=0 self_same=0 self_all=0
for w in "${workloads[@]}"; do
	IFS='|' read -r name goal noise cmd <<< "$w"
	n=$((n + 1))
	run "$T/s$n" strace
	run "$T/v$n" "$VLTRACE"
	python3 "$TESTS_SRCDIR/integration/workloads-compare.py" "$T/s$n" "$T/v$n" "$noise" \
		> "$T/c$n"
	read -r _ frac _ unexp <<< "$(tail -1 "$T/c$n")"
	same=${frac%/*} all=${frac#*/}
	tot_same=$((tot_same + same)) tot_all=$((tot_all + all))
	share=$(awk "BEGIN{printf \"%.4f\", $same / ($all ? $all : 1)}")
	line=$(printf '%-20s %4d/%-4d = %s (goal %s)' "$name" "$same" "$all" "$share" "$goal")
	if [ "${WORKLOADS_SELF:-0}" = 1 ]; then
		run "$T/r$n" strace
		python3 "$TESTS_SRCDIR/integration/workloads-compare.py" "$T/s$n" "$T/r$n" \
			"$noise" > "$T/x$n"
		read -r _ sfrac _ _ <<< "$(tail -1 "$T/x$n")"
		self_same=$((self_same + ${sfrac%/*})) self_all=$((self_all + ${sfrac#*/}))
		line="$line; strace against itself $sfrac"
	fi
	if [ "$all" -lt 5 ]; then
		fail "$line: too few calls to compare"
		show "$T/s$n"
	elif [ "$unexp" != 0 ]; then
		fail "$line: $unexp lines differ for no listed reason"
		grep '^unexplained' "$T/c$n" | head -20
	elif awk "BEGIN{exit !($share < $goal)}"; then
		fail "$line: below its threshold"
		head -20 "$T/c$n"
	else
		pass "$line"
	fi
	if [ "${WORKLOADS_VERBOSE:-0}" = 1 ]; then
		grep -v '^identity' "$T/c$n" | sed 's/^/#   /'
	fi
done
echo "# overall: vltrace against strace $tot_same/$tot_all =" \
	"$(awk "BEGIN{printf \"%.4f\", $tot_same / $tot_all}") of lines identical over $n workloads"
if [ "${WORKLOADS_SELF:-0}" = 1 ]; then
	echo "# overall: strace against itself $self_same/$self_all =" \
		"$(awk "BEGIN{printf \"%.4f\", $self_same / $self_all}")"
fi
finish
