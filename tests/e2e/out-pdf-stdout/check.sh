# SPDX-License-Identifier: Apache-2.0
set -e
if [ -e ./- ]; then echo "a file named - was written"; exit 1; fi
[ "$(head -c 5 r.pdf)" = "%PDF-" ]
[ "$(head -c 5 c.pdf)" = "%PDF-" ]
pdftotext r.pdf - | grep -q trace_tcp
grep -q "^# Inspektor Gadget benchmark report" r.md
[ "$(ls | sort | tr '\n' ' ')" = "c.pdf check.sh cmd in.csv r.md r.pdf " ]
