# SPDX-License-Identifier: Apache-2.0
# Neither output was written.
[ ! -e r.pdf ] && [ ! -e c.md ]
