/* Unit tests of the parser (core/lang/parser*.c): the AST of the accepted
 * subset checked through its dump, and every rejection with its exact
 * message, line and column. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/lang/parser.h"

/* Parses src; returns the dump, or "line:col: message" on error. */
static char *parse(const char *src) {
  static char out[8192];
  sl_diag d;
  sl_ast_module *m = sl_parse("scenario.py", src, strlen(src), &d);
  if (!m) {
    snprintf(out, sizeof out, "%u:%u: %s", (unsigned)d.line, (unsigned)d.col, d.message);
    return out;
  }
  sl_strbuf b = SL_STRBUF_INIT;
  sl_ast_dump(m, &b);
  snprintf(out, sizeof out, "%s", sl_strbuf_cstr(&b));
  if (b.len && out[strlen(out) - 1] == '\n') out[strlen(out) - 1] = '\0';
  sl_strbuf_free(&b);
  sl_ast_free(m);
  return out;
}

typedef struct {
  const char *src, *want;
} case_t;

static void run_cases(const case_t *cases, size_t n) {
  int failed = 0;
  for (size_t i = 0; i < n; i++) {
    const char *got = parse(cases[i].src);
    if (strcmp(got, cases[i].want) != 0) {
      print_error("case %zu: %s\n  want: %s\n  got:  %s\n", i, cases[i].src, cases[i].want, got);
      failed++;
    }
  }
  assert_int_equal(failed, 0);
}

#define RUN(cases) run_cases(cases, sizeof cases / sizeof cases[0])

static void test_precedence(void **state) {
  (void)state;
  static const case_t cases[] = {
      {"x = 1 + 2 * 3", "(= x:store (+ 1 (* 2 3)))"},
      /* Int literals beyond int64 keep their text for the compiler. */
      {"x = 9223372036854775808", "(= x:store 9223372036854775808)"},
      {"x = 0xffff_ffff_ffff_ffff_ff", "(= x:store 0xffff_ffff_ffff_ffff_ff)"},
      {"x = (1 + 2) * 3", "(= x:store (* (+ 1 2) 3))"},
      {"x = 1 - 2 - 3", "(= x:store (- (- 1 2) 3))"},
      {"x = 2 ** 3 ** 2", "(= x:store (** 2 (** 3 2)))"},
      {"x = -2 ** 2", "(= x:store (- (** 2 2)))"},
      {"x = 2 ** -1", "(= x:store (** 2 (- 1)))"},
      {"x = a | b ^ c & d << e + f * g", "(= x:store (| a (^ b (& c (<< d (+ e (* f g)))))))"},
      {"x = a // b % c / d", "(= x:store (/ (% (// a b) c) d))"},
      {"x = ~a + -b", "(= x:store (+ (~ a) (- b)))"},
      {"x = not a == b", "(= x:store (not (cmp a == b)))"},
      {"x = a or b and not c", "(= x:store (or a (and b (not c))))"},
      {"x = a and b and c or d", "(= x:store (or (and a b c) d))"},
      {"x = a < b <= c != d", "(= x:store (cmp a < b <= c != d))"},
      {"x = a in b not in c is d is not e", "(= x:store (cmp a in b not in c is d is not e))"},
      {"x = a if b else c if d else e", "(= x:store (ifexp b a (ifexp d c e)))"},
      {"x = lambda: a if b else c", "(= x:store (lambda (params) (ifexp b a c)))"},
      {"x = a | b < c", "(= x:store (cmp (| a b) < c))"},
      {"async def f():\n    return await a ** 2",
       "(async-def f (params) (block (return (** (await a) 2))))"},
      {"async def f():\n    return -await a.b()",
       "(async-def f (params) (block (return (- (await (call (attr a b)))))))"},
      {"x = a.b[c](d).e", "(= x:store (attr (call (sub (attr a b) c) d) e))"},
      {"x = -9223372036854775808", "(= x:store -9223372036854775808)"},
      {"x = 9223372036854775807", "(= x:store 9223372036854775807)"},
  };
  RUN(cases);
}

static void test_literals(void **state) {
  (void)state;
  static const case_t cases[] = {
      {"x = 0xff + 0o17 + 0b11 + 1_000", "(= x:store (+ (+ (+ 255 15) 3) 1000))"},
      {"x = 1. + .5 + 1e-5 + 1_000.5",
       "(= x:store (+ (+ (+ 1.0 0.5) 1.0000000000000001e-05) 1000.5))"},
      {"x = 'a' \"b\" '''c'''", "(= x:store \"abc\")"},
      {"x = b'a' B'\\x00'", "(= x:store b\"a\\x00\")"},
      {"x = r'\\n' '\\n'", "(= x:store \"\\\\n\\n\")"},
      {"x = None, True, False, ...", "(= x:store (tuple None True False ...))"},
      {"x = ()", "(= x:store (tuple))"},
      {"x = (1,)", "(= x:store (tuple 1))"},
      {"x = 1,", "(= x:store (tuple 1))"},
      {"x = [1, *a, 2]", "(= x:store (list 1 (* a) 2))"},
      {"x = {}", "(= x:store (dict))"},
      {"x = {1: 2, **d, 3: 4,}", "(= x:store (dict (1 2) (** d) (3 4)))"},
      {"x = {1, *s}", "(= x:store (set 1 (* s)))"},
      {"x = '\\u00e9'", "(= x:store \"\xc3\xa9\")"},
  };
  RUN(cases);
}

static void test_fstrings(void **state) {
  (void)state;
  static const case_t cases[] = {
      {"f'a{x}b'", "(expr (fstr \"a\" (fmt x) \"b\"))"},
      {"f'{x!r:>{w}.{p}f}'", "(expr (fstr (fmt x !r (fstr \">\" (fmt w) \".\" (fmt p) \"f\"))))"},
      {"f'{{x}} {a + b!s}'", "(expr (fstr \"{x} \" (fmt (+ a b) !s)))"},
      {"f'{x = }'", "(expr (fstr \"x = \" (fmt x !r)))"},
      {"f'{x=:>5}'", "(expr (fstr \"x=\" (fmt x (fstr \">5\"))))"},
      {"f'{a[\"k\"]}' 'z' f\"{b}\"", "(expr (fstr (fmt (sub a \"k\")) \"z\" (fmt b)))"},
      {"f'{a, b}'", "(expr (fstr (fmt (tuple a b))))"},
      {"f'{x!= y}'", "(expr (fstr (fmt (cmp x != y))))"},
      {"f''", "(expr (fstr))"},
      {"f'\\n{x}\\t'", "(expr (fstr \"\\n\" (fmt x) \"\\t\"))"},
      {"f'''{\nx\n}'''", "(expr (fstr (fmt x)))"},
      {"f'{f\"{x}\"}'", "(expr (fstr (fmt (fstr (fmt x)))))"},
      {"f'{x!z}'", "1:6: f-string: invalid conversion character 'z': expected 's', 'r', or 'a'"},
      {"f'{}'", "1:4: f-string: empty expression not allowed"},
      {"f'{x'", "1:3: f-string: expecting '}'"},
      {"f'}'", "1:3: f-string: single '}' is not allowed"},
      {"f'{a b}'", "1:6: f-string: expecting '}'"},
      {"f'{a\\n}'", "1:5: f-string expression part cannot include a backslash"},
      {"f'{a#}'", "1:5: f-string expression part cannot include '#'"},
      {"f'{x:{y:{z}}}'", "1:9: f-string: expressions nested too deeply"},
      {"x = 1\nf'{x +}'", "2:7: invalid syntax"},
      {"f'{*a}'", "1:4: can't use starred expression here"},
      {"'a' b'b'", "1:5: cannot mix bytes and nonbytes literals"},
  };
  RUN(cases);
}

static void test_statements(void **state) {
  (void)state;
  static const case_t cases[] = {
      {"import asyncio", "(import asyncio)"},
      {"import asyncio as aio, a.b.c", "(import (asyncio as aio) a.b.c)"},
      {"from asyncio import sleep, gather as g", "(from asyncio sleep (gather as g))"},
      {"from asyncio import (a,\n b,)", "(from asyncio a b)"},
      {"from . import x\nfrom ..m import *", "(from . x)\n(from ..m *)"},
      {"a = b = 1", "(= a:store b:store 1)"},
      {"a, *b = c", "(= (tuple:store a:store (*:store b:store)) c)"},
      {"[a, (b, c)] = x", "(= (list:store a:store (tuple:store b:store c:store)) x)"},
      {"a.b[1:2, ::3] = v", "(= (sub:store (attr a b) (tuple (slice 1 2 _) (slice _ _ 3))) v)"},
      {"x += 1; y //= 2", "(+= x:store 1)\n(//= y:store 2)"},
      {"x: int = 1\ny: list\n(z): int = 2",
       "(ann x:store 1)\n(ann y:store)\n(ann-complex z:store 2)"},
      {"if a:\n    pass\nelif b:\n    pass\nelif c: pass\nelse:\n    pass",
       "(if a (block (pass)) elif b (block (pass)) elif c (block (pass)) (else (pass)))"},
      {"while (n := f()) > 0:\n    break\nelse:\n    pass",
       "(while (cmp (:= n:store (call f)) > 0) (block (break)) (else (pass)))"},
      {"for i, x in enumerate(y):\n    continue",
       "(for (tuple:store i:store x:store) (call enumerate y) (block (continue)))"},
      {"for x in 1, 2: pass", "(for x:store (tuple 1 2) (block (pass)))"},
      {"del a[1], b.c, (d, e)", "(del (sub:del a 1) (attr:del b c) (tuple:del d:del e:del))"},
      {"assert x, 'msg'", "(assert x \"msg\")"},
      {"raise\nraise E\nraise E('x') from e", "(raise)\n(raise E)\n(raise (call E \"x\") from e)"},
      {"try:\n    pass\nexcept (A, B) as e:\n    pass\nexcept C:\n    pass\nexcept:\n    "
       "pass\nelse:\n    pass\nfinally:\n    pass",
       "(try (block (pass)) (except (tuple A B) as e (block (pass))) (except C (block (pass))) "
       "(except _ (block (pass))) (else (pass)) (finally (pass)))"},
      {"try:\n    pass\nexcept* ValueError as eg:\n    pass",
       "(try (block (pass)) (except* ValueError as eg (block (pass))))"},
      {"try:\n    pass\nfinally:\n    pass", "(try (block (pass)) (finally (pass)))"},
      {"global a, b", "(global a b)"},
      {"def f():\n    x = 1\n    def g():\n        nonlocal x\n        return x\n    return g",
       "(def f (params) (block (= x:store 1) (def g (params) (block (nonlocal x) (return x))) "
       "(return g)))"},
      {"with a as b, c: pass", "(with (item a b:store) (item c) (block (pass)))"},
      {"with (a as b, c as (d, e)):\n    pass",
       "(with (item a b:store) (item c (tuple:store d:store e:store)) (block (pass)))"},
      {"with (a, b): pass", "(with (item a) (item b) (block (pass)))"},
      {"with (a, b) as c: pass", "(with (item (tuple a b) c:store) (block (pass)))"},
      {"with (a) + 1 as c: pass", "(with (item (+ a 1) c:store) (block (pass)))"},
      {"async def f():\n    async with a as b:\n        async for x in y:\n            pass",
       "(async-def f (params) (block (async-with (item a b:store) (block (async-for x:store y "
       "(block (pass)))))))"},
      {"if x: a = 1; b = 2", "(if x (block (= a:store 1) (= b:store 2)))"},
      {"x = 1 \\\n  + 2  # comment", "(= x:store (+ 1 2))"},
  };
  RUN(cases);
}

static void test_definitions(void **state) {
  (void)state;
  static const case_t cases[] = {
      {"def f(a, b=1, /, c=2, *args, d, e=3, **kw) -> int:\n    pass",
       "(def f (params a (= b 1) / (= c 2) *args d (= e 3) **kw) (block (pass)))"},
      {"def f(a: int, *, b: str = 'x'): pass", "(def f (params a * (= b \"x\")) (block (pass)))"},
      {"def f(*, a): pass", "(def f (params * a) (block (pass)))"},
      {"def f(a,): pass", "(def f (params a) (block (pass)))"},
      {"f = lambda x, y=1, *a, k, **kw: x", "(= f:store (lambda (params x (= y 1) *a k **kw) x))"},
      {"f = lambda: 0", "(= f:store (lambda (params) 0))"},
      {"class E(Exception):\n    '''doc'''\n    code = 1\n    x: int\n    def __init__(self, m):\n "
       "       super().__init__(m)\n        self.m = m",
       "(class E (bases Exception) (block (expr \"doc\") (= code:store 1) (ann x:store) (def "
       "__init__ (params self m) (block (expr (call (attr (call super) __init__) m)) (= "
       "(attr:store self m) m)))))"},
      {"class A: pass", "(class A (bases) (block (pass)))"},
      {"match x:\n    case 1 | -2.5 | 'a' as v if v: pass\n    case None: pass\n    case _: pass",
       "(match x (case (as (or (value 1) (value -2.5) (value \"a\")) v) (if v) (block (pass))) "
       "(case (is None) (block (pass))) (case _ (block (pass))))"},
      {"match (x):\n    case [a, *rest, b] | (a, b): pass",
       "(match x (case (or (seq a (* rest) b) (seq a b)) (block (pass))))"},
      {"match [a, b]:\n    case {'k': C.D, **kw}: pass\n    case P(0, y=q): pass",
       "(match (list a b) (case (map \"k\" (value (attr C D)) **kw) (block (pass))) "
       "(case (class P (value 0) y=q) (block (pass))))"},
      {"match = 1\nmatch(2)\nmatch[0] = match - 1",
       "(= match:store 1)\n(expr (call match 2))\n(= (sub:store match 0) (- match 1))"},
      {"@a.b(1)\n@c\nasync def f(): pass",
       "(async-def f (decorators (call (attr a b) 1) c) (params) (block (pass)))"},
      {"@dataclass\nclass A:\n    if x: pass\n    class B: pass",
       "(class A (decorators dataclass) (bases) (block (if x (block (pass))) (class B (bases) "
       "(block (pass)))))"},
      {"@d\nx = 1", "2:1: invalid syntax"},
      {"class A(B, C,): pass", "(class A (bases B C) (block (pass)))"},
      {"class A:\n    async def f(self): pass",
       "(class A (bases) (block (async-def f (params self) (block (pass)))))"},
  };
  RUN(cases);
}

static void test_calls_and_comprehensions(void **state) {
  (void)state;
  static const case_t cases[] = {
      {"f(a, *b, k=1, *c, **d)", "(expr (call f a (* b) (* c) (kw k 1) (** d)))"},
      {"f(x for x in y)", "(expr (call f (genexp x (for x:store y))))"},
      {"f((x := 1), y := 2)", "(expr (call f (:= x:store 1) (:= y:store 2)))"},
      {"[x * y for x in a if x if y for y in b]",
       "(expr (listcomp (* x y) (for x:store a (if x) (if y)) (for y:store b)))"},
      {"{k: v for k, v in d.items()}",
       "(expr (dictcomp k v (for (tuple:store k:store v:store) (call (attr d items)))))"},
      {"{x for x in s}", "(expr (setcomp x (for x:store s)))"},
      {"(x for x in a if x not in b)", "(expr (genexp x (for x:store a (if (cmp x not in b)))))"},
      {"[a for *b, c in d]", "(expr (listcomp a (for (tuple:store (*:store b:store) c:store) d)))"},
      {"def f():\n    yield\n    yield x\n    yield from g()\n    x = yield a, b\n    "
       "print((yield))",
       "(def f (params) (block (expr (yield)) (expr (yield x)) (expr (yield-from (call g))) (= "
       "x:store (yield (tuple a b))) (expr (call print (yield)))))"},
      {"a[1]\na[1:]\na[:2]\na[::]\na[i, j]\na[(i, j)]",
       "(expr (sub a 1))\n(expr (sub a (slice 1 _ _)))\n(expr (sub a (slice _ 2 _)))\n(expr (sub a "
       "(slice _ _ _)))\n(expr (sub a (tuple i j)))\n(expr (sub a (tuple i j)))"},
  };
  RUN(cases);
}

static void test_rejected_constructs(void **state) {
  (void)state;
  static const case_t cases[] = {
      {"class A(**kw): pass",
       "1:9: '**' in a class statement's keywords is not supported by simloop"},
      {"class A(*b): pass", "1:9: starred base classes are not supported by simloop"},
      {"x = a @ b", "1:7: the '@' operator is not supported by simloop (matrix multiplication)"},
      {"x @= b", "1:3: the '@' operator is not supported by simloop (matrix multiplication)"},
      {"def f[T](x): pass",
       "1:6: generic type parameters ('def f[T]', 'class C[T]') are not supported by simloop"},
      {"type X = int", "1:1: 'type' alias statements are not supported by simloop"},
      {"x = 1j", "1:5: imaginary literals are not supported by simloop (complex numbers)"},
      {"x = '\\N{BULLET}'", "1:6: '\\N{...}' escapes are not supported by simloop"},
      {"x = \xc3\xa9", "1:5: non-ASCII character '\xc3\xa9' (U+00E9) outside strings and comments "
                       "is not supported by simloop"},
  };
  RUN(cases);
}

static void test_syntax_errors(void **state) {
  (void)state;
  static const case_t cases[] = {
      {"x = 1\n  y = 2", "2:3: unexpected indent"},
      {"if x:\npass", "2:1: expected an indented block after 'if' statement on line 1"},
      {"def f():\nreturn", "2:1: expected an indented block after function definition on line 1"},
      {"for x in y:\n\nz", "3:1: expected an indented block after 'for' statement on line 1"},
      {"if x:\n    a\n  b", "3:3: unindent does not match any outer indentation level"},
      {"if x\n    pass", "1:5: expected ':'"},
      {"def f()\n    pass", "1:8: expected ':'"},
      {"x = = 1", "1:5: invalid syntax"},
      {"x = 1 +", "1:8: invalid syntax"},
      {"x = 'abc", "1:5: unterminated string literal (detected at line 1)"},
      {"x = '''a\n\nb", "1:5: unterminated triple-quoted string literal (detected at line 3)"},
      {"x = (1,\ny = 2", "1:5: '(' was never closed"},
      {"f() = 1", "1:1: cannot assign to function call here. Maybe you meant '==' instead of '='?"},
      {"1 = x", "1:1: cannot assign to literal here. Maybe you meant '==' instead of '='?"},
      {"a + b = 1", "1:1: cannot assign to expression here. Maybe you meant '==' instead of '='?"},
      {"None = 1", "1:1: cannot assign to None here. Maybe you meant '==' instead of '='?"},
      {"a, f() = 1", "1:4: cannot assign to function call"},
      {"for f() in x: pass", "1:5: cannot assign to function call"},
      {"del f()", "1:5: cannot delete function call"},
      {"del *a, b", "1:5: invalid syntax"},
      {"a, *b, *c = d", "1:8: multiple starred expressions in assignment"},
      {"*a = b", "1:1: starred assignment target must be in a list or tuple"},
      {"*a", "1:1: can't use starred expression here"},
      {"f() += 1", "1:1: 'function call' is an illegal expression for augmented assignment"},
      {"a, b += 1", "1:1: 'tuple' is an illegal expression for augmented assignment"},
      {"a, b: int", "1:1: only single target (not tuple) can be annotated"},
      {"return 1", "1:1: 'return' outside function"},
      {"break", "1:1: 'break' outside loop"},
      {"continue", "1:1: 'continue' not properly in loop"},
      {"for x in y:\n    pass\nelse:\n    break", "4:5: 'break' outside loop"},
      {"while x:\n    def f():\n        break", "3:9: 'break' outside loop"},
      {"await x", "1:1: 'await' outside function"},
      {"yield x", "1:1: 'yield' outside function"},
      {"x = [i async for i in y]",
       "1:8: asynchronous comprehension outside of an asynchronous function"},
      {"x = [(yield)]", "1:7: 'yield' outside function"},
      {"async def f():\n    yield from g", "2:5: 'yield from' inside async function"},
      {"def f():\n    await x", "2:5: 'await' outside async function"},
      {"async def f():\n    g = lambda: await x", "2:17: 'await' outside async function"},
      {"def f():\n    async for x in y: pass", "2:5: 'async for' outside async function"},
      {"def f():\n    async with x: pass", "2:5: 'async with' outside async function"},
      {"nonlocal x", "1:1: nonlocal declaration not allowed at module level"},
      {"try:\n    pass\nexcept* E:\n    break",
       "4:5: 'break', 'continue' and 'return' cannot appear in an except* block"},
      {"try:\n    pass\nexcept E:\n    pass\nexcept* F:\n    pass",
       "5:1: cannot have both 'except' and 'except*' on the same 'try'"},
      {"try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass",
       "5:1: default 'except:' must be last"},
      {"try:\n    pass\nexcept A, B:\n    pass",
       "3:9: multiple exception types must be parenthesized"},
      {"try:\n    pass\nx = 1", "3:1: expected 'except' or 'finally' block"},
      {"f(a=1, b)", "1:8: positional argument follows keyword argument"},
      {"class A(metaclass=M, B): pass", "1:22: positional argument follows keyword argument"},
      {"class A(k=1, k=2): pass", "1:14: keyword argument repeated: k"},
      {"f(**a, b)", "1:8: positional argument follows keyword argument unpacking"},
      {"f(**a, *b)", "1:8: iterable argument unpacking follows keyword argument unpacking"},
      {"f(a=1, a=2)", "1:8: keyword argument repeated: a"},
      {"f(x for x in y, 1)", "1:3: Generator expression must be parenthesized"},
      {"f(a.b=1)", "1:3: expression cannot contain assignment, perhaps you meant \"==\"?"},
      {"def f(a=1, b): pass", "1:12: parameter without a default follows parameter with a default"},
      {"def f(a, a): pass", "1:10: duplicate argument 'a' in function definition"},
      {"def f(*): pass", "1:7: named arguments must follow bare *"},
      {"def f(*a, *b): pass", "1:11: * argument may appear only once"},
      {"def f(**k, a): pass", "1:12: arguments cannot follow var-keyword argument"},
      {"def f(*a=1): pass", "1:9: var-positional argument cannot have default value"},
      {"def f(/, a): pass", "1:7: at least one argument must precede /"},
      {"x = a if b", "1:11: expected 'else' after 'if' expression"},
      {"(a.b := 1)", "1:2: cannot use assignment expressions with attribute"},
      {"x := 1", "1:3: invalid syntax"},
      {"if x: if y: pass", "1:7: invalid syntax"},
      {"async x = 1", "1:7: invalid syntax"},
      {"from x import a,", "1:17: trailing comma not allowed without surrounding parentheses"},
  };
  RUN(cases);
}

static void test_nesting_limit(void **state) {
  (void)state;
  char *src = malloc(100000);
  /* Deep brackets: the lexer stops at 200 open brackets. */
  size_t n = 0;
  n += (size_t)sprintf(src, "x = ");
  for (int i = 0; i < 150; i++) src[n++] = '[';
  for (int i = 0; i < 150; i++) src[n++] = ']';
  src[n] = '\0';
  {
    char *want = malloc(4000);
    size_t w = (size_t)sprintf(want, "(= x:store");
    for (int i = 0; i < 150; i++) w += (size_t)sprintf(want + w, " (list");
    for (int i = 0; i < 150; i++) want[w++] = ')';
    want[w++] = ')';
    want[w] = '\0';
    assert_string_equal(parse(src), want);
    free(want);
  }
  /* Unary operators recurse without brackets: the parser's own limit. */
  n = (size_t)sprintf(src, "x = ");
  for (int i = 0; i < 5000; i++) src[n++] = '-';
  src[n++] = '1';
  src[n] = '\0';
  assert_string_equal(parse(src),
                      "1:204: too deeply nested (simloop limits nesting to 200 levels)");
  n = (size_t)sprintf(src, "x = ");
  for (int i = 0; i < 5000; i++) n += (size_t)sprintf(src + n, "not ");
  src[n++] = '1';
  src[n] = '\0';
  assert_string_equal(parse(src),
                      "1:801: too deeply nested (simloop limits nesting to 200 levels)");
  /* A long flat chain makes a deep tree without recursion: capped too. */
  n = (size_t)sprintf(src, "x = 1");
  for (int i = 0; i < 2000; i++) n += (size_t)sprintf(src + n, "+1");
  assert_string_equal(parse(src), "1:5: expression too deeply nested (simloop limit: 1000 levels)");
  n = (size_t)sprintf(src, "x = a");
  for (int i = 0; i < 2000; i++) n += (size_t)sprintf(src + n, ".b");
  assert_string_equal(parse(src), "1:5: expression too deeply nested (simloop limit: 1000 levels)");
  /* Statement nesting. */
  n = 0;
  for (int i = 0; i < 99; i++) {
    for (int k = 0; k < i; k++) src[n++] = ' ';
    n += (size_t)sprintf(src + n, "if x:\n");
  }
  for (int k = 0; k < 99; k++) src[n++] = ' ';
  n += (size_t)sprintf(src + n, "pass\n");
  sl_diag d;
  sl_ast_module *m = sl_parse("deep.py", src, n, &d);
  assert_non_null(m);
  sl_ast_free(m);
  free(src);
}

static void test_binary_garbage(void **state) {
  (void)state;
  sl_diag d;
  assert_null(sl_parse("s.py", "x = 1\0", 6, &d));
  assert_string_equal(d.message, "source code cannot contain null bytes");
  assert_int_equal(d.line, 1);
  assert_int_equal(d.col, 6);
  assert_null(sl_parse("s.py", "x = 1\n# \xff\n", 10, &d));
  assert_string_equal(d.message, "invalid UTF-8 in source (byte 0xff)");
  assert_int_equal(d.line, 2);
  assert_int_equal(d.col, 3);
  sl_ast_module *m = sl_parse("s.py", NULL, 0, &d);
  assert_non_null(m);
  assert_int_equal(m->body.n, 0);
  sl_ast_free(m);
}

static void test_positions(void **state) {
  (void)state;
  const char *src = "import asyncio\n\nasync def main():\n    x = a + f(b)\n";
  sl_diag d;
  sl_ast_module *m = sl_parse("scenario.py", src, strlen(src), &d);
  assert_non_null(m);
  assert_int_equal(m->body.n, 2);
  const sl_ast_stmt *def = m->body.stmts[1];
  assert_int_equal(def->kind, SL_STMT_FUNCTIONDEF);
  assert_int_equal(def->line, 3);
  assert_int_equal(def->col, 1);
  const sl_ast_stmt *as = def->u.funcdef.body.stmts[0];
  assert_int_equal(as->line, 4);
  assert_int_equal(as->col, 5);
  const sl_ast_expr *bin = as->u.assign.value;
  assert_int_equal(bin->col, 9);
  assert_int_equal(bin->u.binop.right->col, 13);
  assert_int_equal(bin->u.binop.right->u.call.args[0]->col, 15);
  assert_string_equal(m->filename.data, "scenario.py");
  sl_ast_free(m);
}

static void test_diag_formatting(void **state) {
  (void)state;
  const char *src = "async def f():\n    x = 1j\n";
  sl_diag d;
  assert_null(sl_parse("scenario.py", src, strlen(src), &d));
  assert_int_equal(d.kind, SL_DIAG_UNSUPPORTED);
  assert_string_equal(d.construct, "imaginary literal");
  sl_strbuf b = SL_STRBUF_INIT;
  sl_diag_format(&d, &b);
  assert_string_equal(
      sl_strbuf_cstr(&b),
      "scenario.py:2:9: error: imaginary literals are not supported by simloop (complex numbers)\n"
      "        x = 1j\n"
      "            ^\n"
      "hint: simloop has no complex numbers; use floats\n");
  sl_strbuf_free(&b);
}

static void test_out_of_memory(void **state) {
  (void)state;
  const char *src =
      "import asyncio\nasync def main():\n    print(f'{1 + 2!r:>{w}}', [x for x in y])\n";
  sl_diag d;
  int ooms = 0;
  for (unsigned long k = 1;; k++) {
    sl_alloc_fail_after(k);
    sl_ast_module *m = sl_parse("s.py", src, strlen(src), &d);
    sl_alloc_fail_after(0);
    if (m) {
      sl_ast_free(m);
      break;
    }
    assert_int_equal(d.kind, SL_DIAG_NOMEM);
    assert_string_equal(d.message, "out of memory");
    ooms++;
  }
  assert_true(ooms >= 3);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_precedence),
      cmocka_unit_test(test_literals),
      cmocka_unit_test(test_fstrings),
      cmocka_unit_test(test_statements),
      cmocka_unit_test(test_definitions),
      cmocka_unit_test(test_calls_and_comprehensions),
      cmocka_unit_test(test_rejected_constructs),
      cmocka_unit_test(test_syntax_errors),
      cmocka_unit_test(test_nesting_limit),
      cmocka_unit_test(test_binary_garbage),
      cmocka_unit_test(test_positions),
      cmocka_unit_test(test_diag_formatting),
      cmocka_unit_test(test_out_of_memory),
  };
  return cmocka_run_group_tests_name("parser", tests, NULL, NULL);
}
