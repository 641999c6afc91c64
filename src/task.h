/* SPDX-License-Identifier: Apache-2.0 */
/* A function run on a second thread, or on the calling one when no thread can be had. */
#ifndef IGREPORT_TASK_H
#define IGREPORT_TASK_H

#include <pthread.h>

struct task {
	pthread_t thread;
	int running; /* on its own thread and not yet waited for */
};

/*
 * Runs fn(arg) on a new thread; when none can be started, runs it here
 * and returns after it. Either way task_wait then finds it finished.
 */
void task_start(struct task *t, void (*fn)(void *), void *arg);

/*
 * Runs fn(arg) on a new thread and returns 0; or returns -1 having run
 * nothing, when no thread can be started (for work that waits on its
 * caller, which must not run in the caller's place).
 */
int task_try_start(struct task *t, void (*fn)(void *), void *arg);

/* Returns once fn has returned; later calls return at once. */
void task_wait(struct task *t);

#endif
