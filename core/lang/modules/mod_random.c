/* The `random` module. Mirrors Lib/random.py (Random's methods, the
 * module-level functions bound to one shared instance) on top of
 * Modules/_randommodule.c's generator (mt19937.h), so every draw is
 * CPython's bit for bit for the same seed.
 *
 * The simulated environment (DESIGN.md 4): the shared instance is seeded
 * with a `seed` decision before the module body runs (sl_mod_random_seed
 * below is given it by the VM), and seed() or Random() without an argument
 * take another `seed` decision instead of reading the OS's entropy. */
#include <math.h>
#include <string.h>

#include "core/dict.h"
#include "core/exc.h"
#include "core/identity.h"
#include "core/alloc.h"
#include "core/long.h"
#include "core/lang/modules/mod_random-int.h"
#include "core/lang/modules/sha512.h"
#include "core/lang/ops.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/str.h"
#include "core/tuple.h"

/* ---- the Random object ------------------------------------------------- */

static int random_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);

static int random_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  sl_strbuf_puts(out, "<random.Random object at ");
  return sl_identity_put_end(rt, o, out);
}

const sl_type sl_random_type = {
    .name = "Random", .repr = random_repr, .getattr = random_getattr, .size = sizeof(sl_random)};

/* Seeds from the magnitude's bytes, most significant first (what
 * _randommodule.c's random_seed does with abs(n): init_by_array over its
 * 32-bit words, least significant first; 0 is one zero word). */
static void seed_bytes(sl_random *r, const unsigned char *be, size_t n) {
  while (n && !be[0]) be++, n--;
  uint32_t key[SL_RANDOM_KEY_WORDS] = {0};
  size_t nwords = n ? (n + 3) / 4 : 1; /* n <= 4 * SL_RANDOM_KEY_WORDS (callers) */
  for (size_t i = 0; i < n; i++) {
    size_t from_end = n - 1 - i; /* byte index counted from the least significant */
    key[from_end / 4] |= (uint32_t)be[i] << (8 * (from_end % 4));
  }
  sl_mt_seed_array(&r->mt, key, nwords);
  r->has_gauss = false;
}

void sl_random_seed_u64(sl_random *r, uint64_t mag) {
  unsigned char be[8];
  for (int i = 0; i < 8; i++) be[i] = (unsigned char)(mag >> (56 - 8 * i));
  seed_bytes(r, be, 8);
}

/* seed(str|bytes), version 2: int.from_bytes(a + sha512(a).digest()). */
static int seed_text(sl_rt *rt, sl_random *r, const unsigned char *data, size_t len) {
  /* A longer text would need more key words than seed_bytes keeps; it is
   * refused rather than silently cut. */
  if (len + 64 > 4 * SL_RANDOM_KEY_WORDS)
    return sl_raise(
        rt, SL_EXC_VALUE_ERROR,
        "simloop: random.seed() of a str or bytes longer than %d bytes is not supported",
        4 * SL_RANDOM_KEY_WORDS - 64);
  unsigned char buf[4 * SL_RANDOM_KEY_WORDS];
  memcpy(buf, data, len);
  sl_sha512(data, len, buf + len);
  seed_bytes(r, buf, len + 64);
  return 0;
}

/* CPython's hash(float) (Python/pyhash.c _Py_HashDouble, written from its
 * definition: the value modulo 2**61 - 1, sign kept). The engine's own
 * sl_hash of floats is not CPython's, and a seed must be. */
static int64_t py_hash_double(double v) {
  const int bits = 61;
  const uint64_t mod = ((uint64_t)1 << bits) - 1;
  if (isinf(v)) return v > 0 ? 314159 : -314159;
  int e;
  double m = frexp(v, &e);
  int sign = 1;
  if (m < 0) {
    sign = -1;
    m = -m;
  }
  uint64_t x = 0;
  while (m) {
    x = ((x << 28) & mod) | x >> (bits - 28);
    m *= 268435456.0; /* 2**28 */
    e -= 28;
    uint64_t y = (uint64_t)m;
    m -= (double)y;
    x += y;
    if (x >= mod) x -= mod;
  }
  e = e >= 0 ? e % bits : bits - 1 - ((-1 - e) % bits);
  x = ((x << e) & mod) | x >> (bits - e);
  int64_t h = (int64_t)x * sign;
  return h == -1 ? -2 : h;
}

int sl_random_seed(sl_rt *rt, sl_random *r, sl_value a) {
  switch (a.tag) {
  case SL_V_UNDEF:
  case SL_V_NONE: {
    /* The OS entropy of a real process: a `seed` decision here. */
    uint64_t s = sl_loop_seed_decision(rt);
    if (rt->fatal) return -1;
    sl_random_seed_u64(r, s);
    return 0;
  }
  case SL_V_BOOL: sl_random_seed_u64(r, a.u.b); return 0;
  case SL_V_INT: {
    int64_t i = a.u.i;
    sl_random_seed_u64(r, i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i);
    return 0;
  }
  case SL_V_FLOAT:
    /* _randommodule.c: n = PyLong_FromSize_t((size_t)hash(arg)), no abs. */
    if (isnan(a.u.f))
      return sl_raise(rt, SL_EXC_VALUE_ERROR,
                      "simloop: random.seed(nan) is not supported (CPython seeds it from the "
                      "object's address)");
    sl_random_seed_u64(r, (uint64_t)py_hash_double(a.u.f));
    return 0;
  default: break;
  }
  if (sl_is_str(a))
    return seed_text(rt, r, (const unsigned char *)sl_str_cstr(a.u.o), sl_as_str(a.u.o)->len);
  if (sl_is_type(a, &sl_bytes_type))
    return seed_text(rt, r, sl_as_bytes(a.u.o)->data, sl_as_bytes(a.u.o)->len);
  return sl_raise(
      rt, SL_EXC_TYPE_ERROR, "%s",
      rt->profile->minor >= 13
          ? "The only supported seed types are:\nNone, int, float, str, bytes, and bytearray."
          : "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
}

int sl_random_new(sl_rt *rt, sl_value seed, sl_obj **out) {
  sl_obj *o = sl_obj_alloc(rt, &sl_random_type);
  if (!o) return -1;
  if (sl_random_seed(rt, (sl_random *)o, seed)) {
    sl_decref(rt, o);
    return -1;
  }
  *out = o;
  return 0;
}

/* ---- integers ------------------------------------------------------------ */

static int bit_length(uint64_t v) {
  int n = 0;
  while (v) n++, v >>= 1;
  return n;
}

/* getrandbits(k) for 0 <= k <= 64 (_randommodule.c: words least
 * significant first, the last one shifted down to its bits). */
uint64_t sl_random_bits(sl_random *r, int k) {
  if (k <= 32) return k ? sl_mt_next32(&r->mt) >> (32 - k) : 0;
  uint64_t lo = sl_mt_next32(&r->mt);
  uint64_t hi = sl_mt_next32(&r->mt) >> (64 - k);
  return lo | (hi << 32);
}

/* _randbelow_with_getrandbits(n), n > 0. */
uint64_t sl_random_below(sl_random *r, uint64_t n) {
  int k = bit_length(n);
  uint64_t x = sl_random_bits(r, k);
  while (x >= n) x = sl_random_bits(r, k);
  return x;
}

/* ---- methods ------------------------------------------------------------- */

static sl_random *self_of(sl_value self) { return (sl_random *)self.u.o; }

static int m_seed(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"a", "version"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "Random.seed", names, 2, 0, 2, a)) return -1;
  if (!sl_is_undef(a[1]) && !(a[1].tag == SL_V_INT && a[1].u.i == 2) &&
      (sl_is_str(a[0]) || sl_is_type(a[0], &sl_bytes_type)))
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "simloop: random.seed(version=1) is not supported");
  if (sl_random_seed(rt, self_of(self), a[0])) return -1;
  *out = sl_none();
  return 0;
}

static int m_random(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "random", NULL, 0, 0, 0, NULL)) return -1;
  *out = sl_float(sl_mt_random(&self_of(self)->mt));
  return 0;
}

/* getrandbits(k) for k > 63: _randommodule.c fills 32-bit words from the
 * least significant up, the last one shifted down to its bits, which are
 * exactly the bigint's base 2**32 digits. */
static int big_randbits(sl_rt *rt, sl_random *r, int64_t k, sl_value *out) {
  if ((uint64_t)k > SL_BIGINT_MAX_BITS) return sl_raise_int_overflow(rt);
  size_t words = (size_t)((k - 1) / 32 + 1);
  sl_digit *d = sl_malloc(words * sizeof *d);
  if (!d) return sl_nomem(rt);
  for (size_t i = 0; i < words; i++, k -= 32) {
    uint32_t w = sl_mt_next32(&r->mt);
    d[i] = k < 32 ? w >> (32 - k) : w;
  }
  size_t n = words;
  while (n && !d[n - 1]) n--;
  sl_bigint x;
  sl_bigint_init(&x);
  sl_bigint_view(&x, n ? 1 : 0, d, n);
  int rc = sl_long_from_bigint(rt, &x, out);
  sl_free(d);
  return rc;
}

static int m_getrandbits(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"k"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "getrandbits", names, 1, 1, 1, a)) return -1;
  int64_t k;
  if (!sl_as_index(a[0], &k))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(a[0]));
  /* 3.14 takes k through Argument Clinic's uint64 converter */
  if (k < 0)
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "%s",
                    rt->profile->minor >= 14 ? "Cannot convert negative int"
                                             : "number of bits must be non-negative");
  if (k > 63) return big_randbits(rt, self_of(self), k, out);
  *out = sl_int((int64_t)sl_random_bits(self_of(self), (int)k));
  return 0;
}

/* x - y, x * y, x + y with the language's own arithmetic (int and float
 * mixed exactly as Python mixes them). */
static int arith(sl_rt *rt, sl_ast_binop op, sl_value x, sl_value y, sl_value *out) {
  return sl_binary_op(rt, op, x, y, out);
}

static int m_uniform(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"a", "b"};
  sl_value a[2], d, p;
  if (sl_args_bind(rt, args, "Random.uniform", names, 2, 2, 2, a)) return -1;
  /* return a + (b - a) * self.random() */
  if (arith(rt, SL_BIN_SUB, a[1], a[0], &d)) return -1;
  int rc = arith(rt, SL_BIN_MULT, d, sl_float(sl_mt_random(&self_of(self)->mt)), &p);
  sl_vdecref(rt, d);
  if (rc) return -1;
  rc = arith(rt, SL_BIN_ADD, a[0], p, out);
  sl_vdecref(rt, p);
  return rc;
}

static int m_gauss(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"mu", "sigma"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "Random.gauss", names, 2, 0, 2, a)) return -1;
  sl_random *r = self_of(self);
  double z;
  if (r->has_gauss) {
    z = r->gauss_next;
    r->has_gauss = false;
  } else {
    double x2pi = sl_mt_random(&r->mt) * (2.0 * 3.141592653589793);
    double g2rad = sqrt(-2.0 * log(1.0 - sl_mt_random(&r->mt)));
    z = cos(x2pi) * g2rad;
    r->gauss_next = sin(x2pi) * g2rad;
    r->has_gauss = true;
  }
  /* return mu + z * sigma */
  sl_value p;
  if (arith(rt, SL_BIN_MULT, sl_float(z), sl_is_undef(a[1]) ? sl_float(1.0) : a[1], &p)) return -1;
  int rc = arith(rt, SL_BIN_ADD, sl_is_undef(a[0]) ? sl_float(0.0) : a[0], p, out);
  sl_vdecref(rt, p);
  return rc;
}

static int m_expovariate(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"lambd"};
  sl_value a[1];
  /* 3.12 gave lambd its default 1.0 */
  if (sl_args_bind(rt, args, "Random.expovariate", names, 1, rt->profile->minor >= 12 ? 0 : 1, 1,
                   a))
    return -1;
  /* return -_log(1.0 - self.random()) / lambd */
  double u = sl_mt_random(&self_of(self)->mt);
  return arith(rt, SL_BIN_DIV, sl_float(-log(1.0 - u)), sl_is_undef(a[0]) ? sl_float(1.0) : a[0],
               out);
}

/* _index(x), and 3.11's tolerance of integral floats (with a
 * DeprecationWarning on stderr, which the scenario's output never shows). */
static int rr_index(sl_rt *rt, sl_value v, const char *which, int64_t *out) {
  if (sl_as_index(v, out)) return 0;
  if (rt->profile->minor < 12 && v.tag == SL_V_FLOAT && isfinite(v.u.f)) {
    if (v.u.f != floor(v.u.f))
      return sl_raise(rt, SL_EXC_VALUE_ERROR, "non-integer %s for randrange()", which);
    if (fabs(v.u.f) < 9.2e18) {
      *out = (int64_t)v.u.f;
      return 0;
    }
  }
  return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                  sl_type_name(v));
}

/* f"{x}" for the 3.12+ messages. */
static void put_str(sl_rt *rt, sl_strbuf *b, sl_value v) {
  if (sl_str(rt, v, b)) sl_err_clear(rt);
}

static int empty_range(sl_rt *rt, const char *fn, sl_value start, sl_value stop, sl_value step) {
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_printf(&b, "empty range in %s(", fn);
  put_str(rt, &b, start);
  sl_strbuf_puts(&b, ", ");
  put_str(rt, &b, stop);
  if (!sl_is_undef(step)) {
    sl_strbuf_puts(&b, ", ");
    put_str(rt, &b, step);
  }
  sl_strbuf_putc(&b, ')');
  int rc = b.failed ? sl_nomem(rt) : sl_raise(rt, SL_EXC_VALUE_ERROR, "%s", sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return rc;
}

/* Python's a // b (b != 0; the operands here cannot overflow: |width| and
 * |step| come from int64 indexes whose difference was checked). */
static int64_t floordiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) q--;
  return q;
}

static int randrange(sl_rt *rt, sl_random *r, sl_value start, sl_value stop, sl_value step,
                     sl_value *out) {
  int64_t istart, istop, istep = 1;
  if (rr_index(rt, start, "arg 1", &istart)) return -1;
  if (sl_is_undef(stop) || sl_is_none(stop)) {
    if (!sl_is_undef(step) && !(step.tag == SL_V_INT && step.u.i == 1))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "Missing a non-None stop argument");
    if (istart > 0) {
      *out = sl_int((int64_t)sl_random_below(r, (uint64_t)istart));
      return 0;
    }
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "empty range for randrange()");
  }
  if (rr_index(rt, stop, "stop", &istop)) return -1;
  if (!sl_is_undef(step) && rr_index(rt, step, "step", &istep)) return -1;
  if ((istop < 0 && istart > INT64_MAX + istop) || (istop > 0 && istart < INT64_MIN + istop))
    return sl_raise_int_overflow(rt);
  int64_t width = istop - istart;
  bool old = rt->profile->minor < 12;
  if (istep == 1) {
    if (width > 0) {
      *out = sl_int(istart + (int64_t)sl_random_below(r, (uint64_t)width));
      return 0;
    }
    if (old)
      return sl_raise(rt, SL_EXC_VALUE_ERROR, "empty range for randrange() (%lld, %lld, %lld)",
                      (long long)istart, (long long)istop, (long long)width);
    return empty_range(rt, "randrange", start, stop, sl_undef());
  }
  int64_t n;
  if (istep > 0)
    n = floordiv(width + istep - 1, istep);
  else if (istep < 0)
    n = floordiv(width + istep + 1, istep);
  else
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "zero step for randrange()");
  if (n <= 0) {
    if (old) return sl_raise(rt, SL_EXC_VALUE_ERROR, "empty range for randrange()");
    return empty_range(rt, "randrange", start, stop, step);
  }
  *out = sl_int(istart + istep * (int64_t)sl_random_below(r, (uint64_t)n));
  return 0;
}

static int m_randrange(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"start", "stop", "step"};
  sl_value a[3];
  if (sl_args_bind(rt, args, "Random.randrange", names, 3, 1, 3, a)) return -1;
  return randrange(rt, self_of(self), a[0], a[1], a[2], out);
}

static int m_randint(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"a", "b"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "Random.randint", names, 2, 2, 2, a)) return -1;
  if (rt->profile->minor >= 14) {
    int64_t lo, hi;
    if (!sl_as_index(a[0], &lo) || !sl_as_index(a[1], &hi))
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                      sl_type_name(sl_as_index(a[0], &lo) ? a[1] : a[0]));
    if (hi < lo) return empty_range(rt, "randint", a[0], a[1], sl_undef());
    if (lo < 0 && hi > INT64_MAX + lo) return sl_raise_int_overflow(rt);
    *out = sl_int(lo + (int64_t)sl_random_below(self_of(self), (uint64_t)(hi - lo) + 1));
    return 0;
  }
  /* return self.randrange(a, b+1) */
  sl_value b1;
  if (arith(rt, SL_BIN_ADD, a[1], sl_int(1), &b1)) return -1;
  int rc = randrange(rt, self_of(self), a[0], b1, sl_undef(), out);
  sl_vdecref(rt, b1);
  return rc;
}

static const sl_cfunc_def random_methods[] = {
    {"Random.seed", m_seed, NULL, 0},
    {"Random.random", m_random, NULL, 0},
    {"Random.getrandbits", m_getrandbits, NULL, 0},
    {"Random.uniform", m_uniform, NULL, 0},
    {"Random.gauss", m_gauss, NULL, 0},
    {"Random.expovariate", m_expovariate, NULL, 0},
    {"Random.randrange", m_randrange, NULL, 0},
    {"Random.randint", m_randint, NULL, 0},
    {"Random.choice", sl__random_choice, NULL, 0},
    {"Random.shuffle", sl__random_shuffle, NULL, 0},
    {"Random.sample", sl__random_sample, NULL, 0},
    {"Random.choices", sl__random_choices, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int random_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  int r = sl_methods_lookup(rt, sl_obj_val(o), random_methods, name, out);
  if (r < 0) return -1;
  if (r == 0)
    return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'Random' object has no attribute '%s'", name);
  return 0;
}

/* ---- the module ---------------------------------------------------------- */

/* random.Random(x=None): a new generator (no argument: a `seed` decision). */
static int f_Random(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"x"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "Random", names, 1, 0, 1, a)) return -1;
  sl_obj *o;
  if (sl_random_new(rt, a[0], &o)) return -1;
  *out = sl_obj_val(o);
  return 0;
}

static const sl_cfunc_def f_Random_def = {"Random", f_Random, NULL, 0};

int sl_mod_random_init(sl_rt *rt, sl_obj *module_dict) {
  sl_lang *L = sl_vm_lang(rt);
  /* _inst, seeded with the decision the VM took before the module body. */
  sl_obj *inst = sl_obj_alloc(rt, &sl_random_type);
  if (!inst) return -1;
  sl_random_seed_u64((sl_random *)inst, L ? L->random_seed : 0);
  int rc = sl_stdmod_add(rt, module_dict, "_inst", sl_obj_val(inst));
  for (const sl_cfunc_def *d = random_methods; !rc && d->name; d++) {
    sl_obj *m = sl_cfunc_new(rt, d, sl_obj_val(inst));
    if (!m) {
      rc = -1;
      break;
    }
    rc = sl_stdmod_add(rt, module_dict, strchr(d->name, '.') + 1, sl_obj_val(m));
    sl_decref(rt, m);
  }
  sl_decref(rt, inst);
  if (!rc) rc = sl_stdmod_add_func(rt, module_dict, &f_Random_def);
  return rc;
}
