/* explore's --shard option (explore_shard.h). */
#include "sim/explore_shard.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/schedopts.h"

/* --shard K/N, or --shard N with K from the environment: SIMLOOP_SHARD
 * (1-based, for a CI matrix) or JOB_COMPLETION_INDEX (0-based, what a
 * Kubernetes Indexed Job gives each pod). Returns 0, or 1 after the
 * message. */
int sl_explore_parse_shard(const char *v, uint64_t *shard_k, uint64_t *shard_n) {
  uint64_t k = 0, n = 0;
  const char *slash = strchr(v, '/');
  const char *from = NULL, *kv = NULL;
  bool ok;
  if (slash) {
    char kbuf[32];
    size_t klen = (size_t)(slash - v);
    ok = klen < sizeof kbuf;
    if (ok) {
      memcpy(kbuf, v, klen);
      kbuf[klen] = '\0';
      ok = sl_parse_u64(kbuf, &k) && sl_parse_u64(slash + 1, &n);
    }
  } else {
    ok = sl_parse_u64(v, &n);
    if (ok && (kv = getenv("SIMLOOP_SHARD")) && *kv) {
      from = "SIMLOOP_SHARD";
      ok = sl_parse_u64(kv, &k);
    } else if (ok && (kv = getenv("JOB_COMPLETION_INDEX")) && *kv) {
      from = "JOB_COMPLETION_INDEX";
      ok = sl_parse_u64(kv, &k) && k < UINT64_MAX;
      k++;
    } else if (ok) {
      fprintf(stderr,
              "simloop explore: --shard %s: which shard? give K/N, or set SIMLOOP_SHARD (1..N) "
              "or JOB_COMPLETION_INDEX (0..N-1)\n",
              v);
      return 1;
    }
  }
  if (!ok || n < 1 || k < 1 || k > n) {
    if (from)
      fprintf(stderr, "simloop explore: --shard %s: %s='%s' is not a shard of %s\n", v, from, kv,
              v);
    else
      fprintf(stderr, "simloop explore: --shard '%s': expected K/N with 1 <= K <= N\n", v);
    return 1;
  }
  *shard_k = k - 1;
  *shard_n = n;
  return 0;
}
