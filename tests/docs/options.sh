#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The man page documents every option that vltrace --help lists, and documents
# no option that --help does not list.  Needs no privileges.
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
