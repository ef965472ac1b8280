/* The program's own modules: `import helpers`, `from pkg import x`, `from
 * .sibling import y` find .py files beside the scenario and in --path
 * directories (docs/language.md "The program's own modules").
 *
 * The language never touches files: whoever runs the program (sim/) hands
 * it a finder that maps a dotted module name to a parsed file. The
 * compiler asks the finder for every module the program imports that is
 * not a standard module and compiles it at once, the same front end as the
 * main file, transitively; so a file that does not parse or uses a
 * construct outside the subset is a compile error naming that file
 * (exit 2), before anything runs. At run time the first import of a module
 * creates the module object, puts it in the run's module table (before its
 * body runs, as CPython's sys.modules does, so circular imports see the
 * partly initialized module), sets __name__, __file__ (and __package__,
 * __path__ for a package) and runs its body once; later imports hand out
 * the same object. A body that raises leaves no module behind.
 *
 * Ownership: the finder and everything it returns (names, paths, sources,
 * trees) belong to the caller and outlive the run; the run copies nothing
 * of them except into its own code objects. The table of compiled modules
 * (sl_lang.user) owns its code objects. */
#ifndef SL_LANG_USERMOD_H
#define SL_LANG_USERMOD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/lang/ast.h"
#include "core/lang/diag.h"
#include "core/object.h"
#include "core/rt.h"

/* One module file, as the finder found it. All pointers are the finder's. */
typedef struct sl_modfile {
  const char *name; /* "helpers", "pkg.sub" */
  const char *path; /* what __file__ shows (absolute, as CPython's sys.path gives it) */
  const char *src;  /* the file's text (tracebacks quote it) */
  size_t len;
  const sl_ast_module *mod; /* the parsed tree */
  bool package;             /* pkg/__init__.py, or a namespace package */
  /* A namespace package (a folder without __init__.py, PEP 420): its
   * folders, which __path__ lists; path is the first, the body empty and
   * __file__ None. nportions 0: a file. */
  const char *const *portions;
  size_t nportions;
} sl_modfile;

/* Finds module `name` (dotted). 1: found, *out filled; 0: no such file;
 * -1: the file exists but does not parse (or no memory): *diag says why,
 * naming the file. */
typedef int (*sl_modfind_fn)(void *ctx, const char *name, sl_modfile *out, sl_diag *diag);

typedef struct sl_modfinder {
  sl_modfind_fn find; /* NULL: the program has no modules of its own */
  void *ctx;
} sl_modfinder;

/* One compiled module of the program (sl_lang.user). */
typedef struct sl_usermod {
  sl_modfile file;
  sl_obj *code; /* owned module code; NULL while it is being compiled */
  bool running; /* its body is running (CPython: __spec__._initializing) */
} sl_usermod;

/* Compile time: makes sure module `name` (and, for `from pkg import x`,
 * nothing else) is compiled. 1: a program module, now compiled; 0: the
 * finder has no such module; -1: it does not parse or compile (*diag
 * filled, naming the module's file) or no memory. A module already being
 * compiled (a circular import) counts as compiled. */
int sl_usermod_compile(sl_rt *rt, const char *name, sl_diag *diag);

/* Run time: the module object for a compiled program module (new
 * reference in *out), running its body on first import. 1: done; 0: not a
 * program module; -1: an exception (the body raised) or no memory. */
int sl_usermod_import(sl_rt *rt, const char *name, sl_value *out);

/* The program module whose file is `path`, or NULL (tracebacks). */
const sl_usermod *sl_usermod_by_path(sl_rt *rt, const char *path);
/* The program module called `name`, or NULL. */
const sl_usermod *sl_usermod_by_name(sl_rt *rt, const char *name);

/* The module name for objects created under `globals` (a class's
 * __module__): "__main__" or the program module's name, a string that
 * lives as long as the finder. */
const char *sl_usermod_name_of(sl_rt *rt, sl_obj *globals);

/* Frees the table (lang_free). */
void sl_usermod_free(sl_rt *rt);

#endif
