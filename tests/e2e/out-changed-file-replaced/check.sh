# SPDX-License-Identifier: Apache-2.0
set -e
diff -r out fresh
[ "$(stat -c %a out/igreport.json)" = "$(stat -c %a fresh/igreport.json)" ]
