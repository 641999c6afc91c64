# SPDX-License-Identifier: Apache-2.0
if [ -e ./- ]; then echo "'-' was created"; exit 1; fi
