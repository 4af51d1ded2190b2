#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# vltrace -f -N nginx on an nginx with two workers, on a loopback port, from a
# generated configuration: the master's and every worker's calls are traced
# while curl makes requests, and after nginx -s reload so are the new workers'.
. "$TESTS_SRCDIR/integration/lib.sh"
. "$TESTS_SRCDIR/integration/proc-lib.sh"
require_bpf
require_cmd nginx
require_cmd curl

NGINX=$(command -v nginx)
P="$T/nginx"
mkdir -p "$P/html" "$P/tmp"
echo "hello from the vltrace nginx test" > "$P/html/index.html"

# start_nginx PORT: nginx in daemon mode on 127.0.0.1:PORT; 0 when it runs
start_nginx() {
	cat > "$P/nginx.conf" <<EOF
user root root;
worker_processes 2;
daemon on;
master_process on;
pid $P/nginx.pid;
error_log $P/error.log warn;
events { worker_connections 64; }
http {
	access_log $P/access.log;
	client_body_temp_path $P/tmp/body;
	proxy_temp_path $P/tmp/proxy;
	fastcgi_temp_path $P/tmp/fastcgi;
	uwsgi_temp_path $P/tmp/uwsgi;
	scgi_temp_path $P/tmp/scgi;
	server {
		# one socket per worker: the kernel spreads connections over both
		listen 127.0.0.1:$1 reuseport;
		root $P/html;
	}
}
EOF
	"$NGINX" -p "$P" -c "$P/nginx.conf" -e "$P/error.log" 2>> "$P/start.err" &&
		wait_until 100 test -s "$P/nginx.pid"
}
stop_nginx() {
	local m
	m=$(cat "$P/nginx.pid" 2>/dev/null)
	[ -n "$m" ] || return 0
	"$NGINX" -p "$P" -c "$P/nginx.conf" -e "$P/error.log" -s stop 2>/dev/null
	wait_gone 100 "$m" || kill -KILL "$m" 2>/dev/null
}
on_exit stop_nginx

port=
for ((i = 0; i < 5; i++)); do
	try=$((20000 + RANDOM % 30000))
	if start_nginx "$try"; then
		port=$try
		break
	fi
done
[ -n "$port" ] || skip_or_fail "nginx does not start here: $(tail -1 "$P/start.err")"
master=$(cat "$P/nginx.pid")
workers_of() { pgrep -P "$master" | sort; }
two_workers() { [ "$(workers_of | wc -l)" = 2 ]; }
wait_until 100 two_workers || fail "nginx started two workers"
old_workers=$(workers_of)

# requests: N curl runs, each its own connection; all must be answered
requests() {
	local i ok=0
	for ((i = 0; i < $1; i++)); do
		curl -s --max-time 5 "http://127.0.0.1:$port/index.html" | grep -q 'hello from' && ok=$((ok + 1))
	done
	[ "$ok" = "$1" ]
}
check "nginx answers on 127.0.0.1:$port before tracing" requests 2

"$VLTRACE" -f -N nginx -o "$T/trace" 2> "$T/trace.err" &
V=$!
track "$V"
if wait_until 100 attached "$T/trace.err" 3; then
	pass "-f -N nginx: vltrace attaches to the master and both workers"
else
	fail "-f -N nginx: vltrace attaches to the master and both workers"
	show "$T/trace.err"
fi
for p in $master $old_workers; do
	check "-f -N nginx: ... $p among them" grep -qx "vltrace: Process $p attached" "$T/trace.err"
done

check "nginx answers 30 requests while traced" requests 30

"$NGINX" -p "$P" -c "$P/nginx.conf" -e "$P/error.log" -s reload
new_workers_up() {
	local w
	w=$(workers_of)
	[ "$(printf '%s\n' "$w" | grep -c .)" = 2 ] && [ -z "$(comm -12 <(echo "$old_workers") <(echo "$w"))" ]
}
if wait_until 150 new_workers_up; then
	pass "nginx -s reload: two new workers replace the old ones"
else
	fail "nginx -s reload: two new workers replace the old ones"
fi
new_workers=$(workers_of)
check "nginx answers 30 requests after the reload" requests 30

kill -INT "$V"
wait_gone 100 "$V"
reap "$V"
check "SIGINT ends vltrace -f -N nginx with exit 130, as strace -p does (got $REAPED)" [ "$REAPED" = 130 ]
check "nginx runs on after vltrace detached" alive "$master"

# lines_of_pid PID PATTERN: the trace has a line of PID matching PATTERN (ERE)
has() { grep -Eq "^$1 +$2" "$T/trace"; }
check "the master ($master) is traced: it reads its configuration at the reload" \
	has "$master" "openat\\(AT_FDCWD, \"$P/nginx.conf\""
check "the master clones the new workers" has "$master" "clone\\("
for w in $old_workers; do
	check "old worker $w is traced: accept4" has "$w" "accept4\\("
	check "old worker $w: reads requests (recvfrom or read)" has "$w" "(recvfrom|read)\\("
	check "old worker $w: sends answers (writev, sendfile or write)" has "$w" "(writev|sendfile|write)\\("
	check "old worker $w: writes the access log" has "$w" "write\\([0-9]+, \"127\\.0\\.0\\.1 - "
	check "old worker $w: its end after the reload is traced" has "$w" "\\+\\+\\+ exited with 0 \\+\\+\\+"
done
for w in $new_workers; do
	check "new worker $w is traced from its start" has "$w" "(set_robust_list|getpid|prctl|setgid|setuid|rt_sigprocmask)\\("
	check "new worker $w: accept4" has "$w" "accept4\\("
	check "new worker $w: sends answers (writev, sendfile or write)" has "$w" "(writev|sendfile|write)\\("
done
finish
