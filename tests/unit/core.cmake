# Engine unit tests (core/).
sl_unit_test(heap unit/test_heap.c)
