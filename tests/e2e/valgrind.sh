#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs a subset of the e2e cases with igreport under valgrind memcheck: any
# invalid access, use of uninitialised memory (which ASan does not see, in
# our code or in the uninstrumented libhpdf and libxml2) or definite or
# indirect leak makes igreport exit 97, so the case fails.
# usage: valgrind.sh PATH/TO/igreport (the plain build)
#
# The subset covers every output (PDF, SVG, Markdown, JSON, compare, trend), both
# templates, each kind of input error, hostile templates and output faults,
# in about a minute; the whole suite passes too (about 4 minutes: the limit
# cases are slow under valgrind): E2E_CASES= sh tests/e2e/valgrind.sh BIN.
set -eu
bin=${1:?usage: valgrind.sh PATH/TO/igreport}
command -v valgrind >/dev/null || { echo "valgrind: not installed" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/igreport" <<EOT
#!/bin/sh
exec valgrind -q --error-exitcode=97 --leak-check=full \\
    --show-leak-kinds=definite,indirect \\
    --errors-for-leak-kinds=definite,indirect "$bin" "\$@"
EOT
chmod +x "$tmp/igreport"
E2E_CASES=${E2E_CASES-"pdf-sample svg-sample sample-markdown all-formats
compact-template several-inputs stdin-input crlf-bom older-layout
misaligned-rates gadget-filter compare-stdout-full compare-edge-cases
compare-all-formats compare-template-not-compare
bad-many-errors bad-invalid-utf8 bad-unterminated-quote bad-nul-byte
bad-too-many-diagnostics fuzz-csv-huge-value limit-too-many-columns
limit-quoted-record-too-long template-billion-laughs template-xxe-text
template-bad-values template-bad-placeholders svg-gadget-file-names
out-no-space out-is-input out-missing-dir out-stdout-full
all-pdf-cannot-write bad-input-and-template
input-dev-zero-pdf input-endless-line-pipe-pdf bad-same-input-copy
bad-invisible-in-name machines-differ-merged compare-gate-single-runs
bad-control-after-line-break json-hostile-names json-compare trend-markdown
trend-all-formats trend-same-file trend-bad-run trend-gaps"}
E2E_CASES=$(echo $E2E_CASES)
export E2E_CASES
echo "valgrind: $(echo "$E2E_CASES" | wc -w) e2e cases under memcheck"
sh "$here/run.sh" "$tmp/igreport"
