/* SPDX-License-Identifier: Apache-2.0 */
/* A function run on a second thread, or on the calling one when no thread can be had. */
#if defined(__linux__)
#define _GNU_SOURCE /* CPU sets: pthread_attr_setaffinity_np, sched_getcpu */
#endif

#include "task.h"

#include <sched.h>
#include <stdlib.h>

#include "xalloc.h"

/* pthreads wants void *(*)(void *): the call is carried in a small box. */
struct task_call {
	void (*fn)(void *);
	void *arg;
#if defined(__linux__)
	int placed;      /* started away from its creator's CPU: all to take back */
	cpu_set_t all;   /* the CPUs the creator may run on */
#endif
};

static void *
task_trampoline(void *box)
{
	struct task_call call = *(struct task_call *)box;

	free(box);
#if defined(__linux__)
	if (call.placed)
		(void)pthread_setaffinity_np(pthread_self(), sizeof(call.all),
		    &call.all);
#endif
	call.fn(call.arg);
	return NULL;
}

#if defined(__linux__)
/*
 * A new thread may be queued behind its creator on the creator's CPU for
 * a time slice (2 to 4 ms measured on a 2-CPU VM, the other CPU idle)
 * while the creator goes on working: it is started on the creator's other
 * CPUs instead (0.1 ms), then takes back all of them as it begins. Returns
 * non-zero when attr says where.
 */
static int
task_place(pthread_attr_t *attr, struct task_call *box)
{
	cpu_set_t away;
	int cpu = sched_getcpu();

	if (cpu < 0 || sched_getaffinity(0, sizeof(box->all), &box->all) != 0 ||
	    !CPU_ISSET((size_t)cpu, &box->all) || CPU_COUNT(&box->all) < 2)
		return 0;
	away = box->all;
	CPU_CLR((size_t)cpu, &away);
	return pthread_attr_setaffinity_np(attr, sizeof(away), &away) == 0;
}
#endif

/*
 * Starts the box's call on a thread of its own; the box is the thread's
 * to free then, or the caller's when none started (-1).
 */
static int
task_spawn(struct task *t, struct task_call *box)
{
	pthread_attr_t attr;
	int have_attr = pthread_attr_init(&attr) == 0;

#if defined(__linux__)
	box->placed = have_attr && task_place(&attr, box);
#endif
	t->running = pthread_create(&t->thread, have_attr ? &attr : NULL,
	    task_trampoline, box) == 0;
	if (have_attr)
		pthread_attr_destroy(&attr);
	return t->running ? 0 : -1;
}

void
task_start(struct task *t, void (*fn)(void *), void *arg)
{
	struct task_call *box = xcalloc(1, sizeof(*box));

	box->fn = fn;
	box->arg = arg;
	if (task_spawn(t, box) < 0)
		task_trampoline(box);
}

int
task_try_start(struct task *t, void (*fn)(void *), void *arg)
{
	struct task_call *box = xcalloc(1, sizeof(*box));

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
