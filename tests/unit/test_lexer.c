/* Unit tests of the tokenizer (core/lang/lexer.c): token streams for
 * tricky inputs, indentation, literals, and errors with their positions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/lang/lexer.h"
#include "core/strbuf.h"

/* Renders the token stream compactly: names and operators as written,
 * INT/FLOAT as values, strings as <flags:body>, and NL IN DE EOF. On a
 * lexical error the result ends with "ERR line:col message". */
static char *lex(const char *src) {
  static char out[4096];
  sl_lexer lx;
  sl_diag d;
  sl_token t;
  sl_strbuf b = SL_STRBUF_INIT;
  sl_lexer_init(&lx, "t.py", src, strlen(src));
  for (int guard = 0; guard < 1000; guard++) {
    if (b.len) sl_strbuf_putc(&b, ' ');
    if (!sl_lexer_next(&lx, &t, &d)) {
      sl_strbuf_printf(&b, "ERR %u:%u %s", (unsigned)d.line, (unsigned)d.col, d.message);
      break;
    }
    switch (t.kind) {
    case SL_TOK_NEWLINE: sl_strbuf_puts(&b, "NL"); break;
    case SL_TOK_INDENT: sl_strbuf_puts(&b, "IN"); break;
    case SL_TOK_DEDENT: sl_strbuf_puts(&b, "DE"); break;
    case SL_TOK_ENDMARKER: sl_strbuf_puts(&b, "EOF"); break;
    case SL_TOK_INT:
      if (t.u.i.overflow)
        sl_strbuf_puts(&b, "INT(overflow)");
      else
        sl_strbuf_printf(&b, "%llu", (unsigned long long)t.u.i.value);
      break;
    case SL_TOK_FLOAT: sl_strbuf_printf(&b, "%gf", t.u.f); break;
    case SL_TOK_STRING:
      sl_strbuf_printf(&b, "<%s%s%s:%.*s>", t.u.s.flags & SL_STR_RAW ? "r" : "",
                       t.u.s.flags & SL_STR_BYTES ? "b" : "", t.u.s.flags & SL_STR_FMT ? "f" : "",
                       (int)t.u.s.body_len, src + t.u.s.body_start);
      break;
    default: sl_strbuf_append(&b, src + t.start, t.len); break;
    }
    if (t.kind == SL_TOK_ENDMARKER) break;
  }
  snprintf(out, sizeof out, "%s", sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return out;
}

static void test_simple_tokens(void **state) {
  (void)state;
  assert_string_equal(lex("x = a.b(1, 2)\n"), "x = a . b ( 1 , 2 ) NL EOF");
  assert_string_equal(lex("a**=b//=c<<=d>>=e...f->g:=h!=i"),
                      "a **= b //= c <<= d >>= e ... f -> g := h != i NL EOF");
  assert_string_equal(lex(""), "EOF");
  assert_string_equal(lex("\n\n# only a comment\n"), "EOF");
}

static void test_keywords_and_names(void **state) {
  (void)state;
  assert_string_equal(lex("async def await_ if_ not in is"),
                      "async def await_ if_ not in is NL EOF");
  sl_lexer lx;
  sl_token t;
  sl_diag d;
  sl_lexer_init(&lx, "t.py", "await", 5);
  assert_true(sl_lexer_next(&lx, &t, &d));
  assert_int_equal(t.kind, SL_TOK_KW_AWAIT);
  sl_lexer_init(&lx, "t.py", "match", 5); /* a soft keyword: just a name */
  assert_true(sl_lexer_next(&lx, &t, &d));
  assert_int_equal(t.kind, SL_TOK_NAME);
}

static void test_indentation(void **state) {
  (void)state;
  assert_string_equal(lex("if a:\n    b\n    if c:\n        d\ne\n"),
                      "if a : NL IN b NL if c : NL IN d NL DE DE e NL EOF");
  /* Blank lines and comment lines never produce tokens, whatever their
   * indentation. */
  assert_string_equal(lex("if a:\n\n      # c\n    b\n  \n"), "if a : NL IN b NL DE EOF");
  /* No final newline: NEWLINE and DEDENTs are still produced. */
  assert_string_equal(lex("if a:\n  b"), "if a : NL IN b NL DE EOF");
  /* CRLF and lone CR end lines too. */
  assert_string_equal(lex("a\r\nif b:\r  c\r\n"), "a NL if b : NL IN c NL DE EOF");
  /* A tab counts to the next multiple of 8, consistently. */
  assert_string_equal(lex("if a:\n\tb\n\tc\n"), "if a : NL IN b NL c NL DE EOF");
}

static void test_indentation_errors(void **state) {
  (void)state;
  assert_string_equal(lex("if a:\n    b\n  c\n"),
                      "if a : NL IN b NL "
                      "ERR 3:3 unindent does not match any outer indentation level");
  assert_string_equal(lex("if a:\n        b\n\tc\n"),
                      "if a : NL IN b NL "
                      "ERR 3:2 inconsistent use of tabs and spaces in indentation");
  static char deep[8192];
  size_t n = 0;
  for (int i = 0; i <= SL_LEXER_MAX_INDENT + 1; i++) {
    for (int k = 0; k < i; k++) deep[n++] = ' ';
    n += (size_t)sprintf(deep + n, "if a:\n");
  }
  const char *r = lex(deep);
  assert_non_null(strstr(r, "ERR 102:102 too many levels of indentation"));
}

static void test_line_joining(void **state) {
  (void)state;
  assert_string_equal(lex("x = (1,\n  2)\ny"), "x = ( 1 , 2 ) NL y NL EOF");
  assert_string_equal(lex("x = [\n# c\n1]\n"), "x = [ 1 ] NL EOF");
  assert_string_equal(lex("x = 1 + \\\n    2\n"), "x = 1 + 2 NL EOF");
  assert_string_equal(lex("x = 1 \\ 2\n"),
                      "x = 1 ERR 1:8 unexpected character after line continuation character");
  assert_string_equal(lex("x = \\"), "x = ERR 1:5 unexpected EOF while parsing");
}

static void test_brackets(void **state) {
  (void)state;
  assert_string_equal(lex("f(a\n\nb"), "f ( a b ERR 1:2 '(' was never closed");
  assert_string_equal(lex("a)"), "a ERR 1:2 unmatched ')'");
  assert_string_equal(lex("(a]"), "( a ERR 1:3 closing parenthesis ']' does not match opening "
                                  "parenthesis '('");
  assert_string_equal(lex("(a\n]"), "( a ERR 2:1 closing parenthesis ']' does not match opening "
                                    "parenthesis '(' on line 1");
  char deep[512];
  memset(deep, '(', SL_LEXER_MAX_PARENS + 1);
  deep[SL_LEXER_MAX_PARENS + 1] = '\0';
  assert_non_null(strstr(lex(deep), "ERR 1:201 too many nested parentheses"));
}

static void test_numbers(void **state) {
  (void)state;
  assert_string_equal(lex("0 00 7 1_000 0xff 0XdEaD_bEeF 0o17 0b1_01 0x_1"),
                      "0 0 7 1000 255 3735928559 15 5 1 NL EOF");
  assert_string_equal(lex("1. .5 1e-5 1_000.5 1E3 0.0 1e+2"),
                      "1f 0.5f 1e-05f 1000.5f 1000f 0f 100f NL EOF");
  assert_string_equal(lex("18446744073709551615 18446744073709551616"),
                      "18446744073709551615 INT(overflow) NL EOF");
  assert_string_equal(lex("1 .real"), "1 . real NL EOF");
}

static void test_number_errors(void **state) {
  (void)state;
  assert_string_equal(lex("1j"), "ERR 1:1 imaginary literals are not supported by simloop (complex "
                                 "numbers)");
  assert_string_equal(lex("x = 1.5J"),
                      "x = ERR 1:5 imaginary literals are not supported by simloop "
                      "(complex numbers)");
  assert_string_equal(lex("012"), "ERR 1:1 leading zeros in decimal integer literals are not "
                                  "permitted; use an 0o prefix for octal integers");
  assert_string_equal(lex("1__0"), "ERR 1:3 invalid decimal literal");
  assert_string_equal(lex("1_"), "ERR 1:3 invalid decimal literal");
  assert_string_equal(lex("1abc"), "ERR 1:2 invalid decimal literal");
  assert_string_equal(lex("1e"), "ERR 1:2 invalid decimal literal");
  assert_string_equal(lex("0x"), "ERR 1:3 invalid hexadecimal literal");
  assert_string_equal(lex("0xfg"), "ERR 1:4 invalid hexadecimal literal");
  assert_string_equal(lex("0o8"), "ERR 1:3 invalid digit '8' in octal literal");
  assert_string_equal(lex("0b102"), "ERR 1:5 invalid digit '2' in binary literal");
}

static void test_strings(void **state) {
  (void)state;
  assert_string_equal(lex("'a' \"b\" '''c\nd''' r'\\'' b'x' Rb'y' bR'z' f'{x}' rf'w' u'v'"),
                      "<:a> <:b> <:c\nd> <r:\\'> <b:x> <rb:y> <rb:z> <f:{x}> <rf:w> <:v> "
                      "NL EOF");
  /* Not prefixes: a name followed by a string. */
  assert_string_equal(lex("bf'x'"), "bf <:x> NL EOF");
  assert_string_equal(lex("'a\\\nb'"), "<:a\\\nb> NL EOF");
  assert_string_equal(lex("x = 'abc\n"),
                      "x = ERR 1:5 unterminated string literal (detected at line 1)");
  assert_string_equal(lex("x = '''abc\n\n"),
                      "x = ERR 1:5 unterminated triple-quoted string literal (detected at "
                      "line 3)");
}

static char *decode(const char *lit) {
  static char out[1024];
  static char buf[256];
  sl_lexer lx;
  sl_token t;
  sl_diag d;
  sl_lexer_init(&lx, "t.py", lit, strlen(lit));
  assert_true(sl_lexer_next(&lx, &t, &d));
  assert_int_equal(t.kind, SL_TOK_STRING);
  size_t n = 0;
  if (!sl__lexer_decode(&lx, t.u.s.flags, t.u.s.body_start, t.u.s.body_len, t.u.s.body_line,
                        t.u.s.body_col, buf, &n, &d)) {
    snprintf(out, sizeof out, "ERR %u:%u %s", (unsigned)d.line, (unsigned)d.col, d.message);
    return out;
  }
  /* Hex-escape the result so NULs and non-ASCII are visible. */
  size_t o = 0;
  for (size_t i = 0; i < n && o + 5 < sizeof out; i++) {
    unsigned char c = (unsigned char)buf[i];
    if (c >= 0x20 && c < 0x7F && c != '%')
      out[o++] = (char)c;
    else
      o += (size_t)snprintf(out + o, sizeof out - o, "%%%02x", c);
  }
  out[o] = '\0';
  return out;
}

static void test_escapes(void **state) {
  (void)state;
  assert_string_equal(decode("'a\\nb\\t\\\\\\'\\\"'"), "a%0ab%09\\'\"");
  assert_string_equal(decode("'\\x41\\101\\0\\u00e9\\U0001F600'"), "AA%00%c3%a9%f0%9f%98%80");
  assert_string_equal(decode("b'\\xff\\u00e9'"), "%ff\\u00e9");
  assert_string_equal(decode("r'\\n\\x'"), "\\n\\x");
  assert_string_equal(decode("'\\q'"), "\\q"); /* unknown escapes keep the backslash */
  assert_string_equal(decode("'a\\\nb'"), "ab");
  assert_string_equal(decode("'\\777'"), "%c7%bf");
  assert_string_equal(decode("'x\\N{BULLET}'"),
                      "ERR 1:3 '\\N{...}' escapes are not supported by simloop");
  assert_string_equal(decode("'\\x4'"), "ERR 1:2 truncated \\xXX escape");
  assert_string_equal(decode("'\\ud800'"),
                      "ERR 1:2 lone surrogate '\\uD800' in a string is not supported by "
                      "simloop");
  assert_string_equal(decode("'\\U00110000'"), "ERR 1:2 illegal Unicode character in \\U escape");
  assert_string_equal(decode("b'\\400'"), "ERR 1:3 invalid octal escape sequence '\\400'");
  assert_string_equal(decode("b'\xc3\xa9'"),
                      "ERR 1:3 bytes can only contain ASCII literal characters");
}

static void test_source_checks(void **state) {
  (void)state;
  sl_lexer lx;
  sl_token t;
  sl_diag d;
  sl_lexer_init(&lx, "t.py", "x = 1\ny = \0", 11);
  assert_false(sl_lexer_next(&lx, &t, &d));
  assert_string_equal(d.message, "source code cannot contain null bytes");
  assert_int_equal(d.line, 2);
  assert_int_equal(d.col, 5);
  assert_string_equal(lex("s = '\xc3\xa9'\nt = '\xff'"),
                      "ERR 2:6 invalid UTF-8 in source (byte 0xff)");
  assert_string_equal(lex("x = '\xed\xa0\x80'"), "ERR 1:6 invalid UTF-8 in source (byte 0xed)");
  assert_string_equal(lex("\xef\xbb\xbfx"), "x NL EOF"); /* BOM skipped */
  assert_string_equal(lex("x = \xc3\xa9"),
                      "x = ERR 1:5 non-ASCII character '\xc3\xa9' (U+00E9) outside strings "
                      "and comments is not supported by simloop");
  assert_string_equal(lex("a $ b"), "a ERR 1:3 invalid syntax");
}

static void test_columns_count_code_points(void **state) {
  (void)state;
  const char *src = "s = '\xc3\xa9\xe2\x82\xac' + x";
  sl_lexer lx;
  sl_token t;
  sl_diag d;
  sl_lexer_init(&lx, "t.py", src, strlen(src));
  for (int i = 0; i < 4; i++) assert_true(sl_lexer_next(&lx, &t, &d));
  assert_int_equal(t.kind, SL_TOK_PLUS);
  assert_int_equal(t.line, 1);
  assert_int_equal(t.col, 10); /* bytes 12, code points 9 before it */
  assert_int_equal(t.start, 12);
}

static void test_diag_format(void **state) {
  (void)state;
  const char *src = "def f():\n\tyield x\n";
  sl_diag d;
  sl_diag_set(&d, SL_DIAG_UNSUPPORTED, "scenario.py", src, strlen(src), 10, 2, 2, "yield",
              "rewrite without generators; see docs/language.md",
              "'yield' is not supported by simloop (generators)");
  sl_strbuf b = SL_STRBUF_INIT;
  sl_diag_format(&d, &b);
  assert_string_equal(sl_strbuf_cstr(&b),
                      "scenario.py:2:2: error: 'yield' is not supported by simloop "
                      "(generators)\n"
                      "    \tyield x\n"
                      "    \t^\n"
                      "hint: rewrite without generators; see docs/language.md\n");
  sl_strbuf_free(&b);
  sl_diag_set_nomem(&d, "scenario.py");
  sl_diag_format(&d, &b);
  assert_string_equal(sl_strbuf_cstr(&b), "scenario.py: error: out of memory\n");
  sl_strbuf_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_simple_tokens), cmocka_unit_test(test_keywords_and_names),
      cmocka_unit_test(test_indentation),   cmocka_unit_test(test_indentation_errors),
      cmocka_unit_test(test_line_joining),  cmocka_unit_test(test_brackets),
      cmocka_unit_test(test_numbers),       cmocka_unit_test(test_number_errors),
      cmocka_unit_test(test_strings),       cmocka_unit_test(test_escapes),
      cmocka_unit_test(test_source_checks), cmocka_unit_test(test_columns_count_code_points),
      cmocka_unit_test(test_diag_format),
  };
  return cmocka_run_group_tests_name("lexer", tests, NULL, NULL);
}
