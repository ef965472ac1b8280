# C methods called as statements (their statement bodies): Future.set_result,
# Event.set, Queue.put_nowait, deque.append; with a wrong count or a
# keyword (not set_result's: its texts differ between versions), a done
# future, a full queue, a bounded deque dropping an item with a __del__,
# and on a subclass.
import asyncio
import collections


class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)

    def __repr__(self):
        return "D(" + self.name + ")"


class MyFuture(asyncio.Future):
    def set_result(self, v):
        print("MyFuture.set_result", v)
        super().set_result(v)


class MyQueue(asyncio.Queue):
    def put_nowait(self, item):
        print("MyQueue.put_nowait", item)
        super().put_nowait(item)


async def waiter(ev, name):
    await ev.wait()
    print("woke", name)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("callback", f.result().name))
    fut.set_result(D("result"))
    print("set, done:", fut.done())
    try:
        fut.set_result(2)
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    f2 = loop.create_future()
    f2.set_result(3)
    print("f2", f2.result())
    f3 = loop.create_future()
    f3.cancel()
    try:
        f3.set_result(4)
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    t = asyncio.ensure_future(asyncio.sleep(0))
    try:
        t.set_result(5)
    except RuntimeError as e:
        print("RuntimeError:", e)
    await t
    mf = MyFuture()
    mf.set_result(6)
    await asyncio.sleep(0)

    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(ev, i)) for i in range(3)]
    await asyncio.sleep(0)
    ev.set()
    ev.set()
    try:
        ev.set(1)
    except TypeError as e:
        print("TypeError:", e)
    print("event set", ev.is_set())
    await asyncio.gather(*tasks)

    q = asyncio.Queue(maxsize=3)
    getter = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    q.put_nowait(D("to the getter"))
    q.put_nowait("a")
    q.put_nowait("b")
    try:
        q.put_nowait("c")
    except asyncio.QueueFull:
        print("QueueFull", q.qsize())
    try:
        q.put_nowait()
    except TypeError as e:
        print("TypeError:", e)
    q2 = asyncio.Queue()
    q2.put_nowait(item=1)
    print("keyword", q2.get_nowait())
    print("getter", (await getter).name)
    lq = asyncio.LifoQueue()
    lq.put_nowait(1)
    lq.put_nowait(2)
    pq = asyncio.PriorityQueue()
    pq.put_nowait(3)
    pq.put_nowait(1)
    mq = MyQueue()
    mq.put_nowait(8)
    print(lq.get_nowait(), pq.get_nowait(), mq.get_nowait())

    d = collections.deque(maxlen=2)
    d.append(D("first"))
    d.append(D("second"))
    print("before third")
    d.append(D("third"))
    print("after third", [x.name for x in d])
    try:
        d.append()
    except TypeError as e:
        print("TypeError:", e)
    try:
        d.append(1, 2)
    except TypeError as e:
        print("TypeError:", e)
    z = collections.deque(maxlen=0)
    z.append(D("never kept"))
    print("z", len(z))
    d.clear()
    print("end")


asyncio.run(main())
