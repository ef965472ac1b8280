# The layer rules (docs/architecture.md) checked on the sources, and a check
# that the checker itself catches every kind of violation.
add_test(NAME structure.include_graph
  COMMAND ${CMAKE_COMMAND} -DSRC=${PROJECT_SOURCE_DIR}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/structure/include_graph.cmake)
add_test(NAME structure.include_graph_rejects
  COMMAND ${CMAKE_COMMAND} -DSRC=${PROJECT_SOURCE_DIR}
          -DWORK=${CMAKE_CURRENT_BINARY_DIR}/structure-work/include_graph_rejects
          -P ${CMAKE_CURRENT_SOURCE_DIR}/structure/include_graph_rejects.cmake)
# Every C file is formatted as .clang-format says (make format fixes it).
add_test(NAME structure.format COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/structure/format.sh)
set_tests_properties(structure.format PROPERTIES SKIP_RETURN_CODE 77)
# No C file of core/, sim/ or traces/ over 800 lines.
add_test(NAME structure.file_length COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/structure/file_length.sh)
