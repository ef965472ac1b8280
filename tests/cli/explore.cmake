# explore, replay, minimize, export, report (sim/cmd_*.c, docs/explore.md):
# shell scripts run in a scratch folder; CTest names cli.explore_*.

# The CLI again at another optimisation level (Debug, -O0; or -O2 when
# this build is the Debug one), for cli.explore_determinism: same seed,
# same trace hash, in two builds. A nested build of this same source tree
# in this build's folder (otheropt/), run on every build so it is never
# stale (a no-op build costs a fraction of a second).
include(ExternalProject)
if(CMAKE_BUILD_TYPE STREQUAL "Debug")
  set(_sl_other_type RelWithDebInfo)
else()
  set(_sl_other_type Debug)
endif()
ExternalProject_Add(simloop_otheropt
  SOURCE_DIR ${PROJECT_SOURCE_DIR}
  BINARY_DIR ${PROJECT_BINARY_DIR}/otheropt
  PREFIX ${PROJECT_BINARY_DIR}/otheropt-ep
  CMAKE_ARGS -G ${CMAKE_GENERATOR} -DCMAKE_BUILD_TYPE=${_sl_other_type}
    -DCMAKE_C_COMPILER=${CMAKE_C_COMPILER} -DCMAKE_C_FLAGS=${CMAKE_C_FLAGS}
    -DCMAKE_EXE_LINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS}
    -DSL_BUILD_TESTS=OFF -DSL_WERROR=OFF
  BUILD_COMMAND ${CMAKE_COMMAND} --build <BINARY_DIR> --target simloop_cli --parallel 2
  BUILD_ALWAYS ON
  INSTALL_COMMAND ""
  BUILD_BYPRODUCTS ${PROJECT_BINARY_DIR}/otheropt/simloop)

foreach(t examples detectors tools determinism oracle net net_streams seed shard)
  add_test(NAME cli.explore_${t} COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/explore_${t}.sh)
  set_tests_properties(cli.explore_${t} PROPERTIES
    SKIP_RETURN_CODE 77 TIMEOUT 600
    ENVIRONMENT "SIMLOOP=$<TARGET_FILE:simloop_cli>;SIMLOOP_OTHER=${PROJECT_BINARY_DIR}/otheropt/simloop;SL_SOURCE_DIR=${PROJECT_SOURCE_DIR};SL_WORK=${CMAKE_CURRENT_BINARY_DIR}/cli-work/explore_${t}")
endforeach()
