/* Writing a file the user named as an output (-o PATH, a decision log).
 *
 * A regular file (or a path that does not exist yet) is written through a
 * temporary file beside it and renamed into place, so a failure never
 * leaves a partial file. Anything else is written in place: "-" is
 * stdout, and a character device, FIFO or socket is opened and written
 * directly, because renaming over it would replace the node itself
 * (`-o /dev/null` run as root would turn the machine's /dev/null into a
 * regular file). A symbolic link is followed: its target is what gets
 * written, as the shell's `>` does, and the link stays a link. */
#ifndef SL_SIM_OUTFILE_H
#define SL_SIM_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/errors.h"
#include "core/strbuf.h"

/* An output being written: sl_output_open, then writes to `f`, then
 * sl_output_close. Large outputs (a million-event trace) are streamed
 * through it instead of being built in memory first. */
typedef struct sl_output {
  FILE *f;          /* where to write (stdout for "-") */
  const char *path; /* as the user named it, for messages (borrowed) */
  char *tmp;        /* owned: the temporary file renamed over `target` */
  char *target;     /* owned: the resolved regular file; NULL otherwise */
} sl_output;

/* Opens `path` for writing as above (the temporary file, the device, or
 * stdout). On failure returns SL_EIO and appends "path: cannot write:
 * reason\n" to err (err may be NULL); nothing is left open. */
sl_errcode sl_output_open(sl_output *o, const char *path, sl_strbuf *err);

/* Finishes the output: with `keep`, checks that every write succeeded,
 * flushes and closes, and renames the temporary file into place; without,
 * discards what was written (the temporary file is removed; a device has
 * already received it). Returns SL_EIO with the message on a failure to
 * keep. */
sl_errcode sl_output_close(sl_output *o, bool keep, sl_strbuf *err);

/* Writes data[0..len) to `path` as above. Every write, flush and close is
 * checked. On failure returns SL_EIO (SL_ENOMEM when a name could not be
 * built) and appends "path: cannot write: reason\n" to err (err may be
 * NULL). */
sl_errcode sl_output_write(const char *path, const char *data, size_t len, sl_strbuf *err);

/* Checks, before any work is done, that `path` can later be written by
 * sl_output_write: "-", an existing device/FIFO/socket that opens for
 * writing, or a regular file (existing or not) whose directory is
 * writable. Writes nothing and creates nothing. Same error convention. */
sl_errcode sl_output_check(const char *path, sl_strbuf *err);

#endif
