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
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_builtins_cases import run_cpython, run_pyodide  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "stdlib_cases.txt")

SEEDS = ["0", "1", "2", "42", "-1", "-42", "12345", "2**31", "2**32", "2**32 + 1", "2**40 - 3",
         "9223372036854775807", "-9223372036854775807", "True", "'a'", "''", "'simloop'",
         "'héllo wörld'", "b''", "b'\\x00\\xff'", "'x' * 100"]

DRAWS = [
    "[random.random() for _ in range(4)]",
    "[random.getrandbits(k) for k in (1, 5, 31, 32, 33, 40, 63)]",
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
    cs = cases()
    tmp = tempfile.mkdtemp()
    cases_path = os.path.join(tmp, "cases.json")
    runner_path = os.path.join(tmp, "runner.py")
    with open(cases_path, "w") as f:
        json.dump(cs, f)
    with open(runner_path, "w") as f:
        f.write(RUNNER)
    results = {11: run_cpython(["/usr/bin/python3"], cases_path, os.path.join(tmp, "o11.json"),
                               runner_path)}
    for minor in (12, 13, 14):
        r = run_pyodide(minor, cases_path, os.path.join(tmp, "o%d.json" % minor), runner_path)
        if r is not None:
            results[minor] = r
        else:
            print("CPython 3.%d not available; left out" % minor, file=sys.stderr)
    with open(OUT, "w") as f:
        f.write("# Generated by tests/unit/gen_stdlib_cases.py; do not edit.\n")
        for i, (name, src) in enumerate(cs):
            groups = {}
            for minor in sorted(results):
                groups.setdefault(results[minor][i], []).append(minor)
            for text, minors in groups.items():
                f.write("@@ case %s %s\n" % (name, " ".join(str(m) for m in minors)))
                f.write(src)
                f.write("@@ expect\n")
                f.write(text)
                f.write("@@ end\n")
    print("wrote %s (%d cases, versions %s)" % (OUT, len(cs), sorted(results)))


if __name__ == "__main__":
    main()
