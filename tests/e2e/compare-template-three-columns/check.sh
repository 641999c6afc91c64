# SPDX-License-Identifier: Apache-2.0
set -e
pdftotext -layout out/compare.pdf report.txt
g=$(ls out/*-three.svg | head -n 1)
for h in "Rate (ev/s)" "OLD CPU" "NEW CPU"; do
	grep -q "$h" report.txt
	grep -q "$h" "$g"
	grep -q "$h" out/compare.md
done
if grep -q "Mem (MiB)" report.txt; then exit 1; fi
grep -q '^| Rate (ev/s) | OLD CPU | NEW CPU |$' out/compare.md
xmllint --nonet --noout "$g"
