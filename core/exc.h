/* Exception classes and exception instances.
 *
 * Classes are heap objects (sl_class); the built-in ones are created with the
 * run (sl_rt.classes). Scenario files declare more (class E(Exception): ...),
 * created by core/lang with sl_class_new. Instances (sl_exc) carry args,
 * __cause__, __context__, __suppress_context__, the traceback and the
 * attributes a user __init__ sets. */
#ifndef SL_EXC_H
#define SL_EXC_H

#include "core/object.h"

/* X(enum, Python name, base enum, second base or NONE, module) */
#define SL_EXC_MAP(X)                                                                              \
  X(BASE_EXCEPTION, "BaseException", NONE, NONE, "builtins")                                       \
  X(EXCEPTION, "Exception", BASE_EXCEPTION, NONE, "builtins")                                      \
  X(SYSTEM_EXIT, "SystemExit", BASE_EXCEPTION, NONE, "builtins")                                   \
  X(KEYBOARD_INTERRUPT, "KeyboardInterrupt", BASE_EXCEPTION, NONE, "builtins")                     \
  X(GENERATOR_EXIT, "GeneratorExit", BASE_EXCEPTION, NONE, "builtins")                             \
  X(ARITHMETIC_ERROR, "ArithmeticError", EXCEPTION, NONE, "builtins")                              \
  X(ZERO_DIVISION_ERROR, "ZeroDivisionError", ARITHMETIC_ERROR, NONE, "builtins")                  \
  X(OVERFLOW_ERROR, "OverflowError", ARITHMETIC_ERROR, NONE, "builtins")                           \
  X(FLOATING_POINT_ERROR, "FloatingPointError", ARITHMETIC_ERROR, NONE, "builtins")                \
  X(ASSERTION_ERROR, "AssertionError", EXCEPTION, NONE, "builtins")                                \
  X(ATTRIBUTE_ERROR, "AttributeError", EXCEPTION, NONE, "builtins")                                \
  X(LOOKUP_ERROR, "LookupError", EXCEPTION, NONE, "builtins")                                      \
  X(INDEX_ERROR, "IndexError", LOOKUP_ERROR, NONE, "builtins")                                     \
  X(KEY_ERROR, "KeyError", LOOKUP_ERROR, NONE, "builtins")                                         \
  X(NAME_ERROR, "NameError", EXCEPTION, NONE, "builtins")                                          \
  X(UNBOUND_LOCAL_ERROR, "UnboundLocalError", NAME_ERROR, NONE, "builtins")                        \
  X(RUNTIME_ERROR, "RuntimeError", EXCEPTION, NONE, "builtins")                                    \
  X(NOT_IMPLEMENTED_ERROR, "NotImplementedError", RUNTIME_ERROR, NONE, "builtins")                 \
  X(RECURSION_ERROR, "RecursionError", RUNTIME_ERROR, NONE, "builtins")                            \
  X(STOP_ITERATION, "StopIteration", EXCEPTION, NONE, "builtins")                                  \
  X(STOP_ASYNC_ITERATION, "StopAsyncIteration", EXCEPTION, NONE, "builtins")                       \
  X(TYPE_ERROR, "TypeError", EXCEPTION, NONE, "builtins")                                          \
  X(VALUE_ERROR, "ValueError", EXCEPTION, NONE, "builtins")                                        \
  X(UNICODE_ERROR, "UnicodeError", VALUE_ERROR, NONE, "builtins")                                  \
  X(OS_ERROR, "OSError", EXCEPTION, NONE, "builtins")                                              \
  X(TIMEOUT_ERROR, "TimeoutError", OS_ERROR, NONE, "builtins")                                     \
  X(CONNECTION_ERROR, "ConnectionError", OS_ERROR, NONE, "builtins")                               \
  X(BLOCKING_IO_ERROR, "BlockingIOError", OS_ERROR, NONE, "builtins")                              \
  X(BROKEN_PIPE_ERROR, "BrokenPipeError", CONNECTION_ERROR, NONE, "builtins")                      \
  X(CONNECTION_ABORTED_ERROR, "ConnectionAbortedError", CONNECTION_ERROR, NONE, "builtins")        \
  X(CONNECTION_REFUSED_ERROR, "ConnectionRefusedError", CONNECTION_ERROR, NONE, "builtins")        \
  X(CONNECTION_RESET_ERROR, "ConnectionResetError", CONNECTION_ERROR, NONE, "builtins")            \
  X(CHILD_PROCESS_ERROR, "ChildProcessError", OS_ERROR, NONE, "builtins")                          \
  X(FILE_EXISTS_ERROR, "FileExistsError", OS_ERROR, NONE, "builtins")                              \
  X(FILE_NOT_FOUND_ERROR, "FileNotFoundError", OS_ERROR, NONE, "builtins")                         \
  X(INTERRUPTED_ERROR, "InterruptedError", OS_ERROR, NONE, "builtins")                             \
  X(IS_A_DIRECTORY_ERROR, "IsADirectoryError", OS_ERROR, NONE, "builtins")                         \
  X(NOT_A_DIRECTORY_ERROR, "NotADirectoryError", OS_ERROR, NONE, "builtins")                       \
  X(PERMISSION_ERROR, "PermissionError", OS_ERROR, NONE, "builtins")                               \
  X(PROCESS_LOOKUP_ERROR, "ProcessLookupError", OS_ERROR, NONE, "builtins")                        \
  X(IMPORT_ERROR, "ImportError", EXCEPTION, NONE, "builtins")                                      \
  X(MODULE_NOT_FOUND_ERROR, "ModuleNotFoundError", IMPORT_ERROR, NONE, "builtins")                 \
  X(REFERENCE_ERROR, "ReferenceError", EXCEPTION, NONE, "builtins")                                \
  X(SYSTEM_ERROR, "SystemError", EXCEPTION, NONE, "builtins")                                      \
  X(WARNING, "Warning", EXCEPTION, NONE, "builtins")                                               \
  X(USER_WARNING, "UserWarning", WARNING, NONE, "builtins")                                        \
  X(DEPRECATION_WARNING, "DeprecationWarning", WARNING, NONE, "builtins")                          \
  X(PENDING_DEPRECATION_WARNING, "PendingDeprecationWarning", WARNING, NONE, "builtins")           \
  X(SYNTAX_WARNING, "SyntaxWarning", WARNING, NONE, "builtins")                                    \
  X(RUNTIME_WARNING, "RuntimeWarning", WARNING, NONE, "builtins")                                  \
  X(FUTURE_WARNING, "FutureWarning", WARNING, NONE, "builtins")                                    \
  X(IMPORT_WARNING, "ImportWarning", WARNING, NONE, "builtins")                                    \
  X(UNICODE_WARNING, "UnicodeWarning", WARNING, NONE, "builtins")                                  \
  X(BYTES_WARNING, "BytesWarning", WARNING, NONE, "builtins")                                      \
  X(RESOURCE_WARNING, "ResourceWarning", WARNING, NONE, "builtins")                                \
  X(ENCODING_WARNING, "EncodingWarning", WARNING, NONE, "builtins")                                \
  X(MEMORY_ERROR, "MemoryError", EXCEPTION, NONE, "builtins")                                      \
  X(BUFFER_ERROR, "BufferError", EXCEPTION, NONE, "builtins")                                      \
  X(BASE_EXCEPTION_GROUP, "BaseExceptionGroup", BASE_EXCEPTION, NONE, "builtins")                  \
  X(EXCEPTION_GROUP, "ExceptionGroup", BASE_EXCEPTION_GROUP, EXCEPTION, "builtins")                \
  X(CANCELLED_ERROR, "CancelledError", BASE_EXCEPTION, NONE, "asyncio.exceptions")                 \
  X(INVALID_STATE_ERROR, "InvalidStateError", EXCEPTION, NONE, "asyncio.exceptions")               \
  X(QUEUE_EMPTY, "QueueEmpty", EXCEPTION, NONE, "asyncio.queues")                                  \
  X(QUEUE_FULL, "QueueFull", EXCEPTION, NONE, "asyncio.queues")                                    \
  X(QUEUE_SHUTDOWN, "QueueShutDown", EXCEPTION, NONE, "asyncio.queues")                            \
  X(BROKEN_BARRIER_ERROR, "BrokenBarrierError", RUNTIME_ERROR, NONE, "asyncio.exceptions")         \
  X(EOF_ERROR, "EOFError", EXCEPTION, NONE, "builtins")                                            \
  X(INCOMPLETE_READ_ERROR, "IncompleteReadError", EOF_ERROR, NONE, "asyncio.exceptions")           \
  X(LIMIT_OVERRUN_ERROR, "LimitOverrunError", EXCEPTION, NONE, "asyncio.exceptions")               \
  X(GAIERROR, "gaierror", OS_ERROR, NONE, "socket")                                                \
  X(SYNTAX_ERROR, "SyntaxError", EXCEPTION, NONE, "builtins")                                      \
  X(INDENTATION_ERROR, "IndentationError", SYNTAX_ERROR, NONE, "builtins")                         \
  X(TAB_ERROR, "TabError", INDENTATION_ERROR, NONE, "builtins")                                    \
  X(UNICODE_DECODE_ERROR, "UnicodeDecodeError", UNICODE_ERROR, NONE, "builtins")                   \
  X(UNICODE_ENCODE_ERROR, "UnicodeEncodeError", UNICODE_ERROR, NONE, "builtins")                   \
  X(UNICODE_TRANSLATE_ERROR, "UnicodeTranslateError", UNICODE_ERROR, NONE, "builtins")

typedef enum sl_exc_id {
#define SL_EXC_ENUM(id, name, base, base2, module) SL_EXC_##id,
  SL_EXC_MAP(SL_EXC_ENUM)
#undef SL_EXC_ENUM
      SL_EXC__COUNT,
  SL_EXC_NONE = -1
} sl_exc_id;

extern const sl_type sl_class_type;
extern const sl_type sl_exc_type;

typedef struct sl_class {
  sl_obj hdr;
  sl_obj *name;       /* owned str: "ValueError" */
  sl_obj *qualname;   /* owned str */
  const char *module; /* static: "builtins", "asyncio.exceptions", "__main__" */
  sl_obj *bases[2];   /* owned; NULL when absent (the first two bases) */
  sl_obj *more_bases; /* owned tuple of the bases after the first two, or NULL */
  sl_obj *attrs;      /* owned dict of class attributes (core/lang), or NULL */
  sl_exc_id builtin;  /* which built-in class, or SL_EXC_NONE */
  /* SL_CLS_* bits: which special methods the class or a base defines;
   * set by core/lang when a scenario defines the class (0 for built-in
   * classes), so the engine asks sl_rt.user_ops only when there is work. */
  uint32_t lang_flags;
  /* For a scenario class deriving from an engine class (asyncio.Queue,
   * Lock, Future, ...): that class's type object (core/lang), owned;
   * inherited by subclasses. NULL otherwise. */
  sl_obj *native;
  /* owned tuple: the scenario classes after this one in its method
   * resolution order (C3), when a class in the hierarchy has several
   * bases (core/lang); NULL: the bases, depth first, are that order. */
  sl_obj *mro;
  /* owned: the class's metaclass when it is not `type` (a scenario class
   * deriving from type, abc.ABCMeta; core/lang), else NULL. */
  sl_obj *meta;
  /* owned dict or NULL: int(address) -> None for each live class that has
   * this one as a direct base (core/lang: a special method or property set
   * on a class later reaches its subclasses). Weak: a class leaves its
   * bases' dicts when it is cleared. */
  sl_obj *subclasses;
} sl_class;

/* sl_class.lang_flags */
#define SL_CLS_PLAIN      1u   /* not an exception class: object's repr, no args */
#define SL_CLS_REPR       2u   /* __repr__ */
#define SL_CLS_STR        4u   /* __str__ */
#define SL_CLS_CMP        8u   /* __eq__, __ne__, __lt__, __le__, __gt__ or __ge__ */
#define SL_CLS_HASH       16u  /* __hash__ (None included: unhashable) */
#define SL_CLS_BOOL       32u  /* __bool__ or __len__ */
#define SL_CLS_CALL       64u  /* __call__ */
#define SL_CLS_ENUM       128u /* derives from enum.Enum: repr <enum 'Color'> */
#define SL_CLS_DEL        256u /* __del__: sl_user_ops.finalize when the last reference goes */
/* Bits above are core/lang's own (descriptors, __getattr__, ...). */
#define SL_CLS_LANG_SHIFT 9

/* Rich comparison operators, in CPython's Py_LT..Py_GE order. */
enum { SL_RICH_LT, SL_RICH_LE, SL_RICH_EQ, SL_RICH_NE, SL_RICH_GT, SL_RICH_GE };

/* The data model of scenario-defined classes, implemented by core/lang
 * (sl_rt.user_ops); the engine's generic operations call these for classes
 * whose lang_flags ask for them. Contracts as the sl_type slots. */
typedef struct sl_user_ops {
  int (*call_class)(sl_rt *rt, sl_obj *cls, const sl_args *args, sl_value *out);
  int (*repr)(sl_rt *rt, sl_obj *inst, sl_strbuf *out);
  int (*str)(sl_rt *rt, sl_obj *inst, sl_strbuf *out);
  /* a <op> b where either is an instance with SL_CLS_CMP. */
  int (*richcmp)(sl_rt *rt, int op, sl_value a, sl_value b, bool *res);
  int (*hash)(sl_rt *rt, sl_obj *inst, int64_t *out);
  int (*truth)(sl_rt *rt, sl_obj *inst, bool *res);
  int (*call)(sl_rt *rt, sl_obj *inst, const sl_args *args, sl_value *out);
  /* Calls the method `name` of inst's scenario class (its own or a
   * scenario base's, never the engine class's): 1 called (*out new
   * reference), 0 the class has none, -1 error. */
  int (*method)(sl_rt *rt, sl_obj *inst, const char *name, const sl_value *argv, size_t argc,
                sl_value *out);
  /* The exceptions whose constructors take structured arguments
   * (core/lang/exc_struct.c: SyntaxError and its subclasses, the three
   * UnicodeError subclasses): the check of a new instance's arguments
   * (0 or -1 with TypeError), and str(): 1 written, 0 not such an
   * exception, -1 error. */
  int (*exc_init)(sl_rt *rt, sl_obj *exc);
  int (*exc_str)(sl_rt *rt, sl_obj *exc, sl_strbuf *out);
  /* inst.__del__() for an instance whose class has SL_CLS_DEL, when its
   * last reference goes (once per object); what it raises is reported, as
   * CPython's "Exception ignored in", never propagated. */
  void (*finalize)(sl_rt *rt, sl_obj *inst);
} sl_user_ops;

typedef struct sl_tb_entry {
  sl_obj *file; /* owned str */
  sl_obj *func; /* owned str */
  int line;
} sl_tb_entry;

typedef struct sl_exc {
  sl_obj hdr;
  sl_obj *cls;     /* owned sl_class */
  sl_obj *args;    /* owned tuple */
  sl_obj *cause;   /* owned or NULL */
  sl_obj *context; /* owned or NULL */
  bool suppress_context;
  bool finalized;  /* __del__ ran (PEP 442: at most once) */
  sl_obj *attrs;   /* owned dict (core/lang) or NULL */
  sl_tb_entry *tb; /* owned array, innermost last */
  size_t ntb, captb;
} sl_exc;

/* OSError(errno, strerror, filename[, winerror[, filename2]]) made by a
 * call of the class: the file names become attributes (e->attrs) and leave
 * args, as CPython's oserror_init does. */
int sl_os_error_init(sl_rt *rt, sl_obj *exc);

/* Creates the built-in classes of the run. */
int sl_exc_init_classes(sl_rt *rt);

/* A new class named `name` deriving from `base` (and optional base2). */
sl_obj *sl_class_new(sl_rt *rt, const char *name, const char *qualname, const char *module,
                     sl_obj *base, sl_obj *base2);
/* Whether class `cls` is `base` or derives from it. */
bool sl_class_is_subclass(const sl_obj *cls, const sl_obj *base);
static inline sl_class *sl_as_class(sl_obj *o) { return (sl_class *)o; }

/* New exception instance of class `cls` with `args` (borrowed array). */
sl_obj *sl_exc_new(sl_rt *rt, sl_obj *cls, const sl_value *args, size_t nargs);
/* New instance of built-in `id` with a single str message (NULL: no args). */
sl_obj *sl_exc_new_msg(sl_rt *rt, sl_exc_id id, const char *msg);
static inline sl_exc *sl_as_exc(sl_obj *o) { return (sl_exc *)o; }
bool sl_exc_isinstance(const sl_obj *exc, sl_exc_id id);
/* Whether v is an instance of a class with any of the SL_CLS_* `bits`. */
static inline bool sl_is_user_inst(sl_value v, uint32_t bits) {
  if (v.tag != SL_V_OBJ) return false;
  if (v.u.o->type == &sl_exc_type) return sl_as_class(sl_as_exc(v.u.o)->cls)->lang_flags & bits;
  sl_obj_ext *x = sl_obj_ext_of(v.u.o);
  return x && x->cls && (sl_as_class(x->cls)->lang_flags & bits);
}
/* The scenario class of an instance (an exception or plain instance, or an
 * engine object with an extension), or NULL. Borrowed. */
static inline sl_obj *sl_user_cls_of(sl_obj *o) {
  if (o->type == &sl_exc_type) return sl_as_exc(o)->cls;
  sl_obj_ext *x = sl_obj_ext_of(o);
  return x ? x->cls : NULL;
}
bool sl_exc_isinstance_cls(const sl_obj *exc, const sl_obj *cls);
/* A class's bases: how many (at most SL_CLASS_MAX_BASES) and the i-th
 * (borrowed). */
#define SL_CLASS_MAX_BASES 16
size_t sl_class_nbases(const sl_obj *cls);
sl_obj *sl_class_base(const sl_obj *cls, size_t i);
/* Appends "module.qualname" of o's scenario class when o is an engine
 * object with one (sl_obj_ext), else `engine_path` ("asyncio.locks.Lock"):
 * what object.__repr__ prints before " object at 0x...". */
void sl_class_path_of(sl_obj *o, const char *engine_path, sl_strbuf *out);
/* Appends one traceback entry (the frame it passed through). */
int sl_exc_add_tb(sl_rt *rt, sl_obj *exc, sl_obj *file, sl_obj *func, int line);

/* Raises a new built-in exception with a message (printf-style). Returns -1. */
int sl_raise(sl_rt *rt, sl_exc_id id, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Raises with no arguments (e.g. `CancelledError()`). Returns -1. */
int sl_raise_noargs(sl_rt *rt, sl_exc_id id);
/* Raises `exc` (borrowed; a new reference is taken). Returns -1. */
int sl_raise_obj(sl_rt *rt, sl_obj *exc);
/* True when the pending exception is an instance of `id`. */
bool sl_err_matches(sl_rt *rt, sl_exc_id id);

/* "Type: message" as traceback.format_exception_only's last line. */
int sl_exc_format_only(sl_rt *rt, sl_obj *exc, sl_strbuf *out);
/* BaseException's own str() / repr(), ignoring a scenario's overrides
 * (what BaseException.__str__ / __repr__ called explicitly do). */
int sl_exc_str_builtin(sl_rt *rt, sl_obj *o, sl_strbuf *out);
int sl_exc_repr_builtin(sl_rt *rt, sl_obj *o, sl_strbuf *out);
/* The class name of an exception instance. */
const char *sl_exc_type_name(const sl_obj *exc);

#endif
