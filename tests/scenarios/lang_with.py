# Synchronous context managers: __enter__'s result bound by `as`, several
# items entered left to right and exited right to left, exception info
# passed to __exit__, a true return suppressing the exception, exits run by
# return/break/continue, managers used inside coroutines across awaits.
import asyncio

log = []


class Resource:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        log.append("enter " + self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        kind = exc_type.__name__ if exc_type is not None else None
        log.append(f"exit {self.name} {kind} {exc!r}")
        return self.suppress


class Timer:
    """Measures virtual time spent in the block."""

    def __enter__(self):
        self.start = asyncio.get_running_loop().time()
        return self

    def __exit__(self, *exc_info):
        self.elapsed = asyncio.get_running_loop().time() - self.start
        return False


def flush(label):
    print(label, log)
    log.clear()


def loop_exits():
    for i in range(4):
        with Resource(f"r{i}"):
            if i == 1:
                continue
            if i == 3:
                return "returned"
            if i == 5:
                break
    return "unreachable"


async def worker(name, delay):
    with Timer() as t:
        with Resource(name) as upper:
            await asyncio.sleep(delay)
            print(name, "holds", upper)
    print(name, "took", t.elapsed)


async def main():
    with Resource("a") as a, Resource("b") as b:
        log.append(f"body {a} {b}")
    flush("nested")
    with Resource("quiet", suppress=True):
        raise ValueError("swallowed")
    flush("suppressed")
    try:
        with Resource("outer", suppress=True), Resource("inner"):
            raise KeyError("k")
        log.append("after outer")
    except KeyError:
        log.append("escaped")
    flush("inner-first")
    try:
        with Resource("loud"):
            1 / 0
    except ZeroDivisionError as e:
        log.append("caught " + str(e))
    flush("propagated")
    print(loop_exits())
    flush("jumps")
    await asyncio.gather(worker("w1", 0.3), worker("w2", 0.1))
    try:
        with 42:
            pass
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
