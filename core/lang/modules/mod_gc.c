/* The `gc` module, as far as it means something without CPython's heap:
 * enable(), disable() and isenabled() keep a flag, collect() checks its
 * generation as Modules/gcmodule.c does and finds nothing, garbage and
 * callbacks are the module's lists.
 *
 * simloop frees objects by reference counting alone, at the moment
 * CPython's counts free them; it has no cycle collector, so objects in
 * reference cycles stay until the run ends, and collect() returns 0 where
 * CPython returns how many unreachable objects its heap held (asyncio's
 * own cycles included). What walks the host heap (get_referrers,
 * get_referents, get_objects) raises NotImplementedError saying so.
 * Python source of our own, run in the module's namespace at import. */
#include "core/lang/modules/stdmod.h"

static const char SOURCE[] =
    "_enabled = True\n"
    "garbage = []\n"
    "callbacks = []\n"
    "DEBUG_STATS = 1\n"
    "DEBUG_COLLECTABLE = 2\n"
    "DEBUG_UNCOLLECTABLE = 4\n"
    "DEBUG_SAVEALL = 32\n"
    "DEBUG_LEAK = 38\n"
    "\n"
    "def enable():\n"
    "    global _enabled\n"
    "    _enabled = True\n"
    "\n"
    "def disable():\n"
    "    global _enabled\n"
    "    _enabled = False\n"
    "\n"
    "def isenabled():\n"
    "    return _enabled\n"
    "\n"
    "def collect(generation=2):\n"
    "    if not isinstance(generation, int):\n"
    "        raise TypeError(\"'%s' object cannot be interpreted as an integer\"\n"
    "                        % type(generation).__name__)\n"
    "    if generation < 0 or generation > 2:\n"
    "        raise ValueError('invalid generation')\n"
    "    return 0\n"
    "\n"
    "def _host_heap(name):\n"
    "    raise NotImplementedError('simloop: gc.' + name + '() walks the host interpreter\\'s '\n"
    "                              'heap; a simloop run has none')\n"
    "\n"
    "def get_referrers(*objs):\n"
    "    _host_heap('get_referrers')\n"
    "\n"
    "def get_referents(*objs):\n"
    "    _host_heap('get_referents')\n"
    "\n"
    "def get_objects(generation=None):\n"
    "    _host_heap('get_objects')\n";

int sl_mod_gc_init(sl_rt *rt, sl_obj *module_dict) {
  return sl_stdmod_run_source(rt, module_dict, "gc.py", SOURCE, sizeof SOURCE - 1);
}
