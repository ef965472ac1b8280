# Sources of core/ (listed explicitly).
# The allocator and the string buffer are the base layer: core/num/ and
# everything above stand on them (docs/architecture.md).
list(APPEND SL_BASE_SOURCES core/alloc.c core/strbuf.c)
list(APPEND SL_CORE_SOURCES
  core/reprlib.c
  core/cfunc.c
  core/coro.c
  core/errors.c
  core/errno_tab.c
  core/exc.c
  core/future.c
  core/gather.c
  core/dedup.c
  core/idset.c
  core/handle.c
  core/loop.c
  core/pool.c
  core/io/iomap.c
  core/heap.c
  core/identity.c
  core/object.c
  core/long.c
  core/profile.c
  core/pysource.c
  core/pysource_coro.c
  core/rt.c
  core/runner.c
  core/sleep.c
  core/str.c
  core/task.c
  core/tuple.c
)
list(APPEND SL_CORE_SOURCES core/dict.c)
list(APPEND SL_CORE_SOURCES core/waitq.c core/syncutil.c core/locks.c core/event.c core/semaphore.c core/queues.c core/timeouts.c core/taskgroup.c core/shield.c core/wait.c core/wait_for.c core/as_completed.c)
list(APPEND SL_CORE_SOURCES core/barrier.c)
list(APPEND SL_CORE_SOURCES core/set.c)
