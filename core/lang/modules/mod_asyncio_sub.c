/* The submodules of asyncio programs import names from
 * (`from asyncio.exceptions import CancelledError`, `asyncio.events`):
 * each holds the names CPython defines in that file, taken from the
 * asyncio module itself, so a name the profile does not have
 * (QueueShutDown before 3.13) is missing here too. Names simloop does not
 * implement are absent (an AttributeError / ImportError-like failure at
 * the import, never a stub). */
#include <string.h>

#include "core/dict.h"
#include "core/lang/asyncio-int.h"
#include "core/lang/io-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/value.h"
#include "core/lang/vm.h"

/* Copies `names` (NULL-terminated) that the asyncio module has. */
static int copy_names(sl_rt *rt, sl_obj *module_dict, const char *const *names) {
  sl_value aio;
  if (sl_vm_import(rt, "asyncio", &aio)) return -1;
  sl_obj *src = ((sl_module *)aio.u.o)->dict;
  int rc = 0;
  for (; !rc && *names; names++) {
    sl_value v;
    bool found = false;
    rc = sl_dict_get_str(rt, src, *names, &v, &found);
    if (!rc && found) {
      rc = sl_stdmod_add(rt, module_dict, *names, v);
      sl_vdecref(rt, v);
    }
  }
  sl_vdecref(rt, aio);
  return rc;
}

/* Lib/asyncio/exceptions.py, events.py, tasks.py, queues.py, locks.py,
 * futures.py, runners.py, timeouts.py, taskgroups.py, protocols.py,
 * transports.py: their __all__. */
static const char *const EXCEPTIONS[] = {"BrokenBarrierError", "CancelledError",
                                         "InvalidStateError", "TimeoutError", NULL};
static const char *const EVENTS[] = {"AbstractEventLoopPolicy",
                                     "AbstractEventLoop",
                                     "AbstractServer",
                                     "Handle",
                                     "TimerHandle",
                                     "get_event_loop_policy",
                                     "set_event_loop_policy",
                                     "get_event_loop",
                                     "set_event_loop",
                                     "new_event_loop",
                                     "get_running_loop",
                                     NULL};
static const char *const TASKS[] = {
    "Task",   "create_task",   "FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED",
    "wait",   "wait_for",      "as_completed",    "sleep",           "gather",
    "shield", "ensure_future", "current_task",    "all_tasks",       "eager_task_factory",
    NULL};
static const char *const QUEUES[] = {"Queue",      "PriorityQueue", "LifoQueue", "QueueFull",
                                     "QueueEmpty", "QueueShutDown", NULL};
static const char *const LOCKS[] = {
    "Lock", "Event", "Condition", "Semaphore", "BoundedSemaphore", "Barrier", NULL};
static const char *const FUTURES[] = {"Future", "isfuture", "wrap_future", NULL};
static const char *const RUNNERS[] = {"Runner", "run", NULL};
static const char *const TIMEOUTS[] = {"Timeout", "timeout", "timeout_at", NULL};
static const char *const TASKGROUPS[] = {"TaskGroup", NULL};
static const char *const PROTOCOLS[] = {
    "BaseProtocol", "Protocol", "DatagramProtocol", "SubprocessProtocol", "BufferedProtocol", NULL};
static const char *const TRANSPORTS[] = {"BaseTransport",
                                         "ReadTransport",
                                         "WriteTransport",
                                         "Transport",
                                         "DatagramTransport",
                                         "SubprocessTransport",
                                         NULL};

int sl_mod_asyncio_exceptions_init(sl_rt *rt, sl_obj *d) { return copy_names(rt, d, EXCEPTIONS); }
int sl_mod_asyncio_events_init(sl_rt *rt, sl_obj *d) { return copy_names(rt, d, EVENTS); }
int sl_mod_asyncio_tasks_init(sl_rt *rt, sl_obj *d) { return copy_names(rt, d, TASKS); }
int sl_mod_asyncio_queues_init(sl_rt *rt, sl_obj *d) { return copy_names(rt, d, QUEUES); }
int sl_mod_asyncio_locks_init(sl_rt *rt, sl_obj *d) { return copy_names(rt, d, LOCKS); }
int sl_mod_asyncio_futures_init(sl_rt *rt, sl_obj *d) { return copy_names(rt, d, FUTURES); }
int sl_mod_asyncio_runners_init(sl_rt *rt, sl_obj *d) { return copy_names(rt, d, RUNNERS); }
int sl_mod_asyncio_timeouts_init(sl_rt *rt, sl_obj *d) { return copy_names(rt, d, TIMEOUTS); }
int sl_mod_asyncio_taskgroups_init(sl_rt *rt, sl_obj *d) { return copy_names(rt, d, TASKGROUPS); }
int sl_mod_asyncio_protocols_init(sl_rt *rt, sl_obj *d) { return copy_names(rt, d, PROTOCOLS); }
int sl_mod_asyncio_transports_init(sl_rt *rt, sl_obj *d) {
  sl_value aio;
  if (sl_vm_import(rt, "asyncio", &aio)) return -1;
  int rc = sl__aio_bind_transports(rt, ((sl_module *)aio.u.o)->dict);
  sl_vdecref(rt, aio);
  return rc ? -1 : copy_names(rt, d, TRANSPORTS);
}

/* Lib/asyncio/trsock.py: the class of the sockets servers and transports
 * show (server.sockets, get_extra_info("socket")); programs import it for
 * annotations and casts. Not constructible here: simloop makes them. */
static const sl_classdef trsock_class = {"asyncio.trsock.TransportSocket",
                                         "asyncio.trsock",
                                         "TransportSocket",
                                         (const sl_type *const[]){&sl__trsock_type, NULL},
                                         NULL,
                                         NULL,
                                         NULL};

const sl_classdef *sl__aio_more_classdef_of(const sl_type *t) {
  return t == &sl__trsock_type ? &trsock_class : NULL;
}

int sl_mod_asyncio_trsock_init(sl_rt *rt, sl_obj *d) {
  sl_value cls;
  if (sl_typeobj_of_class(rt, &trsock_class, &cls)) return -1;
  int rc = sl_stdmod_add(rt, d, "TransportSocket", cls);
  sl_vdecref(rt, cls);
  return rc;
}
