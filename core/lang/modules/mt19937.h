/* The Mersenne Twister MT19937 as CPython's random module uses it
 * (Modules/_randommodule.c): the same seeding (init_genrand,
 * init_by_array), the same 32-bit outputs and the same 53-bit doubles, so
 * a scenario's random draws are CPython's bit for bit.
 *
 * Ownership: plain value type, no allocation. */
#ifndef SL_LANG_MT19937_H
#define SL_LANG_MT19937_H

#include <stddef.h>
#include <stdint.h>

#define SL_MT_N 624

typedef struct sl_mt {
  uint32_t state[SL_MT_N];
  int index; /* next word of state to temper; SL_MT_N: regenerate first */
} sl_mt;

/* init_by_array(key, keylen): what random.seed(n) does with the 32-bit
 * words of abs(n), least significant first (keylen >= 1). */
void sl_mt_seed_array(sl_mt *mt, const uint32_t *key, size_t keylen);
/* genrand_uint32 */
uint32_t sl_mt_next32(sl_mt *mt);
/* random(): a double in [0, 1) from 53 random bits (genrand_res53). */
double sl_mt_random(sl_mt *mt);

#endif
