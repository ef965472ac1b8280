/* Builtins, methods, operators and formatting, end to end through the VM:
 * each case of builtins_cases.txt is a small program whose stdout must be
 * exactly what CPython printed for each version listed (the file is made
 * by gen_builtins_cases.py from real CPython 3.11-3.14). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang/parser.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "sim/vselector.h"

typedef struct bcase {
  char name[32];
  int minors[4];
  int nminors;
  char *src, *expect;
} bcase;

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  *len = fread(buf, 1, (size_t)n, f);
  buf[*len] = 0;
  fclose(f);
  return buf;
}

/* Splits the file into cases in place (the text is modified). */
static size_t parse_cases(char *text, bcase *cases, size_t max) {
  size_t n = 0;
  char *p = text;
  while ((p = strstr(p, "@@ case ")) && n < max) {
    bcase *c = &cases[n];
    char *eol = strchr(p, '\n');
    *eol = 0;
    char *tok = strtok(p + 8, " ");
    snprintf(c->name, sizeof c->name, "%s", tok);
    c->nminors = 0;
    while ((tok = strtok(NULL, " ")) && c->nminors < 4) c->minors[c->nminors++] = atoi(tok);
    c->src = eol + 1;
    char *ex = strstr(c->src, "@@ expect\n");
    *ex = 0;
    c->expect = ex + 10;
    char *end = strstr(c->expect, "@@ end\n");
    *end = 0;
    p = end + 7;
    n++;
  }
  return n;
}

/* Runs `src` under profile 3.<minor>; returns 0 and the output in *out. */
static int run_program(const char *src, int minor, sl_strbuf *out) {
  char version[8];
  snprintf(version, sizeof version, "3.%d", minor);
  sl_rt *rt = sl_rt_new(sl_profile_find(version), NULL);
  if (!rt) return -1;
  /* The virtual clock, so time.sleep() moves it (seeds keep their 0). */
  sl_vselector vs = {.now = 0.0};
  sl_vselector_install(rt, &vs);
  int rc = -1;
  sl_diag d;
  sl_diag_clear(&d);
  size_t len = strlen(src);
  sl_ast_module *m = NULL;
  sl_obj *code = NULL;
  if (sl_vm_init(rt, "<case>", src, len)) goto done;
  sl_vm_lang(rt)->out_buf = out;
  m = sl_parse("<case>", src, len, &d);
  if (!m) {
    sl_diag_format(&d, out);
    goto done;
  }
  code = sl_vm_compile(rt, m, &d);
  if (!code) {
    sl_diag_format(&d, out);
    goto done;
  }
  rc = sl_vm_run_module(rt, code);
  if (rc && rt->exc) {
    sl_strbuf_puts(out, "UNCAUGHT ");
    sl_vm_format_traceback(rt, rt->exc, out);
  }
done:
  sl_decref(rt, code);
  sl_ast_free(m);
  sl_diag_clear(&d);
  sl_rt_free(rt);
  return rc;
}

/* Runs every case of tests/unit/<file> under each profile it lists. */
static void run_case_file_min(const char *file, size_t min_cases) {
  char path[4096];
  const char *dir = getenv("SL_SOURCE_DIR");
  snprintf(path, sizeof path, "%s/tests/unit/%s", dir ? dir : ".", file);
  size_t len;
  char *text = read_file(path, &len);
  assert_non_null(text);
  static bcase cases[4096];
  size_t n = parse_cases(text, cases, 4096);
  assert_true(n >= min_cases);
  int failures = 0, runs = 0;
  for (size_t i = 0; i < n; i++) {
    for (int k = 0; k < cases[i].nminors; k++) {
      sl_strbuf out = SL_STRBUF_INIT;
      run_program(cases[i].src, cases[i].minors[k], &out);
      runs++;
      if (strcmp(sl_strbuf_cstr(&out), cases[i].expect) != 0) {
        failures++;
        fprintf(stderr, "--- case %s (3.%d)\n%s--- expected\n%s--- got\n%s\n", cases[i].name,
                cases[i].minors[k], cases[i].src, cases[i].expect, sl_strbuf_cstr(&out));
      }
      sl_strbuf_free(&out);
    }
  }
  fprintf(stderr, "%s: %d of %d case runs match CPython\n", file, runs - failures, runs);
  free(text);
  assert_int_equal(failures, 0);
}

static void run_case_file(const char *file) { run_case_file_min(file, 101); }

static void test_cases_match_cpython(void **state) { run_case_file("builtins_cases.txt"); }

/* The standard modules (random, time) in the simulated environment:
 * gen_stdlib_cases.py. */
static void test_stdlib_cases_match_cpython(void **state) { run_case_file("stdlib_cases.txt"); }

/* The datetime module: gen_datetime_cases.py. */
static void test_datetime_cases_match_cpython(void **state) { run_case_file("datetime_cases.txt"); }

/* io.StringIO/BytesIO, redirect_stdout and argparse: gen_io_cases.py. */
static void test_io_cases_match_cpython(void **state) { run_case_file_min("io_cases.txt", 114); }

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cases_match_cpython),
      cmocka_unit_test(test_stdlib_cases_match_cpython),
      cmocka_unit_test(test_datetime_cases_match_cpython),
      cmocka_unit_test(test_io_cases_match_cpython),
  };
  return cmocka_run_group_tests_name("builtins", tests, NULL, NULL);
}
