/* explore's --shard option: which slice of the runs this process makes
 * (docs/scale.md). Plain values: nothing to free. */
#ifndef SL_EXPLORE_SHARD_H
#define SL_EXPLORE_SHARD_H

#include <stdint.h>

/* --shard K/N, or --shard N with K from SIMLOOP_SHARD (1-based) or
 * JOB_COMPLETION_INDEX (0-based): *shard_k = K-1, *shard_n = N. Returns 0,
 * or 1 after the message on stderr. */
int sl_explore_parse_shard(const char *v, uint64_t *shard_k, uint64_t *shard_n);

#endif
