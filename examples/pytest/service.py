"""A small async service: a pool of database connections and a cache in
front of it (examples/pytest/README.md). Our own example code."""

import asyncio


class Connection:
    def __init__(self, ident):
        self.ident = ident
        self.busy = False

    async def query(self, key):
        assert not self.busy, "connection %d used by two requests" % self.ident
        self.busy = True
        await asyncio.sleep(0.005)      # the round trip to the database
        self.busy = False
        return "value of %s" % key


class Pool:
    """At most `size` connections; a request waits for a free one."""

    def __init__(self, size=2):
        self.size = size
        self._free = asyncio.Queue()
        for i in range(size):
            self._free.put_nowait(Connection(i))
        self.in_use = 0
        self.most_in_use = 0

    async def close(self):
        """Waits until every connection is back, and keeps them."""
        for _ in range(self.size):
            await self._free.get()
        self.closed = True

    async def fetch(self, key):
        conn = await self._free.get()
        self.in_use += 1
        self.most_in_use = max(self.most_in_use, self.in_use)
        try:
            return await conn.query(key)
        finally:
            self.in_use -= 1
            self._free.put_nowait(conn)


class Cache:
    """Loads a key from the pool once and keeps it. Racy: a request that
    comes while the first load of its key is still on the way loads it
    again."""

    def __init__(self, pool):
        self.pool = pool
        self.data = {}
        self.loads = 0

    async def get(self, key):
        if key in self.data:
            return self.data[key]
        self.loads += 1
        value = await self.pool.fetch(key)
        self.data[key] = value
        return value


class SingleFlightCache(Cache):
    """The fixed twin: a request for a key already being loaded waits for
    that load."""

    def __init__(self, pool):
        super().__init__(pool)
        self._loading = {}

    async def get(self, key):
        if key in self.data:
            return self.data[key]
        task = self._loading.get(key)
        if task is None:
            self.loads += 1
            task = asyncio.ensure_future(self._load(key))
            self._loading[key] = task
        return await task

    async def _load(self, key):
        try:
            value = await self.pool.fetch(key)
            self.data[key] = value
            return value
        finally:
            del self._loading[key]
