# SPDX-License-Identifier: Apache-2.0
set -e
g="//*[local-name()='g']"
t="*[local-name()='title']"
total=0
for f in figs/*-host.svg figs/*-ig-process.svg; do
	bars=$(xmllint --xpath "count($g[@class='bar'])" "$f")
	tipped=$(xmllint --xpath "count($g[@class='bar'][$t[1]])" "$f")
	errs=$(xmllint --xpath "count($g[@class='errorbar'])" "$f")
	etipped=$(xmllint --xpath "count($g[@class='errorbar'][$t[1]])" "$f")
	[ "$bars" -gt 0 ] && [ "$bars" = "$tipped" ] && [ "$errs" = "$etipped" ]
	total=$((total + bars))
done
[ "$total" -gt 100 ]
# Series, rate, mean ± half-width with unit, n.
grep -q '<title>With IG, 8192 events/s: 46.83 ± 1.66 % CPU (n = 5)</title>' figs/trace_exec-host.svg
grep -q '<title>IG Process Memory, 8192 events/s: 119 ± 2 MiB IG Mem (n = 5)</title>' figs/trace_exec-ig-process.svg
