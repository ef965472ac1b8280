# Shows that include_graph.cmake fails on violations: copies the sources
# into WORK, adds one bad include of each kind, and requires the check to
# fail naming every one of them. Run as
#   cmake -DSRC=<source root> -DWORK=<scratch dir> -P include_graph_rejects.cmake
cmake_minimum_required(VERSION 3.25)
if(NOT SRC OR NOT WORK)
  message(FATAL_ERROR "usage: cmake -DSRC=<root> -DWORK=<dir> -P include_graph_rejects.cmake")
endif()
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(COPY ${SRC}/core ${SRC}/traces ${SRC}/sim DESTINATION ${WORK})

# file, line to prepend, text the report must contain
set(cases
  "core/task.c|#include \"core/lang/vm.h\"|core/task.c:1: core -> lang"
  "core/num/numarith.c|#include \"core/rt.h\"|core/num/numarith.c:1: num -> core"
  "core/strbuf.c|#include \"core/num/numfmt.h\"|core/strbuf.c:1: base -> num"
  "core/lang/value.c|#include \"traces/trace.h\"|core/lang/value.c:1: lang -> traces"
  "traces/jsonl.c|#include \"core/lang/vm.h\"|traces/jsonl.c:1: traces -> lang"
  "traces/trace.h|#include \"sim/schedule.h\"|traces/trace.h:1: traces -> sim"
  "core/loop.c|#include <sqlite3.h>|core/loop.c:1: core includes <sqlite3.h>"
  "core/lang/vm.c|#include \"vm.h\"|core/lang/vm.c:1: \"vm.h\" is not a path from the source root")
foreach(c IN LISTS cases)
  string(REPLACE "|" ";" parts "${c}")
  list(GET parts 0 f)
  list(GET parts 1 line)
  file(READ ${WORK}/${f} text)
  file(WRITE ${WORK}/${f} "${line}\n${text}")
endforeach()

execute_process(COMMAND ${CMAKE_COMMAND} -DSRC=${WORK}
  -P ${CMAKE_CURRENT_LIST_DIR}/include_graph.cmake
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "include_graph.cmake passed a tree with upward includes:\n${out}${err}")
endif()
set(missing "")
foreach(c IN LISTS cases)
  string(REPLACE "|" ";" parts "${c}")
  list(GET parts 2 expect)
  string(FIND "${err}" "${expect}" at)
  if(at EQUAL -1)
    string(APPEND missing "\n  ${expect}")
  endif()
endforeach()
if(NOT missing STREQUAL "")
  message(FATAL_ERROR "include_graph.cmake did not report:${missing}\nits output:\n${err}")
endif()
file(REMOVE_RECURSE ${WORK})
list(LENGTH cases n)
message(STATUS "include graph check rejected all ${n} planted violations")
