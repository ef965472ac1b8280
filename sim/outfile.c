/* Output files: rename over regular files only (sim/outfile.h). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "sim/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/quote.h"

static sl_errcode fail(const char *path, int errnum, sl_strbuf *err) {
  if (err) {
    sl_term_escape(err, path, false); /* the message goes to a terminal */
    sl_strbuf_printf(err, ": cannot write: %s\n", strerror(errnum));
  }
  return SL_EIO;
}

/* Writes all of data to fd, retrying short writes and EINTR. Returns 0 or
 * the errno of the failure. */
static int write_all(int fd, const char *data, size_t len) {
  while (len > 0) {
    ssize_t n = write(fd, data, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data += n;
    len -= (size_t)n;
  }
  return 0;
}

static sl_errcode write_stdout(const char *data, size_t len, sl_strbuf *err) {
  if (len && fwrite(data, 1, len, stdout) != len) return fail("<stdout>", errno ? errno : EIO, err);
  if (fflush(stdout)) return fail("<stdout>", errno, err);
  return SL_EOK;
}

/* A device, FIFO or socket: open what is there and write into it. */
static sl_errcode write_in_place(const char *path, const char *data, size_t len, sl_strbuf *err) {
  int fd = open(path, O_WRONLY | O_NOCTTY);
  if (fd < 0) return fail(path, errno, err);
  int e = write_all(fd, data, len);
  if (close(fd) && !e) e = errno;
  return e ? fail(path, e, err) : SL_EOK;
}

/* A regular file (or none yet): write "<target>.tmpPID" beside it, then
 * rename. The new file keeps the mode of the one it replaces. */
static sl_errcode write_by_rename(const char *path, const char *target, mode_t mode,
                                  const char *data, size_t len, sl_strbuf *err) {
  sl_strbuf tmp = SL_STRBUF_INIT;
  sl_strbuf_printf(&tmp, "%s.tmp%ld", target, (long)getpid());
  if (tmp.failed) {
    sl_strbuf_free(&tmp);
    return SL_ENOMEM;
  }
  int e = 0;
  int fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
  if (fd < 0) {
    e = errno;
  } else {
    e = write_all(fd, data, len);
    if (!e && fchmod(fd, mode)) e = errno;
    if (close(fd) && !e) e = errno;
    if (!e && rename(tmp.data, target)) e = errno;
    if (e) unlink(tmp.data);
  }
  sl_strbuf_free(&tmp);
  return e ? fail(path, e, err) : SL_EOK;
}

/* Follows `path` to what it names. *target is path itself or a malloc'd
 * resolved name (the caller frees it when it differs from path); *st is
 * filled when the target exists (*exists). Returns 0 or an errno. */
static int resolve(const char *path, char **target, struct stat *st, int *exists) {
  *target = (char *)path;
  *exists = 0;
  struct stat lst;
  if (lstat(path, &lst)) { return errno == ENOENT ? 0 : errno; }
  if (S_ISLNK(lst.st_mode)) {
    char *real = realpath(path, NULL);
    if (!real) return errno; /* ENOENT: a dangling link */
    *target = real;
  }
  if (stat(*target, st)) return errno;
  *exists = 1;
  return 0;
}

sl_errcode sl_output_write(const char *path, const char *data, size_t len, sl_strbuf *err) {
  if (!data) data = "";
  if (strcmp(path, "-") == 0) return write_stdout(data, len, err);
  char *target;
  struct stat st;
  int exists;
  int e = resolve(path, &target, &st, &exists);
  sl_errcode rc;
  if (e)
    rc = fail(path, e, err);
  else if (exists && S_ISDIR(st.st_mode))
    rc = fail(path, EISDIR, err);
  else if (exists && !S_ISREG(st.st_mode))
    rc = write_in_place(target, data, len, err);
  else {
    mode_t mode = exists ? (st.st_mode & 07777) : 0666;
    if (!exists) {
      mode_t mask = umask(0);
      umask(mask);
      mode &= ~mask;
    }
    rc = write_by_rename(path, target, mode, data, len, err);
  }
  if (target != path) free(target);
  return rc;
}

/* The directory part of `path` ("." when there is none), in buf. */
static void dir_of(const char *path, char *buf, size_t size) {
  const char *slash = strrchr(path, '/');
  if (!slash)
    snprintf(buf, size, ".");
  else if (slash == path)
    snprintf(buf, size, "/");
  else
    snprintf(buf, size, "%.*s", (int)(slash - path), path);
}

sl_errcode sl_output_check(const char *path, sl_strbuf *err) {
  if (strcmp(path, "-") == 0) return SL_EOK;
  if (!*path) return fail("''", ENOENT, err);
  char *target;
  struct stat st;
  int exists;
  int e = resolve(path, &target, &st, &exists);
  if (!e && exists && S_ISDIR(st.st_mode))
    e = EISDIR;
  else if (!e && exists && !S_ISREG(st.st_mode)) {
    int fd = open(target, O_WRONLY | O_NOCTTY | O_NONBLOCK);
    /* A FIFO without a reader yet refuses a non-blocking open with ENXIO;
     * the real write later blocks until one comes, as the shell's does. */
    if (fd < 0 && errno != ENXIO) e = errno;
    if (fd >= 0) close(fd);
  } else if (!e) {
    char dir[PATH_MAX];
    dir_of(target, dir, sizeof dir);
    if (access(dir, W_OK)) e = errno;
  }
  if (target != path) free(target);
  return e ? fail(path, e, err) : SL_EOK;
}
