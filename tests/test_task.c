/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of task: a function run on a second thread. */
#if defined(__linux__)
#define _GNU_SOURCE /* CPU sets */
#endif
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <sched.h>

#include "task.h"

struct probe {
	int calls;
	pthread_t ran_on;
};

static void
probe_run(void *arg)
{
	struct probe *p = arg;

	p->calls++;
	p->ran_on = pthread_self();
}

static void
test_function_has_run_after_wait(void **state)
{
	struct probe p = {0};
	struct task t;

	(void)state;
	task_start(&t, probe_run, &p);
	task_wait(&t);
	assert_int_equal(p.calls, 1);
	assert_int_equal(t.running, 0);
}

static void
test_runs_on_another_thread(void **state)
{
	struct probe p = {0};
	struct task t;

	(void)state;
	task_start(&t, probe_run, &p);
	assert_int_equal(t.running, 1); /* a test machine can start a thread */
	task_wait(&t);
	assert_false(pthread_equal(p.ran_on, pthread_self()));
}

/* task_try_start runs it on a thread too, or not at all: never in the caller's place. */
static void
test_try_start_runs_on_another_thread(void **state)
{
	struct probe p = {0};
	struct task t;

	(void)state;
	assert_int_equal(task_try_start(&t, probe_run, &p), 0);
	assert_int_equal(t.running, 1);
	task_wait(&t);
	assert_int_equal(p.calls, 1);
	assert_false(pthread_equal(p.ran_on, pthread_self()));
}

static void
test_second_wait_returns_at_once(void **state)
{
	struct probe p = {0};
	struct task t;

	(void)state;
	task_start(&t, probe_run, &p);
	task_wait(&t);
	task_wait(&t);
	assert_int_equal(p.calls, 1);
}

static void
test_tasks_are_independent(void **state)
{
	struct probe p[4] = {{0}};
	struct task t[4];
	int i;

	(void)state;
	for (i = 0; i < 4; i++)
		task_start(&t[i], probe_run, &p[i]);
	for (i = 3; i >= 0; i--)
		task_wait(&t[i]);
	for (i = 0; i < 4; i++)
		assert_int_equal(p[i].calls, 1);
}

#if defined(__linux__)
struct cpus {
	cpu_set_t seen;
	int ok;
};

static void
cpus_run(void *arg)
{
	struct cpus *c = arg;

	c->ok = sched_getaffinity(0, sizeof(c->seen), &c->seen) == 0;
}

/*
 * Started away from the creator's CPU, a task runs on all of the
 * creator's CPUs again: the placement is a start, not a pin. Also with
 * the creator held to one CPU, where there is nowhere else to start.
 */
static void
test_task_may_run_on_every_cpu_of_its_creator(void **state)
{
	cpu_set_t all, one;
	struct cpus c;
	struct task t;
	int cpu;

	(void)state;
	assert_int_equal(sched_getaffinity(0, sizeof(all), &all), 0);
	task_start(&t, cpus_run, &c);
	task_wait(&t);
	assert_true(c.ok);
	assert_true(CPU_EQUAL(&c.seen, &all));
	cpu = sched_getcpu();
	assert_true(cpu >= 0);
	CPU_ZERO(&one);
	CPU_SET((size_t)cpu, &one);
	assert_int_equal(sched_setaffinity(0, sizeof(one), &one), 0);
	task_start(&t, cpus_run, &c);
	task_wait(&t);
	assert_int_equal(sched_setaffinity(0, sizeof(all), &all), 0);
	assert_true(c.ok);
	assert_true(CPU_EQUAL(&c.seen, &one));
}
#endif

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_function_has_run_after_wait),
		cmocka_unit_test(test_runs_on_another_thread),
		cmocka_unit_test(test_try_start_runs_on_another_thread),
		cmocka_unit_test(test_second_wait_returns_at_once),
		cmocka_unit_test(test_tasks_are_independent),
#if defined(__linux__)
		cmocka_unit_test(test_task_may_run_on_every_cpu_of_its_creator),
#endif
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
