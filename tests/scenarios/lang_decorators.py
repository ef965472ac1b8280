# Decorators on functions, async functions, methods and classes: plain and
# parametrised, stacked (applied bottom-up, evaluated top-down), callable
# objects as decorators, and wraps-style wrappers copying the metadata.
import asyncio

order = []


def trace(label):
    order.append("eval " + label)

    def deco(f):
        order.append("apply " + label + " to " + f.__name__)
        return f

    return deco


def wraps_like(wrapped):
    def update(wrapper):
        for attr in ("__module__", "__name__", "__qualname__", "__doc__"):
            setattr(wrapper, attr, getattr(wrapped, attr))
        wrapper.__dict__.update(wrapped.__dict__)
        wrapper.__wrapped__ = wrapped
        return wrapper

    return update


def logged(f):
    @wraps_like(f)
    def wrapper(*args, **kwargs):
        print("call", f.__name__, len(args), kwargs)
        result = f(*args, **kwargs)
        print("ret", f.__name__, result)
        return result

    return wrapper


def retry(times):
    def deco(coro_fn):
        @wraps_like(coro_fn)
        async def wrapper(*args):
            for attempt in range(1, times + 1):
                try:
                    return await coro_fn(*args)
                except ConnectionError as e:
                    print(f"attempt {attempt} failed: {e}")
                    await asyncio.sleep(0.5 * attempt)
            raise RuntimeError(f"{coro_fn.__name__} gave up")

        return wrapper

    return deco


class CountCalls:
    def __init__(self, f):
        self.f = f
        self.calls = 0

    def __call__(self, *args):
        self.calls += 1
        return self.f(*args)


registry = {}


def register(cls):
    registry[cls.__name__] = cls
    cls.registered = True
    return cls


@trace("outer")
@trace("inner")
def stacked():
    "stacked doc"
    return 1


@logged
def add(a, b=2):
    """Adds two numbers."""
    return a + b


add.tag = "math"


@CountCalls
def square(x):
    return x * x


@register
class Service:
    @logged
    def handle(self, req):
        return req.upper()


attempts = 0


@retry(3)
async def flaky(n):
    """Fails twice."""
    global attempts
    attempts += 1
    if attempts < 3:
        raise ConnectionError(f"try {attempts}")
    await asyncio.sleep(0.1)
    return n * 10


async def main():
    print(order)
    print(stacked(), stacked.__name__, stacked.__doc__)
    print(add(1), add(1, b=5), add.__name__, add.__qualname__, add.__doc__)
    print(add.__wrapped__.__name__, add.tag, add.__module__)
    print(square(3), square(4), square.calls)
    print(registry, Service.registered)
    print(Service().handle("ping"))
    print(flaky.__name__, flaky.__doc__, flaky.__wrapped__.__qualname__)
    t = asyncio.create_task(flaky(4))
    print(await t, asyncio.get_running_loop().time())
    try:
        attempts_before = attempts

        @retry(1)
        async def never():
            raise ConnectionError("down")

        await never()
    except RuntimeError as e:
        print(e, attempts_before)


asyncio.run(main())
