# SPDX-License-Identifier: LGPL-2.1-or-later
# Shared by the integration tests (sourced).  They trace real processes and need
# root (or CAP_BPF + CAP_PERFMON) and a kernel with BTF: without them a test exits
# 77 (skip), unless VLTRACE_REQUIRE_BPF=1, where it fails (exit 99) instead, so CI
# can never pass by skipping.

: "${VLTRACE:?VLTRACE must name the vltrace binary (make check sets it)}"
: "${TESTS_BUILDDIR:?}"
: "${TESTS_SRCDIR:?}"

HELPERS="$TESTS_BUILDDIR/integration"
T=$(mktemp -d /tmp/vltrace-test.XXXXXX)
trap 'rm -rf "$T"' EXIT

skip_or_fail() {
	if [ "${VLTRACE_REQUIRE_BPF:-0}" = 1 ]; then
		echo "FAIL (VLTRACE_REQUIRE_BPF=1 forbids skipping): $*" >&2
		exit 99
	fi
	echo "SKIP: $*" >&2
	exit 77
}

require_bpf() {
	[ "$(id -u)" = 0 ] || skip_or_fail "not root"
	[ -r /sys/kernel/btf/vmlinux ] || skip_or_fail "kernel without BTF"
	if ! mountpoint -q /sys/kernel/tracing 2>/dev/null && [ -d /sys/kernel/tracing ]; then
		mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null || true
	fi
	"$VLTRACE" -q -o /dev/null -- /bin/true ||
		skip_or_fail "vltrace cannot trace here: $("$VLTRACE" -o /dev/null -- /bin/true 2>&1 | head -1)"
}

require_cmd() {
	command -v "$1" >/dev/null 2>&1 || skip_or_fail "$1 is not installed"
}

n_fail=0
n_pass=0
pass() { n_pass=$((n_pass + 1)); echo "ok - $*"; }
fail() { n_fail=$((n_fail + 1)); echo "not ok - $*"; }
check() {
	# check DESCRIPTION COMMAND...: pass when COMMAND succeeds
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}
# Show a file in the log, indented, when a check about it failed.
show() {
	echo "---- $1 ----"
	sed -n '1,80p' "$1" | sed 's/^/    /'
}
finish() {
	echo "$n_pass passed, $n_fail failed"
	[ "$n_fail" = 0 ]
	exit $?
}
