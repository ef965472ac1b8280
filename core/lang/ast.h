/* The abstract syntax tree of a scenario: the contract between the parser
 * and the compiler.
 *
 * Mirrors CPython's Parser/Python.asdl for the supported subset, with two
 * deliberate differences: `if/elif/else` is one node with a flat list of
 * branches (so a long elif chain is not a deep tree), and literals are raw
 * C values (int64_t, double, UTF-8 text) instead of Python objects.
 *
 * Ownership: every node, array and string of a module lives in the arena
 * owned by its sl_ast_module; sl_ast_free(module) releases all of it at
 * once. Nothing in the tree is owned separately; never free a node.
 *
 * Positions: every node carries `line` (1-based) and `col` (1-based,
 * counted in Unicode code points from the start of the line, as CPython's
 * SyntaxError caret prints it; a tab is one column) of its first
 * character. For a binary operation that is the start of its left operand,
 * for a call the start of the callee, as in CPython.
 *
 * Limits the compiler may rely on: statement nesting and bracket nesting
 * are at most SL_PARSE_MAX_NESTING deep, and no expression tree is taller
 * than SL_AST_MAX_HEIGHT, so a recursive walk over the tree is bounded. */
#ifndef SL_LANG_AST_H
#define SL_LANG_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"

#define SL_PARSE_MAX_NESTING 200
#define SL_AST_MAX_HEIGHT    1000

/* A counted string in the arena. `data` is also NUL-terminated, but str
 * and bytes literals may contain NUL bytes: always use `len`. */
typedef struct sl_ast_str {
  const char *data;
  size_t len;
} sl_ast_str;

typedef struct sl_ast_expr sl_ast_expr;
typedef struct sl_ast_stmt sl_ast_stmt;

/* A statement list (a suite). Empty only for a module with no code. */
typedef struct sl_ast_block {
  sl_ast_stmt **stmts;
  size_t n;
} sl_ast_block;

/* ---- expressions ----------------------------------------------------------- */

typedef enum sl_ast_expr_kind {
  SL_EXPR_CONST,     /* None, True, False, ..., int, float, str, bytes */
  SL_EXPR_NAME,      /* an identifier */
  SL_EXPR_FSTRING,   /* f"...": parts are CONST str and FORMATTED */
  SL_EXPR_FORMATTED, /* one {field} of an f-string */
  SL_EXPR_TUPLE,
  SL_EXPR_LIST,
  SL_EXPR_SET,
  SL_EXPR_DICT,
  SL_EXPR_LISTCOMP,
  SL_EXPR_SETCOMP,
  SL_EXPR_DICTCOMP,
  SL_EXPR_GENEXP,
  SL_EXPR_BOOLOP, /* a or b or c: flat list of values */
  SL_EXPR_BINOP,
  SL_EXPR_UNARYOP,
  SL_EXPR_COMPARE, /* a < b <= c: left, then ops[i] comparators[i] */
  SL_EXPR_IFEXP,   /* body if test else orelse */
  SL_EXPR_LAMBDA,
  SL_EXPR_NAMEDEXPR, /* target := value (target is a NAME) */
  SL_EXPR_AWAIT,
  SL_EXPR_YIELD,      /* yield [value]: u.await.value may be NULL */
  SL_EXPR_YIELD_FROM, /* yield from value: u.await.value */
  SL_EXPR_CALL,
  SL_EXPR_ATTRIBUTE,
  SL_EXPR_SUBSCRIPT,
  SL_EXPR_SLICE,   /* only as a SUBSCRIPT index or an element of its tuple */
  SL_EXPR_STARRED, /* *x in calls, displays and assignment targets */
} sl_ast_expr_kind;

/* How a NAME, ATTRIBUTE, SUBSCRIPT, STARRED, TUPLE or LIST is used:
 * read, assigned (assignment/for/with/except targets, walrus) or deleted. */
typedef enum sl_ast_ctx { SL_CTX_LOAD, SL_CTX_STORE, SL_CTX_DEL } sl_ast_ctx;

typedef enum sl_ast_const_kind {
  SL_CONST_NONE,
  SL_CONST_TRUE,
  SL_CONST_FALSE,
  SL_CONST_ELLIPSIS,
  SL_CONST_INT,    /* u.i */
  SL_CONST_BIGINT, /* u.s: the literal's text (an int beyond int64) */
  SL_CONST_FLOAT,  /* u.f */
  SL_CONST_STR,    /* u.s: UTF-8 text, escapes decoded */
  SL_CONST_BYTES,  /* u.s: raw bytes */
} sl_ast_const_kind;

typedef enum sl_ast_boolop { SL_BOOL_AND, SL_BOOL_OR } sl_ast_boolop;

typedef enum sl_ast_binop {
  SL_BIN_ADD,
  SL_BIN_SUB,
  SL_BIN_MULT,
  SL_BIN_DIV,
  SL_BIN_FLOORDIV,
  SL_BIN_MOD,
  SL_BIN_POW,
  SL_BIN_LSHIFT,
  SL_BIN_RSHIFT,
  SL_BIN_BITOR,
  SL_BIN_BITXOR,
  SL_BIN_BITAND,
} sl_ast_binop;

typedef enum sl_ast_unaryop {
  SL_UNARY_NOT,
  SL_UNARY_USUB,
  SL_UNARY_UADD,
  SL_UNARY_INVERT,
} sl_ast_unaryop;

typedef enum sl_ast_cmpop {
  SL_CMP_EQ,
  SL_CMP_NOTEQ,
  SL_CMP_LT,
  SL_CMP_LTE,
  SL_CMP_GT,
  SL_CMP_GTE,
  SL_CMP_IS,
  SL_CMP_ISNOT,
  SL_CMP_IN,
  SL_CMP_NOTIN,
} sl_ast_cmpop;

/* One `for target in iter if cond...` clause of a comprehension. */
typedef struct sl_ast_comprehension {
  sl_ast_expr *target; /* STORE context */
  sl_ast_expr *iter;
  sl_ast_expr **ifs;
  size_t n_ifs;
  bool is_async; /* `async for` */
} sl_ast_comprehension;

/* A keyword argument of a call; name.data == NULL for `**mapping`. */
typedef struct sl_ast_keyword {
  sl_ast_str name;
  sl_ast_expr *value;
  uint32_t line, col;
} sl_ast_keyword;

/* One parameter name (annotations are parsed and dropped). */
typedef struct sl_ast_param {
  sl_ast_str name;
  uint32_t line, col;
} sl_ast_param;

/* The parameters of a def or lambda, in CPython's `arguments` layout:
 *   def f(a, b=1, /, c=2, *args, d, e=3, **kw)
 * params = [a, b, c] with n_posonly = 2; defaults = [1, 2] apply to the
 * LAST n_defaults of params; vararg = args; kwonly = [d, e] with
 * kw_defaults = [NULL, 3] (always n_kwonly entries); kwarg = kw. */
typedef struct sl_ast_params {
  sl_ast_param *params;
  size_t n_params, n_posonly;
  sl_ast_expr **defaults;
  size_t n_defaults;
  sl_ast_param *vararg; /* NULL when absent (also for a bare `*`) */
  sl_ast_param *kwonly;
  size_t n_kwonly;
  sl_ast_expr **kw_defaults;
  sl_ast_param *kwarg; /* NULL when absent */
} sl_ast_params;

struct sl_ast_expr {
  sl_ast_expr_kind kind;
  uint32_t line, col;
  uint32_t height; /* 1 for a leaf; 1 + the tallest child otherwise */
  union {
    struct {
      sl_ast_const_kind kind;
      union {
        int64_t i;
        double f;
        sl_ast_str s;
      } u;
    } constant;
    struct {
      sl_ast_str id;
      sl_ast_ctx ctx;
    } name;
    struct {
      sl_ast_expr **parts; /* CONST str and FORMATTED, in order */
      size_t n;
    } fstring;
    struct {
      sl_ast_expr *value;
      char conversion;          /* 0, 'r', 's' or 'a' */
      sl_ast_expr *format_spec; /* an FSTRING, or NULL */
    } formatted;
    /* TUPLE, LIST, SET: elements may be STARRED. */
    struct {
      sl_ast_expr **elts;
      size_t n;
      sl_ast_ctx ctx; /* SET is always LOAD */
    } seq;
    /* DICT: keys[i] == NULL means `**values[i]`. */
    struct {
      sl_ast_expr **keys, **values;
      size_t n;
    } dict;
    /* LISTCOMP, SETCOMP, GENEXP use elt; DICTCOMP uses key and value. */
    struct {
      sl_ast_expr *elt, *key, *value;
      sl_ast_comprehension *gens;
      size_t n_gens;
    } comp;
    struct {
      sl_ast_boolop op;
      sl_ast_expr **values; /* at least 2 */
      size_t n;
    } boolop;
    struct {
      sl_ast_binop op;
      sl_ast_expr *left, *right;
    } binop;
    struct {
      sl_ast_unaryop op;
      sl_ast_expr *operand;
    } unaryop;
    struct {
      sl_ast_expr *left;
      sl_ast_cmpop *ops;
      sl_ast_expr **comparators;
      size_t n; /* at least 1 */
    } compare;
    struct {
      sl_ast_expr *test, *body, *orelse;
    } ifexp;
    struct {
      sl_ast_params *params;
      sl_ast_expr *body;
    } lambda;
    struct {
      sl_ast_expr *target, *value;
    } namedexpr;
    struct {
      sl_ast_expr *value;
    } await;
    struct {
      sl_ast_expr *func;
      sl_ast_expr **args; /* positional; STARRED for *iterable */
      size_t n_args;
      sl_ast_keyword *keywords;
      size_t n_keywords;
    } call;
    struct {
      sl_ast_expr *value;
      sl_ast_str attr;
      sl_ast_ctx ctx;
    } attribute;
    struct {
      sl_ast_expr *value;
      sl_ast_expr *index; /* a[i, j:k] -> TUPLE(i, SLICE) */
      sl_ast_ctx ctx;
    } subscript;
    struct {
      sl_ast_expr *lower, *upper, *step; /* each may be NULL */
    } slice;
    struct {
      sl_ast_expr *value;
      sl_ast_ctx ctx;
    } starred;
  } u;
};

/* ---- statements ------------------------------------------------------------ */

typedef enum sl_ast_stmt_kind {
  SL_STMT_EXPR,
  SL_STMT_ASSIGN,    /* a = b = value: targets [a, b] */
  SL_STMT_AUGASSIGN, /* target op= value */
  SL_STMT_ANNASSIGN, /* target: annotation [= value]; annotation dropped */
  SL_STMT_FUNCTIONDEF,
  SL_STMT_CLASSDEF,
  SL_STMT_RETURN,
  SL_STMT_DELETE,
  SL_STMT_IF,
  SL_STMT_WHILE,
  SL_STMT_FOR,
  SL_STMT_WITH,
  SL_STMT_RAISE,
  SL_STMT_TRY,
  SL_STMT_ASSERT,
  SL_STMT_IMPORT,
  SL_STMT_IMPORTFROM,
  SL_STMT_GLOBAL,
  SL_STMT_NONLOCAL,
  SL_STMT_PASS,
  SL_STMT_BREAK,
  SL_STMT_CONTINUE,
  SL_STMT_MATCH,
} sl_ast_stmt_kind;

/* ---- match patterns (PEP 634) ------------------------------------------------ */

typedef enum sl_ast_pattern_kind {
  SL_PAT_VALUE,     /* value: a literal or dotted name, compared with == */
  SL_PAT_SINGLETON, /* value: None, True or False, compared with `is` */
  SL_PAT_SEQUENCE,  /* pats (one may be STAR) */
  SL_PAT_MAPPING,   /* keys[i]: pats[i]; name: **rest (data NULL: none) */
  SL_PAT_CLASS,     /* value(pats..., kwd_names[i]=kwd_pats[i]...) */
  SL_PAT_STAR,      /* *name inside a sequence (data NULL: *_) */
  SL_PAT_AS,        /* pattern as name; pattern NULL: capture; name NULL too: _ */
  SL_PAT_OR,        /* pats[0] | pats[1] | ... */
} sl_ast_pattern_kind;

typedef struct sl_ast_pattern sl_ast_pattern;
struct sl_ast_pattern {
  sl_ast_pattern_kind kind;
  uint32_t line, col;
  sl_ast_expr *value;
  sl_ast_pattern **pats;
  size_t n;
  sl_ast_expr **keys; /* MAPPING: n keys */
  sl_ast_str *kwd_names;
  sl_ast_pattern **kwd_pats;
  size_t n_kwd;
  sl_ast_str name;
  sl_ast_pattern *pattern;
};

typedef struct sl_ast_match_case {
  sl_ast_pattern *pattern;
  sl_ast_expr *guard; /* NULL when absent */
  sl_ast_block body;
} sl_ast_match_case;

/* `import a.b as c` / `from m import a as c`: asname.data NULL if no `as`. */
typedef struct sl_ast_alias {
  sl_ast_str name; /* dotted for `import`; "*" for `from m import *` */
  sl_ast_str asname;
  uint32_t line, col;
} sl_ast_alias;

typedef struct sl_ast_withitem {
  sl_ast_expr *context_expr;
  sl_ast_expr *optional_vars; /* STORE target, or NULL */
} sl_ast_withitem;

typedef struct sl_ast_handler {
  sl_ast_expr *type; /* NULL for a bare `except:` */
  sl_ast_str name;   /* `as name`; data NULL when absent */
  sl_ast_block body;
  uint32_t line, col;
} sl_ast_handler;

struct sl_ast_stmt {
  sl_ast_stmt_kind kind;
  uint32_t line, col;
  union {
    struct {
      sl_ast_expr *value;
    } expr;
    struct {
      sl_ast_expr **targets; /* STORE context; at least 1 */
      size_t n_targets;
      sl_ast_expr *value;
    } assign;
    struct {
      sl_ast_expr *target; /* NAME, ATTRIBUTE or SUBSCRIPT, STORE */
      sl_ast_binop op;
      sl_ast_expr *value;
    } augassign;
    struct {
      sl_ast_expr *target; /* NAME, ATTRIBUTE or SUBSCRIPT, STORE */
      sl_ast_expr *value;  /* NULL for a bare `x: int` */
      bool simple;         /* target is a plain unparenthesised name */
      /* The annotation's source text (borrowed from the source): a class
       * body keeps it in __annotations__, never evaluated. */
      sl_ast_str annotation;
    } annassign;
    struct {
      sl_ast_str name;
      sl_ast_params *params;
      sl_ast_block body;
      bool is_async;
      sl_ast_expr **decorators; /* applied last to first; n == 0: none */
      size_t n_decorators;
    } funcdef;
    struct {
      sl_ast_str name;
      sl_ast_expr **bases;
      size_t n_bases;
      sl_ast_keyword *keywords; /* `metaclass=M`, `key=v` (never `**`) */
      size_t n_keywords;
      sl_ast_block body;
      sl_ast_expr **decorators;
      size_t n_decorators;
    } classdef;
    struct {
      sl_ast_expr *value; /* NULL for a bare `return` */
    } ret;
    struct {
      sl_ast_expr **targets; /* DEL context */
      size_t n;
    } del;
    /* if tests[0]: bodies[0] elif tests[1]: bodies[1] ... else: orelse */
    struct {
      sl_ast_expr **tests;
      sl_ast_block *bodies;
      size_t n_branches;   /* at least 1 */
      sl_ast_block orelse; /* n == 0 when there is no else */
    } if_;
    struct {
      sl_ast_expr *test;
      sl_ast_block body, orelse;
    } while_;
    struct {
      sl_ast_expr *target; /* STORE */
      sl_ast_expr *iter;
      sl_ast_block body, orelse;
      bool is_async;
    } for_;
    struct {
      sl_ast_withitem *items;
      size_t n_items;
      sl_ast_block body;
      bool is_async;
    } with;
    struct {
      sl_ast_expr *subject;
      sl_ast_match_case *cases;
      size_t n_cases;
    } match;
    struct {
      sl_ast_expr *exc, *cause; /* both NULL for a bare `raise` */
    } raise;
    struct {
      sl_ast_block body;
      sl_ast_handler *handlers;
      size_t n_handlers;
      sl_ast_block orelse, finalbody;
      bool is_star; /* except* handlers */
    } try_;
    struct {
      sl_ast_expr *test, *msg; /* msg may be NULL */
    } assert_;
    struct {
      sl_ast_alias *names;
      size_t n;
    } import;
    struct {
      sl_ast_str module; /* dotted; data NULL for `from . import x` */
      sl_ast_alias *names;
      size_t n;
      int level; /* number of leading dots */
    } importfrom;
    struct {
      sl_ast_str *names;
      size_t n;
    } names; /* GLOBAL, NONLOCAL */
  } u;
};

/* ---- the module and its arena ---------------------------------------------- */

typedef struct sl_arena sl_arena;

typedef struct sl_ast_module {
  sl_ast_block body;
  sl_ast_str filename; /* copy of the name given to sl_parse */
  sl_arena *arena;     /* owned: holds this module and every node */
} sl_ast_module;

/* Releases a module and everything in it. NULL is allowed. */
void sl_ast_free(sl_ast_module *module);

/* Appends an S-expression rendering of the tree to out, one statement per
 * line, e.g. (assign (targets (name x store)) (binop + (int 1) (int 2))).
 * Used by the tests to check structure and precedence. */
void sl_ast_dump(const sl_ast_module *module, sl_strbuf *out);
void sl_ast_dump_expr(const sl_ast_expr *e, sl_strbuf *out);

/* Names used by the dump and by error messages ("+", "not in", "list"). */
const char *sl_ast_binop_name(sl_ast_binop op);
const char *sl_ast_cmpop_name(sl_ast_cmpop op);

/* ---- arena (used by the parser) ----------------------------------------- */

/* Creates an empty arena; NULL when out of memory. */
sl_arena *sl__arena_new(void);
/* Returns zeroed, pointer-aligned memory owned by the arena, or NULL when
 * out of memory (the arena stays valid). */
void *sl__arena_alloc(sl_arena *a, size_t size);
/* Copies n bytes and a terminating NUL into the arena; NULL on failure. */
char *sl__arena_strndup(sl_arena *a, const char *s, size_t n);
void sl__arena_free(sl_arena *a);

#endif
