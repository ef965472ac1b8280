/* Tokens of the scenario language, as the lexer hands them to the parser.
 *
 * Mirrors CPython's Lib/token.py: the same token kinds (NAME, NUMBER split
 * into INT/FLOAT, STRING, NEWLINE, INDENT, DEDENT, operators), with the
 * keywords given kinds of their own so the parser can switch on them.
 *
 * Ownership: a token owns nothing. Its byte span points into the source
 * buffer the lexer was given, which must outlive every token. */
#ifndef SL_LANG_TOKEN_H
#define SL_LANG_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* X(kind, spelling): spelling is what error messages and the dump print. */
#define SL_TOKEN_LIST(X)                                                                           \
  X(ENDMARKER, "end of file")                                                                      \
  X(NEWLINE, "newline")                                                                            \
  X(INDENT, "indent")                                                                              \
  X(DEDENT, "dedent")                                                                              \
  X(NAME, "name")                                                                                  \
  X(INT, "integer")                                                                                \
  X(FLOAT, "float")                                                                                \
  X(STRING, "string")                                                                              \
  /* keywords */                                                                                   \
  X(KW_FALSE, "False")                                                                             \
  X(KW_NONE, "None")                                                                               \
  X(KW_TRUE, "True")                                                                               \
  X(KW_AND, "and")                                                                                 \
  X(KW_AS, "as")                                                                                   \
  X(KW_ASSERT, "assert")                                                                           \
  X(KW_ASYNC, "async")                                                                             \
  X(KW_AWAIT, "await")                                                                             \
  X(KW_BREAK, "break")                                                                             \
  X(KW_CLASS, "class")                                                                             \
  X(KW_CONTINUE, "continue")                                                                       \
  X(KW_DEF, "def")                                                                                 \
  X(KW_DEL, "del")                                                                                 \
  X(KW_ELIF, "elif")                                                                               \
  X(KW_ELSE, "else")                                                                               \
  X(KW_EXCEPT, "except")                                                                           \
  X(KW_FINALLY, "finally")                                                                         \
  X(KW_FOR, "for")                                                                                 \
  X(KW_FROM, "from")                                                                               \
  X(KW_GLOBAL, "global")                                                                           \
  X(KW_IF, "if")                                                                                   \
  X(KW_IMPORT, "import")                                                                           \
  X(KW_IN, "in")                                                                                   \
  X(KW_IS, "is")                                                                                   \
  X(KW_LAMBDA, "lambda")                                                                           \
  X(KW_NONLOCAL, "nonlocal")                                                                       \
  X(KW_NOT, "not")                                                                                 \
  X(KW_OR, "or")                                                                                   \
  X(KW_PASS, "pass")                                                                               \
  X(KW_RAISE, "raise")                                                                             \
  X(KW_RETURN, "return")                                                                           \
  X(KW_TRY, "try")                                                                                 \
  X(KW_WHILE, "while")                                                                             \
  X(KW_WITH, "with")                                                                               \
  X(KW_YIELD, "yield")                                                                             \
  /* operators and delimiters */                                                                   \
  X(LPAR, "(")                                                                                     \
  X(RPAR, ")")                                                                                     \
  X(LSQB, "[")                                                                                     \
  X(RSQB, "]")                                                                                     \
  X(LBRACE, "{")                                                                                   \
  X(RBRACE, "}")                                                                                   \
  X(COLON, ":")                                                                                    \
  X(COMMA, ",")                                                                                    \
  X(SEMI, ";")                                                                                     \
  X(DOT, ".")                                                                                      \
  X(ELLIPSIS, "...")                                                                               \
  X(ARROW, "->")                                                                                   \
  X(AT, "@")                                                                                       \
  X(PLUS, "+")                                                                                     \
  X(MINUS, "-")                                                                                    \
  X(STAR, "*")                                                                                     \
  X(DOUBLESTAR, "**")                                                                              \
  X(SLASH, "/")                                                                                    \
  X(DOUBLESLASH, "//")                                                                             \
  X(PERCENT, "%")                                                                                  \
  X(VBAR, "|")                                                                                     \
  X(AMPER, "&")                                                                                    \
  X(CIRCUMFLEX, "^")                                                                               \
  X(TILDE, "~")                                                                                    \
  X(LSHIFT, "<<")                                                                                  \
  X(RSHIFT, ">>")                                                                                  \
  X(LESS, "<")                                                                                     \
  X(GREATER, ">")                                                                                  \
  X(EQUAL, "=")                                                                                    \
  X(EQEQUAL, "==")                                                                                 \
  X(NOTEQUAL, "!=")                                                                                \
  X(LESSEQUAL, "<=")                                                                               \
  X(GREATEREQUAL, ">=")                                                                            \
  X(COLONEQUAL, ":=")                                                                              \
  X(EXCLAMATION, "!")                                                                              \
  X(PLUSEQUAL, "+=")                                                                               \
  X(MINEQUAL, "-=")                                                                                \
  X(STAREQUAL, "*=")                                                                               \
  X(DOUBLESTAREQUAL, "**=")                                                                        \
  X(SLASHEQUAL, "/=")                                                                              \
  X(DOUBLESLASHEQUAL, "//=")                                                                       \
  X(PERCENTEQUAL, "%=")                                                                            \
  X(VBAREQUAL, "|=")                                                                               \
  X(AMPEREQUAL, "&=")                                                                              \
  X(CIRCUMFLEXEQUAL, "^=")                                                                         \
  X(LSHIFTEQUAL, "<<=")                                                                            \
  X(RSHIFTEQUAL, ">>=")                                                                            \
  X(ATEQUAL, "@=")

typedef enum sl_tok_kind {
#define SL_TOK_ENUM(kind, spelling) SL_TOK_##kind,
  SL_TOKEN_LIST(SL_TOK_ENUM)
#undef SL_TOK_ENUM
      SL_TOK__COUNT
} sl_tok_kind;

/* Flags of a STRING token (its prefix letters). */
enum {
  SL_STR_RAW = 1,   /* r / R: backslashes are literal */
  SL_STR_BYTES = 2, /* b / B */
  SL_STR_FMT = 4,   /* f / F: an f-string, split into fields by the parser */
};

typedef struct sl_token {
  sl_tok_kind kind;
  /* Position of the first character: line is 1-based; col is 1-based and
   * counted in Unicode code points (what CPython's caret uses). */
  uint32_t line, col;
  /* Position just past the last character (same conventions). */
  uint32_t end_line, end_col;
  size_t start, len; /* byte span of the whole token in the source */
  union {
    /* INT: the value; `overflow` set when it does not fit in uint64. */
    struct {
      uint64_t value;
      bool overflow;
    } i;
    double f; /* FLOAT */
    /* STRING: the text between the quotes (escapes not yet decoded). */
    struct {
      unsigned flags;
      size_t body_start, body_len;
      uint32_t body_line, body_col; /* position of the body's first byte */
    } s;
  } u;
} sl_token;

/* The spelling of a token kind ("if", "(", "name"); static storage. */
const char *sl_token_kind_name(sl_tok_kind kind);

#endif
