# What `cmake --install` (and `make install PREFIX=...`) puts in PREFIX:
#   bin/simloop                          the command
#   share/simloop/oracle/                the CPython oracle package, found
#                                        by the binary relative to itself
#                                        (sim/oracle.c: ../share/simloop/oracle)
#   share/doc/simloop/simloop-help.txt   `simloop --help`, README.md, docs/
# The Pyodide builds of CPython 3.12-3.14 (40 MB of npm packages) are not
# copied unless SL_INSTALL_PYODIDE is ON; without them, run `npm ci` in
# PREFIX/share/simloop/oracle/pyodide (package-lock.json is installed).
# The layout is fixed (bin/, share/) because the binary finds its oracle
# through it; only the prefix is chosen.
option(SL_INSTALL_PYODIDE "Also install oracle/pyodide/node_modules when present" OFF)

# In the build tree the binary finds the source tree's oracle through this
# link (<build>/oracle), so no source path is compiled into it.
file(CREATE_LINK ${PROJECT_SOURCE_DIR}/oracle ${PROJECT_BINARY_DIR}/oracle SYMBOLIC)

install(TARGETS simloop_cli RUNTIME DESTINATION bin)

set(_sl_oracle_dest share/simloop/oracle)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/oracle/simloop_oracle DESTINATION ${_sl_oracle_dest}
  FILES_MATCHING PATTERN "*.py")
install(FILES ${PROJECT_SOURCE_DIR}/oracle/README.md DESTINATION ${_sl_oracle_dest})
install(FILES ${PROJECT_SOURCE_DIR}/oracle/pyodide/run.mjs
  ${PROJECT_SOURCE_DIR}/oracle/pyodide/package.json
  ${PROJECT_SOURCE_DIR}/oracle/pyodide/package-lock.json
  DESTINATION ${_sl_oracle_dest}/pyodide)
if(SL_INSTALL_PYODIDE AND EXISTS ${PROJECT_SOURCE_DIR}/oracle/pyodide/node_modules)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/oracle/pyodide/node_modules/
    DESTINATION ${_sl_oracle_dest}/pyodide/node_modules USE_SOURCE_PERMISSIONS)
endif()

# `simloop --help`, written at build time by the binary itself.
add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/simloop-help.txt
  COMMAND simloop_cli --help > ${PROJECT_BINARY_DIR}/simloop-help.txt
  DEPENDS simloop_cli
  COMMENT "simloop --help > simloop-help.txt")
add_custom_target(simloop_help ALL DEPENDS ${PROJECT_BINARY_DIR}/simloop-help.txt)
install(FILES ${PROJECT_BINARY_DIR}/simloop-help.txt ${PROJECT_SOURCE_DIR}/README.md
  DESTINATION share/doc/simloop)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION share/doc/simloop/docs
  FILES_MATCHING PATTERN "*.md")
