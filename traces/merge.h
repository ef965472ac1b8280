/* Merging trace databases: `simloop merge A.db B.db ... -o ALL.db`, which
 * gathers the results of explore shards run on several machines
 * (docs/scale.md).
 *
 * Every table of the source is appended to the destination: runs and
 * explore sessions get new ids after the destination's last (and every
 * row pointing at them follows), handle names are shared by name, all
 * other rows are copied as they are. Tables the destination lacks (the
 * explore tables of sim/exploredb.c) are created from the source's own
 * definition. The source is only read.
 *
 * Errors: as tracedb.h (one line in err naming the file). */
#ifndef SL_TRACES_MERGE_H
#define SL_TRACES_MERGE_H

#include "core/errors.h"
#include "core/strbuf.h"
#include "traces/tracedb.h"

/* Appends everything in `src` to `dst` inside one transaction of dst (the
 * whole source or nothing). *runs is set to the number of runs copied. */
sl_errcode sl_tracedb_merge(sl_tracedb *dst, sl_tracedb *src, int64_t *runs, sl_strbuf *err);
/* The same, also giving the id in dst of the first run copied (unchanged
 * when none was). */
sl_errcode sl_tracedb_merge_first(sl_tracedb *dst, sl_tracedb *src, int64_t *runs, int64_t *first,
                                  sl_strbuf *err);

#endif
