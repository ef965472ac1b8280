/* The `asyncio` module of the scenario language.
 *
 * `import asyncio` gives a module object (vm.h sl_module) whose dict is
 * filled once per run by a list of BIND FUNCTIONS, each adding the names of
 * one part of the library:
 *
 *   int sl_asyncio_bind_<part>(sl_rt *rt, sl_obj *module_dict);
 *
 * returning 0, or -1 with an exception raised / rt->fatal set. A bind
 * function adds names with sl_asyncio_module_add (any value) or
 * sl_asyncio_add_func (a static sl_cfunc_def). Names a profile does not
 * have (Queue.shutdown, eager_task_factory before 3.12, ...) should simply
 * not be added, so `asyncio.X` raises AttributeError as CPython does.
 *
 * HOW TO ADD A PART (e.g. locks, queues, timeouts, TaskGroup, wait_for):
 *   1. write core/lang/asyncio_<part>.c defining sl_asyncio_bind_<part>;
 *   2. declare it below, next to sl_asyncio_bind_sync;
 *   3. add one line `sl_asyncio_bind_<part>,` to the `binders[]` table at
 *      the top of core/lang/asyncio_mod.c (marked "REGISTER BIND
 *      FUNCTIONS HERE"); that table line is the only edit another engineer
 *      makes in asyncio_mod.c;
 *   4. list the .c file in core/lang/sources.cmake (your own list(APPEND)).
 * Binders run in table order after the core names (run, sleep, gather,
 * create_task, CancelledError, ...), so a later part may override a name.
 * The classes (Future, Task, Queue, Lock, ...) are type objects described
 * by sl_classdefs in asyncio_objs.c (value.h), bound last.
 *
 * Attribute access on engine objects: the engine's Future/Task/handle
 * types have no getattr slot, so their methods (result, cancel,
 * get_name, ...) are provided here through sl_asyncio_getattr, which the
 * VM consults before the generic lookup. Types written by other engineers
 * should use their own sl_type.getattr slot (see core/sync-int.h).
 *
 * `async with obj:` calls obj.__aenter__() and obj.__aexit__(t, v, tb)
 * through getattr and awaits what they return, so a type supports it by
 * exposing those two methods.
 *
 * Ownership: values passed in are borrowed; the module dict takes its own
 * references. */
#ifndef SL_LANG_ASYNCIO_MOD_H
#define SL_LANG_ASYNCIO_MOD_H

#include "core/cfunc.h"
#include "core/object.h"

typedef int (*sl_asyncio_binder)(sl_rt *rt, sl_obj *module_dict);

/* Adds `name` = v (borrowed) to the module dict. 0 or -1. */
int sl_asyncio_module_add(sl_rt *rt, sl_obj *module_dict, const char *name, sl_value v);
/* Adds a module-level function (def->name is the Python name; give def a
 * NULL label so a handle running it is named "user <name>"). */
int sl_asyncio_add_func(sl_rt *rt, sl_obj *module_dict, const sl_cfunc_def *def);

/* The core names: asyncio_mod.c. */
int sl_asyncio_bind_core(sl_rt *rt, sl_obj *module_dict);
/* asyncio.run, the loop objects and the older loop API: asyncio_loop.c. */
int sl_asyncio_bind_loop(sl_rt *rt, sl_obj *module_dict);
/* Synchronisation primitives, queues, timeouts, TaskGroup, wait, shield...:
 * written by the engineer of core/locks.c etc. (core/lang/asyncio_sync.c);
 * register it in asyncio_mod.c's binders[] once it exists. */
int sl_asyncio_bind_sync(sl_rt *rt, sl_obj *module_dict);

/* Creates the module (called by `import asyncio`). *out is a new
 * reference. */
int sl_asyncio_module_new(sl_rt *rt, sl_obj **out);

/* Methods and attributes of Future, Task, Handle, TimerHandle and the loop
 * object: 1 found (*out new reference), 0 not an object handled here, -1
 * error (AttributeError for an unknown name of a handled object). */
int sl_asyncio_getattr(sl_rt *rt, sl_value v, const char *name, sl_value *out);

/* The object asyncio.get_running_loop() returns (borrowed; one per run). */
int sl_asyncio_loop_object(sl_rt *rt, sl_value *out);

#endif
