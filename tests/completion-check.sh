#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Sources the bash completion (argument 1) in a bash without start-up
# files, with the igreport binary (argument 2) first on PATH, and checks
# what it offers: commands, each command's options as its --help lists
# them, the values of --format and --correction, templates for -t, CSV
# files for the operands.
set -eu
completion=$(realpath "$1")
bin=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" "$tmp/work" "$tmp/work/sub"
ln -s "$bin" "$tmp/bin/igreport"
cd "$tmp/work"
touch a.xml b.csv c.txt 'd e.csv'
failed=0

# What the completion offers for the words given (the last is the one
# completed), sorted, one per line.
offered() {
	env -i HOME="$tmp" PATH="$tmp/bin:/usr/bin:/bin" bash --norc --noprofile -c '
		source "$1" || exit 1
		shift
		complete -p igreport >/dev/null || exit 1
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_igreport
		printf "%s\n" "${COMPREPLY[@]}"' sh "$completion" "$@" | LC_ALL=C sort
}

# expect "EXPECTED, one per line" WORD... (the last word is completed)
expect() {
	local want=$1 got
	shift
	got=$(offered "$@")
	if [ "$got" != "$want" ]; then
		echo "completion-check: for '$*': expected" >&2
		printf '%s\n' "$want" | sed 's/^/  /' >&2
		echo "got" >&2
		printf '%s\n' "$got" | sed 's/^/  /' >&2
		failed=1
	fi
}

# The lines of $1 (sorted) that are not in $2.
lacking() { LC_ALL=C comm -23 <(printf '%s\n' "$1" | LC_ALL=C sort) <(printf '%s\n' "$2"); }

# A command's long options as its --help lists them.
help_options() { igreport_help "$@" | grep -oE '^  (-[A-Za-z0-9], )? *--[a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+' | LC_ALL=C sort; }
igreport_help() { "$bin" "$@" --help; }
commands=$(igreport_help | sed -nE 's/^ +igreport ([a-z]+) \[OPTIONS\].*/\1/p' | LC_ALL=C sort)
[ -n "$commands" ] || { echo "completion-check: igreport --help names no command" >&2; exit 1; }

# The first argument: a command or a CSV file (directories to walk into).
expect "$(printf '%s\n' $commands b.csv 'd e.csv' sub | LC_ALL=C sort)" igreport ""
expect "compare" igreport co
for c in $commands; do
	expect "$c" igreport ${c%?}
	expect "$(help_options "$c")" igreport $c --
	# Operands of a command: CSV files, no command again.
	expect "$(printf '%s\n' b.csv 'd e.csv' sub)" igreport $c ""
done
expect "$(help_options)" igreport --
# Each command's own options only.
report=$(offered igreport --)
compare=$(offered igreport compare --)
for o in --cpus --dump-model --gadget --format --template --output; do
	[ -z "$(lacking "$o" "$report")" ] || { echo "completion-check: igreport -- lacks $o" >&2; failed=1; }
done
for o in --alpha --threshold --correction --fail-on-regression --format --template; do
	[ -z "$(lacking "$o" "$compare")" ] || { echo "completion-check: igreport compare -- lacks $o" >&2; failed=1; }
done
for o in --cpus --dump-model --gadget; do
	! printf '%s\n' "$compare" | grep -qx -- "$o" || { echo "completion-check: compare offers $o" >&2; failed=1; }
done

# --format's values, however the option is spelt, and as its --help lists them.
formats=$(igreport_help | sed -nE 's/^  -f, --format ([^ ]+)( .*)?$/\1/p' | tr '|' '\n' | LC_ALL=C sort)
[ -z "$(lacking "$(printf '%s\n' pdf svg md html all)" "$formats")" ] ||
	{ echo "completion-check: --help's formats lack one of pdf svg md html all: $formats" >&2; failed=1; }
expect "$formats" igreport --format ""
expect "$formats" igreport -f ""
expect "$formats" igreport --format = ""
expect "html" igreport -f h
expect "svg" igreport compare -f s
expect "$(printf '%s\n' bh holm none)" igreport compare --correction ""
# Templates: XML files and directories; an output: any file.
expect "$(printf '%s\n' a.xml sub)" igreport -t ""
expect "$(printf '%s\n' a.xml sub)" igreport compare --template = ""
expect "$(printf '%s\n' a.xml b.csv c.txt 'd e.csv' sub)" igreport -o ""
# After an option's value, operands again; after an option without one too.
expect "$(printf '%s\n' b.csv 'd e.csv' sub)" igreport -f pdf ""
expect "b.csv" igreport --dump-model b
# - (standard input) is an operand, not an option taking a value.
expect "$(printf '%s\n' b.csv 'd e.csv' sub)" igreport - ""
# A value that is not completed (a title) offers nothing.
expect "" igreport --title ""
[ "$failed" -eq 0 ] || exit 1
echo "completion-check: commands, options, formats, templates and files completed"

