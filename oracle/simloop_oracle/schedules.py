"""simloop's schedules, drawn in Python: the pytest plugin (pytest_plugin.py)
explores a test without the simloop binary, and a seed must still mean the
schedule it means to simloop (`simloop explore --engine cpython
FILE::TEST --seed S`), and the log it writes must replay in both.

This is sim/rng.c (xoshiro256** seeded through splitmix64),
sim/strategy.c (random, pct, bounded and their plans), the stream part of
sim/schedule.c (sl_schedule_stream: the values of the timing points
0, 1, 2, ... and of the seed points) and sim/declog.c's canonical log
(sl_declog_canonical: the shortest log that replays a run, from the
decisions it applied with their step and position), rule for rule; a
change there is a change here (tests/cli/pytest_plugin.sh compares the
two through the seed that finds examples/pytest's race).
"""

import json

_M64 = (1 << 64) - 1
DEFAULT_SIZES = (0.001, 0.01, 0.1, 1.0)
STRATEGIES = ("random", "pct", "bounded")
MAX_BOUND = 4
MAX_DEPTH = 16


def splitmix64(state):
    """(next state, value), as sl_splitmix64."""
    state = (state + 0x9E3779B97F4A7C15) & _M64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M64
    return state, z ^ (z >> 31)


def _rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & _M64


class Rng:
    """xoshiro256** (sl_rng)."""

    def __init__(self, seed):
        st, self.s = seed & _M64, []
        for _ in range(4):
            st, v = splitmix64(st)
            self.s.append(v)

    def next(self):
        s = self.s
        result = (_rotl((s[1] * 5) & _M64, 7) * 9) & _M64
        t = (s[1] << 17) & _M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 45)
        return result

    def below(self, n):
        threshold = ((1 << 64) - n) % n
        while True:
            x = self.next()
            if x >= threshold:
                return x % n


def random_value(rng):
    """sl_strategy_random_value: 0 (85%), 1..50 ms (14%), 0.1..2 s (1%)."""
    u = rng.below(100)
    if u < 85:
        return 0.0
    if u < 99:
        return (rng.below(50) + 1) / 1000.0
    return (rng.below(20) + 1) / 10.0


def _choose(n, j):
    if j > n:
        return 0
    c = 1
    for i in range(j):
        c = c * (n - i) // (i + 1)
    return c


def bounded_count(npoints, bound=2, nsizes=len(DEFAULT_SIZES)):
    k = min(bound, MAX_BOUND)
    return sum(_choose(npoints, j) * nsizes ** j for j in range(min(k, npoints) + 1))


def bounded_plan(npoints, index, bound=2, sizes=DEFAULT_SIZES):
    """sl_bounded_plan: [(point, value)] of placement `index`, or None."""
    n, m, k = npoints, len(sizes), min(bound, MAX_BOUND)
    for j in range(min(k, n) + 1):
        nsz = m ** j
        block = _choose(n, j) * nsz
        if index >= block:
            index -= block
            continue
        comb, rest = divmod(index, nsz)
        points, c = [], 0
        for i in range(j):
            while True:
                here = _choose(n - c - 1, j - i - 1)
                if comb < here:
                    break
                comb -= here
                c += 1
            points.append(c)
            c += 1
        values = [0.0] * j
        for i in reversed(range(j)):
            values[i] = sizes[rest % m]
            rest //= m
        return list(zip(points, values))
    return None


def pct_plan(npoints, seed, depth=3, sizes=DEFAULT_SIZES):
    """sl_pct_plan: 1..depth delays at distinct random points."""
    rng = Rng(seed ^ 0x7063740000000000)
    n = npoints or 1
    depth = max(1, min(depth, MAX_DEPTH))
    d = min(1 + rng.below(depth), n)
    plan = []
    while len(plan) < d:
        p = rng.below(n)
        if any(p == q for q, _ in plan):
            continue
        plan.append((p, sizes[rng.below(len(sizes))]))
    return sorted(plan)


class Stream:
    """The values a strategy's run `seed` gives its timing points, drawn on
    demand (EngineTracer reads timing[i] for i < len(timing)), and its seed
    points (`seeds`)."""

    def __init__(self, strategy, seed, npoints):
        if strategy not in STRATEGIES:
            raise ValueError("unknown strategy %r (random, pct, bounded)" % (strategy,))
        self.strategy = strategy
        self.rng = Rng(seed)
        self.values = []
        self.plan = {}
        if strategy == "pct":
            self.plan = dict(pct_plan(npoints, seed))
        elif strategy == "bounded":
            self.plan = dict(bounded_plan(npoints, seed) or ())
        self.seeds = _Seeds(seed if strategy in ("random", "pct") else None)

    def __len__(self):
        return 1 << 62

    def __getitem__(self, i):
        if self.strategy != "random":
            return self.plan.get(i, 0.0)
        while len(self.values) <= i:
            self.values.append(random_value(self.rng))
        return self.values[i]


class _Seeds:
    """strategy_seed: random and pct vary the program's random seed, from a
    splitmix64 stream of its own; bounded keeps the default."""

    def __init__(self, seed):
        self.state = None if seed is None else (seed ^ 0x5EED5EED) & _M64
        self.values = []

    def __len__(self):
        return 1 << 62

    def __getitem__(self, i):
        if self.state is None:
            return 0.0
        while len(self.values) <= i:
            self.state, v = splitmix64(self.state)
            self.values.append(float(v >> 32))
        return self.values[i]


_BETWEEN = ("seed", "thread")


def _pad(seg, kind, step, out):
    last = 0
    for k, v, _, pos in seg:
        if k == kind and v != 0.0:
            last = max(last, pos + 1)
    for p in range(last):
        v = 0.0
        for k, val, _, pos in seg:
            if k == kind and pos == p:
                v = val
        out.append((kind, v, step))


def canonical(taken):
    """sl_declog_canonical: [(kind, value, step)] that replays a run whose
    applied decisions were `taken` ([kind, value, step, pos] in order)."""
    out, i, n = [], 0, len(taken)
    while i < n:
        step = taken[i][2]
        j = i
        while j < n and taken[j][2] == step:
            j += 1
        seg = taken[i:j]
        last_cost = 0
        for k, v, _, pos in seg:
            if k == "cost" and v != 0.0:
                last_cost = max(last_cost, pos + 1)
            if k == "oversleep" and v != 0.0:
                out.append(("oversleep", v, step))
        end = cost_end = last_cost
        for k, v, _, pos in seg:
            if k in _BETWEEN and v != 0.0:
                end = max(end, pos + 1)
                cost_end = max(cost_end, pos)
        for p in range(end):
            last = None
            for idx, (k, v, _, pos) in enumerate(seg):
                if k in _BETWEEN and pos == p and v != 0.0:
                    last = idx
            if last is not None:
                for k, v, _, pos in seg[:last + 1]:
                    if k in _BETWEEN and pos == p and (v != 0.0 or k == seg[last][0]):
                        out.append((k, v, step))
            if p < cost_end:
                v = 0.0
                for k, val, _, pos in seg:
                    if k == "cost" and pos == p:
                        v = val
                out.append(("cost", v, step))
        _pad(seg, "io", step, out)
        i = j
    return out


def format_log(entries, comment=""):
    """The decision log's text as simloop writes it (sl_declog_format)."""
    lines = ["# " + c for c in comment.splitlines()]
    for kind, value, step in entries:
        lines.append('{"ev":"decision","step":%d,"kind":%s,"value":%s}'
                     % (step, json.dumps(kind), repr(float(value))))
    return "".join(line + "\n" for line in lines)


def nondefault(entries):
    return sum(1 for _, v, _ in entries if v != 0.0)
