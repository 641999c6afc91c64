# SPDX-License-Identifier: Apache-2.0
# Gadget names become safe file names inside the output directory; text stays escaped.
set -e
for f in figs/*.svg; do xmllint --nonet --noout "$f"; done
if grep -q '<script' figs/*.svg; then exit 1; fi
# "../evil" under figs/ would land here, "a/b" in a subdirectory of figs/.
if ls -a . .. | grep -q evil; then echo "a file escaped figs/"; exit 1; fi
if [ -n "$(find figs -mindepth 1 -type d)" ]; then echo "a subdirectory in figs/"; exit 1; fi
