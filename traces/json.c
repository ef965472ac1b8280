/* JSON text -> sl_json tree (json.h), parsed by Jansson (libjansson-dev).
 *
 * Jansson does the parsing, the UTF-8 checks and the error positions.
 * What is written by hand here is only what no strict JSON library
 * accepts and Python's json module writes: the numbers NaN, Infinity and
 * -Infinity, and lone surrogates (\udc80) that Python strings may hold. A
 * pre-pass (`extend`) replaces each of them with something Jansson takes,
 * of the same length so error columns stay true, and notes what it stood
 * for; the conversion to sl_json puts the real value back. Values are
 * numbered in document order on both sides, which holds because Jansson
 * keeps object members in insertion order and duplicate keys are refused.
 * (Formatting numbers CPython-exactly stays in core/num/numfmt: no library
 * gives repr()'s digits.) */
#include "traces/json.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

/* ---- the pre-pass: Python's extensions to same-length standard JSON ---- */

typedef struct special_num {
  size_t ordinal; /* among the number tokens */
  double value;
} special_num;

typedef struct lone_surrogate {
  size_t string;   /* ordinal among the strings (keys included) */
  size_t nth_fffd; /* which U+FFFD of that string stands for it */
  unsigned cp;
} lone_surrogate;

typedef struct extended {
  char *text; /* owned copy given to Jansson */
  special_num *nums;
  size_t nnums, capnums;
  lone_surrogate *lones;
  size_t nlones, caplones;
  bool nomem;
} extended;

static bool push_num(extended *x, size_t ordinal, double value) {
  if (x->nnums == x->capnums) {
    size_t cap = x->capnums ? x->capnums * 2 : 4;
    special_num *n = sl_realloc(x->nums, cap * sizeof *n);
    if (!n) return !(x->nomem = true);
    x->nums = n;
    x->capnums = cap;
  }
  x->nums[x->nnums++] = (special_num){ordinal, value};
  return true;
}

static bool push_lone(extended *x, size_t string, size_t nth, unsigned cp) {
  if (x->nlones == x->caplones) {
    size_t cap = x->caplones ? x->caplones * 2 : 4;
    lone_surrogate *n = sl_realloc(x->lones, cap * sizeof *n);
    if (!n) return !(x->nomem = true);
    x->lones = n;
    x->caplones = cap;
  }
  x->lones[x->nlones++] = (lone_surrogate){string, nth, cp};
  return true;
}

static int hex4(const char *p, const char *end) {
  if (end - p < 4) return -1;
  int v = 0;
  for (int i = 0; i < 4; i++) {
    char c = p[i];
    int h = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

/* Inside a string at p (after the opening quote): rewrites lone surrogate
 * escapes in t (the copy) and returns the end of the string. */
static const char *extend_string(extended *x, const char *s, const char *p, const char *end,
                                 size_t ordinal) {
  size_t fffd = 0;
  while (p < end && *p != '"') {
    if ((unsigned char)p[0] == 0xEF && end - p >= 3 && (unsigned char)p[1] == 0xBF &&
        (unsigned char)p[2] == 0xBD) {
      fffd++;
      p += 3;
      continue;
    }
    if (*p != '\\') {
      p++;
      continue;
    }
    if (end - p < 2 || p[1] != 'u') {
      p += end - p < 2 ? 1 : 2;
      continue;
    }
    int cp = hex4(p + 2, end);
    if (cp < 0xD800 || cp > 0xDFFF) {
      fffd += cp == 0xFFFD;
      p += cp < 0 ? 2 : 6;
      continue;
    }
    int lo = cp <= 0xDBFF && end - p >= 12 && p[6] == '\\' && p[7] == 'u' ? hex4(p + 8, end) : -1;
    if (lo >= 0xDC00 && lo <= 0xDFFF) {
      p += 12; /* a pair: one character, Jansson's to decode */
      continue;
    }
    if (!push_lone(x, ordinal, fffd++, (unsigned)cp)) return end;
    memcpy(x->text + (p - s), "\\ufffd", 6);
    p += 6;
  }
  return p < end ? p + 1 : end;
}

static bool starts(const char *p, const char *end, const char *word) {
  size_t n = strlen(word);
  return (size_t)(end - p) >= n && !memcmp(p, word, n);
}

/* Copies s[0..len) into x->text with the extensions replaced. */
static void extend(extended *x, const char *s, size_t len) {
  memset(x, 0, sizeof *x);
  x->text = sl_malloc(len + 1);
  if (!x->text) {
    x->nomem = true;
    return;
  }
  memcpy(x->text, s, len);
  x->text[len] = '\0';
  static const struct {
    const char *word;
    double value;
  } words[] = {{"NaN", NAN}, {"Infinity", INFINITY}, {"-Infinity", -INFINITY}};
  size_t nums = 0, strings = 0;
  const char *p = s, *end = s + len;
  while (p < end && !x->nomem) {
    if (*p == '"') {
      p = extend_string(x, s, p + 1, end, strings++);
      continue;
    }
    size_t w = 0;
    while (w < 3 && !starts(p, end, words[w].word)) w++;
    if (w < 3) {
      /* "0" and spaces: a number of the same length. */
      size_t n = strlen(words[w].word);
      memset(x->text + (p - s), ' ', n);
      x->text[p - s] = '0';
      push_num(x, nums++, words[w].value);
      p += n;
    } else if (*p == '-' || (*p >= '0' && *p <= '9')) {
      nums++;
      while (p < end && (*p == '-' || *p == '+' || *p == '.' || *p == 'e' || *p == 'E' ||
                         (*p >= '0' && *p <= '9')))
        p++;
    } else {
      p++;
    }
  }
}

static void extended_free(extended *x) {
  sl_free(x->text);
  sl_free(x->nums);
  sl_free(x->lones);
}

/* ---- Jansson's tree -> sl_json ----------------------------------------- */

typedef struct conv {
  const extended *x;
  size_t num, str, next_num, next_lone;
  bool nomem;
} conv;

void sl_json_free(sl_json *v) {
  if (!v) return;
  for (size_t i = 0; i < v->n && v->items; i++) sl_json_free(v->items[i]);
  if (v->keys)
    for (size_t i = 0; i < v->n; i++) sl_free(v->keys[i]);
  sl_free(v->keys);
  sl_free(v->items);
  sl_free(v->s);
  sl_free(v);
}

/* An owned copy of a decoded string, lone surrogates put back (WTF-8:
 * U+FFFD and a surrogate are both 3 bytes). */
static char *copy_string(conv *c, const char *s, size_t n) {
  size_t ordinal = c->str++;
  char *out = sl_malloc(n + 1);
  if (!out) {
    c->nomem = true;
    return NULL;
  }
  memcpy(out, s, n);
  out[n] = '\0';
  const extended *x = c->x;
  size_t nth = 0;
  for (size_t i = 0;
       i + 3 <= n && c->next_lone < x->nlones && x->lones[c->next_lone].string == ordinal; i++) {
    if ((unsigned char)out[i] != 0xEF || (unsigned char)out[i + 1] != 0xBF ||
        (unsigned char)out[i + 2] != 0xBD)
      continue;
    const lone_surrogate *l = &x->lones[c->next_lone];
    if (nth++ == l->nth_fffd) {
      out[i] = (char)(0xE0 | l->cp >> 12);
      out[i + 1] = (char)(0x80 | ((l->cp >> 6) & 0x3F));
      out[i + 2] = (char)(0x80 | (l->cp & 0x3F));
      c->next_lone++;
    }
    i += 2;
  }
  return out;
}

static sl_json *convert(conv *c, json_t *j);

static bool convert_object(conv *c, json_t *j, sl_json *v) {
  size_t n = json_object_size(j);
  v->items = sl_calloc(n ? n : 1, sizeof *v->items);
  v->keys = sl_calloc(n ? n : 1, sizeof *v->keys);
  if (!v->items || !v->keys) return false;
  const char *key;
  size_t klen;
  json_t *item;
  json_object_keylen_foreach(j, key, klen, item) {
    v->keys[v->n] = copy_string(c, key, klen);
    if (!v->keys[v->n]) return false;
    if (!(v->items[v->n++] = convert(c, item))) return false;
  }
  return true;
}

static bool convert_array(conv *c, json_t *j, sl_json *v) {
  size_t n = json_array_size(j);
  v->items = sl_calloc(n ? n : 1, sizeof *v->items);
  if (!v->items) return false;
  for (size_t i = 0; i < n; i++)
    if (!(v->items[v->n++] = convert(c, json_array_get(j, i)))) return false;
  return true;
}

static void convert_number(conv *c, json_t *j, sl_json *v) {
  size_t ordinal = c->num++;
  const extended *x = c->x;
  if (c->next_num < x->nnums && x->nums[c->next_num].ordinal == ordinal) {
    v->d = x->nums[c->next_num++].value;
  } else if (json_is_integer(j)) {
    v->is_int = true;
    v->i = json_integer_value(j);
    v->d = (double)v->i;
  } else {
    v->d = json_real_value(j);
  }
}

static sl_json *convert(conv *c, json_t *j) {
  sl_json *v = sl_calloc(1, sizeof *v);
  if (!v) {
    c->nomem = true;
    return NULL;
  }
  bool ok = true;
  switch (json_typeof(j)) {
  case JSON_OBJECT:
    v->type = SL_JSON_OBJECT;
    ok = convert_object(c, j, v);
    break;
  case JSON_ARRAY:
    v->type = SL_JSON_ARRAY;
    ok = convert_array(c, j, v);
    break;
  case JSON_STRING:
    v->type = SL_JSON_STRING;
    v->n = json_string_length(j);
    ok = (v->s = copy_string(c, json_string_value(j), v->n)) != NULL;
    break;
  case JSON_INTEGER:
  case JSON_REAL:
    v->type = SL_JSON_NUMBER;
    convert_number(c, j, v);
    break;
  case JSON_TRUE:
  case JSON_FALSE:
    v->type = SL_JSON_BOOL;
    v->b = json_is_true(j);
    break;
  case JSON_NULL: v->type = SL_JSON_NULL; break;
  }
  if (!ok) {
    c->nomem = true;
    sl_json_free(v);
    return NULL;
  }
  return v;
}

/* ---- parsing -------------------------------------------------------------- */

/* Jansson reports some failed allocations as syntax errors ("invalid
 * token"), so the allocator itself notes that one failed. */
static _Thread_local bool jansson_nomem;

static void *jansson_malloc(size_t n) {
  void *p = sl_malloc(n);
  if (!p) jansson_nomem = true;
  return p;
}

static void jansson_free(void *p) { sl_free(p); }

/* Jansson's message, with the bytes of the input it quotes made printable
 * (they go to a terminal). */
static void set_error(sl_json_error *err, size_t col, const char *msg) {
  err->col = col ? col : 1;
  size_t n = strlen(msg);
  if (n >= sizeof err->message) n = sizeof err->message - 1; /* Jansson's texts run to 160 bytes */
  memcpy(err->message, msg, n);
  err->message[n] = '\0';
  for (char *p = err->message; *p; p++)
    if ((unsigned char)*p < 0x20 || *p == 0x7f) *p = '?';
}

sl_json *sl_json_parse(const char *text, size_t len, sl_json_error *err) {
  /* Jansson allocates through the project's allocator, so an allocation
   * failure is injected and reported as for any other (test_oom). */
  json_set_alloc_funcs(jansson_malloc, jansson_free);
  extended x;
  extend(&x, text, len);
  if (x.nomem) {
    extended_free(&x);
    set_error(err, 1, "out of memory");
    return NULL;
  }
  json_error_t je;
  je.text[0] = '\0';
  je.position = 0;
  jansson_nomem = false;
  json_t *j =
      json_loadb(x.text, len, JSON_DECODE_ANY | JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES, &je);
  sl_json *v = NULL;
  if (!j) {
    /* Jansson's position is the bytes it read: the last one of the token
     * it stopped at, or all of them when the text ended too soon. */
    size_t tl = strlen(je.text), el = strlen("near end of file");
    bool at_end = tl >= el && !strcmp(je.text + tl - el, "near end of file");
    set_error(err, at_end ? len + 1 : (size_t)(je.position > 0 ? je.position : 1),
              jansson_nomem || !je.text[0] ? "out of memory" : je.text);
  } else {
    conv c = {&x, 0, 0, 0, 0, false};
    v = convert(&c, j);
    if (!v) set_error(err, 1, "out of memory");
    json_decref(j);
  }
  extended_free(&x);
  return v;
}

const sl_json *sl_json_get(const sl_json *obj, const char *key) {
  if (!obj || obj->type != SL_JSON_OBJECT) return NULL;
  for (size_t i = 0; i < obj->n; i++)
    if (!strcmp(obj->keys[i], key)) return obj->items[i];
  return NULL;
}
