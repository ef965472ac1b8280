/* Code objects, functions, cells and frames of the scenario VM.
 *
 * A code object (sl_code) is what the compiler produces for one scope: the
 * module body, a def, a lambda, a comprehension or a class body. It holds
 * bytecode (a flat array of sl_instr, one line number per instruction),
 * constants, the names used by global/attribute instructions, and the
 * layout of the frame (locals, cells, free variables).
 *
 * A function (sl_func) pairs a code object with its globals, defaults and
 * closure. Calling it builds a frame (sl_frame) and runs it in the VM
 * (vm.h); calling an `async def` function builds the frame inside a new
 * coroutine object instead (suspended until first sent to).
 *
 * Ownership: every sl_code, sl_func, sl_cell and sl_bound heap object owns
 * what it points to (strings, constants, tuples). A frame is not a heap
 * object: it is owned by whoever created it (the caller's C stack for a
 * plain call, the coroutine object for an async one) and freed with
 * sl_frame_free. */
#ifndef SL_LANG_CODE_H
#define SL_LANG_CODE_H

#include "core/coro.h"
#include "core/object.h"

/* The instruction set. The stack effect is noted as (before -- after). */
typedef enum sl_opcode {
  SL_OP_NOP,
  SL_OP_POP_TOP,    /* (x -- ) */
  SL_OP_COPY,       /* arg n: push stack[-n] */
  SL_OP_SWAP,       /* arg n: swap TOS and stack[-n] */
  SL_OP_LOAD_CONST, /* arg: index into consts */
  SL_OP_LOAD_FAST,  /* arg: local index */
  SL_OP_STORE_FAST,
  SL_OP_DELETE_FAST,
  SL_OP_LOAD_DEREF, /* arg: cell index (cells, then free variables) */
  SL_OP_STORE_DEREF,
  SL_OP_DELETE_DEREF,
  SL_OP_LOAD_CLOSURE, /* pushes the cell object itself (arg as LOAD_DEREF's) */
  SL_OP_LOAD_GLOBAL,  /* arg: index into names */
  SL_OP_STORE_GLOBAL,
  SL_OP_DELETE_GLOBAL,
  SL_OP_LOAD_NAME, /* class bodies: namespace, then globals, builtins */
  SL_OP_STORE_NAME,
  SL_OP_DELETE_NAME,
  SL_OP_LOAD_ATTR,  /* arg: name index (obj -- value) */
  SL_OP_STORE_ATTR, /* (value obj -- ) */
  SL_OP_DELETE_ATTR,
  SL_OP_BINARY_SUBSCR, /* (container key -- value) */
  SL_OP_STORE_SUBSCR,  /* (value container key -- ) */
  SL_OP_DELETE_SUBSCR,
  SL_OP_BUILD_SLICE, /* (start stop step -- slice) */
  SL_OP_BINARY_OP,   /* arg: sl_ast_binop */
  SL_OP_INPLACE_OP,  /* arg: sl_ast_binop */
  SL_OP_UNARY_OP,    /* arg: sl_ast_unaryop */
  SL_OP_COMPARE,     /* arg: sl_ast_cmpop (a b -- bool) */
  SL_OP_JUMP,        /* arg: target */
  SL_OP_POP_JUMP_IF_FALSE,
  SL_OP_POP_JUMP_IF_TRUE,
  SL_OP_JUMP_IF_FALSE_OR_POP,
  SL_OP_JUMP_IF_TRUE_OR_POP,
  SL_OP_GET_ITER,
  SL_OP_FOR_ITER,    /* (it -- it item) or pops `it` and jumps to arg */
  SL_OP_BUILD_TUPLE, /* arg n */
  SL_OP_BUILD_LIST,
  SL_OP_BUILD_SET,
  SL_OP_BUILD_MAP,   /* arg n pairs: (k1 v1 ... kn vn -- dict) */
  SL_OP_LIST_APPEND, /* arg i: append TOS to the list at stack[-i] (after pop) */
  SL_OP_SET_ADD,
  SL_OP_MAP_ADD, /* (... map ... k v -- ) */
  SL_OP_LIST_EXTEND,
  SL_OP_SET_UPDATE,
  SL_OP_DICT_UPDATE,
  SL_OP_LIST_TO_TUPLE,
  SL_OP_UNPACK_SEQUENCE, /* arg n */
  SL_OP_UNPACK_EX,       /* arg before | after << 8 */
  SL_OP_CALL,            /* arg n: (f a1..an -- result) */
  SL_OP_CALL_KW,         /* arg n: (f a1..an kwnames -- result); last k are keywords */
  SL_OP_CALL_EX,         /* arg 1 if kwargs: (f argtuple [kwdict] -- result) */
  SL_OP_MAKE_FUNCTION,   /* arg flags SL_MF_*: ([defaults] [kwdefaults] [closure] code -- f) */
  SL_OP_RETURN_VALUE,
  SL_OP_FORMAT_VALUE,  /* arg: conversion char | 0x100 when a spec is on TOS */
  SL_OP_BUILD_STRING,  /* arg n */
  SL_OP_RAISE,         /* arg 0 (bare), 1 (exc), 2 (exc cause) */
  SL_OP_SETUP_FINALLY, /* arg: handler; pushes a block */
  SL_OP_POP_BLOCK,
  SL_OP_PUSH_EXC_INFO,   /* (exc -- exc): becomes the handled exception */
  SL_OP_POP_EXCEPT,      /* restores the handled exception saved by PUSH_EXC_INFO */
  SL_OP_RERAISE,         /* (exc -- ): raises again, no new traceback entry */
  SL_OP_CHECK_EXC_MATCH, /* (exc type -- exc bool) */
  SL_OP_AWAIT,           /* (awaitable -- result), may suspend the frame */
  SL_OP_IMPORT_NAME,     /* arg: name index; pushes the module */
  SL_OP_BUILD_CLASS, /* arg nbases [| SL_BUILD_CLASS_KW]: (bodyfunc name b1..bn [kwdict] -- class) */
  SL_OP_LOAD_ASSERTION_ERROR,
  /* `exit exit'` below: the exit method in two slots, as LOAD_METHOD
   * leaves a method (vm-int.h sl__vm_async_with_enter). */
  SL_OP_SETUP_ASYNC_WITH, /* arg 0: (mgr -- exit exit' aw), awaited next; arg 1 (sync with): (mgr -- exit exit' result) */
  SL_OP_ASYNC_WITH_EXIT, /* arg 0 normal (exit exit' -- awaitable), 1 exceptional (exit exit' exc -- exit exit' exc awaitable) */
  SL_OP_WITH_EXIT_CHECK, /* (exit exit' exc result -- ): result true swallows, else reraise */
  SL_OP_SUPER,           /* (class self -- super object): zero-argument super() */
  SL_OP_EXC_STAR_SPLIT,  /* (rest type -- rest' match): except* matching */
  SL_OP_PREP_RERAISE_STAR, /* (orig raised rest -- exc or None) after except* */
  SL_OP_POP_JUMP_IF_NONE,  /* (x -- ): jump when x is None */
  SL_OP_GET_AITER,         /* (obj -- aiter): obj.__aiter__() */
  SL_OP_GET_ANEXT,         /* (aiter -- aiter awaitable): aiter.__anext__() */
  SL_OP_END_ASYNC_FOR, /* (aiter exc -- ): ends the loop on StopAsyncIteration, else re-raises */
  SL_OP_YIELD_VALUE,   /* (v -- sent): suspends the generator's frame, handing v out */
  SL_OP_YIELD_FROM,    /* (iterable -- result): delegates to iter(iterable) until it returns */
  /* arg: name index. (obj -- meth self): obj.name as a callable and UNDEF,
   * or, for a method of a SL_TF_STABLE_ATTRS type, its def (an UNDEF
   * value carrying the def pointer) and obj itself: no bound method. */
  SL_OP_LOAD_METHOD,
  SL_OP_CALL_METHOD, /* arg n: (meth self a1..an -- result) */
  SL_OP_LOAD_FREE,   /* arg: free variable index (into the closure) */
  SL_OP_STORE_FREE,
  /* Superinstructions (compile.c fuse): the compiler turns the LOAD_FAST
   * that starts a common sequence into one of these, leaving the rest of
   * the sequence in place. The fast path does the whole sequence and
   * skips it; otherwise the instruction runs as the LOAD_FAST it replaced
   * and the rest of the sequence runs as written, so errors, tracebacks
   * and side effects are those of the plain instructions. The stack
   * effect is LOAD_FAST's. */
  SL_OP_LOAD_FAST_ATTR, /* arg: local; LOAD_ATTR follows: an instance's attribute */
  /* arg: local x; then COPY 1, LOAD_ATTR a, LOAD_FAST|LOAD_CONST n,
   * INPLACE_OP, SWAP 2, STORE_ATTR a (`x.a += n`): int or float arithmetic
   * on an instance's attribute, in place in its dict. */
  SL_OP_LOAD_FAST_AUG_ATTR,
  /* arg: local x (LOAD_FREE_AUG: free variable x, LOAD_FREE's arg); then
   * LOAD_FAST|LOAD_CONST n, INPLACE_OP, STORE_FAST|STORE_FREE x (`x += n`):
   * int or float arithmetic on the variable, in place. The slow path runs
   * as LOAD_FAST (LOAD_FREE). */
  SL_OP_LOAD_FAST_AUG,
  SL_OP_LOAD_FREE_AUG,
  /* LOAD_FAST of a parameter the code never deletes (no DELETE_FAST of
   * it, which `del x` and the end of `except ... as x` emit): binding
   * sets every parameter, so it cannot be unbound and is not checked
   * (CPython 3.12's LOAD_FAST against LOAD_FAST_CHECK). */
  SL_OP_LOAD_FAST_BOUND,
  /* arg: constant; RETURN_VALUE follows (`return None`, the implicit
   * return at a body's end, `return 1`): the constant is returned, as the
   * two would return it (neither can fail nor call out). */
  SL_OP_LOAD_CONST_RETURN,
  /* arg: global (LOAD_GLOBAL's); LOAD_METHOD or LOAD_ATTR follows
   * (`mod.f(...)`, `mod.x`, mod a global module): the module's attribute
   * through both caches, without the module on the stack. Its stack
   * effect and slow path are LOAD_GLOBAL's. */
  SL_OP_LOAD_GLOBAL_MOD,
  /* arg: local (LOAD_FREE_METHOD: free variable); LOAD_METHOD follows
   * (`x.m(...)`): a cached method of x's type or of its class, without x
   * on the stack between. The slow path runs as LOAD_FAST (LOAD_FREE). */
  SL_OP_LOAD_FAST_METHOD,
  SL_OP_LOAD_FREE_METHOD,
  /* arg: local x; then LOAD_FAST|LOAD_CONST k, BINARY_SUBSCR (`x[k]`):
   * an item of a plain list by an int index in range. */
  SL_OP_LOAD_FAST_SUBSCR,
  /* arg: local x; then LOAD_FAST|LOAD_CONST k, COPY 2, COPY 2,
   * BINARY_SUBSCR, LOAD_FAST|LOAD_CONST n, INPLACE_OP, SWAP 3, SWAP 2,
   * STORE_SUBSCR (`x[k] += n`): int or float arithmetic on an item of a
   * plain list, in place. */
  SL_OP_LOAD_FAST_AUG_SUBSCR,
  /* arg: local x; then LOAD_FAST|LOAD_CONST k, STORE_SUBSCR (`x[k] = v`, v
   * on the stack): an item of a plain list replaced by an int index in
   * range. */
  SL_OP_LOAD_FAST_STORE_SUBSCR,
  /* `async with` (compile_stmt.c stmt_with emits these in place of a
   * sequence's first instruction, the rest stays): ASYNC_WITH_ENTER is
   * SETUP_ASYNC_WITH 0, then AWAIT, POP_TOP, SETUP_FINALLY (no `as`);
   * ASYNC_WITH_LEAVE is the normal exit's POP_BLOCK, then
   * ASYNC_WITH_EXIT 0, AWAIT, POP_TOP, JUMP. For an engine manager whose
   * __aenter__() / __aexit__() finish at once (a Lock, a Condition, a
   * Semaphore: sl_type.await_now) each does its whole sequence and skips
   * it; otherwise each runs as the instruction it replaced and the rest
   * as written. Stack effects: SETUP_ASYNC_WITH's and POP_BLOCK's. */
  SL_OP_ASYNC_WITH_ENTER,
  SL_OP_ASYNC_WITH_LEAVE,
  SL_OP_POP_JUMP_IF_NOT_NONE, /* (x -- ): jump when x is not None */
  /* Superinstructions (above) for an operator with a constant:
   * LOAD_FAST_BINOP, arg: local x; then LOAD_CONST c, BINARY_OP (`i + 1`,
   * `n % k` with k a constant); LOAD_CONST_BINOP, arg: constant c; then
   * BINARY_OP (`... % 17`: the top of the stack op c). Two ints or two
   * floats that binary_fast combines (no overflow, no zero divisor): the
   * result, with no reference taken or dropped. The slow paths run as
   * LOAD_FAST and LOAD_CONST. */
  SL_OP_LOAD_FAST_BINOP,
  SL_OP_LOAD_CONST_BINOP,
  /* arg n: CALL_METHOD n with a POP_TOP next (compile.c fuse), which stays
   * for jumps to it: the call's result dropped, the POP_TOP skipped, or,
   * for a call it leaves as CALL_METHOD's, pushed for the POP_TOP.
   * CALL_METHOD's stack effect. */
  SL_OP_CALL_METHOD_STMT,
  /* arg: local x; then LOAD_METHOD m, LOAD_FAST y, y bound on every path
   * to it (compile.c fuse, `x.m(y)`): LOAD_FAST_METHOD's fast path with
   * y pushed too, one dispatch for the three. `lst.append(y)` as a
   * statement (CALL_METHOD_STMT 1 follows) of a plain list with room:
   * y appended in place and the whole statement skipped. The slow path
   * runs as LOAD_FAST. LOAD_FAST's stack effect. */
  SL_OP_LOAD_FAST_METHOD_ARG,
  /* arg: local x, bound on every path to it (compile.c fuse); then
   * POP_JUMP_IF_NONE or POP_JUMP_IF_NOT_NONE (`if x is None:`, `while x
   * is not None:`): x tested where it is, no reference taken or dropped
   * (the local holds x throughout; `is` calls nothing), and the jump
   * taken or not, as the two would (a conditional jump counts against no
   * budget). No slow path. LOAD_FAST's stack effect. */
  SL_OP_LOAD_FAST_IS_NONE,
  SL_OP__COUNT
} sl_opcode;

/* LIST_EXTEND / DICT_UPDATE flag: building a call's arguments (the
 * callable sits below the list or the args tuple and dict). */
#define SL_EXTEND_CALL 0x10000

/* BUILD_CLASS flag: a dict of the class statement's keywords is on top. */
#define SL_BUILD_CLASS_KW 0x1000000

/* MAKE_FUNCTION flags */
#define SL_MF_DEFAULTS   1u
#define SL_MF_KWDEFAULTS 2u
#define SL_MF_CLOSURE    4u

/* sl_code.flags */
#define SL_CO_ASYNC   1u
#define SL_CO_VARARGS 2u
#define SL_CO_VARKW   4u
#define SL_CO_MODULE  8u
#define SL_CO_CLASS   16u /* a class body: names go to a namespace dict */
#define SL_CO_GENERATOR                                                                            \
  32u /* has a yield: a call makes a generator (with SL_CO_ASYNC: an async generator) */
#define SL_CO_DOC                64u /* consts[0] is the function's docstring */
/* A generator function types.coroutine marked (CO_ITERABLE_COROUTINE):
 * its generators may be awaited, as `yield from` delegates. */
#define SL_CO_ITERABLE_COROUTINE 128u

typedef struct sl_instr {
  uint8_t op;
  int32_t arg;
} sl_instr;

typedef struct sl_code {
  sl_obj hdr;
  sl_obj *name, *qualname, *filename; /* owned str */
  uint32_t flags;
  uint32_t argcount, posonly, kwonly; /* parameters; *args and **kw follow */
  uint32_t nlocals, ncells, nfree;
  sl_obj **localnames; /* owned str, nlocals (parameters first) */
  sl_obj **cellnames;  /* owned str, ncells then nfree */
  int32_t *cell2arg;   /* ncells: local index of a parameter that is a cell, or -1 */
  sl_value *consts;    /* owned */
  size_t nconsts;
  sl_obj **names; /* owned str */
  size_t nnames;
  /* owned, nnames entries: where LOAD_GLOBAL last found each name (see
   * load_global in vm.c). */
  struct sl_gcache *gcache;
  /* owned, nnames entries: where LOAD_ATTR last found each name in a
   * module's dict (`asyncio.sleep`; see load_module_attr in vm.c). */
  struct sl_gcache *acache;
  /* owned, nnames entries: the method LOAD_ATTR/LOAD_METHOD last found
   * under each name on an instance of a SL_TF_STABLE_ATTRS type. */
  struct sl_mcache *mcache;
  /* owned: one finished frame of this code kept for the next call (a
   * frame's size depends only on its code), or NULL; see sl_frame_new. */
  struct sl_frame *spare;
  sl_instr *code;
  uint32_t *lines; /* line of each instruction */
  size_t ncode;
  uint32_t stacksize, maxblocks, firstline;
} sl_code;

/* A LOAD_GLOBAL cache entry. Dict versions are unique in the process
 * (dict.c), so an equal version proves the same dict with the same keys in
 * the same entry slots; only values may have been replaced, and the entry
 * is read afresh. gversion 0: empty. */
typedef struct sl_gcache {
  uint64_t gversion; /* the globals dict's version when filled */
  uint64_t bversion; /* builtin: the builtins dict's version then */
  uint32_t ix;       /* entry index in globals, or in builtins */
  bool builtin;      /* absent from globals, found in builtins */
} sl_gcache;

/* How many classes of an MRO the instance cache below follows. */
#define SL_ICACHE_DEPTH 4

/* A method cache entry: instances of `type` (without an extension) have
 * `def` bound to themselves under this name. type NULL: empty.
 *
 * The same entry caches the name on instances of scenario classes
 * (vm_attr.c sl__vm_instance_attr): the class attribute was found at
 * position `depth` of the instance's class's MRO, in entry `ix` of that
 * class's attrs dict, when the attrs dicts of positions 0..depth had
 * versions cver[0..depth]. Dict versions are unique per thread and change
 * on every insertion and deletion, so equal versions along the same walk
 * prove the same lookup result (a version 0 dict is empty); the value is
 * read afresh, so replacing it in place needs no invalidation.
 * cver[depth] 0: empty. depth with bit 0x80 (vm_attr.c MC_ABSENT): the
 * name is in none of the classes of a whole walk, positions 0..depth
 * without the bit. `nkind` says whether the name is one that an
 * instance's lookup answers before its dict (0 not yet known, 1 plain,
 * 2 special: `args`, dunders, ...). */
typedef struct sl_mcache {
  const sl_type *type;
  const struct sl_cfunc_def *def;
  uint64_t cver[SL_ICACHE_DEPTH];
  uint32_t ix;
  /* Where the name was last found in an instance's own dict (an entry
   * index): instances of a class usually store their attributes in the
   * same order, so the next instance has it there too (dict_entry_hint). */
  uint32_t dict_hint;
  uint8_t depth, nkind;
} sl_mcache;

extern const sl_type sl_code_type;
/* A code object's repr and co_* attributes (vm_frameobj.c). */
int sl__code_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out);
int sl__code_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);
static inline sl_code *sl_as_code(sl_obj *o) { return (sl_code *)o; }

/* A cell: one variable shared between a scope and its closures. */
typedef struct sl_cell {
  sl_obj hdr;
  sl_value v; /* owned; SL_V_UNDEF when unbound */
} sl_cell;
extern const sl_type sl_cell_type;
sl_obj *sl_cell_new(sl_rt *rt, sl_value v);

/* A Python function. */
typedef struct sl_func {
  sl_obj hdr;
  sl_obj *code;       /* owned sl_code */
  sl_obj *globals;    /* owned dict */
  sl_obj *defaults;   /* owned tuple or NULL */
  sl_obj *kwdefaults; /* owned dict or NULL */
  sl_obj *closure;    /* owned tuple of cells or NULL */
  /* Attributes a program set (functools.wraps does): NULL / SL_V_UNDEF
   * until then, the code's name, qualname and docstring being the default. */
  sl_obj *name, *qualname; /* owned str or NULL */
  sl_value doc, module;    /* owned */
  sl_obj *dict;            /* owned dict of other attributes (__wrapped__, ...) or NULL */
} sl_func;
extern const sl_type sl_func_type;
static inline sl_func *sl_as_func(sl_obj *o) { return (sl_func *)o; }

/* A function bound to an instance (a user exception class's method). */
typedef struct sl_bound {
  sl_obj hdr;
  sl_value func; /* owned */
  sl_value self; /* owned */
} sl_bound;
extern const sl_type sl_bound_type;
sl_obj *sl_bound_new(sl_rt *rt, sl_value func, sl_value self);

/* ---- frames ----------------------------------------------------------- */

typedef enum sl_block_kind {
  SL_BLOCK_FINALLY, /* SETUP_FINALLY: on an exception jump to handler */
  SL_BLOCK_HANDLER, /* inside an except/finally handler: restore exc_info */
} sl_block_kind;

typedef struct sl_block {
  uint8_t kind;
  int32_t handler;
  uint32_t level;    /* value stack depth to restore */
  sl_obj *saved_exc; /* owned: HANDLER blocks: the previously handled exception */
} sl_block;

typedef struct sl_frame {
  sl_obj *code;          /* owned sl_code */
  sl_obj *globals;       /* owned dict */
  sl_obj *ns;            /* owned: class-body namespace dict, or NULL */
  struct sl_frame *back; /* borrowed: the frame that resumed/called this one */
  sl_obj *exc_info;      /* owned: the exception being handled here, or NULL */
  /* The next instruction to run (the code's first before the frame
   * starts); sl_vm_eval keeps it in a local while it runs and writes it
   * here wherever it can be observed (vm_ops-int.h). */
  const sl_instr *ip;
  uint32_t sp, nblocks;
  sl_awaiter aw;     /* the await in progress, or the `yield from` delegate */
  bool yf;           /* aw.target is a `yield from` delegate (vm_gen.c), not an awaitable */
  bool yielded;      /* the last suspension was a `yield`, not an await passing up */
  uint8_t enum_body; /* class body of an enumeration: 1 + its enum kind (auto() resolves when
                      * stored, mod_enum_class.c); 0 otherwise */
  bool borrowed;     /* code, globals and the closure are borrowed from the function
                      * being called (sl_frame_call), not owned */
  sl_value *locals;  /* owned values, code->nlocals */
  sl_obj **cells;    /* owned cells, code->ncells (the frame's own cell variables) */
  /* The free variables' cells: the closure tuple's items, read in place
   * (LOAD_FREE); NULL without a closure. The tuple is `closure`, owned,
   * or the called function's, borrowed (`borrowed`). */
  const sl_value *free;
  sl_obj *closure;
  sl_value *stack;  /* owned values, code->stacksize */
  sl_block *blocks; /* code->maxblocks */
} sl_frame;

/* A new frame for `code` (borrowed) with `globals` (borrowed) and the cells
 * of `closure` (borrowed tuple or NULL; the frame takes a reference). NULL + rt->fatal when out of
 * memory. */
sl_frame *sl_frame_new(sl_rt *rt, sl_obj *code, sl_obj *globals, sl_obj *closure);
void sl_frame_free(sl_rt *rt, sl_frame *f);
/* Calls `func` (an sl_func whose code is neither a generator nor a
 * coroutine): a frame, the arguments bound (self first unless UNDEF), the
 * code run, the frame freed; *out the result (new ref), or -1 raised.
 * The frame borrows the function's code, globals and closure cells
 * instead of taking a reference to each: the call holds a reference to
 * func while the frame lives, and a function's code, globals and closure
 * are never replaced, so they outlive the frame. Same allocations (and
 * failures) as sl_frame_new. */
int sl_frame_call(sl_rt *rt, sl_obj *func, sl_value self, const sl_args *args, sl_value *out);
/* sl_frame_call taking the caller's references to func, self (unless
 * UNDEF) and the positional arguments, whatever the outcome: the
 * interpreter's CALL leaving them on its value stack. Arguments bound in
 * order become the frame's locals without a count change, as CPython's
 * call moves them into the new frame: they die with the frame, in the
 * locals' order (or when the callee rebinds the parameter), and the
 * function after the frame. Any other binding is sl_frame_call's, the
 * references dropped after it, last argument first, then self, then
 * func. */
int sl_frame_call_move(sl_rt *rt, sl_obj *func, sl_value self, const sl_args *args, sl_value *out);
/* The function type's call of func with no arguments (a frame run, or
 * a coroutine or generator made), for a caller that holds a reference to
 * func until this returns: a plain function taking no parameter runs
 * without binding and without a reference of its own (loop.h held0).
 * The result is dropped before this returns (after the frame's end). */
int sl_frame_call_held0(sl_rt *rt, sl_obj *func);
/* The line of the instruction running or suspended in f (the def line
 * before the first one). Derived from the instruction offset when asked
 * (tracebacks, reprs, warnings) rather than stored at every instruction:
 * ip already points past the instruction the frame is in. */
static inline int sl_frame_line(const sl_frame *f) {
  const sl_code *c = sl_as_code(f->code);
  return f->ip != c->code ? (int)c->lines[f->ip - c->code - 1] : (int)c->firstline;
}

/* True when sl_func_bind would only copy the arguments in order: exactly
 * argcount positional ones (self included), no keywords, no *args,
 * **kwargs or keyword-only parameters (so no default is consulted and no
 * error is possible). */
static inline bool sl__binds_in_order(const sl_code *c, bool has_self, const sl_args *args) {
  return args->nkw == 0 && args->npos + (has_self ? 1 : 0) == c->argcount && c->kwonly == 0 &&
         !(c->flags & (SL_CO_VARARGS | SL_CO_VARKW));
}

/* The cell of variable i of f, in LOAD_DEREF's numbering: the frame's own
 * cells, then the free variables. */
static inline sl_obj *sl_frame_cell(const sl_frame *f, const sl_code *c, uint32_t i) {
  return i < c->ncells ? f->cells[i] : f->free[i - c->ncells].u.o;
}

/* Parameters captured by closures live in cells: moves them there. */
static inline void sl__frame_args_to_cells(sl_rt *rt, const sl_code *c, sl_frame *f) {
  for (uint32_t i = 0; i < c->ncells; i++) {
    int32_t a = c->cell2arg[i];
    if (a < 0) continue;
    sl_cell *cell = (sl_cell *)f->cells[i];
    sl_vset(rt, &cell->v, f->locals[a]);
    f->locals[a] = sl_undef();
  }
}

/* sl_func_bind for sl__binds_in_order: the same locals and cells. */
static inline void sl__bind_in_order(sl_rt *rt, const sl_code *c, sl_value self,
                                     const sl_args *args, sl_frame *f) {
  sl_value *l = f->locals;
  if (!sl_is_undef(self)) *l++ = sl_vincref(self);
  for (size_t i = 0; i < args->npos; i++) l[i] = sl_vincref(args->pos[i]);
  if (c->ncells) sl__frame_args_to_cells(rt, c, f);
}

/* Binds call arguments to a new frame's parameters, raising CPython's
 * TypeErrors ("f() takes 1 positional argument but 2 were given", ...).
 * `self` (SL_V_UNDEF if none) is prepended for bound methods. */
int sl_func_bind(sl_rt *rt, sl_obj *func, sl_value self, const sl_args *args, sl_frame *f);
/* Calls a function object: runs it, or returns a new coroutine object for
 * an async def. */
int sl_func_call_self(sl_rt *rt, sl_obj *func, sl_value self, const sl_args *args, sl_value *out);

/* ---- coroutines ------------------------------------------------------- */

typedef struct sl_vmcoro {
  sl_obj hdr;
  sl_frame *frame; /* owned; NULL once finished */
  sl_obj *code;    /* owned: for the qualname after the frame is gone */
  /* owned str or NULL (the code's): the function's __name__/__qualname__
   * when the program replaced them, as gen_new_with_qualname takes them */
  sl_obj *name, *qualname;
  bool started, running;
} sl_vmcoro;
extern const sl_type sl_vmcoro_type;

/* A suspended coroutine owning `f` (steals the frame). */
sl_obj *sl_vmcoro_new(sl_rt *rt, sl_frame *f);

/* ---- generators (vm_gen.c) ---------------------------------------------- */

/* A generator is laid out as a coroutine (sl_vmcoro): a frame that
 * suspends at `yield` instead of at `await`. */
extern const sl_type sl_vmgen_type;
/* A new, unstarted generator owning `f` (steals the frame). */
sl_obj *sl_vmgen_new(sl_rt *rt, sl_frame *f);
/* next(gen): 1 with *out, or -1 with StopIteration(return value) or the
 * generator's exception pending. */
int sl_vmgen_next(sl_rt *rt, sl_obj *gen, sl_value *out);
/* Async generators (vm_agen.c): a new, unstarted one owning `f`. */
extern const sl_type sl_vmagen_type;
sl_obj *sl_vmagen_new(sl_rt *rt, sl_frame *f);

/* rt->lang_func_source: a function's file and first line (borrowed from
 * its code object); false for any other callable, bound methods included,
 * as inspect.isfunction says. */
bool sl_func_source(sl_value fn, const char **file, int *line);

#endif
