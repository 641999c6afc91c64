/* SPDX-License-Identifier: Apache-2.0 */
/* Runs a command several times with stdout to /dev/null: median wall and CPU time, peak RSS. */
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

static double
measure_median(double *t, int n)
{
	qsort(t, (size_t)n, sizeof(*t), measure_cmp);
	return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

/* One run: wall seconds, CPU seconds (user and system), peak RSS in KiB, and the exit status. */
static double
measure_once(char **argv, double *cpu, long *rss_kib, int *status)
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
	*cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
	return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

int
main(int argc, char **argv)
{
	int n, i, status = 0;
	double *t, *cpu, wall;
	long rss, maxrss = 0;

	if (argc < 3 || (n = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: measure RUNS COMMAND [ARG...]\n"
		    "prints: MEDIAN_SECONDS PEAK_RSS_KIB EXIT_STATUS MEDIAN_CPU_SECONDS\n");
		return 2;
	}
	t = calloc((size_t)n, sizeof(*t));
	cpu = calloc((size_t)n, sizeof(*cpu));
	for (i = 0; i < n; i++) {
		t[i] = measure_once(argv + 2, &cpu[i], &rss, &status);
		if (rss > maxrss)
			maxrss = rss;
	}
	wall = measure_median(t, n);
	/* The CPU time last: scripts that read three fields still read them. */
	printf("%.6f %ld %d %.6f\n", wall, maxrss,
	    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
	    measure_median(cpu, n));
	free(t);
	free(cpu);
	return 0;
}
