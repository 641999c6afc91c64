#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The logic of the igreport GitHub Action (action.yml), runnable on its own:
#   igreport-action.sh key    the cache key (igreport's commit) and install prefix
#   igreport-action.sh deps   installs the build packages that are missing
#   igreport-action.sh build  builds igreport and installs it into the prefix
#   igreport-action.sh run    compares (or trends) the CSVs: the Markdown into
#                             $GITHUB_STEP_SUMMARY and one sticky pull-request
#                             comment, the PDF and HTML into the output directory
# Inputs come from the environment, as action.yml sets them:
#   INPUT_CSV                 the CSV files, blank- or newline-separated (globs
#                             expanded, in order: OLD NEW for compare)
#   INPUT_COMMAND             compare or trend; empty: compare for two files,
#                             trend for more
#   INPUT_TITLE, INPUT_ARGS   --title, and more igreport options (split at blanks)
#   INPUT_MAX_CHARS           the Markdown's --max-chars (65000)
#   INPUT_FAIL_ON_REGRESSION  true: exit 4 when igreport finds a regression
#   INPUT_COMMENT             false: no pull-request comment
#   INPUT_COMMENT_ID          tells apart the comments of several uses in one PR
#   INPUT_PULL_REQUEST        the pull request's number; empty: no comment
#   INPUT_OUTPUT_DIR          where the outputs go ($RUNNER_TEMP/igreport-report)
#   INPUT_ARTIFACT_NAME       named in the footer of the comment and summary
#   IGREPORT_PREFIX           the install prefix ($RUNNER_TEMP/igreport)
#   IGREPORT_BIN              the igreport to run (default PREFIX/bin/igreport)
# and GitHub's own GITHUB_REPOSITORY, GITHUB_SERVER_URL, GITHUB_RUN_ID,
# GITHUB_STEP_SUMMARY, GITHUB_OUTPUT; gh reads its token from GH_TOKEN.
# Exit status: 0, 1 for a bad input, igreport's own status when it failed,
# 4 for a regression when INPUT_FAIL_ON_REGRESSION is true.
set -u

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
prefix=${IGREPORT_PREFIX:-${RUNNER_TEMP:-/tmp}/igreport}

die() {
	echo "igreport-action: $*" >&2
	exit 1
}

# Appends NAME=VALUE to $GITHUB_OUTPUT, when there is one.
output() {
	[ -n "${GITHUB_OUTPUT:-}" ] && printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
	return 0
}

# true or false (or empty: $2) in $1; anything else is an error.
boolean() {
	case "${1:-$2}" in
	true | false) echo "${1:-$2}" ;;
	*) die "'$1' is not true or false" ;;
	esac
}

# The commit igreport is built from: the checkout's, the action's ref when
# it is a commit, else a hash of the sources (an action is fetched without .git).
source_version() {
	if v=$(git -C "$src" rev-parse HEAD 2>/dev/null); then
		echo "$v"
	elif printf '%s\n' "${GITHUB_ACTION_REF:-}" | grep -Eqx '[0-9a-f]{40}'; then
		echo "$GITHUB_ACTION_REF"
	else
		(cd "$src" && find Makefile src templates fonts -type f | LC_ALL=C sort |
			xargs sha256sum | sha256sum | cut -c1-40)
	fi
}

cmd_key() {
	os=unknown
	[ -r /etc/os-release ] && os=$(. /etc/os-release && echo "$ID-${VERSION_ID:-}")
	key="igreport-$os-$(uname -m)-$(source_version)"
	echo "$key"
	output key "$key"
	output prefix "$prefix"
}

# The packages of scripts/debian-packages.txt that building needs: those
# above its "# For the tests" line.
build_packages() {
	sed -n '/^# For the tests/q; /^#/d; /./p' "$src/scripts/debian-packages.txt"
}

cmd_deps() {
	missing=""
	for pkg in $(build_packages); do
		case $(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null) in
		*" installed") ;;
		*) missing="$missing $pkg" ;;
		esac
	done
	command -v gh >/dev/null 2>&1 || missing="$missing gh"
	[ -z "$missing" ] && return 0
	command -v apt-get >/dev/null 2>&1 ||
		die "needs an Ubuntu or Debian runner (apt-get) for:$missing"
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	echo "igreport-action: installing:$missing" >&2
	# shellcheck disable=SC2086
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $missing
}

cmd_build() {
	work=${RUNNER_TEMP:-/tmp}/igreport-build
	jobs=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
	make -C "$src" -j "$jobs" BUILD="$work" PREFIX="$prefix" install >&2
}

# Where the PDF and HTML are: the run's artifact.
footer() {
	[ -n "${GITHUB_RUN_ID:-}" ] || return 0
	url="${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY:-}/actions/runs/$GITHUB_RUN_ID"
	name=$(printf '%s' "${INPUT_ARTIFACT_NAME:-igreport-report}" | tr -d '`')
	printf '\n---\n\nThe PDF and HTML reports are the artifact `%s` of [run %s](%s).\n' \
		"$name" "$GITHUB_RUN_ID" "$url"
}

# Creates or updates (PATCH, same id) the one comment of pull request $1
# that starts with marker $2, with the body in file $3. A comment that
# cannot be written (a read-only token on a fork's PR) is a warning.
sticky_comment() {
	repo=${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}
	ids=$(gh api --paginate "repos/$repo/issues/$1/comments?per_page=100" \
		--jq ".[] | select(.body | startswith(\"$2\")) | .id") || {
		echo "::warning::igreport: cannot list the comments of pull request #$1"
		return 0
	}
	id=$(printf '%s\n' "$ids" | sed -n '/^[0-9][0-9]*$/{p;q;}')
	if [ -n "$id" ]; then
		gh api --method PATCH "repos/$repo/issues/comments/$id" \
			-F "body=@$3" >/dev/null && output comment-id "$id" && return 0
	else
		id=$(gh api --method POST "repos/$repo/issues/$1/comments" \
			-F "body=@$3" --jq .id) && output comment-id "$id" && return 0
	fi
	echo "::warning::igreport: cannot write the comment on pull request #$1"
}

# compare or trend for n files, as asked.
pick_command() {
	case "${INPUT_COMMAND:-}" in
	"") [ "$1" -gt 2 ] && echo trend || echo compare ;;
	compare | trend) echo "$INPUT_COMMAND" ;;
	*) die "command must be compare or trend: '$INPUT_COMMAND'" ;;
	esac
}

cmd_run() {
	bin=${IGREPORT_BIN:-$prefix/bin/igreport}
	out=${INPUT_OUTPUT_DIR:-${RUNNER_TEMP:-/tmp}/igreport-report}
	fail=$(boolean "${INPUT_FAIL_ON_REGRESSION:-}" false) || exit 1
	comment=$(boolean "${INPUT_COMMENT:-}" true) || exit 1
	max=${INPUT_MAX_CHARS:-65000}
	marker_id=$(printf '%s' "${INPUT_COMMENT_ID:-igreport}" | tr -c 'A-Za-z0-9._-' '_')
	marker="<!-- igreport-action:$marker_id -->"
	[ -x "$bin" ] || die "no igreport at $bin (run 'build' first)"
	[ -n "${INPUT_CSV:-}" ] || die "no CSV files given (input csv)"
	# Split at blanks and newlines, globs expanded: names with blanks need a glob.
	# shellcheck disable=SC2086
	set -- $INPUT_CSV
	cmd=$(pick_command $#) || exit 1
	case $cmd in
	compare) [ $# -eq 2 ] || die "compare takes two CSV files, OLD and NEW; $# given" ;;
	trend) "$bin" --help | grep -q '^ *igreport trend ' ||
		die "this igreport has no trend command" ;;
	esac
	if [ "$fail" = true ]; then
		set -- --fail-on-regression -- "$@"
	else
		set -- -- "$@"
	fi
	[ -n "${INPUT_TITLE:-}" ] && set -- --title "$INPUT_TITLE" "$@"
	# shellcheck disable=SC2086
	"$bin" "$cmd" -f all -o "$out" --max-chars "$max" ${INPUT_ARGS:-} "$@"
	status=$?
	output status "$status"
	case $status in
	0 | 4) ;;
	*) echo "::error::igreport $cmd failed with exit status $status"
	   [ -n "${GITHUB_STEP_SUMMARY:-}" ] && printf '**igreport %s failed with exit status %s** (its messages are in the log).\n' \
		"$cmd" "$status" >>"$GITHUB_STEP_SUMMARY"
	   exit "$status" ;;
	esac
	output dir "$out"
	md="$out/$cmd.md"
	output markdown "$md"
	if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
		{ cat "$md"; footer; } >>"$GITHUB_STEP_SUMMARY"
	fi
	if [ "$comment" = true ] && [ -n "${INPUT_PULL_REQUEST:-}" ]; then
		body=$(mktemp)
		{ echo "$marker"; cat "$md"; footer; } >"$body"
		sticky_comment "$INPUT_PULL_REQUEST" "$marker" "$body"
		rm -f "$body"
	fi
	if [ "$status" = 4 ]; then
		echo "::error::igreport: regressions found (see the job summary)"
		exit 4
	fi
	exit 0
}

case "${1:-}" in
key) cmd_key ;;
deps) cmd_deps ;;
build) cmd_build ;;
run) cmd_run ;;
*) die "usage: igreport-action.sh key|deps|build|run" ;;
esac
