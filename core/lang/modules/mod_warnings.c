/* The `warnings` module (Lib/warnings.py and Python/_warnings.c): warn(),
 * the filters (filterwarnings, simplefilter, resetwarnings, the default
 * list CPython starts with), the registries that show a "default" warning
 * once per line, showwarning/formatwarning (writing to sys.stderr, the
 * source line from the program's own file) and catch_warnings(record=True).
 *
 * warn() is C: it needs the calling frame at `stacklevel` (its file, line
 * and globals, whose __warningregistry__ it keeps as CPython does) and, on
 * the "error" action, raises at the caller's line, not inside the module.
 * The rest is Python source of our own, run in the module's namespace at
 * import (its functions are the module's attributes, as warnings.py's are,
 * so a program replacing warnings.showwarning is obeyed). Filter patterns
 * are CPython's regular expressions; simloop has no `re`, so they are
 * matched by a small matcher of literal text, '.', '*', '+', '?', '^', '$',
 * \d \w \s and escapes, and any other pattern is refused with
 * NotImplementedError. */
#include <string.h>

#include "core/cfunc.h"
#include "core/dict.h"
#include "core/exc.h"
#include "core/lang/code.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/value.h"
#include "core/lang/vm-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/strbuf.h"

static const char SOURCE[] =
    "import sys\n"
    "\n"
    "_filters_version = 1\n"
    "defaultaction = 'default'\n"
    "onceregistry = {}\n"
    "_onceregistry = onceregistry\n"
    "filters = [('default', None, DeprecationWarning, '__main__', 0),\n"
    "           ('ignore', None, DeprecationWarning, None, 0),\n"
    "           ('ignore', None, PendingDeprecationWarning, None, 0),\n"
    "           ('ignore', None, ImportWarning, None, 0),\n"
    "           ('ignore', None, ResourceWarning, None, 0)]\n"
    "_ACTIONS = ('error', 'ignore', 'always', 'default', 'module', 'once')\n"
    "\n"
    "\n"
    "def _filters_mutated():\n"
    "    global _filters_version\n"
    "    _filters_version += 1\n"
    "\n"
    "\n"
    "class _Pattern:\n"
    "    def __init__(self, pattern, icase):\n"
    "        self.pattern = pattern\n"
    "        self._icase = icase\n"
    "        self._toks = _parse(pattern)\n"
    "\n"
    "    def __eq__(self, other):\n"
    "        return (isinstance(other, _Pattern) and self.pattern == other.pattern\n"
    "                and self._icase == other._icase)\n"
    "\n"
    "    def __hash__(self):\n"
    "        return hash(self.pattern)\n"
    "\n"
    "    def __repr__(self):\n"
    "        if self._icase:\n"
    "            return 're.compile(%r, re.IGNORECASE)' % (self.pattern,)\n"
    "        return 're.compile(%r)' % (self.pattern,)\n"
    "\n"
    "    def match(self, text):\n"
    "        return _match(self._toks, 0, text, 0, self._icase)\n"
    "\n"
    "\n"
    "def _parse(pattern):\n"
    "    toks = []\n"
    "    i = 0\n"
    "    while i < len(pattern):\n"
    "        c = pattern[i]\n"
    "        i += 1\n"
    "        if c == '\\\\' and i < len(pattern):\n"
    "            c = pattern[i]\n"
    "            i += 1\n"
    "            if c == 'Z':\n"
    "                toks.append(['end', '', None])\n"
    "                continue\n"
    "            toks.append(['class' if c in 'dwsDWS' else 'lit', c, None])\n"
    "        elif c in '*+?':\n"
    "            if not toks or toks[-1][2] is not None or toks[-1][0] == 'end':\n"
    "                raise NotImplementedError('simloop: warnings filter pattern %r' % "
    "(pattern,))\n"
    "            toks[-1][2] = c\n"
    "        elif c == '.':\n"
    "            toks.append(['any', c, None])\n"
    "        elif c == '^' and i == 1:\n"
    "            pass\n"
    "        elif c == '$' and i == len(pattern):\n"
    "            toks.append(['end', '\\n', None])\n"
    "        elif c in '^$[](){}|':\n"
    "            raise NotImplementedError(\n"
    "                'simloop: warnings filter patterns are literal text with . * + ? ^ $ '\n"
    "                'and \\\\d \\\\w \\\\s (no re module): %r' % (pattern,))\n"
    "        else:\n"
    "            toks.append(['lit', c, None])\n"
    "    return toks\n"
    "\n"
    "\n"
    "def _one(kind, c, ch, icase):\n"
    "    if kind == 'any':\n"
    "        return ch != '\\n'\n"
    "    if kind == 'class':\n"
    "        low = c.lower()\n"
    "        if low == 'd':\n"
    "            yes = ch.isdigit()\n"
    "        elif low == 'w':\n"
    "            yes = ch.isalnum() or ch == '_'\n"
    "        else:\n"
    "            yes = ch.isspace()\n"
    "        return yes if c == low else not yes\n"
    "    return ch == c or (icase and ch.lower() == c.lower())\n"
    "\n"
    "\n"
    "def _match(toks, i, text, j, icase):\n"
    "    if i == len(toks):\n"
    "        return True\n"
    "    kind, c, q = toks[i]\n"
    "    if kind == 'end':\n"
    "        rest = text[j:]\n"
    "        return (rest == '' or rest == c) and _match(toks, i + 1, text, j, icase)\n"
    "    if q is None:\n"
    "        return (j < len(text) and _one(kind, c, text[j], icase)\n"
    "                and _match(toks, i + 1, text, j + 1, icase))\n"
    "    lo = 1 if q == '+' else 0\n"
    "    hi = 1 if q == '?' else len(text) - j\n"
    "    n = 0\n"
    "    while n < hi and j + n < len(text) and _one(kind, c, text[j + n], icase):\n"
    "        n += 1\n"
    "    while n >= lo:\n"
    "        if _match(toks, i + 1, text, j + n, icase):\n"
    "            return True\n"
    "        n -= 1\n"
    "    return False\n"
    "\n"
    "\n"
    "def _matches(pattern, text):\n"
    "    if pattern is None:\n"
    "        return True\n"
    "    if isinstance(pattern, str):\n"
    "        return pattern == text\n"
    "    return bool(pattern.match(text))\n"
    "\n"
    "\n"
    "def _add_filter(*item, append):\n"
    "    if not append:\n"
    "        try:\n"
    "            filters.remove(item)\n"
    "        except ValueError:\n"
    "            pass\n"
    "        filters.insert(0, item)\n"
    "    elif item not in filters:\n"
    "        filters.append(item)\n"
    "    _filters_mutated()\n"
    "\n"
    "\n"
    "def filterwarnings(action, message='', category=Warning, module='', lineno=0,\n"
    "                   append=False):\n"
    "    assert action in _ACTIONS, 'invalid action: %r' % (action,)\n"
    "    assert isinstance(message, str), 'message must be a string'\n"
    "    assert isinstance(category, type), 'category must be a class'\n"
    "    assert issubclass(category, Warning), 'category must be a Warning subclass'\n"
    "    assert isinstance(module, str), 'module must be a string'\n"
    "    assert isinstance(lineno, int) and lineno >= 0, 'lineno must be an int >= 0'\n"
    "    _add_filter(action, _Pattern(message, True) if message else None, category,\n"
    "                _Pattern(module, False) if module else None, lineno, append=append)\n"
    "\n"
    "\n"
    "def simplefilter(action, category=Warning, lineno=0, append=False):\n"
    "    assert action in _ACTIONS, 'invalid action: %r' % (action,)\n"
    "    assert isinstance(lineno, int) and lineno >= 0, 'lineno must be an int >= 0'\n"
    "    _add_filter(action, None, category, None, lineno, append=append)\n"
    "\n"
    "\n"
    "def resetwarnings():\n"
    "    filters[:] = []\n"
    "    _filters_mutated()\n"
    "\n"
    "\n"
    "class WarningMessage(object):\n"
    "    _WARNING_DETAILS = ('message', 'category', 'filename', 'lineno', 'file',\n"
    "                        'line', 'source')\n"
    "\n"
    "    def __init__(self, message, category, filename, lineno, file=None,\n"
    "                 line=None, source=None):\n"
    "        self.message = message\n"
    "        self.category = category\n"
    "        self.filename = filename\n"
    "        self.lineno = lineno\n"
    "        self.file = file\n"
    "        self.line = line\n"
    "        self.source = source\n"
    "        self._category_name = category.__name__ if category else None\n"
    "\n"
    "    def __str__(self):\n"
    "        return ('{message : %r, category : %r, filename : %r, lineno : %s, '\n"
    "                'line : %r}' % (self.message, self._category_name,\n"
    "                                self.filename, self.lineno, self.line))\n"
    "\n"
    "\n"
    "def _formatwarnmsg_impl(msg):\n"
    "    s = f'{msg.filename}:{msg.lineno}: {msg.category.__name__}: {msg.message}\\n'\n"
    "    line = _getline(msg.filename, msg.lineno) if msg.line is None else msg.line\n"
    "    if line:\n"
    "        s += '  %s\\n' % line.strip()\n"
    "    return s\n"
    "\n"
    "\n"
    "def formatwarning(message, category, filename, lineno, line=None):\n"
    "    return _formatwarnmsg_impl(WarningMessage(message, category, filename, lineno,\n"
    "                                              None, line))\n"
    "\n"
    "\n"
    "def _formatwarnmsg(msg):\n"
    "    if formatwarning is not _formatwarning_orig:\n"
    "        return formatwarning(msg.message, msg.category, msg.filename, msg.lineno,\n"
    "                             msg.line)\n"
    "    return _formatwarnmsg_impl(msg)\n"
    "\n"
    "\n"
    "def _showwarnmsg_impl(msg):\n"
    "    file = msg.file\n"
    "    if file is None:\n"
    "        file = sys.stderr\n"
    "        if file is None:\n"
    "            return\n"
    "    text = _formatwarnmsg(msg)\n"
    "    try:\n"
    "        file.write(text)\n"
    "    except OSError:\n"
    "        pass\n"
    "\n"
    "\n"
    "def showwarning(message, category, filename, lineno, file=None, line=None):\n"
    "    _showwarnmsg_impl(WarningMessage(message, category, filename, lineno, file,\n"
    "                                     line))\n"
    "\n"
    "\n"
    "_showwarning_orig = showwarning\n"
    "_formatwarning_orig = formatwarning\n"
    "\n"
    "\n"
    "def _showwarnmsg(msg):\n"
    "    sw = showwarning\n"
    "    if sw is not _showwarning_orig:\n"
    "        if not callable(sw):\n"
    "            raise TypeError('warnings.showwarning() must be set to a '\n"
    "                            'function or method')\n"
    "        sw(msg.message, msg.category, msg.filename, msg.lineno, msg.file,\n"
    "           msg.line)\n"
    "        return\n"
    "    _showwarnmsg_impl(msg)\n"
    "\n"
    "\n"
    "def _category_of(message, category):\n"
    "    if isinstance(message, Warning):\n"
    "        return message.__class__\n"
    "    if category is None:\n"
    "        return UserWarning\n"
    "    if not (isinstance(category, type) and issubclass(category, Warning)):\n"
    "        return TypeError(\"category must be a Warning subclass, not '%s'\"\n"
    "                         % (type(category).__name__,))\n"
    "    return category\n"
    "\n"
    "\n"
    "def _warn_impl(message, category, filename, lineno, module, registry, source):\n"
    "    if registry is None:\n"
    "        registry = {}\n"
    "    if registry.get('version', 0) != _filters_version:\n"
    "        registry.clear()\n"
    "        registry['version'] = _filters_version\n"
    "    if isinstance(message, Warning):\n"
    "        text = str(message)\n"
    "        category = message.__class__\n"
    "    else:\n"
    "        text = message\n"
    "        message = category(message)\n"
    "    key = (text, category, lineno)\n"
    "    if registry.get(key):\n"
    "        return None\n"
    "    for item in filters:\n"
    "        action, msg, cat, mod, ln = item\n"
    "        if (_matches(msg, text) and issubclass(category, cat)\n"
    "                and _matches(mod, module) and (ln == 0 or lineno == ln)):\n"
    "            break\n"
    "    else:\n"
    "        action = defaultaction\n"
    "    if action == 'ignore':\n"
    "        return None\n"
    "    if action == 'error':\n"
    "        return message\n"
    "    if action == 'once':\n"
    "        registry[key] = 1\n"
    "        oncekey = (text, category)\n"
    "        if onceregistry.get(oncekey):\n"
    "            return None\n"
    "        onceregistry[oncekey] = 1\n"
    "    elif action == 'module':\n"
    "        registry[key] = 1\n"
    "        altkey = (text, category, 0)\n"
    "        if registry.get(altkey):\n"
    "            return None\n"
    "        registry[altkey] = 1\n"
    "    elif action == 'default':\n"
    "        registry[key] = 1\n"
    "    elif action != 'always':\n"
    "        return RuntimeError('Unrecognized action (%r) in warnings.filters:\\n %s'\n"
    "                            % (action, item))\n"
    "    _showwarnmsg(WarningMessage(message, category, filename, lineno, None, None,\n"
    "                                source))\n"
    "    return None\n"
    "\n"
    "\n"
    "def warn_explicit(message, category, filename, lineno, module=None, registry=None,\n"
    "                  module_globals=None, source=None):\n"
    "    lineno = int(lineno)\n"
    "    if module is None:\n"
    "        module = filename or '<unknown>'\n"
    "        if module[-3:].lower() == '.py':\n"
    "            module = module[:-3]\n"
    "    error = _warn_impl(message, category, filename, lineno, module, registry, source)\n"
    "    if error is not None:\n"
    "        raise error\n"
    "\n"
    "\n"
    "class catch_warnings(object):\n"
    "    def __init__(self, *, record=False, module=None, action=None,\n"
    "                 category=Warning, lineno=0, append=False):\n"
    "        self._record = record\n"
    "        self._entered = False\n"
    "        self._filter = None if action is None else (action, category, lineno, append)\n"
    "\n"
    "    def __repr__(self):\n"
    "        args = ['record=True'] if self._record else []\n"
    "        return '%s(%s)' % (type(self).__name__, ', '.join(args))\n"
    "\n"
    "    def __enter__(self):\n"
    "        global filters, showwarning, _showwarnmsg_impl\n"
    "        if self._entered:\n"
    "            raise RuntimeError('Cannot enter %r twice' % self)\n"
    "        self._entered = True\n"
    "        self._filters = filters\n"
    "        filters = filters[:]\n"
    "        _filters_mutated()\n"
    "        self._showwarning = showwarning\n"
    "        self._showwarnmsg_impl = _showwarnmsg_impl\n"
    "        if self._filter is not None:\n"
    "            simplefilter(*self._filter)\n"
    "        if self._record:\n"
    "            log = []\n"
    "            _showwarnmsg_impl = log.append\n"
    "            showwarning = _showwarning_orig\n"
    "            return log\n"
    "        return None\n"
    "\n"
    "    def __exit__(self, *exc_info):\n"
    "        global filters, showwarning, _showwarnmsg_impl\n"
    "        if not self._entered:\n"
    "            raise RuntimeError('Cannot exit %r without entering first' % self)\n"
    "        filters = self._filters\n"
    "        _filters_mutated()\n"
    "        showwarning = self._showwarning\n"
    "        _showwarnmsg_impl = self._showwarnmsg_impl\n";

/* The frame `level` calls up from the caller of warn() (1: the caller), or
 * NULL past the outermost (CPython then takes sys's namespace). */
static sl_frame *frame_at(sl_rt *rt, int64_t level) {
  sl_lang *L = sl_vm_lang(rt);
  sl_frame *f = L ? L->frame : NULL;
  while (f && level-- > 1) f = f->back;
  return f;
}

/* The registry of the frame's module: its globals' __warningregistry__,
 * made when absent (new reference). */
static int registry_of(sl_rt *rt, sl_obj *globals, sl_value *out) {
  bool found = false;
  if (sl_dict_get_str(rt, globals, "__warningregistry__", out, &found)) return -1;
  if (found) return 0;
  sl_obj *d = sl_dict_new(rt);
  if (!d || sl_dict_set_str(rt, globals, "__warningregistry__", sl_obj_val(d))) {
    sl_decref(rt, d);
    return -1;
  }
  *out = sl_obj_val(d);
  return 0;
}

/* The caller's module name (globals' __name__, "<string>" without one). */
static int module_name(sl_rt *rt, sl_obj *globals, sl_value *out) {
  bool found = false;
  if (sl_dict_get_str(rt, globals, "__name__", out, &found)) return -1;
  if (found && sl_is_str(*out)) return 0;
  if (found) sl_vdecref(rt, *out);
  sl_obj *s = sl_str_from_cstr(rt, "<string>");
  if (!s) return -1;
  *out = sl_obj_val(s);
  return 0;
}

/* Where a warning comes from, as _warnings.c's setup_context finds it:
 * the file, line, module name and registry of the frame `level` calls up
 * (past the outermost one: "sys", line 1, a registry of its own). */
typedef struct {
  sl_value filename, module, registry; /* owned */
  int line;
} context;

static int caller_context(sl_rt *rt, int64_t level, context *c) {
  c->filename = c->module = c->registry = sl_undef();
  sl_frame *f = frame_at(rt, level < 1 ? 1 : level);
  sl_obj *globals = f ? f->globals : sl_dict_new(rt);
  if (!globals) return -1;
  int rc = 0;
  if (f) {
    c->filename = sl_vincref(sl_obj_val(sl_as_code(f->code)->filename));
    c->line = sl_frame_line(f);
    rc = module_name(rt, globals, &c->module);
  } else {
    sl_obj *s1 = sl_str_from_cstr(rt, "sys"), *s2 = sl_str_from_cstr(rt, "sys");
    if (s1) c->filename = sl_obj_val(s1);
    if (s2) c->module = sl_obj_val(s2);
    c->line = 1;
    rc = s1 && s2 ? 0 : -1;
  }
  if (!rc) rc = registry_of(rt, globals, &c->registry);
  if (!f) sl_decref(rt, globals);
  return rc;
}

static void context_free(sl_rt *rt, context *c) {
  sl_vdecref(rt, c->filename);
  sl_vdecref(rt, c->module);
  sl_vdecref(rt, c->registry);
}

/* Calls the module-level function `name` of the namespace ns. */
static int call_ns(sl_rt *rt, sl_obj *ns, const char *name, const sl_value *argv, size_t argc,
                   sl_value *out) {
  sl_value fn;
  bool found = false;
  if (sl_dict_get_str(rt, ns, name, &fn, &found)) return -1;
  if (!found) return sl_raise(rt, SL_EXC_RUNTIME_ERROR, "simloop: warnings.%s missing", name);
  int rc = sl_vm_call_pos(rt, fn, argv, argc, out);
  sl_vdecref(rt, fn);
  return rc;
}

/* Raises what _category_of or _warn_impl gave back in place of None (an
 * exception instance: the TypeError of a bad category, the warning itself
 * under the "error" action), at the caller's line. -1, or 0 for None. */
static int raise_result(sl_rt *rt, sl_value res) {
  if (!sl_is_type(res, &sl_exc_type)) return 0;
  sl_raise_obj(rt, res.u.o);
  sl_vdecref(rt, res);
  return -1;
}

/* warn(message, category=None, stacklevel=1, source=None): self is the
 * module's namespace, where _category_of and _warn_impl live. */
static int w_warn(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  static const char *const names[] = {"message", "category", "stacklevel", "source",
                                      "skip_file_prefixes"};
  sl_value v[5], cat, res;
  if (sl_args_bind(rt, a, "warn", names, 5, 1, 4, v)) return -1;
  int64_t level = 1;
  if (!sl_is_undef(v[2]) && !sl_as_index(v[2], &level))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(v[2]));
  sl_value cargs[2] = {v[0], sl_is_undef(v[1]) ? sl_none() : v[1]};
  if (call_ns(rt, self.u.o, "_category_of", cargs, 2, &cat) || raise_result(rt, cat)) return -1;
  context c;
  int rc = caller_context(rt, level, &c);
  if (!rc) {
    sl_value wargs[7] = {v[0],
                         cat,
                         c.filename,
                         sl_int(c.line),
                         c.module,
                         c.registry,
                         sl_is_undef(v[3]) ? sl_none() : v[3]};
    rc = call_ns(rt, self.u.o, "_warn_impl", wargs, 7, &res);
  }
  context_free(rt, &c);
  sl_vdecref(rt, cat);
  if (rc || raise_result(rt, res)) return -1;
  sl_vdecref(rt, res);
  *out = sl_none();
  return 0;
}

/* _getline(filename, lineno): the source line linecache would give,
 * stripped, or ''. */
static int w_getline(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out) {
  (void)self;
  static const char *const names[] = {"filename", "lineno"};
  sl_value v[2];
  int64_t line = 0;
  if (sl_args_bind(rt, a, "_getline", names, 2, 2, 2, v)) return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  if (sl_is_str(v[0]) && sl_as_index(v[1], &line) && line > 0 && line < 1 << 30)
    sl_vm_source_line(rt, sl_str_cstr(v[0].u.o), (int)line, &b);
  if (b.failed) return sl_strbuf_free(&b), sl_nomem(rt);
  sl_obj *s = sl_str_new(rt, b.data ? b.data : "", b.len);
  sl_strbuf_free(&b);
  if (!s) return -1;
  *out = sl_obj_val(s);
  return 0;
}

static const sl_cfunc_def warn_def = {"warn", w_warn, NULL, 0};
static const sl_cfunc_def getline_def = {"_getline", w_getline, NULL, 0};

int sl_mod_warnings_init(sl_rt *rt, sl_obj *module_dict) {
  sl_obj *w = sl_cfunc_new(rt, &warn_def, sl_obj_val(module_dict));
  int rc = !w || sl_stdmod_add(rt, module_dict, "warn", sl_obj_val(w));
  sl_decref(rt, w);
  if (rc || sl_stdmod_add_func(rt, module_dict, &getline_def)) return -1;
  return sl_stdmod_run_source(rt, module_dict, "warnings.py", SOURCE, sizeof SOURCE - 1);
}
