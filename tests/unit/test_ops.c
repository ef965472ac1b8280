/* The C API of the value semantics: dict/set tables (core/dict.c) and the
 * generic protocols of core/lang/ops.h, called directly (no VM). The
 * end-to-end comparison with CPython is test_builtins.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/dict-int.h"
#include "core/lang/value.h"
#include "core/long.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

static sl_value S(sl_rt *rt, const char *s) { return sl_obj_val(sl_str_from_cstr(rt, s)); }

static void expect_repr(sl_rt *rt, sl_value v, const char *want) {
  sl_strbuf b = SL_STRBUF_INIT;
  assert_int_equal(sl_repr(rt, v, &b), 0);
  assert_string_equal(sl_strbuf_cstr(&b), want);
  sl_strbuf_free(&b);
}

/* The pending exception's "Type: message". */
static void expect_error(sl_rt *rt, const char *want) {
  assert_non_null(rt->exc);
  sl_strbuf b = SL_STRBUF_INIT;
  sl_exc_format_only(rt, rt->exc, &b);
  assert_string_equal(sl_strbuf_cstr(&b), want);
  sl_strbuf_free(&b);
  sl_err_clear(rt);
}

static void test_dict_insertion_order_and_deletes(void **state) {
  sl_rt *rt = sl_rt_new(NULL, NULL);
  sl_obj *d = sl_dict_new(rt);
  for (int i = 0; i < 1000; i++) assert_int_equal(sl_dict_set(rt, d, sl_int(i), sl_int(i * 2)), 0);
  for (int i = 0; i < 1000; i += 2) {
    bool found;
    assert_int_equal(sl_dict_del(rt, d, sl_int(i), &found), 0);
    assert_true(found);
  }
  assert_int_equal(sl_dict_len(d), 500);
  size_t pos = 0;
  sl_value k, v;
  int64_t expect = 1;
  while (sl_dict_next(d, &pos, &k, &v)) {
    assert_int_equal(k.u.i, expect);
    assert_int_equal(v.u.i, expect * 2);
    expect += 2;
  }
  /* 1 == 1.0 == True as keys, as in Python. */
  bool found;
  sl_value got;
  assert_int_equal(sl_dict_get(rt, d, sl_float(3.0), &got, &found), 0);
  assert_true(found);
  assert_int_equal(got.u.i, 6);
  sl_decref(rt, d);
  sl_rt_free(rt);
}

static void test_dict_str_keys_match_cstr_lookup(void **state) {
  sl_rt *rt = sl_rt_new(NULL, NULL);
  sl_obj *d = sl_dict_new(rt);
  sl_value key = S(rt, "héllo");
  assert_int_equal(sl_dict_set(rt, d, key, sl_int(5)), 0);
  assert_int_equal(sl_dict_set_str(rt, d, "x", sl_int(7)), 0);
  sl_value got;
  bool found;
  assert_int_equal(sl_dict_get_str(rt, d, "héllo", &got, &found), 0);
  assert_true(found);
  assert_int_equal(got.u.i, 5);
  sl_value x = S(rt, "x");
  assert_int_equal(sl_dict_get(rt, d, x, &got, &found), 0);
  assert_true(found);
  assert_int_equal(got.u.i, 7);
  assert_int_equal(sl_dict_get_str(rt, d, "nope", &got, &found), 0);
  assert_false(found);
  expect_repr(rt, sl_obj_val(d), "{'héllo': 5, 'x': 7}");
  sl_vdecref(rt, key);
  sl_vdecref(rt, x);
  sl_decref(rt, d);
  sl_rt_free(rt);
}

static void test_unhashable_keys(void **state) {
  sl_rt *rt = sl_rt_new(sl_profile_find("3.11"), NULL);
  sl_obj *d = sl_dict_new(rt);
  sl_value l = sl_obj_val(sl_list_new(rt, NULL, 0));
  assert_int_equal(sl_dict_set(rt, d, l, sl_none()), -1);
  expect_error(rt, "TypeError: unhashable type: 'list'");
  sl_vdecref(rt, l);
  sl_decref(rt, d);
  sl_rt_free(rt);
  rt = sl_rt_new(sl_profile_find("3.14"), NULL);
  sl_obj *s = sl_set_new(rt);
  l = sl_obj_val(sl_list_new(rt, NULL, 0));
  assert_int_equal(sl_set_add(rt, s, l), -1);
  expect_error(rt, "TypeError: cannot use 'list' as a set element (unhashable type: 'list')");
  sl_vdecref(rt, l);
  sl_decref(rt, s);
  sl_rt_free(rt);
}

static void test_set_repr_and_eq(void **state) {
  sl_rt *rt = sl_rt_new(NULL, NULL);
  sl_obj *s = sl_set_new(rt);
  expect_repr(rt, sl_obj_val(s), "set()");
  sl_set_add(rt, s, sl_int(1));
  sl_set_add(rt, s, sl_int(2));
  sl_set_add(rt, s, sl_bool(true)); /* == 1: not added */
  expect_repr(rt, sl_obj_val(s), "{1, 2}");
  sl_obj *f = sl__htable_copy(rt, s, &sl_frozenset_type);
  expect_repr(rt, sl_obj_val(f), "frozenset({1, 2})");
  bool eq;
  assert_int_equal(sl_eq(rt, sl_obj_val(s), sl_obj_val(f), &eq), 0);
  assert_true(eq);
  sl_decref(rt, s);
  sl_decref(rt, f);
  sl_rt_free(rt);
}

/* Past int64 an int becomes a long object; results that fit come back as
 * tagged int64 values. */
static void test_int_overflow_grows(void **state) {
  sl_rt *rt = sl_rt_new(NULL, NULL);
  sl_value out, back;
  assert_int_equal(sl_binary_op(rt, SL_BIN_ADD, sl_int(INT64_MAX), sl_int(1), &out), 0);
  assert_true(sl_is_long(out));
  expect_repr(rt, out, "9223372036854775808");
  assert_int_equal(sl_binary_op(rt, SL_BIN_SUB, out, sl_int(1), &back), 0);
  assert_int_equal(back.tag, SL_V_INT);
  assert_int_equal(back.u.i, INT64_MAX);
  sl_vdecref(rt, out);
  assert_int_equal(sl_binary_op(rt, SL_BIN_MULT, sl_int(INT64_MIN), sl_int(-1), &out), 0);
  expect_repr(rt, out, "9223372036854775808");
  sl_vdecref(rt, out);
  assert_int_equal(sl_unary_op(rt, SL_UNARY_USUB, sl_int(INT64_MIN), &out), 0);
  expect_repr(rt, out, "9223372036854775808");
  bool eq;
  assert_int_equal(sl_eq(rt, out, sl_float(9223372036854775808.0), &eq), 0);
  assert_true(eq);
  int64_t h;
  assert_int_equal(sl_hash(rt, out, &h), 0);
  assert_int_equal(h, 4); /* 2**63 mod (2**61 - 1) */
  sl_vdecref(rt, out);
  assert_int_equal(sl_binary_op(rt, SL_BIN_LSHIFT, sl_int(1), sl_int(62), &out), 0);
  assert_int_equal(out.u.i, INT64_C(1) << 62);
  assert_int_equal(sl_binary_op(rt, SL_BIN_LSHIFT, sl_int(1), sl_int(64), &out), 0);
  expect_repr(rt, out, "18446744073709551616");
  sl_vdecref(rt, out);
  sl_rt_free(rt);
}

static void test_zero_division_texts_per_version(void **state) {
  static const struct {
    const char *profile;
    sl_ast_binop op;
    bool fl;
    const char *want;
  } cases[] = {
      {"3.11", SL_BIN_MOD, false, "ZeroDivisionError: integer modulo by zero"},
      {"3.11", SL_BIN_MOD, true, "ZeroDivisionError: float modulo"},
      {"3.13", SL_BIN_MOD, true, "ZeroDivisionError: float modulo by zero"},
      {"3.14", SL_BIN_FLOORDIV, false, "ZeroDivisionError: division by zero"},
      {"3.12", SL_BIN_FLOORDIV, false, "ZeroDivisionError: integer division or modulo by zero"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    sl_rt *rt = sl_rt_new(sl_profile_find(cases[i].profile), NULL);
    sl_value out, a = cases[i].fl ? sl_float(1.0) : sl_int(1);
    assert_int_equal(sl_binary_op(rt, cases[i].op, a, sl_int(0), &out), -1);
    expect_error(rt, cases[i].want);
    sl_rt_free(rt);
  }
}

static void test_compare_messages(void **state) {
  sl_rt *rt = sl_rt_new(NULL, NULL);
  sl_value s = S(rt, "a");
  bool res;
  assert_int_equal(sl_compare(rt, SL_CMP_LT, sl_int(1), s, &res), -1);
  expect_error(rt, "TypeError: '<' not supported between instances of 'int' and 'str'");
  assert_int_equal(sl_compare(rt, SL_CMP_GTE, s, sl_none(), &res), -1);
  expect_error(rt, "TypeError: '>=' not supported between instances of 'str' and 'NoneType'");
  assert_int_equal(sl_compare(rt, SL_CMP_LT, sl_int(1), sl_float(1.5), &res), 0);
  assert_true(res);
  assert_int_equal(sl_compare(rt, SL_CMP_IN, s, s, &res), 0);
  assert_true(res);
  sl_vdecref(rt, s);
  sl_rt_free(rt);
}

static void test_slices_and_index_errors(void **state) {
  sl_rt *rt = sl_rt_new(NULL, NULL);
  sl_value items[5] = {sl_int(0), sl_int(1), sl_int(2), sl_int(3), sl_int(4)};
  sl_value l = sl_obj_val(sl_list_new(rt, items, 5));
  sl_obj *sl = sl_slice_new(rt, sl_none(), sl_none(), sl_int(-2));
  sl_value out;
  assert_int_equal(sl_getitem(rt, l, sl_obj_val(sl), &out), 0);
  expect_repr(rt, out, "[4, 2, 0]");
  sl_vdecref(rt, out);
  assert_int_equal(sl_getitem(rt, l, sl_int(5), &out), -1);
  expect_error(rt, "IndexError: list index out of range");
  assert_int_equal(sl_getitem(rt, l, sl_int(-5), &out), 0);
  assert_int_equal(out.u.i, 0);
  assert_int_equal(sl_delitem(rt, l, sl_obj_val(sl)), 0);
  expect_repr(rt, l, "[1, 3]");
  int64_t n;
  assert_int_equal(sl_len(rt, l, &n), 0);
  assert_int_equal(n, 2);
  assert_int_equal(sl_len(rt, sl_int(1), &n), -1);
  expect_error(rt, "TypeError: object of type 'int' has no len()");
  sl_decref(rt, sl);
  sl_vdecref(rt, l);
  sl_rt_free(rt);
}

static void test_iteration_and_views(void **state) {
  sl_rt *rt = sl_rt_new(NULL, NULL);
  sl_obj *d = sl_dict_new(rt);
  sl_dict_set_str(rt, d, "a", sl_int(1));
  sl_dict_set_str(rt, d, "b", sl_int(2));
  sl_value m, view;
  assert_int_equal(sl_lang_getattr(rt, sl_obj_val(d), "items", &m), 0);
  assert_int_equal(sl_call_pos(rt, m, NULL, 0, &view), 0);
  expect_repr(rt, view, "dict_items([('a', 1), ('b', 2)])");
  sl_value it, x;
  assert_int_equal(sl_iter(rt, sl_obj_val(d), &it), 0);
  assert_int_equal(sl_iter_next(rt, it, &x), 1);
  expect_repr(rt, x, "'a'");
  sl_vdecref(rt, x);
  sl_dict_set_str(rt, d, "c", sl_int(3));
  assert_int_equal(sl_iter_next(rt, it, &x), -1);
  expect_error(rt, "RuntimeError: dictionary changed size during iteration");
  sl_value r;
  assert_int_equal(sl_range_new(rt, 0, 10, 3, &r), 0);
  expect_repr(rt, r, "range(0, 10, 3)");
  int64_t n;
  assert_int_equal(sl_len(rt, r, &n), 0);
  assert_int_equal(n, 4);
  sl_vdecref(rt, r);
  sl_vdecref(rt, it);
  sl_vdecref(rt, view);
  sl_vdecref(rt, m);
  sl_decref(rt, d);
  sl_rt_free(rt);
}

static void test_format(void **state) {
  sl_rt *rt = sl_rt_new(NULL, NULL);
  sl_strbuf b = SL_STRBUF_INIT;
  assert_int_equal(sl_format(rt, sl_float(3.14159), ".2f", 3, &b), 0);
  assert_int_equal(sl_format(rt, sl_int(42), ">5", 2, &b), 0);
  assert_int_equal(sl_format(rt, sl_bool(true), "", 0, &b), 0);
  assert_string_equal(sl_strbuf_cstr(&b), "3.14   42True");
  sl_value args[2] = {sl_int(1), S(rt, "x")};
  sl_args a = {args, 2, NULL, NULL, 0};
  sl_strbuf_clear(&b);
  const char *fmt = "{1!r:>4}|{0:03d}|{{}}";
  assert_int_equal(sl_str_format(rt, fmt, strlen(fmt), &a, &b), 0);
  assert_string_equal(sl_strbuf_cstr(&b), " 'x'|001|{}");
  assert_int_equal(sl_format(rt, sl_int(1), "q", 1, &b), -1);
  expect_error(rt, "ValueError: Unknown format code 'q' for object of type 'int'");
  sl_vdecref(rt, args[1]);
  sl_strbuf_free(&b);
  sl_rt_free(rt);
}

/* Every allocation failure in a dict/list workload ends cleanly (no crash,
 * no leak under ASan), as SQLite's malloc tests do. */
/* An allocator that counts live blocks, so the sweep sees a leak. */
static long live_blocks;
static void *counting_malloc(void *ctx, size_t n) {
  void *p = malloc(n);
  if (p) live_blocks++;
  return p;
}
static void *counting_realloc(void *ctx, void *p, size_t n) {
  void *q = realloc(p, n);
  if (q && !p) live_blocks++;
  return q;
}
static void counting_free(void *ctx, void *p) {
  if (p) live_blocks--;
  free(p);
}

/* The swept workload: a dict and a set grown to 40 entries, the set or'ed
 * with itself each time. 0 when it ran to the end, with `out` holding
 * "repr(dict) repr(set)"; -1 when it stopped on a failed allocation. */
static int oom_workload(sl_rt *rt, sl_strbuf *out) {
  sl_obj *d = sl_dict_new(rt), *s = d ? sl_set_new(rt) : NULL;
  int rc = s ? 0 : -1;
  for (int i = 0; rc == 0 && i < 40; i++) {
    sl_value u;
    if (sl_dict_set(rt, d, sl_int(i), sl_int(i)) || sl_set_add(rt, s, sl_int(i * 7)) ||
        sl_binary_op(rt, SL_BIN_BITOR, sl_obj_val(s), sl_obj_val(s), &u))
      rc = -1;
    else
      sl_vdecref(rt, u);
  }
  /* The reprs are taken with failure injection still on: they are part of
   * the workload. */
  if (rc == 0) {
    if (sl_repr(rt, sl_obj_val(d), out)) rc = -1;
    sl_strbuf_putc(out, ' ');
    if (rc == 0 && sl_repr(rt, sl_obj_val(s), out)) rc = -1;
    if (out->failed) rc = -1;
  }
  sl_decref(rt, s);
  sl_decref(rt, d);
  return rc;
}

/* SQLite's sweep (as test_oom.c): allocation k fails, and every later one,
 * for k = 1, 2, ... until the workload makes fewer than k allocations.
 * Each attempt either fails as out of memory or produces exactly the
 * undisturbed result, and frees every block it allocated. */
static void test_out_of_memory_sweep(void **state) {
  const sl_allocator counting = {counting_malloc, counting_realloc, counting_free, NULL};
  sl_set_allocator(&counting);
  sl_strbuf want = SL_STRBUF_INIT;
  sl_rt *rt = sl_rt_new(NULL, NULL);
  assert_non_null(rt);
  sl_alloc_fail_after(0);
  assert_int_equal(oom_workload(rt, &want), 0);
  unsigned long total = sl_alloc_fail_after(0);
  sl_rt_free(rt);
  assert_true(total > 40);

  bool completed = false;
  unsigned long k = 1;
  for (; !completed; k++) {
    long live_before = live_blocks;
    rt = sl_rt_new(NULL, NULL);
    assert_non_null(rt);
    sl_strbuf got = SL_STRBUF_INIT;
    sl_alloc_fail_after(k);
    int rc = oom_workload(rt, &got);
    unsigned long used = sl_alloc_fail_after(0);
    completed = used < k;
    if (rc == 0) {
      if (strcmp(sl_strbuf_cstr(&got), sl_strbuf_cstr(&want)) != 0)
        fail_msg("k=%lu: absorbed failure changed the result:\n%s", k, sl_strbuf_cstr(&got));
    } else {
      assert_false(completed);
      if (rt->fatal != SL_ENOMEM && !got.failed)
        fail_msg("k=%lu: workload failed without an out-of-memory error", k);
    }
    sl_strbuf_free(&got);
    sl_rt_free(rt);
    if (live_blocks != live_before)
      fail_msg("k=%lu: %ld blocks leaked", k, live_blocks - live_before);
    assert_true(k <= total + 1);
  }
  assert_int_equal(k - 1, total + 1); /* swept every allocation, then one clean run */
  print_message("dict/set workload: %lu allocations, every one failed in turn\n", total);
  sl_set_allocator(NULL);
  sl_strbuf_free(&want);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dict_insertion_order_and_deletes),
      cmocka_unit_test(test_dict_str_keys_match_cstr_lookup),
      cmocka_unit_test(test_unhashable_keys),
      cmocka_unit_test(test_set_repr_and_eq),
      cmocka_unit_test(test_int_overflow_grows),
      cmocka_unit_test(test_zero_division_texts_per_version),
      cmocka_unit_test(test_compare_messages),
      cmocka_unit_test(test_slices_and_index_errors),
      cmocka_unit_test(test_iteration_and_views),
      cmocka_unit_test(test_format),
      cmocka_unit_test(test_out_of_memory_sweep),
  };
  return cmocka_run_group_tests_name("ops", tests, NULL, NULL);
}
