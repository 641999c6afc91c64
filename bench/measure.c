/* SPDX-License-Identifier: Apache-2.0 */
/* Runs a command several times with stdout to /dev/null: median wall time and peak RSS. */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int
measure_cmp(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

/* One run: wall seconds, peak RSS in KiB, and the exit status. */
static double
measure_once(char **argv, long *rss_kib, int *status)
{
	struct timespec t0, t1;
	struct rusage ru;
	pid_t pid;
	int fd;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) == 0) {
		fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	wait4(pid, status, 0, &ru);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	*rss_kib = ru.ru_maxrss;
	return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

int
main(int argc, char **argv)
{
	int n, i, status = 0;
	double *t;
	long rss, maxrss = 0;

	if (argc < 3 || (n = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: measure RUNS COMMAND [ARG...]\n"
		    "prints: MEDIAN_SECONDS PEAK_RSS_KIB EXIT_STATUS\n");
		return 2;
	}
	t = calloc((size_t)n, sizeof(*t));
	for (i = 0; i < n; i++) {
		t[i] = measure_once(argv + 2, &rss, &status);
		if (rss > maxrss)
			maxrss = rss;
	}
	qsort(t, (size_t)n, sizeof(*t), measure_cmp);
	printf("%.6f %ld %d\n", n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2,
	    maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	free(t);
	return 0;
}
