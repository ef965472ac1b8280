# inspect.signature of Python functions, methods, classes and callable
# instances, and what decorators do with it: bind and bind_partial (the
# errors' texts changed in 3.12 and 3.14), apply_defaults, args/kwargs,
# Parameter and Signature built by hand, and a cache keyed on the bound
# arguments, the way an asyncio memoizing decorator uses it.
import asyncio
import functools
import inspect
from inspect import Parameter, Signature


def f(a, b=2, /, c=3, *args, d, e=5, **kw):
    pass


def g(x, y, *, z):
    pass


class Point:
    def __init__(self, x, y=0):
        self.x, self.y = x, y

    def move(self, dx, dy=0):
        pass

    def __call__(self, factor, *rest):
        pass


class Plain:
    pass


sig = inspect.signature(f)
print(sig, repr(sig))
print(list(sig.parameters), len(sig.parameters), 'c' in sig.parameters)
for p in sig.parameters.values():
    print(repr(p), p.name, p.kind, int(p.kind), p.kind.description, p.default is p.empty)
print(repr(Parameter.KEYWORD_ONLY), Parameter.empty, Signature.empty, inspect._empty)
for obj in (g, Point, Point(1).move, Point(1), Plain, lambda q, *, r=1: q):
    print(inspect.signature(obj))

b = sig.bind(1, 2, 3, 4, d=5, z=6)
print(b, b.arguments, b.args, b.kwargs)
b.apply_defaults()
print(b, b.signature is sig, Point(1).move.__func__ is Point.move)
print(sig.bind_partial(1, d=2), sig.bind_partial())
cases = [((), {}), ((1,), {}), ((1,), {'a': 2, 'd': 1}), ((1, 2, 3), {'c': 1, 'd': 1}),
         ((1, 2), {'d': 1, 'b': 7})]
for args, kwargs in cases:
    try:
        print(sig.bind(*args, **kwargs))
    except TypeError as e:
        print("TypeError:", e)
gs = inspect.signature(g)
for args, kwargs in [((1, 2, 3), {}), ((1,), {'q': 2}), ((1, 2), {}), ((1,), {'y': 2, 'z': 3})]:
    try:
        print(gs.bind(*args, **kwargs))
    except TypeError as e:
        print("TypeError:", e)
print(gs.bind_partial(y=1), gs.bind_partial(y=1).args, gs.bind_partial(y=1).kwargs)


def h(a, b, /):
    pass


for kwargs in ({'a': 1, 'b': 2}, {'b': 2}):
    try:
        print(inspect.signature(h).bind(1, **kwargs))
    except TypeError as e:
        print("TypeError:", e)

x = Parameter('x', Parameter.POSITIONAL_OR_KEYWORD)
y = Parameter('y', Parameter.KEYWORD_ONLY, default=None)
print(x, y, repr(y), Signature([x, y]), Signature(), x == Parameter('x', 1), x == y)
print(x.replace(name='w', default=3), y.replace(kind=Parameter.VAR_KEYWORD, default=Parameter.empty))
print(Signature([x]).replace(parameters=[y]), Signature([x]) == inspect.signature(lambda x: 0))
bad = [lambda: Parameter('x', 7), lambda: Parameter(3, 1), lambda: Parameter('1x', 1),
       lambda: Parameter('k', Parameter.VAR_KEYWORD, default=1),
       lambda: Signature([y, x]), lambda: Signature([x, x]),
       lambda: Signature([Parameter('a', 1, default=1), Parameter('b', 1)]),
       lambda: inspect.signature(42)]
for make in bad:
    try:
        make()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)


def cached(fn):
    sig = inspect.signature(fn)
    cache = {}

    @functools.wraps(fn)
    async def inner(*args, **kwargs):
        bound = sig.bind(*args, **kwargs)
        bound.apply_defaults()
        key = f"{fn.__name__}:{bound.arguments}"
        if key not in cache:
            cache[key] = await fn(*args, **kwargs)
        return cache[key]
    return inner


calls = []


@cached
async def fetch(user_id, region="eu", *, fresh=False):
    calls.append(user_id)
    await asyncio.sleep(0.1)
    return f"user-{user_id}-{region}"


async def main():
    print(inspect.signature(fetch))
    got = await asyncio.gather(fetch(1), fetch(1, "eu"), fetch(user_id=1), fetch(2, region="us"))
    print(got, calls)


asyncio.run(main())
