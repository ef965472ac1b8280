/* Output files: rename over regular files only (sim/outfile.h). */
#define _GNU_SOURCE /* realpath; renameat2 */
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

/* The mode a new file gets: the replaced file's, or 0666 less the umask. */
static mode_t new_mode(const struct stat *st, int exists) {
  if (exists) return st->st_mode & 07777;
  mode_t mask = umask(0);
  umask(mask);
  return 0666 & ~mask;
}

/* A regular file (or none yet): "<target>.tmpPID" beside it, renamed into
 * place by sl_output_close. The new file keeps the mode of the one it
 * replaces. Returns 0 or an errno. */
static int open_temporary(sl_output *o, const char *target, mode_t mode) {
  sl_strbuf tmp = SL_STRBUF_INIT;
  sl_strbuf_printf(&tmp, "%s.tmp%ld", target, (long)getpid());
  if (tmp.failed) return ENOMEM;
  int fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
  if (fd < 0 || fchmod(fd, mode) || !(o->f = fdopen(fd, "w"))) {
    int e = errno;
    if (fd >= 0) {
      close(fd);
      unlink(tmp.data);
    }
    sl_strbuf_free(&tmp);
    return e;
  }
  o->tmp = tmp.data; /* the buffer becomes the owned name */
  o->target = strdup(target);
  if (!o->target) {
    fclose(o->f);
    unlink(o->tmp);
    free(o->tmp);
    return ENOMEM;
  }
  return 0;
}

sl_errcode sl_output_open(sl_output *o, const char *path, sl_strbuf *err) {
  memset(o, 0, sizeof *o);
  o->path = path;
  if (strcmp(path, "-") == 0) {
    o->f = stdout;
    return SL_EOK;
  }
  char *target;
  struct stat st;
  int exists;
  int e = resolve(path, &target, &st, &exists);
  if (!e && exists && S_ISDIR(st.st_mode))
    e = EISDIR;
  else if (!e && exists && !S_ISREG(st.st_mode)) {
    /* A device, FIFO or socket: open what is there and write into it. */
    int fd = open(target, O_WRONLY | O_NOCTTY);
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
      e = errno;
      if (fd >= 0) close(fd);
    }
  } else if (!e)
    e = open_temporary(o, target, new_mode(&st, exists));
  if (target != path) free(target);
  return e ? fail(path, e, err) : SL_EOK;
}

/* Puts the finished temporary file in the target's place; 0 or an errno.
 * An existing regular file is swapped out (RENAME_EXCHANGE) and then
 * removed rather than renamed over: on ext4 a rename over a file first
 * allocates and starts writing every block of the new one (auto_da_alloc)
 * and drops the old one's, which made the rename of a 72 MB trace 30-70 ms,
 * half a recorded run; the swap and unlink take ~2.5 ms. The swap is as
 * atomic for readers as the rename (the target always names a whole file),
 * and the new file is as durable as one written to a fresh name. Anything
 * else (no file there now, no swap on this system) takes the rename. */
static int replace_target(const char *tmp, const char *target) {
#ifdef RENAME_EXCHANGE
  struct stat st;
  if (!lstat(target, &st) && S_ISREG(st.st_mode) &&
      !renameat2(AT_FDCWD, tmp, AT_FDCWD, target, RENAME_EXCHANGE)) {
    unlink(tmp); /* the old file; a failure leaves it, as a crash would */
    return 0;
  }
#endif
  return rename(tmp, target) ? errno : 0;
}

sl_errcode sl_output_close(sl_output *o, bool keep, sl_strbuf *err) {
  if (!o->f) return SL_EOK;
  int e = 0;
  if (ferror(o->f)) e = errno ? errno : EIO;
  if (o->f == stdout) {
    if (fflush(stdout) && !e) e = errno;
  } else if (fclose(o->f) && !e)
    e = errno;
  o->f = NULL;
  if (o->tmp) {
    if (keep && !e) e = replace_target(o->tmp, o->target);
    if (!keep || e) unlink(o->tmp);
    free(o->tmp);
    free(o->target);
    o->tmp = o->target = NULL;
  }
  return keep && e ? fail(o->path, e, err) : SL_EOK;
}

sl_errcode sl_output_write(const char *path, const char *data, size_t len, sl_strbuf *err) {
  sl_output o;
  sl_errcode rc = sl_output_open(&o, path, err);
  if (rc != SL_EOK) return rc;
  if (len && fwrite(data, 1, len, o.f) != len && !errno) errno = EIO;
  return sl_output_close(&o, true, err);
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
