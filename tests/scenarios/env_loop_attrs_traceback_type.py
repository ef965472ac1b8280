# types.TracebackType in the annotations of an async context manager's
# __aexit__ (as book listings write them), and the loop's data attributes:
# slow_callback_duration (BaseEventLoop's 0.1) and attributes a program
# sets on its loop, under asyncio.run(debug=True).
import asyncio
import types
from types import TracebackType
from typing import Optional, Type


class Connection:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self) -> "Connection":
        await asyncio.sleep(0.1)
        print("open", self.name)
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc_val: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> bool:
        await asyncio.sleep(0.1)
        print("close", self.name, exc_type, exc_val)
        return exc_type is KeyError


async def main() -> None:
    loop = asyncio.get_running_loop()
    print(loop.slow_callback_duration)
    loop.slow_callback_duration = 0.250
    loop.started_by = "main"
    print(loop.slow_callback_duration, loop.started_by, loop.time())
    async with Connection("a") as c:
        print("inside", c.name)
    async with Connection("b"):
        raise KeyError("swallowed")
    try:
        async with Connection("c"):
            raise ValueError("passed on")
    except ValueError as e:
        print("caught", repr(e))
    print(loop.time())


asyncio.run(main(), debug=True)
print(TracebackType, TracebackType.__name__, types.TracebackType is TracebackType)
print(isinstance(None, TracebackType), issubclass(TracebackType, object))
print(Optional[TracebackType])
