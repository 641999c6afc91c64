# SPDX-License-Identifier: Apache-2.0
set -e
cmp inodes.before inodes.after
diff -r out fresh
[ -z "$(find out -type f ! -newermt 2021-01-01)" ]
[ -z "$(find out -name '.*.igreport-*')" ]
