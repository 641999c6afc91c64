/* SPDX-License-Identifier: Apache-2.0 */
/* Finding igreport's data files (templates, fonts) in the source tree or where installed. */
#ifndef IGREPORT_DATADIR_H
#define IGREPORT_DATADIR_H

/*
 * Returns a newly allocated path to relative (e.g. "templates/default.xml")
 * under the first data directory that has it: $IGREPORT_DATADIR, the
 * directory of the running binary and its parent (the source tree, where
 * the binary sits at the top or in build/), share/igreport beside the
 * binary's directory (an installed tree, even when moved), then the
 * installed data directory. NULL when none has it.
 */
char *datadir_find(const char *relative);

#endif
