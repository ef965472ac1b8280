/* The program's own modules on disk (modfind.h). */
#define _POSIX_C_SOURCE 200809L
#include "sim/modfind.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/lang/parser.h"
#include "core/strbuf.h"

/* One module name asked for: found or not, parsed or not. */
typedef struct entry {
  char *name;
  int status; /* 1 found, 0 no such file, -1 does not parse (diag) */
  char *path, *src;
  size_t len;
  sl_ast_module *mod;
  bool package;
  /* A namespace package (PEP 420): the folders named like it, in search
   * order; path is the first, src empty. */
  char **portions;
  size_t nportions;
  sl_diag diag;
} entry;

struct sl_modfind {
  char **dirs; /* absolute */
  size_t ndirs;
  entry *e;
  size_t n, cap;
};

bool sl_abspath(const char *path, char *out, size_t size) {
  char buf[PATH_MAX * 2];
  if (path[0] == '/') {
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) return false;
  } else {
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) return false;
    if (snprintf(buf, sizeof buf, "%s/%s", cwd, path) >= (int)sizeof buf) return false;
  }
  /* posixpath.normpath: drop empty and '.' parts, '..' removes one. */
  size_t o = 0;
  const char *p = buf;
  while (*p) {
    while (*p == '/') p++;
    const char *e = strchr(p, '/');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    if (n == 0) break;
    if (n == 1 && p[0] == '.') {
    } else if (n == 2 && p[0] == '.' && p[1] == '.') {
      while (o > 0 && out[o - 1] != '/') o--;
      if (o > 0) o--;
    } else {
      if (o + 1 + n + 1 > size) return false;
      out[o++] = '/';
      memcpy(out + o, p, n);
      o += n;
    }
    p += n;
  }
  if (o == 0) {
    if (size < 2) return false;
    out[o++] = '/';
  }
  out[o] = '\0';
  return true;
}

static bool is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *dup_str(const char *s) { return sl_strndup(s, strlen(s)); }

static void drop_portions(entry *e) {
  for (size_t k = 0; k < e->nportions; k++) sl_free(e->portions[k]);
  sl_free(e->portions);
  e->portions = NULL;
  e->nportions = 0;
}

sl_modfind *sl_modfind_new(const char *scenario_path, const char *const *dirs, size_t ndirs) {
  sl_modfind *f = sl_calloc(1, sizeof *f);
  if (!f) return NULL;
  f->dirs = sl_calloc(ndirs + 1, sizeof *f->dirs);
  if (!f->dirs) {
    sl_free(f);
    return NULL;
  }
  char abs[PATH_MAX];
  /* The scenario's folder: sys.path[0] is dirname(abspath(script)). */
  if (scenario_path && sl_abspath(scenario_path, abs, sizeof abs)) {
    char *slash = strrchr(abs, '/');
    if (slash == abs)
      slash[1] = '\0';
    else if (slash)
      *slash = '\0';
    if (!(f->dirs[f->ndirs++] = dup_str(abs))) goto nomem;
  }
  for (size_t i = 0; i < ndirs; i++) {
    if (!sl_abspath(dirs[i], abs, sizeof abs)) continue;
    if (!(f->dirs[f->ndirs++] = dup_str(abs))) goto nomem;
  }
  return f;
nomem:
  sl_modfind_free(f);
  return NULL;
}

void sl_modfind_free(sl_modfind *f) {
  if (!f) return;
  for (size_t i = 0; i < f->ndirs; i++) sl_free(f->dirs[i]);
  sl_free(f->dirs);
  for (size_t i = 0; i < f->n; i++) {
    sl_free(f->e[i].name);
    sl_free(f->e[i].path);
    sl_free(f->e[i].src);
    sl_ast_free(f->e[i].mod);
    drop_portions(&f->e[i]);
  }
  sl_free(f->e);
  sl_free(f);
}

static entry *lookup(sl_modfind *f, const char *name) {
  for (size_t i = 0; i < f->n; i++)
    if (!strcmp(f->e[i].name, name)) return &f->e[i];
  return NULL;
}

/* Where module `leaf` of folder `dir` is: pkg/__init__.py, then leaf.py. */
static bool locate(const char *dir, const char *leaf, char *path, size_t size, bool *package) {
  if (snprintf(path, size, "%s/%s/__init__.py", dir, leaf) < (int)size && is_file(path)) {
    *package = true;
    return true;
  }
  *package = false;
  return snprintf(path, size, "%s/%s.py", dir, leaf) < (int)size && is_file(path);
}

static char *read_all(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (!fp) return NULL;
  sl_strbuf b = SL_STRBUF_INIT;
  char chunk[8192];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) sl_strbuf_append(&b, chunk, n);
  bool bad = ferror(fp);
  fclose(fp);
  if (bad || b.failed) {
    sl_strbuf_free(&b);
    return NULL;
  }
  sl_strbuf_putc(&b, '\0');
  char *data = sl_strbuf_take(&b, len);
  if (data) (*len)--;
  return data;
}

/* Records folder `dir` as a portion of namespace package e. */
static bool add_portion(entry *e, const char *dir) {
  char **grown = sl_realloc(e->portions, (e->nportions + 1) * sizeof *grown);
  if (!grown) return false;
  e->portions = grown;
  return (e->portions[e->nportions] = dup_str(dir)) && ++e->nportions;
}

/* importlib's PathFinder over `dirs`: the first package or module file
 * wins; a folder without __init__.py is remembered and, when no file is
 * found in any of them, the folders make a namespace package (PEP 420).
 * 1: a file at path; 0: nothing (or a namespace, e->nportions > 0); -1: no
 * memory. */
static int scan(entry *e, const char *const *dirs, size_t ndirs, const char *leaf, char *path,
                size_t size) {
  for (size_t i = 0; i < ndirs; i++) {
    if (locate(dirs[i], leaf, path, size, &e->package)) {
      drop_portions(e);
      return 1;
    }
    char folder[PATH_MAX];
    if (snprintf(folder, sizeof folder, "%s/%s", dirs[i], leaf) < (int)sizeof folder &&
        is_dir(folder) && !add_portion(e, folder))
      return -1;
  }
  return 0;
}

/* A namespace package: no file, an empty body, __path__ its portions. */
static void load_namespace(entry *e) {
  static const char empty[] = "";
  e->package = true;
  e->path = dup_str(e->portions[0]);
  e->src = dup_str(empty);
  e->mod = e->path && e->src ? sl_parse(e->path, e->src, 0, &e->diag) : NULL;
  if (!e->mod && e->diag.kind == SL_DIAG_NONE) sl_diag_set_nomem(&e->diag, e->name);
  e->status = e->mod ? 1 : -1;
}

/* Looks the module up on disk and parses it, filling e. */
static void load(sl_modfind *f, entry *e) {
  const char *name = e->name;
  const char *dot = strrchr(name, '.');
  char path[PATH_MAX];
  int found;
  if (dot) {
    /* A submodule: only in its package's folder(s). */
    char parent[256];
    size_t pn = (size_t)(dot - name);
    if (pn >= sizeof parent) return;
    memcpy(parent, name, pn);
    parent[pn] = '\0';
    entry *p = lookup(f, parent);
    if (!p || p->status != 1 || !p->package) return;
    if (p->nportions) {
      found = scan(e, (const char *const *)p->portions, p->nportions, dot + 1, path, sizeof path);
    } else {
      char dir[PATH_MAX];
      snprintf(dir, sizeof dir, "%s", p->path);
      char *slash = strrchr(dir, '/');
      if (slash) *slash = '\0';
      const char *dirs[] = {dir};
      found = scan(e, dirs, 1, dot + 1, path, sizeof path);
    }
  } else {
    found = scan(e, (const char *const *)f->dirs, f->ndirs, name, path, sizeof path);
  }
  if (found < 0) {
    e->status = -1;
    sl_diag_set_nomem(&e->diag, name);
    return;
  }
  if (!found) {
    if (e->nportions) load_namespace(e);
    return;
  }
  e->path = dup_str(path);
  e->src = e->path ? read_all(path, &e->len) : NULL;
  if (!e->path || !e->src) {
    e->status = -1;
    if (e->path && errno != ENOMEM)
      sl_diag_set(&e->diag, SL_DIAG_SYNTAX, path, NULL, 0, 0, 0, 0, NULL, NULL,
                  "cannot read the module: %s", strerror(errno));
    else
      sl_diag_set_nomem(&e->diag, path);
    return;
  }
  e->mod = sl_parse(e->path, e->src, e->len, &e->diag);
  e->status = e->mod ? 1 : -1;
}

static int find(void *ctx, const char *name, sl_modfile *out, sl_diag *diag) {
  sl_modfind *f = ctx;
  entry *e = lookup(f, name);
  if (!e) {
    if (f->n == f->cap) {
      size_t cap = f->cap ? f->cap * 2 : 8;
      entry *g = sl_realloc(f->e, cap * sizeof *g);
      if (!g) {
        sl_diag_set_nomem(diag, name);
        return -1;
      }
      f->e = g;
      f->cap = cap;
    }
    e = &f->e[f->n];
    memset(e, 0, sizeof *e);
    if (!(e->name = dup_str(name))) {
      sl_diag_set_nomem(diag, name);
      return -1;
    }
    f->n++;
    load(f, e);
  }
  if (e->status < 0) {
    *diag = e->diag;
    return -1;
  }
  if (e->status == 0) return 0;
  *out = (sl_modfile){.name = e->name,
                      .path = e->path,
                      .src = e->src,
                      .len = e->len,
                      .mod = e->mod,
                      .package = e->package,
                      .portions = (const char *const *)e->portions,
                      .nportions = e->nportions};
  return 1;
}

sl_modfinder sl_modfind_finder(sl_modfind *f) { return (sl_modfinder){.find = find, .ctx = f}; }
