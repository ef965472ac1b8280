sl_unit_test(numfmt unit/test_numfmt.c)
