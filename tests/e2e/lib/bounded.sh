# SPDX-License-Identifier: Apache-2.0
# Sourced by endless-input cases (run.sh skips this directory: it has no cmd).
# bounded ARGS... runs igreport with a time limit ($BOUNDED_SECONDS, default
# 10: an endless input that is not stopped never ends, and sanitizer builds
# on a loaded machine are slow) and, in a plain build (not under the
# sanitizers, which reserve and shadow memory of their own), fails with
# status 98 when its peak resident memory exceeds $BOUNDED_KB (default 16384,
# 16 MB). Passes its output and status on.
bounded() {
	bounded_rss=
	if ldd "$(command -v igreport)" 2>/dev/null | grep -q libc &&
	    ! ldd "$(command -v igreport)" | grep -q 'libasan\|libtsan'; then
		bounded_rss=bounded.rss
	fi
	if [ -n "$bounded_rss" ]; then
		/usr/bin/time -f %M -o bounded.rss \
		    timeout "${BOUNDED_SECONDS:-10}" igreport "$@"
	else
		timeout "${BOUNDED_SECONDS:-10}" igreport "$@"
	fi
	bounded_status=$?
	if [ -n "$bounded_rss" ]; then
		bounded_kb=$(tail -n 1 bounded.rss)
		rm -f bounded.rss
		if [ "$bounded_kb" -gt "${BOUNDED_KB:-16384}" ]; then
			echo "bounded: peak RSS $bounded_kb KB" >&2
			bounded_status=98
		fi
	fi
	return $bounded_status
}
