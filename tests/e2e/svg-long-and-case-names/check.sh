# SPDX-License-Identifier: Apache-2.0
if ls figs | grep -q '^-'; then echo "a name starts with -"; exit 1; fi
for f in figs/*.svg; do
	[ "$(basename "$f" | wc -c)" -le 110 ] || { echo "too long: $f"; exit 1; }
done
