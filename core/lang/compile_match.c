/* The match statement (PEP 634), compiled to stack code as CPython's
 * compiler_match does: the subject stays on the stack across the cases
 * (each case matches a copy), every pattern consumes the value on top of
 * the stack, and a failed test jumps to a "pop n" label that drops what
 * the pattern had pushed so far before trying the next case
 * (pattern_context.fail_pop). Sequence, mapping and class patterns call
 * the native helpers of vm_match.c, which return the values the
 * sub-patterns match or None. Names are bound as their sub-pattern
 * succeeds (CPython binds them all at the end; only a failed case's
 * partial captures can tell the difference). */
#include <string.h>

#include "core/cfunc.h"
#include "core/lang/compile-int.h"
#include "core/lang/vm-int.h"
#include "core/str.h"
#include "core/alloc.h"
#include "core/assert.h"
#include "core/tuple.h"

/* Where a failed test goes: fail[k] pops k - base values, then jumps to
 * `target`. `depth` counts the values above the match's own level. */
typedef struct pctx {
  int32_t fail[256];
  int nfail;
  int base, depth;
  uint32_t line, col; /* the pattern, for the size limit's message */
} pctx;

static int32_t fail_label(compiler *c, pctx *pc, int depth) {
  int k = depth - pc->base;
  SL_ASSERT(k >= 0);
  if (k >= (int)(sizeof pc->fail / sizeof pc->fail[0]))
    sl__cerr(c, pc->line, pc->col, SL_DIAG_LIMIT, NULL,
             "pattern too large (simloop limit: 255 values matched at once)");
  while (pc->nfail <= k) pc->fail[pc->nfail++] = -1;
  if (pc->fail[k] < 0) pc->fail[k] = sl__new_label(c);
  return pc->fail[k];
}

/* Emits the pop chain of pc, ending in a jump to target. */
static void emit_fail_pops(compiler *c, pctx *pc, int32_t target) {
  if (!pc->nfail) return;
  for (int k = pc->nfail - 1; k > 0; k--) {
    if (pc->fail[k] >= 0) sl__bind_label(c, pc->fail[k]);
    sl__emit(c, SL_OP_POP_TOP, 0);
  }
  if (pc->fail[0] >= 0) sl__bind_label(c, pc->fail[0]);
  sl__emit(c, SL_OP_JUMP, target);
}

static void load_helper(compiler *c, const sl_cfunc_def *def) {
  sl_obj *f = sl_cfunc_new(c->rt, def, sl_undef());
  if (!f) sl__cnomem(c);
  sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_obj_val(f)));
}

/* (subject) -> (subject helper subject): the call's start; the caller
 * pushes the other arguments. */
static void begin_helper(compiler *c, const sl_cfunc_def *def) {
  sl__emit(c, SL_OP_COPY, 1);
  load_helper(c, def);
  sl__emit(c, SL_OP_SWAP, 2);
}

/* (subject helper subject args...) -> (subject values...), or a failure
 * with the subject and the None result to pop. */
static void end_helper(compiler *c, pctx *pc, int nargs, size_t nvalues) {
  int d0 = pc->depth; /* the subject on top */
  sl__emit(c, SL_OP_CALL, nargs);
  sl__emit(c, SL_OP_COPY, 1);
  sl__emit(c, SL_OP_POP_JUMP_IF_NONE, fail_label(c, pc, d0 + 1));
  sl__emit(c, SL_OP_UNPACK_SEQUENCE, (int32_t)nvalues);
  pc->depth = d0 + (int)nvalues;
}

static void load_int(compiler *c, int64_t v) {
  sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_int(v)));
}

static void pattern(compiler *c, const sl_ast_pattern *pt, pctx *pc);

static void store_or_pop(compiler *c, const sl_ast_str *name) {
  if (name->data)
    sl__store_name(c, name->data);
  else
    sl__emit(c, SL_OP_POP_TOP, 0);
}

static void pattern_sequence(compiler *c, const sl_ast_pattern *pt, pctx *pc) {
  size_t star = pt->n;
  for (size_t i = 0; i < pt->n; i++)
    if (pt->pats[i]->kind == SL_PAT_STAR) star = i;
  bool has_star = star < pt->n;
  begin_helper(c, &sl__match_seq_def);
  load_int(c, has_star ? (int64_t)star : (int64_t)pt->n);
  load_int(c, has_star ? (int64_t)(pt->n - star - 1) : 0);
  sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_bool(has_star)));
  end_helper(c, pc, 4, pt->n);
  for (size_t i = 0; i < pt->n; i++) {
    if (pt->pats[i]->kind == SL_PAT_STAR) {
      store_or_pop(c, &pt->pats[i]->name);
      pc->depth--;
    } else {
      pattern(c, pt->pats[i], pc);
    }
  }
  sl__emit(c, SL_OP_POP_TOP, 0); /* the subject */
  pc->depth--;
}

static void pattern_mapping(compiler *c, const sl_ast_pattern *pt, pctx *pc) {
  bool rest = pt->name.data != NULL;
  begin_helper(c, &sl__match_map_def);
  for (size_t i = 0; i < pt->n; i++) sl__expr(c, pt->keys[i]);
  sl__emit(c, SL_OP_BUILD_TUPLE, (int32_t)pt->n);
  sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_bool(rest)));
  end_helper(c, pc, 3, pt->n + (rest ? 1 : 0));
  for (size_t i = 0; i < pt->n; i++) pattern(c, pt->pats[i], pc);
  if (rest) {
    sl__store_name(c, pt->name.data);
    pc->depth--;
  }
  sl__emit(c, SL_OP_POP_TOP, 0);
  pc->depth--;
}

static void pattern_class(compiler *c, const sl_ast_pattern *pt, pctx *pc) {
  for (size_t i = 0; i < pt->n_kwd; i++)
    for (size_t j = 0; j < i; j++)
      if (!strcmp(pt->kwd_names[i].data, pt->kwd_names[j].data))
        sl__cerr(c, pt->kwd_pats[i]->line, pt->kwd_pats[i]->col, SL_DIAG_SYNTAX, NULL,
                 "attribute name repeated in class pattern: %s", pt->kwd_names[i].data);
  begin_helper(c, &sl__match_class_def);
  sl__expr(c, pt->value);
  load_int(c, (int64_t)pt->n);
  sl_value *names = sl__cmalloc(c, (pt->n_kwd + 1) * sizeof *names);
  size_t made = 0;
  for (; made < pt->n_kwd; made++) {
    sl_obj *s = sl_str_new(c->rt, pt->kwd_names[made].data, pt->kwd_names[made].len);
    if (!s) break;
    names[made] = sl_obj_val(s);
  }
  sl_obj *t = made == pt->n_kwd ? sl_tuple_new(c->rt, names, made) : NULL;
  for (size_t i = 0; i < made; i++) sl_vdecref(c->rt, names[i]);
  sl_free(names);
  if (!t) sl__cnomem(c);
  sl__emit(c, SL_OP_LOAD_CONST, sl__const(c, sl_obj_val(t)));
  end_helper(c, pc, 4, pt->n + pt->n_kwd);
  for (size_t i = 0; i < pt->n; i++) pattern(c, pt->pats[i], pc);
  for (size_t i = 0; i < pt->n_kwd; i++) pattern(c, pt->kwd_pats[i], pc);
  sl__emit(c, SL_OP_POP_TOP, 0);
  pc->depth--;
}

/* p1 | p2 | ...: each alternative but the last matches a copy and, when
 * it fails, leaves the subject for the next. */
static void pattern_or(compiler *c, const sl_ast_pattern *pt, pctx *pc) {
  int32_t end = sl__new_label(c);
  int d = pc->depth;
  for (size_t i = 0; i + 1 < pt->n; i++) {
    pctx alt = {.nfail = 0, .base = d, .depth = d + 1, .line = pt->line, .col = pt->col};
    sl__emit(c, SL_OP_COPY, 1);
    pattern(c, pt->pats[i], &alt);
    sl__emit(c, SL_OP_POP_TOP, 0);
    sl__emit(c, SL_OP_JUMP, end);
    int32_t next = sl__new_label(c);
    emit_fail_pops(c, &alt, next);
    sl__bind_label(c, next);
  }
  pattern(c, pt->pats[pt->n - 1], pc);
  sl__bind_label(c, end);
}

static void pattern(compiler *c, const sl_ast_pattern *pt, pctx *pc) {
  c->u->line = pt->line;
  switch (pt->kind) {
  case SL_PAT_AS:
    if (pt->pattern) {
      sl__emit(c, SL_OP_COPY, 1);
      pc->depth++;
      pattern(c, pt->pattern, pc);
    }
    store_or_pop(c, &pt->name);
    pc->depth--;
    break;
  case SL_PAT_VALUE:
  case SL_PAT_SINGLETON:
    sl__expr(c, pt->value);
    sl__emit(c, SL_OP_COMPARE, pt->kind == SL_PAT_VALUE ? SL_CMP_EQ : SL_CMP_IS);
    pc->depth--;
    sl__emit(c, SL_OP_POP_JUMP_IF_FALSE, fail_label(c, pc, pc->depth));
    break;
  case SL_PAT_SEQUENCE: pattern_sequence(c, pt, pc); break;
  case SL_PAT_MAPPING: pattern_mapping(c, pt, pc); break;
  case SL_PAT_CLASS: pattern_class(c, pt, pc); break;
  case SL_PAT_OR: pattern_or(c, pt, pc); break;
  case SL_PAT_STAR: /* only inside a sequence, handled there */
  default: SL_ASSERT(0);
  }
}

void sl__stmt_match(compiler *c, const sl_ast_stmt *s) {
  int32_t end = sl__new_label(c);
  c->u->line = s->line;
  sl__expr(c, s->u.match.subject);
  for (size_t i = 0; i < s->u.match.n_cases; i++) {
    const sl_ast_match_case *mc = &s->u.match.cases[i];
    bool last = i + 1 == s->u.match.n_cases;
    pctx pc = {
        .nfail = 0, .base = 0, .depth = 1, .line = mc->pattern->line, .col = mc->pattern->col};
    if (!last) sl__emit(c, SL_OP_COPY, 1);
    pattern(c, mc->pattern, &pc);
    if (mc->guard) sl__jump_if(c, mc->guard, false, fail_label(c, &pc, 0));
    if (!last) sl__emit(c, SL_OP_POP_TOP, 0);
    sl__block(c, &mc->body);
    sl__emit(c, SL_OP_JUMP, end);
    int32_t next = sl__new_label(c);
    emit_fail_pops(c, &pc, next);
    sl__bind_label(c, next);
  }
  sl__bind_label(c, end);
}
