/* Tests of core/num/bigint.h: every line of tests/unit/bigint_vectors.txt
 * (randomised operands whose results real CPython computed, written by
 * gen_bigint_vectors.py) is recomputed here and compared, plus an
 * out-of-memory sweep over the operations that allocate. */
#define _POSIX_C_SOURCE 200809L
// clang-format off
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
// clang-format on

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/num/bigint.h"

/* Parses signed hexadecimal ("-1f") into x. */
static void parse_hex(const char *s, sl_bigint *x) {
  bool neg = *s == '-';
  if (neg) s++;
  size_t n = strlen(s);
  unsigned char *digits = malloc(n + 1);
  assert_non_null(digits);
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    digits[i] = (unsigned char)(c <= '9' ? c - '0' : c - 'a' + 10);
  }
  sl_bigint_init(x);
  assert_int_equal(sl_bigint_from_digits(x, digits, n, 16, neg), SL_NUM_OK);
  free(digits);
}

/* Signed hexadecimal of x, malloc'd. */
static char *to_hex(const sl_bigint *x) {
  sl_strbuf b = SL_STRBUF_INIT;
  if (x->sign < 0) sl_strbuf_putc(&b, '-');
  assert_int_equal(sl_bigint_to_pow2(x, 4, false, &b), SL_NUM_OK);
  char *s = strdup(sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return s;
}

static double parse_fbits(const char *s) {
  uint64_t bits = strtoull(s, NULL, 16);
  double f;
  memcpy(&f, &bits, sizeof f);
  return f;
}

static void fbits(double f, char out[17]) {
  uint64_t bits;
  memcpy(&bits, &f, sizeof bits);
  snprintf(out, 17, "%016" PRIx64, bits);
}

static const char *status_code(sl_num_status st) {
  switch (st) {
  case SL_NUM_ZERO_DIVISION: return "ZD";
  case SL_NUM_OVERFLOW_ERROR: return "OV";
  case SL_NUM_VALUE_ERROR: return "VE";
  default: return "??";
  }
}

/* Computes one vector line's operation; *got is malloc'd text in the
 * file's notation. */
static char *compute(const char *op, const char *sa, const char *sb, const char *sc) {
  sl_bigint a, b, c, r, r2;
  sl_bigint_init(&a);
  sl_bigint_init(&b);
  sl_bigint_init(&c);
  sl_bigint_init(&r);
  sl_bigint_init(&r2);
  char buf[64];
  char *got = NULL;
  sl_num_status st = SL_NUM_OK;
  bool floatarg_a = !strcmp(op, "fromf") || !strcmp(op, "hashf");
  if (!floatarg_a) parse_hex(sa, &a);
  if (*sb && strcmp(op, "cmpf")) parse_hex(sb, &b);
  if (*sc) parse_hex(sc, &c);
  if (!strcmp(op, "add"))
    st = sl_bigint_add(&r, &a, &b);
  else if (!strcmp(op, "sub"))
    st = sl_bigint_sub(&r, &a, &b);
  else if (!strcmp(op, "mul"))
    st = sl_bigint_mul(&r, &a, &b);
  else if (!strcmp(op, "and"))
    st = sl_bigint_bitop(&r, &a, &b, '&');
  else if (!strcmp(op, "or"))
    st = sl_bigint_bitop(&r, &a, &b, '|');
  else if (!strcmp(op, "xor"))
    st = sl_bigint_bitop(&r, &a, &b, '^');
  else if (!strcmp(op, "inv"))
    st = sl_bigint_invert(&r, &a);
  else if (!strcmp(op, "lshift") || !strcmp(op, "rshift") || !strcmp(op, "pow")) {
    int64_t n;
    assert_true(sl_bigint_to_i64(&b, &n));
    st = op[0] == 'l'   ? sl_bigint_lshift(&r, &a, (uint64_t)n)
         : op[0] == 'r' ? sl_bigint_rshift(&r, &a, (uint64_t)n)
                        : sl_bigint_pow(&r, &a, (uint64_t)n);
  } else if (!strcmp(op, "powmod")) {
    st = sl_bigint_powmod(&r, &a, &b, &c);
  } else if (!strcmp(op, "divmod")) {
    st = sl_bigint_divmod(&r, &r2, &a, &b);
    if (!st) {
      char *q = to_hex(&r), *m = to_hex(&r2);
      got = malloc(strlen(q) + strlen(m) + 2);
      sprintf(got, "%s,%s", q, m);
      free(q);
      free(m);
    }
  } else if (!strcmp(op, "tofloat") || !strcmp(op, "truediv")) {
    double f = 0;
    st = op[0] == 't' && op[1] == 'o' ? sl_bigint_to_double(&a, &f) : sl_bigint_truediv(&a, &b, &f);
    if (!st) {
      fbits(f, buf);
      got = strdup(buf);
    }
  } else if (!strcmp(op, "cmpf")) {
    snprintf(buf, sizeof buf, "%d", sl_bigint_cmp_double(&a, parse_fbits(sb)));
    got = strdup(buf);
  } else if (!strcmp(op, "hash") || !strcmp(op, "hashf")) {
    int64_t h = op[4] == 'f' ? sl_double_hash(parse_fbits(sa)) : sl_bigint_hash(&a);
    snprintf(buf, sizeof buf, "%s%" PRIx64, h < 0 ? "-" : "",
             h < 0 ? (uint64_t)0 - (uint64_t)h : (uint64_t)h);
    got = strdup(buf);
  } else if (!strcmp(op, "dec")) {
    sl_strbuf out = SL_STRBUF_INIT;
    st = sl_bigint_to_decimal(&a, &out, 0);
    got = strdup(sl_strbuf_cstr(&out));
    sl_strbuf_free(&out);
  } else if (!strcmp(op, "fromf")) {
    st = sl_bigint_from_double(&r, parse_fbits(sa));
  } else {
    fail_msg("unknown op %s", op);
  }
  if (st) {
    free(got);
    got = strdup(status_code(st));
  } else if (!got) {
    got = to_hex(&r);
  }
  sl_bigint_free(&a);
  sl_bigint_free(&b);
  sl_bigint_free(&c);
  sl_bigint_free(&r);
  sl_bigint_free(&r2);
  return got;
}

static void test_vectors_match_cpython(void **state) {
  (void)state;
  const char *src = getenv("SL_SOURCE_DIR");
  char path[1024];
  snprintf(path, sizeof path, "%s/tests/unit/bigint_vectors.txt", src ? src : ".");
  FILE *f = fopen(path, "rb");
  if (!f) fail_msg("cannot open %s", path);
  size_t cap = 0;
  char *line = NULL;
  ssize_t len;
  int lineno = 0, checked = 0, failed = 0;
  while ((len = getline(&line, &cap, f)) >= 0) {
    lineno++;
    if (len && line[len - 1] == '\n') line[--len] = '\0';
    if (!len || line[0] == '#') continue;
    char *fields[5] = {0};
    char *p = line;
    for (int i = 0; i < 5; i++) {
      fields[i] = p;
      char *tab = strchr(p, '\t');
      if (tab) {
        *tab = '\0';
        p = tab + 1;
      } else {
        assert_int_equal(i, 4);
      }
    }
    char *got = compute(fields[0], fields[1], fields[2], fields[3]);
    if (strcmp(got, fields[4])) {
      if (failed++ < 20)
        fprintf(stderr, "line %d: %s(%s, %s, %s): expected %s, got %s\n", lineno, fields[0],
                fields[1], fields[2], fields[3], fields[4], got);
    }
    free(got);
    checked++;
  }
  free(line);
  fclose(f);
  printf("checked %d vectors\n", checked);
  assert_true(checked > 5000);
  assert_int_equal(failed, 0);
}

/* The 4300-digit limit: exactly 4300 digits convert, 4301 do not. */
static void test_decimal_limit(void **state) {
  (void)state;
  unsigned char digits[4301];
  memset(digits, 9, sizeof digits);
  sl_bigint x;
  sl_bigint_init(&x);
  sl_strbuf out = SL_STRBUF_INIT;
  assert_int_equal(sl_bigint_from_digits(&x, digits, 4300, 10, false), SL_NUM_OK);
  assert_int_equal(sl_bigint_to_decimal(&x, &out, SL_INT_MAX_STR_DIGITS), SL_NUM_OK);
  assert_int_equal(out.len, 4300);
  assert_int_equal(sl_bigint_from_digits(&x, digits, 4301, 10, false), SL_NUM_OK);
  assert_int_equal(sl_bigint_to_decimal(&x, &out, SL_INT_MAX_STR_DIGITS), SL_NUM_VALUE_ERROR);
  sl_strbuf_free(&out);
  sl_bigint_free(&x);
}

/* Every allocation of a division, a power and a decimal conversion can
 * fail: the status says so, nothing leaks (ASan), results stay empty. */
static void test_out_of_memory(void **state) {
  (void)state;
  for (unsigned long k = 1;; k++) {
    sl_bigint a, b, q, m, p;
    sl_bigint_init(&a);
    sl_bigint_init(&b);
    sl_bigint_init(&q);
    sl_bigint_init(&m);
    sl_bigint_init(&p);
    sl_strbuf out = SL_STRBUF_INIT;
    sl_alloc_fail_after(k);
    sl_num_status st = SL_NUM_OK;
    sl_bigint three, seven;
    sl_bigint_set_i64(&three, -3);
    sl_bigint_set_i64(&seven, 7);
    if (!st) st = sl_bigint_pow(&a, &three, 300);
    if (!st) st = sl_bigint_pow(&b, &seven, 90);
    if (!st) st = sl_bigint_divmod(&q, &m, &a, &b);
    if (!st) st = sl_bigint_powmod(&p, &a, &three, &b);
    if (!st) st = sl_bigint_rshift(&p, &a, 77);
    if (!st) st = sl_bigint_to_decimal(&q, &out, 0);
    unsigned long used = sl_alloc_fail_after(0);
    if (st) assert_int_equal(st, SL_NUM_NOMEM);
    sl_strbuf_free(&out);
    sl_bigint_free(&a);
    sl_bigint_free(&b);
    sl_bigint_free(&q);
    sl_bigint_free(&m);
    sl_bigint_free(&p);
    if (!st && used < k) break;
    assert_true(k < 10000);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_vectors_match_cpython),
      cmocka_unit_test(test_decimal_limit),
      cmocka_unit_test(test_out_of_memory),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
