"""Tests of service.py. With the simloop pytest plugin (`pip install
./oracle`), `pytest --simloop-runs 500` runs each async test under 500
schedules of the virtual loop and finds the race of
test_cache_loads_once; `simloop explore --engine cpython
test_service.py::TEST` explores one of them (docs/pytest.md)."""

import asyncio

import pytest

from service import Cache, Pool, SingleFlightCache


@pytest.fixture
def pool():
    return Pool(size=2)


@pytest.fixture
async def primed_cache(pool):
    """An async fixture (on the test's loop): a cache that loaded user:1."""
    cache = SingleFlightCache(pool)
    await cache.get("user:1")
    return cache


@pytest.fixture
async def closing_pool(pool):
    """An async generator fixture: the pool, closed at teardown (every
    connection back)."""
    yield pool
    await pool.close()


async def two_requests(cache):
    """Two requests for one key, the second 10 ms after the first."""
    first = asyncio.create_task(cache.get("user:1"))
    await asyncio.sleep(0.01)
    second = await cache.get("user:1")
    assert await first == second == "value of user:1"


async def test_cache_loads_once(pool):
    """Racy: passes when the first load takes its usual 5 ms, fails when
    the schedule makes it take more than 10 ms."""
    cache = Cache(pool)
    await two_requests(cache)
    assert cache.loads == 1, "user:1 loaded %d times" % cache.loads


async def test_single_flight_loads_once(pool):
    """The fixed twin: passes under every schedule."""
    cache = SingleFlightCache(pool)
    await two_requests(cache)
    assert cache.loads == 1, "user:1 loaded %d times" % cache.loads


@pytest.mark.asyncio
async def test_pool_never_exceeds_its_size(pool):
    """pytest-asyncio's marker works too."""
    cache = SingleFlightCache(pool)
    keys = ["k%d" % i for i in range(6)]
    values = await asyncio.gather(*(cache.get(k) for k in keys))
    assert values == ["value of %s" % k for k in keys]
    assert pool.most_in_use == 2
    assert pool.in_use == 0


async def test_primed_cache_hits(primed_cache, pool):
    """Async fixtures work: the loaded key is served from the cache."""
    assert await primed_cache.get("user:1") == "value of user:1"
    assert primed_cache.loads == 1
    assert pool.in_use == 0


async def test_many_readers_share_loads(closing_pool):
    """Nine readers of three keys: three loads, whatever the schedule."""
    cache = SingleFlightCache(closing_pool)
    keys = ["k%d" % (i % 3) for i in range(9)]
    values = await asyncio.gather(*(cache.get(k) for k in keys))
    assert values == ["value of %s" % k for k in keys]
    assert cache.loads == 3


def test_sync_tests_run_as_usual():
    assert Pool(size=3).size == 3
