# Method calls as statements (CALL_METHOD then POP_TOP): builtin and
# engine methods returning None, returning a value that dies with the
# POP_TOP, raising; program methods; calls inside generators and
# coroutines that suspend right after; a closed loop's call_soon.
import asyncio


class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


class Acc:
    def __init__(self):
        self.items = []

    def add(self, x):
        self.items.append(x)

    def add_ret(self, x):
        self.items.append(x)
        return D("ret " + str(x))


def gen(items):
    for i in range(3):
        items.append(i)
        yield i
        items.append(-i)


async def worker(name, items, loop, done):
    for i in range(3):
        items.append((name, i))
        loop.call_soon(items.append, (name, "soon", i))
        await asyncio.sleep(0)
    done.set_result(name)


async def main():
    loop = asyncio.get_running_loop()
    items = []
    items.append(1)
    items.extend([2, 3])
    items.insert(0, 0)
    print(items)
    holder = [D("a"), D("b"), D("c")]
    holder.pop()
    print("after pop")
    holder.pop(0)
    print("after pop(0)")
    d = {"k": D("k"), "j": D("j")}
    d.pop("k")
    print("after dict pop")
    d.setdefault("x", 5)
    d.clear()
    print("after clear")
    try:
        items.remove(99)
    except ValueError as e:
        print("ValueError:", e)
    try:
        d.pop("missing")
    except KeyError as e:
        print("KeyError:", e)
    acc = Acc()
    acc.add(1)
    acc.add_ret(2)
    print("after add_ret", acc.items)
    g = gen(items)
    print(next(g), next(g), items[-3:])
    fut = loop.create_future()
    fut.add_done_callback(lambda f: items.append(("cb", f.result())))
    fut.set_result(7)
    try:
        fut.set_result(8)
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    await asyncio.sleep(0)
    print(items[-1])
    out = []
    futs = [loop.create_future() for _ in range(2)]
    ts = [asyncio.ensure_future(worker(n, out, loop, f)) for n, f in zip("ab", futs)]
    print(await asyncio.gather(*futs))
    await asyncio.gather(*ts)
    print(out)
    x = 3
    items.append(x) if x else items.append(-x)
    items.append(x) or items.append(-x)
    print(items[-3:])
    q = asyncio.Queue()
    q.put_nowait(D("q"))
    q.get_nowait()
    print("after get_nowait")
    return loop


loop = asyncio.run(main())
try:
    loop.call_soon(print, "closed")
except RuntimeError as e:
    print("RuntimeError:", e)
other = asyncio.new_event_loop()
other.call_soon(print, "runs")
other.run_until_complete(asyncio.sleep(0))
other.close()
try:
    other.call_soon(print, "closed")
except RuntimeError as e:
    print("RuntimeError:", e)
print("end")
