#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# bench/format-sizes.sh: bytes per call of each output format, on a real workload.
# nginx with two workers serves a small file on loopback under wrk for
# FORMAT_SECONDS (default 5) while vltrace -f -N nginx writes a trace file; the
# file is then rendered in every format with -R, and each output's size is divided
# by the calls counted by -R -c.  Sizes, not times: the machine's load changes how
# many calls there are, not what each one costs in bytes.  Needs root, nginx, wrk.
#
# usage: bench/format-sizes.sh   (VLTRACE: the binary, default src/vltrace;
#                                 FORMAT_TMPDIR: where the files go, default /var/tmp)
set -u
export LC_ALL=C
HERE=$(cd "$(dirname "$0")" && pwd)
VLTRACE=${VLTRACE:-$HERE/../src/vltrace}
SECS=${FORMAT_SECONDS:-5}
dir=$(mktemp -d "${FORMAT_TMPDIR:-/var/tmp}/vltrace-sizes.XXXXXX") || exit 1
port=$((20000 + RANDOM % 30000))
ngx=
vt=
cleanup() {
	[ -z "$vt" ] || kill -INT "$vt" 2>/dev/null
	[ -z "$ngx" ] || kill -QUIT "$ngx" 2>/dev/null
	wait
	rm -rf "$dir"
}
trap cleanup EXIT

mkdir -p "$dir/www"
head -c 612 /dev/zero | tr '\0' 'x' > "$dir/www/index.html"
chmod -R a+rX "$dir"
sed -e "s|@DIR@|$dir|g" -e "s|@PORT@|$port|g" -e 's/worker_processes 1;/worker_processes 2;/' \
	"$HERE/nginx/nginx.conf.in" > "$dir/nginx.conf"
nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
ngx=$!
for _ in $(seq 50); do [ -s "$dir/nginx.pid" ] && break; sleep 0.1; done
[ -s "$dir/nginx.pid" ] || { echo "format-sizes: nginx did not start" >&2; exit 1; }

"$VLTRACE" -q -f -N nginx -W "$dir/t.vlt" &
vt=$!
sleep 1
wrk -t1 -c10 -d"${SECS}s" "http://127.0.0.1:$port/index.html" > "$dir/wrk.out"
kill -INT "$vt"
wait "$vt"
vt=

"$VLTRACE" -R "$dir/t.vlt" -c -o "$dir/summary"
calls=$(awk '$NF == "total" { print $4 }' "$dir/summary")
echo "nginx, 2 workers, wrk -t1 -c10 -d${SECS}s: $calls calls ($(sed -n 's/^Requests\/sec: *//p' "$dir/wrk.out") requests/s)"
printf '%-12s %14s %10s\n' format bytes bytes/call
size() { awk -v f="$1" -v b="$2" -v c="$calls" 'BEGIN { printf "%-12s %14d %10.1f\n", f, b, b / c }'; }
size ".vlt (-W)" "$(stat -c %s "$dir/t.vlt")"
for f in json chrome-json perfetto csv tsv; do
	"$VLTRACE" -R "$dir/t.vlt" --format=$f -o "$dir/out.$f" || exit 1
	size "$f" "$(stat -c %s "$dir/out.$f")"
	[ -n "${FORMAT_KEEP:-}" ] || rm -f "$dir/out.$f"
done
[ -z "${FORMAT_KEEP:-}" ] || { trap - EXIT; kill -QUIT "$ngx"; echo "files kept in $dir"; }
