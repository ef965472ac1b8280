# asyncio.Barrier (core/barrier.c) against CPython traces.
sl_unit_test(barrier unit/test_barrier.c)
