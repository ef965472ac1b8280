/* The tokenizer (see lexer.h). Mirrors CPython's Parser/tokenizer.c:
 * indentation stack with tab/space consistency check, bracket-depth line
 * joining, number and string literal forms, CPython's error wording. */
#include "core/lang/lexer.h"

#include "core/lang/lexer-int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const token_names[] = {
#define SL_TOK_NAME(kind, spelling) spelling,
    SL_TOKEN_LIST(SL_TOK_NAME)
#undef SL_TOK_NAME
};

const char *sl_token_kind_name(sl_tok_kind kind) {
  return (unsigned)kind < SL_TOK__COUNT ? token_names[kind] : "?";
}

/* ---- source checks ------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at p (at most n bytes), or 0. Rejects
 * overlong forms, surrogates and code points above U+10FFFF. */
static size_t utf8_seq(const unsigned char *p, size_t n, uint32_t *cp_out) {
  unsigned char c = p[0];
  size_t need;
  uint32_t cp, min;
  if (c < 0x80) {
    *cp_out = c;
    return 1;
  } else if (c >= 0xC2 && c <= 0xDF) {
    need = 2, cp = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 3, cp = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (n < need) return 0;
  for (size_t i = 1; i < need; i++) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *cp_out = cp;
  return need;
}

/* ---- positions and errors ------------------------------------------------ */

void sl__lex_error_at(sl_lexer *lx, sl_diag *d, sl_diag_kind kind, size_t off, uint32_t line,
                      uint32_t col, const char *construct, const char *hint, const char *fmt, ...) {
  char msg[SL_DIAG_TEXT_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  sl_diag_set(d, kind, lx->filename, lx->src, lx->len, off, line, col, construct, hint, "%s", msg);
}

#define SYNTAX_AT(off, line, col, ...)                                                             \
  sl__lex_error_at(lx, diag, SL_DIAG_SYNTAX, off, line, col, NULL, NULL, __VA_ARGS__)
#define SYNTAX_HERE(...) SYNTAX_AT(lx->pos, lx->line, lx->col, __VA_ARGS__)

static int peekc(const sl_lexer *lx, size_t ahead) {
  return lx->pos + ahead < lx->end ? (unsigned char)lx->src[lx->pos + ahead] : -1;
}

void sl__lex_advance(sl_lexer *lx) {
  unsigned char c = (unsigned char)lx->src[lx->pos++];
  if (c == '\n' || (c == '\r' && peekc(lx, 0) != '\n')) {
    lx->line++;
    lx->col = 1;
  } else if (c == '\r') {
    /* the '\n' that follows ends the line */
  } else if ((c & 0xC0) != 0x80) {
    lx->col++;
  }
}

static bool is_newline_char(int c) { return c == '\n' || c == '\r'; }

static bool is_id_start(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_id_char(int c) { return is_id_start(c) || (c >= '0' && c <= '9'); }

/* ---- init ----------------------------------------------------------------- */

static void init_common(sl_lexer *lx, const char *filename, const char *src, size_t len) {
  memset(lx, 0, sizeof *lx);
  lx->filename = filename;
  lx->src = src;
  lx->len = len;
  lx->line = 1;
  lx->col = 1;
}

void sl_lexer_init(sl_lexer *lx, const char *filename, const char *src, size_t len) {
  init_common(lx, filename, src, len);
  lx->end = len;
  lx->at_line_start = true;
  if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) lx->pos = 3;
}

void sl_lexer_init_fstring_expr(sl_lexer *lx, const char *filename, const char *src, size_t len,
                                size_t start, size_t end, uint32_t line, uint32_t col) {
  init_common(lx, filename, src, len);
  lx->pos = start;
  lx->end = end;
  lx->line = line;
  lx->col = col;
  lx->fstring_expr = true;
  lx->checked = true; /* the enclosing file was checked */
}

/* Checks the whole source once, before the first token: CPython decodes the
 * file before tokenizing, so these errors come first there too. */
static bool check_source(sl_lexer *lx, sl_diag *diag) {
  const unsigned char *s = (const unsigned char *)lx->src;
  uint32_t line = 1, col = 1;
  for (size_t i = 0; i < lx->len;) {
    uint32_t cp;
    if (s[i] == 0) {
      SYNTAX_AT(i, line, col, "source code cannot contain null bytes");
      return false;
    }
    size_t n = utf8_seq(s + i, lx->len - i, &cp);
    if (n == 0) {
      SYNTAX_AT(i, line, col, "invalid UTF-8 in source (byte 0x%02x)", s[i]);
      return false;
    }
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= lx->len || s[i + 1] != '\n'))) {
      line++;
      col = 1;
    } else if (s[i] != '\r') {
      col++;
    }
    i += n;
  }
  return true;
}

/* ---- tokens ---------------------------------------------------------------- */

static void begin_tok(sl_lexer *lx, sl_token *t, sl_tok_kind kind) {
  memset(t, 0, sizeof *t);
  t->kind = kind;
  t->line = lx->line;
  t->col = lx->col;
  t->start = lx->pos;
}

static void end_tok(sl_lexer *lx, sl_token *t) {
  t->len = lx->pos - t->start;
  t->end_line = lx->line;
  t->end_col = lx->col;
  if (t->kind != SL_TOK_NEWLINE && t->kind != SL_TOK_INDENT && t->kind != SL_TOK_DEDENT)
    lx->line_has_tokens = true;
}

static const struct {
  const char *word;
  sl_tok_kind kind;
} keywords[] = {
    {"False", SL_TOK_KW_FALSE},
    {"None", SL_TOK_KW_NONE},
    {"True", SL_TOK_KW_TRUE},
    {"and", SL_TOK_KW_AND},
    {"as", SL_TOK_KW_AS},
    {"assert", SL_TOK_KW_ASSERT},
    {"async", SL_TOK_KW_ASYNC},
    {"await", SL_TOK_KW_AWAIT},
    {"break", SL_TOK_KW_BREAK},
    {"class", SL_TOK_KW_CLASS},
    {"continue", SL_TOK_KW_CONTINUE},
    {"def", SL_TOK_KW_DEF},
    {"del", SL_TOK_KW_DEL},
    {"elif", SL_TOK_KW_ELIF},
    {"else", SL_TOK_KW_ELSE},
    {"except", SL_TOK_KW_EXCEPT},
    {"finally", SL_TOK_KW_FINALLY},
    {"for", SL_TOK_KW_FOR},
    {"from", SL_TOK_KW_FROM},
    {"global", SL_TOK_KW_GLOBAL},
    {"if", SL_TOK_KW_IF},
    {"import", SL_TOK_KW_IMPORT},
    {"in", SL_TOK_KW_IN},
    {"is", SL_TOK_KW_IS},
    {"lambda", SL_TOK_KW_LAMBDA},
    {"nonlocal", SL_TOK_KW_NONLOCAL},
    {"not", SL_TOK_KW_NOT},
    {"or", SL_TOK_KW_OR},
    {"pass", SL_TOK_KW_PASS},
    {"raise", SL_TOK_KW_RAISE},
    {"return", SL_TOK_KW_RETURN},
    {"try", SL_TOK_KW_TRY},
    {"while", SL_TOK_KW_WHILE},
    {"with", SL_TOK_KW_WITH},
    {"yield", SL_TOK_KW_YIELD},
};

static sl_tok_kind keyword_kind(const char *s, size_t n) {
  for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
    if (strlen(keywords[i].word) == n && memcmp(keywords[i].word, s, n) == 0)
      return keywords[i].kind;
  return SL_TOK_NAME;
}

/* Returns the string flags if s[0..n) is a valid string prefix, else -1. */
static int string_prefix(const char *s, size_t n) {
  unsigned flags = 0;
  if (n > 2) return -1;
  for (size_t i = 0; i < n; i++) {
    unsigned bit;
    switch (s[i] | 0x20) {
    case 'r': bit = SL_STR_RAW; break;
    case 'b': bit = SL_STR_BYTES; break;
    case 'f': bit = SL_STR_FMT; break;
    case 'u': bit = 0x100; break;
    default: return -1;
    }
    if (flags & bit) return -1;
    flags |= bit;
  }
  /* Valid pairs are rb/br and rf/fr; 'u' stands alone. */
  if ((flags & 0x100) && n != 1) return -1;
  if ((flags & SL_STR_BYTES) && (flags & SL_STR_FMT)) return -1;
  return (int)(flags & ~0x100u);
}

static bool lex_string(sl_lexer *lx, sl_token *t, unsigned flags, sl_diag *diag) {
  char q = (char)peekc(lx, 0);
  bool triple = peekc(lx, 1) == q && peekc(lx, 2) == q;
  size_t qn = triple ? 3 : 1;
  for (size_t i = 0; i < qn; i++) sl__lex_advance(lx);
  t->kind = SL_TOK_STRING;
  t->u.s.flags = flags;
  t->u.s.body_start = lx->pos;
  t->u.s.body_line = lx->line;
  t->u.s.body_col = lx->col;
  for (;;) {
    int c = peekc(lx, 0);
    if (c < 0 || (!triple && is_newline_char(c))) {
      if (triple)
        SYNTAX_AT(t->start, t->line, t->col,
                  "unterminated triple-quoted string literal (detected at line %u)",
                  (unsigned)lx->line);
      else
        SYNTAX_AT(t->start, t->line, t->col, "unterminated string literal (detected at line %u)",
                  (unsigned)lx->line);
      return false;
    }
    if (c == q && (!triple || (peekc(lx, 1) == q && peekc(lx, 2) == q))) {
      t->u.s.body_len = lx->pos - t->u.s.body_start;
      for (size_t i = 0; i < qn; i++) sl__lex_advance(lx);
      return true;
    }
    if (c == '\\' && lx->pos + 1 < lx->end) sl__lex_advance(lx); /* the escaped byte is skipped */
    sl__lex_advance(lx);
  }
}

/* Consumes digits accepted by is_digit, with single underscores between
 * them. Returns false on a misplaced underscore. Sets *any if a digit was
 * read. The value is accumulated in base `base` (0 = don't). */
static bool lex_digits(sl_lexer *lx, int (*digit_value)(int), unsigned base, uint64_t *val,
                       bool *overflow, bool *any) {
  bool prev_us = false;
  for (;;) {
    int c = peekc(lx, 0);
    if (c == '_') {
      if (prev_us) return false;
      prev_us = true;
      sl__lex_advance(lx);
      continue;
    }
    int v = c < 0 ? -1 : digit_value(c);
    if (v < 0 || (unsigned)v >= (base ? base : 10)) break;
    prev_us = false;
    *any = true;
    if (base) {
      if (*val > (UINT64_MAX - (uint64_t)v) / base)
        *overflow = true;
      else
        *val = *val * base + (uint64_t)v;
    }
    sl__lex_advance(lx);
  }
  return !prev_us;
}

int sl__lex_hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static int decval(int c) { return c >= '0' && c <= '9' ? c - '0' : -1; }

static bool lex_number(sl_lexer *lx, sl_token *t, sl_diag *diag) {
  uint64_t val = 0;
  bool overflow = false, any = false;
  int c0 = peekc(lx, 0), c1 = peekc(lx, 1) | 0x20;
  t->kind = SL_TOK_INT;
  if (c0 == '0' && (c1 == 'x' || c1 == 'o' || c1 == 'b')) {
    unsigned base = c1 == 'x' ? 16 : c1 == 'o' ? 8 : 2;
    const char *what = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
    sl__lex_advance(lx);
    sl__lex_advance(lx);
    bool ok = lex_digits(lx, sl__lex_hexval, base, &val, &overflow, &any);
    int c = peekc(lx, 0);
    if (ok && base != 16 && c >= '0' && c <= '9') {
      SYNTAX_HERE("invalid digit '%c' in %s literal", c, what);
      return false;
    }
    if (!ok || !any || (c >= 0 && is_id_char(c))) {
      SYNTAX_HERE("invalid %s literal", what);
      return false;
    }
    t->u.i.value = val;
    t->u.i.overflow = overflow;
    return true;
  }
  bool is_float = false, nonzero = false;
  size_t digits_start = lx->pos;
  if (c0 != '.') {
    if (!lex_digits(lx, decval, 10, &val, &overflow, &any)) {
      SYNTAX_HERE("invalid decimal literal");
      return false;
    }
    for (size_t i = digits_start; i < lx->pos; i++)
      if (lx->src[i] != '0' && lx->src[i] != '_') nonzero = true;
  }
  if (peekc(lx, 0) == '.') {
    is_float = true;
    sl__lex_advance(lx);
    bool frac_any = false;
    if (peekc(lx, 0) != '_' && !lex_digits(lx, decval, 0, &val, &overflow, &frac_any)) {
      SYNTAX_HERE("invalid decimal literal");
      return false;
    }
  }
  if ((peekc(lx, 0) | 0x20) == 'e') {
    int s = peekc(lx, 1);
    size_t k = (s == '+' || s == '-') ? 2 : 1;
    int d = peekc(lx, k);
    if (d >= '0' && d <= '9') {
      is_float = true;
      for (size_t i = 0; i < k; i++) sl__lex_advance(lx);
      bool eany = false;
      if (!lex_digits(lx, decval, 0, &val, &overflow, &eany)) {
        SYNTAX_HERE("invalid decimal literal");
        return false;
      }
    } else {
      SYNTAX_HERE("invalid decimal literal");
      return false;
    }
  }
  int c = peekc(lx, 0);
  if ((c | 0x20) == 'j') {
    sl__lex_error_at(lx, diag, SL_DIAG_UNSUPPORTED, t->start, t->line, t->col, "imaginary literal",
                     "simloop has no complex numbers; use floats",
                     "imaginary literals are not supported by simloop (complex numbers)");
    return false;
  }
  if (c >= 0 && (is_id_char(c) || c == '.')) {
    SYNTAX_HERE("invalid decimal literal");
    return false;
  }
  if (!is_float) {
    if (nonzero && lx->src[digits_start] == '0') {
      SYNTAX_AT(t->start, t->line, t->col,
                "leading zeros in decimal integer literals are not permitted; use an 0o "
                "prefix for octal integers");
      return false;
    }
    t->u.i.value = val;
    t->u.i.overflow = overflow;
    return true;
  }
  /* strtod needs a NUL-terminated copy without underscores. */
  char buf[SL_LEXER_MAX_FLOAT_CHARS + 1];
  size_t n = 0;
  for (size_t i = t->start; i < lx->pos; i++) {
    if (lx->src[i] == '_') continue;
    if (n == SL_LEXER_MAX_FLOAT_CHARS) {
      sl__lex_error_at(lx, diag, SL_DIAG_LIMIT, t->start, t->line, t->col, "float literal", NULL,
                       "float literal too long (simloop limit: %d characters)",
                       SL_LEXER_MAX_FLOAT_CHARS);
      return false;
    }
    buf[n++] = lx->src[i];
  }
  buf[n] = '\0';
  t->kind = SL_TOK_FLOAT;
  t->u.f = strtod(buf, NULL);
  return true;
}

static const struct {
  const char *op;
  sl_tok_kind kind;
} operators[] = {
    /* longest first, so the first match is the longest one */
    {"**=", SL_TOK_DOUBLESTAREQUAL},
    {"//=", SL_TOK_DOUBLESLASHEQUAL},
    {"<<=", SL_TOK_LSHIFTEQUAL},
    {">>=", SL_TOK_RSHIFTEQUAL},
    {"...", SL_TOK_ELLIPSIS},
    {"->", SL_TOK_ARROW},
    {"**", SL_TOK_DOUBLESTAR},
    {"//", SL_TOK_DOUBLESLASH},
    {"<<", SL_TOK_LSHIFT},
    {">>", SL_TOK_RSHIFT},
    {"==", SL_TOK_EQEQUAL},
    {"!=", SL_TOK_NOTEQUAL},
    {"<=", SL_TOK_LESSEQUAL},
    {">=", SL_TOK_GREATEREQUAL},
    {":=", SL_TOK_COLONEQUAL},
    {"+=", SL_TOK_PLUSEQUAL},
    {"-=", SL_TOK_MINEQUAL},
    {"*=", SL_TOK_STAREQUAL},
    {"/=", SL_TOK_SLASHEQUAL},
    {"%=", SL_TOK_PERCENTEQUAL},
    {"|=", SL_TOK_VBAREQUAL},
    {"&=", SL_TOK_AMPEREQUAL},
    {"^=", SL_TOK_CIRCUMFLEXEQUAL},
    {"@=", SL_TOK_ATEQUAL},
    {"(", SL_TOK_LPAR},
    {")", SL_TOK_RPAR},
    {"[", SL_TOK_LSQB},
    {"]", SL_TOK_RSQB},
    {"{", SL_TOK_LBRACE},
    {"}", SL_TOK_RBRACE},
    {":", SL_TOK_COLON},
    {",", SL_TOK_COMMA},
    {";", SL_TOK_SEMI},
    {".", SL_TOK_DOT},
    {"@", SL_TOK_AT},
    {"+", SL_TOK_PLUS},
    {"-", SL_TOK_MINUS},
    {"*", SL_TOK_STAR},
    {"/", SL_TOK_SLASH},
    {"%", SL_TOK_PERCENT},
    {"|", SL_TOK_VBAR},
    {"&", SL_TOK_AMPER},
    {"^", SL_TOK_CIRCUMFLEX},
    {"~", SL_TOK_TILDE},
    {"<", SL_TOK_LESS},
    {">", SL_TOK_GREATER},
    {"=", SL_TOK_EQUAL},
    {"!", SL_TOK_EXCLAMATION},
};

static bool lex_operator(sl_lexer *lx, sl_token *t, sl_diag *diag) {
  for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++) {
    size_t n = strlen(operators[i].op);
    if (lx->pos + n <= lx->end && memcmp(lx->src + lx->pos, operators[i].op, n) == 0) {
      t->kind = operators[i].kind;
      for (size_t k = 0; k < n; k++) sl__lex_advance(lx);
      break;
    }
  }
  if (t->kind == SL_TOK_ENDMARKER) {
    uint32_t cp = 0;
    size_t n = utf8_seq((const unsigned char *)lx->src + lx->pos, lx->end - lx->pos, &cp);
    if (n > 1) {
      sl__lex_error_at(lx, diag, SL_DIAG_UNSUPPORTED, lx->pos, lx->line, lx->col,
                       "non-ASCII identifier", "use ASCII names; non-ASCII text belongs in strings",
                       "non-ASCII character '%.*s' (U+%04X) outside strings and comments is "
                       "not supported by simloop",
                       (int)n, lx->src + lx->pos, (unsigned)cp);
    } else {
      SYNTAX_HERE("invalid syntax");
    }
    return false;
  }
  /* Bracket matching, with CPython's messages. */
  char c = lx->src[t->start];
  if (c == '(' || c == '[' || c == '{') {
    if (lx->paren_depth >= SL_LEXER_MAX_PARENS) {
      sl__lex_error_at(lx, diag, SL_DIAG_LIMIT, t->start, t->line, t->col, NULL, NULL,
                       "too many nested parentheses");
      return false;
    }
    lx->paren_char[lx->paren_depth] = c;
    lx->paren_line[lx->paren_depth] = t->line;
    lx->paren_col[lx->paren_depth] = t->col;
    lx->paren_off[lx->paren_depth] = t->start;
    lx->paren_depth++;
  } else if (c == ')' || c == ']' || c == '}') {
    if (lx->paren_depth == 0) {
      SYNTAX_AT(t->start, t->line, t->col, "unmatched '%c'", c);
      return false;
    }
    char open = lx->paren_char[lx->paren_depth - 1];
    char want = open == '(' ? ')' : open == '[' ? ']' : '}';
    if (c != want) {
      uint32_t ol = lx->paren_line[lx->paren_depth - 1];
      if (ol != t->line)
        SYNTAX_AT(t->start, t->line, t->col,
                  "closing parenthesis '%c' does not match opening parenthesis '%c' on "
                  "line %u",
                  c, open, (unsigned)ol);
      else
        SYNTAX_AT(t->start, t->line, t->col,
                  "closing parenthesis '%c' does not match opening parenthesis '%c'", c, open);
      return false;
    }
    lx->paren_depth--;
  }
  return true;
}

/* Measures the indentation of a new line and queues INDENT/DEDENT. Returns
 * 1 when an INDENT token was produced in *t, 0 when nothing to emit now,
 * -1 on error. Blank and comment-only lines produce nothing. */
static int lex_indentation(sl_lexer *lx, sl_token *t, sl_diag *diag, bool *blank) {
  int col = 0, alt = 0;
  for (;;) {
    int c = peekc(lx, 0);
    if (c == ' ') {
      col++, alt++;
    } else if (c == '\t') {
      col = (col / 8 + 1) * 8; /* tokenizer.c: tabs to the next multiple of 8 */
      alt++;
    } else if (c == '\f') {
      col = alt = 0; /* a form feed resets the column, as in CPython */
    } else {
      break;
    }
    sl__lex_advance(lx);
  }
  int c = peekc(lx, 0);
  *blank = c < 0 || c == '#' || is_newline_char(c);
  if (*blank) return 0;
  lx->at_line_start = false;
  int top = lx->indents[lx->indent_top], alt_top = lx->alt_indents[lx->indent_top];
  if (col == top) {
    if (alt != alt_top) goto tab_error;
    return 0;
  }
  if (col > top) {
    if (lx->indent_top >= SL_LEXER_MAX_INDENT) {
      sl__lex_error_at(lx, diag, SL_DIAG_LIMIT, lx->pos, lx->line, lx->col, NULL, NULL,
                       "too many levels of indentation");
      return -1;
    }
    if (alt <= alt_top) goto tab_error;
    lx->indent_top++;
    lx->indents[lx->indent_top] = col;
    lx->alt_indents[lx->indent_top] = alt;
    begin_tok(lx, t, SL_TOK_INDENT);
    end_tok(lx, t);
    return 1;
  }
  while (lx->indent_top > 0 && col < lx->indents[lx->indent_top]) {
    lx->indent_top--;
    lx->pending_dedents++;
  }
  if (col != lx->indents[lx->indent_top]) {
    SYNTAX_HERE("unindent does not match any outer indentation level");
    return -1;
  }
  if (alt != lx->alt_indents[lx->indent_top]) goto tab_error;
  return 0;
tab_error:
  SYNTAX_HERE("inconsistent use of tabs and spaces in indentation");
  return -1;
}

bool sl_lexer_next(sl_lexer *lx, sl_token *t, sl_diag *diag) {
  if (!lx->checked) {
    lx->checked = true;
    if (!check_source(lx, diag)) return false;
  }
  for (;;) {
    if (lx->at_line_start && !lx->fstring_expr && lx->paren_depth == 0) {
      bool blank = false;
      int r = lex_indentation(lx, t, diag, &blank);
      if (r < 0) return false;
      if (r > 0) return true;
    }
    if (lx->pending_dedents > 0) {
      lx->pending_dedents--;
      begin_tok(lx, t, SL_TOK_DEDENT);
      end_tok(lx, t);
      return true;
    }
    int c = peekc(lx, 0);
    if (c == ' ' || c == '\t' || c == '\f') {
      sl__lex_advance(lx);
      continue;
    }
    if (c == '#') {
      if (lx->fstring_expr) {
        SYNTAX_HERE("f-string expression part cannot include '#'");
        return false;
      }
      while (peekc(lx, 0) >= 0 && !is_newline_char(peekc(lx, 0))) sl__lex_advance(lx);
      continue;
    }
    if (c == '\\') {
      if (lx->fstring_expr) {
        SYNTAX_HERE("f-string expression part cannot include a backslash");
        return false;
      }
      int n = peekc(lx, 1);
      if (n < 0) {
        SYNTAX_HERE("unexpected EOF while parsing");
        return false;
      }
      if (!is_newline_char(n)) {
        sl__lex_advance(lx);
        SYNTAX_HERE("unexpected character after line continuation character");
        return false;
      }
      sl__lex_advance(lx);
      sl__lex_advance(lx);
      if (n == '\r' && peekc(lx, 0) == '\n') sl__lex_advance(lx);
      continue;
    }
    if (is_newline_char(c)) {
      bool emit = lx->paren_depth == 0 && !lx->fstring_expr && !lx->at_line_start;
      if (emit) begin_tok(lx, t, SL_TOK_NEWLINE);
      sl__lex_advance(lx);
      if (c == '\r' && peekc(lx, 0) == '\n') sl__lex_advance(lx);
      if (lx->paren_depth == 0 && !lx->fstring_expr) lx->at_line_start = true;
      if (emit) {
        end_tok(lx, t);
        lx->line_has_tokens = false;
        return true;
      }
      continue;
    }
    if (c < 0) {
      if (lx->paren_depth > 0) {
        int d = lx->paren_depth - 1;
        SYNTAX_AT(lx->paren_off[d], lx->paren_line[d], lx->paren_col[d], "'%c' was never closed",
                  lx->paren_char[d]);
        return false;
      }
      if (lx->line_has_tokens && !lx->fstring_expr) {
        begin_tok(lx, t, SL_TOK_NEWLINE);
        end_tok(lx, t);
        lx->line_has_tokens = false;
        return true;
      }
      if (lx->indent_top > 0) {
        lx->indent_top--;
        begin_tok(lx, t, SL_TOK_DEDENT);
        end_tok(lx, t);
        return true;
      }
      begin_tok(lx, t, SL_TOK_ENDMARKER);
      end_tok(lx, t);
      lx->finished = true;
      return true;
    }
    break;
  }
  lx->at_line_start = false;
  int c = peekc(lx, 0);
  begin_tok(lx, t, SL_TOK_ENDMARKER);
  if (is_id_start(c)) {
    while (peekc(lx, 0) >= 0 && is_id_char(peekc(lx, 0))) sl__lex_advance(lx);
    size_t n = lx->pos - t->start;
    int q = peekc(lx, 0);
    int flags = (q == '\'' || q == '"') ? string_prefix(lx->src + t->start, n) : -1;
    if (flags >= 0) {
      if (!lex_string(lx, t, (unsigned)flags, diag)) return false;
    } else {
      t->kind = keyword_kind(lx->src + t->start, n);
    }
  } else if (c == '\'' || c == '"') {
    if (!lex_string(lx, t, 0, diag)) return false;
  } else if ((c >= '0' && c <= '9') || (c == '.' && peekc(lx, 1) >= '0' && peekc(lx, 1) <= '9')) {
    if (!lex_number(lx, t, diag)) return false;
  } else if (!lex_operator(lx, t, diag)) {
    return false;
  }
  end_tok(lx, t);
  return true;
}
