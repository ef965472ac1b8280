# Sources of core/lang/ (listed explicitly).
list(APPEND SL_LANG_SOURCES
  core/lang/ast.c
  core/lang/diag.c
  core/lang/dump.c
  core/lang/lexer.c
  core/lang/parser.c
  core/lang/parser_expr.c
  core/lang/parser_fstring.c
  core/lang/parser_stmt.c
)
list(APPEND SL_LANG_SOURCES core/lang/numfmt_float.c core/lang/numfmt_spec.c core/lang/numparse.c core/lang/numarith.c)
