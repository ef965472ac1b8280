/* Finding the program's own modules on disk (core/lang/usermod.h): the
 * search path is the scenario's folder, then each --path folder, as
 * CPython's sys.path is the script's folder then PYTHONPATH. In each
 * folder `pkg/__init__.py` (a package) is tried before `name.py`, as
 * importlib's FileFinder does; `pkg.sub` is looked for only in the folder
 * of package `pkg`. Folders are made absolute (os.path.abspath), so
 * __file__ and tracebacks name a module's file as CPython does.
 *
 * Each file is read and parsed once per finder and kept (a parse error
 * too), so the many runs of explore or minimize share them.
 *
 * Ownership: the finder owns every name, path, text and tree it hands out;
 * they live until sl_modfind_free. `dirs` are copied. */
#ifndef SL_SIM_MODFIND_H
#define SL_SIM_MODFIND_H

#include <stddef.h>

#include "core/lang/usermod.h"

typedef struct sl_modfind sl_modfind;

/* A finder for the scenario at `scenario_path` (its folder comes first)
 * and `ndirs` more folders. NULL when out of memory. */
sl_modfind *sl_modfind_new(const char *scenario_path, const char *const *dirs, size_t ndirs);
void sl_modfind_free(sl_modfind *f);

/* The interface the language calls. */
sl_modfinder sl_modfind_finder(sl_modfind *f);

/* Writes os.path.abspath(path) into out (at most size bytes); false when
 * it does not fit or the working directory is unknown. */
bool sl_abspath(const char *path, char *out, size_t size);

#endif
