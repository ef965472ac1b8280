# Engine unit tests (core/).
sl_unit_test(heap unit/test_heap.c)
sl_unit_test(task unit/test_task.c)
sl_unit_test(future unit/test_future.c)
sl_unit_test(loop unit/test_loop.c)

# The engine's test binaries under valgrind: no leak, no invalid access.
find_program(SL_VALGRIND valgrind)
if(SL_VALGRIND AND NOT SL_SANITIZE AND NOT CMAKE_C_FLAGS MATCHES "sanitize")
  foreach(module heap task future loop idset)
    add_test(NAME ${module}.valgrind COMMAND ${SL_VALGRIND} --quiet --leak-check=full
             --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=9
             $<TARGET_FILE:test_${module}>)
  endforeach()
endif()
sl_unit_test(idset unit/test_idset.c)
