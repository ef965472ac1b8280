# Engine unit tests (core/).
sl_unit_test(heap unit/test_heap.c)
sl_unit_test(task unit/test_task.c)
sl_unit_test(future unit/test_future.c)
sl_unit_test(loop unit/test_loop.c)
