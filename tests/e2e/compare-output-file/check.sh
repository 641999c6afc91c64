# SPDX-License-Identifier: Apache-2.0
# The Markdown goes to the file, whole, and nothing to stdout.
cmp out.md expected.md
