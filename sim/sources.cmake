# Sources of sim/ (listed explicitly).
list(APPEND SL_SIM_SOURCES
  sim/version.c
  sim/outfile.c
  sim/cli.c
  sim/commands.c
  sim/infile.c
  sim/quote.c
  sim/vselector.c
  sim/net/net.c
  sim/net/describe.c
)

# Schedules, strategies, detectors, explore/replay/minimize (sim/schedule.h).
list(APPEND SL_SIM_SOURCES sim/rng.c sim/declog.c sim/schedule.c sim/strategy.c sim/ddmin.c sim/detect.c
  sim/trial.c sim/u64map.c sim/schedopts.c sim/exploredb.c sim/cmd_explore.c sim/cmd_replay.c
  sim/cmd_minimize.c sim/cmd_export.c sim/cmd_report.c sim/report_net.c
  sim/covsig.c sim/corpus.c sim/mutate.c sim/explore_cov.c sim/explore_shard.c)

# Trace plumbing: observer fan-out, and the trace commands (sim/cmd_*.c).
list(APPEND SL_SIM_SOURCES sim/observers.c sim/tracearg.c sim/cmd_show.c sim/cmd_diff.c sim/cmd_import.c sim/cmd_merge.c
  sim/oracle.c sim/cmd_conform.c sim/runrec.c sim/cpyengine.c sim/cmd_run_cpy.c)
list(APPEND SL_SIM_SOURCES sim/scenario.c sim/cmd_run.c sim/modfind.c sim/progenv.c)

# The program generator and `simloop gen` (docs/fuzzing.md).
list(APPEND SL_SIM_SOURCES sim/gen.c sim/cmd_gen.c)

# The report's page (sim/report.html), embedded as sl_report_template.
list(APPEND SL_SIM_SOURCES sim/template.c ${CMAKE_CURRENT_BINARY_DIR}/sim/report_html.c)
add_custom_command(
  OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/sim/report_html.c
  COMMAND ${CMAKE_COMMAND} -DIN=${CMAKE_CURRENT_SOURCE_DIR}/sim/report.html
          -DOUT=${CMAKE_CURRENT_BINARY_DIR}/sim/report_html.c -DNAME=sl_report_template
          -P ${CMAKE_CURRENT_SOURCE_DIR}/sim/embed_text.cmake
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/sim/report.html
          ${CMAKE_CURRENT_SOURCE_DIR}/sim/embed_text.cmake
  COMMENT "Embedding sim/report.html"
  VERBATIM)
