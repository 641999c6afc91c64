# SPDX-License-Identifier: Apache-2.0
# Sourced by hostile-input cases (run.sh skips this directory: it has no cmd).
# guarded ARGS... runs igreport with a time limit ($GUARD_SECONDS, default 20:
# generous, for sanitizer builds on a loaded machine, where the hostile
# templates take well under a second) and,
# outside the sanitizers (which reserve terabytes of address space), a 1 GiB
# memory limit; passes its output and status on; and fails with status 99 if
# its output, its messages or any file in the case directory holds the first
# line of /etc/passwd.
guarded() {
	(
		if ! ldd "$(command -v igreport)" 2>/dev/null | grep -q libasan; then
			ulimit -v 1048576
		fi
		exec timeout "${GUARD_SECONDS:-20}" igreport "$@"
	) >guard.out 2>guard.err
	guard_status=$?
	guard_secret=$(head -n 1 /etc/passwd)
	if [ -n "$guard_secret" ] && grep -rqF -- "$guard_secret" . 2>/dev/null; then
		echo "guard: /etc/passwd content found in the output" >&2
		guard_status=99
	fi
	cat guard.out
	cat guard.err >&2
	rm -f guard.out guard.err
	return $guard_status
}
