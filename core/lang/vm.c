/* The bytecode interpreter: one function that runs a frame until it
 * returns, raises, or suspends at an `await` (mirrors the parts of
 * CPython's Python/ceval.c that the instruction set in code.h needs).
 *
 * Exceptions: an instruction that fails jumps to `error`, which records a
 * traceback entry for this frame and unwinds the block stack to the
 * innermost SETUP_FINALLY (pushing the exception for the handler) or out of
 * the frame. Re-raises (bare `raise`, RERAISE) skip the traceback entry, as
 * CPython's `exception_unwind` does. */
#include <string.h>

#include "core/alloc.h"
#include "core/dict-int.h"
#include "core/exc.h"
#include "core/lang/ops.h"
#include "core/lang/vm-int.h"
#include "core/str.h"
#include "core/tuple.h"

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define PEEK(n) (sp[-(n)])

static int load_global(sl_rt *rt, sl_frame *f, sl_obj *name, sl_value *out) {
  bool found = false;
  if (f->ns) {
    if (sl_dict_get(rt, f->ns, sl_obj_val(name), out, &found)) return -1;
    if (found) return 0;
  }
  if (sl_dict_get(rt, f->globals, sl_obj_val(name), out, &found)) return -1;
  if (found) return 0;
  return sl__vm_builtin(rt, sl_str_cstr(name), out);
}

/* LOAD_GLOBAL (and LOAD_NAME outside class bodies, where the namespace is
 * the globals): globals, then builtins, through the code object's cache.
 * A global lookup used to hash and compare the name's bytes in up to two
 * dicts every time (names in code objects are not the dicts' key
 * objects); now a hit costs two version compares. */
static int load_global_cached(sl_rt *rt, sl_frame *f, sl_code *co, int32_t arg, sl_value *out) {
  sl_gcache *gc = &co->gcache[arg];
  sl__htable *g = sl__as_htable(f->globals);
  sl__htable *b = sl__as_htable(sl_vm_lang(rt)->builtins);
  if (gc->gversion && gc->gversion == g->version) {
    if (!gc->builtin) {
      *out = sl_vincref(g->entries[gc->ix].value);
      return 0;
    }
    if (gc->bversion == b->version) {
      *out = sl_vincref(b->entries[gc->ix].value);
      return 0;
    }
  }
  sl_obj *name = co->names[arg];
  long ix;
  if (sl__dict_find(rt, f->globals, sl_obj_val(name), &ix)) return -1;
  if (ix >= 0) {
    *out = sl_vincref(g->entries[ix].value);
    *gc = (sl_gcache){g->version, 0, (uint32_t)ix, false};
    return 0;
  }
  if (sl__dict_find(rt, &b->hdr, sl_obj_val(name), &ix)) return -1;
  if (ix >= 0) {
    *out = sl_vincref(b->entries[ix].value);
    *gc = (sl_gcache){g->version, b->version, (uint32_t)ix, true};
    return 0;
  }
  return sl__vm_builtin(rt, sl_str_cstr(name), out);
}

/* LOAD_ATTR on a module, through the code object's cache: 1 with *out
 * set when the name is in the module's dict, 0 when the generic getattr
 * must answer (absent names, and __class__, which getattr answers before
 * looking in the dict), -1 on error. Same version argument as above. */
static int load_module_attr(sl_rt *rt, sl_code *co, int32_t arg, sl_obj *mod, sl_value *out) {
  sl_gcache *ac = &co->acache[arg];
  sl__htable *d = sl__as_htable(((sl_module *)mod)->dict);
  if (ac->gversion && ac->gversion == d->version) {
    *out = sl_vincref(d->entries[ac->ix].value);
    return 1;
  }
  sl_obj *name = co->names[arg];
  if (!strcmp(sl_str_cstr(name), "__class__")) return 0;
  long ix;
  if (sl__dict_find(rt, &d->hdr, sl_obj_val(name), &ix)) return -1;
  if (ix < 0) return 0;
  *out = sl_vincref(d->entries[ix].value);
  *ac = (sl_gcache){d->version, 0, (uint32_t)ix, false};
  return 1;
}

static int unpack(sl_rt *rt, sl_value v, size_t before, size_t after, bool star, sl_value *dst) {
  /* Collects the items, then checks the count; dst receives them in
   * stack order (last target deepest). */
  sl_obj *items = sl_list_new(rt, NULL, 0);
  if (!items) return -1;
  const sl_value *src = NULL;
  size_t n = 0;
  if (sl_is_type(v, &sl_tuple_type)) {
    src = sl_as_tuple(v.u.o)->items;
    n = sl_as_tuple(v.u.o)->len;
  } else if (sl_is_type(v, &sl_list_type)) {
    src = sl_as_list(v.u.o)->items;
    n = sl_as_list(v.u.o)->len;
  } else {
    sl_value it;
    if (sl_iter(rt, v, &it)) {
      if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_TYPE_ERROR)) {
        sl_err_clear(rt);
        sl_raise(rt, SL_EXC_TYPE_ERROR, "cannot unpack non-iterable %s object", sl_type_name(v));
      }
      sl_decref(rt, items);
      return -1;
    }
    for (;;) {
      sl_value x;
      int r = sl_iter_next(rt, it, &x);
      if (r < 0) {
        sl_vdecref(rt, it);
        sl_decref(rt, items);
        return -1;
      }
      if (r == 0) break;
      int rc = sl_list_append(rt, items, x);
      sl_vdecref(rt, x);
      if (rc) {
        sl_vdecref(rt, it);
        sl_decref(rt, items);
        return -1;
      }
    }
    sl_vdecref(rt, it);
    src = sl_as_list(items)->items;
    n = sl_as_list(items)->len;
  }
  int rc = 0;
  if (!star) {
    if (n != before) {
      /* 3.14 adds ", got N" when the length is known. */
      if (n > before && rt->profile->unpack_reports_count && !sl_is_type(v, &sl_str_type) && src != sl_as_list(items)->items)
        rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "too many values to unpack (expected %zu, got %zu)", before, n);
      else if (n > before) rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "too many values to unpack (expected %zu)", before);
      else rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "not enough values to unpack (expected %zu, got %zu)", before, n);
    } else {
      for (size_t i = 0; i < n; i++) dst[n - 1 - i] = sl_vincref(src[i]);
    }
  } else if (n < before + after) {
    rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "not enough values to unpack (expected at least %zu, got %zu)",
                  before + after, n);
  } else {
    size_t total = before + after + 1;
    sl_obj *mid = sl_list_new(rt, src + before, n - before - after);
    if (!mid) {
      rc = -1;
    } else {
      for (size_t i = 0; i < before; i++) dst[total - 1 - i] = sl_vincref(src[i]);
      dst[after] = sl_obj_val(mid);
      for (size_t i = 0; i < after; i++) dst[after - 1 - i] = sl_vincref(src[n - after + i]);
    }
  }
  sl_decref(rt, items);
  return rc;
}

/* Calls with keyword names taken from a tuple of str. */
static int call_kw(sl_rt *rt, sl_value fn, const sl_value *argv, size_t npos, const sl_value *kwv,
                   sl_obj *names, sl_value *out) {
  sl_tuple *t = sl_as_tuple(names);
  sl_obj *kwn[64];
  size_t nk = t->len < 64 ? t->len : 64;
  for (size_t i = 0; i < nk; i++) kwn[i] = t->items[i].u.o;
  sl_args a = {argv, npos, kwv, kwn, nk};
  return sl_vm_call(rt, fn, &a, out);
}

static int call_ex(sl_rt *rt, sl_value fn, sl_value args, sl_value kw, sl_value *out) {
  sl_tuple *t = sl_as_tuple(args.u.o);
  if (sl_is_undef(kw) || sl_dict_len(kw.u.o) == 0) {
    sl_args a = {t->items, t->len, NULL, NULL, 0};
    return sl_vm_call(rt, fn, &a, out);
  }
  size_t nk = sl_dict_len(kw.u.o);
  sl_value *vals = sl_malloc(nk * sizeof *vals);
  sl_obj **names = sl_malloc(nk * sizeof *names);
  if (!vals || !names) {
    sl_free(vals);
    sl_free(names);
    return sl_nomem(rt);
  }
  size_t pos = 0, i = 0;
  sl_value k, v;
  int rc = 0;
  while (sl_dict_next(kw.u.o, &pos, &k, &v)) {
    if (!sl_is_str(k)) {
      rc = sl_raise(rt, SL_EXC_TYPE_ERROR, "keywords must be strings");
      break;
    }
    names[i] = k.u.o;
    vals[i++] = v;
  }
  if (!rc) {
    sl_args a = {t->items, t->len, vals, names, i};
    rc = sl_vm_call(rt, fn, &a, out);
  }
  sl_free(vals);
  sl_free(names);
  return rc;
}

static int make_function(sl_rt *rt, sl_frame *f, unsigned flags, sl_value **spp) {
  sl_value *sp = *spp;
  sl_obj *code = POP().u.o;
  sl_obj *closure = (flags & SL_MF_CLOSURE) ? POP().u.o : NULL;
  sl_obj *kwdefaults = (flags & SL_MF_KWDEFAULTS) ? POP().u.o : NULL;
  sl_obj *defaults = (flags & SL_MF_DEFAULTS) ? POP().u.o : NULL;
  *spp = sp;
  sl_obj *o = sl_obj_alloc(rt, &sl_func_type);
  if (!o) {
    sl_decref(rt, code);
    sl_decref(rt, closure);
    sl_decref(rt, kwdefaults);
    sl_decref(rt, defaults);
    return -1;
  }
  sl_func *fn = sl_as_func(o);
  fn->code = code; /* the references popped are stolen */
  fn->closure = closure;
  fn->kwdefaults = kwdefaults;
  fn->defaults = defaults;
  fn->globals = f->globals;
  sl_incref(f->globals);
  sp = *spp;
  PUSH(sl_obj_val(o));
  *spp = sp;
  return 0;
}

static int format_value(sl_rt *rt, int32_t arg, sl_value v, sl_value spec, sl_value *out) {
  char conv = (char)(arg & 0xff);
  sl_strbuf b = SL_STRBUF_INIT;
  int rc = 0;
  sl_value x = sl_vincref(v);
  if (conv == 'r' || conv == 'a' || conv == 's') {
    rc = conv == 's' ? sl_vm_str(rt, v, &b) : sl_vm_repr(rt, v, &b);
    sl_vdecref(rt, x);
    x = sl_undef();
    if (!rc) {
      sl_obj *s = sl_str_from_buf(rt, &b);
      if (!s) rc = -1;
      else x = sl_obj_val(s);
    }
    sl_strbuf_clear(&b);
  }
  if (!rc) {
    if (sl_is_undef(spec) && sl_is_str(x)) {
      *out = x;
      sl_strbuf_free(&b);
      return 0;
    }
    if (sl_is_undef(spec)) rc = sl_vm_str(rt, x, &b);
    else rc = sl_format(rt, x, sl_str_cstr(spec.u.o), sl_as_str(spec.u.o)->len, &b);
    if (!rc) {
      sl_obj *s = sl_str_from_buf(rt, &b);
      if (!s) rc = -1;
      else *out = sl_obj_val(s);
    }
  }
  sl_vdecref(rt, x);
  sl_strbuf_free(&b);
  return rc;
}

static int build_string(sl_rt *rt, const sl_value *parts, size_t n, sl_value *out) {
  sl_strbuf b = SL_STRBUF_INIT;
  for (size_t i = 0; i < n; i++)
    if (sl_is_str(parts[i])) sl_strbuf_append(&b, sl_str_cstr(parts[i].u.o), sl_as_str(parts[i].u.o)->len);
  if (b.failed) {
    sl_strbuf_free(&b);
    return sl_nomem(rt);
  }
  sl_obj *s = sl_str_new(rt, b.data ? b.data : "", b.len);
  sl_strbuf_free(&b);
  if (!s) return -1;
  *out = sl_obj_val(s);
  return 0;
}

static int exc_match(sl_rt *rt, sl_obj *exc, sl_value type, bool *res) {
  *res = false;
  if (sl_is_type(type, &sl_class_type) && sl_class_is_subclass(type.u.o, rt->classes[SL_EXC_BASE_EXCEPTION])) {
    *res = sl_exc_isinstance_cls(exc, type.u.o);
    return 0;
  }
  if (sl_is_type(type, &sl_tuple_type)) {
    sl_tuple *t = sl_as_tuple(type.u.o);
    for (size_t i = 0; i < t->len; i++) {
      if (exc_match(rt, exc, t->items[i], res)) return -1;
      if (*res) return 0;
    }
    return 0;
  }
  return sl_raise(rt, SL_EXC_TYPE_ERROR,
                  "catching classes that do not inherit from BaseException is not allowed");
}

static int push_block(sl_rt *rt, sl_frame *f, sl_block_kind kind, int32_t handler, uint32_t level) {
  if (f->nblocks >= sl_as_code(f->code)->maxblocks) return sl_rt_fatal(rt, SL_ECORRUPT);
  f->blocks[f->nblocks++] = (sl_block){(uint8_t)kind, handler, level, NULL};
  return 0;
}

static int unbound_local(sl_rt *rt, sl_obj *name) {
  return sl_raise(rt, SL_EXC_UNBOUND_LOCAL_ERROR,
                  "cannot access local variable '%s' where it is not associated with a value",
                  sl_str_cstr(name));
}

static int unbound_cell(sl_rt *rt, sl_code *co, int32_t i) {
  if ((uint32_t)i < co->ncells) return unbound_local(rt, co->cellnames[i]);
  return sl_raise(rt, SL_EXC_NAME_ERROR,
                  "cannot access free variable '%s' where it is not associated with a value in enclosing scope",
                  sl_str_cstr(co->cellnames[i]));
}

sl_coro_status sl_vm_eval(sl_rt *rt, sl_frame *f, sl_resume mode, sl_value sendv, sl_obj *thrown,
                          sl_value *out) {
  sl_lang *L = sl_vm_lang(rt);
  sl_code *co = sl_as_code(f->code);
  const sl_instr *code = co->code;
  sl_value *sp = f->stack + f->sp;
  sl_value res = sl_none();
  sl_coro_status st = SL_CORO_ERROR;
  bool set_ctx = true, add_tb = true;
  *out = sl_none();
  if (rt->recursion_depth > SL_MAX_RECURSION) {
    sl_raise(rt, SL_EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
    return SL_CORO_ERROR;
  }
  rt->recursion_depth++;
  f->back = L->frame;
  L->frame = f;

  if (mode == SL_RESUME_SEND && sl_await_active(&f->aw)) {
    st = sl_await_send(rt, &f->aw, sendv, &res);
    goto await_done;
  }
  if (mode == SL_RESUME_THROW) {
    set_ctx = false;
    if (sl_await_active(&f->aw)) {
      st = sl_await_throw(rt, &f->aw, thrown, &res);
      goto await_done;
    }
    sl_raise_obj(rt, thrown);
    goto error;
  }

dispatch:
  for (;;) {
    if (f->ip >= co->ncode) {
      sl_rt_fatal(rt, SL_ECORRUPT);
      goto exit_error;
    }
    const sl_instr *in = &code[f->ip++];
    int32_t arg = in->arg;
    f->line = (int)co->lines[f->ip - 1];
    switch ((sl_opcode)in->op) {
    case SL_OP_NOP: break;
    case SL_OP_POP_TOP: sl_vdecref(rt, POP()); break;
    case SL_OP_COPY: {
      sl_value v = PEEK(arg);
      PUSH(sl_vincref(v));
      break;
    }
    case SL_OP_SWAP: {
      sl_value t = sp[-1];
      sp[-1] = sp[-arg];
      sp[-arg] = t;
      break;
    }
    case SL_OP_LOAD_CONST: PUSH(sl_vincref(co->consts[arg])); break;
    case SL_OP_LOAD_FAST:
      if (sl_is_undef(f->locals[arg])) {
        unbound_local(rt, co->localnames[arg]);
        goto error;
      }
      PUSH(sl_vincref(f->locals[arg]));
      break;
    case SL_OP_STORE_FAST: sl_vset(rt, &f->locals[arg], POP()); break;
    case SL_OP_DELETE_FAST:
      if (sl_is_undef(f->locals[arg])) {
        unbound_local(rt, co->localnames[arg]);
        goto error;
      }
      sl_vset(rt, &f->locals[arg], sl_undef());
      break;
    case SL_OP_LOAD_DEREF: {
      sl_cell *cell = (sl_cell *)f->cells[arg];
      if (sl_is_undef(cell->v)) {
        unbound_cell(rt, co, arg);
        goto error;
      }
      PUSH(sl_vincref(cell->v));
      break;
    }
    case SL_OP_STORE_DEREF: sl_vset(rt, &((sl_cell *)f->cells[arg])->v, POP()); break;
    case SL_OP_DELETE_DEREF: {
      sl_cell *cell = (sl_cell *)f->cells[arg];
      if (sl_is_undef(cell->v)) {
        unbound_cell(rt, co, arg);
        goto error;
      }
      sl_vset(rt, &cell->v, sl_undef());
      break;
    }
    case SL_OP_LOAD_CLOSURE:
      sl_incref(f->cells[arg]);
      PUSH(sl_obj_val(f->cells[arg]));
      break;
    case SL_OP_LOAD_GLOBAL:
    case SL_OP_LOAD_NAME: {
      sl_value v;
      if (in->op == SL_OP_LOAD_GLOBAL || !f->ns) {
        if (load_global_cached(rt, f, co, arg, &v)) goto error;
        PUSH(v);
        break;
      }
      sl_obj *ns = f->ns;
      if (in->op == SL_OP_LOAD_GLOBAL) f->ns = NULL;
      int rc = load_global(rt, f, co->names[arg], &v);
      f->ns = ns;
      if (rc) goto error;
      PUSH(v);
      break;
    }
    case SL_OP_STORE_GLOBAL:
    case SL_OP_STORE_NAME: {
      sl_value v = POP();
      sl_obj *d = in->op == SL_OP_STORE_NAME && f->ns ? f->ns : f->globals;
      int rc = sl_dict_set(rt, d, sl_obj_val(co->names[arg]), v);
      sl_vdecref(rt, v);
      if (rc) goto error;
      break;
    }
    case SL_OP_DELETE_GLOBAL:
    case SL_OP_DELETE_NAME: {
      sl_obj *d = in->op == SL_OP_DELETE_NAME && f->ns ? f->ns : f->globals;
      bool found = false;
      if (sl_dict_del(rt, d, sl_obj_val(co->names[arg]), &found)) goto error;
      if (!found) {
        sl_raise(rt, SL_EXC_NAME_ERROR, "name '%s' is not defined", sl_str_cstr(co->names[arg]));
        goto error;
      }
      break;
    }
    case SL_OP_LOAD_ATTR: {
      sl_value obj = POP(), v;
      int rc = sl_is_type(obj, &sl_module_type) ? load_module_attr(rt, co, arg, obj.u.o, &v) : 0;
      if (rc > 0) rc = 0;
      else if (rc == 0) rc = sl_vm_getattr(rt, obj, sl_str_cstr(co->names[arg]), &v);
      sl_vdecref(rt, obj);
      if (rc) goto error;
      PUSH(v);
      break;
    }
    case SL_OP_STORE_ATTR: {
      sl_value obj = POP(), v = POP();
      int rc = sl_vm_setattr(rt, obj, sl_str_cstr(co->names[arg]), v);
      sl_vdecref(rt, obj);
      sl_vdecref(rt, v);
      if (rc) goto error;
      break;
    }
    case SL_OP_DELETE_ATTR: {
      sl_value obj = POP();
      int rc = sl_vm_setattr(rt, obj, sl_str_cstr(co->names[arg]), sl_undef());
      sl_vdecref(rt, obj);
      if (rc) goto error;
      break;
    }
    case SL_OP_BINARY_SUBSCR: {
      sl_value key = POP(), cont = POP(), v;
      int rc = sl_getitem(rt, cont, key, &v);
      sl_vdecref(rt, key);
      sl_vdecref(rt, cont);
      if (rc) goto error;
      PUSH(v);
      break;
    }
    case SL_OP_STORE_SUBSCR: {
      sl_value key = POP(), cont = POP(), v = POP();
      int rc = sl_setitem(rt, cont, key, v);
      sl_vdecref(rt, key);
      sl_vdecref(rt, cont);
      sl_vdecref(rt, v);
      if (rc) goto error;
      break;
    }
    case SL_OP_DELETE_SUBSCR: {
      sl_value key = POP(), cont = POP();
      int rc = sl_delitem(rt, cont, key);
      sl_vdecref(rt, key);
      sl_vdecref(rt, cont);
      if (rc) goto error;
      break;
    }
    case SL_OP_BUILD_SLICE: {
      sl_value step = POP(), stop = POP(), start = POP();
      sl_obj *s = sl_slice_new(rt, start, stop, step);
      sl_vdecref(rt, step);
      sl_vdecref(rt, stop);
      sl_vdecref(rt, start);
      if (!s) goto error;
      PUSH(sl_obj_val(s));
      break;
    }
    case SL_OP_BINARY_OP:
    case SL_OP_INPLACE_OP: {
      sl_value b = POP(), a = POP(), v;
      int rc = in->op == SL_OP_BINARY_OP ? sl_binary_op(rt, (sl_ast_binop)arg, a, b, &v)
                                         : sl_inplace_op(rt, (sl_ast_binop)arg, a, b, &v);
      sl_vdecref(rt, a);
      sl_vdecref(rt, b);
      if (rc) goto error;
      PUSH(v);
      break;
    }
    case SL_OP_UNARY_OP: {
      sl_value a = POP(), v;
      int rc;
      if (arg == SL_UNARY_NOT) {
        bool t = false;
        rc = sl_truth(rt, a, &t);
        v = sl_bool(!t);
      } else {
        rc = sl_unary_op(rt, (sl_ast_unaryop)arg, a, &v);
      }
      sl_vdecref(rt, a);
      if (rc) goto error;
      PUSH(v);
      break;
    }
    case SL_OP_COMPARE: {
      sl_value b = POP(), a = POP();
      bool r = false;
      int rc = sl_compare(rt, (sl_ast_cmpop)arg, a, b, &r);
      sl_vdecref(rt, a);
      sl_vdecref(rt, b);
      if (rc) goto error;
      PUSH(sl_bool(r));
      break;
    }
    case SL_OP_JUMP:
      /* Every loop jumps backwards: the one place an endless loop with no
       * await (which would never let the event loop step) is bounded. */
      if ((uint32_t)arg < f->ip && L->max_iterations && ++L->iterations > L->max_iterations) {
        sl_rt_fatal(rt, SL_EBUDGET);
        goto exit_error;
      }
      f->ip = (uint32_t)arg;
      break;
    case SL_OP_POP_JUMP_IF_FALSE:
    case SL_OP_POP_JUMP_IF_TRUE: {
      sl_value v = POP();
      bool t = false;
      int rc = sl_truth(rt, v, &t);
      sl_vdecref(rt, v);
      if (rc) goto error;
      if (t == (in->op == SL_OP_POP_JUMP_IF_TRUE)) f->ip = (uint32_t)arg;
      break;
    }
    case SL_OP_JUMP_IF_FALSE_OR_POP:
    case SL_OP_JUMP_IF_TRUE_OR_POP: {
      bool t = false;
      if (sl_truth(rt, TOP(), &t)) goto error;
      if (t == (in->op == SL_OP_JUMP_IF_TRUE_OR_POP)) f->ip = (uint32_t)arg;
      else sl_vdecref(rt, POP());
      break;
    }
    case SL_OP_GET_ITER: {
      sl_value v = POP(), it;
      int rc = sl_iter(rt, v, &it);
      sl_vdecref(rt, v);
      if (rc) goto error;
      PUSH(it);
      break;
    }
    case SL_OP_FOR_ITER: {
      sl_value item;
      int r = sl_iter_next(rt, TOP(), &item);
      if (r < 0) goto error;
      if (r == 0) {
        sl_vdecref(rt, POP());
        f->ip = (uint32_t)arg;
      } else {
        PUSH(item);
      }
      break;
    }
    case SL_OP_BUILD_TUPLE:
    case SL_OP_BUILD_LIST: {
      sl_obj *o = in->op == SL_OP_BUILD_TUPLE ? sl_tuple_new(rt, sp - arg, (size_t)arg)
                                              : sl_list_new(rt, arg ? sp - arg : NULL, (size_t)arg);
      if (!o) goto error;
      for (int32_t i = 0; i < arg; i++) sl_vdecref(rt, POP());
      PUSH(sl_obj_val(o));
      break;
    }
    case SL_OP_BUILD_SET: {
      sl_obj *o = sl_set_new(rt);
      if (!o) goto error;
      int rc = 0;
      for (int32_t i = arg; i > 0 && !rc; i--) rc = sl_set_add(rt, o, PEEK(i));
      for (int32_t i = 0; i < arg; i++) sl_vdecref(rt, POP());
      PUSH(sl_obj_val(o));
      if (rc) goto error;
      break;
    }
    case SL_OP_BUILD_MAP: {
      sl_obj *o = sl_dict_new(rt);
      if (!o) goto error;
      int rc = 0;
      for (int32_t i = arg; i > 0 && !rc; i--) rc = sl_dict_set(rt, o, PEEK(2 * i), PEEK(2 * i - 1));
      for (int32_t i = 0; i < 2 * arg; i++) sl_vdecref(rt, POP());
      PUSH(sl_obj_val(o));
      if (rc) goto error;
      break;
    }
    case SL_OP_LIST_APPEND:
    case SL_OP_SET_ADD: {
      sl_value v = POP();
      sl_obj *c = PEEK(arg).u.o;
      int rc = in->op == SL_OP_LIST_APPEND ? sl_list_append(rt, c, v) : sl_set_add(rt, c, v);
      sl_vdecref(rt, v);
      if (rc) goto error;
      break;
    }
    case SL_OP_MAP_ADD: {
      sl_value v = POP(), k = POP();
      int rc = sl_dict_set(rt, PEEK(arg).u.o, k, v);
      sl_vdecref(rt, k);
      sl_vdecref(rt, v);
      if (rc) goto error;
      break;
    }
    case SL_OP_LIST_EXTEND:
    case SL_OP_SET_UPDATE:
    case SL_OP_DICT_UPDATE: {
      sl_value v = POP();
      int32_t depth = arg & ~SL_EXTEND_CALL;
      /* In a call the callable is below the list (and the args tuple). */
      sl_value fn = (arg & SL_EXTEND_CALL) ? PEEK(depth + (in->op == SL_OP_DICT_UPDATE ? 2 : 1)) : sl_undef();
      int rc = sl__vm_extend(rt, (sl_opcode)in->op, PEEK(depth).u.o, v, fn);
      sl_vdecref(rt, v);
      if (rc) goto error;
      break;
    }
    case SL_OP_LIST_TO_TUPLE: {
      sl_value l = POP();
      sl_obj *t = sl_tuple_new(rt, sl_as_list(l.u.o)->items, sl_as_list(l.u.o)->len);
      sl_vdecref(rt, l);
      if (!t) goto error;
      PUSH(sl_obj_val(t));
      break;
    }
    case SL_OP_UNPACK_SEQUENCE:
    case SL_OP_UNPACK_EX: {
      sl_value v = POP();
      bool star = in->op == SL_OP_UNPACK_EX;
      size_t before = star ? (size_t)(arg & 0xff) : (size_t)arg, after = star ? (size_t)(arg >> 8) : 0;
      int rc = unpack(rt, v, before, after, star, sp);
      sl_vdecref(rt, v);
      if (rc) goto error;
      sp += before + after + (star ? 1 : 0);
      break;
    }
    case SL_OP_CALL: {
      sl_value *argv = sp - arg, fn = argv[-1], v;
      sl_args a = {argv, (size_t)arg, NULL, NULL, 0};
      int rc = sl_vm_call(rt, fn, &a, &v);
      for (int32_t i = 0; i <= arg; i++) sl_vdecref(rt, POP());
      if (rc) goto error;
      PUSH(v);
      break;
    }
    case SL_OP_CALL_KW: {
      sl_value names = POP();
      size_t nk = sl_as_tuple(names.u.o)->len;
      sl_value *argv = sp - arg, fn = argv[-1], v;
      int rc = call_kw(rt, fn, argv, (size_t)arg - nk, sp - nk, names.u.o, &v);
      sl_vdecref(rt, names);
      for (int32_t i = 0; i <= arg; i++) sl_vdecref(rt, POP());
      if (rc) goto error;
      PUSH(v);
      break;
    }
    case SL_OP_CALL_EX: {
      sl_value kw = arg ? POP() : sl_undef();
      sl_value args = POP(), fn = POP(), v;
      int rc = call_ex(rt, fn, args, kw, &v);
      sl_vdecref(rt, kw);
      sl_vdecref(rt, args);
      sl_vdecref(rt, fn);
      if (rc) goto error;
      PUSH(v);
      break;
    }
    case SL_OP_MAKE_FUNCTION:
      if (make_function(rt, f, (unsigned)arg, &sp)) goto error;
      break;
    case SL_OP_RETURN_VALUE:
      *out = POP();
      st = SL_CORO_RETURN;
      goto exit;
    case SL_OP_FORMAT_VALUE: {
      sl_value spec = (arg & 0x100) ? POP() : sl_undef();
      sl_value v = POP(), s;
      int rc = format_value(rt, arg, v, spec, &s);
      sl_vdecref(rt, spec);
      sl_vdecref(rt, v);
      if (rc) goto error;
      PUSH(s);
      break;
    }
    case SL_OP_BUILD_STRING: {
      sl_value s;
      int rc = build_string(rt, sp - arg, (size_t)arg, &s);
      for (int32_t i = 0; i < arg; i++) sl_vdecref(rt, POP());
      if (rc) goto error;
      PUSH(s);
      break;
    }
    case SL_OP_RAISE: {
      sl_value cause = arg == 2 ? POP() : sl_undef();
      sl_value exc = arg >= 1 ? POP() : sl_undef();
      int rc = sl__vm_do_raise(rt, exc, cause);
      sl_vdecref(rt, exc);
      sl_vdecref(rt, cause);
      set_ctx = false;
      if (rc == 1) add_tb = false; /* bare raise: re-raise as is */
      goto error;
    }
    case SL_OP_SETUP_FINALLY:
      if (push_block(rt, f, SL_BLOCK_FINALLY, arg, (uint32_t)(sp - f->stack))) goto exit_error;
      break;
    case SL_OP_POP_BLOCK: f->nblocks--; break;
    case SL_OP_PUSH_EXC_INFO: {
      if (push_block(rt, f, SL_BLOCK_HANDLER, -1, (uint32_t)(sp - f->stack - 1))) goto exit_error;
      f->blocks[f->nblocks - 1].saved_exc = f->exc_info;
      f->exc_info = TOP().u.o;
      sl_incref(f->exc_info);
      break;
    }
    case SL_OP_POP_EXCEPT: {
      sl_block *b = &f->blocks[--f->nblocks];
      sl_obj *old = f->exc_info;
      f->exc_info = b->saved_exc;
      b->saved_exc = NULL;
      sl_decref(rt, old);
      break;
    }
    case SL_OP_RERAISE: {
      sl_value exc = POP();
      sl_err_restore(rt, exc.u.o);
      set_ctx = false;
      add_tb = false;
      goto error;
    }
    case SL_OP_CHECK_EXC_MATCH: {
      sl_value type = POP();
      bool r = false;
      int rc = exc_match(rt, TOP().u.o, type, &r);
      sl_vdecref(rt, type);
      if (rc) goto error;
      PUSH(sl_bool(r));
      break;
    }
    case SL_OP_AWAIT: {
      sl_value v = POP();
      st = sl_await_begin(rt, &f->aw, v, &res);
      sl_vdecref(rt, v);
      goto await_done;
    }
    case SL_OP_IMPORT_NAME: {
      sl_value m;
      if (sl_vm_import(rt, sl_str_cstr(co->names[arg]), &m)) goto error;
      PUSH(m);
      break;
    }
    case SL_OP_BUILD_CLASS: {
      sl_value *bases = sp - arg, v;
      int rc = sl_vm_build_class(rt, bases[-2], bases[-1].u.o, bases, (size_t)arg, &v);
      for (int32_t i = 0; i < arg + 2; i++) sl_vdecref(rt, POP());
      if (rc) goto error;
      PUSH(v);
      break;
    }
    case SL_OP_LOAD_ASSERTION_ERROR:
      sl_incref(rt->classes[SL_EXC_ASSERTION_ERROR]);
      PUSH(sl_obj_val(rt->classes[SL_EXC_ASSERTION_ERROR]));
      break;
    case SL_OP_SETUP_ASYNC_WITH: {
      sl_value mgr = POP(), exit_fn, aw;
      int rc = sl__vm_async_with_enter(rt, mgr, &exit_fn, &aw);
      sl_vdecref(rt, mgr);
      if (rc) goto error;
      PUSH(exit_fn);
      PUSH(aw);
      break;
    }
    case SL_OP_ASYNC_WITH_EXIT: {
      sl_value v;
      if (arg == 0) {
        sl_value exit_fn = POP();
        int rc = sl__vm_async_with_exit(rt, exit_fn, NULL, &v);
        sl_vdecref(rt, exit_fn);
        if (rc) goto error;
      } else if (sl__vm_async_with_exit(rt, PEEK(2), TOP().u.o, &v)) {
        goto error;
      }
      PUSH(v);
      break;
    }
    case SL_OP_WITH_EXIT_CHECK: {
      sl_value r = POP(), exc = POP(), exit_fn = POP();
      bool t = false;
      int rc = sl_truth(rt, r, &t);
      sl_vdecref(rt, r);
      sl_vdecref(rt, exit_fn);
      if (rc) {
        sl_vdecref(rt, exc);
        goto error;
      }
      if (t) {
        sl_vdecref(rt, exc);
        break;
      }
      sl_err_restore(rt, exc.u.o);
      set_ctx = false;
      add_tb = false;
      goto error;
    }
    case SL_OP_SUPER: {
      sl_value self = POP(), cls = POP(), v;
      int rc = sl__vm_super_new(rt, cls, self, &v);
      sl_vdecref(rt, self);
      sl_vdecref(rt, cls);
      if (rc) goto error;
      PUSH(v);
      break;
    }
    case SL_OP_EXC_STAR_SPLIT: {
      sl_value type = POP(), rest = POP(), nrest, match;
      int rc = sl__vm_star_split(rt, rest, type, &nrest, &match);
      sl_vdecref(rt, type);
      sl_vdecref(rt, rest);
      if (rc) goto error;
      PUSH(nrest);
      PUSH(match);
      break;
    }
    case SL_OP_PREP_RERAISE_STAR: {
      sl_value rest = POP(), raised = POP(), orig = POP(), v;
      int rc = sl__vm_star_prep(rt, orig, raised, rest, &v);
      sl_vdecref(rt, rest);
      sl_vdecref(rt, raised);
      sl_vdecref(rt, orig);
      if (rc) goto error;
      PUSH(v);
      break;
    }
    case SL_OP_POP_JUMP_IF_NONE: {
      sl_value v = POP();
      if (sl_is_none(v)) f->ip = (uint32_t)arg;
      sl_vdecref(rt, v);
      break;
    }
    case SL_OP_GET_AITER:
    case SL_OP_GET_ANEXT: {
      bool first = in->op == SL_OP_GET_AITER;
      sl_value obj = first ? POP() : TOP(), v;
      int rc = sl__vm_call_method0(rt, obj, first ? "__aiter__" : "__anext__", &v);
      if (first) sl_vdecref(rt, obj);
      if (rc) {
        if (rt->exc && sl_exc_isinstance(rt->exc, SL_EXC_ATTRIBUTE_ERROR)) {
          sl_err_clear(rt);
          sl_raise(rt, SL_EXC_TYPE_ERROR, first ? "'async for' requires an object with __aiter__ method, got %s"
                                                : "'async for' received an invalid object from __aiter__: %s",
                   sl_type_name(obj));
        }
        goto error;
      }
      PUSH(v);
      break;
    }
    case SL_OP_END_ASYNC_FOR: {
      sl_value exc = POP(), it = POP();
      sl_vdecref(rt, it);
      if (sl_exc_isinstance(exc.u.o, SL_EXC_STOP_ASYNC_ITERATION)) {
        sl_vdecref(rt, exc);
        break;
      }
      sl_err_restore(rt, exc.u.o);
      set_ctx = false;
      add_tb = false;
      goto error;
    }
    case SL_OP__COUNT:
    default: sl_rt_fatal(rt, SL_ECORRUPT); goto exit_error;
    }
  }

await_done:
  if (st == SL_CORO_YIELD) {
    *out = res;
    goto exit;
  }
  if (st == SL_CORO_RETURN) {
    PUSH(res);
    goto dispatch;
  }
  /* fall through: the awaited thing raised */

error:
  if (rt->fatal || !rt->exc) {
    if (!rt->fatal && !rt->exc) sl_rt_fatal(rt, SL_ECORRUPT);
    goto exit_error;
  }
  if (set_ctx && sl_as_exc(rt->exc)->ntb == 0) sl__vm_set_context(rt, rt->exc);
  if (add_tb && sl_exc_add_tb(rt, rt->exc, co->filename, co->qualname, f->line)) goto exit_error;
  set_ctx = true;
  add_tb = true;
  while (f->nblocks) {
    sl_block *b = &f->blocks[--f->nblocks];
    while (sp > f->stack + b->level) sl_vdecref(rt, POP());
    if (b->kind == SL_BLOCK_HANDLER) {
      sl_obj *old = f->exc_info;
      f->exc_info = b->saved_exc;
      b->saved_exc = NULL;
      sl_decref(rt, old);
      continue;
    }
    PUSH(sl_obj_val(sl_err_fetch(rt)));
    f->ip = (uint32_t)b->handler;
    goto dispatch;
  }

exit_error:
  st = SL_CORO_ERROR;
exit:
  f->sp = (uint32_t)(sp - f->stack);
  L->frame = f->back;
  rt->recursion_depth--;
  return st;
}
