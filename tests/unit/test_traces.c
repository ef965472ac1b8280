/* Tests of the trace store: SHA-256, the JSON parser, JSONL round trips,
 * the SQLite schema and its migration, the recorder, and diff. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "traces/diff.h"
#include "traces/json.h"
#include "traces/jsonl.h"
#include "traces/recorder.h"
#include "traces/sha256.h"
#include "traces/show.h"
#include "traces/tracedb.h"

/* ---- helpers ------------------------------------------------------------ */

static const char *src_dir(void) {
  const char *d = getenv("SL_SOURCE_DIR");
  return d ? d : ".";
}

/* The scratch folder of this process's databases: made on first use in
 * the build tree (/tmp when run by hand), removed with its files at exit,
 * so no test leaves a database behind. */
static char scratch[512];

static void remove_scratch(void) {
  DIR *d = opendir(scratch);
  if (!d) return;
  char path[1024];
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    snprintf(path, sizeof path, "%s/%s", scratch, e->d_name);
    remove(path);
  }
  closedir(d);
  rmdir(scratch);
}

/* A fresh database path in the scratch folder. */
static const char *temp_db(const char *tag) {
  static char path[600];
  if (!scratch[0]) {
    const char *b = getenv("SL_BINARY_DIR");
    snprintf(scratch, sizeof scratch, "%s/traces_test_XXXXXX", b ? b : "/tmp");
    assert_non_null(mkdtemp(scratch));
    atexit(remove_scratch);
  }
  snprintf(path, sizeof path, "%s/%s.db", scratch, tag);
  return path;
}

/* A small run, built through the observer API as the engine would. */
static const char SAMPLE[] =
    "{\"ev\":\"run\",\"engine\":\"cpython\",\"engine_version\":\"0.1.0\",\"python\":\"3.12.7\","
    "\"scenario\":\"s.py\",\"sha256\":\"00\",\"seed\":null,\"impl\":\"c\"}\n"
    "{\"ev\":\"task\",\"id\":\"T1\",\"name\":\"Task-1\",\"coro\":\"main\",\"parent\":null,\"step\":"
    "0}\n"
    "{\"ev\":\"step\",\"i\":1,\"t\":0.0,\"timeout\":0.0}\n"
    "{\"ev\":\"handle\",\"step\":1,\"pos\":0,\"t\":0.0,\"name\":\"soon:step T1\"}\n"
    "{\"ev\":\"task\",\"id\":\"T2\",\"name\":\"Task-2\",\"coro\":\"work\",\"parent\":\"T1\","
    "\"step\":1}\n"
    "{\"ev\":\"timer\",\"step\":1,\"op\":\"scheduled\",\"when\":0.1}\n"
    "{\"ev\":\"step\",\"i\":2,\"t\":0.0,\"timeout\":0.1}\n"
    "{\"ev\":\"decision\",\"step\":2,\"kind\":\"oversleep\",\"value\":0.25}\n"
    "{\"ev\":\"handle\",\"step\":2,\"pos\":0,\"t\":0.35,\"name\":\"timer:sleep F1\"}\n"
    "{\"ev\":\"handle\",\"step\":2,\"pos\":1,\"t\":0.35,\"name\":\"soon:step T2\"}\n"
    "{\"ev\":\"output\",\"step\":2,\"task\":\"T2\",\"text\":\"h\\u00e9llo "
    "\\\"w\\\"\\t\\ud83d\\ude00\"}\n"
    "{\"ev\":\"task_done\",\"id\":\"T2\",\"step\":2,\"outcome\":\"exception\",\"detail\":"
    "\"ValueError: x\"}\n"
    "{\"ev\":\"error\",\"step\":2,\"message\":\"Task exception was never "
    "retrieved\",\"exception\":null}\n"
    "{\"ev\":\"step\",\"i\":3,\"t\":0.35,\"timeout\":null}\n"
    "{\"ev\":\"end\",\"outcome\":\"deadlock\",\"detail\":null,\"steps\":3,\"t\":0.35}\n";

static void record_sample(sl_recorder *rec) {
  sl_run_info info = {"cpython", "0.1.0", "3.12.7", "c", "s.py", "00", false, 0, NULL};
  assert_int_equal(sl_recorder_begin(rec, &info, NULL), SL_EOK);
  sl_observer o = sl_recorder_observer(rec);
  sl_task_info t1 = {1, "Task-1", "main", 0, 0, NULL, NULL};
  o.task_created(o.ctx, &t1);
  o.step_begin(o.ctx, 1, 0.0, true, 0.0);
  o.handle_run(o.ctx, 1, 0, 0.0, "soon:step T1", sizeof "soon:step T1" - 1);
  sl_task_info t2 = {2, "Task-2", "work", 1, 1, NULL, NULL};
  o.task_created(o.ctx, &t2);
  o.timer(o.ctx, 1, false, 0.1);
  o.step_begin(o.ctx, 2, 0.0, true, 0.1);
  sl_recorder_decision(rec, "cost", 0.0); /* default: not an event */
  sl_recorder_decision(rec, "oversleep", 0.25);
  o.handle_run(o.ctx, 2, 0, 0.35, "timer:sleep F1", sizeof "timer:sleep F1" - 1);
  o.handle_run(o.ctx, 2, 1, 0.35, "soon:step T2", sizeof "soon:step T2" - 1);
  const char text[] = "h\xc3\xa9llo \"w\"\t\xf0\x9f\x98\x80";
  o.output(o.ctx, 2, 2, text, sizeof text - 1);
  sl_task_info d2 = {2, "Task-2", "work", 1, 2, "exception", "ValueError: x"};
  o.task_done(o.ctx, &d2);
  o.error(o.ctx, 2, "Task exception was never retrieved", NULL);
  o.step_begin(o.ctx, 3, 0.35, false, 0.0);
  sl_recorder_end(rec, "deadlock", NULL, 3, 0.35);
  assert_false(sl_recorder_failed(rec));
}

/* A run with a connection's socket events: a pair, a write, a read, a
 * close after the peer went away. */
static void record_sock_sample(sl_recorder *rec) {
  sl_run_info info = {"simloop", "0.1.0", "3.11.2", "sim", "n.py", "00", false, 0, NULL};
  assert_int_equal(sl_recorder_begin(rec, &info, NULL), SL_EOK);
  sl_observer o = sl_recorder_observer(rec);
  o.step_begin(o.ctx, 1, 0.0, true, 0.0);
  o.handle_run(o.ctx, 1, 0, 0.0, "soon:step T1", sizeof "soon:step T1" - 1);
  sl_sock_info pair = {1, "pair", 1, 3, 4, 0, 0.0};
  o.sock(o.ctx, &pair);
  sl_sock_info send = {1, "send", 1, 3, 4, 5, 0.25};
  o.sock(o.ctx, &send);
  o.step_begin(o.ctx, 2, 0.25, true, 0.0);
  o.handle_run(o.ctx, 2, 0, 0.25, "io:sock_recv F1", sizeof "io:sock_recv F1" - 1);
  sl_sock_info recv = {2, "recv", 1, 4, 3, 5, 0.25};
  o.sock(o.ctx, &recv);
  sl_sock_info close = {2, "close", 1, 4, -1, 0, 0.25};
  o.sock(o.ctx, &close);
  sl_recorder_end(rec, "ok", NULL, 2, 0.25);
  assert_false(sl_recorder_failed(rec));
}

/* The JSONL text of a trace. */
static char *to_text(const sl_trace *tr) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_non_null(f);
  assert_int_equal(sl_jsonl_write(f, tr), SL_EOK);
  fclose(f);
  return buf;
}

static void read_one(const char *text, sl_trace_list *l) {
  sl_strbuf err = SL_STRBUF_INIT;
  sl_errcode rc = sl_jsonl_read_buf("sample", text, strlen(text), l, &err);
  if (rc != SL_EOK) fprintf(stderr, "%s", sl_strbuf_cstr(&err));
  assert_int_equal(rc, SL_EOK);
  sl_strbuf_free(&err);
}

/* ---- sha256 -------------------------------------------------------------- */

static void test_sha256_vectors(void **state) {
  (void)state;
  char hex[65];
  sl_sha256_hex("", 0, hex);
  assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  sl_sha256_hex("abc", 3, hex);
  assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  sl_sha256_hex(m448, strlen(m448), hex);
  assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  /* One million 'a', fed in uneven pieces to cross block boundaries. */
  sl_sha256 c;
  char a[1024];
  memset(a, 'a', sizeof a);
  sl_sha256_init(&c);
  size_t left = 1000000, piece = 1;
  while (left) {
    size_t n = piece < left ? piece : left;
    sl_sha256_update(&c, a, n);
    left -= n;
    piece = piece % 997 + 13;
  }
  sl_sha256_final_hex(&c, hex);
  assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* The digest of data[0..len) fed in pieces of `piece` bytes. */
static void sha256_pieces(const unsigned char *data, size_t len, size_t piece, char hex[65]) {
  sl_sha256 c;
  sl_sha256_init(&c);
  for (size_t at = 0; at < len; at += piece)
    sl_sha256_update(&c, data + at, len - at < piece ? len - at : piece);
  sl_sha256_final_hex(&c, hex);
}

/* The standard vectors on each way of computing the rounds (the portable
 * code and, where the CPU has them, the x86 SHA extensions), and the two
 * ways against each other on every length 0..130 (each padding case: the
 * length in the same block, in the next) and on long inputs fed whole and
 * in uneven pieces. */
static void test_sha256_both_ways(void **state) {
  (void)state;
  static const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                            "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
  char hex[65], fast[65], slow[65];
  for (int portable = 0; portable < 2; portable++) {
    sl__sha256_force_portable(portable);
    assert_true(portable ? !sl_sha256_accelerated() : true);
    test_sha256_vectors(state);
    sl_sha256_hex(m896, strlen(m896), hex);
    assert_string_equal(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  }
  size_t big = 3u << 20;
  unsigned char *data = malloc(big);
  assert_non_null(data);
  uint64_t x = 0x9E3779B97F4A7C15u;
  for (size_t i = 0; i < big; i++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    data[i] = (unsigned char)x;
  }
  for (size_t len = 0; len <= 130; len++) {
    sl__sha256_force_portable(false);
    sl_sha256_hex(data, len, fast);
    sl__sha256_force_portable(true);
    sl_sha256_hex(data, len, slow);
    assert_string_equal(fast, slow);
  }
  static const size_t lens[] = {1000, 4096, 65536 + 55, (1u << 20) + 63, 3u << 20};
  for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
    sl__sha256_force_portable(false);
    sl_sha256_hex(data, lens[k], fast);
    sl__sha256_force_portable(true);
    sl_sha256_hex(data, lens[k], slow);
    assert_string_equal(fast, slow);
    sha256_pieces(data, lens[k], 1000 + k, slow);
    assert_string_equal(fast, slow);
  }
  sl__sha256_force_portable(false);
  free(data);
}

/* sl_json_u64_at writes what printf's %llu writes, around every power of
 * ten (where the count of digits changes) and at the ends of the range. */
static void test_json_u64(void **state) {
  (void)state;
  uint64_t p = 1;
  for (int k = 0; k <= 20; k++) {
    uint64_t around[] = {p - 1, p, p + 1, p * 2, p * 9 + (p - 1), p * 5 + 7};
    for (size_t i = 0; i < sizeof around / sizeof around[0]; i++) {
      uint64_t v = k == 20 ? UINT64_MAX - i : around[i];
      char want[32], got[32];
      snprintf(want, sizeof want, "%llu", (unsigned long long)v);
      char *end = sl_json_u64_at(got, v);
      *end = '\0';
      assert_string_equal(got, want);
    }
    if (k < 19) p *= 10;
  }
  for (uint64_t v = 0; v < 100000; v++) {
    char want[32], got[32];
    snprintf(want, sizeof want, "%llu", (unsigned long long)v);
    *sl_json_u64_at(got, v) = '\0';
    assert_string_equal(got, want);
  }
}

/* sl_jsonl_handle_nl writes what sl_jsonl_event and a newline write, line
 * after line (its kept parts carried over), for names of every length to
 * 40 with each kind of byte (plain, control, DEL, UTF-8, invalid, '"',
 * '\\') at each position, NULL, and steps and times that repeat, change,
 * are not whole or not finite; and sl_jsonl_step_nl likewise, each step's
 * line among them, with and without a timeout. */
static void test_jsonl_handle_lines(void **state) {
  (void)state;
  static const double times[] = {0.0, 0.0, 2.5, 2.5, 1e-7, 123456789.0, 1e17, -0.0, 3.0};
  static const unsigned char odd[] = {0x00, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0xC3, 0xFF, '"', '\\'};
  sl_strbuf got = SL_STRBUF_INIT, want = SL_STRBUF_INIT;
  sl_jsonl_handles parts = {0};
  uint64_t step = 1;
  uint32_t pos = 0;
  size_t lines = 0;
  for (size_t n = 0; n <= 40; n++) {
    char name[48];
    for (size_t i = 0; i < n; i++) name[i] = (char)('a' + (i * 7 + n) % 26);
    for (size_t at = 0; at <= n; at++) {
      for (size_t k = 0; k < sizeof odd + 1; k++) {
        char v[48];
        memcpy(v, name, n);
        if (at < n && k < sizeof odd) v[at] = (char)odd[k];
        double t = times[(lines / 5) % (sizeof times / sizeof times[0])];
        if (lines % 97 == 0) t = NAN;
        if (lines % 89 == 0) t = INFINITY;
        if (lines % 5 == 0) { /* a new step, and its line */
          step += lines % 3 ? 1 : 1000003;
          pos = 0;
          bool has_timeout = lines % 4 != 0;
          double timeout = has_timeout ? times[(lines / 7) % (sizeof times / sizeof times[0])] : 0;
          if (lines % 83 == 0) timeout = -INFINITY;
          sl_jsonl_step_nl(&got, lines % 10 ? &parts : NULL, step, t, has_timeout, timeout);
          sl_tev se = {.kind = SL_TEV_STEP, .step = step, .t = t, .has_timeout = has_timeout};
          se.timeout = timeout;
          sl_jsonl_event(&want, &se);
          sl_strbuf_putc(&want, '\n');
        }
        const char *nm = lines % 101 == 0 ? NULL : v;
        sl_jsonl_handle_nl(&got, &parts, step, pos, t, nm, nm ? n : 0);
        sl_tev e = {.kind = SL_TEV_HANDLE, .step = step, .pos = pos, .t = t};
        e.a = (sl_tstr){(char *)nm, nm ? n : 0};
        sl_jsonl_event(&want, &e);
        sl_strbuf_putc(&want, '\n');
        pos++;
        lines++;
      }
    }
  }
  assert_false(got.failed);
  assert_int_equal(got.len, want.len);
  assert_memory_equal(got.data, want.data, want.len);
  assert_int_equal(got.data[got.len], '\0');
  sl_strbuf_free(&got);
  sl_strbuf_free(&want);
}

/* ---- JSON parser ---------------------------------------------------------- */

static void test_json_values(void **state) {
  (void)state;
  sl_json_error e;
  const char *t = " {\"a\":[1,-2.5e3,true,false,null,\"x\\u0041\\n\"],\"b\":{},\"c\":NaN} ";
  sl_json *v = sl_json_parse(t, strlen(t), &e);
  assert_non_null(v);
  const sl_json *a = sl_json_get(v, "a");
  assert_int_equal(a->n, 6);
  assert_true(a->items[0]->is_int && a->items[0]->i == 1);
  assert_false(a->items[1]->is_int);
  assert_true(a->items[1]->d == -2500.0);
  assert_true(a->items[2]->b && !a->items[3]->b);
  assert_int_equal(a->items[4]->type, SL_JSON_NULL);
  assert_string_equal(a->items[5]->s, "xA\n");
  assert_int_equal(sl_json_get(v, "b")->type, SL_JSON_OBJECT);
  sl_json_free(v);
}

/* Python's json.dumps extensions: NaN, Infinity, -Infinity and lone
 * surrogates, among ordinary numbers and strings (json.c's pre-pass). */
static void test_json_python_extensions(void **state) {
  (void)state;
  sl_json_error e;
  const char *t = "{\"n\":[1,NaN,-Infinity,2.5,Infinity,-3],\"s\":\"a\\udc80\\ufffdb\\ud800\","
                  "\"k\\udfff\":\"\xef\xbf\xbd\\ud83d\\ude00\\udc01\"}";
  sl_json *v = sl_json_parse(t, strlen(t), &e);
  if (!v) fail_msg("col %zu: %s", e.col, e.message);
  const sl_json *n = sl_json_get(v, "n");
  assert_int_equal(n->n, 6);
  assert_true(n->items[0]->is_int && n->items[0]->i == 1);
  assert_true(isnan(n->items[1]->d) && !n->items[1]->is_int);
  assert_true(isinf(n->items[2]->d) && n->items[2]->d < 0);
  assert_true(n->items[3]->d == 2.5);
  assert_true(isinf(n->items[4]->d) && n->items[4]->d > 0);
  assert_true(n->items[5]->is_int && n->items[5]->i == -3);
  const sl_json *s = sl_json_get(v, "s");
  assert_int_equal(s->n, 11);
  assert_memory_equal(s->s,
                      "a\xed\xb2\x80\xef\xbf\xbd"
                      "b\xed\xa0\x80",
                      11);
  assert_string_equal(v->keys[2], "k\xed\xbf\xbf");
  assert_memory_equal(v->items[2]->s, "\xef\xbf\xbd\xf0\x9f\x98\x80\xed\xb0\x81", 10);
  sl_json_free(v);
}

static void test_json_errors(void **state) {
  (void)state;
  /* Jansson's messages; the column is where it stopped reading. */
  static const struct {
    const char *text;
    size_t col;
    const char *msg;
  } cases[] = {
      {"{\"a\":1,}", 8, "string or '}' expected near '}'"},
      {"{\"a\" 1}", 6, "':' expected near '1'"},
      {"{\"a\":1", 7, "'}' expected near end of file"},
      {"[1 2]", 4, "']' expected near '2'"},
      {"\"abc", 4, "premature end of input near '\"abc'"},
      {"\"a\tb\"", 2, "control character 0x9 near '\"a'"},
      {"\"\\x\"", 3, "invalid escape near '\"\\x'"},
      {"01", 1, "invalid token near '0'"},
      {"tru", 3, "invalid token near 'tru'"},
      {"{} x", 4, "end of file expected near 'x'"},
      {"", 1, "unexpected token near end of file"},
      {"[1,", 4, "']' expected near end of file"},
      {"\"\xff\"", 1, "unable to decode byte 0xff near '\"'"},
      {"{\"a\":1,\"a\":2}", 10, "duplicate object key near '\"a\"'"},
      {"{\"a\" NaN}", 6, "':' expected near '0'"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    sl_json_error e;
    sl_json *v = sl_json_parse(cases[i].text, strlen(cases[i].text), &e);
    if (v || e.col != cases[i].col || strcmp(e.message, cases[i].msg))
      fail_msg("case %zu (%s): got col %zu '%s'", i, cases[i].text, v ? 0 : e.col,
               v ? "parsed" : e.message);
  }
  /* Deep nesting is an error, not a stack overflow. */
  char deep[5000];
  memset(deep, '[', sizeof deep);
  sl_json_error e;
  assert_null(sl_json_parse(deep, sizeof deep, &e));
  assert_string_equal(e.message, "maximum parsing depth reached near '['");
}

static void test_jsonl_errors(void **state) {
  (void)state;
  static const struct {
    const char *text;
    const char *msg;
  } cases[] = {
      {"{\"ev\":\"step\",\"i\":1,\"t\":0.0,\"timeout\":null}\n",
       "sample:1:1: event \"step\" before any \"run\" line"},
      {"[1]\n", "sample:1:1: each line must be a JSON object"},
      {"{\"ev\":\"run\"\n", "sample:1:12: '}' expected near end of file"},
      {"{\"ev\":\"run\",\"engine\":\"e\",\"engine_version\":\"v\",\"python\":\"3\",\"scenario\":"
       "\"s\","
       "\"sha256\":\"0\",\"seed\":null,\"impl\":\"c\"}\n{\"ev\":\"step\",\"i\":-1,\"t\":0.0,"
       "\"timeout\":null}\n",
       "sample:2:1: field \"i\" must be a non-negative integer"},
      {"{\"ev\":\"run\",\"engine\":\"e\",\"engine_version\":\"v\",\"python\":\"3\",\"scenario\":"
       "\"s\","
       "\"sha256\":\"0\",\"seed\":null,\"impl\":\"c\"}\n\n{\"ev\":\"output\",\"step\":1,\"task\":"
       "\"X1\",\"text\":\"\"}\n",
       "sample:3:1: field \"task\" must be a task id \"T<k>\""},
      {"{\"ev\":\"run\",\"engine\":\"e\",\"engine_version\":\"v\",\"python\":\"3\",\"scenario\":"
       "\"s\","
       "\"sha256\":\"0\",\"seed\":null,\"impl\":\"c\"}\n",
       "sample:2:1: the run that starts on line 1 has no \"end\" line (truncated trace?)"},
      {"", "sample:1:1: no run in this file (expected a line with \"ev\":\"run\")"},
      {"{\"ev\":\"bogus\"}\n", "sample:1:1: event \"bogus\" before any \"run\" line"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    sl_trace_list l = {NULL, 0};
    sl_strbuf err = SL_STRBUF_INIT;
    sl_errcode rc = sl_jsonl_read_buf("sample", cases[i].text, strlen(cases[i].text), &l, &err);
    char want[256];
    snprintf(want, sizeof want, "%s\n", cases[i].msg);
    if (rc != SL_ECORRUPT || strcmp(sl_strbuf_cstr(&err), want))
      fail_msg("case %zu: rc %d, got: %s", i, rc, sl_strbuf_cstr(&err));
    assert_int_equal(l.n, 0);
    sl_strbuf_free(&err);
  }
}

/* ---- JSONL round trips ------------------------------------------------------ */

static void test_jsonl_roundtrip(void **state) {
  (void)state;
  sl_trace_list l = {NULL, 0};
  read_one(SAMPLE, &l);
  assert_int_equal(l.n, 1);
  char *back = to_text(&l.runs[0]);
  assert_string_equal(back, SAMPLE);
  free(back);
  sl_trace_list_free(&l);
}

/* Every trace the oracle wrote for its own tests reads back and writes out
 * byte for byte: the writer matches Python's json.dumps. */
static void test_jsonl_oracle_files(void **state) {
  (void)state;
  char dir[512];
  snprintf(dir, sizeof dir, "%s/oracle/tests/expected", src_dir());
  DIR *top = opendir(dir);
  if (!top) skip();
  struct dirent *v;
  int files = 0;
  while ((v = readdir(top))) {
    if (v->d_name[0] == '.') continue;
    char sub[1024];
    snprintf(sub, sizeof sub, "%s/%s", dir, v->d_name);
    DIR *d = opendir(sub);
    if (!d) continue;
    struct dirent *f;
    while ((f = readdir(d))) {
      size_t n = strlen(f->d_name);
      if (n < 6 || strcmp(f->d_name + n - 6, ".jsonl") || strstr(f->d_name, "decisions")) continue;
      char path[1536];
      snprintf(path, sizeof path, "%s/%s", sub, f->d_name);
      sl_trace_list l = {NULL, 0};
      sl_strbuf err = SL_STRBUF_INIT;
      if (sl_jsonl_read_file(path, &l, &err) != SL_EOK) fail_msg("%s", sl_strbuf_cstr(&err));
      FILE *in = fopen(path, "rb");
      char *orig = NULL;
      size_t cap = 0, len = 0;
      FILE *mem = open_memstream(&orig, &cap);
      int c;
      while ((c = fgetc(in)) != EOF) fputc(c, mem);
      fclose(in);
      fclose(mem);
      len = cap;
      char *back = NULL;
      size_t blen = 0;
      FILE *out = open_memstream(&back, &blen);
      for (size_t i = 0; i < l.n; i++) assert_int_equal(sl_jsonl_write(out, &l.runs[i]), SL_EOK);
      fclose(out);
      if (blen != len || memcmp(back, orig, len))
        fail_msg("%s does not write back byte for byte", path);
      free(orig);
      free(back);
      sl_strbuf_free(&err);
      sl_trace_list_free(&l);
      files++;
    }
    closedir(d);
  }
  closedir(top);
  if (!files) skip();
}

/* ---- recorder and store ---------------------------------------------------- */

static void test_recorder_roundtrip(void **state) {
  (void)state;
  sl_recorder *rec = sl_recorder_new();
  record_sample(rec);
  char *text = to_text(sl_recorder_trace(rec));
  assert_string_equal(text, SAMPLE);

  sl_tracedb *db;
  sl_strbuf err = SL_STRBUF_INIT;
  assert_int_equal(sl_tracedb_open(temp_db("rec"), true, &db, &err), SL_EOK);
  assert_int_equal(sl_recorder_store(rec, db, &err), SL_EOK);
  int64_t id = sl_recorder_trace(rec)->id, last;
  assert_true(id > 0);
  assert_int_equal(sl_tracedb_last(db, &last, &err), SL_EOK);
  assert_int_equal(last, id);

  sl_trace back;
  assert_int_equal(sl_tracedb_load(db, id, &back, &err), SL_EOK);
  char *text2 = to_text(&back);
  assert_string_equal(text2, SAMPLE);
  char h1[65], h2[65];
  assert_int_equal(sl_trace_hash(&back, h1), SL_EOK);
  assert_int_equal(sl_tracedb_hash(db, id, h2, &err), SL_EOK);
  assert_string_equal(h1, h2);
  /* The hash is that of the lines after the run line. */
  const char *after = strchr(SAMPLE, '\n') + 1;
  sl_sha256_hex(after, strlen(after), h2);
  assert_string_equal(h1, h2);

  sl_trace_free(&back);
  assert_int_equal(sl_tracedb_load(db, id + 7, &back, &err), SL_EINVAL);
  free(text);
  free(text2);
  sl_strbuf_free(&err);
  sl_tracedb_close(db);
  sl_recorder_free(rec);
}

/* A database made from tests/unit/fixtures/traces_<tag>.sql (a store of an
 * older schema version), not yet opened by simloop. */
static const char *db_from_fixture(const char *tag) {
  char fixture[512];
  snprintf(fixture, sizeof fixture, "%s/tests/unit/fixtures/traces_%s.sql", src_dir(), tag);
  FILE *f = fopen(fixture, "rb");
  assert_non_null(f);
  static char sql[65536];
  size_t n = fread(sql, 1, sizeof sql - 1, f);
  assert_true(n < sizeof sql - 1);
  sql[n] = '\0';
  fclose(f);
  const char *path = temp_db(tag);
  sqlite3 *raw;
  assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
  assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(raw);
  return path;
}

/* A store that fails half way leaves nothing behind. */
static void test_store_all_or_nothing(void **state) {
  (void)state;
  sl_tracedb *db;
  sl_strbuf err = SL_STRBUF_INIT;
  const char *path = temp_db("atomic");
  assert_int_equal(sl_tracedb_open(path, true, &db, &err), SL_EOK);
  sl_tracedb_close(db);
  sqlite3 *raw;
  assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
  assert_int_equal(sqlite3_exec(raw,
                                "CREATE TRIGGER boom BEFORE INSERT ON handle_chunks WHEN NEW.n = 3"
                                " BEGIN SELECT RAISE(ABORT, 'disk on fire'); END",
                                NULL, NULL, NULL),
                   SQLITE_OK);
  sqlite3_close(raw);
  assert_int_equal(sl_tracedb_open(path, false, &db, &err), SL_EOK);
  sl_recorder *rec = sl_recorder_new();
  record_sample(rec);
  assert_int_not_equal(sl_recorder_store(rec, db, &err), SL_EOK);
  assert_non_null(strstr(sl_strbuf_cstr(&err), "disk on fire"));
  assert_non_null(strstr(sl_strbuf_cstr(&err), path));
  int64_t id;
  sl_strbuf_clear(&err);
  assert_int_equal(sl_tracedb_last(db, &id, &err), SL_EINVAL); /* no run at all */
  sl_recorder_free(rec);
  sl_tracedb_close(db);
  sl_strbuf_free(&err);
}

static int64_t scalar(const char *path, const char *sql) {
  sqlite3 *raw;
  sqlite3_stmt *s;
  assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(raw, sql, -1, &s, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_step(s), SQLITE_ROW);
  int64_t v = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(raw);
  return v;
}

/* A database that does not exist yet is built aside (tracedb_fresh.c):
 * nothing is at the path until it is published; closing it unpublished
 * leaves nothing at all; published, it is an ordinary WAL database that
 * holds the run; and when another database appeared at the path in the
 * meantime, the run is appended to it and never replaces it. */
static void test_new_database_built_aside(void **state) {
  (void)state;
  sl_strbuf err = SL_STRBUF_INIT;
  char path[600];
  snprintf(path, sizeof path, "%s", temp_db("aside"));
  struct stat st;
  sl_tracedb *db;
  int64_t id = 0;
  /* Unpublished: no database, no temporary file. */
  assert_int_equal(sl_tracedb_create(path, &db, &err), SL_EOK);
  sl_recorder *rec = sl_recorder_new();
  record_sample(rec);
  assert_int_equal(sl_recorder_store(rec, db, &err), SL_EOK);
  assert_int_not_equal(stat(path, &st), 0);
  sl_tracedb_close(db);
  assert_int_not_equal(stat(path, &st), 0);
  DIR *d = opendir(scratch);
  for (struct dirent *e; (e = readdir(d)) != NULL;) assert_null(strstr(e->d_name, "aside"));
  closedir(d);
  /* Published. */
  assert_int_equal(sl_tracedb_create(path, &db, &err), SL_EOK);
  assert_int_equal(sl_recorder_store(rec, db, &err), SL_EOK);
  id = sl_recorder_trace(rec)->id;
  assert_int_equal(sl_tracedb_publish(db, &id, &err), SL_EOK);
  sl_tracedb_close(db);
  assert_int_equal(id, 1);
  assert_int_equal(scalar(path, "SELECT count(*) FROM runs"), 1);
  /* journal_mode: 1 for wal (checked through the header's write version) */
  assert_int_equal(
      scalar(path, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
  /* An existing database is opened in place, as sl_tracedb_open does. */
  assert_int_equal(sl_tracedb_create(path, &db, &err), SL_EOK);
  assert_int_equal(sl_recorder_store(rec, db, &err), SL_EOK);
  assert_int_equal(sl_recorder_trace(rec)->id, 2);
  sl_tracedb_close(db);
  assert_int_equal(scalar(path, "SELECT count(*) FROM runs"), 2);
  /* Another database took the path while the new one was being built. */
  char other[600];
  snprintf(other, sizeof other, "%s", temp_db("aside_race"));
  assert_int_equal(sl_tracedb_create(other, &db, &err), SL_EOK);
  assert_int_equal(sl_recorder_store(rec, db, &err), SL_EOK);
  assert_int_equal(rename(path, other), 0); /* the two runs appear at `other` */
  id = sl_recorder_trace(rec)->id;
  assert_int_equal(sl_tracedb_publish(db, &id, &err), SL_EOK);
  sl_tracedb_close(db);
  assert_int_equal(id, 3);
  assert_int_equal(scalar(other, "SELECT count(*) FROM runs"), 3);
  sl_recorder_free(rec);
  sl_strbuf_free(&err);
}

static void test_schema_created(void **state) {
  (void)state;
  sl_tracedb *db;
  sl_strbuf err = SL_STRBUF_INIT;
  const char *path = temp_db("schema");
  /* Without create, a missing file is an error that says what to do. */
  assert_int_not_equal(sl_tracedb_open(path, false, &db, &err), SL_EOK);
  assert_non_null(strstr(sl_strbuf_cstr(&err), "no such trace database"));
  assert_int_equal(sl_tracedb_open(path, true, &db, &err), SL_EOK);
  sl_tracedb_close(db);
  assert_int_equal(scalar(path, "SELECT value FROM meta WHERE key='schema_version'"),
                   SL_TRACE_SCHEMA_VERSION);
  assert_int_equal(
      scalar(path,
             "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN"
             " ('runs','step_rows','handle_names','handle_events','tasks','output','decisions',"
             "'events','meta','sock_events','handle_chunks','step_chunks')"),
      12);
  assert_int_equal(
      scalar(
          path,
          "SELECT count(*) FROM sqlite_master WHERE type='view' AND name IN ('handles','steps')"),
      2);
  /* Opening again changes nothing. */
  assert_int_equal(sl_tracedb_open(path, false, &db, &err), SL_EOK);
  sl_tracedb_close(db);
  sl_strbuf_free(&err);
}

static void test_migrate_v0(void **state) {
  (void)state;
  const char *path = db_from_fixture("v0");

  sl_tracedb *db;
  sl_strbuf err = SL_STRBUF_INIT;
  assert_int_equal(sl_tracedb_open(path, false, &db, &err), SL_EOK);
  sl_trace tr;
  assert_int_equal(sl_tracedb_load(db, 1, &tr, &err), SL_EOK);
  assert_int_equal(tr.nev, 11);
  assert_string_equal(tr.meta.impl.p, "unknown");
  assert_int_equal(tr.ev[7].kind, SL_TEV_OUTPUT);
  assert_string_equal(tr.ev[7].a.p, "done");
  char h1[65], h2[65];
  assert_int_equal(sl_trace_hash(&tr, h1), SL_EOK);
  assert_int_equal(sl_tracedb_hash(db, 1, h2, &err), SL_EOK);
  assert_string_equal(h1, h2); /* the migration filled in the hash */
  /* New runs go in next to the old one. */
  sl_recorder *rec = sl_recorder_new();
  record_sample(rec);
  assert_int_equal(sl_recorder_store(rec, db, &err), SL_EOK);
  assert_int_equal(sl_recorder_trace(rec)->id, 2);
  sl_recorder_free(rec);
  sl_trace_free(&tr);
  sl_tracedb_close(db);
  assert_int_equal(scalar(path, "SELECT value FROM meta WHERE key='schema_version'"),
                   SL_TRACE_SCHEMA_VERSION);
  assert_int_equal(scalar(path, "SELECT count(*) FROM handles WHERE run=1 AND owner IS NOT NULL"),
                   4);

  /* A database from the future is refused, untouched. */
  sqlite3 *raw;
  assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
  assert_int_equal(
      sqlite3_exec(raw, "UPDATE meta SET value='99' WHERE key='schema_version'", NULL, NULL, NULL),
      SQLITE_OK);
  sqlite3_close(raw);
  sl_strbuf_clear(&err);
  assert_int_equal(sl_tracedb_open(path, false, &db, &err), SL_ECORRUPT);
  assert_non_null(
      strstr(sl_strbuf_cstr(&err), "schema version 99, newer than this simloop understands"));
  assert_int_equal(scalar(path, "SELECT value FROM meta WHERE key='schema_version'"), 99);
  sl_strbuf_free(&err);
}

/* Version 1 kept each handle's name and owner inline; upgrading moves them
 * to handle_names/handle_events and keeps every row and the hash. */
static void test_migrate_v1(void **state) {
  (void)state;
  const char *path = db_from_fixture("v1");

  sl_tracedb *db;
  sl_strbuf err = SL_STRBUF_INIT;
  assert_int_equal(sl_tracedb_open(path, false, &db, &err), SL_EOK);
  sl_trace tr;
  assert_int_equal(sl_tracedb_load(db, 1, &tr, &err), SL_EOK);
  char h1[65], h2[65];
  assert_int_equal(sl_trace_hash(&tr, h1), SL_EOK);
  assert_int_equal(sl_tracedb_hash(db, 1, h2, &err), SL_EOK);
  assert_string_equal(h1, h2);
  assert_string_equal(h1, "013f4d3abf98baab61688f52a663a9102819d8f47e334ce24cd259ff85a63816");
  sl_trace_free(&tr);
  sl_recorder *rec = sl_recorder_new();
  record_sample(rec);
  assert_int_equal(sl_recorder_store(rec, db, &err), SL_EOK);
  assert_int_equal(sl_recorder_trace(rec)->id, 2);
  sl_recorder_free(rec);
  sl_tracedb_close(db);
  assert_int_equal(scalar(path, "SELECT value FROM meta WHERE key='schema_version'"),
                   SL_TRACE_SCHEMA_VERSION);
  assert_int_equal(scalar(path, "SELECT count(*) FROM handles WHERE run=1"), 15);
  assert_int_equal(scalar(path, "SELECT count(*) FROM handles WHERE run=1 AND owner IS NOT NULL"),
                   15);
  assert_int_equal(scalar(path, "SELECT sum(count) FROM handle_name_runs WHERE run=1"), 15);
  assert_int_equal(
      scalar(path,
             "SELECT count(*) FROM sqlite_master WHERE name IN ('handles_v1','handles_name')"),
      0);
  sl_strbuf_free(&err);
}

/* Run 1 of a fixture (one run of examples/bank.py, traces_v2/v5.sql) reads
 * back with the trace hash it was recorded with. */
static void assert_bank_run(sl_tracedb *db) {
  sl_strbuf err = SL_STRBUF_INIT;
  sl_trace tr;
  assert_int_equal(sl_tracedb_load(db, 1, &tr, &err), SL_EOK);
  char hash[65];
  assert_int_equal(sl_trace_hash(&tr, hash), SL_EOK);
  assert_string_equal(hash, "3240d88c987c2971e6c8e7ae2182e2b78cf489e5a1069484f7f14b48b900b1b8");
  sl_trace_free(&tr);
  sl_strbuf_free(&err);
}

/* Version 2 had no socket events: upgrading adds sock_events and keeps
 * every run and its hash; runs with socket events then store and load. */
static void test_migrate_v2(void **state) {
  (void)state;
  const char *path = db_from_fixture("v2");
  assert_int_equal(scalar(path, "SELECT count(*) FROM sqlite_master WHERE name='sock_events'"), 0);

  sl_tracedb *db;
  sl_strbuf err = SL_STRBUF_INIT;
  assert_int_equal(sl_tracedb_open(path, false, &db, &err), SL_EOK);
  assert_bank_run(db);
  sl_trace tr;
  /* A run with socket events next to it, read back event for event. */
  sl_recorder *rec = sl_recorder_new();
  record_sock_sample(rec);
  assert_int_equal(sl_recorder_store(rec, db, &err), SL_EOK);
  char *want = to_text(sl_recorder_trace(rec));
  assert_int_equal(sl_tracedb_load(db, 2, &tr, &err), SL_EOK);
  char *got = to_text(&tr);
  assert_string_equal(got, want);
  free(got);
  free(want);
  sl_trace_free(&tr);
  sl_recorder_free(rec);
  sl_tracedb_close(db);
  assert_int_equal(scalar(path, "SELECT value FROM meta WHERE key='schema_version'"),
                   SL_TRACE_SCHEMA_VERSION);
  assert_int_equal(scalar(path, "SELECT count(*) FROM sock_events WHERE run=2"), 4);
  assert_int_equal(scalar(path, "SELECT count(*) FROM sock_events WHERE run=2 AND peer IS NULL"),
                   1);
  sl_strbuf_free(&err);
}

/* A version 5 store (handle chunks as [seq, step, pos, t, name]) upgrades
 * to version 6: its run reads back with its hash, a new run's chunks use
 * the compact entries, and the `handles` view shows both kinds. */
static void test_migrate_v5(void **state) {
  (void)state;
  const char *path = db_from_fixture("v5");
  assert_int_equal(scalar(path, "SELECT value FROM meta WHERE key='schema_version'"), 5);
  sl_tracedb *db;
  sl_strbuf err = SL_STRBUF_INIT;
  assert_int_equal(sl_tracedb_open(path, false, &db, &err), SL_EOK);
  assert_bank_run(db);
  sl_trace tr;
  sl_recorder *rec = sl_recorder_new();
  sl_run_info info = {"simloop", "0.1.0", "3.11.2", "sim", "c.py", "00", false, 0, NULL};
  assert_int_equal(sl_recorder_begin(rec, &info, NULL), SL_EOK);
  sl_observer o = sl_recorder_observer(rec);
  static const char *const names[] = {"soon:step T1", "timer:sleep F2", "soon:\"q\" \\ \xc3\xa9"};
  for (int i = 0; i < 300; i++) {
    uint64_t k = (uint64_t)i / 5 + 1;
    if (i % 5 == 0) o.step_begin(o.ctx, k, 0.5 * (double)k, false, 0);
    o.handle_run(o.ctx, k, (uint32_t)(i % 5), 0.5 * (double)k, names[i % 3], strlen(names[i % 3]));
  }
  sl_recorder_end(rec, "ok", NULL, 60, 30.0);
  assert_int_equal(sl_recorder_store(rec, db, &err), SL_EOK);
  assert_int_equal(sl_tracedb_load(db, 2, &tr, &err), SL_EOK);
  char *want = to_text(sl_recorder_trace(rec)), *got = to_text(&tr);
  assert_string_equal(got, want);
  free(got);
  free(want);
  sl_trace_free(&tr);
  sl_recorder_free(rec);
  sl_tracedb_close(db);
  assert_int_equal(scalar(path, "SELECT value FROM meta WHERE key='schema_version'"),
                   SL_TRACE_SCHEMA_VERSION);
  assert_int_equal(scalar(path, "SELECT count(*) FROM handle_chunks WHERE names IS NULL"), 1);
  assert_int_equal(scalar(path, "SELECT count(*) FROM handle_chunks WHERE run=2"), 2);
  assert_int_equal(scalar(path, "SELECT count(*) FROM handles WHERE run=1"), 17);
  assert_int_equal(scalar(path, "SELECT count(*) FROM handles WHERE run=1 AND seq=11 AND step=3"
                                " AND t=0.001 AND name='timer:sleep F1' AND owner='F1'"),
                   1);
  assert_int_equal(scalar(path, "SELECT count(*) FROM handles WHERE run=2"), 300);
  assert_int_equal(scalar(path, "SELECT count(*) FROM handles WHERE run=2 AND name='soon:\"q\" "
                                "\\ \xc3\xa9' AND step=60 AND pos=4 AND t=30.0"),
                   1);
  assert_int_equal(scalar(path, "SELECT count(*) FROM handles WHERE run=2 AND owner='T1'"), 100);
  sl_strbuf_free(&err);
}

/* Handle events are stored in chunks of 256 (schema version 4): a run of
 * 600 handles with awkward times and names reads back exactly, through
 * the loader and through the `handles` view. */
static void test_handle_chunks(void **state) {
  (void)state;
  const char *path = temp_db("chunks");
  sl_tracedb *db;
  sl_strbuf err = SL_STRBUF_INIT;
  assert_int_equal(sl_tracedb_open(path, true, &db, &err), SL_EOK);
  sl_recorder *rec = sl_recorder_new();
  sl_run_info info = {"simloop", "0.1.0", "3.11.2", "sim", "c.py", "00", false, 0, NULL};
  assert_int_equal(sl_recorder_begin(rec, &info, NULL), SL_EOK);
  sl_observer o = sl_recorder_observer(rec);
  static const double times[] = {0.0, 0.1, 0.30000000000000004, 1e-7, 1e16, 123456.789, 5e-324};
  static const char *const names[] = {"soon:step T1", "timer:sleep F2", "soon:\"q\" \\ \xc3\xa9"};
  for (int i = 0; i < 600; i++) {
    uint64_t k = (uint64_t)i / 7 + 1; /* the step */
    if (i % 7 == 0) o.step_begin(o.ctx, k, times[(k - 1) % 7], k % 2 == 0, times[k % 7]);
    o.handle_run(o.ctx, k, (uint32_t)(i % 7), times[i % 7], names[i % 3], strlen(names[i % 3]));
  }
  sl_recorder_end(rec, "ok", NULL, 86, 0.0);
  assert_false(sl_recorder_failed(rec));
  assert_int_equal(sl_recorder_store(rec, db, &err), SL_EOK);
  sl_trace back;
  assert_int_equal(sl_tracedb_load(db, 1, &back, &err), SL_EOK);
  char *a = to_text(sl_recorder_trace(rec)), *b = to_text(&back);
  assert_string_equal(a, b);
  free(a);
  free(b);
  char h1[65], h2[65];
  assert_int_equal(sl_trace_hash(&back, h1), SL_EOK);
  assert_int_equal(sl_tracedb_hash(db, 1, h2, &err), SL_EOK);
  assert_string_equal(h1, h2);
  sl_trace_free(&back);
  sl_recorder_free(rec);
  sl_tracedb_close(db);
  assert_int_equal(scalar(path, "SELECT count(*) FROM handle_chunks WHERE run=1"), 3);
  assert_int_equal(scalar(path, "SELECT count(*) FROM handle_events"), 0);
  assert_int_equal(scalar(path, "SELECT count(*) FROM handles WHERE run=1"), 600);
  assert_int_equal(scalar(path, "SELECT sum(handles) FROM steps WHERE run=1"), 600);
  assert_int_equal(scalar(path, "SELECT count(*) FROM step_chunks WHERE run=1"), 1);
  assert_int_equal(scalar(path, "SELECT count(*) FROM step_rows"), 0);
  assert_int_equal(scalar(path, "SELECT count(*) FROM steps WHERE run=1 AND timeout IS NULL"), 43);
  assert_int_equal(scalar(path, "SELECT count(*) FROM steps WHERE t = 5e-324 AND i = 7"), 1);
  assert_int_equal(scalar(path, "SELECT count(*) FROM steps WHERE t = 5e-324"), 12);
  assert_int_equal(scalar(path, "SELECT count(*) FROM steps WHERE timeout = 1e16 AND i = 18"), 1);
  /* The view gives each time exactly (the 600th event's is times[599 % 7]). */
  assert_int_equal(scalar(path, "SELECT count(*) FROM handles WHERE run=1 AND t = 5e-324"), 85);
  assert_int_equal(
      scalar(path, "SELECT count(*) FROM handles WHERE t = 0.30000000000000004 AND pos = 2"), 86);
  assert_int_equal(scalar(path, "SELECT count(*) FROM handles WHERE owner = 'T1'"), 200);
  assert_int_equal(scalar(path, "SELECT max(seq) FROM handles WHERE run=1"), 685);
  sl_strbuf_free(&err);
}

/* Socket events in JSONL: written in the documented key order, read back
 * exactly, shown in words; a bad descriptor is refused with its field. */
static void test_sock_events(void **state) {
  (void)state;
  sl_recorder *rec = sl_recorder_new();
  record_sock_sample(rec);
  char *text = to_text(sl_recorder_trace(rec));
  assert_non_null(strstr(text, "{\"ev\":\"sock\",\"step\":1,\"op\":\"send\",\"conn\":1,\"fd\":3,"
                               "\"peer\":4,\"n\":5,\"t\":0.25}\n"));
  assert_non_null(strstr(text, "\"op\":\"close\",\"conn\":1,\"fd\":4,\"peer\":null,\"n\":0"));
  sl_trace_list l;
  read_one(text, &l);
  assert_int_equal(l.n, 1);
  char *again = to_text(&l.runs[0]);
  assert_string_equal(again, text);
  free(again);
  sl_strbuf line = SL_STRBUF_INIT;
  for (size_t i = 0; i < l.runs[0].nev; i++)
    if (l.runs[0].ev[i].kind == SL_TEV_SOCK && !strcmp(l.runs[0].ev[i].a.p, "send"))
      sl_show_event(&line, &l.runs[0].ev[i], 0);
  assert_string_equal(sl_strbuf_cstr(&line), "sock send C1 fd 3 -> 4: 5 bytes, arrives t=0.25");
  sl_strbuf_free(&line);
  sl_trace_list_free(&l);
  free(text);
  sl_recorder_free(rec);
  sl_strbuf err = SL_STRBUF_INIT;
  const char *bad =
      "{\"ev\":\"run\",\"engine\":\"x\",\"engine_version\":\"1\",\"python\":\"3.11.2\","
      "\"scenario\":\"s.py\",\"sha256\":\"00\",\"seed\":null,\"impl\":\"c\"}\n"
      "{\"ev\":\"sock\",\"step\":1,\"op\":\"send\",\"conn\":1,\"fd\":-3,\"peer\":null,"
      "\"n\":0,\"t\":0.0}\n";
  sl_trace_list l2;
  assert_int_equal(sl_jsonl_read_buf("bad", bad, strlen(bad), &l2, &err), SL_ECORRUPT);
  assert_non_null(strstr(sl_strbuf_cstr(&err), "bad:2:"));
  assert_non_null(strstr(sl_strbuf_cstr(&err), "\"fd\" must be a descriptor"));
  sl_strbuf_free(&err);
}

/* ---- diff ------------------------------------------------------------------ */

static void test_diff(void **state) {
  (void)state;
  sl_trace_list a = {NULL, 0}, b = {NULL, 0};
  read_one(SAMPLE, &a);
  read_one(SAMPLE, &b);
  sl_diff d;
  assert_int_equal(sl_trace_diff(&a.runs[0], &b.runs[0], &d), SL_EOK);
  assert_int_equal(d.what, SL_DIFF_NONE);

  /* Change one handle name in step 2: reported at step 2, that handle. */
  sl_trace *tb = &b.runs[0];
  size_t k = 0;
  while (!(tb->ev[k].kind == SL_TEV_HANDLE && tb->ev[k].step == 2 && tb->ev[k].pos == 1)) k++;
  sl_tstr_setz(&tb->ev[k].a, "soon:step T9");
  assert_int_equal(sl_trace_diff(&a.runs[0], tb, &d), SL_EOK);
  assert_int_equal(d.what, SL_DIFF_EVENT);
  assert_int_equal(d.step, 2);
  assert_int_equal(d.ev_b, k);
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  sl_diff_print(f, &d, &a.runs[0], "A.jsonl", tb, "B.jsonl");
  fclose(f);
  assert_non_null(strstr(buf, "first divergence: step 2 (t=0.0): an event differs"));
  assert_non_null(strstr(buf, ">   soon:step T9"));
  assert_non_null(strstr(buf, "T2    A: \"Task-2\" work(), created #1 by T1"));
  free(buf);
  sl_tstr_setz(&tb->ev[k].a, "soon:step T2");

  /* Decisions and GC-time messages do not count; a different time does. */
  tb->ev[6].t = 0.5; /* the decision */
  assert_int_equal(sl_trace_diff(&a.runs[0], tb, &d), SL_EOK);
  assert_int_equal(d.what, SL_DIFF_NONE);
  tb->ev[5].t = 0.2; /* step 2's time */
  assert_int_equal(sl_trace_diff(&a.runs[0], tb, &d), SL_EOK);
  assert_int_equal(d.what, SL_DIFF_STEP);
  assert_int_equal(d.step, 2);
  tb->ev[5].t = 0.0;

  /* A missing last step, then a different ending. */
  tb->nev--;
  sl_tstr_free(&tb->ev[tb->nev].a);
  assert_int_equal(sl_trace_diff(&a.runs[0], tb, &d), SL_EOK);
  assert_int_equal(d.what, SL_DIFF_LENGTH);
  assert_int_equal(d.step, 3);
  sl_trace_list_free(&b);
  read_one(SAMPLE, &b);
  sl_tstr_setz(&b.runs[0].meta.outcome, "ok");
  assert_int_equal(sl_trace_diff(&a.runs[0], &b.runs[0], &d), SL_EOK);
  assert_int_equal(d.what, SL_DIFF_END);
  sl_trace_list_free(&a);
  sl_trace_list_free(&b);
}

/* ---- out of memory --------------------------------------------------------- */

/* Failing the k-th allocation for every k ends each operation cleanly
 * (ASan checks that nothing leaks). */
static void test_oom_sweep(void **state) {
  (void)state;
  for (unsigned long k = 1;; k++) {
    sl_trace_list l = {NULL, 0};
    sl_strbuf err = SL_STRBUF_INIT;
    sl_alloc_fail_after(k);
    sl_errcode rc = sl_jsonl_read_buf("s", SAMPLE, strlen(SAMPLE), &l, &err);
    char hex[65];
    sl_diff d;
    if (rc == SL_EOK) rc = sl_trace_hash(&l.runs[0], hex);
    if (rc == SL_EOK) rc = sl_trace_diff(&l.runs[0], &l.runs[0], &d);
    sl_alloc_fail_after(0);
    sl_trace_list_free(&l);
    if (rc != SL_EOK && rc != SL_ENOMEM)
      fail_msg("k=%lu rc=%d: %s", k, (int)rc, sl_strbuf_cstr(&err));
    sl_strbuf_free(&err);
    if (rc == SL_EOK) break;
    assert_int_equal(rc, SL_ENOMEM);
    assert_true(k < 100000);
  }
  for (unsigned long k = 1;; k++) {
    sl_alloc_fail_after(k);
    sl_recorder *rec = sl_recorder_new();
    bool failed = true;
    if (rec) {
      sl_run_info info = {"simloop", "0", "3.14.2", "sim", "s.py", "00", false, 0, NULL};
      sl_recorder_begin(rec, &info, NULL);
      sl_observer o = sl_recorder_observer(rec);
      for (int i = 1; i <= 50; i++) {
        o.step_begin(o.ctx, (uint64_t)i, i, true, 0);
        o.handle_run(o.ctx, (uint64_t)i, 0, i, "soon:step T1", sizeof "soon:step T1" - 1);
        o.output(o.ctx, (uint64_t)i, 1, "x", 1);
      }
      sl_recorder_end(rec, "ok", NULL, 50, 50);
      failed = sl_recorder_failed(rec);
    }
    sl_alloc_fail_after(0);
    sl_recorder_free(rec);
    if (!failed) break;
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sha256_vectors),
      cmocka_unit_test(test_sha256_both_ways),
      cmocka_unit_test(test_json_u64),
      cmocka_unit_test(test_jsonl_handle_lines),
      cmocka_unit_test(test_json_values),
      cmocka_unit_test(test_json_errors),
      cmocka_unit_test(test_json_python_extensions),
      cmocka_unit_test(test_jsonl_errors),
      cmocka_unit_test(test_jsonl_roundtrip),
      cmocka_unit_test(test_jsonl_oracle_files),
      cmocka_unit_test(test_recorder_roundtrip),
      cmocka_unit_test(test_store_all_or_nothing),
      cmocka_unit_test(test_new_database_built_aside),
      cmocka_unit_test(test_schema_created),
      cmocka_unit_test(test_migrate_v0),
      cmocka_unit_test(test_migrate_v1),
      cmocka_unit_test(test_migrate_v2),
      cmocka_unit_test(test_migrate_v5),
      cmocka_unit_test(test_handle_chunks),
      cmocka_unit_test(test_sock_events),
      cmocka_unit_test(test_diff),
      cmocka_unit_test(test_oom_sweep),
  };
  return cmocka_run_group_tests_name("traces", tests, NULL, NULL);
}
