/* The platform's errno numbers, as the errno module and OSError see them.
 *
 * The 3.11 profiles reproduce CPython on Linux (Debian's 3.11.2, pyenv's
 * 3.11.7); 3.12-3.14 reproduce Pyodide, CPython built with Emscripten,
 * whose C library numbers errors as WASI does (ENOENT is 44, EACCES 2).
 * One table holds both numberings, in the order Modules/errnomodule.c adds
 * the names (the errno module's dict order; errno.errorcode is built in
 * it too, so a later alias wins a number: EWOULDBLOCK, EDEADLOCK).
 *
 * Under Pyodide the oracle gives the errno module Linux's numbers for the
 * names the simulated network reports (oracle/simloop_oracle/net.py: the
 * simulated host is Linux), while errno.errorcode and OSError's subclass
 * choice keep Emscripten's C numbers; SL_ERRNO_NET marks those names. The
 * numbers were printed by each profile's CPython under the oracle.
 *
 * Everything here is static; nothing is owned. */
#ifndef SL_ERRNO_TAB_H
#define SL_ERRNO_TAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/exc.h"
#include "core/profile.h"

typedef struct sl_errno_def {
  const char *name;
  int linux_no;   /* -1: not in the Linux builds' errno module */
  int wasi_no;    /* Emscripten's number */
  unsigned flags; /* SL_ERRNO_* */
} sl_errno_def;
/* Under Pyodide the errno module shows linux_no (the simulated network's
 * names, set by the oracle). */
#define SL_ERRNO_NET 1u
/* In the errno module from 3.14 on (EHWPOISON). */
#define SL_ERRNO_314 2u

/* The table, in errnomodule.c's order; *n gets its length. */
const sl_errno_def *sl_errno_table(size_t *n);
/* Whether the profile's errno module has the name. */
bool sl_errno_present(const sl_profile *p, const sl_errno_def *d);
/* errno.NAME under the profile. */
int sl_errno_value(const sl_profile *p, const sl_errno_def *d);
/* The C library's number for the name (errno.errorcode's key; what
 * OSError compares). */
int sl_errno_code(const sl_profile *p, const sl_errno_def *d);
/* The OSError subclass OSError(n, ...) makes (Objects/exceptions.c's
 * errnomap), or SL_EXC_OS_ERROR. */
sl_exc_id sl_errno_oserror_class(const sl_profile *p, int64_t n);

#endif
