/* The errno numbers of the profiles' platforms (see errno_tab.h). */
#include "core/errno_tab.h"

#include <string.h>

/* clang-format off */
static const sl_errno_def table[] = {
    {"ENODEV", 19, 43, 0},
    {"ENOCSI", 50, 111, 0},
    {"EHOSTUNREACH", 113, 23, 0},
    {"ENOMSG", 42, 49, 0},
    {"EUCLEAN", 117, 143, 0},
    {"EL2NSYNC", 45, 156, 0},
    {"EL2HLT", 51, 112, 0},
    {"ENODATA", 61, 116, 0},
    {"ENOTBLK", 15, 105, 0},
    {"ENOSYS", 38, 52, 0},
    {"EPIPE", 32, 64, SL_ERRNO_NET},
    {"EINVAL", 22, 28, SL_ERRNO_NET},
    {"EOVERFLOW", 75, 61, 0},
    {"EADV", 68, 122, 0},
    {"EINTR", 4, 27, 0},
    {"EUSERS", 87, 136, 0},
    {"ENOTEMPTY", 39, 55, 0},
    {"ENOBUFS", 105, 42, 0},
    {"EPROTO", 71, 65, 0},
    {"EREMOTE", 66, 121, 0},
    {"ENAVAIL", 119, 145, 0},
    {"ECHILD", 10, 12, 0},
    {"ELOOP", 40, 32, 0},
    {"EXDEV", 18, 75, 0},
    {"E2BIG", 7, 1, 0},
    {"ESRCH", 3, 71, 0},
    {"EMSGSIZE", 90, 35, 0},
    {"EAFNOSUPPORT", 97, 5, 0},
    {"EBADR", 53, 114, 0},
    {"EHOSTDOWN", 112, 142, 0},
    {"EPFNOSUPPORT", 96, 139, 0},
    {"ENOPROTOOPT", 92, 50, 0},
    {"EBUSY", 16, 10, 0},
    {"EWOULDBLOCK", 11, 6, 0},
    {"EBADFD", 77, 127, 0},
    {"EDOTDOT", 73, 125, 0},
    {"EISCONN", 106, 30, SL_ERRNO_NET},
    {"ENOANO", 55, 104, 0},
    {"ESHUTDOWN", 108, 140, 0},
    {"ECHRNG", 44, 106, 0},
    {"ELIBBAD", 80, 130, 0},
    {"ENONET", 64, 119, 0},
    {"EBADE", 52, 113, 0},
    {"EBADF", 9, 8, SL_ERRNO_NET},
    {"EMULTIHOP", 72, 36, 0},
    {"EIO", 5, 29, 0},
    {"EUNATCH", 49, 110, 0},
    {"EPROTOTYPE", 91, 67, 0},
    {"ENOSPC", 28, 51, 0},
    {"ENOEXEC", 8, 45, 0},
    {"EALREADY", 114, 7, 0},
    {"ENETDOWN", 100, 38, 0},
    {"ENOTNAM", 118, 144, 0},
    {"EACCES", 13, 2, 0},
    {"ELNRNG", 48, 109, 0},
    {"EILSEQ", 84, 25, 0},
    {"ENOTDIR", 20, 54, 0},
    {"ENOTUNIQ", 76, 126, 0},
    {"EPERM", 1, 63, 0},
    {"EDOM", 33, 18, 0},
    {"EXFULL", 54, 115, 0},
    {"ECONNREFUSED", 111, 14, SL_ERRNO_NET},
    {"EISDIR", 21, 31, 0},
    {"EPROTONOSUPPORT", 93, 66, 0},
    {"EROFS", 30, 69, 0},
    {"EADDRNOTAVAIL", 99, 4, SL_ERRNO_NET},
    {"EIDRM", 43, 24, 0},
    {"ECOMM", 70, 124, 0},
    {"ESRMNT", 69, 123, 0},
    {"EREMOTEIO", 121, 147, 0},
    {"EL3RST", 47, 108, 0},
    {"EBADMSG", 74, 9, 0},
    {"ENFILE", 23, 41, 0},
    {"ELIBMAX", 82, 132, 0},
    {"ESPIPE", 29, 70, 0},
    {"ENOLINK", 67, 47, 0},
    {"ENETRESET", 102, 39, 0},
    {"ETIMEDOUT", 110, 73, 0},
    {"ENOENT", 2, 44, 0},
    {"EEXIST", 17, 20, 0},
    {"EDQUOT", 122, 19, 0},
    {"ENOSTR", 60, 100, 0},
    {"EBADSLT", 57, 102, 0},
    {"EBADRQC", 56, 103, 0},
    {"ELIBACC", 79, 129, 0},
    {"EFAULT", 14, 21, 0},
    {"EFBIG", 27, 22, 0},
    {"EDEADLK", 35, 16, 0},
    {"ENOTCONN", 107, 53, SL_ERRNO_NET},
    {"EDESTADDRREQ", 89, 17, 0},
    {"ELIBSCN", 81, 131, 0},
    {"ENOLCK", 37, 46, 0},
    {"EISNAM", 120, 146, 0},
    {"ECONNABORTED", 103, 13, 0},
    {"ENETUNREACH", 101, 40, SL_ERRNO_NET},
    {"ESTALE", 116, 72, 0},
    {"ENOSR", 63, 118, 0},
    {"ENOMEM", 12, 48, 0},
    {"ENOTSOCK", 88, 57, 0},
    {"ESTRPIPE", 86, 135, 0},
    {"EMLINK", 31, 34, 0},
    {"ERANGE", 34, 68, 0},
    {"ELIBEXEC", 83, 133, 0},
    {"EL3HLT", 46, 107, 0},
    {"ECONNRESET", 104, 15, SL_ERRNO_NET},
    {"EADDRINUSE", 98, 3, SL_ERRNO_NET},
    {"EOPNOTSUPP", 95, 138, 0},
    {"EREMCHG", 78, 128, 0},
    {"EAGAIN", 11, 6, SL_ERRNO_NET},
    {"ENAMETOOLONG", 36, 37, 0},
    {"ENOTTY", 25, 59, 0},
    {"ERESTART", 85, 134, 0},
    {"ESOCKTNOSUPPORT", 94, 137, 0},
    {"ETIME", 62, 117, 0},
    {"EBFONT", 59, 101, 0},
    {"EDEADLOCK", 35, 16, 0},
    {"ETOOMANYREFS", 109, 141, 0},
    {"EMFILE", 24, 33, 0},
    {"ETXTBSY", 26, 74, 0},
    {"EINPROGRESS", 115, 26, SL_ERRNO_NET},
    {"ENXIO", 6, 60, 0},
    {"ENOPKG", 65, 120, 0},
    {"ENOMEDIUM", 123, 148, 0},
    {"EMEDIUMTYPE", 124, 149, 0},
    {"ECANCELED", 125, 11, 0},
    {"ENOKEY", 126, 150, 0},
    {"EHWPOISON", -1, 155, SL_ERRNO_314},
    {"EKEYEXPIRED", 127, 151, 0},
    {"EKEYREVOKED", 128, 152, 0},
    {"EKEYREJECTED", 129, 153, 0},
    {"EOWNERDEAD", 130, 62, 0},
    {"ENOTRECOVERABLE", 131, 56, 0},
    {"ERFKILL", 132, 154, 0},
    {"ENOTSUP", 95, 138, 0},
};
/* clang-format on */

const sl_errno_def *sl_errno_table(size_t *n) {
  *n = sizeof table / sizeof table[0];
  return table;
}

bool sl_errno_present(const sl_profile *p, const sl_errno_def *d) {
  if (!p->errno_wasi) return d->linux_no >= 0;
  return !(d->flags & SL_ERRNO_314) || p->errno_ehwpoison;
}

int sl_errno_value(const sl_profile *p, const sl_errno_def *d) {
  return p->errno_wasi && !(d->flags & SL_ERRNO_NET) ? d->wasi_no : d->linux_no;
}

int sl_errno_code(const sl_profile *p, const sl_errno_def *d) {
  return p->errno_wasi ? d->wasi_no : d->linux_no;
}

/* _PyExc_InitState's errnomap: each name's C number selects a subclass. */
static const struct {
  const char *name;
  sl_exc_id cls;
} errnomap[] = {
    {"EAGAIN", SL_EXC_BLOCKING_IO_ERROR},
    {"EALREADY", SL_EXC_BLOCKING_IO_ERROR},
    {"EINPROGRESS", SL_EXC_BLOCKING_IO_ERROR},
    {"EWOULDBLOCK", SL_EXC_BLOCKING_IO_ERROR},
    {"EPIPE", SL_EXC_BROKEN_PIPE_ERROR},
    {"ESHUTDOWN", SL_EXC_BROKEN_PIPE_ERROR},
    {"ECHILD", SL_EXC_CHILD_PROCESS_ERROR},
    {"ECONNABORTED", SL_EXC_CONNECTION_ABORTED_ERROR},
    {"ECONNREFUSED", SL_EXC_CONNECTION_REFUSED_ERROR},
    {"ECONNRESET", SL_EXC_CONNECTION_RESET_ERROR},
    {"EEXIST", SL_EXC_FILE_EXISTS_ERROR},
    {"ENOENT", SL_EXC_FILE_NOT_FOUND_ERROR},
    {"EISDIR", SL_EXC_IS_A_DIRECTORY_ERROR},
    {"ENOTDIR", SL_EXC_NOT_A_DIRECTORY_ERROR},
    {"EINTR", SL_EXC_INTERRUPTED_ERROR},
    {"EACCES", SL_EXC_PERMISSION_ERROR},
    {"EPERM", SL_EXC_PERMISSION_ERROR},
    {"ESRCH", SL_EXC_PROCESS_LOOKUP_ERROR},
    {"ETIMEDOUT", SL_EXC_TIMEOUT_ERROR},
};

sl_exc_id sl_errno_oserror_class(const sl_profile *p, int64_t n) {
  for (size_t i = 0; i < sizeof errnomap / sizeof errnomap[0]; i++)
    for (size_t k = 0; k < sizeof table / sizeof table[0]; k++)
      if (!strcmp(table[k].name, errnomap[i].name) && sl_errno_code(p, &table[k]) == n)
        return errnomap[i].cls;
  return SL_EXC_OS_ERROR;
}
