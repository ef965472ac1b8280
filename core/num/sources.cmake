# Sources of core/num/ (listed explicitly): Python's number and text
# formatting, parsing and arithmetic on plain C values. Depends only on
# core/alloc and core/strbuf; core/, core/lang/ and traces/ build on it.
list(APPEND SL_NUM_SOURCES
  core/num/bigint.c
  core/num/bigint_conv.c
  core/num/numarith.c
  core/num/numfmt_float.c
  core/num/numfmt_spec.c
  core/num/numparse.c
  core/num/unicode.c
  core/num/unicase.c
)
