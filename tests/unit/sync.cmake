sl_unit_test(sync unit/test_sync.c)
