# Turns traces/schema.sql into a C source defining sl_trace_schema_sql, so
# the binary carries its schema and needs no file at run time.
#   cmake -DIN=schema.sql -DOUT=schema_sql.c -P embed_schema.cmake
file(READ "${IN}" text)
string(REPLACE "\\" "\\\\" text "${text}")
string(REPLACE "\"" "\\\"" text "${text}")
string(REPLACE "\n" "\\n\"\n  \"" text "${text}")
file(WRITE "${OUT}.tmp"
  "/* Generated from traces/schema.sql by traces/embed_schema.cmake. */\n"
  "const char sl_trace_schema_sql[] =\n  \"${text}\";\n")
# Only touch OUT when it changed, so an unchanged schema rebuilds nothing.
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
