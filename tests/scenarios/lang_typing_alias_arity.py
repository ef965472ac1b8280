# Subscripting typing's aliases of collections checks how many arguments
# they get, as _SpecialGenericAlias.__getitem__ does: too few or too many
# raise TypeError when the alias is made; from 3.13 Generator and
# AsyncGenerator fill the send and return types with NoneType. Tuple, Callable and the special forms take any
# number here.
import asyncio
from typing import (AsyncGenerator, AsyncIterator, Awaitable, Coroutine, DefaultDict, Dict,
                    Generator, Hashable, Iterable, List, Mapping, Set, Sized, Tuple, Type)

cases = [
    (AsyncGenerator, (str,)), (AsyncGenerator, (str, int)), (AsyncGenerator, (int, str, str)),
    (Generator, (int,)), (Generator, (int, str)), (Generator, (int, str, bytes)), (Generator, ()),
    (Generator, (int, str, bytes, float)), (Dict, (int,)), (Dict, (int, str)),
    (DefaultDict, (str, list, int)), (List, (int, str)), (List, (int,)), (Set, ()),
    (Mapping, (str,)), (Coroutine, (int, int)), (Awaitable, (int, int)), (Type, (int,)),
    (Iterable, (int,)), (AsyncIterator, (bytes, bytes)), (Hashable, (int,)), (Sized, (int,)),
    (Tuple, (int, str, float)),
]
for alias, args in cases:
    try:
        print(alias[args])
    except TypeError as e:
        print("TypeError:", e)

try:
    Stream = AsyncGenerator[int]  # an alias made at run time
except TypeError as e:
    print("alias:", e)
else:
    print("alias:", Stream)


async def numbers(n):
    for i in range(n):
        await asyncio.sleep(1)
        yield i


async def main():
    print([i async for i in numbers(3)])

asyncio.run(main())
