/* The `weakref` module: ref (Objects/weakrefobject.c) and WeakSet
 * (Lib/_weakrefset.py).
 *
 * simloop counts references as CPython does, so an object dies at the
 * moment CPython's would, and a weak reference sees it then: while the run
 * has live references, core/heap.c calls weakref_clear for every object
 * reaching zero, after its finalizer (subtype_dealloc clears an
 * instance's weakrefs after __del__; a generator's go first in CPython,
 * which simloop does not follow). The references to it die and their
 * callbacks run, newest first (PyObject_ClearWeakRefs walks the list,
 * where a reference with a callback goes in at the head), with the
 * pending exception saved around them; what a callback raises is reported
 * as CPython's "Exception ignored in". Objects in reference cycles are
 * never freed before the run ends (no cycle collector), so their weak
 * references never die, where CPython's gc would kill them.
 *
 * The live references are one list (rt->weakrefs, newest first): a death
 * walks it, which is cheap for the few weak references programs hold.
 * WeakSet is the Python source of _weakrefset.py, run in the module's
 * namespace at import; its iteration guard is a counter. Not provided:
 * proxy, WeakKeyDictionary, WeakValueDictionary, finalize, WeakMethod. */
#include <string.h>

#include "core/alloc.h"
#include "core/cfunc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/identity.h"
#include "core/lang/code.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/strbuf.h"
#include "core/tuple.h"

typedef struct weakref {
  sl_obj hdr;
  sl_obj *referent;  /* borrowed; NULL once it died */
  sl_value callback; /* owned; None: none */
  int64_t hash;
  bool hashed, linked;
  struct weakref *prev, *next; /* rt->weakrefs while linked */
} weakref;

static void weakref_clear_hook(sl_rt *rt, sl_obj *o);

static void link_ref(sl_rt *rt, weakref *r) {
  r->next = (weakref *)rt->weakrefs;
  r->prev = NULL;
  if (r->next) r->next->prev = r;
  rt->weakrefs = &r->hdr;
  r->linked = true;
  rt->weakref_clear = weakref_clear_hook;
}

static void unlink_ref(sl_rt *rt, weakref *r) {
  if (!r->linked) return;
  if (r->prev)
    r->prev->next = r->next;
  else
    rt->weakrefs = r->next ? &r->next->hdr : NULL;
  if (r->next) r->next->prev = r->prev;
  r->linked = false;
  if (!rt->weakrefs) rt->weakref_clear = NULL;
}

static void ref_clear(sl_rt *rt, sl_obj *o) {
  weakref *r = (weakref *)o;
  unlink_ref(rt, r);
  r->referent = NULL;
  sl_value cb = r->callback;
  r->callback = sl_none();
  sl_vdecref(rt, cb);
}

/* CPython 3.11's weakref_repr (addresses run-derived, core/identity.h). */
static int ref_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  weakref *r = (weakref *)o;
  sl_strbuf_puts(out, "<weakref at ");
  if (sl_identity_put(rt, o, out)) return -1;
  if (!r->referent) {
    sl_strbuf_puts(out, "; dead>");
    return 0;
  }
  sl_strbuf_printf(out, "; to '%s' at ", sl_type_name(sl_obj_val(r->referent)));
  return sl_identity_put_end(rt, r->referent, out);
}

static int ref_hash(sl_rt *rt, sl_obj *o, int64_t *out) {
  weakref *r = (weakref *)o;
  if (!r->hashed) {
    if (!r->referent) return sl_raise(rt, SL_EXC_TYPE_ERROR, "weak object has gone away");
    if (sl_hash(rt, sl_obj_val(r->referent), &r->hash)) return -1;
    r->hashed = true;
  }
  *out = r->hash;
  return 0;
}

extern const sl_type sl__weakref_type;

/* Two live references compare their referents; otherwise identity. */
static int ref_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  if (!sl_is_type(b, &sl__weakref_type)) return *res = false, 0;
  weakref *x = (weakref *)a, *y = (weakref *)b.u.o;
  if (!x->referent || !y->referent) return *res = a == b.u.o, 0;
  sl_obj *p = x->referent, *q = y->referent;
  sl_incref(p);
  sl_incref(q);
  int rc = sl_eq(rt, sl_obj_val(p), sl_obj_val(q), res);
  sl_decref(rt, p);
  sl_decref(rt, q);
  return rc;
}

static int ref_call(sl_rt *rt, sl_obj *o, const sl_args *args, sl_value *out) {
  if (args->npos || args->nkw)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "weakref() takes exactly 0 arguments (%zu given)",
                    args->npos + args->nkw);
  weakref *r = (weakref *)o;
  *out = r->referent ? sl_vincref(sl_obj_val(r->referent)) : sl_none();
  return 0;
}

const sl_type sl__weakref_type = {.name = "weakref.ReferenceType",
                                  .clear = ref_clear,
                                  .repr = ref_repr,
                                  .eq = ref_eq,
                                  .hash = ref_hash,
                                  .call = ref_call,
                                  .size = sizeof(weakref)};

/* Types whose instances CPython gives no weakref slot. */
static bool weakrefable(sl_value v) {
  if (v.tag != SL_V_OBJ) return false;
  const sl_type *t = v.u.o->type;
  if (sl_obj_ext_of(v.u.o)) return true; /* an instance of a subclass */
  return t != &sl_str_type && t != &sl_tuple_type && t != &sl_list_type && t != &sl_dict_type &&
         t != &sl_bytes_type && t != &sl__weakref_type;
}

/* ref(obj, callback=None): without a callback the existing basic
 * reference to obj is shared, as CPython's is. */
static int w_ref(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  static const char *const names[] = {"object", "callback"};
  sl_value v[2] = {sl_undef(), sl_undef()};
  if (a->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "ref() takes no keyword arguments");
  if (sl_args_bind(rt, a, "ref", names, 2, 1, 2, v)) return -1;
  if (!weakrefable(v[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "cannot create weak reference to '%s' object",
                    sl_type_name(v[0]));
  bool plain = sl_is_undef(v[1]) || sl_is_none(v[1]);
  if (plain)
    for (weakref *r = (weakref *)rt->weakrefs; r; r = r->next)
      if (r->referent == v[0].u.o && sl_is_none(r->callback)) {
        sl_incref(&r->hdr);
        *out = sl_obj_val(&r->hdr);
        return 0;
      }
  sl_obj *o = sl_obj_alloc(rt, &sl__weakref_type);
  if (!o) return -1;
  weakref *r = (weakref *)o;
  r->referent = v[0].u.o;
  r->callback = plain ? sl_none() : sl_vincref(v[1]);
  link_ref(rt, r);
  *out = sl_obj_val(o);
  return 0;
}

/* getweakrefcount(obj) */
static int w_getweakrefcount(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  static const char *const names[] = {"object"};
  sl_value v[1];
  if (sl_args_bind(rt, a, "getweakrefcount", names, 1, 1, 1, v)) return -1;
  int64_t n = 0;
  for (weakref *r = (weakref *)rt->weakrefs; r; r = r->next)
    n += v[0].tag == SL_V_OBJ && r->referent == v[0].u.o;
  *out = sl_int(n);
  return 0;
}

static void run_callback(sl_rt *rt, weakref *r) {
  sl_value cb = r->callback, res;
  r->callback = sl_none();
  sl_value arg = sl_obj_val(&r->hdr);
  if (!rt->fatal && rt->lang) {
    if (sl_vm_call_pos(rt, cb, &arg, 1, &res) == 0) {
      sl_vdecref(rt, res);
    } else if (!rt->fatal && rt->exc) {
      sl_obj *exc = sl_err_fetch(rt);
      sl__vm_report_unraisable(rt, cb, exc);
      sl_decref(rt, exc);
    }
  }
  sl_vdecref(rt, cb);
}

/* o's count reached zero: its references die, then their callbacks run
 * (each holding its reference). */
static void weakref_clear_hook(sl_rt *rt, sl_obj *o) {
  size_t n = 0;
  for (weakref *r = (weakref *)rt->weakrefs; r; r = r->next) n += r->referent == o;
  if (!n) return;
  weakref **dying = sl_malloc(n * sizeof *dying);
  if (!dying) {
    sl_nomem(rt);
    return;
  }
  size_t k = 0;
  for (weakref *r = (weakref *)rt->weakrefs, *next; r; r = next) {
    next = r->next;
    if (r->referent != o) continue;
    r->referent = NULL;
    unlink_ref(rt, r);
    sl_incref(&r->hdr);
    dying[k++] = r;
  }
  const sl_obj *chained = rt->exc_chained;
  sl_obj *saved = sl_err_fetch(rt);
  for (size_t i = 0; i < k; i++) {
    if (!sl_is_none(dying[i]->callback)) run_callback(rt, dying[i]);
    sl_decref(rt, &dying[i]->hdr);
  }
  sl_free(dying);
  if (saved) {
    sl_err_restore(rt, saved);
    rt->exc_chained = chained;
  }
}

static const char SOURCE[] = "class WeakSet:\n"
                             "    def __init__(self, data=None):\n"
                             "        self.data = set()\n"
                             "        def _remove(item, selfref=ref(self)):\n"
                             "            self = selfref()\n"
                             "            if self is not None:\n"
                             "                if self._iterating:\n"
                             "                    self._pending_removals.append(item)\n"
                             "                else:\n"
                             "                    self.data.discard(item)\n"
                             "        self._remove = _remove\n"
                             "        self._pending_removals = []\n"
                             "        self._iterating = 0\n"
                             "        if data is not None:\n"
                             "            self.update(data)\n"
                             "\n"
                             "    def _commit_removals(self):\n"
                             "        pop = self._pending_removals.pop\n"
                             "        discard = self.data.discard\n"
                             "        while True:\n"
                             "            try:\n"
                             "                item = pop()\n"
                             "            except IndexError:\n"
                             "                return\n"
                             "            discard(item)\n"
                             "\n"
                             "    def __iter__(self):\n"
                             "        self._iterating += 1\n"
                             "        try:\n"
                             "            for itemref in self.data:\n"
                             "                item = itemref()\n"
                             "                if item is not None:\n"
                             "                    yield item\n"
                             "        finally:\n"
                             "            self._iterating -= 1\n"
                             "            if not self._iterating and self._pending_removals:\n"
                             "                self._commit_removals()\n"
                             "\n"
                             "    def __len__(self):\n"
                             "        return len(self.data) - len(self._pending_removals)\n"
                             "\n"
                             "    def __contains__(self, item):\n"
                             "        try:\n"
                             "            wr = ref(item)\n"
                             "        except TypeError:\n"
                             "            return False\n"
                             "        return wr in self.data\n"
                             "\n"
                             "    def add(self, item):\n"
                             "        if self._pending_removals:\n"
                             "            self._commit_removals()\n"
                             "        self.data.add(ref(item, self._remove))\n"
                             "\n"
                             "    def clear(self):\n"
                             "        if self._pending_removals:\n"
                             "            self._commit_removals()\n"
                             "        self.data.clear()\n"
                             "\n"
                             "    def copy(self):\n"
                             "        return self.__class__(self)\n"
                             "\n"
                             "    def pop(self):\n"
                             "        if self._pending_removals:\n"
                             "            self._commit_removals()\n"
                             "        while True:\n"
                             "            try:\n"
                             "                itemref = self.data.pop()\n"
                             "            except KeyError:\n"
                             "                raise KeyError('pop from empty WeakSet') from None\n"
                             "            item = itemref()\n"
                             "            if item is not None:\n"
                             "                return item\n"
                             "\n"
                             "    def remove(self, item):\n"
                             "        if self._pending_removals:\n"
                             "            self._commit_removals()\n"
                             "        self.data.remove(ref(item))\n"
                             "\n"
                             "    def discard(self, item):\n"
                             "        if self._pending_removals:\n"
                             "            self._commit_removals()\n"
                             "        self.data.discard(ref(item))\n"
                             "\n"
                             "    def update(self, other):\n"
                             "        if self._pending_removals:\n"
                             "            self._commit_removals()\n"
                             "        for element in other:\n"
                             "            self.add(element)\n"
                             "\n"
                             "    def __ior__(self, other):\n"
                             "        self.update(other)\n"
                             "        return self\n"
                             "\n"
                             "    def __repr__(self):\n"
                             "        return repr(self.data)\n";

static const sl_cfunc_def weakref_funcs[] = {
    {"ref", w_ref, NULL, 0},
    {"getweakrefcount", w_getweakrefcount, NULL, 0},
    {NULL, NULL, NULL, 0},
};

int sl_mod_weakref_init(sl_rt *rt, sl_obj *module_dict) {
  if (sl_stdmod_add_funcs(rt, module_dict, weakref_funcs)) return -1;
  return sl_stdmod_run_source(rt, module_dict, "_weakrefset.py", SOURCE, sizeof SOURCE - 1);
}
