# explore, replay, minimize, export, report (sim/cmd_*.c, docs/explore.md):
# shell scripts run in a scratch folder; CTest names cli.explore_*.
foreach(t examples detectors tools determinism oracle)
  add_test(NAME cli.explore_${t} COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/explore_${t}.sh)
  set_tests_properties(cli.explore_${t} PROPERTIES
    SKIP_RETURN_CODE 77 TIMEOUT 600
    ENVIRONMENT "SIMLOOP=$<TARGET_FILE:simloop_cli>;SL_SOURCE_DIR=${PROJECT_SOURCE_DIR};SL_WORK=${CMAKE_CURRENT_BINARY_DIR}/cli-work/explore_${t}")
endforeach()
