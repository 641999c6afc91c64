# SPDX-License-Identifier: Apache-2.0
set -e
for n in 0 1 2; do
	grep -o "<a download=\"in$n.csv\" href=\"data:text/csv;base64,[^\"]*\"" r.html |
		sed 's/.*base64,//; s/"$//' | base64 -d | cmp - "in$n.csv"
done
