# SPDX-License-Identifier: Apache-2.0
set -e
[ -L stdout ] && [ "$(readlink stdout)" = /proc/self/fd/1 ]
[ -L up.pdf ]
