# SPDX-License-Identifier: Apache-2.0
set -e
[ "$(ls figs | wc -l)" = "$(ls expected | wc -l)" ]
for f in expected/*.svg; do cmp "$f" "figs/${f#expected/}"; done
