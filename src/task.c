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

void
task_start(struct task *t, void (*fn)(void *), void *arg)
{
	struct task_call *box = xmalloc(sizeof(*box));

	box->fn = fn;
	box->arg = arg;
	t->running = pthread_create(&t->thread, NULL, task_trampoline, box) == 0;
	if (!t->running)
		task_trampoline(box);
}

void
task_wait(struct task *t)
{
	if (t->running)
		pthread_join(t->thread, NULL);
	t->running = 0;
}
