"""Tests of service.py: `simloop explore --engine cpython
test_service.py::TEST` runs one of them under many schedules
(docs/pytest.md)."""

import asyncio

import pytest

from service import Cache, Pool, SingleFlightCache


@pytest.fixture
def pool():
    return Pool(size=2)


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


def test_sync_tests_run_as_usual():
    assert Pool(size=3).size == 3
