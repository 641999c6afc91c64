#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# make bench-deps: the Debian packages the notebook columns of `make bench` need.
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -eu
missing=""
for pkg in python3-pandas python3-scipy python3-matplotlib; do
	case "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" in
	*" installed") ;;
	*) missing="$missing $pkg" ;;
	esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "igreport: missing Debian packages:$missing" >&2
	echo "run: sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
