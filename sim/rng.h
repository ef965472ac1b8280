/* The PRNG behind every seeded decision: xoshiro256** (Blackman & Vigna),
 * seeded through splitmix64, so the same numbers come out on every
 * platform and in the oracle (oracle/simloop_oracle reimplements it).
 * Plain values: nothing to free. */
#ifndef SL_RNG_H
#define SL_RNG_H

#include <stdint.h>

typedef struct sl_rng {
  uint64_t s[4];
} sl_rng;

/* splitmix64: advances *state and returns the next output. */
uint64_t sl_splitmix64(uint64_t *state);
/* Seeds the four words with four splitmix64 outputs of `seed`. */
void sl_rng_seed(sl_rng *r, uint64_t seed);
uint64_t sl_rng_next(sl_rng *r);
/* Uniform in [0, n) by rejection (no modulo bias); n > 0. */
uint64_t sl_rng_below(sl_rng *r, uint64_t n);

#endif
