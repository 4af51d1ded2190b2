#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# bench/soak.sh: a long trace of a busy server, by hand (not in make check).
#
# nginx with two workers serves a small file on 127.0.0.1 under wrk for SOAK_SECONDS
# (default 600) while `vltrace -f -N nginx -W FILE` traces the master and every
# worker; halfway through, `nginx -s reload` replaces the workers.  Every 10 s the
# tracer's resident memory is sampled.  At the end it checks, and prints:
#   - vltrace did not crash and stopped on SIGINT (exit 130);
#   - its RSS stayed flat: the largest sample of the second half is within
#     SOAK_RSS_SLACK_KB (default 8192) of the largest of the first half;
#   - the file reads back whole (`vltrace -R` with no warning, exit 0);
#   - every lost record is accounted: the loss on stderr = the footer's total =
#     the sum of the in-band notes in the file;
#   - the new workers after the reload are in the trace.
# usage: VLTRACE=path/to/vltrace SOAK_SECONDS=600 bench/soak.sh      (as root)

set -u
export LC_ALL=C
SECS=${SOAK_SECONDS:-600}
SLACK=${SOAK_RSS_SLACK_KB:-8192}
PORT=${SOAK_PORT:-18580}
VLTRACE=${VLTRACE:-$(command -v vltrace || true)}
HERE=$(cd "$(dirname "$0")" && pwd)
[ -x "$VLTRACE" ] || { echo "soak: set VLTRACE to the vltrace binary" >&2; exit 2; }
command -v nginx > /dev/null && command -v wrk > /dev/null ||
	{ echo "soak: needs nginx and wrk (scripts/install-deps)" >&2; exit 2; }

dir=$(mktemp -d /var/tmp/vltrace-soak.XXXXXX)
chmod 755 "$dir"
mkdir -p "$dir/www"
head -c 512 /dev/zero | tr '\0' x > "$dir/www/index.html"
sed -e "s|@DIR@|$dir|g" -e "s|@PORT@|$PORT|g" -e 's/worker_processes 1;/worker_processes 2;/' \
	"$HERE/nginx/nginx.conf.in" > "$dir/nginx.conf"
fail=0
check() { # DESCRIPTION COMMAND...
	local what=$1
	shift
	if "$@"; then echo "ok - $what"; else echo "not ok - $what"; fail=1; fi
}
cleanup() {
	[ -n "${wrk_pid:-}" ] && kill "$wrk_pid" 2> /dev/null
	[ -n "${vpid:-}" ] && kill -INT "$vpid" 2> /dev/null
	[ -f "$dir/nginx.pid" ] && kill -QUIT "$(cat "$dir/nginx.pid")" 2> /dev/null
	sleep 1
	[ -n "${nginx_pid:-}" ] && kill -KILL "$nginx_pid" 2> /dev/null
}
trap cleanup EXIT

nginx -c "$dir/nginx.conf" -e "$dir/error.log" &
nginx_pid=$!
for i in $(seq 50); do [ -f "$dir/nginx.pid" ] && break; sleep 0.1; done
if [ ! -f "$dir/nginx.pid" ]; then
	echo "soak: nginx did not start (port $PORT taken?): $(tail -n 1 "$dir/error.log" 2> /dev/null)" >&2
	exit 1
fi
"$VLTRACE" -q -f -N nginx -W "$dir/soak.vlt" 2> "$dir/vltrace.err" &
vpid=$!
sleep 1
old_workers=$(pgrep -P "$(cat "$dir/nginx.pid")" | sort | tr '\n' ' ')
wrk -t2 -c20 -d"${SECS}s" "http://127.0.0.1:$PORT/" > "$dir/wrk.out" 2>&1 &
wrk_pid=$!

: > "$dir/rss"
start=$(date +%s)
reloaded=
while kill -0 "$wrk_pid" 2> /dev/null; do
	now=$(($(date +%s) - start))
	rss=$(sed -nE 's/^VmRSS:[[:space:]]+([0-9]+) kB/\1/p' "/proc/$vpid/status" 2> /dev/null)
	[ -n "$rss" ] || break
	echo "$now $rss" >> "$dir/rss"
	if [ -z "$reloaded" ] && [ "$now" -ge $((SECS / 2)) ]; then
		nginx -c "$dir/nginx.conf" -s reload
		reloaded=1
		sleep 2
		new_workers=$(pgrep -P "$(cat "$dir/nginx.pid")" | sort | tr '\n' ' ')
	fi
	sleep 10
done
wait "$wrk_pid"
wrk_pid=
kill -INT "$vpid"
wait "$vpid"
vst=$?
vpid=

echo "soak: $SECS s of wrk against nginx (2 workers), reload at $((SECS / 2)) s"
grep -E 'Requests/sec|requests in' "$dir/wrk.out"
echo "soak: vltrace RSS (s kB): $(tr '\n' ' ' < "$dir/rss")"
ls -l "$dir/soak.vlt"
check "vltrace stopped on SIGINT without crashing (exit $vst)" [ "$vst" = 130 ]
half=$((SECS / 2))
first=$(awk -v h="$half" '$1 < h && $2 > m { m = $2 } END { print m + 0 }' "$dir/rss")
second=$(awk -v h="$half" '$1 >= h && $2 > m { m = $2 } END { print m + 0 }' "$dir/rss")
check "RSS flat: largest in the second half $second kB, first half $first kB (slack $SLACK kB)" \
	[ "$second" -le $((first + SLACK)) ]
"$VLTRACE" -R "$dir/soak.vlt" -c -o "$dir/summary" 2> "$dir/read.err"
rst=$?
check "the file reads back (exit $rst)" [ "$rst" = 0 ]
check "... without a warning" bash -c "! grep -v 'records lost' '$dir/read.err' | grep -q ."
tail -n 3 "$dir/summary"
reported=$(sed -nE 's/^vltrace: warning: ([0-9]+) records lost .*/\1/p' "$dir/vltrace.err")
footer=$(sed -nE 's/^vltrace: warning: ([0-9]+) records lost .*/\1/p' "$dir/read.err")
notes=$("$VLTRACE" -R "$dir/soak.vlt" --format=json -e trace=none -o /dev/stdout 2> /dev/null |
	python3 -c 'import json, sys; print(sum(json.loads(l).get("count", 0) for l in sys.stdin if "\"lost\"" in l))')
echo "soak: lost reported ${reported:-0}, in the footer ${footer:-0}, in the notes ${notes:-0}"
check "every lost record is in the footer (stderr ${reported:-0} = footer ${footer:-0})" \
	[ "${reported:-0}" = "${footer:-0}" ]
check "... and in the in-band notes (footer ${footer:-0} = notes ${notes:-0})" \
	[ "${footer:-0}" = "${notes:-0}" ]
for w in $new_workers; do
	check "new worker $w (after the reload) is in the trace" \
		bash -c "'$VLTRACE' -R '$dir/soak.vlt' -f -o /dev/stdout 2>/dev/null | grep -q '^$w '"
done
echo "soak: files in $dir"
exit "$fail"
