#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The licence is stated where a reader looks: LICENSE at the top, and an SPDX
# line near the top of every source file (C, shell, Python, make, templates,
# the bash completion, the JSON Schemas, where it is a "$comment", and the
# debian/ files that take a comment: not the changelog, copyright, whose
# formats have none, or source/format).
set -eu
cd "$(dirname "$0")/.."
grep -q 'Apache License' LICENSE && grep -q 'Version 2.0, January 2004' LICENSE || {
	echo "licence-check: LICENSE is not the Apache License 2.0" >&2; exit 1; }
test -f fonts/LICENSE || { echo "licence-check: fonts/LICENSE is missing" >&2; exit 1; }
missing=$(find src tests bench scripts templates contrib debian .ci Makefile docs \
	\( -path debian/igreport -o -path debian/.debhelper \
	   -o -path tests/fuzz/corpus -o -path tests/data -o -path 'tests/e2e/*/*' \
	   ! -path 'tests/e2e/lib/*' ! -name check.sh \) -prune -o -type f \
	\( -name '*.[ch]' -o -name '*.sh' -o -name '*.py' -o -name Makefile \
	   -o -name '*.xml' -o -name '*.xsd' -o -name run -o -name '*.yml' -o -name '*.bash' \
	   -o -name '*.schema.json' \
	   -o -path debian/rules -o -path debian/control -o -path debian/.gitignore \
	   -o -name '*.links' -o -name '*.lintian-overrides' \) \
	-print 2>/dev/null | while read -r f; do
		head -3 "$f" | grep -q 'SPDX-License-Identifier: Apache-2.0' || echo "$f"
	done)
if [ -n "$missing" ]; then
	echo "licence-check: no SPDX-License-Identifier line in the first 3 lines of:" >&2
	echo "$missing" >&2
	exit 1
fi
echo "licence-check: LICENSE and every source file's SPDX line are in place"
