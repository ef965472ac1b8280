/* The compiler's driver: units, emission, labels, constants and the
 * creation of code objects (the AST walk itself is in compile_expr.c and
 * compile_stmt.c, name resolution in compile_scope.c). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/dict.h"
#include "core/lang/compile-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

void sl__cerr(compiler *c, uint32_t line, uint32_t col, sl_diag_kind kind, const char *construct,
              const char *fmt, ...) {
  char msg[SL_DIAG_TEXT_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (!line && c->u) line = c->u->line;
  /* Find the byte offset of the line so the diagnostic shows it. */
  const char *src = c->src;
  size_t srclen = c->srclen;
  size_t off = 0;
  uint32_t ln = 1;
  while (src && off < srclen && ln < line) {
    if (src[off] == '\n') ln++;
    off++;
  }
  size_t coloff = off;
  for (uint32_t k = 1; src && k < col && coloff < srclen && src[coloff] != '\n'; k++) {
    coloff++;
    while (coloff < srclen && ((unsigned char)src[coloff] & 0xC0) == 0x80) coloff++;
  }
  sl_diag_set(c->diag, kind, c->mod->filename.data, src, srclen, coloff, line, col ? col : 1,
              construct, construct ? "see docs/language.md for the supported subset" : NULL, "%s",
              msg);
  longjmp(c->jb, 1);
}

void sl__cnomem(compiler *c) {
  sl_diag_set_nomem(c->diag, c->mod->filename.data);
  if (!c->rt->fatal) sl_nomem(c->rt);
  longjmp(c->jb, 1);
}

void *sl__cmalloc(compiler *c, size_t size) {
  void *p = sl_malloc(size ? size : 1);
  if (!p) sl__cnomem(c);
  return p;
}

/* Grows a unit array by one element. */
#define GROW(c, arr, n, cap)                                                                       \
  do {                                                                                             \
    if ((n) == (cap)) {                                                                            \
      size_t ncap_ = (cap) ? (cap)*2 : 16;                                                         \
      void *g_ = sl_realloc((arr), ncap_ * sizeof *(arr));                                         \
      if (!g_) sl__cnomem(c);                                                                      \
      (arr) = g_;                                                                                  \
      (cap) = ncap_;                                                                               \
    }                                                                                              \
  } while (0)

void sl__emit(compiler *c, sl_opcode op, int32_t arg) {
  unit *u = c->u;
  if (u->ncode == u->capcode) {
    size_t cap = u->capcode ? u->capcode * 2 : 64;
    sl_instr *g = sl_realloc(u->code, cap * sizeof *g);
    if (!g) sl__cnomem(c);
    u->code = g;
    uint32_t *l = sl_realloc(u->lines, cap * sizeof *l);
    if (!l) sl__cnomem(c);
    u->lines = l;
    u->capcode = cap;
  }
  u->code[u->ncode] = (sl_instr){(uint8_t)op, arg};
  u->lines[u->ncode] = u->line;
  u->ncode++;
}

int32_t sl__new_label(compiler *c) {
  unit *u = c->u;
  GROW(c, u->labels, u->nlabels, u->caplabels);
  u->labels[u->nlabels] = -1;
  return (int32_t)u->nlabels++;
}

void sl__bind_label(compiler *c, int32_t label) { c->u->labels[label] = (int32_t)c->u->ncode; }

int32_t sl__const(compiler *c, sl_value v) {
  unit *u = c->u;
  if (u->nconsts == u->capconsts) {
    size_t cap = u->capconsts ? u->capconsts * 2 : 16;
    sl_value *g = sl_realloc(u->consts, cap * sizeof *g);
    if (!g) {
      sl_vdecref(c->rt, v);
      sl__cnomem(c);
    }
    u->consts = g;
    u->capconsts = cap;
  }
  u->consts[u->nconsts] = v;
  return (int32_t)u->nconsts++;
}

int32_t sl__const_str(compiler *c, const char *s, size_t len) {
  sl_obj *o = sl_str_new(c->rt, s, len);
  if (!o) sl__cnomem(c);
  return sl__const(c, sl_obj_val(o));
}

/* The index of `name` in a unit's table (names or locals), added at the
 * end if new; `map` finds it in constant time. */
static int32_t intern(compiler *c, sl_namemap *map, const char ***arr, size_t *n, size_t *cap,
                      const char *name) {
  int64_t at = sl_namemap_get(map, name);
  if (at >= 0) return (int32_t)at;
  GROW(c, *arr, *n, *cap);
  if (sl_namemap_put(map, name, (uint32_t)*n)) sl__cnomem(c);
  (*arr)[*n] = name;
  return (int32_t)(*n)++;
}

const char *sl__persist(compiler *c, const char *name) {
  if (!c->keep) return name;
  char *copy = sl__arena_strndup(c->keep, name, strlen(name));
  if (!copy) sl__cnomem(c);
  return copy;
}

int32_t sl__name(compiler *c, const char *name) {
  unit *u = c->u;
  if (c->keep && u->sc == c->top && sl_namemap_get(&u->namemap, name) < 0)
    name = sl__persist(c, name); /* the module's names outlive the statement */
  return intern(c, &u->namemap, &u->names, &u->nnames, &u->capnames, name);
}

static int32_t local_index(compiler *c, const char *name) {
  unit *u = c->u;
  return intern(c, &u->localmap, &u->locals, &u->nlocals, &u->caplocals, name);
}

static int32_t cell_index(compiler *c, const char *name) {
  unit *u = c->u;
  for (size_t i = 0; i < u->ncells + u->nfree; i++)
    if (!strcmp(u->cells[i], name)) return (int32_t)i;
  sl__cerr(c, 0, 0, SL_DIAG_LIMIT, NULL, "internal error: no cell for '%s'", name);
}

typedef enum access { ACC_LOAD, ACC_STORE, ACC_DEL } access;

/* A load, store or delete of a cell variable. Loads and stores of a free
 * variable get their own opcodes, indexed into the closure (the frame
 * reads the function's closure tuple in place instead of copying its
 * cells per call); deletes keep DELETE_DEREF's index over cells, then
 * free variables. */
static void deref_op(compiler *c, access acc, const char *name) {
  static const sl_opcode deref[] = {SL_OP_LOAD_DEREF, SL_OP_STORE_DEREF, SL_OP_DELETE_DEREF};
  static const sl_opcode free_op[] = {SL_OP_LOAD_FREE, SL_OP_STORE_FREE};
  int32_t i = cell_index(c, name), ncells = (int32_t)c->u->ncells;
  if (acc != ACC_DEL && i >= ncells)
    sl__emit(c, free_op[acc], i - ncells);
  else
    sl__emit(c, deref[acc], i);
}

static void name_op(compiler *c, const char *name, access acc) {
  scope *s = c->u->sc;
  sym *y = sl__scope_lookup(s, name);
  sym_scope sc = y ? y->scope : SYM_GLOBAL_IMPLICIT;
  static const sl_opcode fast[] = {SL_OP_LOAD_FAST, SL_OP_STORE_FAST, SL_OP_DELETE_FAST};
  static const sl_opcode glob[] = {SL_OP_LOAD_GLOBAL, SL_OP_STORE_GLOBAL, SL_OP_DELETE_GLOBAL};
  static const sl_opcode nm[] = {SL_OP_LOAD_NAME, SL_OP_STORE_NAME, SL_OP_DELETE_NAME};
  if (s->kind == SC_CLASS) {
    if (sc == SYM_FREE && !(y->flags & SYM_BOUND)) {
      deref_op(c, acc, name);
      return;
    }
    if (sc == SYM_GLOBAL_EXPLICIT) {
      sl__emit(c, glob[acc], sl__name(c, name));
      return;
    }
    sl__emit(c, nm[acc], sl__name(c, name));
    return;
  }
  switch (sc) {
  case SYM_LOCAL: sl__emit(c, fast[acc], local_index(c, name)); break;
  case SYM_CELL:
  case SYM_FREE: deref_op(c, acc, name); break;
  default: sl__emit(c, glob[acc], sl__name(c, name)); break;
  }
}

void sl__load_name(compiler *c, const char *name) { name_op(c, name, ACC_LOAD); }
void sl__store_name(compiler *c, const char *name) { name_op(c, name, ACC_STORE); }
void sl__delete_name(compiler *c, const char *name) { name_op(c, name, ACC_DEL); }

void sl__push_fblock(compiler *c, fblock_kind kind, int32_t start, int32_t end) {
  unit *u = c->u;
  if (u->nfblocks >= MAX_FBLOCKS)
    sl__cerr(c, 0, 0, SL_DIAG_LIMIT, NULL, "too many statically nested blocks");
  u->fblocks[u->nfblocks] = (fblock){kind, start, end, NULL, NULL};
  u->nfblocks++;
  if (u->nfblocks > u->maxfblocks) u->maxfblocks = u->nfblocks;
}

void sl__pop_fblock(compiler *c) { c->u->nfblocks--; }

/* ---- units and code objects ------------------------------------------- */

void sl__unit_free(sl_rt *rt, unit *u) {
  if (!u) return;
  for (size_t i = 0; i < u->nconsts; i++) sl_vdecref(rt, u->consts[i]);
  sl_free(u->code);
  sl_free(u->lines);
  sl_free(u->consts);
  sl_free(u->names);
  sl_free(u->locals);
  sl_namemap_free(&u->namemap);
  sl_namemap_free(&u->localmap);
  sl_free(u->cells);
  sl_free(u->labels);
  sl_free(u);
}

/* Reallocates arr (a unit array) to exactly n elements. */
#define SHRINK(arr, n)                                                                             \
  do {                                                                                             \
    void *g_ = (arr) && (n) ? sl_realloc((arr), (n) * sizeof *(arr)) : NULL;                       \
    if (g_) (arr) = g_;                                                                            \
  } while (0)

static sl_obj *strs(compiler *c, const char *s) {
  sl_obj *o = sl_str_from_cstr(c->rt, s);
  if (!o) sl__cnomem(c);
  return o;
}

/* The module's one str for name `s` (new reference; see compiler.interned). */
static sl_obj *interned(compiler *c, const char *s) {
  if (!c->interned && !(c->interned = sl_dict_new(c->rt))) sl__cnomem(c);
  sl_value v;
  bool found = false;
  if (sl_dict_get_str(c->rt, c->interned, s, &v, &found)) sl__cnomem(c);
  if (found) return v.u.o;
  sl_obj *o = strs(c, s);
  if (sl_dict_set(c->rt, c->interned, sl_obj_val(o), sl_obj_val(o))) {
    sl_decref(c->rt, o);
    sl__cnomem(c);
  }
  return o;
}

/* Whether `x.a += n` starts at code[0] (stmt_augassign's sequence for an
 * attribute of a local, n a local or a constant). */
static bool is_aug_attr(const sl_instr *in) {
  return in[0].op == SL_OP_LOAD_FAST && in[1].op == SL_OP_COPY && in[1].arg == 1 &&
         in[2].op == SL_OP_LOAD_ATTR &&
         (in[3].op == SL_OP_LOAD_FAST || in[3].op == SL_OP_LOAD_CONST) &&
         in[4].op == SL_OP_INPLACE_OP && in[5].op == SL_OP_SWAP && in[5].arg == 2 &&
         in[6].op == SL_OP_STORE_ATTR && in[6].arg == in[2].arg;
}

static bool is_fused_operand(const sl_instr *in) {
  return in->op == SL_OP_LOAD_FAST || in->op == SL_OP_LOAD_CONST;
}

/* Whether `x[k]` starts at code[0] (x and k locals or constants). */
static bool is_subscr(const sl_instr *in) {
  return is_fused_operand(&in[1]) && in[2].op == SL_OP_BINARY_SUBSCR;
}

/* Whether `x[k] = v` starts at code[0] (v on the stack, x and k locals or
 * constants). */
static bool is_store_subscr(const sl_instr *in) {
  return is_fused_operand(&in[1]) && in[2].op == SL_OP_STORE_SUBSCR;
}

/* Whether `x[k] += n` starts at code[0] (stmt_augassign's sequence for a
 * subscript of a local, k and n locals or constants). */
static bool is_aug_subscr(const sl_instr *in) {
  return is_fused_operand(&in[1]) && in[2].op == SL_OP_COPY && in[2].arg == 2 &&
         in[3].op == SL_OP_COPY && in[3].arg == 2 && in[4].op == SL_OP_BINARY_SUBSCR &&
         is_fused_operand(&in[5]) && in[6].op == SL_OP_INPLACE_OP && in[7].op == SL_OP_SWAP &&
         in[7].arg == 3 && in[8].op == SL_OP_SWAP && in[8].arg == 2 &&
         in[9].op == SL_OP_STORE_SUBSCR;
}

/* Whether `x += n` starts at code[0], x a local (LOAD_FAST) or a free
 * variable (LOAD_FREE), n a local or a constant. */
static bool is_aug_var(const sl_instr *in) {
  sl_opcode store = in[0].op == SL_OP_LOAD_FAST ? SL_OP_STORE_FAST : SL_OP_STORE_FREE;
  return (in[1].op == SL_OP_LOAD_FAST || in[1].op == SL_OP_LOAD_CONST) &&
         in[2].op == SL_OP_INPLACE_OP && in[3].op == store && in[3].arg == in[0].arg;
}

/* Whether `x.m(y)` starts at code[0], x and y locals (y the only
 * argument, so nothing the argument's own load could fuse with is lost). */
static bool is_method_local_arg(const sl_instr *in) {
  return in[1].op == SL_OP_LOAD_METHOD && in[2].op == SL_OP_LOAD_FAST && in[2].arg < 64 &&
         in[3].op == SL_OP_CALL_METHOD && in[3].arg == 1;
}

/* Marks the LOAD_FAST (LOAD_FREE, LOAD_CONST, LOAD_GLOBAL, CALL_METHOD) that starts a sequence a
 * superinstruction covers (code.h). Only the first instruction's opcode changes: the rest stay
 * for the superinstruction's slow path and for jumps into the sequence,
 * and each keeps its line. Runs after the stack analysis, which saw the
 * plain instructions. */
static void fuse(unit *u) {
  /* Locals (the first 64) bound wherever they are loaded need no unbound
   * check (LOAD_FAST_BOUND): sl__bound_locals' sets; without them (out of
   * memory), the parameters that no DELETE_FAST unbinds. Cell parameters
   * are read with LOAD_DEREF, never LOAD_FAST. */
  uint32_t nparams = u->argcount + u->kwonly + ((u->flags & SL_CO_VARARGS) ? 1 : 0) +
                     ((u->flags & SL_CO_VARKW) ? 1 : 0);
  uint64_t params = nparams >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << nparams) - 1;
  uint64_t *bound_at = sl__bound_locals(u, params);
  uint64_t bound = params;
  for (size_t i = 0; i < u->ncode; i++)
    if (u->code[i].op == SL_OP_DELETE_FAST && u->code[i].arg < 64)
      bound &= ~(UINT64_C(1) << u->code[i].arg);
  /* A sequence's later instructions are never marked themselves: the
   * fast paths read their opcodes as the compiler emitted them. */
  for (size_t i = 0; i + 1 < u->ncode; i++) {
    sl_instr *in = &u->code[i];
    if (in->op == SL_OP_LOAD_CONST && in[1].op == SL_OP_RETURN_VALUE) {
      in->op = SL_OP_LOAD_CONST_RETURN;
      i += 1;
      continue;
    }
    if (in->op == SL_OP_LOAD_CONST && in[1].op == SL_OP_BINARY_OP) {
      in->op = SL_OP_LOAD_CONST_BINOP;
      i += 1;
      continue;
    }
    if (in->op == SL_OP_CALL_METHOD && in[1].op == SL_OP_POP_TOP) {
      in->op = SL_OP_CALL_METHOD_STMT;
      i += 1;
      continue;
    }
    if (in->op == SL_OP_LOAD_GLOBAL &&
        (in[1].op == SL_OP_LOAD_METHOD || in[1].op == SL_OP_LOAD_ATTR)) {
      in->op = SL_OP_LOAD_GLOBAL_MOD;
      i += 1;
      continue;
    }
    if (in->op != SL_OP_LOAD_FAST && in->op != SL_OP_LOAD_FREE) continue;
    if (i + 4 <= u->ncode && is_aug_var(in)) {
      in->op = in->op == SL_OP_LOAD_FAST ? SL_OP_LOAD_FAST_AUG : SL_OP_LOAD_FREE_AUG;
      i += 3;
    } else if (in->op == SL_OP_LOAD_FAST && i + 4 <= u->ncode && is_method_local_arg(in) &&
               ((bound_at ? bound_at[i + 2] : bound) >> in[2].arg & 1)) {
      in->op = SL_OP_LOAD_FAST_METHOD_ARG;
      i += 2; /* the CALL_METHOD after it is fused on its own */
    } else if (in[1].op == SL_OP_LOAD_METHOD) {
      in->op = in->op == SL_OP_LOAD_FAST ? SL_OP_LOAD_FAST_METHOD : SL_OP_LOAD_FREE_METHOD;
      i += 1;
    } else if (in->op != SL_OP_LOAD_FAST) {
      continue;
    } else if (i + 7 <= u->ncode && is_aug_attr(in)) {
      in->op = SL_OP_LOAD_FAST_AUG_ATTR;
      i += 6;
    } else if (in[1].op == SL_OP_LOAD_ATTR) {
      in->op = SL_OP_LOAD_FAST_ATTR;
      i += 1;
    } else if (i + 10 <= u->ncode && is_aug_subscr(in)) {
      in->op = SL_OP_LOAD_FAST_AUG_SUBSCR;
      i += 9;
    } else if (i + 3 <= u->ncode && is_subscr(in)) {
      in->op = SL_OP_LOAD_FAST_SUBSCR;
      i += 2;
    } else if (i + 3 <= u->ncode && is_store_subscr(in)) {
      in->op = SL_OP_LOAD_FAST_STORE_SUBSCR;
      i += 2;
    } else if (i + 3 <= u->ncode && in[1].op == SL_OP_LOAD_CONST && in[2].op == SL_OP_BINARY_OP) {
      in->op = SL_OP_LOAD_FAST_BINOP;
      i += 2;
    } else if ((in[1].op == SL_OP_POP_JUMP_IF_NONE || in[1].op == SL_OP_POP_JUMP_IF_NOT_NONE) &&
               in->arg < 64 && ((bound_at ? bound_at[i] : bound) >> in->arg & 1)) {
      in->op = SL_OP_LOAD_FAST_IS_NONE;
      i += 1;
    } else if (in->arg < 64 && ((bound_at ? bound_at[i] : bound) >> in->arg & 1)) {
      in->op = SL_OP_LOAD_FAST_BOUND;
    }
  }
  sl_free(bound_at);
}

/* Turns the finished unit into a code object (a heap object of the run). */
static sl_obj *make_code(compiler *c, unit *u, const char *name, uint32_t firstline) {
  for (size_t i = 0; i < u->ncode; i++)
    if (sl__is_jump((sl_opcode)u->code[i].op)) {
      int32_t t = u->labels[u->code[i].arg];
      if (t < 0 || (size_t)t > u->ncode)
        sl__cerr(c, u->lines[i], 0, SL_DIAG_LIMIT, NULL,
                 "internal compiler error: jump out of the code (please report this program)");
      u->code[i].arg = t;
    }
  uint32_t stacksize = sl__max_stack(c, u);
  fuse(u);
  /* A sentinel past the last instruction: the VM's dispatch does not
   * check ip against ncode on every instruction; jump targets were
   * checked above, so the only way past the end is falling off it, which
   * lands on an opcode the VM reports as corrupt code. */
  sl__emit(c, SL_OP__COUNT, 0);
  u->ncode--;
  sl_obj *o = sl_obj_alloc(c->rt, &sl_code_type);
  if (!o) sl__cnomem(c);
  sl_code *co = sl_as_code(o);
  jmp_buf saved;
  memcpy(saved, c->jb, sizeof saved);
  if (setjmp(c->jb)) {
    memcpy(c->jb, saved, sizeof saved);
    sl_decref(c->rt, o);
    longjmp(c->jb, 1);
  }
  co->flags = u->flags;
  co->argcount = u->argcount;
  co->posonly = u->posonly;
  co->kwonly = u->kwonly;
  co->firstline = firstline;
  co->stacksize = stacksize;
  co->maxblocks = (uint32_t)u->maxfblocks * 2 + 4;
  co->name = strs(c, name);
  co->qualname = strs(c, u->sc->qualname ? u->sc->qualname : name);
  co->filename = c->filename;
  sl_incref(c->filename);
  co->localnames = sl_calloc(u->nlocals + 1, sizeof(sl_obj *));
  co->cellnames = sl_calloc(u->ncells + u->nfree + 1, sizeof(sl_obj *));
  co->cell2arg = sl_calloc(u->ncells + 1, sizeof(int32_t));
  co->names = sl_calloc(u->nnames + 1, sizeof(sl_obj *));
  co->gcache = sl_calloc(u->nnames + 1, sizeof(sl_gcache));
  co->acache = sl_calloc(u->nnames + 1, sizeof(sl_gcache));
  co->mcache = sl_calloc(u->nnames + 1, sizeof(sl_mcache));
  if (!co->localnames || !co->cellnames || !co->cell2arg || !co->names || !co->gcache ||
      !co->acache || !co->mcache)
    sl__cnomem(c);
  for (size_t i = 0; i < u->nlocals; i++, co->nlocals++) co->localnames[i] = strs(c, u->locals[i]);
  for (size_t i = 0; i < u->ncells + u->nfree; i++) {
    co->cellnames[i] = strs(c, u->cells[i]);
    if (i < u->ncells) {
      co->ncells++;
      co->cell2arg[i] = -1;
      uint32_t nparams = u->argcount + u->kwonly + ((u->flags & SL_CO_VARARGS) ? 1 : 0) +
                         ((u->flags & SL_CO_VARKW) ? 1 : 0);
      for (uint32_t a = 0; a < nparams && a < u->nlocals; a++)
        if (!strcmp(u->locals[a], u->cells[i])) co->cell2arg[i] = (int32_t)a;
    } else {
      co->nfree++;
    }
  }
  for (size_t i = 0; i < u->nnames; i++, co->nnames++) co->names[i] = interned(c, u->names[i]);
  memcpy(c->jb, saved, sizeof saved);
  /* Steal the rest from the unit, trimmed to size: a module's code
   * objects all live as long as the run, and the arrays grew by doubling
   * (a failed shrink keeps the larger block, which is as good). */
  SHRINK(u->code, u->ncode + 1);
  SHRINK(u->lines, u->ncode + 1);
  SHRINK(u->consts, u->nconsts);
  co->consts = u->consts;
  co->nconsts = u->nconsts;
  u->consts = NULL;
  u->nconsts = 0;
  co->code = u->code;
  co->lines = u->lines;
  co->ncode = u->ncode;
  u->code = NULL;
  u->lines = NULL;
  return o;
}

/* Starts a unit for scope `sc`; the previous unit is returned for
 * restoring. Parameters come first among the locals, cells and frees are
 * laid out from the symbol table. */
unit *sl__unit_begin(compiler *c, scope *sc, const sl_ast_params *params) {
  unit *u = sl__cmalloc(c, sizeof *u);
  memset(u, 0, sizeof *u);
  unit *prev = c->u;
  u->sc = sc;
  u->line = prev ? prev->line : 1;
  c->u = u;
  jmp_buf saved;
  memcpy(saved, c->jb, sizeof saved);
  if (setjmp(c->jb)) {
    memcpy(c->jb, saved, sizeof saved);
    c->u = prev;
    sl__unit_free(c->rt, u);
    longjmp(c->jb, 1);
  }
  if (params) {
    for (size_t i = 0; i < params->n_params; i++) local_index(c, params->params[i].name.data);
    for (size_t i = 0; i < params->n_kwonly; i++) local_index(c, params->kwonly[i].name.data);
    if (params->vararg) local_index(c, params->vararg->name.data);
    if (params->kwarg) local_index(c, params->kwarg->name.data);
    u->argcount = (uint32_t)params->n_params;
    u->posonly = (uint32_t)params->n_posonly;
    u->kwonly = (uint32_t)params->n_kwonly;
    if (params->vararg) u->flags |= SL_CO_VARARGS;
    if (params->kwarg) u->flags |= SL_CO_VARKW;
  }
  for (size_t i = 0; i < sc->nsyms; i++)
    if (sc->syms[i].scope == SYM_CELL) {
      GROW(c, u->cells, u->ncells, u->capcells);
      u->cells[u->ncells++] = sc->syms[i].name;
    }
  for (size_t i = 0; i < sc->nsyms; i++)
    if (sc->syms[i].scope == SYM_FREE) {
      GROW(c, u->cells, u->ncells + u->nfree, u->capcells);
      u->cells[u->ncells + u->nfree++] = sc->syms[i].name;
    }
  memcpy(c->jb, saved, sizeof saved);
  return prev;
}

/* Finishes the current unit into a code object and restores `prev`. */
sl_obj *sl__unit_end(compiler *c, unit *prev, const char *name, uint32_t firstline) {
  unit *u = c->u;
  jmp_buf saved;
  memcpy(saved, c->jb, sizeof saved);
  if (setjmp(c->jb)) {
    memcpy(c->jb, saved, sizeof saved);
    c->u = prev;
    sl__unit_free(c->rt, u);
    longjmp(c->jb, 1);
  }
  sl_obj *code = make_code(c, u, name, firstline);
  memcpy(c->jb, saved, sizeof saved);
  c->u = prev;
  sl__unit_free(c->rt, u);
  return code;
}

/* Runs `body` with unit cleanup on error. */
#define WITH_UNIT_GUARD(c, prev, stmt)                                                             \
  do {                                                                                             \
    jmp_buf saved_;                                                                                \
    memcpy(saved_, (c)->jb, sizeof saved_);                                                        \
    if (setjmp((c)->jb)) {                                                                         \
      memcpy((c)->jb, saved_, sizeof saved_);                                                      \
      unit *dead_ = (c)->u;                                                                        \
      (c)->u = (prev);                                                                             \
      sl__unit_free((c)->rt, dead_);                                                               \
      longjmp((c)->jb, 1);                                                                         \
    }                                                                                              \
    stmt;                                                                                          \
    memcpy((c)->jb, saved_, sizeof saved_);                                                        \
  } while (0)

static void set_qualname(compiler *c, scope *sc, const char *name) {
  scope *p = sc->parent;
  sl_strbuf b = SL_STRBUF_INIT;
  if (p && p->kind != SC_MODULE && p->qualname) {
    sl_strbuf_puts(&b, p->qualname);
    sl_strbuf_puts(&b, p->kind == SC_FUNCTION ? ".<locals>." : ".");
  }
  sl_strbuf_puts(&b, name);
  if (b.failed) {
    sl_strbuf_free(&b);
    sl__cnomem(c);
  }
  sl_free(sc->qualname);
  sc->qualname = sl_strbuf_take(&b, NULL);
  if (!sc->qualname) sl__cnomem(c);
}

void sl__make_closure(compiler *c, scope *child, sl_obj *code, unsigned flags) {
  sl_code *co = sl_as_code(code);
  if (co->nfree) {
    for (uint32_t i = 0; i < co->nfree; i++)
      sl__emit(c, SL_OP_LOAD_CLOSURE, cell_index(c, sl_str_cstr(co->cellnames[co->ncells + i])));
    sl__emit(c, SL_OP_BUILD_TUPLE, (int32_t)co->nfree);
    flags |= SL_MF_CLOSURE;
  }
  sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_obj_val(code)));
  sl__emit(c, SL_OP_MAKE_FUNCTION, (int32_t)flags);
}

sl_obj *sl__compile_function(compiler *c, scope *sc, const char *name, const sl_ast_params *params,
                             const sl_ast_block *body, const sl_ast_expr *lambda_body,
                             uint32_t line) {
  set_qualname(c, sc, name);
  unit *prev = sl__unit_begin(c, sc, params);
  c->u->line = line;
  if (sc->is_async) c->u->flags |= SL_CO_ASYNC;
  if (sc->is_generator) c->u->flags |= SL_CO_GENERATOR;
  WITH_UNIT_GUARD(c, prev, {
    /* A leading string is the docstring: consts[0], as CPython keeps it. */
    const sl_ast_expr *doc = !lambda_body && body->n && body->stmts[0]->kind == SL_STMT_EXPR
                                 ? body->stmts[0]->u.expr.value
                                 : NULL;
    if (doc && doc->kind == SL_EXPR_CONST && doc->u.constant.kind == SL_CONST_STR &&
        sl__const_str(c, doc->u.constant.u.s.data, doc->u.constant.u.s.len) == 0)
      c->u->flags |= SL_CO_DOC;
    if (lambda_body) {
      sl__expr(c, lambda_body);
      sl__emit(c, SL_OP_RETURN_VALUE, 0);
    } else {
      sl__block(c, body);
      sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_none()));
      sl__emit(c, SL_OP_RETURN_VALUE, 0);
    }
  });
  return sl__unit_end(c, prev, name, line);
}

static const char *comp_name(const sl_ast_expr *e) {
  switch (e->kind) {
  case SL_EXPR_SETCOMP: return "<setcomp>";
  case SL_EXPR_DICTCOMP: return "<dictcomp>";
  case SL_EXPR_GENEXP: return "<genexpr>";
  default: return "<listcomp>";
  }
}

/* One `for ... in ... if ...` level of a comprehension; the innermost
 * level adds the element to the collection `depth` slots down. */
static void comp_gen(compiler *c, const sl_ast_expr *e, size_t g) {
  const sl_ast_comprehension *gen = &e->u.comp.gens[g];
  int32_t start = sl__new_label(c), end = sl__new_label(c);
  if (g == 0) {
    sl__emit(c, SL_OP_LOAD_FAST, 0);
  } else {
    sl__iter_expr(c, gen->iter);
    sl__emit(c, gen->is_async ? SL_OP_GET_AITER : SL_OP_GET_ITER, 0);
  }
  sl__bind_label(c, start);
  if (gen->is_async) {
    /* As `async for`: await __anext__() until StopAsyncIteration. */
    sl__emit(c, SL_OP_SETUP_FINALLY, end);
    sl__emit(c, SL_OP_GET_ANEXT, 0);
    sl__emit(c, SL_OP_AWAIT, 0);
    sl__emit(c, SL_OP_POP_BLOCK, 0);
  } else {
    sl__emit(c, SL_OP_FOR_ITER, end);
  }
  sl__store_target(c, gen->target);
  for (size_t i = 0; i < gen->n_ifs; i++) sl__jump_if(c, gen->ifs[i], false, start);
  if (g + 1 < e->u.comp.n_gens) {
    comp_gen(c, e, g + 1);
  } else {
    int32_t depth = (int32_t)e->u.comp.n_gens + 1;
    if (e->kind == SL_EXPR_DICTCOMP) {
      sl__expr(c, e->u.comp.key);
      sl__expr(c, e->u.comp.value);
      sl__emit(c, SL_OP_MAP_ADD, depth);
    } else if (e->kind == SL_EXPR_GENEXP) {
      sl__expr(c, e->u.comp.elt);
      sl__emit(c, SL_OP_YIELD_VALUE, 0);
      sl__emit(c, SL_OP_POP_TOP, 0);
    } else {
      sl__expr(c, e->u.comp.elt);
      sl__emit(c, e->kind == SL_EXPR_SETCOMP ? SL_OP_SET_ADD : SL_OP_LIST_APPEND, depth);
    }
  }
  sl__emit(c, SL_OP_JUMP, start);
  sl__bind_label(c, end);
  if (gen->is_async) sl__emit(c, SL_OP_END_ASYNC_FOR, 0);
}

sl_obj *sl__compile_comprehension(compiler *c, scope *sc, const sl_ast_expr *e) {
  const char *name = comp_name(e);
  set_qualname(c, sc, name);
  static const sl_ast_param dot0 = {{".0", 2}, 0, 0};
  sl_ast_params params = {0};
  params.params = (sl_ast_param *)&dot0;
  params.n_params = 1;
  unit *prev = sl__unit_begin(c, sc, &params);
  c->u->line = e->line;
  if (sc->has_await) c->u->flags |= SL_CO_ASYNC;
  bool genexp = e->kind == SL_EXPR_GENEXP;
  if (genexp) c->u->flags |= SL_CO_GENERATOR;
  WITH_UNIT_GUARD(c, prev, {
    if (!genexp)
      sl__emit(c,
               e->kind == SL_EXPR_SETCOMP    ? SL_OP_BUILD_SET
               : e->kind == SL_EXPR_DICTCOMP ? SL_OP_BUILD_MAP
                                             : SL_OP_BUILD_LIST,
               0);
    comp_gen(c, e, 0);
    if (genexp) sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_none()));
    sl__emit(c, SL_OP_RETURN_VALUE, 0);
  });
  return sl__unit_end(c, prev, name, e->line);
}

/* Whether a class body annotates a name (at its top level or inside an
 * if/else of it), so it starts with an empty __annotations__. */
static bool has_annotations(const sl_ast_block *b) {
  for (size_t i = 0; i < b->n; i++) {
    const sl_ast_stmt *s = b->stmts[i];
    if (s->kind == SL_STMT_ANNASSIGN && s->u.annassign.simple) return true;
    if (s->kind == SL_STMT_IF) {
      for (size_t k = 0; k < s->u.if_.n_branches; k++)
        if (has_annotations(&s->u.if_.bodies[k])) return true;
      if (has_annotations(&s->u.if_.orelse)) return true;
    }
  }
  return false;
}

sl_obj *sl__compile_class_body(compiler *c, scope *sc, const sl_ast_stmt *s) {
  const char *name = s->u.classdef.name.data;
  set_qualname(c, sc, name);
  unit *prev = sl__unit_begin(c, sc, NULL);
  c->u->flags |= SL_CO_CLASS;
  c->u->line = s->line;
  WITH_UNIT_GUARD(c, prev, {
    /* A leading string is the class's __doc__. */
    const sl_ast_block *body = &s->u.classdef.body;
    const sl_ast_expr *doc =
        body->n && body->stmts[0]->kind == SL_STMT_EXPR ? body->stmts[0]->u.expr.value : NULL;
    if (doc && doc->kind == SL_EXPR_CONST && doc->u.constant.kind == SL_CONST_STR) {
      c->u->line = doc->line;
      sl__emit(c, SL_OP_LOAD_CONST,
               sl__const_str(c, doc->u.constant.u.s.data, doc->u.constant.u.s.len));
      sl__store_name(c, "__doc__");
    }
    if (has_annotations(body)) { /* SETUP_ANNOTATIONS */
      sl__emit(c, SL_OP_BUILD_MAP, 0);
      sl__store_name(c, "__annotations__");
    }
    sl__block(c, body);
    sym *y = sl__scope_lookup(sc, "__class__");
    if (y && y->scope == SYM_CELL)
      sl__emit(c, SL_OP_LOAD_CLOSURE, cell_index(c, "__class__"));
    else
      sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_none()));
    sl__emit(c, SL_OP_RETURN_VALUE, 0);
  });
  return sl__unit_end(c, prev, name, s->line);
}

sl_obj *sl_vm_compile(sl_rt *rt, const sl_ast_module *mod, sl_diag *diag) {
  sl_lang *L = sl_vm_lang(rt);
  return sl__vm_compile_module(rt, mod, L ? L->src : NULL, L ? L->srclen : 0, "", diag);
}

sl_obj *sl__vm_compile_module(sl_rt *rt, const sl_ast_module *mod, const char *src, size_t srclen,
                              const char *package, sl_diag *diag) {
  compiler cc;
  memset(&cc, 0, sizeof cc);
  compiler *c = &cc;
  c->rt = rt;
  c->mod = mod;
  c->diag = diag;
  c->src = src;
  c->srclen = srclen;
  c->package = package;
  sl_diag_clear(diag);
  sl_obj *code = NULL;
  if (setjmp(c->jb)) {
    if (c->u) sl__unit_free(rt, c->u);
    c->u = NULL;
    sl__scope_free(c->top);
    sl_decref(rt, c->filename);
    sl_decref(rt, c->interned);
    return NULL;
  }
  c->filename = sl_str_new(rt, mod->filename.data, mod->filename.len);
  if (!c->filename) sl__cnomem(c);
  scope *top = sl__scope_build(c, mod);
  sl__unit_begin(c, top, NULL);
  c->u->flags |= SL_CO_MODULE;
  sl__block(c, &mod->body);
  sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_none()));
  sl__emit(c, SL_OP_RETURN_VALUE, 0);
  code = sl__unit_end(c, NULL, "<module>", 1);
  sl__scope_free(c->top);
  sl_decref(rt, c->filename);
  sl_decref(rt, c->interned);
  return code;
}
