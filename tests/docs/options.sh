#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The man page documents every option that vltrace --help lists, and documents
# no option that --help does not list; a long option given without its argument
# (or with one it does not take) is named in the error.  Needs no privileges.
#
# The man page's options are the terms of the definition lists in its OPTIONS
# section: the line after each .TP in the page pandoc built (docs/vltrace.1 in
# the build tree), or, when pandoc is missing, the term lines of
# docs/vltrace.1.md, which start with "**-".  The built page must also format
# without groff warnings.

: "${VLTRACE:?VLTRACE must name the vltrace binary (make check sets it)}"
: "${TESTS_BUILDDIR:?}"
: "${TESTS_SRCDIR:?}"

page="$TESTS_BUILDDIR/../docs/vltrace.1"
# a build from the release tarball finds the page shipped in the source tree
[ -f "$page" ] || page="$TESTS_SRCDIR/../docs/vltrace.1"
md="$TESTS_SRCDIR/../docs/vltrace.1.md"
T=$(mktemp -d /tmp/vltrace-docs.XXXXXX) || exit 99
trap 'rm -rf "$T"' EXIT
status=0

# Option names where an option can start a word: -x, -xx, --long-name.
option_names() {
	grep -oE '(^|[][[:space:](,|])--?[A-Za-z][A-Za-z0-9-]*' | sed 's/^[^-]*//' | LC_ALL=C sort -u
}

if ! "$VLTRACE" --help > "$T/help.txt"; then
	echo "FAIL: vltrace --help exited with status $?"
	exit 1
fi
option_names < "$T/help.txt" > "$T/help.opts"
if ! grep -qx -e '--help' "$T/help.opts"; then
	echo "FAIL: no options found in vltrace --help (is the extraction broken?)"
	cat "$T/help.txt"
	exit 99
fi

if [ -f "$page" ]; then
	src="$page"
	awk '/^\.SH/ { in_opts = ($0 ~ /^\.SH "?OPTIONS"?$/); tp = 0; next }
	     in_opts && tp { print; tp = 0; next }
	     /^\.TP/ { tp = 1 }' "$page" |
		sed -e 's/\\f\[[A-Z]*\]//g' -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\&//g' > "$T/terms"
else
	src="$md"
	echo "note: $page is not built (no pandoc?): reading $md"
	awk '/^# / { in_opts = ($0 == "# OPTIONS"); next }
	     in_opts && /^\*\*-/ { print }' "$md" | sed -e 's/[*\\]//g' > "$T/terms"
fi
option_names < "$T/terms" > "$T/man.opts"

LC_ALL=C comm -23 "$T/help.opts" "$T/man.opts" > "$T/missing"
LC_ALL=C comm -13 "$T/help.opts" "$T/man.opts" > "$T/extra"
if [ -s "$T/missing" ]; then
	echo "FAIL: options in vltrace --help that the OPTIONS section of $src does not document:"
	sed 's/^/  /' "$T/missing"
	status=1
fi
if [ -s "$T/extra" ]; then
	echo "FAIL: options documented in $src that vltrace --help does not list:"
	sed 's/^/  /' "$T/extra"
	status=1
fi
[ "$status" = 0 ] && echo "ok - all $(wc -l < "$T/help.opts") options of --help are documented, and no others"

# Every long option given without its argument, or with one it does not take, is
# named in getopt's words (not as a control character): the long options that
# start a line of --help followed by one space (or '=') and a word take an
# argument; those followed by '[=' take one or not, and are left out.
sed -nE 's/^ +(-[A-Za-z], +)?(--[a-z][a-z0-9-]*)[ =][^ ].*/\2/p' "$T/help.txt" |
	LC_ALL=C sort -u > "$T/with-arg"
sed -nE 's/^ +(-[A-Za-z], +)?(--[a-z][a-z0-9-]*)\[=.*/\2/p' "$T/help.txt" |
	LC_ALL=C sort -u > "$T/optional"
grep -x -e '--[a-z].*' "$T/help.opts" | LC_ALL=C comm -23 - "$T/with-arg" |
	LC_ALL=C comm -23 - "$T/optional" > "$T/no-arg"
if [ ! -s "$T/with-arg" ] || [ ! -s "$T/no-arg" ]; then
	echo "FAIL: cannot tell the long options with an argument from the others in --help"
	exit 99
fi
nbad=0
while read -r opt; do
	timeout 10 "$VLTRACE" "$opt" > "$T/out" 2> "$T/err" < /dev/null
	st=$?
	if [ "$st" != 1 ] || [ -s "$T/out" ] ||
		[ "$(cat "$T/err")" != "vltrace: option '$opt' requires an argument: see vltrace --help" ]; then
		echo "FAIL: vltrace $opt (no argument) exits $st and says: $(cat "$T/err")"
		nbad=$((nbad + 1))
	fi
done < "$T/with-arg"
while read -r opt; do
	timeout 10 "$VLTRACE" "$opt=1" > "$T/out" 2> "$T/err" < /dev/null
	st=$?
	if [ "$st" != 1 ] || [ -s "$T/out" ] ||
		[ "$(cat "$T/err")" != "vltrace: option '$opt' doesn't allow an argument: see vltrace --help" ]; then
		echo "FAIL: vltrace $opt=1 exits $st and says: $(cat "$T/err")"
		nbad=$((nbad + 1))
	fi
done < "$T/no-arg"
if [ "$nbad" = 0 ]; then
	echo "ok - $(wc -l < "$T/with-arg") long options without their argument and" \
		"$(wc -l < "$T/no-arg") with one they do not take are named"
else
	status=1
fi

if [ -f "$page" ] && command -v groff > /dev/null 2>&1; then
	groff -man -ww -z "$page" > "$T/groff" 2>&1
	if [ -s "$T/groff" ]; then
		echo "FAIL: groff warns about $page:"
		sed 's/^/  /' "$T/groff"
		status=1
	else
		echo "ok - $page formats without groff warnings"
	fi
fi
exit $status
