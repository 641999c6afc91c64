# SPDX-License-Identifier: Apache-2.0
set -e
pdftotext -layout out/igreport.pdf report.txt
for h in "Rate (ev/s)" "IG host CPU" "Mem cost (MiB)"; do
	grep -q "$h" report.txt
	grep -q "$h" out/trace_exec-three.svg
	grep -q "$h" out/igreport.md
done
# Only those three: none of the default template's columns anywhere.
if grep -q "Baseline" report.txt out/trace_exec-three.svg; then exit 1; fi
grep -c '^| Rate (ev/s) | IG host CPU | Mem cost (MiB) |$' out/igreport.md >n
[ "$(cat n)" = 4 ]
# The same numbers in each: trace_exec at 8192 events/s.
grep -q '^| 8192 | 46.8 | +137 ± 25 |$' out/igreport.md
grep -q '46.8' out/trace_exec-three.svg
grep -q '+137 ± 25' report.txt
xmllint --nonet --noout out/trace_exec-three.svg
