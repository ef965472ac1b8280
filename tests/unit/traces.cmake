# Unit tests of traces/ (the trace store): CTest name `traces`.
sl_unit_test(traces unit/test_traces.c)
target_compile_definitions(test_traces PRIVATE _GNU_SOURCE) # open_memstream
