# explore, replay, minimize, export, report (sim/cmd_*.c, docs/explore.md):
# shell scripts run in a scratch folder; CTest names cli.explore_*.

# The CLI again at another optimisation level (-O0, or -O2 when this build
# is -O0), for cli.explore_determinism: same seed, same trace hash, in two
# builds. A target of this build, so it is rebuilt with every change.
if(CMAKE_BUILD_TYPE STREQUAL "Debug")
  set(_sl_other_opt -O2)
else()
  set(_sl_other_opt -O0)
endif()
set(_sl_other_srcs sim/main.c
  ${SL_CORE_SOURCES} ${SL_LANG_SOURCES} ${SL_SIM_SOURCES} ${SL_TRACES_SOURCES})
list(TRANSFORM _sl_other_srcs REPLACE "^([^/].*)$" "${PROJECT_SOURCE_DIR}/\\1")
add_executable(simloop_otheropt ${_sl_other_srcs})
target_compile_options(simloop_otheropt PRIVATE ${_sl_other_opt})
target_include_directories(simloop_otheropt PRIVATE ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
target_link_libraries(simloop_otheropt PRIVATE SQLite3::SQLite3 m $<BUILD_INTERFACE:sl_warnings>)

foreach(t examples detectors tools determinism oracle)
  add_test(NAME cli.explore_${t} COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/explore_${t}.sh)
  set_tests_properties(cli.explore_${t} PROPERTIES
    SKIP_RETURN_CODE 77 TIMEOUT 600
    ENVIRONMENT "SIMLOOP=$<TARGET_FILE:simloop_cli>;SIMLOOP_OTHER=$<TARGET_FILE:simloop_otheropt>;SL_SOURCE_DIR=${PROJECT_SOURCE_DIR};SL_WORK=${CMAKE_CURRENT_BINARY_DIR}/cli-work/explore_${t}")
endforeach()
