/* Input files: one check, one message (infile.h). */
#include "sim/infile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/quote.h"

static sl_errcode fail(const char *path, const char *reason, sl_strbuf *err) {
  sl_term_escape(err, path, false); /* the message goes to a terminal */
  sl_strbuf_printf(err, ": cannot read: %s\n", reason);
  return SL_EIO;
}

sl_errcode sl_input_check(const char *path, sl_strbuf *err) {
  struct stat st;
  if (stat(path, &st)) return fail(path, strerror(errno), err);
  if (S_ISDIR(st.st_mode)) return fail(path, strerror(EISDIR), err);
  if (access(path, R_OK)) return fail(path, strerror(errno), err);
  return SL_EOK;
}

sl_errcode sl_program_check(const char *path, bool cpython, sl_strbuf *err) {
  const char *test = strstr(path, "::");
  if (!test) return sl_input_check(path, err);
  if (!cpython) {
    sl_term_escape(err, path, false);
    sl_strbuf_puts(err, ": a test of a test file (FILE::TEST) runs under --engine cpython only\n");
    return SL_EINVAL;
  }
  char file[4096];
  if ((size_t)(test - path) >= sizeof file) return fail(path, strerror(ENAMETOOLONG), err);
  memcpy(file, path, (size_t)(test - path));
  file[test - path] = '\0';
  return sl_input_check(file, err);
}

sl_errcode sl_input_read_regular(const char *path, size_t max, sl_strbuf *out, sl_strbuf *err) {
  /* O_NONBLOCK: opening a FIFO must not wait for a writer before the
   * fstat below refuses it. */
  int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return fail(path, strerror(errno), err);
  struct stat st;
  sl_errcode rc = SL_EOK;
  if (fstat(fd, &st))
    rc = fail(path, strerror(errno), err);
  else if (S_ISDIR(st.st_mode))
    rc = fail(path, strerror(EISDIR), err);
  else if (!S_ISREG(st.st_mode))
    rc = fail(path, "not a regular file", err);
  else if ((unsigned long long)st.st_size > max)
    rc = fail(path, "too large", err);
  char buf[65536];
  size_t total = 0;
  while (rc == SL_EOK) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      rc = fail(path, strerror(errno), err);
    else if (n == 0)
      break;
    else if ((total += (size_t)n) > max)
      rc = fail(path, "too large", err); /* it grew while being read */
    else if (sl_strbuf_append(out, buf, (size_t)n), out->failed)
      rc = SL_ENOMEM;
  }
  close(fd);
  return rc;
}
