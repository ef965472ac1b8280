# Sources of core/ (listed explicitly).
list(APPEND SL_CORE_SOURCES
  core/alloc.c
  core/strbuf.c
)
