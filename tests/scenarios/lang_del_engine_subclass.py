# __del__ of scenario classes deriving from engine classes (Lock, Queue,
# Event, Future, Semaphore): run once when the last reference goes, in place
# of the engine type's own finalizer; what it raises is reported; it may
# resurrect the object.
import asyncio

log = []


class MyLock(asyncio.Lock):
    def __del__(self):
        print("lock del", self.locked())


class MyQueue(asyncio.Queue):
    def __del__(self):
        print("queue del", self.qsize())


class Sub(MyQueue):
    pass


class MyEvent(asyncio.Event):
    def __del__(self):
        print("event del", self.is_set())
        raise ValueError("from __del__")


class MyFut(asyncio.Future):
    def __del__(self):
        print("fut del", self.done(), self.result() if self.done() else None)


class Keeper(asyncio.Semaphore):
    def __del__(self):
        print("keeper del")
        log.append(self)


class MyList(list):
    def __del__(self):
        print("list del", len(self))


class MyDict(dict):
    def __del__(self):
        print("dict del", sorted(self))


class NoDel(asyncio.Condition):
    pass


async def use_lock():
    lk = MyLock()
    async with lk:
        print("held")
    print("leaving use_lock")


async def main():
    await use_lock()
    print("after use_lock")
    q = Sub()
    await q.put(1)
    q = None
    print("after q")
    e = MyEvent()
    e.set()
    del e
    print("after e")
    loop = asyncio.get_running_loop()
    f = MyFut()
    loop.call_soon(f.set_result, 42)
    print(await f)
    del f
    print("after f")
    k = Keeper(2)
    del k
    print("resurrected", len(log))
    log.clear()
    print("cleared")
    l = MyList([1, 2, 3])
    l = 5
    d = MyDict(a=1, b=2)
    del d
    c = NoDel()
    del c
    print("end")


asyncio.run(main())
