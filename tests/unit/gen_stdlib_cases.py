#!/usr/bin/env python3
"""Generates tests/unit/stdlib_cases.txt: small programs using the standard
modules simloop provides (random, time) and the exact output CPython prints
for each, per CPython version, in the simulated environment (DESIGN.md
section 4: random seeded with 0 before each program, the virtual clock at
0.0, time.time() = 1767225600.0 + clock, time.sleep moving the clock).

Run from the repository root:
    /usr/bin/python3 tests/unit/gen_stdlib_cases.py
Same file format and CPython runners as gen_builtins_cases.py (3.11 is
/usr/bin/python3, 3.12-3.14 come from Pyodide when installed); the
`builtins` unit test runs every case under every listed profile.

Float seeds are left out: Pyodide is 32-bit, and hash(float) (which
random.seed(float) uses) differs there from 64-bit CPython.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_builtins_cases import write_case_table  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "stdlib_cases.txt")

SEEDS = ["0", "1", "2", "42", "-1", "-42", "12345", "2**31", "2**32", "2**32 + 1", "2**40 - 3",
         "9223372036854775807", "-9223372036854775807", "True", "'a'", "''", "'simloop'",
         "'héllo wörld'", "b''", "b'\\x00\\xff'", "'x' * 100"]

DRAWS = [
    "[random.random() for _ in range(4)]",
    "[random.getrandbits(k) for k in (1, 5, 31, 32, 33, 40, 63)]",
    "[random.getrandbits(k) for k in (64, 65, 96, 100, 128, 200)]",
    "(lambda n: (n.bit_length() <= 8192, n % 1000003))(random.getrandbits(8192))",
    "[random.randint(1, 6) for _ in range(12)]",
    "[random.randint(-10**12, 10**12) for _ in range(3)]",
    "[random.randrange(10) for _ in range(10)]",
    "[random.randrange(5, 500, 7) for _ in range(6)]",
    "[random.randrange(100, -100, -3) for _ in range(6)]",
    "[random.randrange(2**62) for _ in range(3)]",
    "[random.choice('abcdefghij') for _ in range(8)]",
    "[random.choice(range(1000)) for _ in range(5)]",
    "[random.uniform(-1, 1) for _ in range(3)]",
    "[random.uniform(10, 20.5) for _ in range(3)]",
    "[random.gauss() for _ in range(5)]",
    "[random.gauss(100, 15) for _ in range(3)]",
    "[random.expovariate(1.5) for _ in range(4)]",
    "random.sample(range(50), 10)",
    "random.sample(range(100000), 25)",
    "random.sample(['a', 'b', 'c', 'd', 'e'], 5)",
    "random.sample('abc', k=4, counts=[2, 0, 3])",
    "random.choices('abcde', k=8)",
    "random.choices(range(4), [0.1, 0.2, 0.3, 0.4], k=8)",
    "random.choices('xyz', cum_weights=[1, 10, 11], k=6)",
    "(lambda xs: (random.shuffle(xs), xs)[1])(list(range(15)))",
    "(lambda r: [r.random(), r.randint(0, 100), r.choice('qwerty')])(random.Random(random.getrandbits(32)))",
]

BLOCKS = [
    # The module starts seeded with 0 (the default seed decision).
    "import random\nprint(random.random(), random.randrange(100))",
    "import random\nr = random.Random()\nprint(r.random())\nrandom.seed()\nprint(random.random())",
    "import random\nr = random.Random(7)\ns = random.Random(7)\nprint(r.random() == s.random(), r.gauss() == s.gauss())",
    "import random\nrandom.seed(3)\nrandom.gauss()\nrandom.seed(3)\nprint(random.gauss())",
    "from random import Random, randint\nprint(Random(1).randint(1, 10), randint(1, 10))",
    "import random as r\nprint(r.randint(0, 0), r.randrange(1), r.choice([7]))",
    # errors
    "import random\nrandom.choice([])",
    "import random\nrandom.choice('')",
    "import random\nrandom.randrange(0)",
    "import random\nrandom.randrange(-3)",
    "import random\nrandom.randrange(5, 5)",
    "import random\nrandom.randrange(5, 2)",
    "import random\nrandom.randrange(1, 10, 0)",
    "import random\nrandom.randrange(10, 1, 2)",
    "import random\nrandom.randrange(10, step=2)",
    "import random\nrandom.randrange(2.5)",
    "import random\nrandom.randint(5, 1)",
    "import random\nrandom.randint(1.5, 3)",
    "import random\nrandom.sample([1, 2], 3)",
    "import random\nrandom.sample([1, 2], -1)",
    "import random\nrandom.sample({1, 2}, 1)",
    "import random\nrandom.sample('ab', 1, counts=[1])",
    "import random\nrandom.sample('ab', 1, counts=[0, 0])",
    "import random\nrandom.sample('ab', 1, counts=[1.0, 2])",
    "import random\nrandom.choices([1, 2], [0, 0])",
    "import random\nrandom.choices([1, 2], [1])",
    "import random\nrandom.choices([1, 2], [1, 2], cum_weights=[1, 2])",
    "import random\nrandom.choices([1, 2], 3)",
    "import random\nrandom.choices([1, 2], [1, float('inf')])",
    "import random\nrandom.seed([1, 2])",
    "import random\nrandom.seed({})",
    "import random\nrandom.getrandbits(-1)",
    "import random\nrandom.getrandbits(2.0)",
    "import random\nrandom.expovariate()",
    "import random\nrandom.nosuch",
    # time on the virtual clock
    "import time\nprint(time.time(), time.monotonic(), time.perf_counter(), time.process_time())",
    "import time\nprint(time.time_ns(), time.monotonic_ns(), time.perf_counter_ns())",
    "import time\nt0 = time.perf_counter()\ntime.sleep(1.25)\nprint(time.perf_counter() - t0, time.time())",
    "import time\ntime.sleep(0)\ntime.sleep(1)\ntime.sleep(0.1)\nprint(time.monotonic(), time.time_ns())",
    "from time import sleep, monotonic\nsleep(3)\nprint(monotonic())",
    "import time\nprint(time.timezone, time.altzone, time.daylight)",
    "import time\ntime.sleep(-1)",
    "import time\ntime.sleep('1')",
]

# collections and functools (stdlib worktree): each block prints what a
# program observes; no reprs with addresses.
BLOCKS += [
    "from collections import deque\nd = deque([1, 2, 3], maxlen=4)\nd.append(4)\nd.append(5)\nd.appendleft(0)\nprint(d, len(d), d[0], d[-1], d.maxlen, 3 in d)",
    "from collections import deque\nd = deque(range(6))\nd.rotate(2)\nprint(d)\nd.rotate(-3)\nprint(d)\nd.rotate(13)\nprint(d, list(reversed(list(d))))",
    "from collections import deque\nd = deque('abc')\nd.extendleft('xy')\nd.extend('q')\nprint(d, d.index('a'), d.count('x'), d.pop(), d.popleft(), d)",
    "from collections import deque\nd = deque('abcd')\nd.remove('b')\nd.insert(1, 'z')\nd[0] = 'A'\ndel d[-1]\nd.reverse()\nprint(d, repr(deque()), deque(maxlen=0), bool(deque()), deque([1]) == deque([1]))",
    "from collections import deque\nd = deque(maxlen=2)\nfor i in range(5):\n    d.append(i)\nprint(d, d.copy(), list(d))\nd.clear()\nprint(d)",
    "from collections import deque\ndeque().pop()",
    "from collections import deque\ndeque().popleft()",
    "from collections import deque\ndeque([1])[3]",
    "from collections import deque\ndeque([1]).remove(2)",
    "from collections import deque\ndeque([1]).index(2)",
    "from collections import deque\ndeque(maxlen=-1)",
    "from collections import deque\nd = deque([1, 2])\nfor x in d:\n    d.append(x)",
    "from collections import deque\nd = deque([1], maxlen=1)\nd.insert(0, 2)",
    "from collections import defaultdict\ndd = defaultdict(list)\ndd['a'].append(1)\ndd['b'].append(2)\ndd['a'].append(3)\nprint(dd, dict(dd), dd.default_factory, isinstance(dd, dict), isinstance(dd, defaultdict), type(dd).__name__)",
    "from collections import defaultdict\nd = defaultdict(int)\nfor w in 'the cat the hat the end'.split():\n    d[w] += 1\nprint(d, d.copy(), defaultdict(), defaultdict(None, {1: 2}), d.get('zz'), 'zz' in d, len(d))",
    "from collections import defaultdict\ndefaultdict(None)['x']",
    "from collections import defaultdict\ndefaultdict(5)",
    "from collections import defaultdict\nd = defaultdict(lambda: 'n/a', a=1)\nprint(d['a'], d['b'], sorted(d.items()), isinstance({}, defaultdict))",
    "from collections import Counter\nc = Counter('abracadabra')\nprint(c, c.most_common(2), c.most_common(), c['z'], c.total(), len(c))",
    "from collections import Counter\nc = Counter(a=3, b=1)\nc.update('zz')\nc.update({'a': 10})\nc.subtract(b=5)\nprint(c, sorted(c.elements()), Counter())",
    "from collections import Counter\nprint(Counter(a=3, b=1) + Counter(a=1, b=2, c=4), Counter(a=3, b=1) - Counter(a=1, b=2), Counter(a=3, b=1) | Counter(a=1, b=2), Counter(a=3, b=1) & Counter(a=1, b=2))",
    "from collections import Counter\nprint(Counter(a=1) == Counter(a=1, b=0), Counter(a=1) == {'a': 1}, Counter(['x', 'y', 'x']), type(Counter()).__name__)",
    "from collections import Counter\nwords = 'one two three two three three'.split()\nfor w, n in Counter(words).most_common():\n    print(w, n)",
    "from collections import OrderedDict\nod = OrderedDict(a=1, b=2, c=3)\nod.move_to_end('a')\nprint(od, list(od))\nod.move_to_end('c', last=False)\nprint(od)\nprint(od.popitem(), od.popitem(last=False), od, OrderedDict())",
    "from collections import OrderedDict\nprint(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == {'b': 2, 'a': 1}, OrderedDict([(1, 'x')]))",
    "from collections import OrderedDict\nOrderedDict().popitem()",
    "from collections import OrderedDict\nOrderedDict(a=1).move_to_end('z')",
    "from collections import namedtuple\nP = namedtuple('P', 'x y')\npt = P(1, y=2)\nprint(pt, pt.x, pt[1], len(pt), list(pt), pt == (1, 2), pt._asdict(), pt._replace(x=9), P._make([5, 6]))",
    "from collections import namedtuple\nP = namedtuple('P', ['x', 'y'])\nx, y = P(1, 2)\nprint(x, y, P._fields, P.__name__, P.__doc__, hash(P(1, 2)) == hash((1, 2)), P(1, 2) < P(1, 3), P(1, 2)[:1], 2 in P(1, 2))",
    "from collections import namedtuple\nQ = namedtuple('Q', 'a, b, c', defaults=[0, 1])\nprint(Q(5), Q._field_defaults, Q(1, 2, 3), sorted([Q(2), Q(1)]), {Q(1): 'q'}[(1, 0, 1)])",
    "from collections import namedtuple\nclass R(namedtuple('R', 'w h')):\n    def area(self):\n        return self.w * self.h\nprint(R(2, 3).area(), R(2, 3), R._fields)",
    "from collections import namedtuple\nP = namedtuple('P', 'x y')\nP(1)",
    "from collections import namedtuple\nP = namedtuple('P', 'x y')\nP(1, 2, 3)",
    "from collections import namedtuple\nP = namedtuple('P', 'x y')\nP(1, z=2)",
    "from collections import namedtuple\nnamedtuple('X', 'a a')",
    "from collections import namedtuple\nnamedtuple('X', '_a')",
    "from collections import namedtuple\nnamedtuple('X', 'a def')",
    "from collections import namedtuple\nnamedtuple('1X', 'a')",
    "from collections import namedtuple\nP = namedtuple('P', 'x y')\nP(1, 2)._replace(z=1)",
    "from collections import namedtuple\nP = namedtuple('P', 'x y')\nP._make([1])",
    "import collections\nprint(collections.deque, collections.defaultdict, collections.Counter, collections.OrderedDict)",
    "import functools\ndef f(a, b, c=3, *, d=4):\n    return (a, b, c, d)\np = functools.partial(f, 1, d=5)\nprint(p(2), p(2, c=7, d=9), p.args, p.keywords, p.func is f)\npp = functools.partial(p, 2)\nprint(pp(), pp.args, pp.keywords, type(pp) is functools.partial, isinstance(pp, functools.partial))",
    "from functools import partial\nprint(repr(partial(max, 1, key=abs)), partial(int, base=2)('101'))",
    "from functools import partial\npartial(1)",
    "from functools import reduce\nprint(reduce(lambda a, b: a * b, range(1, 6)), reduce(lambda a, b: a + b, [], 10), reduce(lambda a, b: a + [b], 'xyz', []))",
    "from functools import reduce\nreduce(lambda a, b: a, [])",
    "from functools import reduce\nreduce(lambda a, b: a, 5)",
    "from functools import wraps\ndef deco(fn):\n    @wraps(fn)\n    def inner(*a, **k):\n        return fn(*a, **k)\n    return inner\n@deco\ndef hello(x):\n    'doc of hello'\n    return x + 1\nprint(hello.__name__, hello.__qualname__, hello.__doc__, hello.__wrapped__.__name__, hello(1), hello.__module__)",
    "import functools\ndef a():\n    pass\na.extra = 5\ndef b():\n    pass\nfunctools.update_wrapper(b, a)\nprint(b.__name__, b.extra, b.__wrapped__ is a, functools.WRAPPER_UPDATES)",
    "from functools import lru_cache\n@lru_cache(maxsize=2)\ndef sq(n):\n    print('compute', n)\n    return n * n\nprint(sq(2), sq(2), sq(3), sq(4), sq(2))\nprint(sq.cache_info())\nsq.cache_clear()\nprint(sq.cache_info(), sq.__name__)",
    "from functools import cache, lru_cache\n@cache\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint(fib(60), fib.cache_info())\n@lru_cache\ndef g(x, y=1):\n    return x + y\nprint(g(1), g(1, y=1), g(1, 1), g.cache_info(), g.cache_info().hits, g.cache_info()[1])",
    "from functools import lru_cache\nclass C:\n    @lru_cache(maxsize=None)\n    def m(self, x):\n        return x * 10\nc = C()\nprint(c.m(3), c.m(3), C.m.cache_info())",
    "from functools import lru_cache\n@lru_cache(maxsize=0)\ndef z(x):\n    return x\nprint(z(1), z(1), z.cache_info())",
    "from functools import lru_cache\nlru_cache('x')",
    "from functools import total_ordering\n@total_ordering\nclass V:\n    def __init__(self, v):\n        self.v = v\n    def __eq__(self, o):\n        return self.v == o.v\n    def __lt__(self, o):\n        return self.v < o.v\nprint(V(1) <= V(2), V(2) >= V(2), V(3) > V(1), V(1) > V(2), V(2) <= V(1), sorted([V(3), V(1)], reverse=True)[0].v)",
    "from functools import total_ordering\n@total_ordering\nclass W:\n    def __init__(self, v):\n        self.v = v\n    def __eq__(self, o):\n        return self.v == o.v\n    def __ge__(self, o):\n        return self.v >= o.v\nprint(W(1) < W(2), W(2) <= W(2), W(3) > W(1), W(1) > W(1), W(2) <= W(1))",
    "from functools import total_ordering\n@total_ordering\nclass N:\n    pass",
]

# heapq, bisect, operator, math, string (stdlib worktree)
BLOCKS += [
    "import heapq\nh = []\nfor x in [5, 1, 8, 3, 9, 2, 7]:\n    heapq.heappush(h, x)\nprint(h, [heapq.heappop(h) for _ in range(3)], h)",
    "import heapq\nh = [(5, 'a'), (5, 'b'), (1, 'c'), (5, 'd'), (3, 'e'), (5, 'f')]\nheapq.heapify(h)\nprint(h)\nprint(heapq.heappushpop(h, (2, 'z')), heapq.heapreplace(h, (9, 'y')), h)",
    "import heapq\nclass T:\n    def __init__(self, k, n):\n        self.k, self.n = k, n\n    def __lt__(self, o):\n        return self.k < o.k\nh = []\nfor i, k in enumerate([5, 5, 5, 5, 5, 1, 5, 5]):\n    heapq.heappush(h, T(k, i))\nprint([heapq.heappop(h).n for _ in range(8)])",
    "import heapq\ndata = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]\nprint(heapq.nlargest(3, data), heapq.nsmallest(4, data), heapq.nlargest(2, ['aa', 'b', 'ccc'], key=len), heapq.nsmallest(0, data), heapq.nlargest(20, data))",
    "import heapq\nheapq.heappop([])",
    "import heapq\nheapq.heappush((), 1)",
    "import heapq\nheapq.heapify(3)",
    "import bisect\na = [1, 2, 2, 2, 5, 8]\nprint(bisect.bisect_left(a, 2), bisect.bisect_right(a, 2), bisect.bisect(a, 0), bisect.bisect(a, 9), bisect.bisect_left(a, 2, 2), bisect.bisect_right(a, 2, 0, 3))",
    "import bisect\na = []\nfor x in [5, 1, 4, 1, 3]:\n    bisect.insort(a, x)\nbisect.insort_left(a, 4)\nprint(a)\nb = [('a', 1), ('c', 3)]\nbisect.insort(b, ('b', 2), key=lambda p: p[1])\nprint(b, bisect.bisect_left(b, 3, key=lambda p: p[1]))",
    "import bisect\nbisect.bisect([1], 1, -1)",
    "import operator\nprint(operator.add(2, 3), operator.sub(2, 3), operator.mul('a', 3), operator.truediv(7, 2), operator.floordiv(7, 2), operator.mod(7, 3), operator.pow(2, 10), operator.neg(4), operator.not_(0), operator.truth([1]))",
    "import operator\nprint(operator.eq(1, 1.0), operator.lt(1, 2), operator.ge('b', 'a'), operator.contains([1, 2], 2), operator.getitem('abc', 1), operator.is_(None, None), operator.concat([1], [2]), operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3), operator.abs(-3), operator.index(True))",
    "from operator import itemgetter, attrgetter, methodcaller\nrows = [('b', 2), ('a', 3), ('c', 1)]\nprint(sorted(rows, key=itemgetter(1)), itemgetter(0, 1)(rows[0]), repr(itemgetter(1)), repr(attrgetter('x.y')), repr(methodcaller('split', ',', maxsplit=1)))\nclass P:\n    def __init__(self, x):\n        self.x = x\nprint([p.x for p in sorted([P(3), P(1)], key=attrgetter('x'))], methodcaller('upper')('ab'), methodcaller('split', ',', maxsplit=1)('a,b,c'))",
    "import operator\noperator.concat(1, 2)",
    "import math\nprint(math.sqrt(2), math.floor(2.7), math.ceil(2.1), math.floor(-2.5), math.trunc(-2.7), math.fabs(-3), math.pow(2, 0.5), math.exp(1), math.log(100, 10), math.log(8, 2), math.log2(1024), math.log10(0.001), math.log(2.5))",
    "import math\nprint(math.pi, math.e, math.tau, math.inf, math.nan, math.sin(1), math.cos(1), math.tan(1), math.atan2(1, 2), math.hypot(3, 4), math.degrees(1), math.radians(90), math.asin(0.5), math.acos(0.5), math.atan(2))",
    "import math\nprint(math.isclose(0.1 + 0.2, 0.3), math.isclose(1, 1.1), math.isclose(1, 1.05, rel_tol=0.1), math.isfinite(1e308), math.isinf(-math.inf), math.isnan(math.nan), math.copysign(3, -0.0), math.fmod(7, -3), math.modf(-3.25))",
    "import math\nprint(math.gcd(12, 18), math.gcd(), math.gcd(-4, 6, 10), math.lcm(4, 6), math.factorial(20), math.factorial(25), math.comb(10, 3), math.comb(60, 30), math.perm(5, 2), math.perm(4), math.isqrt(99), math.prod([1, 2, 3, 4]), math.prod([]))",
    "import math\nprint(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), math.dist((0, 0), (3, 4)), math.floor(1e20), math.ceil(-1e20), math.floor(7))",
    "import math\nmath.sqrt(-1)",
    "import math\nmath.log(0)",
    "import math\nmath.acos(2)",
    "import math\nmath.exp(1000)",
    "import math\nmath.factorial(-1)",
    "import math\nmath.factorial(2.5)",
    "import math\nmath.floor(float('inf'))",
    "import math\nmath.floor(float('nan'))",
    "import math\nmath.sqrt('x')",
    "import string\nprint(string.ascii_letters, string.ascii_lowercase, string.ascii_uppercase, string.digits, string.hexdigits, string.octdigits)\nprint(repr(string.punctuation), repr(string.whitespace), repr(string.printable))\nprint(string.capwords('hello   wide world'), string.capwords('a-b-c', '-'))",
]

# itertools (stdlib worktree)
BLOCKS += [
    "import itertools\nc = itertools.count()\nprint(next(c), next(c), c, list(zip(itertools.count(5, 2), 'abc')), list(zip(itertools.count(0.5, 0.25), range(3))))",
    "import itertools\nprint(list(itertools.islice(itertools.cycle('ab'), 5)), list(itertools.repeat('x', 3)), repr(itertools.repeat('x', 2)), repr(itertools.repeat(1)), list(itertools.repeat(0, -1)))",
    "import itertools\nprint(list(itertools.chain('ab', [1, 2], ())), list(itertools.chain.from_iterable(['xy', 'z'])), list(itertools.chain()))",
    "import itertools\nr = range(10)\nprint(list(itertools.islice(r, 3)), list(itertools.islice(r, 2, 8, 3)), list(itertools.islice(r, 5, None)), list(itertools.islice(r, 4, 2)), list(itertools.islice(r, 0, None, 4)))",
    "import itertools\nit = iter(range(10))\nprint(list(itertools.islice(it, 3, 2)), next(it))",
    "import itertools\nimport operator\nprint(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.accumulate([1, 2, 3, 4], operator.mul)), list(itertools.accumulate([3, 1, 4], max, initial=2)), list(itertools.accumulate([])))",
    "import itertools\nprint(list(itertools.takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(itertools.dropwhile(lambda x: x < 3, [1, 2, 3, 1])), list(itertools.filterfalse(None, [0, 1, '', 'a'])), list(itertools.compress('abcdef', [1, 0, 1, 0, 1])))",
    "import itertools\nprint(list(itertools.starmap(pow, [(2, 3), (3, 2)])), list(itertools.zip_longest('abc', [1])), list(itertools.zip_longest('ab', 'xyz', fillvalue='-')), list(itertools.zip_longest()))",
    "import itertools\nprint(list(itertools.pairwise('abcd')), list(itertools.pairwise('a')))",
    "import itertools\nprint(list(itertools.batched('abcdefg', 3)))",
    "import itertools\nfor k, g in itertools.groupby('aaabbcaa'):\n    print(k, list(g))\nprint([(k, len(list(g))) for k, g in itertools.groupby([1, 3, 2, 4, 5], key=lambda x: x % 2)])",
    "import itertools\ngroups = [(k, g) for k, g in itertools.groupby('aabbc')]\nprint([(k, list(g)) for k, g in groups])",
    "import itertools\nprint(list(itertools.product('ab', range(2))), list(itertools.product('ab', repeat=2)), list(itertools.product()), list(itertools.product('ab', '')))",
    "import itertools\nprint(list(itertools.permutations('abc')), list(itertools.permutations(range(4), 2)), list(itertools.permutations('ab', 3)))",
    "import itertools\nprint(list(itertools.combinations('abcd', 2)), list(itertools.combinations(range(4), 3)), list(itertools.combinations('ab', 3)), list(itertools.combinations_with_replacement('abc', 2)))",
    "import itertools\nprint(len(list(itertools.permutations(range(6)))), sum(1 for _ in itertools.combinations(range(20), 3)))",
    "import itertools\nitertools.islice('abc', -1)",
    "import itertools\nitertools.combinations('abc', -1)",
    "import itertools\nitertools.batched('abc', 0)",
]

# json, statistics, textwrap (stdlib worktree)
BLOCKS += [
    """import json
print(json.dumps({'a': [1, 2.5, None, True, False], 'b': 'x"y\\\\z\\n', 'c': {}, 'd': []}))""",
    """import json
print(json.dumps({'b': 1, 'a': {'y': [1, {'z': 2}], 'x': []}}, indent=2, sort_keys=True))
print(json.dumps([1, [2, 3]], indent='\\t'))
print(json.dumps({'a': 1, 'b': 2}, separators=(',', ':')), json.dumps([1, 2], indent=0))""",
    """import json
print(json.dumps('h\\u00e9llo \\u2603 \\U0001F600 \\x01\\x7f'), json.dumps('h\\u00e9llo \\u2603 \\U0001F600', ensure_ascii=False))""",
    """import json
print(json.dumps({1: 'a', 2.5: 'b', True: 'c', None: 'd', 10**20: 'e'}), json.dumps([float('inf'), float('-inf'), float('nan'), 1e300, 0.1, -0.0, 10**30]))""",
    """import json
from collections import OrderedDict, namedtuple, Counter, defaultdict
P = namedtuple('P', 'x y')
print(json.dumps(OrderedDict(b=1, a=2)), json.dumps(P(1, 2)), json.dumps((1, 'a')), json.dumps(Counter('aab')), json.dumps(defaultdict(list, k=[1])))""",
    """import json
class C:
    pass
print(json.dumps({'c': C()}, default=lambda o: 'C!'), json.dumps({(1, 2): 3, 'k': 4}, skipkeys=True))""",
    "import json\njson.dumps({'c': object()})",
    "import json\njson.dumps({(1, 2): 3})",
    "import json\nl = []\nl.append(l)\njson.dumps(l)",
    "import json\njson.dumps(float('nan'), allow_nan=False)",
    """import json
print(json.loads('{"a": [1, 2.5, -3e2, null, true, false], "b": "x\\\\u00e9\\\\n\\\\ud83d\\\\ude00", "c": {}}'))
print(json.loads(' [ ] '), json.loads('12345678901234567890123'), json.loads('"s"'), json.loads('[NaN, Infinity, -Infinity, 1E5, 0.5e-3]'), json.loads(b'[1]'))""",
    """import json
d = {'k': [1, {'z': None}], '\\u00fc': 'v\\n', 'n': 1.5}
print(json.loads(json.dumps(d)) == d, json.loads(json.dumps(d, indent=3)) == d)""",
    "import json\njson.loads('')",
    "import json\njson.loads('[1, 2')",
    """import json\njson.loads('{"a" 1}')""",
    "import json\njson.loads('{1: 2}')",
    "import json\njson.loads('[1, 2,]')",
    """import json\njson.loads('{"a": 1,}')""",
    "import json\njson.loads('[1] x')",
    """import json\njson.loads('\\n\\n  [1, "abc')""",
    """import json\njson.loads('"a\\\\qb"')""",
    "import json\njson.loads('[-]')",
    """import json
try:
    json.loads('[')
except ValueError as e:
    print(type(e).__name__, isinstance(e, json.JSONDecodeError), e.args)""",
    "import json\njson.loads(5)",
    """import statistics
print(statistics.mean([1, 2, 3, 4]), statistics.mean([1, 2, 3]), statistics.mean([0.1, 0.2, 0.3]), statistics.mean([1, 2.5]), statistics.mean([10**20, 1]), statistics.mean(range(7)), statistics.mean([True, False]))""",
    """import statistics
print(statistics.mean([1e308, 1e308, -1e308]), statistics.mean([0.1] * 7), statistics.median([3, 1, 2]), statistics.median([4, 1, 3, 2]), statistics.median([1.5, 2.5]))""",
    """import textwrap
print(repr(textwrap.dedent('    a\\n      b\\n    c\\n')), repr(textwrap.dedent('  x\\n\\n \\n  y')), repr(textwrap.dedent('\\tq\\n\\t r')), repr(textwrap.dedent('no indent\\n  x')))""",
    """import textwrap
s = textwrap.dedent('\\n    def f():\\n        return 1\\n    ')
print(s)""",
]

# issue 10's remaining names (pool worktree): statistics.StatisticsError,
# json.dump/load over objects with write/read, functools.cmp_to_key and
# cached_property, named tuples as tuples.
BLOCKS += [
    """import statistics
for f, a in ((statistics.mean, []), (statistics.median, ())):
    try:
        f(a)
    except statistics.StatisticsError as e:
        print(type(e).__name__, e, isinstance(e, ValueError), type(e).__module__, e.args)
print(issubclass(statistics.StatisticsError, ValueError), statistics.StatisticsError.__name__)""",
    """import json
class Box:
    def __init__(self, text=''):
        self.parts = [text]
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def read(self):
        return ''.join(self.parts)
b = Box()
print(json.dump({'b': [1, 2.5, None], 'a': 'x'}, b, sort_keys=True, indent=2))
print(b.read())
print(json.load(Box('{"x": [true, false, 1e3]}')))
try:
    json.load(Box('[1,'))
except json.JSONDecodeError as e:
    print(type(e).__name__, e)""",
    "import json\njson.dump([1], 5)",
    """import functools
def cmp(a, b):
    print('cmp', a, b)
    return (a > b) - (a < b)
K = functools.cmp_to_key(cmp)
print(K(1) < K(2), K(2) <= K(2), K(3) > K(1), K(1) >= K(3), K(1) == K(1), K(1) != K(2), K(5).obj)
print(max([4, 9, 2], key=K), min([4, 9, 2], key=K))
print(sorted([3, 1, 2, 9, 0, 5], key=functools.cmp_to_key(lambda a, b: b - a)))
print(sorted(['bb', 'a', 'ccc'], key=functools.cmp_to_key(lambda x, y: len(y) - len(x))))""",
    "import functools\nK = functools.cmp_to_key(lambda a, b: 0)\nK(1) < 3",
    "import functools\nhash(functools.cmp_to_key(lambda a, b: 0)(1))",
    """import functools
class Circle:
    def __init__(self, r):
        self.r = r
    @functools.cached_property
    def area(self):
        print('computing area')
        return self.r * self.r * 3
    @functools.cached_property
    def name(self):
        \"\"\"The name.\"\"\"
        return 'circle %d' % self.r
c = Circle(2)
print(c.area, c.area, c.__dict__)
c.area = 7
print(c.area, c.name, Circle.name.__doc__, type(Circle.area).__name__)
del c.area
print(c.area, Circle(3).area)""",
    """from collections import namedtuple
P = namedtuple('P', 'x y')
class Q(P):
    pass
p = P(1, 2)
print(isinstance(p, tuple), isinstance((1, 2), P), isinstance(p, P), isinstance(p, (int, tuple)), isinstance(Q(3, 4), tuple), isinstance(p, list))""",
]

RUNNER = r"""
import sys, io, json, contextlib, warnings, random, time
warnings.simplefilter('ignore')
clock = [0.0]
def _sleep(s):
    if not isinstance(s, (int, float)):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(s).__name__)
    if s < 0:
        raise ValueError('sleep length must be non-negative')
    clock[0] += s
time.time = lambda: 1767225600.0 + clock[0]
time.time_ns = lambda: 1767225600 * 10**9 + int(clock[0] * 1e9)
for n in ('monotonic', 'perf_counter', 'process_time', 'thread_time'):
    setattr(time, n, lambda: clock[0])
    setattr(time, n + '_ns', lambda: int(clock[0] * 1e9))
time.sleep = _sleep
_orig_seed = random.Random.seed
def _seed(self, a=None, version=2):
    return _orig_seed(self, 0 if a is None else a, version)
random.Random.seed = _seed
random.seed = random._inst.seed
cases = json.load(open(sys.argv[1]))
res = []
for name, src in cases:
    clock[0] = 0.0
    random.seed(0)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            exec(compile(src, '<case>', 'exec'), {'__name__': '__main__'})
        except BaseException as e:
            print('UNCAUGHT', type(e).__name__, e)
    res.append(buf.getvalue())
json.dump(res, open(sys.argv[2], 'w'))
"""


# enum.Flag and enum.IntFlag (issue 9): each expression after the same
# classes (canonical single-bit members, a multi-bit member, auto() values
# combined in the class body, definition order not by value).
FLAG_PRELUDE = """from enum import Flag, IntFlag, auto
class Perm(Flag):
    R = 4
    W = 2
    X = 1
    RWX = 7
class P(IntFlag):
    R = 4
    W = 2
    X = 1
class C(Flag):
    A = auto()
    B = auto()
    C = auto()
    AB = A | B
class Opt(Flag):
    NONE = 0
    A = auto()
    B = auto()
"""
FLAG_EXPRS = [
    "list(Perm), len(Perm), list(C), list(Opt), len(Opt)",
    "Perm.R, repr(Perm.R), Perm.R.value, Perm.R.name, Perm.R._value_",
    "Perm.R | Perm.W, repr(Perm.R | Perm.W), (Perm.R | Perm.W).name, type(Perm.R | Perm.W).__name__",
    "Perm.RWX, repr(Perm.RWX), Perm(7) is Perm.RWX, Perm(4) is Perm.R, Perm(6) is Perm(6)",
    "Perm.R in Perm.R | Perm.W, Perm.X in Perm.R | Perm.W, repr(Perm.R & Perm.W), bool(Perm.R & Perm.W)",
    "repr(~Perm.R), str(~Perm.R), repr(~Perm.RWX), repr(Perm(0)), str(Perm(0)), repr(Perm(0).name)",
    "repr(Perm.R ^ Perm.RWX), repr(Perm.R ^ Perm.R), repr(Perm(-1)), repr(Perm(3))",
    "repr(C.AB), repr(~C.AB), repr(C.A | C.C), list(C.AB), repr(C(3)), repr(C(0)), bool(C(0))",
    "list(Perm.RWX), len(Perm.RWX), len(Perm(0)), list(Perm(0))",
    "Perm.R in Perm, C.AB in C.A, C.A in C.AB, C.A in C",
    "1 in Perm",
    "6 in Perm",
    "1 in Perm.RWX",
    "'a' in C.A",
    "Perm.R | 1",
    "Perm.R == 4, Perm.R != Perm.W, hash(Perm.R | Perm.W) == hash(Perm(6))",
    "Perm._member_names_, list(Perm.__members__), sorted(P.__members__)",
    # Perm(8) differs between 3.11.2 (CONFORM: Perm(0)) and 3.11.7
    # (STRICT: ValueError); this table runs "3.11" as 3.11.7 but is made
    # with 3.11.2, so the scenario lang_enum_flag covers it instead.
    "Perm('x')",
    "Perm['RWX'], Perm(1), sorted(Perm, key=lambda m: m.value), {Perm.R: 1}[Perm.R]",
    "Perm, P, repr(Perm), isinstance(Perm.R, Flag), isinstance(P.R, IntFlag), isinstance(P.R, int)",
    "issubclass(IntFlag, int), issubclass(P, int), issubclass(Flag, int), issubclass(P, Flag)",
    "P.R, repr(P.R), P.R | P.W, repr(P.R | P.W), P.R + 1, P.R * 2, P.R | 8, repr(P.R | 8)",
    "int(P.R | P.X), P.R == 4, P.R in P.R | P.W, repr(~P.R), ~P.R, repr(P(0)), P(0)",
    "repr(P(9)), str(P(9)), repr(P(-1)), repr(P.R.__or__(3)), repr(~P(9)), repr(P(4) ^ 12)",
    "[repr(m) for m in P(7)], repr(P(7)), repr(~P(0)), repr(3 | P.R), repr(P.R & 2), P.R & 6",
    "hash(P.R) == hash(4), P.R < P.W, repr(max(P.R, P.W)), P.R.bit_length()",
    "f'{P.R}', f'{Perm.R}', format(P.W, '03d'), '%s' % P.X, f'{Perm.R | Perm.W}', '{:>8}|'.format(Perm.W)",
    "'{!r}'.format(C.A | C.C), ', '.join(m.name for m in Perm), [m.value for m in C]",
    "repr(Opt.NONE), Opt.NONE, bool(Opt.NONE), repr(Opt.A | Opt.B), Opt.A in Opt.NONE, Opt(0) is Opt.NONE",
    "repr(~Opt.NONE), repr(~Opt.A), repr(Opt.A & Opt.B)",
]
BLOCKS += [FLAG_PRELUDE + "print(%s)" % e for e in FLAG_EXPRS]

# Enumerations mixing in str or int (`class Status(str, Enum)`): the data
# type's operators, Enum's str(), format() and repr().
MIXIN_PRELUDE = """import json
from enum import Enum, IntEnum, StrEnum
class S(str, Enum):
    A = "alpha"
    B = "beta"
class N(int, Enum):
    ONE = 1
    TWO = 2
class L(IntEnum):
    X = 7
class M(StrEnum):
    Y = "why"
"""
MIXIN_EXPRS = [
    "S.A, repr(S.A), f'{S.A}', str(S.B), '%s' % S.A, '%r' % (S.A,), S.A == 'alpha', S.A.upper()",
    "len(S.B), S.B[1:], list(S.A)[:2], 'ph' in S.A, 'x' + S.A, S.A < 'b', hash(S.A) == hash('alpha')",
    "isinstance(S.A, str), issubclass(S, str), isinstance(N.ONE, int), issubclass(N, int)",
    "N.ONE, repr(N.TWO), f'{N.TWO}', N.TWO + 1, N.TWO * 3, '%d' % N.TWO, N.ONE < N.TWO, 3 - N.ONE",
    "S('beta'), N(2), S['A'], list(S), S.A in S, sorted([N.TWO, N.ONE]), {'alpha': 0}[S.A]",
    "json.dumps([S.A, N.TWO, L.X, M.Y]), json.dumps({'k': S.B}), '%s %d' % (M.Y, L.X)",
    "len(M.Y), M.Y[0], 'h' in M.Y, list(M.Y)",
    "S('gamma')",
]
BLOCKS += [MIXIN_PRELUDE + "print(%s)" % e for e in MIXIN_EXPRS]

# Recursive reprs of collections' containers (deque_repr's "[...]",
# odict_repr's "...").
BLOCKS += [
    """import collections
dq = collections.deque([1])
dq.append(dq)
od = collections.OrderedDict(a=1)
od["me"] = od
od2 = collections.OrderedDict(x=[od])
print(dq, od, od2, [dq], {"k": od})""",
]

# ChainMap's live views (KeysView(ChainMap(...)) and the others),
# singledispatch's live registry (a mappingproxy), __future__, vars()
# (env worktree, session 6).
BLOCKS += [
    """from collections import ChainMap
base, over = {'a': 1, 'b': 2}, {'b': 20, 'c': 30}
cm = ChainMap(over, base)
k, v, i = cm.keys(), cm.values(), cm.items()
print(k, v, i)
print(len(k), list(k), list(v), list(i), 'a' in k, 'z' in k, 20 in v, 2 in v, ('b', 20) in i, ('b', 2) in i, ('q', 1) in i)
cm['d'] = 4
base['e'] = 5
print(len(k), list(k), list(v), sorted(i))
print(k == {'a', 'b', 'c', 'd', 'e'}, k == {'a'}, i == set(cm.items()), v == v, v == list(v), k == ['a'])
print(type(k).__name__, type(v).__name__, type(i).__name__, repr(ChainMap().keys()), ChainMap({1: 2}).items())""",
    """from functools import singledispatch
@singledispatch
def show(x):
    return 'obj'
@show.register(int)
def _(x):
    return 'int'
reg = show.registry
print(len(reg), int in reg, str in reg, reg[int](1), reg.get(str, 'none'), sorted(c.__name__ for c in reg.keys()), type(reg).__name__)
@show.register(str)
def _(x):
    return 'str'
print(len(reg), str in reg, reg[str]('a'), show('a'), dict(reg) == dict(show.registry), reg == show.registry, len(reg.copy()))
try:
    reg[float] = None
except TypeError as e:
    print('TypeError', e)""",
    """from __future__ import annotations
import __future__
print(__future__.annotations, __future__.division, __future__.generator_stop.mandatory, __future__.all_feature_names)
print(__future__.annotations.getOptionalRelease(), __future__.annotations.getMandatoryRelease(), __future__.annotations.compiler_flag, __future__.CO_FUTURE_ANNOTATIONS, hex(__future__.CO_NESTED))
def f(x: int) -> 'Thing':
    return x
print(f(3))""",
    """class P:
    def __init__(self):
        self.a = 1
        self.b = [2]
p = P()
d = vars(p)
d['c'] = 3
print(d, p.c, vars(p) is p.__dict__)
try:
    vars(5)
except TypeError as e:
    print('TypeError', e)
try:
    vars(p, p)
except TypeError as e:
    print('TypeError', e)""",
]


def program_for_block(block):
    lines = block.splitlines()
    imports = [ln for ln in lines if ln.startswith(("import ", "from "))]
    body = "\n".join("    " + ln for ln in lines if ln not in imports)
    return ("%s\ntry:\n%s\nexcept Exception as e:\n    print(type(e).__name__ + ':', e)\n"
            % ("\n".join(imports), body))


def cases():
    out = []
    for i, seed in enumerate(SEEDS):
        for j, draw in enumerate(DRAWS):
            out.append(("r%02d_%02d" % (i, j),
                        program_for_block("import random\nrandom.seed(%s)\nprint(%s)" % (seed, draw))))
    for i, b in enumerate(BLOCKS):
        out.append(("b%03d" % i, program_for_block(b)))
    return out


def main():
    write_case_table(OUT, "gen_stdlib_cases.py", cases(), RUNNER)


if __name__ == "__main__":
    main()
