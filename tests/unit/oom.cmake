# Out-of-memory sweep over representative scenarios (test_oom.c).
sl_unit_test(oom unit/test_oom.c TIMEOUT 300 LABELS slow)
