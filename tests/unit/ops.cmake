# Unit tests of the language's value semantics (core/dict.c, core/lang/ops*.c,
# iter.c, value.c, methods_*.c, format.c, builtins*.c).
sl_unit_test(ops unit/test_ops.c)
sl_unit_test(builtins unit/test_builtins.c)
