/* SPDX-License-Identifier: Apache-2.0 */
/* The list of a run's temporary names and the thread that removes them when a signal ends the run. */
#include "cleanup.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

struct cleanup_name {
	char *path;
	int dir;
};

/*
 * Process-wide by necessity (cleanup.h). A thread that waits with
 * sigwait, rather than a signal handler, may take the lock and walk a
 * list that grows with the run: nothing here runs in a signal handler.
 */
static pthread_mutex_t cleanup_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct cleanup_name *cleanup_names;
static size_t cleanup_n, cleanup_cap;
static pthread_t cleanup_thread;
static int cleanup_stopping; /* under cleanup_mutex: cleanup_stop is waking the watcher */
static int cleanup_running;
static sigset_t cleanup_old_mask;
static sigset_t cleanup_set; /* the signals waited for; set before the thread starts */

void
cleanup_lock(void)
{
	pthread_mutex_lock(&cleanup_mutex);
}

void
cleanup_unlock(void)
{
	pthread_mutex_unlock(&cleanup_mutex);
}

static void
cleanup_add(const char *path, int dir)
{
	xgrow((void **)&cleanup_names, &cleanup_cap, cleanup_n + 1,
	    sizeof(*cleanup_names));
	cleanup_names[cleanup_n].path = xstrdup(path);
	cleanup_names[cleanup_n++].dir = dir;
}

void
cleanup_add_file(const char *path)
{
	cleanup_add(path, 0);
}

void
cleanup_add_dir(const char *path)
{
	cleanup_add(path, 1);
}

void
cleanup_drop(const char *path)
{
	size_t i;

	for (i = cleanup_n; i-- > 0;)
		if (strcmp(cleanup_names[i].path, path) == 0) {
			free(cleanup_names[i].path);
			cleanup_names[i] = cleanup_names[--cleanup_n];
			break;
		}
	if (cleanup_n == 0) {
		free(cleanup_names);
		cleanup_names = NULL;
		cleanup_cap = 0;
	}
}

/*
 * SIGINT, SIGTERM and SIGHUP, but not one ignored when the run starts
 * (nohup, a shell's background job): Linux queues a blocked signal even
 * when it is ignored, and sigwait would then take it.
 */
static int
cleanup_signals(sigset_t *set)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t i;
	int n = 0;

	sigemptyset(set);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], NULL, &sa) == 0 &&
		    sa.sa_handler != SIG_IGN) {
			sigaddset(set, sigs[i]);
			n++;
		}
	return n;
}

/* Files first, then the directories that held them, latest first. */
static void *
cleanup_watch(void *arg)
{
	size_t i;
	int sig = 0;

	(void)arg;
	while (sigwait(&cleanup_set, &sig) != 0)
		;
	cleanup_lock();
	if (cleanup_stopping) {
		/* cleanup_stop's own wake-up: the run is over, nothing to remove. */
		cleanup_unlock();
		return NULL;
	}
	for (i = 0; i < cleanup_n; i++)
		if (!cleanup_names[i].dir)
			unlink(cleanup_names[i].path);
	for (i = cleanup_n; i-- > 0;)
		if (cleanup_names[i].dir)
			rmdir(cleanup_names[i].path);
	_exit(128 + sig);
}

int
cleanup_start(void)
{
	if (cleanup_running)
		return 0;
	if (cleanup_signals(&cleanup_set) == 0)
		return 0; /* all ignored: nothing to wait for */
	if (pthread_sigmask(SIG_BLOCK, &cleanup_set, &cleanup_old_mask) != 0)
		return -1;
	if (pthread_create(&cleanup_thread, NULL, cleanup_watch, NULL) != 0) {
		pthread_sigmask(SIG_SETMASK, &cleanup_old_mask, NULL);
		return -1;
	}
	cleanup_running = 1;
	return 0;
}

void
cleanup_stop(void)
{
	int sig;

	if (!cleanup_running)
		return;
	/*
	 * Woken by a signal sent to it alone rather than cancelled: a thread
	 * cancelled inside sigwait trips AddressSanitizer's thread teardown
	 * (seen under libFuzzer, which runs the program many times over).
	 */
	for (sig = 1; !sigismember(&cleanup_set, sig); sig++)
		continue;
	cleanup_lock();
	cleanup_stopping = 1;
	cleanup_unlock();
	pthread_kill(cleanup_thread, sig);
	pthread_join(cleanup_thread, NULL);
	cleanup_stopping = 0;
	cleanup_running = 0;
	pthread_sigmask(SIG_SETMASK, &cleanup_old_mask, NULL);
}
