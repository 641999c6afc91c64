/* SPDX-License-Identifier: Apache-2.0 */
/* What an interrupted run leaves behind: the run's temporary files, removed when SIGINT, SIGTERM or SIGHUP arrives. */
#ifndef IGREPORT_CLEANUP_H
#define IGREPORT_CLEANUP_H

/*
 * The one process-wide state of igreport, and why: a signal is delivered
 * to the process, not to a run's data, so the names to remove must be
 * findable from anywhere. Every function is safe from any thread.
 */

/*
 * Takes and releases the lock over the list of names. Hold it from the
 * creation of a temporary file until its name is added, and from its
 * rename or removal until the name is dropped, so that a signal never
 * finds a file that is not listed, nor removes a name that was renamed.
 */
void cleanup_lock(void);
void cleanup_unlock(void);

/* Adds a temporary file, or a directory the run created (removed if empty). Lock held. */
void cleanup_add_file(const char *path);
void cleanup_add_dir(const char *path);

/* Drops a name added before (no effect for another name). Lock held. */
void cleanup_drop(const char *path);

/*
 * Blocks SIGINT, SIGTERM and SIGHUP, those not ignored already (nohup),
 * in the calling thread (threads it starts later inherit that) and starts a thread that waits for them:
 * on one, it removes every listed file and then every listed directory
 * that is empty, and ends the process with 128 + the signal's number
 * (130, 143, 129). Call it before any other thread is started. When no
 * thread can be started the signals are left as they were. Returns 0 or -1.
 */
int cleanup_start(void);

/* Stops that thread and unblocks the signals again; no effect without cleanup_start. */
void cleanup_stop(void);

#endif
