# Sources of sim/ (listed explicitly).
list(APPEND SL_SIM_SOURCES
  sim/version.c
  sim/vselector.c
)
