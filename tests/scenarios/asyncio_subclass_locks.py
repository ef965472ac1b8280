import asyncio


class TrackedLock(asyncio.Lock):
    def __init__(self, name):
        super().__init__()
        self.name = name
        self.acquisitions = 0

    async def acquire(self):
        print(f"{self.name}: waiting (locked={self.locked()})")
        result = await super().acquire()
        self.acquisitions += 1
        print(f"{self.name}: acquired #{self.acquisitions}")
        return result

    def release(self):
        print(f"{self.name}: release")
        super().release()


class Gate(asyncio.Event):
    opened = 0

    def set(self):
        Gate.opened += 1
        print("gate opens")
        super().set()


class Pool(asyncio.Semaphore):
    def __init__(self, size):
        super().__init__(size)
        self.size = size

    @property
    def in_use(self):
        return self.size - self._free()

    def _free(self):
        return 0 if self.locked() else 1


class Notifier(asyncio.Condition):
    async def announce(self, what):
        async with self:
            print("announce", what)
            self.notify_all()


class Answer(asyncio.Future):
    def describe(self):
        return f"answer done={self.done()}"


class Jobs(asyncio.PriorityQueue):
    def put_job(self, prio, name):
        self.put_nowait((prio, name))


async def worker(lock, n):
    async with lock:
        await asyncio.sleep(0.1)
        print("worker", n, "done")


async def waiter(gate, n):
    await gate.wait()
    print("through", n)


async def listener(cond, n):
    async with cond:
        await cond.wait()
        print("listener", n, "woke")


async def main():
    lock = TrackedLock("L")
    print(repr(lock) == repr(lock), type(lock).__name__, isinstance(lock, asyncio.Lock))
    await asyncio.gather(worker(lock, 1), worker(lock, 2))
    print("acquisitions", lock.acquisitions, lock.locked())

    gate = Gate()
    tasks = [asyncio.create_task(waiter(gate, i)) for i in range(2)]
    await asyncio.sleep(0)
    gate.set()
    await asyncio.gather(*tasks)
    print("opened", Gate.opened, gate.is_set())

    pool = Pool(1)
    async with pool:
        print("in use", pool.in_use, pool.locked())
    print("in use", pool.in_use)

    cond = Notifier()
    ls = [asyncio.create_task(listener(cond, i)) for i in range(2)]
    await asyncio.sleep(0)
    await cond.announce("now")
    await asyncio.gather(*ls)

    loop = asyncio.get_running_loop()
    fut = Answer()
    print(fut.describe(), fut)
    loop.call_later(0.5, fut.set_result, 42)
    fut.add_done_callback(lambda f: print("callback sees", type(f).__name__, f.result()))
    print("awaited", await fut, fut.describe())
    print(fut)

    jobs = Jobs()
    jobs.put_job(3, "c")
    jobs.put_job(1, "a")
    jobs.put_job(2, "b")
    print(str(jobs), jobs.qsize())
    while not jobs.empty():
        print(await jobs.get())


asyncio.run(main())
