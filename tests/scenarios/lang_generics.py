# typing.Generic, Protocol, __class_getitem__ and built-in generic aliases
# (list[int], asyncio.Queue[int]) as typed asyncio code writes them.
import asyncio
from typing import Generic, Optional, Protocol, TypeVar, runtime_checkable

T = TypeVar("T")
K = TypeVar("K")


class Channel(Generic[T]):
    def __init__(self) -> None:
        self.q: asyncio.Queue[T] = asyncio.Queue()

    async def send(self, item: T) -> None:
        await self.q.put(item)

    async def recv(self) -> T:
        return await self.q.get()


class Keyed(Channel[T], Generic[K, T]):
    def __init__(self, key: K) -> None:
        super().__init__()
        self.key = key


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


class Resource:
    def close(self) -> None:
        print("closed")


class Registry:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item.__name__}]"


async def main():
    ch = Channel[int]()
    await ch.send(3)
    print(await ch.recv(), type(ch).__name__, isinstance(ch, Channel))
    k = Keyed("jobs")
    await k.send("x")
    print(k.key, await k.recv())
    print(Channel[int], Keyed[str, int], Channel.__orig_bases__, Keyed.__orig_bases__)
    print(Channel.__mro__, Keyed.__bases__)
    print(Channel[int].__origin__ is Channel, Channel[int].__args__)
    print(list[int], dict[str, list[int]], tuple[int, ...], set[str], type[Resource])
    print(asyncio.Queue[int], asyncio.Future[str], list[int]("ab"))
    print(Registry[int], Closer.__mro__)
    r: Optional[Closer] = Resource()
    r.close()
    for bad in (int, asyncio.Lock):
        try:
            bad[str]
        except TypeError as e:
            print("TypeError", e)


asyncio.run(main())
