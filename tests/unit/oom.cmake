# Out-of-memory sweep over representative scenarios (test_oom.c).
# Under ASan on a loaded 2-core machine, image_bank and image_gather took
# over 300 s (session 9); they pass when given the time.
sl_unit_test(oom unit/test_oom.c TIMEOUT 900 LABELS slow)
