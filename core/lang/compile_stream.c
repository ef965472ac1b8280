/* Compiling while parsing (sl_vm_compile_source, vm.h): each top-level
 * statement is resolved and compiled into the module's code as soon as it
 * is parsed, and its tree freed, so a large file never has its whole tree
 * in memory next to its code (docs/performance.md "Large sources"). */
#include <string.h>

#include "core/alloc.h"
#include "core/lang/compile-int.h"
#include "core/lang/parser.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"

/* Which errors win, as when the whole tree is resolved before any code is
 * made: a syntax error anywhere, else the first scope error, else the
 * first code generation error. */
typedef enum stream_state { STREAM_CODE, STREAM_SCOPES, STREAM_PARSE } stream_state;

typedef struct stream {
  compiler *c;
  stream_state state;
  bool in_scopes; /* the current statement is in the scope pass */
  bool nomem;
  unit *module; /* the module's unit, hidden while a statement is resolved */
  sl_diag err;  /* the error kept (state past STREAM_CODE or nomem) */
  sl_diag now;  /* the current statement's */
} stream;

/* The module scope and unit, made with the first statement. */
static void stream_start(compiler *c, const sl_ast_module *mod) {
  c->mod = mod;
  c->filename = sl_str_new(c->rt, mod->filename.data, mod->filename.len);
  if (!c->filename) sl__cnomem(c);
  sl__unit_begin(c, sl__scope_top(c, mod), NULL);
  c->u->flags |= SL_CO_MODULE;
}

/* One top-level statement: resolved, then compiled into the module's
 * code; its scopes go, and the parser frees its tree after. A longjmp
 * from either pass lands here. */
static int stream_stmt(void *ctx, const sl_ast_module *mod, const sl_ast_stmt *s) {
  stream *st = ctx;
  compiler *c = st->c;
  if (st->state == STREAM_PARSE) return 0;
  c->diag = &st->now;
  if (setjmp(c->jb)) {
    if (st->in_scopes) c->u = st->module;
    if (c->top) sl__scope_drop_children(c->top);
    if (st->now.kind == SL_DIAG_NOMEM || !c->u) {
      st->nomem = true;
      st->err = st->now;
      return 1;
    }
    if (st->in_scopes || st->state == STREAM_CODE) st->err = st->now;
    st->state = st->in_scopes ? STREAM_PARSE : STREAM_SCOPES;
    return 0;
  }
  if (!c->u) stream_start(c, mod);
  /* Resolving comes before any code exists when a whole tree is compiled:
   * its errors carry no current line (sl__cerr), so none here either. */
  st->module = c->u;
  c->u = NULL;
  st->in_scopes = true;
  sl__scope_top_stmt(c, s);
  st->in_scopes = false;
  c->u = st->module;
  if (st->state == STREAM_CODE) sl__stmt(c, s);
  sl__scope_drop_children(c->top);
  return 0;
}

static sl_obj *stream_finish(compiler *c, const sl_ast_module *empty) {
  if (setjmp(c->jb)) return NULL;
  if (!c->u) stream_start(c, empty);
  sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_none()));
  sl__emit(c, SL_OP_RETURN_VALUE, 0);
  return sl__unit_end(c, NULL, "<module>", 1);
}

sl_obj *sl_vm_compile_source(sl_rt *rt, const char *filename, const char *src, size_t len,
                             sl_diag *diag) {
  compiler cc;
  memset(&cc, 0, sizeof cc);
  compiler *c = &cc;
  c->rt = rt;
  c->src = src;
  c->srclen = len;
  c->package = "";
  c->keep = sl__arena_new();
  sl_diag_clear(diag);
  if (!c->keep) {
    sl_diag_set_nomem(diag, filename);
    sl_nomem(rt);
    return NULL;
  }
  stream *st = sl_calloc(1, sizeof *st);
  sl_obj *code = NULL;
  int rc = st ? 0 : -1;
  if (st) {
    st->c = c;
    rc = sl_parse_each(filename, src, len, diag, stream_stmt, st);
  } else {
    sl_diag_set_nomem(diag, filename);
  }
  if (rc == 0 && st->state == STREAM_CODE) {
    /* The parser's module is gone: errors from here name the file so. */
    sl_ast_module empty = {{NULL, 0}, {filename, strlen(filename)}, NULL};
    c->mod = &empty;
    c->diag = diag;
    code = stream_finish(c, &empty);
  } else if (rc >= 0) {
    *diag = st->err;
  }
  if (!code && diag->kind == SL_DIAG_NOMEM) sl_nomem(rt);
  /* A nested unit's guard frees it on an error; the module's is ours. */
  if (c->u) sl__unit_free(rt, c->u);
  sl__scope_free(c->top);
  sl_decref(rt, c->filename);
  sl_decref(rt, c->interned);
  sl__arena_free(c->keep);
  sl_free(st);
  return code;
}
