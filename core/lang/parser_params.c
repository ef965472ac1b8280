/* Parameter lists of def and lambda, as CPython's `parameters` and
 * `lambda_parameters` rules (positional-only, defaults, *args, keyword-only,
 * **kwargs), with its duplicate-argument check. */
#include <string.h>

#include "core/lang/parser-int.h"

#define AT(k)     sl__parse_at(p, (k))
#define NEXT()    sl__parse_next(p)
#define ACCEPT(k) sl__parse_accept(p, (k))

/* ---- parameters ----------------------------------------------------------------- */

static sl_ast_param *new_param(sl_parser *p, const sl_token *t) {
  sl_ast_param *a = sl__parse_alloc(p, sizeof *a);
  a->name = sl__parse_ident(p, t);
  a->line = t->line;
  a->col = t->col;
  return a;
}

static void check_dup(sl_parser *p, const sl_token *t, const sl_ast_param *prm, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (prm[i].name.len == t->len && memcmp(prm[i].name.data, p->src + t->start, t->len) == 0)
      sl__parse_syntax(p, t, "duplicate argument '%s' in function definition", prm[i].name.data);
}

sl_ast_params *sl__parse_params(sl_parser *p, bool is_lambda) {
  sl_tok_kind end = is_lambda ? SL_TOK_COLON : SL_TOK_RPAR;
  sl_ast_params *a = sl__parse_alloc(p, sizeof *a);
  /* All names go in one vector too, for the duplicate check. */
  sl_vec params = {0}, defaults = {0}, kwonly = {0}, kwdefaults = {0}, all = {0};
  bool star = false, slash = false;
  while (!AT(end)) {
    sl_token t = *CUR(p);
    if (t.kind == SL_TOK_SLASH) {
      if (slash) sl__parse_syntax(p, &t, "/ may appear only once");
      if (star) sl__parse_syntax(p, &t, "/ must be ahead of *");
      if (params.n == 0) sl__parse_syntax(p, &t, "at least one argument must precede /");
      slash = true;
      a->n_posonly = params.n;
      NEXT();
    } else if (t.kind == SL_TOK_STAR || t.kind == SL_TOK_DOUBLESTAR) {
      bool dbl = t.kind == SL_TOK_DOUBLESTAR;
      if (!dbl && star) sl__parse_syntax(p, &t, "* argument may appear only once");
      NEXT();
      sl_token n = *CUR(p);
      if (n.kind == SL_TOK_NAME) {
        check_dup(p, &n, all.data, all.n);
        sl_ast_param *prm = new_param(p, &n);
        sl__vec_push(p, &all, prm, sizeof *prm);
        NEXT();
        if (!is_lambda && ACCEPT(SL_TOK_COLON)) {
          ACCEPT(SL_TOK_STAR); /* `*args: *Ts` */
          sl__parse_expression(p);
        }
        if (AT(SL_TOK_EQUAL))
          sl__parse_syntax(p, CUR(p),
                           dbl ? "var-keyword argument cannot have default value"
                               : "var-positional argument cannot have default value");
        if (dbl)
          a->kwarg = prm;
        else
          a->vararg = prm;
      } else if (dbl || (!AT(SL_TOK_COMMA))) {
        if (!dbl) sl__parse_syntax(p, &t, "named arguments must follow bare *");
        sl__parse_invalid(p);
      }
      if (!dbl) star = true;
      if (dbl) {
        ACCEPT(SL_TOK_COMMA);
        if (!AT(end)) sl__parse_syntax(p, CUR(p), "arguments cannot follow var-keyword argument");
        break;
      }
    } else if (t.kind == SL_TOK_NAME) {
      check_dup(p, &t, all.data, all.n);
      sl_ast_param *prm = new_param(p, &t);
      sl__vec_push(p, &all, prm, sizeof *prm);
      NEXT();
      if (!is_lambda && ACCEPT(SL_TOK_COLON)) sl__parse_expression(p); /* dropped */
      sl_ast_expr *def = NULL;
      if (ACCEPT(SL_TOK_EQUAL)) def = sl__parse_expression(p);
      if (star) {
        sl__vec_push(p, &kwonly, prm, sizeof *prm);
        sl__vec_push(p, &kwdefaults, &def, sizeof def);
      } else {
        sl__vec_push(p, &params, prm, sizeof *prm);
        if (def)
          sl__vec_push(p, &defaults, &def, sizeof def);
        else if (defaults.n)
          sl__parse_syntax(p, &t, "parameter without a default follows parameter with a default");
      }
    } else {
      sl__parse_invalid(p);
    }
    if (!ACCEPT(SL_TOK_COMMA)) break;
  }
  if (star && !a->vararg && kwonly.n == 0)
    sl__parse_syntax(p, CUR(p), "named arguments must follow bare *");
  a->params = params.data;
  a->n_params = params.n;
  a->defaults = defaults.data;
  a->n_defaults = defaults.n;
  a->kwonly = kwonly.data;
  a->n_kwonly = kwonly.n;
  a->kw_defaults = kwdefaults.data;
  return a;
}
