# Turns a text file into a C source defining `const char NAME[]`, so the
# binary carries it and needs no file at run time (like
# traces/embed_schema.cmake, for any file and name).
#   cmake -DIN=report.html -DOUT=report_html.c -DNAME=sl_report_template -P embed_text.cmake
file(READ "${IN}" text)
string(REPLACE "\\" "\\\\" text "${text}")
string(REPLACE "\"" "\\\"" text "${text}")
string(REPLACE "\n" "\\n\"\n  \"" text "${text}")
get_filename_component(base "${IN}" NAME)
file(WRITE "${OUT}.tmp"
  "/* Generated from ${base} by sim/embed_text.cmake. */\n"
  "const char ${NAME}[] =\n  \"${text}\";\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
