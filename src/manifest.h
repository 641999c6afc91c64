/* SPDX-License-Identifier: Apache-2.0 */
/* The manifest of an output directory: what the last run wrote there, so that the next one removes what it no longer writes. */
#ifndef IGREPORT_MANIFEST_H
#define IGREPORT_MANIFEST_H

#include <stddef.h>
#include <stdio.h>

/* The manifest's name inside the directory it describes. */
#define MANIFEST_NAME ".igreport-manifest"

/*
 * A file written by igreport: its name in the directory, and its size and
 * content hash when written. Content rather than inode, so that the same
 * run gives the same manifest, byte for byte, wherever it writes.
 */
struct manifest_entry {
	char *name; /* owned */
	long long size;
	unsigned long long hash;
};

/* Zero-initialise. */
struct manifest {
	struct manifest_entry *v;
	size_t n, cap;
};

/* The hash of no bytes; manifest_hash_add continues from it. */
#define MANIFEST_HASH_START 14695981039346656037ULL

/* The 64-bit FNV-1a hash h of some bytes continued over n more at p. */
unsigned long long manifest_hash_add(unsigned long long h, const void *p,
    size_t n);

/*
 * The size and 64-bit FNV-1a hash of the content of file path (not
 * followed if a link). Returns 0, or -1 when it cannot be read or is not
 * a regular file.
 */
int manifest_hash_file(const char *path, long long *size,
    unsigned long long *hash);

/* Appends an entry (name copied). */
void manifest_add(struct manifest *m, const char *name, long long size,
    unsigned long long hash);

/*
 * Writes m to out: a comment line, then "SIZE HASH NAME" per entry (HASH
 * in 16 hex digits). Returns 0, or -1 when out has an error.
 */
int manifest_write(const struct manifest *m, FILE *out);

/*
 * Reads the manifest of directory dir into m (empty when there is none,
 * or it is not a regular file). Lines that are not "SIZE HASH NAME"
 * with NAME a plain file name (no '/', not starting with '.') are
 * skipped: a damaged manifest can only make fewer files go.
 */
void manifest_read(const char *dir, struct manifest *m);

/*
 * Removes from dir each file that old lists and now does not, when it is
 * still the very file igreport wrote: a regular file (not a link) with
 * the same size and content hash. A file changed since is kept. Returns how many were removed.
 */
size_t manifest_remove_stale(const char *dir, const struct manifest *old,
    const struct manifest *now);

/* Frees every entry and empties m. */
void manifest_free(struct manifest *m);

#endif
