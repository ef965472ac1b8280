# Sources of core/lang/ (listed explicitly).
list(APPEND SL_LANG_SOURCES core/lang/numfmt_float.c core/lang/numfmt_spec.c core/lang/numparse.c core/lang/numarith.c)
