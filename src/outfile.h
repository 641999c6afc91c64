/* SPDX-License-Identifier: Apache-2.0 */
/* Atomic output files: written beside their target, renamed into place when complete. */
#ifndef IGREPORT_OUTFILE_H
#define IGREPORT_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

struct outfile;

/* Temporary names are ".NAME" OUTFILE_TMP_TAG "XXXXXX", NAME cut to OUTFILE_TMP_BASE_MAX bytes. */
#define OUTFILE_TMP_TAG ".igreport-"
#define OUTFILE_TMP_BASE_MAX 200

/* How old a temporary file must be (seconds) before outfile_sweep takes it for a leftover. */
#define OUTFILE_STALE_SECONDS 3600

/*
 * Creates a temporary file ".NAME.igreport-XXXXXX" in the directory of
 * path, with mode 0666 less the umask, listed for removal if a signal
 * ends the run (cleanup.h). path must be a new name, a regular file, or
 * a symbolic link without '/' (a file of the same directory) to a
 * regular file or to nothing; such a link is replaced, not followed.
 * Refuses with D_OUTPUT_IS_INPUT when path is one of the ninputs files
 * in inputs (same file by device and inode, so also through another
 * name, a hard link or a symbolic link); with D_OUTPUT_LINK for any other
 * symbolic link (/dev/stdout); with D_OUTPUT_NOT_FILE when path is a
 * device, a FIFO or a socket; with D_OPEN_FAILED and the system error
 * when the directory is missing or unwritable or path is a directory.
 * Returns NULL on failure.
 */
struct outfile *outfile_open(const char *path, const char *const *inputs,
    size_t ninputs, struct diags *d);

/*
 * An output whose whole content is at hand, the len bytes at bytes
 * (copied when needed): checked as outfile_open checks path. When path
 * already holds those very bytes, as a file that outfile_commit would
 * leave in place, no temporary file is made; else one is, the bytes
 * written to it and flushed (D_WRITE_FAILED and NULL on failure). Either
 * way o is sealed: there is no stream to write to.
 */
struct outfile *outfile_open_bytes(const char *path, const char *const *inputs,
    size_t ninputs, const char *bytes, size_t len, struct diags *d);

/* The stream to write the content to; owned by o. */
FILE *outfile_stream(struct outfile *o);

/* The target path o was opened for. */
const char *outfile_path(const struct outfile *o);

/*
 * Flushes and closes the temporary file (no fsync), keeping it, and
 * reads its content back (from the page cache): its size and hash, and
 * whether path already holds those very bytes. A failure is kept for
 * outfile_close to tell; later calls do nothing. For a thread with
 * nothing else to do before the commit.
 */
void outfile_seal(struct outfile *o);

/*
 * Seals the file unless done. Any failure (a full disk included)
 * appends D_WRITE_FAILED with the system error, once, and returns -1;
 * else 0.
 */
int outfile_close(struct outfile *o, struct diags *d);

/* Once sealed: the content's size and 64-bit FNV-1a hash (manifest_hash_add). */
long long outfile_size(const struct outfile *o);
unsigned long long outfile_hash(const struct outfile *o);

/*
 * Closes the temporary file (as outfile_close) unless done, checks path
 * again as outfile_open did, then renames the file onto path; or, when
 * path is a regular file of one link that held the same bytes, size,
 * owner, group and mode when sealed and has not changed since, leaves it
 * there with its times set to now and removes the temporary file: the
 * same result but for the inode. Any failure appends its diagnostic,
 * removes the temporary file and returns -1; else 0. Frees o either way.
 */
int outfile_commit(struct outfile *o, struct diags *d);

/* Closes and removes the temporary file and frees o; NULL allowed. */
void outfile_abort(struct outfile *o);

/*
 * Creates directory dir (one level) unless it exists; a directory created
 * is listed for removal (when empty) if a signal ends the run. Returns 1
 * when created, 0 when it existed, or -1 with D_OPEN_FAILED when it
 * cannot be created or exists as something other than a directory.
 */
int outfile_prepare_dir(const char *dir, struct diags *d);

/* Drops dir, made by outfile_prepare_dir, from the signal list; removes it (if empty) when remove. */
void outfile_forget_dir(const char *dir, int remove);

/*
 * Removes from dir the leftovers of an igreport killed before it could
 * clean up: regular files of this user named like outfile_open's
 * temporary files and not written to for OUTFILE_STALE_SECONDS. Nothing
 * else is touched. Adds the note D_LEFTOVERS_REMOVED with their number
 * when there were any; an unreadable dir is passed over in silence.
 */
void outfile_sweep(const char *dir, struct diags *d);

#endif
