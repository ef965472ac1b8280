/* Internals shared by the VM's files (vm.c, vm_exc.c, vm_class.c,
 * vm_module.c). Not installed; not a contract. */
#ifndef SL_LANG_VM_INT_H
#define SL_LANG_VM_INT_H

#include "core/cfunc.h"
#include "core/lang/code.h"
#include "core/lang/vm.h"

/* list's methods (methods_coll.c); the first is list.append, whose def
 * CALL_METHOD tests by address to append without the call. */
extern const sl_cfunc_def sl__list_methods[];
#define SL__LIST_APPEND_DEF (&sl__list_methods[0])

/* A builtin by name: the builtins dict, then the built-in exception
 * classes; NameError "name 'x' is not defined" when absent. */
int sl__vm_builtin(sl_rt *rt, const char *name, sl_value *out);
/* LIST_EXTEND / SET_UPDATE / DICT_UPDATE of `target` with `v`; `fn` is
 * the callable when building a call's arguments (SL_V_UNDEF otherwise). */
int sl__vm_extend(sl_rt *rt, sl_opcode op, sl_obj *target, sl_value v, sl_value fn);
/* `raise [exc [from cause]]` (exc SL_V_UNDEF for a bare raise). Leaves the
 * exception pending and returns 1 for a successful bare re-raise, -1
 * otherwise. */
int sl__vm_do_raise(sl_rt *rt, sl_value exc, sl_value cause);
/* Sets exc.__context__ to the exception being handled, as CPython's
 * _PyErr_SetObject does (breaking cycles). */
void sl__vm_set_context(sl_rt *rt, sl_obj *exc);
/* `async with`: the exit method and the awaitable of __aenter__();
 * `with` (sync): the exit method and what __enter__() returned. The exit
 * method is two values (new references), as LOAD_METHOD leaves a method:
 * an engine method's def (an UNDEF carrying it) and the manager, or the
 * bound method and UNDEF. */
int sl__vm_async_with_enter(sl_rt *rt, sl_value mgr, bool sync, sl_value exit[2], sl_value *aw);
/* `async with` on an engine manager whose __aenter__() would finish at
 * once (sl_type.await_now): SL_NOW_DONE with exit[] as above and *res
 * what the await gives, SL_NOW_SUSPENDED with exit[] and aw (the frame's)
 * suspended in the coroutine's place, SL_NOW_LATER (nothing changed), -1
 * raised. */
int sl__vm_async_with_enter_now(sl_rt *rt, sl_value mgr, sl_value exit[2], sl_awaiter *aw,
                                sl_value *res);
/* exit(None, None, None) or exit(type(exc), exc, None): the awaitable
 * (exit borrowed). */
int sl__vm_async_with_exit(sl_rt *rt, const sl_value exit[2], sl_obj *exc, sl_value *aw);
/* The same, awaited at once: sl_type.await_now's answer for an engine
 * exit method (SL_NOW_LATER for a bound one). */
int sl__vm_async_with_exit_now(sl_rt *rt, const sl_value exit[2], sl_obj *exc, sl_value *res);
/* obj.name() (vm_attr.c) */
int sl__vm_call_method0(sl_rt *rt, sl_value obj, const char *name, sl_value *out);
/* super(cls, self) */
int sl__vm_super_new(sl_rt *rt, sl_value cls, sl_value self, sl_value *out);

/* The outcome of send/throw as a method's result (vm_gen.c): 0 and *out
 * the value yielded, or -1 with StopIteration(return value) or the error
 * raised. */
int sl__coro_method_result(sl_rt *rt, sl_coro_status st, sl_value *out);
/* The exception throw(exc) / throw(type[, value[, tb]]) of a generator or
 * coroutine throws in (new reference in *exc). 0 or -1 (vm_gen.c). */
int sl__make_thrown(sl_rt *rt, const sl_args *a, sl_obj **exc);
/* PEP 479: the StopIteration (or StopAsyncIteration) pending becomes the
 * cause and context of RuntimeError(msg) (vm_gen.c). */
void sl__vm_stop_to_runtime_error(sl_rt *rt, const char *msg);
/* sys.unraisablehook's text, "Exception ignored in: <repr of fn>" and
 * exc's traceback, to the observer's log (vm_lifecycle.c): a __del__ or
 * a weakref callback that raised. */
void sl__vm_report_unraisable(sl_rt *rt, sl_value fn, sl_obj *exc);
/* `yield from` delegation (vm_gen.c), the counterpart of sl_await_*:
 * begin takes iter(iterable) as f's delegate and sends None; send and
 * throw forward to it. YIELD: out is the value to hand up; RETURN: out is
 * the delegate's return value (the delegation is over); ERROR: raised. */
sl_coro_status sl__yf_begin(sl_rt *rt, sl_frame *f, sl_value iterable, sl_value *out);
sl_coro_status sl__yf_send(sl_rt *rt, sl_frame *f, sl_value v, sl_value *out);
sl_coro_status sl__yf_throw(sl_rt *rt, sl_frame *f, sl_obj *exc, sl_value *out);
/* `await awaitable` in f: futures and coroutines through sl_await_begin;
 * an instance of a scenario class with __await__ delegates to the iterator
 * __await__() returns, as `yield from` does (CPython's
 * _PyCoro_GetAwaitableIter). Returns as sl__yf_begin. */
sl_coro_status sl__vm_await_begin(sl_rt *rt, sl_frame *f, sl_value awaitable, sl_value *out);

/* rt->lang_asyncgen_closers (vm_agen.c). */
sl_obj *sl__agen_closers(sl_rt *rt);
/* ---- scenario classes (vm_class.c, vm_dunder.c) ---------------------------- */

/* core/lang's own sl_class.lang_flags bits (above SL_CLS_LANG_SHIFT). */
#define SL__CLS_DESCR        (1u << SL_CLS_LANG_SHIFT)       /* a property: setattr asks it */
#define SL__CLS_GETATTR      (1u << (SL_CLS_LANG_SHIFT + 1)) /* __getattr__ */
#define SL__CLS_SETATTR      (1u << (SL_CLS_LANG_SHIFT + 2)) /* __setattr__ / __delattr__ */
/* `class Color(str, Enum)`, `class Num(int, Enum)`: an enumeration whose
 * members are also strs / ints (the data type is not a base here: the
 * members stand for their values, as IntEnum's do). */
#define SL__CLS_MIX_STR      (1u << (SL_CLS_LANG_SHIFT + 3))
#define SL__CLS_MIX_INT      (1u << (SL_CLS_LANG_SHIFT + 4))
#define SL__CLS_ENUM         SL_CLS_ENUM /* derives from enum.Enum (core/exc.h: the class repr) */
/* Descriptors written in the scenario (vm_descr.c): the class defines
 * __get__ / __set__ or __delete__; a class attribute is an instance of
 * such a class. */
#define SL__CLS_HAS_GET      (1u << (SL_CLS_LANG_SHIFT + 5))
#define SL__CLS_HAS_SET      (1u << (SL_CLS_LANG_SHIFT + 6))
#define SL__CLS_UDESCR       (1u << (SL_CLS_LANG_SHIFT + 7))
/* Instances have no __dict__: the class and all its bases define
 * __slots__ (vm_descr.c). */
#define SL__CLS_SLOTS        (1u << (SL_CLS_LANG_SHIFT + 8))
/* A metaclass: the class derives from `type`, its instances are classes
 * (vm_meta.c). */
#define SL__CLS_META         (1u << (SL_CLS_LANG_SHIFT + 9))
/* The class has abstract methods: object.__new__ refuses it (set by
 * ABCMeta, never inherited; modules/mod_abc.c). */
#define SL__CLS_ABSTRACT     (1u << (SL_CLS_LANG_SHIFT + 10))
/* abc.ABCMeta or a metaclass deriving from it: the classes it makes get
 * __abstractmethods__ (modules/mod_abc.c). */
#define SL__CLS_ABCMETA      (1u << (SL_CLS_LANG_SHIFT + 11))
/* An ABC with classes registered as its virtual subclasses (register());
 * never inherited: isinstance/issubclass ask mod_abc.c. */
#define SL__CLS_ABC_REG      (1u << (SL_CLS_LANG_SHIFT + 12))
/* __getattribute__ (vm_lifecycle.c) */
#define SL__CLS_GETATTRIBUTE (1u << (SL_CLS_LANG_SHIFT + 13))
/* An ABC whose __subclasshook__ isinstance/issubclass must ask: a
 * collections.abc class (its structural check and the built-in types
 * registered with it) or a class defining __subclasshook__, and their
 * subclasses (mod_abc.c). */
#define SL__CLS_ABC_HOOK     (1u << (SL_CLS_LANG_SHIFT + 14))

/* vm_lifecycle.c: __del__ (sl_user_ops.finalize); obj.name through the
 * class's __getattribute__ (then __getattr__ on AttributeError), for an
 * instance with SL__CLS_GETATTRIBUTE; object.__getattribute__ (the
 * generic lookup, sl__generic_getattr in vm_attr.c: 1 found, 0 absent,
 * -1 error). */
void sl__user_finalize(sl_rt *rt, sl_obj *inst);
int sl__user_getattribute(sl_rt *rt, sl_obj *inst, const char *name, sl_value *out);
/* slot_tp_getattr_hook's second half, after a lookup of obj.name failed
 * (-1): with AttributeError raised and cls (a scenario class, or NULL)
 * still defining __getattr__, its call on self (0 or -1); otherwise the
 * failure stands (-1). */
int sl__getattr_hook(sl_rt *rt, sl_obj *cls, sl_value self, const char *name, sl_value *out);
int sl__generic_getattr(sl_rt *rt, sl_obj *inst, const char *name, sl_value *out);
extern const sl_cfunc_def sl__obj_getattribute_def;

/* EnumType's part (modules/mod_enum_class.c), for classes with
 * SL__CLS_ENUM: making the members when the class statement ends, and the
 * class object's __iter__, __len__, __contains__, __getitem__ and
 * __call__ (lookup by value). Same returns as the sl__user_* below. */
int sl__enum_finish(sl_rt *rt, sl_obj *cls);
/* A class body of an enumeration stores *v (owned) under name: an auto()
 * becomes its value now (_EnumDict.__setitem__). kind: sl__enum_kind. */
int sl__enum_body_store(sl_rt *rt, sl_obj *ns, int kind, sl_obj *name, sl_value *v);
int sl__enum_iter(sl_rt *rt, sl_obj *cls, sl_value *out);
int sl__enum_len(sl_rt *rt, sl_obj *cls, int64_t *out);
int sl__enum_contains(sl_rt *rt, sl_obj *cls, sl_value item, bool *res);
int sl__enum_getitem(sl_rt *rt, sl_obj *cls, sl_value key, sl_value *out);
int sl__enum_call(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out);
/* The value an IntEnum/StrEnum member stands for (isinstance(m, int)):
 * 1 (*out borrowed), 0 not such a member. */
int sl__enum_mixed_value(sl_rt *rt, sl_value v, sl_value *out);

/* name in cls and its bases (depth first, left to right): 1 found (*out new
 * ref), 0 absent, -1 error. */
int sl__class_lookup(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out);
/* BaseException's and object's own methods (__init__, __str__, __repr__,
 * __setattr__, __delattr__, __init_subclass__, __new__) as unbound
 * callables: 1 found (*out new ref), 0 not one of them, -1 error. */
int sl__class_builtin_method(sl_rt *rt, const char *name, sl_value *out);
/* The SL_CLS_* bits one class attribute contributes. */
uint32_t sl__class_flags_of_attr(sl_value key, sl_value v);
/* Sets cls->lang_flags from its attributes and its bases' flags. */
int sl__class_flags_compute(sl_rt *rt, sl_obj *cls);
/* type(name, bases, dict) (vm_class.c): a class as a class statement
 * with that namespace would make it. */
int sl__vm_type_new(sl_rt *rt, sl_value name, sl_value bases, sl_value dict, sl_value *out);
/* Calling a scenario-defined class: its metaclass's __call__ if it has
 * one, else type.__call__ (sl__type_call): instance, then __init__. */
int sl__vm_call_class(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out);
int sl__type_call(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out);
/* type.__new__(meta, name, bases, dict, **kw) (meta borrowed, NULL for
 * type; kw a borrowed dict or NULL, for __init_subclass__). */
int sl__type_new(sl_rt *rt, sl_obj *meta, sl_value name, sl_value bases, sl_value dict, sl_obj *kw,
                 sl_value *out);
/* fn(*argv, **kw) with kw a borrowed dict or NULL (f(*args, **kw) and the
 * class statement's keywords); a key that is not a str raises TypeError. */
int sl__call_with_kwdict(sl_rt *rt, sl_value fn, const sl_value *argv, size_t argc, sl_obj *kw,
                         sl_value *out);

/* Metaclasses (vm_meta.c). split_kw: a class statement's keywords without
 * `metaclass` (*rest a new dict) and the metaclass (*meta new ref, or
 * SL_V_UNDEF). winner: *meta (owned, SL_V_UNDEF for type) becomes the
 * most derived of itself and the metaclasses of the scenario bases
 * (SL_V_UNDEF when that is type; a metaclass that is not a class stays),
 * or TypeError "metaclass conflict". prepare: M.__prepare__(name, bases,
 * **kw) when M defines one (*ns a new dict), else *ns NULL. module_name:
 * a class's __module__ as a string that outlives the run's classes.
 * type_call: calling metaclass M (type.__call__(M, ...)). call: calling a
 * class whose metaclass defines __call__. builtin_method: type.__new__,
 * type.__init__, type.__call__ (1 found, 0 another name). getattr: an
 * attribute of cls's metaclass bound to cls (1 found, 0 absent). */
int sl__meta_split_kw(sl_rt *rt, sl_obj *kw, sl_value *meta, sl_obj **rest);
int sl__meta_winner(sl_rt *rt, const sl_value *bases, size_t n, sl_value *meta);
int sl__meta_prepare(sl_rt *rt, sl_value meta, sl_obj *name, sl_obj *bases, sl_obj *kw,
                     sl_obj **ns);
const char *sl__meta_module_name(sl_rt *rt, sl_obj *name);
int sl__meta_type_call(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out);
int sl__meta_call(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out);
int sl__meta_builtin_method(sl_rt *rt, const char *name, sl_value *out);
int sl__meta_getattr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out);

/* abc (modules/mod_abc.c): __abstractmethods__ of a class ABCMeta made;
 * object.__new__'s refusal of a class with SL__CLS_ABSTRACT (-1 raised);
 * whether v is abstract (its __isabstractmethod__). */
int sl__abc_init(sl_rt *rt, sl_obj *cls);
int sl__abc_refuse(sl_rt *rt, sl_obj *cls);
int sl__abc_is_abstract(sl_rt *rt, sl_value v, bool *res);
/* ABCMeta.__instancecheck__ / __subclasscheck__ for an ABC with
 * SL__CLS_ABC_REG or SL__CLS_ABC_HOOK, once the real check said no:
 * whether its __subclasshook__ accepts type(v) (c), or v (c) is one of its
 * registered classes' instances (subclasses). */
int sl__abc_instancecheck(sl_rt *rt, sl_value v, sl_obj *abc, bool *res);
int sl__abc_subclasscheck(sl_rt *rt, sl_value c, sl_obj *abc, bool *res);
/* obj.<name> on a scenario-class instance `o` (an sl_exc) through the
 * code object's cache entry `mc` for that name (code.h): 1 *out set (new
 * ref: the attribute, a method bound to o), 2 with `method` the function
 * itself to be called with o first (new ref), 0 the generic lookup must
 * answer, -1 error. (vm_attr.c) */
int sl__vm_instance_attr(sl_rt *rt, sl_mcache *mc, sl_obj *name, sl_obj *o, bool method,
                         sl_value *out);
/* obj.<name> = val on such an instance through the same entry, when only
 * its dict or a property is concerned: 1 done, 0 the generic setattr must
 * do it, -1 error. (vm_attr.c) */
int sl__vm_instance_setattr(sl_rt *rt, sl_mcache *mc, sl_obj *name, sl_obj *o, sl_value val);
/* collections.abc's __subclasshook__ of abc for class c (a class or type
 * object): 1 decided (*res), 0 abc is not a collections.abc class or has
 * no opinion (NotImplemented), -1 error (mod_collections_abc.c). */
int sl__collections_abc_hook(sl_rt *rt, sl_obj *abc, sl_value c, bool *res);
/* Reading attribute v found on cls for self: properties run, functions
 * bind, class/static methods unwrap. Steals v. (vm_attr.c) */
int sl__bind_class_attr(sl_rt *rt, sl_value v, sl_value self, sl_obj *cls, sl_value *out);
/* object.__setattr__(v, name, val) (val SL_V_UNDEF: __delattr__):
 * properties and the instance dict, bypassing the class's __setattr__. */
int sl__generic_setattr(sl_rt *rt, sl_value v, const char *name, sl_value val);
/* fn (found on a class) called with self first. */
int sl__call_bound(sl_rt *rt, sl_value fn, sl_value self, const sl_args *args, sl_value *out);
/* obj.<name>(*args) (vm_meta.c); *out new ref (may be NULL to drop it). */
int sl__call_method(sl_rt *rt, sl_value obj, const char *name, const sl_value *args, size_t nargs,
                    sl_value *out);
/* sl__call_bound(fn, self, name) with the attribute name as a str:
 * __getattr__ and __getattribute__ hooks. */
int sl__call_bound_name(sl_rt *rt, sl_value fn, sl_value self, const char *name, sl_value *out);
/* Classes deriving from engine classes (vm_native.c): whether b is one a
 * class may derive from; calling such a class; super() into the engine
 * class (1 found, 0 not, -1 error); attributes of its instances. */
bool sl__native_base_ok(sl_value b);
int sl__native_call_class(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out);
int sl__native_super_attr(sl_rt *rt, sl_obj *start, sl_value self, const char *name, sl_value *out);
int sl__native_getattr(sl_rt *rt, sl_value v, const char *name, sl_value *out);
int sl__native_setattr(sl_rt *rt, sl_value v, const char *name, sl_value val);
/* Classes deriving from dict, list and set (vm_builtin_sub.c): whether b
 * is such a base; calling such a class; the built-in special methods of a
 * dict, list or set by name (dict.__getitem__, ...: 1 found, 0 not, -1
 * error). */
bool sl__builtin_base_ok(sl_value b);
/* Classes deriving from str, tuple, bytes and frozenset
 * (vm_builtin_imm.c): whether b is such a base; calling such a class;
 * T.__new__(cls, *args) for the built-in bases, immutable or not
 * (sl__builtin_new_def, bound to T; sl__builtin_new: args[0] is cls). */
bool sl__imm_base_ok(sl_value b);
struct sl_typeobj;
bool sl__builtin_new_ok(const struct sl_typeobj *t);
int sl__imm_call_class(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out);
extern const sl_cfunc_def sl__builtin_new_def;
int sl__builtin_new(sl_rt *rt, const sl_args *args, sl_value *out);
int sl__builtin_call_class(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out);
int sl__builtin_dunder(sl_rt *rt, sl_value self, const char *name, sl_value *out);
/* cls.__mro__ (a tuple) or cls.mro() (a list) of a scenario class
 * (vm_typeops.c); sl__class_mro_attr answers the attributes `__mro__`,
 * `__bases__` and `mro`: 1 found, 0 another name, -1 error. */
int sl__class_mro(sl_rt *rt, sl_obj *cls, bool as_tuple, sl_value *out);
int sl__class_mro_attr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out);
/* cls[key] for a class or type object: its __class_getitem__, or a
 * generic alias (Generic subclasses, list[int]): 1 done, 0 the class is
 * not subscriptable, -1 error (vm_typeops.c). */
int sl__class_getitem(sl_rt *rt, sl_value cls, sl_value key, sl_value *out);
/* object.__repr__ of a plain instance (see vm_dunder.c). */
int sl__plain_repr(sl_rt *rt, sl_obj *inst, sl_strbuf *out);
/* Scenario descriptors (vm_descr.c): whether v is one (a data one: with
 * __set__ or __delete__); d.__get__(obj, cls) and d.__set__(obj, val) /
 * d.__delete__(obj) (val SL_V_UNDEF): 1 done, 0 d has no such method,
 * -1 error; a data descriptor on cls for obj.name, which wins over the
 * instance dict (1 found, *out new ref; 0 none); __set_name__ on the
 * attributes of a new class. */
bool sl__is_user_descr(sl_value v);
bool sl__is_data_descr(sl_value v);
int sl__user_descr_get(sl_rt *rt, sl_value d, sl_value obj, sl_value cls, sl_value *out);
int sl__user_descr_set(sl_rt *rt, sl_value d, sl_value obj, sl_value val);
int sl__set_names(sl_rt *rt, sl_obj *cls);
/* __slots__: sets SL__CLS_SLOTS on a new class when its instances have
 * no __dict__; sl__slots_check raises CPython's AttributeError when
 * obj.name may not be set (0 allowed, -1 raised). */
int sl__slots_finish(sl_rt *rt, sl_obj *cls);
int sl__slots_check(sl_rt *rt, sl_obj *cls, sl_value obj, const char *name);
/* gi_code/cr_code/ag_code and gi_frame/cr_frame/ag_frame of a generator,
 * coroutine or async generator (vm_frameobj.c; the prefix is not
 * checked): 1 found, 0 another name, -1 error. */
int sl__coro_frame_attr(sl_rt *rt, sl_obj *owner, const char *name, sl_value *out);
/* Installs sl_rt.user_ops (once per run). */
void sl__vm_install_user_ops(sl_rt *rt);

/* Special methods on the language's fallback paths: 1 done (*out / *res),
 * 0 not a scenario instance or no such method (the caller raises its own
 * TypeError), -1 error. sl__user_setitem deletes when v is SL_V_UNDEF.
 * sl__user_next: 1 item, 0 exhausted (StopIteration), -1 error, -2 no
 * __next__. */
int sl__user_binary(sl_rt *rt, sl_ast_binop op, sl_value a, sl_value b, bool inplace,
                    sl_value *out);
int sl__user_unary(sl_rt *rt, sl_ast_unaryop op, sl_value a, sl_value *out);
int sl__user_len(sl_rt *rt, sl_value v, int64_t *out);
int sl__user_getitem(sl_rt *rt, sl_value c, sl_value key, sl_value *out);
int sl__user_setitem(sl_rt *rt, sl_value c, sl_value key, sl_value v);
int sl__user_iter(sl_rt *rt, sl_value v, sl_value *out);
int sl__user_next(sl_rt *rt, sl_value it, sl_value *out);
int sl__user_contains(sl_rt *rt, sl_value c, sl_value item, bool *res);

/* The match statement's helpers (vm_match.c, called by compile_match.c's
 * code): match_seq(subject, nbefore, nafter, star), match_map(subject,
 * keys, want_rest), match_class(subject, cls, npos, kwnames). */
extern const sl_cfunc_def sl__match_seq_def, sl__match_map_def, sl__match_class_def;

/* NotImplemented's type (builtins_types.c). */
extern const sl_type sl__notimpl_type;

/* coroutine.close() for any coroutine (vm_coro.c). */
extern const sl_cfunc_def sl__coro_close_def;
/* coroutine.send() and .throw() for any coroutine (vm_coro.c): also the
 * C coroutines' (asyncio_objs.c), as `q.join().send(None)` drives one. */
extern const sl_cfunc_def sl__coro_methods[];
/* coroutine.__await__ and Future.__await__/__iter__ (vm_awaititer.c): the
 * iterator that drives self. */
extern const sl_cfunc_def sl__coro_await_def;
int sl__await_method(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);
/* v is such an iterator, not yet driven: true and *target (borrowed) the
 * coroutine or future it wraps. */
bool sl__awaititer_target(sl_value v, sl_value *target);

/* except* (vm_star.c) */
int sl__vm_star_split(sl_rt *rt, sl_value rest, sl_value type, sl_value *new_rest, sl_value *match);
int sl__vm_star_prep(sl_rt *rt, sl_value orig, sl_value raised, sl_value rest, sl_value *out);

/* One frame as traceback.format_list shows it: '  File "f", line n, in
 * func' and the stripped source line, when simloop has the file
 * (vm_exc.c). */
void sl__vm_format_frame(sl_rt *rt, const char *file, int line, const char *func, sl_strbuf *out);

#endif
