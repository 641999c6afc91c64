# SPDX-License-Identifier: Apache-2.0
# Bash completion for igreport: its commands, each command's options and
# their values, read from igreport's own --help (so they follow its one
# option table), templates (*.xml) for -t, CSV files for the operands.

# The --help of command $2 ("" for the report) of binary $1, run once per
# shell: _igreport_help_load fills the cache (in this shell, not in a
# subshell), _igreport_help prints from it.
declare -gA _igreport_help_cache
_igreport_help_load()
{
	local key="$1 $2"
	[[ -v _igreport_help_cache[$key] ]] ||
		_igreport_help_cache[$key]=$("$1" ${2:+"$2"} --help 2>/dev/null)
}

_igreport_help()
{
	_igreport_help_load "$1" "$2"
	printf '%s\n' "${_igreport_help_cache["$1 $2"]}"
}

# The commands besides the report: "       igreport NAME [OPTIONS] ..." lines.
_igreport_commands()
{
	local line re='^ +igreport ([a-z]+) \[OPTIONS\]'
	while IFS= read -r line; do
		[[ $line =~ $re ]] && printf '%s\n' "${BASH_REMATCH[1]}"
	done < <(_igreport_help "$1" "")
}

# One line per option of command $2: "-X --name ARG" ("." when it has no
# letter, nothing after the name when it takes no value).
_igreport_options()
{
	local line re='^  (-([A-Za-z0-9]), )? *--([a-z0-9-]+)( ([^ ]+))?'
	while IFS= read -r line; do
		[[ $line =~ $re ]] || continue
		printf '%s --%s %s\n' "${BASH_REMATCH[2]:+-${BASH_REMATCH[2]}}" \
		    "${BASH_REMATCH[3]}" "${BASH_REMATCH[5]}"
	done < <(_igreport_help "$1" "$2") | sed 's/^ /. /'
}

# Fills COMPREPLY with what matches $1 among the lines on standard input.
_igreport_reply()
{
	local word
	while IFS= read -r word; do
		[[ $word == "$1"* ]] && COMPREPLY+=("$word")
	done
}

# Files ending in $2 (and directories, to walk into), or any file when $2
# is empty, that start with $1.
_igreport_files()
{
	compopt -o filenames 2>/dev/null
	if [[ -z $2 ]]; then
		mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -f -- "$1")
		return
	fi
	mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -f -X "!*$2" -- "$1")
	mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -d -- "$1")
}

# The values of an option whose --help argument is $1, starting with $2.
_igreport_values()
{
	case $1 in
	*"|"*) _igreport_reply "$2" <<<"${1//|/$'\n'}" ;;
	FILE) _igreport_files "$2" .xml ;;
	PATH) _igreport_files "$2" "" ;;
	esac
}

# The --help argument of option $3 of command $2 ("" when it takes none).
_igreport_option_arg()
{
	local letter name arg
	while read -r letter name arg; do
		if [[ $3 == "$name" || $3 == "$letter" ]]; then
			printf '%s\n' "$arg"
			return
		fi
	done < <(_igreport_options "$1" "$2")
}

_igreport()
{
	local bin=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} cmd="" word arg
	local prev=""
	COMPREPLY=()
	[[ $bin == "~/"* ]] && bin=$HOME/${bin#"~/"}
	# --opt=VALUE: bash splits it into --opt, = and VALUE.
	if [[ $cur == "=" ]]; then
		prev=${COMP_WORDS[COMP_CWORD - 1]} cur=""
	elif ((COMP_CWORD > 1)) && [[ ${COMP_WORDS[COMP_CWORD - 1]} == "=" ]]; then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	_igreport_help_load "$bin" ""
	# A command is the first argument (igreport compare ...), nowhere else.
	if ((COMP_CWORD > 1)) && _igreport_commands "$bin" | grep -qxF -- "${COMP_WORDS[1]}"; then
		cmd=${COMP_WORDS[1]}
		_igreport_help_load "$bin" "$cmd"
	fi
	if [[ -z $prev ]] && ((COMP_CWORD > 1)); then
		word=${COMP_WORDS[COMP_CWORD - 1]}
		# (- alone is standard input, an operand.)
		[[ $word == -?* ]] && prev=$word
	fi
	if [[ -n $prev ]] && arg=$(_igreport_option_arg "$bin" "$cmd" "$prev") && [[ -n $arg ]]; then
		_igreport_values "$arg" "$cur"
		return 0
	fi
	if [[ $cur == -* ]]; then
		_igreport_reply "$cur" < <(_igreport_options "$bin" "$cmd" |
		    while read -r word word arg; do printf '%s\n' "$word"; done)
		return 0
	fi
	if ((COMP_CWORD == 1)); then
		_igreport_reply "$cur" < <(_igreport_commands "$bin")
	fi
	_igreport_files "$cur" .csv
	return 0
}

complete -F _igreport igreport
