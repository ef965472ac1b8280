/* Code generation for statements.
 *
 * Blocks that must be undone on the way out of a `return`, `break` or
 * `continue` (try bodies, except handlers, finally bodies, loops, async
 * with) are tracked at compile time as fblocks; leaving one emits its
 * cleanup inline (POP_BLOCK, POP_EXCEPT, the finally body, __aexit__), as
 * CPython 3.9+ does. Exceptions unwind through the runtime block stack
 * instead (vm.c). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/lang/compile-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/usermod.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"

/* Emits the cleanup of fblock `fb` on a jump out of it. `preserve_tos`:
 * a return value sits on top of the stack. */
static void unwind_fblock(compiler *c, fblock *fb, bool preserve_tos) {
  switch (fb->kind) {
  case FB_WHILE: break;
  case FB_FOR:
    if (!preserve_tos) sl__emit(c, SL_OP_POP_TOP, 0);
    break;
  case FB_TRY_EXCEPT: sl__emit(c, SL_OP_POP_BLOCK, 0); break;
  case FB_FINALLY_TRY: {
    sl__emit(c, SL_OP_POP_BLOCK, 0);
    /* The finally body runs outside its own block and the blocks inside
     * it; they are hidden while it compiles and restored afterwards (the
     * inline body may push blocks of its own over them). */
    unit *u = c->u;
    int depth = u->nfblocks;
    int idx = (int)(fb - u->fblocks);
    size_t n = (size_t)(depth - idx);
    fblock *saved = sl__cmalloc(c, n * sizeof *saved);
    memcpy(saved, &u->fblocks[idx], n * sizeof *saved);
    jmp_buf jb;
    memcpy(jb, c->jb, sizeof jb);
    if (setjmp(c->jb)) {
      memcpy(c->jb, jb, sizeof jb);
      sl_free(saved);
      longjmp(c->jb, 1);
    }
    u->nfblocks = idx;
    sl__block(c, saved[0].finalbody);
    memcpy(c->jb, jb, sizeof jb);
    memcpy(&u->fblocks[idx], saved, n * sizeof *saved);
    u->nfblocks = depth;
    sl_free(saved);
    break;
  }
  case FB_HANDLER: sl__emit(c, SL_OP_POP_EXCEPT, 0); break;
  case FB_FINALLY_END:
    sl__emit(c, SL_OP_POP_EXCEPT, 0);
    if (!preserve_tos) sl__emit(c, SL_OP_POP_TOP, 0);
    break;
  case FB_NAMED:
    sl__emit(c, SL_OP_POP_BLOCK, 0);
    sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_none()));
    sl__store_name(c, fb->name);
    sl__delete_name(c, fb->name);
    break;
  case FB_WITH:
  case FB_ASYNC_WITH:
    sl__emit(c, SL_OP_POP_BLOCK, 0);
    if (preserve_tos) { /* (exit exit' v -- v exit exit') */
      sl__emit(c, SL_OP_SWAP, 3);
      sl__emit(c, SL_OP_SWAP, 2);
    }
    sl__emit(c, SL_OP_ASYNC_WITH_EXIT, 0);
    if (fb->kind == FB_ASYNC_WITH) sl__emit(c, SL_OP_AWAIT, 0);
    sl__emit(c, SL_OP_POP_TOP, 0);
    break;
  }
}

static void no_jump_out_of_star(compiler *c, const sl_ast_stmt *s) {
  if (c->u->in_except_star)
    sl__cerr(c, s->line, s->col, SL_DIAG_SYNTAX, NULL,
             "'break', 'continue' and 'return' cannot appear in an except* block");
}

static void stmt_return(compiler *c, const sl_ast_stmt *s) {
  no_jump_out_of_star(c, s);
  if (s->u.ret.value)
    sl__expr(c, s->u.ret.value);
  else
    sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_none()));
  unit *u = c->u;
  for (int i = u->nfblocks - 1; i >= 0; i--) unwind_fblock(c, &u->fblocks[i], true);
  c->u->line = s->line;
  sl__emit(c, SL_OP_RETURN_VALUE, 0);
}

static void stmt_loop_exit(compiler *c, const sl_ast_stmt *s, bool is_break) {
  no_jump_out_of_star(c, s);
  unit *u = c->u;
  int i = u->nfblocks - 1;
  while (i >= 0 && u->fblocks[i].kind != FB_WHILE && u->fblocks[i].kind != FB_FOR) i--;
  if (i < 0)
    sl__cerr(c, s->line, s->col, SL_DIAG_SYNTAX, NULL,
             is_break ? "'break' outside loop" : "'continue' not properly in loop");
  for (int k = u->nfblocks - 1; k > i; k--) unwind_fblock(c, &u->fblocks[k], false);
  fblock *loop = &u->fblocks[i];
  if (is_break) {
    unwind_fblock(c, loop, false);
    sl__emit(c, SL_OP_JUMP, loop->end);
  } else {
    sl__emit(c, SL_OP_JUMP, loop->start);
  }
}

static void stmt_while(compiler *c, const sl_ast_stmt *s) {
  int32_t start = sl__new_label(c), orelse = sl__new_label(c), end = sl__new_label(c);
  sl__bind_label(c, start);
  sl__jump_if(c, s->u.while_.test, false, orelse);
  sl__push_fblock(c, FB_WHILE, start, end);
  sl__block(c, &s->u.while_.body);
  sl__pop_fblock(c);
  sl__emit(c, SL_OP_JUMP, start);
  sl__bind_label(c, orelse);
  sl__block(c, &s->u.while_.orelse);
  sl__bind_label(c, end);
}

/* async for: __aiter__ once, then await __anext__() until it raises
 * StopAsyncIteration (caught by the SETUP_FINALLY around the await). */
static void stmt_async_for(compiler *c, const sl_ast_stmt *s) {
  int32_t start = sl__new_label(c), stop = sl__new_label(c), end = sl__new_label(c);
  sl__expr(c, s->u.for_.iter);
  c->u->line = s->line;
  sl__emit(c, SL_OP_GET_AITER, 0);
  sl__bind_label(c, start);
  c->u->line = s->line;
  sl__emit(c, SL_OP_SETUP_FINALLY, stop);
  sl__emit(c, SL_OP_GET_ANEXT, 0);
  sl__emit(c, SL_OP_AWAIT, 0);
  sl__emit(c, SL_OP_POP_BLOCK, 0);
  sl__store_target(c, s->u.for_.target);
  sl__push_fblock(c, FB_FOR, start, end);
  sl__block(c, &s->u.for_.body);
  sl__pop_fblock(c);
  sl__emit(c, SL_OP_JUMP, start);
  sl__bind_label(c, stop);
  c->u->line = s->line;
  sl__emit(c, SL_OP_END_ASYNC_FOR, 0);
  sl__block(c, &s->u.for_.orelse);
  sl__bind_label(c, end);
}

static void stmt_for(compiler *c, const sl_ast_stmt *s) {
  if (s->u.for_.is_async) {
    stmt_async_for(c, s);
    return;
  }
  int32_t start = sl__new_label(c), orelse = sl__new_label(c), end = sl__new_label(c);
  sl__iter_expr(c, s->u.for_.iter);
  c->u->line = s->line;
  sl__emit(c, SL_OP_GET_ITER, 0);
  sl__bind_label(c, start);
  sl__emit(c, SL_OP_FOR_ITER, orelse);
  sl__store_target(c, s->u.for_.target);
  sl__push_fblock(c, FB_FOR, start, end);
  sl__block(c, &s->u.for_.body);
  sl__pop_fblock(c);
  sl__emit(c, SL_OP_JUMP, start);
  sl__bind_label(c, orelse);
  sl__block(c, &s->u.for_.orelse);
  sl__bind_label(c, end);
}

/* try: body / except ...: handlers / else: orelse (no finally here). */
static void try_except(compiler *c, const sl_ast_stmt *s) {
  int32_t handler = sl__new_label(c), end = sl__new_label(c);
  sl__emit(c, SL_OP_SETUP_FINALLY, handler);
  sl__push_fblock(c, FB_TRY_EXCEPT, -1, -1);
  sl__block(c, &s->u.try_.body);
  sl__pop_fblock(c);
  sl__emit(c, SL_OP_POP_BLOCK, 0);
  sl__block(c, &s->u.try_.orelse);
  sl__emit(c, SL_OP_JUMP, end);
  sl__bind_label(c, handler);
  sl__emit(c, SL_OP_PUSH_EXC_INFO, 0);
  for (size_t i = 0; i < s->u.try_.n_handlers; i++) {
    const sl_ast_handler *h = &s->u.try_.handlers[i];
    c->u->line = h->line;
    int32_t next = sl__new_label(c);
    if (h->type) {
      sl__expr(c, h->type);
      c->u->line = h->line;
      sl__emit(c, SL_OP_CHECK_EXC_MATCH, 0);
      sl__emit(c, SL_OP_POP_JUMP_IF_FALSE, next);
    }
    sl__push_fblock(c, FB_HANDLER, -1, -1);
    if (h->name.data) {
      sl__store_name(c, h->name.data);
      int32_t cleanup = sl__new_label(c);
      sl__emit(c, SL_OP_SETUP_FINALLY, cleanup);
      sl__push_fblock(c, FB_NAMED, -1, -1);
      c->u->fblocks[c->u->nfblocks - 1].name = h->name.data;
      sl__block(c, &h->body);
      sl__pop_fblock(c);
      sl__emit(c, SL_OP_POP_BLOCK, 0);
      sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_none()));
      sl__store_name(c, h->name.data);
      sl__delete_name(c, h->name.data);
      sl__pop_fblock(c);
      sl__emit(c, SL_OP_POP_EXCEPT, 0);
      sl__emit(c, SL_OP_JUMP, end);
      /* An exception in the handler body: clear the name, re-raise. */
      sl__bind_label(c, cleanup);
      sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_none()));
      sl__store_name(c, h->name.data);
      sl__delete_name(c, h->name.data);
      sl__emit(c, SL_OP_RERAISE, 0);
    } else {
      sl__emit(c, SL_OP_POP_TOP, 0);
      sl__block(c, &h->body);
      sl__pop_fblock(c);
      sl__emit(c, SL_OP_POP_EXCEPT, 0);
      sl__emit(c, SL_OP_JUMP, end);
    }
    sl__bind_label(c, next);
  }
  /* No handler matched: re-raise (the HANDLER block restores exc_info). */
  sl__emit(c, SL_OP_RERAISE, 0);
  sl__bind_label(c, end);
}

/* try: body / except* T as e: ... (PEP 654). The stack holds the original
 * exception, the list of exceptions the handlers raised, and what is left
 * to match; each handler gets the matching part as its exception. */
static void try_except_star(compiler *c, const sl_ast_stmt *s) {
  int32_t handler = sl__new_label(c), end = sl__new_label(c), none = sl__new_label(c);
  sl__emit(c, SL_OP_SETUP_FINALLY, handler);
  sl__push_fblock(c, FB_TRY_EXCEPT, -1, -1);
  sl__block(c, &s->u.try_.body);
  sl__pop_fblock(c);
  sl__emit(c, SL_OP_POP_BLOCK, 0);
  sl__block(c, &s->u.try_.orelse);
  sl__emit(c, SL_OP_JUMP, end);
  sl__bind_label(c, handler);
  sl__emit(c, SL_OP_PUSH_EXC_INFO, 0); /* (orig) */
  sl__emit(c, SL_OP_BUILD_LIST, 0);    /* (orig raised) */
  sl__emit(c, SL_OP_COPY, 2);          /* (orig raised rest) */
  for (size_t i = 0; i < s->u.try_.n_handlers; i++) {
    const sl_ast_handler *h = &s->u.try_.handlers[i];
    c->u->line = h->line;
    int32_t next = sl__new_label(c), skip = sl__new_label(c), hexc = sl__new_label(c);
    sl__expr(c, h->type);
    c->u->line = h->line;
    sl__emit(c, SL_OP_EXC_STAR_SPLIT, 0); /* (orig raised rest match) */
    sl__emit(c, SL_OP_COPY, 1);
    sl__emit(c, SL_OP_POP_JUMP_IF_NONE, skip);
    sl__emit(c, SL_OP_PUSH_EXC_INFO, 0);
    if (h->name.data)
      sl__store_name(c, h->name.data);
    else
      sl__emit(c, SL_OP_POP_TOP, 0); /* (orig raised rest) */
    sl__emit(c, SL_OP_SETUP_FINALLY, hexc);
    c->u->in_except_star++;
    sl__block(c, &h->body);
    c->u->in_except_star--;
    sl__emit(c, SL_OP_POP_BLOCK, 0);
    sl__emit(c, SL_OP_POP_EXCEPT, 0);
    if (h->name.data) {
      sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_none()));
      sl__store_name(c, h->name.data);
      sl__delete_name(c, h->name.data);
    }
    sl__emit(c, SL_OP_JUMP, next);
    sl__bind_label(c, hexc); /* (orig raised rest exc2) */
    sl__emit(c, SL_OP_POP_EXCEPT, 0);
    if (h->name.data) {
      sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_none()));
      sl__store_name(c, h->name.data);
      sl__delete_name(c, h->name.data);
    }
    sl__emit(c, SL_OP_LIST_APPEND, 2);
    sl__emit(c, SL_OP_JUMP, next);
    sl__bind_label(c, skip);
    sl__emit(c, SL_OP_POP_TOP, 0);
    sl__bind_label(c, next);
  }
  sl__emit(c, SL_OP_PREP_RERAISE_STAR, 0); /* (result) */
  sl__emit(c, SL_OP_COPY, 1);
  sl__emit(c, SL_OP_POP_JUMP_IF_NONE, none);
  sl__emit(c, SL_OP_RERAISE, 0);
  sl__bind_label(c, none);
  sl__emit(c, SL_OP_POP_TOP, 0);
  sl__emit(c, SL_OP_POP_EXCEPT, 0);
  sl__bind_label(c, end);
}

static void stmt_try(compiler *c, const sl_ast_stmt *s) {
  if (s->u.try_.finalbody.n == 0) {
    if (s->u.try_.is_star)
      try_except_star(c, s);
    else
      try_except(c, s);
    return;
  }
  int32_t exc_path = sl__new_label(c), end = sl__new_label(c);
  sl__emit(c, SL_OP_SETUP_FINALLY, exc_path);
  sl__push_fblock(c, FB_FINALLY_TRY, -1, -1);
  c->u->fblocks[c->u->nfblocks - 1].finalbody = &s->u.try_.finalbody;
  if (s->u.try_.n_handlers && s->u.try_.is_star)
    try_except_star(c, s);
  else if (s->u.try_.n_handlers)
    try_except(c, s);
  else
    sl__block(c, &s->u.try_.body);
  sl__pop_fblock(c);
  sl__emit(c, SL_OP_POP_BLOCK, 0);
  sl__block(c, &s->u.try_.finalbody);
  sl__emit(c, SL_OP_JUMP, end);
  sl__bind_label(c, exc_path);
  sl__emit(c, SL_OP_PUSH_EXC_INFO, 0);
  sl__push_fblock(c, FB_FINALLY_END, -1, -1);
  sl__block(c, &s->u.try_.finalbody);
  sl__pop_fblock(c);
  sl__emit(c, SL_OP_RERAISE, 0);
  sl__bind_label(c, end);
}

/* `with` and `async with`, one item at a time (nested, as CPython
 * compiles several items): the manager's exit method stays on the stack
 * under the body (two slots, as LOAD_METHOD leaves a method); the sync form calls __enter__/__exit__ where the async
 * form awaits __aenter__()/__aexit__(). */
static void stmt_with(compiler *c, const sl_ast_stmt *s, size_t item) {
  bool async = s->u.with.is_async;
  const sl_ast_withitem *it = &s->u.with.items[item];
  int32_t exc_path = sl__new_label(c), end = sl__new_label(c);
  sl__expr(c, it->context_expr);
  c->u->line = s->line;
  /* The fused forms (code.h) need the exact sequences below: the entry's
   * POP_TOP is there only without `as`. */
  sl_opcode setup = async && !it->optional_vars ? SL_OP_ASYNC_WITH_ENTER : SL_OP_SETUP_ASYNC_WITH;
  sl__emit(c, setup, async ? 0 : 1);
  if (async) sl__emit(c, SL_OP_AWAIT, 0);
  /* The block covers the body only: its level is the exit method's slots alone. */
  if (it->optional_vars)
    sl__store_target(c, it->optional_vars);
  else
    sl__emit(c, SL_OP_POP_TOP, 0);
  sl__emit(c, SL_OP_SETUP_FINALLY, exc_path);
  sl__push_fblock(c, async ? FB_ASYNC_WITH : FB_WITH, -1, -1);
  if (item + 1 < s->u.with.n_items)
    stmt_with(c, s, item + 1);
  else
    sl__block(c, &s->u.with.body);
  sl__pop_fblock(c);
  c->u->line = s->line;
  sl__emit(c, async ? SL_OP_ASYNC_WITH_LEAVE : SL_OP_POP_BLOCK, 0);
  sl__emit(c, SL_OP_ASYNC_WITH_EXIT, 0);
  if (async) sl__emit(c, SL_OP_AWAIT, 0);
  sl__emit(c, SL_OP_POP_TOP, 0);
  sl__emit(c, SL_OP_JUMP, end);
  sl__bind_label(c, exc_path);
  sl__emit(c, SL_OP_PUSH_EXC_INFO, 0);
  sl__emit(c, SL_OP_ASYNC_WITH_EXIT, 1);
  if (async) sl__emit(c, SL_OP_AWAIT, 0);
  sl__emit(c, SL_OP_WITH_EXIT_CHECK, 0);
  sl__emit(c, SL_OP_POP_EXCEPT, 0);
  sl__bind_label(c, end);
}

/* Decorators are evaluated first, top to bottom, and applied after the
 * definition, bottom to top, each call on its decorator's line (as
 * CPython's compiler_decorators / compiler_apply_decorators). */
static void decorators_load(compiler *c, sl_ast_expr *const *d, size_t n) {
  for (size_t i = 0; i < n; i++) sl__expr(c, d[i]);
}

static void decorators_apply(compiler *c, sl_ast_expr *const *d, size_t n) {
  for (size_t i = n; i-- > 0;) {
    c->u->line = d[i]->line;
    sl__emit(c, SL_OP_CALL, 1);
  }
}

static void stmt_funcdef(compiler *c, const sl_ast_stmt *s) {
  const sl_ast_params *p = s->u.funcdef.params;
  unsigned flags = 0;
  decorators_load(c, s->u.funcdef.decorators, s->u.funcdef.n_decorators);
  if (p->n_defaults) {
    for (size_t i = 0; i < p->n_defaults; i++) sl__expr(c, p->defaults[i]);
    sl__emit(c, SL_OP_BUILD_TUPLE, (int32_t)p->n_defaults);
    flags |= SL_MF_DEFAULTS;
  }
  size_t nkw = 0;
  for (size_t i = 0; i < p->n_kwonly; i++) {
    if (!p->kw_defaults[i]) continue;
    sl__emit(c, SL_OP_LOAD_CONST, sl__const_str(c, p->kwonly[i].name.data, p->kwonly[i].name.len));
    sl__expr(c, p->kw_defaults[i]);
    nkw++;
  }
  if (nkw) {
    sl__emit(c, SL_OP_BUILD_MAP, (int32_t)nkw);
    flags |= SL_MF_KWDEFAULTS;
  }
  scope *fs = sl__scope_find(c->u->sc, s);
  sl_obj *code =
      sl__compile_function(c, fs, s->u.funcdef.name.data, p, &s->u.funcdef.body, NULL, s->line);
  c->u->line = s->line;
  sl__make_closure(c, fs, code, flags);
  decorators_apply(c, s->u.funcdef.decorators, s->u.funcdef.n_decorators);
  sl__store_name(c, s->u.funcdef.name.data);
}

static void stmt_classdef(compiler *c, const sl_ast_stmt *s) {
  scope *cs = sl__scope_find(c->u->sc, s);
  decorators_load(c, s->u.classdef.decorators, s->u.classdef.n_decorators);
  sl_obj *code = sl__compile_class_body(c, cs, s);
  c->u->line = s->line;
  sl__make_closure(c, cs, code, 0);
  sl__emit(c, SL_OP_LOAD_CONST, sl__const_str(c, s->u.classdef.name.data, s->u.classdef.name.len));
  for (size_t i = 0; i < s->u.classdef.n_bases; i++) sl__expr(c, s->u.classdef.bases[i]);
  size_t nkw = s->u.classdef.n_keywords;
  for (size_t i = 0; i < nkw; i++) {
    const sl_ast_keyword *k = &s->u.classdef.keywords[i];
    sl__emit(c, SL_OP_LOAD_CONST, sl__const_str(c, k->name.data, k->name.len));
    sl__expr(c, k->value);
  }
  if (nkw) sl__emit(c, SL_OP_BUILD_MAP, (int32_t)nkw);
  c->u->line = s->line;
  sl__emit(c, SL_OP_BUILD_CLASS, (int32_t)s->u.classdef.n_bases | (nkw ? SL_BUILD_CLASS_KW : 0));
  decorators_apply(c, s->u.classdef.decorators, s->u.classdef.n_decorators);
  sl__store_name(c, s->u.classdef.name.data);
}

/* A module exists when the standard-module table has it (stdmod.h) or it
 * is one of the program's own files (usermod.h, compiled here and now);
 * any other import is refused here, naming what is provided. Returns true
 * for a program module. */
static bool check_module(compiler *c, const char *name, uint32_t line, uint32_t col) {
  if (sl_stdmod_find(name)) {
    sl_lang *L = sl_vm_lang(c->rt);
    if (L && !strcmp(name, "random")) L->seeds_random = true;
    return false;
  }
  sl_diag sub;
  sl_diag_clear(&sub);
  int r = sl_usermod_compile(c->rt, name, &sub);
  if (r > 0) return true;
  if (r < 0) {
    /* The imported file's own diagnostic: it names that file. */
    if (sub.kind == SL_DIAG_NOMEM) sl__cnomem(c);
    *c->diag = sub;
    longjmp(c->jb, 1);
  }
  const char *why = sl_stdmod_refusal(name);
  if (why)
    sl__cerr(c, line, col, SL_DIAG_UNSUPPORTED, "import",
             "module '%s' is not supported by simloop: %s", name, why);
  sl_strbuf have = SL_STRBUF_INIT;
  sl_stdmod_list(&have);
  char list[400];
  snprintf(list, sizeof list, "%s", have.failed ? "asyncio" : sl_strbuf_cstr(&have));
  sl_strbuf_free(&have);
  sl__cerr(c, line, col, SL_DIAG_UNSUPPORTED, "import",
           "module '%s' is not supported by simloop (the modules it provides: %s; "
           "the program's own modules are found beside it and in --path)",
           name, list);
}

/* The package `import a.b` binds: "a" for a dotted name (stdmod or the
 * program's), else NULL. */
static const char *import_top(const char *name, char *buf, size_t size) {
  const char *std = sl_stdmod_package(name);
  if (std) return std;
  const char *dot = strchr(name, '.');
  if (!dot || (size_t)(dot - name) >= size) return NULL;
  memcpy(buf, name, (size_t)(dot - name));
  buf[dot - name] = '\0';
  return buf;
}

static void stmt_import(compiler *c, const sl_ast_stmt *s) {
  for (size_t i = 0; i < s->u.import.n; i++) {
    const sl_ast_alias *a = &s->u.import.names[i];
    check_module(c, a->name.data, a->line, a->col);
    sl__emit(c, SL_OP_IMPORT_NAME, sl__name(c, a->name.data));
    char buf[256];
    const char *top = a->asname.data ? NULL : import_top(a->name.data, buf, sizeof buf);
    if (top) {
      /* `import a.b` binds `a` (with a.b imported, so a.b works) */
      sl__emit(c, SL_OP_POP_TOP, 0);
      sl__emit(c, SL_OP_IMPORT_NAME, sl__name(c, top));
      sl__store_name(c, top);
    } else {
      sl__store_name(c, a->asname.data ? a->asname.data : a->name.data);
    }
  }
}

/* The absolute name of `from .x import y` (importlib's _resolve_name),
 * against the package of the file being compiled. */
static void resolve_relative(compiler *c, const sl_ast_stmt *s, char *buf, size_t size) {
  const char *pkg = c->package ? c->package : "";
  if (!*pkg)
    sl__cerr(c, s->line, s->col, SL_DIAG_UNSUPPORTED, "import",
             "attempted relative import with no known parent package");
  size_t n = strlen(pkg);
  for (int lv = 1; lv < s->u.importfrom.level; lv++) {
    const char *dot = NULL;
    for (size_t k = n; k > 0 && !dot; k--)
      if (pkg[k - 1] == '.') dot = pkg + k - 1;
    if (!dot)
      sl__cerr(c, s->line, s->col, SL_DIAG_UNSUPPORTED, "import",
               "attempted relative import beyond top-level package");
    n = (size_t)(dot - pkg);
  }
  const char *rest = s->u.importfrom.module.data;
  if (snprintf(buf, size, "%.*s%s%s", (int)n, pkg, rest ? "." : "", rest ? rest : "") >= (int)size)
    sl__cerr(c, s->line, s->col, SL_DIAG_LIMIT, "import", "module name too long");
}

/* "m:y", the name IMPORT_NAME reads as `from m import y` (sl_vm_import:
 * CPython's IMPORT_FROM, whose failure is an ImportError, where LOAD_ATTR's
 * is an AttributeError). The text lives in the compiler's interned table,
 * which outlives the unit that names it. */
static const char *from_name(compiler *c, const char *modname, const char *name) {
  char buf[512];
  if (snprintf(buf, sizeof buf, "%s%c%s", modname, SL_IMPORT_FROM_SEP, name) >= (int)sizeof buf)
    sl__cerr(c, 0, 0, SL_DIAG_LIMIT, "import", "module name too long");
  sl_obj *s = sl_str_from_cstr(c->rt, buf);
  if (!s) sl__cnomem(c);
  if ((!c->interned && !(c->interned = sl_dict_new(c->rt))) ||
      sl_dict_set(c->rt, c->interned, sl_obj_val(s), sl_obj_val(s))) {
    sl_decref(c->rt, s);
    sl__cnomem(c);
  }
  sl_decref(c->rt, s); /* the table keeps it */
  return sl_str_cstr(s);
}

static void stmt_importfrom(compiler *c, const sl_ast_stmt *s) {
  char resolved[256];
  const char *modname = s->u.importfrom.module.data;
  if (s->u.importfrom.level) {
    resolve_relative(c, s, resolved, sizeof resolved);
    modname = resolved;
  }
  bool user = check_module(c, modname, s->line, s->col + 5);
  /* The compiler keeps name pointers until the code is built: a name made
   * here must be the module table's copy (it outlives the compile). */
  if (user) modname = sl_usermod_by_name(c->rt, modname)->file.name;
  sl__emit(c, SL_OP_IMPORT_NAME, sl__name(c, modname));
  for (size_t i = 0; i < s->u.importfrom.n; i++) {
    const sl_ast_alias *a = &s->u.importfrom.names[i];
    if (!strcmp(a->name.data, "*"))
      sl__cerr(c, a->line, a->col, SL_DIAG_UNSUPPORTED, "import *",
               "'from %s import *' is not supported by simloop", modname);
    /* `from pkg import sub` imports the submodule pkg.sub when the package
     * has one (importlib's _handle_fromlist), which makes it an attribute. */
    char sub[256];
    if (user && snprintf(sub, sizeof sub, "%s.%s", modname, a->name.data) < (int)sizeof sub) {
      sl_diag d;
      sl_diag_clear(&d);
      int r = sl_usermod_compile(c->rt, sub, &d);
      if (r < 0) {
        if (d.kind == SL_DIAG_NOMEM) sl__cnomem(c);
        *c->diag = d;
        longjmp(c->jb, 1);
      }
      if (r > 0) {
        sl__emit(c, SL_OP_IMPORT_NAME, sl__name(c, sl_usermod_by_name(c->rt, sub)->file.name));
        sl__emit(c, SL_OP_POP_TOP, 0);
      }
    }
    sl__emit(c, SL_OP_IMPORT_NAME, sl__name(c, from_name(c, modname, a->name.data)));
    sl__store_name(c, a->asname.data ? a->asname.data : a->name.data);
  }
  sl__emit(c, SL_OP_POP_TOP, 0);
}

static void stmt_augassign(compiler *c, const sl_ast_stmt *s) {
  const sl_ast_expr *t = s->u.augassign.target;
  switch (t->kind) {
  case SL_EXPR_NAME:
    sl__load_name(c, t->u.name.id.data);
    sl__expr(c, s->u.augassign.value);
    c->u->line = s->line;
    sl__emit(c, SL_OP_INPLACE_OP, s->u.augassign.op);
    sl__store_name(c, t->u.name.id.data);
    break;
  case SL_EXPR_ATTRIBUTE: {
    int32_t name = sl__name(c, t->u.attribute.attr.data);
    sl__expr(c, t->u.attribute.value);
    sl__emit(c, SL_OP_COPY, 1);
    sl__emit(c, SL_OP_LOAD_ATTR, name);
    sl__expr(c, s->u.augassign.value);
    c->u->line = s->line;
    sl__emit(c, SL_OP_INPLACE_OP, s->u.augassign.op);
    sl__emit(c, SL_OP_SWAP, 2);
    sl__emit(c, SL_OP_STORE_ATTR, name);
    break;
  }
  case SL_EXPR_SUBSCRIPT:
    sl__expr(c, t->u.subscript.value);
    sl__expr(c, t->u.subscript.index);
    sl__emit(c, SL_OP_COPY, 2);
    sl__emit(c, SL_OP_COPY, 2);
    sl__emit(c, SL_OP_BINARY_SUBSCR, 0);
    sl__expr(c, s->u.augassign.value);
    c->u->line = s->line;
    sl__emit(c, SL_OP_INPLACE_OP, s->u.augassign.op);
    sl__emit(c, SL_OP_SWAP, 3);
    sl__emit(c, SL_OP_SWAP, 2);
    sl__emit(c, SL_OP_STORE_SUBSCR, 0);
    break;
  default:
    sl__cerr(c, t->line, t->col, SL_DIAG_SYNTAX, NULL,
             "illegal expression for augmented assignment");
  }
}

/* A block whose end is its function's end (`tail`): the implicit `return
 * None` follows it (sl__compile_function), outside any block of the frame.
 * Its last statement, an `if`, is compiled with tail branches. */
static void stmt_if(compiler *c, const sl_ast_stmt *s, bool tail);
static void block_tail(compiler *c, const sl_ast_block *b) {
  for (size_t i = 0; i + 1 < b->n; i++) sl__stmt(c, b->stmts[i]);
  if (!b->n) return;
  const sl_ast_stmt *last = b->stmts[b->n - 1];
  if (last->kind == SL_STMT_IF)
    stmt_if(c, last, true);
  else
    sl__stmt(c, last);
}
/* A branch of an `if` at its function's end leaves with a copy of the
 * implicit `return None` instead of a jump to it, as CPython's compiler
 * copies a small exit block into a jump to it. It cannot raise, so no
 * traceback shows its line. */
static void stmt_if(compiler *c, const sl_ast_stmt *s, bool tail) {
  int32_t end = sl__new_label(c);
  for (size_t i = 0; i < s->u.if_.n_branches; i++) {
    int32_t next = sl__new_label(c);
    sl__jump_if(c, s->u.if_.tests[i], false, next);
    if (tail) {
      block_tail(c, &s->u.if_.bodies[i]);
      sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_none()));
      sl__emit(c, SL_OP_RETURN_VALUE, 0);
    } else {
      sl__block(c, &s->u.if_.bodies[i]);
      sl__emit(c, SL_OP_JUMP, end);
    }
    sl__bind_label(c, next);
  }
  if (tail)
    block_tail(c, &s->u.if_.orelse);
  else
    sl__block(c, &s->u.if_.orelse);
  sl__bind_label(c, end);
}

void sl__stmt(compiler *c, const sl_ast_stmt *s) {
  c->u->line = s->line;
  switch (s->kind) {
  case SL_STMT_EXPR: {
    const sl_ast_expr *v = s->u.expr.value;
    /* Docstrings and `...` bodies compile to nothing. */
    if (v->kind == SL_EXPR_CONST &&
        (v->u.constant.kind == SL_CONST_STR || v->u.constant.kind == SL_CONST_ELLIPSIS))
      break;
    sl__expr(c, v);
    sl__emit(c, SL_OP_POP_TOP, 0);
    break;
  }
  case SL_STMT_ASSIGN:
    sl__expr(c, s->u.assign.value);
    for (size_t i = 0; i < s->u.assign.n_targets; i++) {
      if (i + 1 < s->u.assign.n_targets) sl__emit(c, SL_OP_COPY, 1);
      sl__store_target(c, s->u.assign.targets[i]);
    }
    break;
  case SL_STMT_AUGASSIGN: stmt_augassign(c, s); break;
  case SL_STMT_ANNASSIGN:
    if (s->u.annassign.value) {
      sl__expr(c, s->u.annassign.value);
      sl__store_target(c, s->u.annassign.target);
    }
    /* In a class body, __annotations__[name] = the annotation's text (as
     * `from __future__ import annotations` keeps it): dataclasses reads
     * the fields from it. */
    if (c->u->sc->kind == SC_CLASS && s->u.annassign.simple) {
      const sl_ast_str *a = &s->u.annassign.annotation;
      sl__emit(c, SL_OP_LOAD_CONST, sl__const_str(c, a->data, a->len));
      sl__emit(c, SL_OP_LOAD_NAME, sl__name(c, "__annotations__"));
      const char *name = s->u.annassign.target->u.name.id.data;
      sl__emit(c, SL_OP_LOAD_CONST, sl__const_str(c, name, strlen(name)));
      sl__emit(c, SL_OP_STORE_SUBSCR, 0);
    }
    break;
  case SL_STMT_FUNCTIONDEF: stmt_funcdef(c, s); break;
  case SL_STMT_CLASSDEF: stmt_classdef(c, s); break;
  case SL_STMT_RETURN: stmt_return(c, s); break;
  case SL_STMT_DELETE:
    for (size_t i = 0; i < s->u.del.n; i++) sl__delete_target(c, s->u.del.targets[i]);
    break;
  case SL_STMT_IF: stmt_if(c, s, false); break;
  case SL_STMT_WHILE: stmt_while(c, s); break;
  case SL_STMT_FOR: stmt_for(c, s); break;
  case SL_STMT_WITH: stmt_with(c, s, 0); break;
  case SL_STMT_MATCH: sl__stmt_match(c, s); break;
  case SL_STMT_RAISE:
    if (s->u.raise.exc) sl__expr(c, s->u.raise.exc);
    if (s->u.raise.cause) sl__expr(c, s->u.raise.cause);
    c->u->line = s->line;
    sl__emit(c, SL_OP_RAISE, s->u.raise.cause ? 2 : s->u.raise.exc ? 1 : 0);
    break;
  case SL_STMT_TRY: stmt_try(c, s); break;
  case SL_STMT_ASSERT: {
    int32_t end = sl__new_label(c);
    sl__jump_if(c, s->u.assert_.test, true, end);
    c->u->line = s->line;
    sl__emit(c, SL_OP_LOAD_ASSERTION_ERROR, 0);
    if (s->u.assert_.msg) {
      sl__expr(c, s->u.assert_.msg);
      c->u->line = s->line;
      sl__emit(c, SL_OP_CALL, 1);
    }
    sl__emit(c, SL_OP_RAISE, 1);
    sl__bind_label(c, end);
    break;
  }
  case SL_STMT_IMPORT: stmt_import(c, s); break;
  case SL_STMT_IMPORTFROM: stmt_importfrom(c, s); break;
  case SL_STMT_GLOBAL:
  case SL_STMT_NONLOCAL:
  case SL_STMT_PASS: break;
  case SL_STMT_BREAK: stmt_loop_exit(c, s, true); break;
  case SL_STMT_CONTINUE: stmt_loop_exit(c, s, false); break;
  }
}

void sl__block(compiler *c, const sl_ast_block *b) {
  /* A function's scope node is its def statement (a lambda's or a
   * comprehension's is an expression, whose unit has no block): compared
   * by address only, nothing read through it. */
  const scope *sc = c->u->sc;
  if (sc->kind == SC_FUNCTION &&
      (const char *)b == (const char *)sc->node + offsetof(sl_ast_stmt, u.funcdef.body)) {
    block_tail(c, b);
    return;
  }
  for (size_t i = 0; i < b->n; i++) sl__stmt(c, b->stmts[i]);
}
