/* Internals of the compiler (compile.c, compile_scope.c, compile_expr.c,
 * compile_stmt.c). Not installed; not a contract.
 *
 * Compilation is two passes: compile_scope.c builds a symbol table for
 * every scope (module, def, lambda, comprehension, class body) and decides
 * for each name whether it is local, a cell, free, or global; then the
 * code generator walks the tree once per scope, emitting bytecode into a
 * unit. Errors unwind with longjmp to sl_vm_compile, which frees every
 * unit and scope (nothing allocated here belongs to the run until a code
 * object is made, and code objects are heap objects of the run). */
#ifndef SL_LANG_COMPILE_INT_H
#define SL_LANG_COMPILE_INT_H

#include <setjmp.h>

#include "core/lang/ast.h"
#include "core/lang/code.h"
#include "core/lang/diag.h"
#include "core/lang/namemap.h"

typedef enum scope_kind { SC_MODULE, SC_FUNCTION, SC_CLASS } scope_kind;

/* How a name is resolved in one scope. */
typedef enum sym_scope {
  SYM_LOCAL = 1,
  SYM_CELL,
  SYM_FREE,
  SYM_GLOBAL_EXPLICIT,
  SYM_GLOBAL_IMPLICIT
} sym_scope;

#define SYM_BOUND    1u /* assigned, a parameter, def/class/import name */
#define SYM_GLOBAL   2u /* declared global */
#define SYM_NONLOCAL 4u /* declared nonlocal */
#define SYM_USED     8u
#define SYM_PARAM    16u

typedef struct sym {
  const char *name; /* borrowed from the AST arena (or static) */
  unsigned flags;
  sym_scope scope;
} sym;

typedef struct scope {
  scope_kind kind;
  const void *node; /* the def/class statement, lambda or comprehension */
  struct scope *parent;
  sym *syms;
  size_t nsyms, capsyms;
  sl_namemap symmap; /* name -> index in syms */
  struct scope **children;
  size_t nchildren, capchildren;
  size_t next_child; /* where sl__scope_find looks first: code is emitted in creation order */
  bool is_async, uses_super, has_await, is_comp;
  bool is_generator;               /* has a yield: calling it makes a generator */
  const sl_ast_stmt *return_value; /* the first `return x` (async generators refuse it) */
  char *qualname;                  /* owned */
} scope;

/* A jump or handler target not yet placed. */
typedef struct label_ref {
  int32_t label;
} label_ref;

typedef enum fblock_kind {
  FB_WHILE,
  FB_FOR,         /* the iterator is on the stack */
  FB_TRY_EXCEPT,  /* SETUP_FINALLY of a try body */
  FB_FINALLY_TRY, /* SETUP_FINALLY of a try body with a finally */
  FB_HANDLER,     /* in an except body: POP_EXCEPT on the way out */
  FB_FINALLY_END, /* in the exceptional finally body: POP_EXCEPT, exc on stack */
  FB_NAMED,       /* `except E as name` cleanup block */
  FB_ASYNC_WITH,  /* the __aexit__ is on the stack */
  FB_WITH,        /* the __exit__ is on the stack */
} fblock_kind;

typedef struct fblock {
  fblock_kind kind;
  int32_t start, end;            /* loop labels */
  const sl_ast_block *finalbody; /* FB_FINALLY_TRY */
  const char *name;              /* FB_NAMED */
} fblock;

#define MAX_FBLOCKS (SL_PARSE_MAX_NESTING + 8)

typedef struct unit {
  scope *sc;
  sl_instr *code;
  uint32_t *lines;
  size_t ncode, capcode;
  sl_value *consts; /* owned by the unit until the code object takes them */
  size_t nconsts, capconsts;
  const char **names;
  size_t nnames, capnames;
  sl_namemap namemap;  /* name -> index in names */
  const char **locals; /* parameters first */
  size_t nlocals, caplocals;
  sl_namemap localmap; /* name -> index in locals */
  const char **cells;  /* cell variables, then free variables */
  size_t ncells, nfree, capcells;
  int32_t *labels;
  size_t nlabels, caplabels;
  fblock fblocks[MAX_FBLOCKS];
  int nfblocks, maxfblocks;
  uint32_t line;
  uint32_t argcount, posonly, kwonly, flags;
  int in_except_star; /* inside an except* handler body */
} unit;

typedef struct compiler {
  sl_rt *rt;
  const sl_ast_module *mod;
  sl_diag *diag;
  jmp_buf jb;
  scope *top;       /* module scope; owns the tree */
  unit *u;          /* the unit being emitted */
  sl_obj *filename; /* owned str */
  const char *src;  /* borrowed: the file's text, for diagnostics */
  size_t srclen;
  const char *package; /* borrowed: what relative imports resolve against ("" for the main file) */
  /* Compiling while parsing (sl_vm_compile_source): the module scope's
   * and the module unit's names outlive the statement that named them,
   * so they are copied here (owned); NULL when compiling a whole tree. */
  sl_arena *keep;
  /* owned dict str -> the same str: one str object per attribute or
   * global name across the module's code objects, so the instance
   * attribute cache (vm_attr.c) matches dict keys stored by one method
   * and looked up by another by pointer. NULL until the first name. */
  sl_obj *interned;
} compiler;

/* Errors: fill the diagnostic and longjmp out. */
_Noreturn void sl__cerr(compiler *c, uint32_t line, uint32_t col, sl_diag_kind kind,
                        const char *construct, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
_Noreturn void sl__cnomem(compiler *c);
void *sl__cmalloc(compiler *c, size_t size);

/* A unit for scope `sc` becomes the current one (returns the previous);
 * sl__unit_end makes its code object and restores `prev`. */
unit *sl__unit_begin(compiler *c, scope *sc, const sl_ast_params *params);
sl_obj *sl__unit_end(compiler *c, unit *prev, const char *name, uint32_t firstline);
void sl__unit_free(sl_rt *rt, unit *u);
/* Whether op's argument is a jump target. */
static inline bool sl__is_jump(sl_opcode op) {
  return op == SL_OP_JUMP || op == SL_OP_POP_JUMP_IF_FALSE || op == SL_OP_POP_JUMP_IF_TRUE ||
         op == SL_OP_JUMP_IF_FALSE_OR_POP || op == SL_OP_JUMP_IF_TRUE_OR_POP ||
         op == SL_OP_FOR_ITER || op == SL_OP_SETUP_FINALLY || op == SL_OP_POP_JUMP_IF_NONE ||
         op == SL_OP_POP_JUMP_IF_NOT_NONE;
}
/* The deepest value stack u's bytecode needs, plus room for the VM's
 * scratch slots (compile_stack.c); a limit error when too deep. */
uint32_t sl__max_stack(compiler *c, unit *u);
/* For each of u's instructions, the locals (the first 64) bound on every
 * path that reaches it, `entry` bound at the start; owned by the caller
 * (sl_free). NULL when out of memory. */
uint64_t *sl__bound_locals(unit *u, uint64_t entry);

/* `name` itself, or (compiling while parsing) a copy that lives as long
 * as the compilation. */
const char *sl__persist(compiler *c, const char *name);

/* compile_scope.c */
scope *sl__scope_build(compiler *c, const sl_ast_module *mod);
/* The module scope alone; then each top-level statement resolved in turn
 * (its scopes become the module's children until dropped). */
scope *sl__scope_top(compiler *c, const sl_ast_module *mod);
void sl__scope_top_stmt(compiler *c, const sl_ast_stmt *st);
void sl__scope_drop_children(scope *s);
void sl__scope_free(scope *s);
scope *sl__scope_find(scope *parent, const void *node);
sym *sl__scope_lookup(scope *s, const char *name);

/* compile.c: emission */
void sl__emit(compiler *c, sl_opcode op, int32_t arg);
int32_t sl__new_label(compiler *c);
void sl__bind_label(compiler *c, int32_t label);
int32_t sl__const(compiler *c, sl_value v); /* steals v */
int32_t sl__const_str(compiler *c, const char *s, size_t len);
int32_t sl__name(compiler *c, const char *name);
void sl__load_name(compiler *c, const char *name);
void sl__store_name(compiler *c, const char *name);
void sl__delete_name(compiler *c, const char *name);
/* Compiles the body of a nested scope and emits MAKE_FUNCTION for it
 * (the defaults/kwdefaults, if any, are already on the stack). */
void sl__make_closure(compiler *c, scope *child, sl_obj *code, unsigned flags);
sl_obj *sl__compile_function(compiler *c, scope *sc, const char *name, const sl_ast_params *params,
                             const sl_ast_block *body, const sl_ast_expr *lambda_body,
                             uint32_t line);
sl_obj *sl__compile_comprehension(compiler *c, scope *sc, const sl_ast_expr *e);
sl_obj *sl__compile_class_body(compiler *c, scope *sc, const sl_ast_stmt *s);
void sl__push_fblock(compiler *c, fblock_kind kind, int32_t start, int32_t end);
void sl__pop_fblock(compiler *c);

/* compile_expr.c */
void sl__expr(compiler *c, const sl_ast_expr *e);
/* The iterable of a `for` or a comprehension: a set display of constants
 * is one frozenset constant there, as CPython's AST optimizer makes it
 * (ast_opt.c fold_iter), so it iterates in CPython's order. */
void sl__iter_expr(compiler *c, const sl_ast_expr *e);
void sl__store_target(compiler *c, const sl_ast_expr *t);
void sl__delete_target(compiler *c, const sl_ast_expr *t);
void sl__jump_if(compiler *c, const sl_ast_expr *e, bool cond, int32_t label);

/* compile_match.c */
void sl__stmt_match(compiler *c, const sl_ast_stmt *s);

/* compile_stmt.c */
void sl__block(compiler *c, const sl_ast_block *b);
void sl__stmt(compiler *c, const sl_ast_stmt *s);

#endif
