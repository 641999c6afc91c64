#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The GitHub Action's script (contrib/github/igreport-action.sh) run here as
# the action runs it, with a fake $GITHUB_STEP_SUMMARY and $GITHUB_OUTPUT,
# the gh stub of this directory on PATH (it records its arguments and plays
# the comments API on a JSON file) and the e2e inputs; then action.yml and
# the example workflow read with a YAML library (check_yaml.py).
# usage: run.sh PATH/TO/igreport
set -u
bin=${1:?usage: run.sh PATH/TO/igreport}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
action="$src/contrib/github/igreport-action.sh"
e2e="$src/tests/e2e"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
cp "$here/gh" "$tmp/bin/gh"
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL action: $*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }

# A fresh "job": summary, outputs, comments (two that are not ours), log.
job() {
	rm -rf "$tmp/job"
	mkdir "$tmp/job"
	: >"$tmp/job/summary"
	: >"$tmp/job/output"
	: >"$tmp/job/gh.log"
	cat >"$tmp/job/comments.json" <<-'EOF'
	[{"id": 11, "user": {"login": "someone"}, "body": "LGTM"},
	 {"id": 12, "user": {"login": "github-actions[bot]"},
	  "body": "<!-- igreport-action:other -->\nanother use's comment"}]
	EOF
}

# Runs the action's "run" with the environment action.yml gives it; $@ are
# more VAR=value settings. The exit status is in $status.
action_run() {
	env PATH="$tmp/bin:$PATH" GH_LOG="$tmp/job/gh.log" \
		GH_COMMENTS="$tmp/job/comments.json" \
		GITHUB_STEP_SUMMARY="$tmp/job/summary" GITHUB_OUTPUT="$tmp/job/output" \
		GITHUB_REPOSITORY=owner/repo GITHUB_SERVER_URL=https://github.example \
		GITHUB_RUN_ID=42 RUNNER_TEMP="$tmp/job" IGREPORT_BIN="$bin" \
		IGREPORT_DATADIR="$src" SOURCE_DATE_EPOCH=1700000000 \
		INPUT_PULL_REQUEST=7 INPUT_OUTPUT_DIR="$tmp/job/out" "$@" \
		sh "$action" run >"$tmp/job/stdout" 2>"$tmp/job/stderr"
	status=$?
}

same="INPUT_CSV=$e2e/compare-same-distribution/old.csv $e2e/compare-same-distribution/new.csv"
worse="INPUT_CSV=$e2e/compare-igcpu-regression/old.csv $e2e/compare-igcpu-regression/new.csv"
calls() { grep -c '^--$' "$tmp/job/gh.log"; }
ours() { jq -r '.[] | select(.id == 1001) | .body' "$tmp/job/comments.json"; }

# --- The first run creates the comment, the second updates it ---------------
job
action_run "$same"
check "first run: status 0 ($status: $(cat "$tmp/job/stderr"))" '[ $status = 0 ]'
check "first run: the summary is the Markdown" \
	'head -c "$(wc -c <"$tmp/job/out/compare.md")" "$tmp/job/summary" | cmp -s - "$tmp/job/out/compare.md"'
check "first run: the summary names the artifact and the run" \
	'grep -qF "artifact \`igreport-report\` of [run 42](https://github.example/owner/repo/actions/runs/42)" "$tmp/job/summary"'
check "first run: a listing, then one POST" \
	'[ "$(calls)" = 2 ] && grep -qx POST "$tmp/job/gh.log" && ! grep -qx PATCH "$tmp/job/gh.log"'
check "first run: POST to the pull request's comments" \
	'grep -qx "repos/owner/repo/issues/7/comments" "$tmp/job/gh.log"'
check "first run: the comment starts with the marker, then the Markdown" \
	'[ "$(ours | head -n 1)" = "<!-- igreport-action:igreport -->" ] &&
	 ours | sed 1d | head -c "$(wc -c <"$tmp/job/out/compare.md")" | cmp -s - "$tmp/job/out/compare.md"'
check "first run: outputs dir, markdown, status and comment-id" \
	'grep -qx "status=0" "$tmp/job/output" && grep -qx "comment-id=1001" "$tmp/job/output" &&
	 grep -qx "markdown=$tmp/job/out/compare.md" "$tmp/job/output" && grep -qx "dir=$tmp/job/out" "$tmp/job/output"'
check "first run: the PDF and HTML for the artifact" \
	'[ -s "$tmp/job/out/compare.pdf" ] && [ -s "$tmp/job/out/compare.html" ]'
: >"$tmp/job/gh.log"
action_run "$worse" INPUT_TITLE="Second push"
check "second run: status 0 without fail-on-regression ($status)" '[ $status = 0 ]'
check "second run: a PATCH of the same comment, no new one" \
	'[ "$(calls)" = 2 ] && grep -qx PATCH "$tmp/job/gh.log" && ! grep -qx POST "$tmp/job/gh.log" &&
	 grep -qx "repos/owner/repo/issues/comments/1001" "$tmp/job/gh.log"'
check "second run: the comment holds the new Markdown" \
	'ours | grep -q "^# Second push" && [ "$(jq length "$tmp/job/comments.json")" = 3 ]'
check "second run: the other comments are untouched" \
	'[ "$(jq -r ".[0].body" "$tmp/job/comments.json")" = LGTM ] &&
	 jq -r ".[1].body" "$tmp/job/comments.json" | grep -q "^another use"'

# --- The regression gate, only when asked ------------------------------------
: >"$tmp/job/gh.log"
action_run "$worse" INPUT_FAIL_ON_REGRESSION=true
check "gate: exit status 4 on a regression when asked ($status)" '[ $status = 4 ]'
check "gate: the comment is updated before failing" \
	'grep -qx PATCH "$tmp/job/gh.log" && grep -qx "status=4" "$tmp/job/output"'
check "gate: passed to igreport" 'grep -q "regressions found" "$tmp/job/stdout"'
action_run "$same" INPUT_FAIL_ON_REGRESSION=true
check "gate: status 0 without a regression ($status)" '[ $status = 0 ]'
action_run "$worse" INPUT_FAIL_ON_REGRESSION=maybe
check "gate: a value other than true or false is refused ($status)" \
	'[ $status = 1 ] && grep -q "not true or false" "$tmp/job/stderr"'

# --- When no comment is written -------------------------------------------------
job
action_run "$same" INPUT_COMMENT=false
check "comment false: no gh call, the summary still written" \
	'[ $status = 0 ] && [ "$(calls)" = 0 ] && [ -s "$tmp/job/summary" ]'
action_run "$same" INPUT_PULL_REQUEST=
check "no pull request (a release): no gh call" '[ $status = 0 ] && [ "$(calls)" = 0 ]'
action_run "$same" INPUT_COMMENT_ID=other
check "another comment-id updates its own comment (12)" \
	'grep -qx "repos/owner/repo/issues/comments/12" "$tmp/job/gh.log"'
job
action_run "$same" GH_FAIL=POST
check "a comment that cannot be written is a warning, not a failure" \
	'[ $status = 0 ] && grep -q "::warning::igreport: cannot write the comment" "$tmp/job/stdout"'

# --- Inputs -------------------------------------------------------------------
job
action_run "INPUT_CSV=$e2e/compare-same-distribution/old.csv"
check "one CSV is refused ($status)" '[ $status = 1 ] && grep -q "compare takes two" "$tmp/job/stderr"'
action_run "INPUT_CSV=$e2e/compare-same-distribution/*.csv"
check "a glob gives the files in order ($status)" \
	'[ $status = 0 ] && grep -q "NEW: old.csv" "$tmp/job/out/compare.md"'
job
action_run "INPUT_CSV=$e2e/compare-bad-new/old.csv $e2e/compare-bad-new/new.csv"
check "igreport's own failure is the step's status ($status)" \
	'[ $status = 2 ] && grep -q "::error::igreport compare failed with exit status 2" "$tmp/job/stdout" &&
	 [ "$(calls)" = 0 ] && ! grep -q "^dir=" "$tmp/job/output" &&
	 grep -qx "\*\*igreport compare failed with exit status 2\*\* (its messages are in the log)." "$tmp/job/summary"'
action_run "$same" INPUT_ARGS="--threshold 1 --correction bh" INPUT_MAX_CHARS=1500
check "args and max-chars reach igreport" \
	'[ $status = 0 ] && [ "$(wc -m <"$tmp/job/out/compare.md")" -le 1500 ] &&
	 grep -q "^\*Shortened to fit 1500 characters" "$tmp/job/out/compare.md" &&
	 grep -q "at least 1% of the OLD value" "$tmp/job/out/compare.md"'
# More than two files: a trend, with an igreport that has the command.
cat >"$tmp/bin/igreport-trend" <<-'EOF'
#!/bin/sh
[ "$1" = --help ] && { echo "usage: igreport [OPTIONS] RESULTS.csv..."; echo "       igreport trend [OPTIONS] RUN.csv..."; exit 0; }
printf '%s\n' "$@" >"$TREND_LOG"
mkdir -p "$5" && echo "# Trend" >"$5/trend.md"
EOF
chmod +x "$tmp/bin/igreport-trend"
three="INPUT_CSV=a.csv b.csv c.csv"
action_run "$three" IGREPORT_BIN="$tmp/bin/igreport-trend" TREND_LOG="$tmp/job/trend.log"
check "three files: igreport trend, its Markdown posted ($status)" \
	'[ $status = 0 ] && [ "$(tr "\n" " " <"$tmp/job/trend.log")" = "trend -f all -o $tmp/job/out --max-chars 65000 -- a.csv b.csv c.csv " ] &&
	 grep -qx "# Trend" "$tmp/job/summary"'
# An igreport from before the trend command (its --help names none).
cat >"$tmp/bin/igreport-old" <<-'EOF'
#!/bin/sh
[ "$1" = --help ] && { echo "usage: igreport [OPTIONS] RESULTS.csv..."; echo "       igreport compare [OPTIONS] OLD.csv NEW.csv"; exit 0; }
exit 9
EOF
chmod +x "$tmp/bin/igreport-old"
action_run "$three" IGREPORT_BIN="$tmp/bin/igreport-old"
check "three files without a trend command: refused ($status)" \
	'[ $status = 1 ] && grep -q "has no trend command" "$tmp/job/stderr"'
action_run "$same" INPUT_COMMAND=report
check "a command other than compare or trend is refused ($status)" '[ $status = 1 ]'

# --- key and deps ----------------------------------------------------------------
job
GITHUB_OUTPUT="$tmp/job/output" sh "$action" key >/dev/null
commit=$(git -C "$src" rev-parse HEAD 2>/dev/null || echo none)
check "key: ends in igreport's commit" 'grep -q "^key=igreport-.*-$commit$" "$tmp/job/output"'
cat >"$tmp/bin/dpkg-query" <<-'EOF'
#!/bin/sh
echo "unknown ok not-installed"
EOF
cat >"$tmp/bin/apt-get" <<-'EOF'
#!/bin/sh
echo "$*" >>"$APT_LOG"
EOF
chmod +x "$tmp/bin/dpkg-query" "$tmp/bin/apt-get"
PATH="$tmp/bin:$PATH" APT_LOG="$tmp/job/apt.log" sh "$action" deps 2>/dev/null
want=$(sed -n '/^# For the tests/q; /^#/d; /./p' "$src/scripts/debian-packages.txt" | tr '\n' ' ')
check "deps: installs the build packages of debian-packages.txt" \
	'grep -qx "install -y -qq --no-install-recommends ${want% }" "$tmp/job/apt.log" &&
	 grep -q "^install .*libhpdf-dev" "$tmp/job/apt.log"'

# --- action.yml and the example workflow ------------------------------------------
if /usr/bin/python3 "$here/check_yaml.py" "$src/contrib/github"; then ok; else bad "check_yaml.py"; fi

echo "action: $pass passed, $fail failed"
[ "$fail" = 0 ]
