# Integers of any size (core/num/bigint.h) against CPython's results.
sl_unit_test(bigint unit/test_bigint.c)
