# Sources of traces/ (listed explicitly).
list(APPEND SL_TRACES_SOURCES
  traces/diff.c
  traces/json.c
  traces/jsonl.c
  traces/merge.c
  traces/migrate.c
  traces/recorder.c
  traces/sha256.c
  traces/show.c
  traces/trace.c
  traces/tracedb.c
  traces/tracedb_bg.c
  traces/tracedb_fresh.c
  traces/tracedb_load.c
  traces/tracedb_write.c
  traces/tstream.c
  traces/worker.c
  ${CMAKE_CURRENT_BINARY_DIR}/traces/schema_sql.c
)

# schema.sql is embedded as a C string at build time (no external tools).
add_custom_command(
  OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/traces/schema_sql.c
  COMMAND ${CMAKE_COMMAND} -DIN=${CMAKE_CURRENT_SOURCE_DIR}/traces/schema.sql
          -DOUT=${CMAKE_CURRENT_BINARY_DIR}/traces/schema_sql.c
          -P ${CMAKE_CURRENT_SOURCE_DIR}/traces/embed_schema.cmake
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/traces/schema.sql
          ${CMAKE_CURRENT_SOURCE_DIR}/traces/embed_schema.cmake
  COMMENT "Embedding traces/schema.sql"
  VERBATIM)
