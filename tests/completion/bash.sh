#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The bash completion, sourced with bash-completion as an interactive shell would:
# each word below must complete to what a user expects.  Needs no privileges.
: "${VLTRACE:?VLTRACE must name the vltrace binary (make check sets it)}"
: "${TESTS_BUILDDIR:?}"

bc=/usr/share/bash-completion/bash_completion
comp="$TESTS_BUILDDIR/../completion/vltrace"
[ -f "$bc" ] || { echo "SKIP: bash-completion is not installed"; exit 77; }
[ -f "$comp" ] || { echo "FAIL: $comp is not built"; exit 99; }
# shellcheck disable=SC1090
. "$bc" && . "$comp" || { echo "FAIL: sourcing $comp failed"; exit 99; }

T=$(mktemp -d /tmp/vltrace-completion.XXXXXX) || exit 99
trap 'rm -rf "$T"' EXIT
status=0
n=0

# complete WORD...: completes the last word of the line "vltrace WORD..."
complete_line() {
	COMP_WORDS=("$VLTRACE" "$@")
	COMP_CWORD=$(($# ))
	COMP_LINE="${COMP_WORDS[*]}"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_vltrace "$VLTRACE" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
}

# expect "WHAT" "WANTED (one line a candidate)" WORD...
expect() {
	local what=$1 want=$2 got
	shift 2
	n=$((n + 1))
	got=$(complete_line "$@")
	if [ "$got" = "$want" ]; then
		echo "ok $n - $what"
	else
		echo "not ok $n - $what: 'vltrace $*' completed to:"
		printf '%s\n' "$got" | sed 's/^/#   /'
		echo "# wanted:"
		printf '%s\n' "$want" | sed 's/^/#   /'
		status=1
	fi
}

# contains "WHAT" CANDIDATE WORD...: CANDIDATE is one of the completions
contains() {
	local what=$1 want=$2
	shift 2
	n=$((n + 1))
	if complete_line "$@" | grep -qxF -- "$want"; then
		echo "ok $n - $what"
	else
		echo "not ok $n - $what: '$want' is not among the completions of 'vltrace $*'"
		status=1
	fi
}

expect "long options from --help" "$(printf '%s\n' --summary-by --summary-columns --summary-only \
	--summary-sort-by --summary-syscall-overhead --summary-wall-clock | LC_ALL=C sort)" --summary-
contains "short options too" -p -
expect "syscall names after -e trace=" "$(printf 'trace=openat\ntrace=openat2\n')" -e trace=opena
expect "a list goes on after a comma" "$(printf 'trace=read,write\ntrace=read,writev\n')" \
	-e trace=read,writ
expect "classes after -e trace=%" "$(printf 'trace=%%net\ntrace=%%network\n')" -e trace=%ne
expect "exclusions keep their !" "trace=!close_range" -e 'trace=!close_r'
expect "status= words" "status=successful" -e status=succ
expect "qualifiers after -e" "$(printf 'quiet=\nraw=\nread=\nsignal=\nstatus=\ntrace=\nwrite=\n')" -e ''
expect "formats after --format" "$(printf 'chrome-json\ncsv\n')" --format c

# A process of ours, with a name of its own: its PID after -p, its name after -N.
cp /bin/sleep "$T/vtcompl" && "$T/vtcompl" 30 &
pid=$!
sleep 0.2
contains "PIDs after -p" "$pid" -p "${pid:0:1}"
contains "PIDs after a comma" "1,$pid" -p "1,${pid:0:1}"
expect "process names after -N" vtcompl -N vtcomp
kill "$pid"

# Trace files (and directories) after -R, nothing else.
mkdir "$T/d" && touch "$T/d/run.vlt" "$T/d/run.txt" && mkdir "$T/d/sub"
cd "$T/d" || exit 99
expect "-R offers .vlt files and directories" "$(printf 'run.vlt\nsub\n')" -R ''
cd / || exit 99
exit "$status"
