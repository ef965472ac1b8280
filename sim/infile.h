/* Reading a file the user named as an input (a scenario, a trace, a
 * decision log, fuzzer bytes), with the same message for the same problem
 * in every command: "PATH: cannot read: REASON". */
#ifndef SL_SIM_INFILE_H
#define SL_SIM_INFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/errors.h"
#include "core/strbuf.h"

/* Checks that `path` exists, is not a directory and is readable. Returns
 * SL_EOK, or SL_EIO with "path: cannot read: reason\n" appended to err. */
sl_errcode sl_input_check(const char *path, sl_strbuf *err);

/* The program argument of run/explore/replay/minimize: FILE, or FILE::TEST
 * (one test of a pytest file, CPython mode only: docs/pytest.md). Checks
 * FILE as sl_input_check does; FILE::TEST without `cpython` is refused
 * (SL_EINVAL, "PATH: ... --engine cpython only"). */
sl_errcode sl_program_check(const char *path, bool cpython, sl_strbuf *err);

/* Reads the regular file `path` whole into `out` (appended), refusing
 * anything else (a device, FIFO or directory could block or never end) and
 * anything larger than `max` bytes. Same error convention; SL_ENOMEM when
 * out could not grow. */
sl_errcode sl_input_read_regular(const char *path, size_t max, sl_strbuf *out, sl_strbuf *err);

#endif
