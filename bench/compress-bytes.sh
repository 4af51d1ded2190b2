#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Bytes on disk per traced call with -W, zstd (the default) and raw blocks side by
# side: one nginx worker (bench/nginx) under wrk -t1 -c10 for 3 s per run, vltrace
# attached with -p, the variants alternating over ROUNDS rounds.  The figures come
# from vltrace's closing line (calls, bytes written).  Needs root, nginx and wrk.
#   VLTRACE   the binary (default: the build's src/vltrace)
#   ROUNDS    rounds (default 2);  PORT  nginx's port on 127.0.0.1 (default 18683)
set -u
here=$(cd "$(dirname "$0")" && pwd)
V=${VLTRACE:-$here/../src/vltrace}
rounds=${ROUNDS:-2}
port=${PORT:-18683}
dir=$(mktemp -d /tmp/vltrace-bytes.XXXXXX)
chmod 755 "$dir"
mkdir -p "$dir/www"
chmod 755 "$dir/www"
for i in $(seq 12); do
	echo "<p>vltrace benchmark page: a small static file served on loopback.</p>"
done > "$dir/www/index.html"
chmod 644 "$dir/www/index.html"
sed -e "s|@DIR@|$dir|g" -e "s|@PORT@|$port|g" "$here/nginx/nginx.conf.in" > "$dir/nginx.conf"
nginx -c "$dir/nginx.conf" -p "$dir/" -e "$dir/error.log" < /dev/null > "$dir/stdout" 2>&1 &
srv=$!
trap 'kill "$srv" 2> /dev/null; wait "$srv" 2> /dev/null; rm -rf "$dir"' EXIT
sleep 1
workers=$(pgrep -P "$srv" | tr '\n' ' ')
[ -n "$workers" ] || { echo "compress-bytes: nginx did not start: $(cat "$dir/error.log")"; exit 1; }
for round in $(seq "$rounds"); do
	for c in zstd none; do
		"$V" -p "$workers" --compress=$c -W "$dir/t.vlt" 2> "$dir/err" &
		t=$!
		sleep 1
		wrk -t1 -c10 -d3s "http://127.0.0.1:$port/index.html" > "$dir/wrk" 2>&1
		kill -INT "$t"
		wait "$t"
		line=$(grep ' calls, ' "$dir/err")
		calls=$(echo "$line" | sed -E 's/.* ([0-9]+) calls.*/\1/')
		bytes=$(echo "$line" | sed -E 's/.* calls, ([0-9]+) bytes.*/\1/')
		rps=$(awk '/Requests\/sec/ { print $2 }' "$dir/wrk")
		printf 'round %s --compress=%-4s %9s calls %11s bytes %6.1f bytes/call %9s req/s\n' \
			"$round" "$c" "$calls" "$bytes" "$(echo "$bytes $calls" | awk '{ print $1 / $2 }')" \
			"$rps"
	done
done
