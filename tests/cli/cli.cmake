# Command-line tests: shell scripts run in a scratch folder of the build
# tree; CTest names cli.<name>. Exit 77 means "cannot run here" (a missing
# optional dependency such as Pyodide), never a failure.
function(sl_cli_test name script)
  add_test(NAME cli.${name}
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/${script} ${ARGN})
  set_tests_properties(cli.${name} PROPERTIES
    SKIP_RETURN_CODE 77
    ENVIRONMENT "SIMLOOP=$<TARGET_FILE:simloop_cli>;SL_SOURCE_DIR=${PROJECT_SOURCE_DIR};SL_WORK=${CMAKE_CURRENT_BINARY_DIR}/cli-work/${name}")
endfunction()

# The trace store's commands (traces/, sim/cmd_{show,diff,import}.c).
sl_cli_test(diff_altered diff_altered.sh)
sl_cli_test(traces traces_cmds.sh)
