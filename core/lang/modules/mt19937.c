/* MT19937 (see mt19937.h), written from Matsumoto and Nishimura's paper
 * and the seeding CPython documents in Modules/_randommodule.c. */
#include "core/lang/modules/mt19937.h"

#define MT_M       397
#define MATRIX_A   0x9908b0dfu
#define UPPER_MASK 0x80000000u
#define LOWER_MASK 0x7fffffffu

static void init_genrand(sl_mt *mt, uint32_t s) {
  uint32_t *st = mt->state;
  st[0] = s;
  for (int i = 1; i < SL_MT_N; i++)
    st[i] = 1812433253u * (st[i - 1] ^ (st[i - 1] >> 30)) + (uint32_t)i;
  mt->index = SL_MT_N;
}

void sl_mt_seed_array(sl_mt *mt, const uint32_t *key, size_t keylen) {
  uint32_t *st = mt->state;
  init_genrand(mt, 19650218u);
  size_t i = 1, j = 0;
  size_t k = SL_MT_N > keylen ? SL_MT_N : keylen;
  for (; k; k--) {
    st[i] = (st[i] ^ ((st[i - 1] ^ (st[i - 1] >> 30)) * 1664525u)) + key[j] + (uint32_t)j;
    i++;
    j++;
    if (i >= SL_MT_N) {
      st[0] = st[SL_MT_N - 1];
      i = 1;
    }
    if (j >= keylen) j = 0;
  }
  for (k = SL_MT_N - 1; k; k--) {
    st[i] = (st[i] ^ ((st[i - 1] ^ (st[i - 1] >> 30)) * 1566083941u)) - (uint32_t)i;
    i++;
    if (i >= SL_MT_N) {
      st[0] = st[SL_MT_N - 1];
      i = 1;
    }
  }
  st[0] = 0x80000000u; /* MSB is 1, assuring a non-zero initial array */
}

static void regenerate(sl_mt *mt) {
  static const uint32_t mag01[2] = {0u, MATRIX_A};
  uint32_t *st = mt->state, y;
  int kk;
  for (kk = 0; kk < SL_MT_N - MT_M; kk++) {
    y = (st[kk] & UPPER_MASK) | (st[kk + 1] & LOWER_MASK);
    st[kk] = st[kk + MT_M] ^ (y >> 1) ^ mag01[y & 1u];
  }
  for (; kk < SL_MT_N - 1; kk++) {
    y = (st[kk] & UPPER_MASK) | (st[kk + 1] & LOWER_MASK);
    st[kk] = st[kk + (MT_M - SL_MT_N)] ^ (y >> 1) ^ mag01[y & 1u];
  }
  y = (st[SL_MT_N - 1] & UPPER_MASK) | (st[0] & LOWER_MASK);
  st[SL_MT_N - 1] = st[MT_M - 1] ^ (y >> 1) ^ mag01[y & 1u];
  mt->index = 0;
}

uint32_t sl_mt_next32(sl_mt *mt) {
  if (mt->index >= SL_MT_N) regenerate(mt);
  uint32_t y = mt->state[mt->index++];
  y ^= (y >> 11);
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= (y >> 18);
  return y;
}

double sl_mt_random(sl_mt *mt) {
  uint32_t a = sl_mt_next32(mt) >> 5, b = sl_mt_next32(mt) >> 6;
  return ((double)a * 67108864.0 + (double)b) * (1.0 / 9007199254740992.0);
}
