/* String literal bodies to their values (see sl__lexer_decode in lexer.h):
 * CPython's escapes (Parser/string_parser.c), with its error wording and
 * the position of the offending escape. */
#include <stdint.h>
#include <string.h>

#include "core/lang/lexer-int.h"
#include "core/lang/lexer.h"

static size_t put_utf8(char *out, uint32_t cp) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  } else if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  } else if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

bool sl__lexer_decode(const sl_lexer *lx, unsigned flags, size_t start, size_t n, uint32_t line,
                      uint32_t col, char *out, size_t *out_len, sl_diag *diag) {
  const unsigned char *s = (const unsigned char *)lx->src + start;
  bool bytes = flags & SL_STR_BYTES, raw = flags & SL_STR_RAW;
  size_t o = 0;
  sl_lexer pos_lx = *lx; /* a copy, only to track line/col for error positions */
  pos_lx.pos = start;
  pos_lx.end = start + n;
  pos_lx.line = line;
  pos_lx.col = col;
  sl_lexer *plx = &pos_lx;
#define DECODE_ERROR(kind, construct, hint, ...)                                                   \
  do {                                                                                             \
    sl__lex_error_at(plx, diag, kind, plx->pos, plx->line, plx->col, construct, hint,              \
                     __VA_ARGS__);                                                                 \
    return false;                                                                                  \
  } while (0)
  for (size_t i = 0; i < n;) {
    plx->pos = start + i;
    if (bytes && s[i] >= 0x80)
      DECODE_ERROR(SL_DIAG_SYNTAX, NULL, NULL, "bytes can only contain ASCII literal characters");
    if (s[i] != '\\' || raw) {
      out[o++] = (char)s[i];
      sl__lex_advance(plx);
      i++;
      continue;
    }
    /* s[i] is a backslash; the lexer guaranteed a byte follows it. */
    unsigned char e = i + 1 < n ? s[i + 1] : '\\';
    size_t used = 2;
    switch (e) {
    case '\n': break; /* backslash-newline: a continuation, no character */
    case '\r':
      if (i + 2 < n && s[i + 2] == '\n') used = 3;
      break;
    case '\\': out[o++] = '\\'; break;
    case '\'': out[o++] = '\''; break;
    case '"': out[o++] = '"'; break;
    case 'a': out[o++] = '\a'; break;
    case 'b': out[o++] = '\b'; break;
    case 'f': out[o++] = '\f'; break;
    case 'n': out[o++] = '\n'; break;
    case 'r': out[o++] = '\r'; break;
    case 't': out[o++] = '\t'; break;
    case 'v': out[o++] = '\v'; break;
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      uint32_t v = 0;
      used = 1;
      while (used < 4 && i + used < n && s[i + used] >= '0' && s[i + used] <= '7')
        v = v * 8 + (s[i + used++] - '0');
      if (bytes) {
        if (v > 0377)
          DECODE_ERROR(SL_DIAG_SYNTAX, NULL, NULL, "invalid octal escape sequence '\\%o'",
                       (unsigned)v);
        out[o++] = (char)v;
      } else {
        o += put_utf8(out + o, v);
      }
      break;
    }
    case 'x':
    case 'u':
    case 'U': {
      if (bytes && e != 'x') { /* \u is not an escape in bytes: kept as is */
        out[o++] = '\\';
        out[o++] = (char)e;
        break;
      }
      size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
      uint32_t v = 0;
      for (size_t k = 0; k < digits; k++) {
        int h = i + 2 + k < n ? sl__lex_hexval(s[i + 2 + k]) : -1;
        if (h < 0)
          DECODE_ERROR(SL_DIAG_SYNTAX, NULL, NULL, "truncated \\%s escape",
                       e == 'x'   ? "xXX"
                       : e == 'u' ? "uXXXX"
                                  : "UXXXXXXXX");
        v = v * 16 + (uint32_t)h;
      }
      used = 2 + digits;
      if (bytes) {
        out[o++] = (char)v;
      } else if (v > 0x10FFFF) {
        DECODE_ERROR(SL_DIAG_SYNTAX, NULL, NULL, "illegal Unicode character in \\U escape");
      } else if (v >= 0xD800 && v <= 0xDFFF) {
        DECODE_ERROR(SL_DIAG_UNSUPPORTED, "lone surrogate", "simloop strings are UTF-8",
                     "lone surrogate '\\u%04X' in a string is not supported by simloop",
                     (unsigned)v);
      } else {
        o += put_utf8(out + o, v);
      }
      break;
    }
    case 'N':
      if (!bytes)
        DECODE_ERROR(SL_DIAG_UNSUPPORTED, "\\N{...} escape",
                     "write the character itself, or use \\u/\\U escapes",
                     "'\\N{...}' escapes are not supported by simloop");
      out[o++] = '\\'; /* in bytes, \N is not an escape */
      used = 1;
      break;
    default:
      /* An unknown escape keeps its backslash (CPython warns, then does so). */
      out[o++] = '\\';
      used = 1;
      break;
    }
    for (size_t k = 0; k < used; k++) sl__lex_advance(plx);
    i += used;
  }
#undef DECODE_ERROR
  *out_len = o;
  return true;
}
