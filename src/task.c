/* SPDX-License-Identifier: Apache-2.0 */
/* A function run on a second thread, or on the calling one when no thread can be had. */
#include "task.h"

#include <stdlib.h>

#include "xalloc.h"

/* pthreads wants void *(*)(void *): the call is carried in a small box. */
struct task_call {
	void (*fn)(void *);
	void *arg;
};

static void *
task_trampoline(void *box)
{
	struct task_call call = *(struct task_call *)box;

	free(box);
	call.fn(call.arg);
	return NULL;
}

/* The box is the thread's to free, or the caller's when none started. */
static int
task_spawn(struct task *t, struct task_call *box)
{
	t->running = pthread_create(&t->thread, NULL, task_trampoline, box) == 0;
	return t->running ? 0 : -1;
}

void
task_start(struct task *t, void (*fn)(void *), void *arg)
{
	struct task_call *box = xmalloc(sizeof(*box));

	box->fn = fn;
	box->arg = arg;
	if (task_spawn(t, box) < 0)
		task_trampoline(box);
}

int
task_try_start(struct task *t, void (*fn)(void *), void *arg)
{
	struct task_call *box = xmalloc(sizeof(*box));

	box->fn = fn;
	box->arg = arg;
	if (task_spawn(t, box) == 0)
		return 0;
	free(box);
	return -1;
}

void
task_wait(struct task *t)
{
	if (t->running)
		pthread_join(t->thread, NULL);
	t->running = 0;
}
