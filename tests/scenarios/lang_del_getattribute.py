# __del__ runs when the last reference goes, as CPython's reference counting
# does it (del, rebinding, a task's frame ending, a list dropping its item,
# an except block's name); an exception in __del__ is only reported.
# __getattribute__ replaces the lookup (object.__getattribute__ and
# super().__getattribute__ reach the generic one; __getattr__ follows an
# AttributeError). No reference cycles: simloop has no cycle collector.
import asyncio


class Resource:
    live = 0

    def __init__(self, name):
        self.name = name
        Resource.live += 1
        print("open", name)

    def __del__(self):
        Resource.live -= 1
        print("close", self.name, "live", Resource.live)


class Faulty:
    def __del__(self):
        raise ValueError("cannot close")


class Traced:
    def __init__(self):
        self.hits = []
        self.value = 1

    def __getattribute__(self, name):
        if name != "hits":
            object.__getattribute__(self, "hits").append(name)
        return super().__getattribute__(name)

    def __getattr__(self, name):
        return f"default:{name}"

    def method(self):
        return "method"


class Proxy:
    def __init__(self, target):
        self._target = target

    def __getattribute__(self, name):
        if name.startswith("_"):
            return object.__getattribute__(self, name)
        print("proxy ->", name)
        return getattr(object.__getattribute__(self, "_target"), name)


async def use(name, delay):
    r = Resource(name)
    await asyncio.sleep(delay)
    print("used", r.name)


async def main():
    a = Resource("a")
    b = a
    del a
    print("a deleted, b still holds it")
    b = None
    print("after b = None")
    await asyncio.gather(use("t1", 0.2), use("t2", 0.1))
    print("tasks done, live", Resource.live)
    items = [Resource(f"i{n}") for n in range(2)]
    items.pop()
    print("popped")
    items.clear()
    print("cleared")
    f = Faulty()
    f = None
    print("after faulty")
    t = Traced()
    print(t.value, t.method(), t.missing, t.hits)
    p = Proxy([3, 1, 2])
    print(p.count(1), p.index(2), p._target)
    keep = Resource("kept")
    try:
        r = Resource("in-try")
        raise KeyError("x")
    except KeyError as e:
        r = None
        print("handled", e)


asyncio.run(main())
print("after run")
