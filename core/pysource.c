/* Where asyncio's Python functions start, per release (see pysource.h).
 * Read from the sources of each interpreter the oracle runs (co_firstlineno
 * of each function): Debian's 3.11.2, pyenv's 3.11.7, Pyodide's 3.12.7,
 * 3.13.2 and 3.14.2. 3.12.1 and 3.13.0 have no interpreter here: they take
 * the line of the nearest release of their series (3.12.7, 3.13.2). */
#include "core/pysource.h"

#include <stdio.h>
#include <string.h>

/* Column of each release in the table below. */
enum { R3112, R3117, R312, R313, R314, NRELEASES = SL_PYSOURCE_RELEASES };

typedef struct pysource {
  const char *file;
  const char *qualname;
  int line[NRELEASES]; /* 0: not a Python function in that release */
} pysource;

static const pysource sources[] = {
    {"base_events.py", "_run_until_complete_cb", {180, 180, 182, 181, 181}},
    {"tasks.py", "gather.<locals>._done_callback", {754, 764, 767, 820, 810}},
    {"tasks.py", "shield.<locals>._inner_done_callback", {881, 891, 905, 958, 978}},
    {"tasks.py", "shield.<locals>._outer_done_callback", {898, 908, 922, 975, 991}},
    {"tasks.py", "shield.<locals>._clear_awaited_by_callback", {0, 0, 0, 0, 975}},
    {"tasks.py", "_log_on_exception", {0, 0, 0, 0, 911}},
    {"tasks.py", "_wait.<locals>._on_completion", {509, 519, 534, 521, 503}},
    /* 3.13+: _AsCompletedIterator's bound methods (no source). */
    {"tasks.py", "as_completed.<locals>._on_completion", {592, 602, 618, 0, 0}},
    {"tasks.py", "as_completed.<locals>._on_timeout", {586, 596, 612, 0, 0}},
    {"tasks.py", "_release_waiter", {421, 431, 467, 454, 435}},
    {"futures.py", "_set_result_unless_cancelled", {311, 311, 315, 310, 319}},
    {"futures.py", "_chain_future.<locals>._call_check_cancel", {387, 387, 391, 384, 393}},
    {"futures.py", "_chain_future.<locals>._call_set_state", {394, 394, 398, 391, 400}},
    {"futures.py", "_chain_future.<locals>._set_state", {381, 381, 385, 378, 387}},
    /* gh-110894: from 3.11.7 (3.11.2 has no such callback). */
    {"streams.py",
     "StreamReaderProtocol.connection_made.<locals>.callback",
     {0, 248, 248, 242, 242}},
};

int sl__pysource_release(const sl_profile *p) {
  if (p->minor == 11) return p->micro < 7 ? R3112 : R3117;
  if (p->minor == 12) return R312;
  if (p->minor == 13) return R313;
  return R314;
}

const char *sl_pysource_default_dir(const sl_profile *p) {
  switch (sl__pysource_release(p)) {
  case R3112: return "/usr/lib/python3.11";
  case R3117: return "/root/.pyenv/versions/3.11.7/lib/python3.11";
  case R312: return "/lib/python312.zip";
  case R313: return "/lib/python313.zip";
  default: return "/lib/python314.zip";
  }
}

bool sl_pysource_find(const sl_profile *p, const char *qualname, const char **file, int *line) {
  int col = sl__pysource_release(p);
  for (size_t i = 0; i < sizeof sources / sizeof *sources; i++) {
    if (strcmp(sources[i].qualname, qualname) || !sources[i].line[col]) continue;
    *file = sources[i].file;
    *line = sources[i].line[col];
    return true;
  }
  return false;
}
