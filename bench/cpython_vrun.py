"""Runs a scenario under real CPython asyncio with a virtual clock and no
tracing: the fair CPython side of a benchmark (same program, same virtual
time, no I/O). usage: python3 bench/cpython_vrun.py FILE"""
import asyncio
import runpy
import sys
from asyncio import base_events, events


class _Selector:
    def __init__(self, loop):
        self._loop = loop

    def select(self, timeout):
        if timeout is None:
            raise RuntimeError("deadlock")
        if timeout > 0:
            self._loop._now = self._loop._now + timeout
        return []

    def get_map(self):
        return {}

    def close(self):
        pass


class VirtualLoop(base_events.BaseEventLoop):
    def __init__(self):
        super().__init__()
        self._now = 0.0
        self._selector = _Selector(self)
        self._clock_resolution = 1e-9

    def time(self):
        return self._now

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass


class _Policy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualLoop()


asyncio.set_event_loop_policy(_Policy())
runpy.run_path(sys.argv[1], run_name="__main__")
