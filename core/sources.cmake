# Sources of core/ (listed explicitly).
list(APPEND SL_CORE_SOURCES
  core/alloc.c
  core/cfunc.c
  core/coro.c
  core/errors.c
  core/exc.c
  core/floatrepr.c
  core/future.c
  core/gather.c
  core/handle.c
  core/loop.c
  core/object.c
  core/profile.c
  core/rt.c
  core/runner.c
  core/sleep.c
  core/str.c
  core/strbuf.c
  core/task.c
  core/tuple.c
)
list(APPEND SL_CORE_SOURCES core/dict.c)
