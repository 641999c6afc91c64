/* Atomic output files: written beside their target, renamed into place when complete. */
#ifndef IGREPORT_OUTFILE_H
#define IGREPORT_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

struct outfile;

/*
 * Creates a temporary file ".NAME.XXXXXX" in the directory of path, with
 * mode 0666 less the umask. Refuses with D_OUTPUT_IS_INPUT when path is
 * one of the ninputs files in inputs (same file by device and inode, so
 * also through another name, a hard link or a symbolic link). Fails with
 * D_OPEN_FAILED and the system error when the directory is missing or
 * unwritable, path is a directory, or path exists as something other
 * than a regular file (a device, a FIFO). A symbolic link at path is
 * replaced by the new file, not followed. Returns NULL on failure.
 */
struct outfile *outfile_open(const char *path, const char *const *inputs,
    size_t ninputs, struct diags *d);

/* The stream to write the content to; owned by o. */
FILE *outfile_stream(struct outfile *o);

/*
 * Flushes and closes the temporary file (no fsync), then renames it onto
 * path. Any failure (a full disk included) appends D_WRITE_FAILED with
 * the system error, removes the temporary file and returns -1; else 0.
 * Frees o either way.
 */
int outfile_commit(struct outfile *o, struct diags *d);

/* Closes and removes the temporary file and frees o; NULL allowed. */
void outfile_abort(struct outfile *o);

/*
 * Creates directory dir (one level) unless it exists. Returns 0, or -1
 * with D_OPEN_FAILED when it cannot be created or exists as something
 * other than a directory.
 */
int outfile_prepare_dir(const char *dir, struct diags *d);

#endif
