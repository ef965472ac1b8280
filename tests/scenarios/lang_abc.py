# abc: abstract base classes for handlers and repositories. A class with
# abstract methods (plain, async, properties, class and static methods)
# cannot be instantiated (TypeError naming them, worded per version);
# a subclass implementing them all can. register() makes virtual
# subclasses that isinstance/issubclass accept.
import asyncio
import abc
from abc import ABC, ABCMeta, abstractmethod


class Handler(ABC):
    @abstractmethod
    async def handle(self, item): ...

    @abstractmethod
    def name(self): ...

    @property
    @abstractmethod
    def kind(self): ...

    def describe(self):
        return f"{self.name()}:{self.kind}"


class Named(Handler):
    def name(self):
        return "named"


class Printer(Named):
    kind = "printer"

    async def handle(self, item):
        await asyncio.sleep(0.1)
        print(self.describe(), "handled", item)
        return item * 2


class Repository(metaclass=ABCMeta):
    @classmethod
    @abstractmethod
    def create(cls): ...

    @staticmethod
    @abstractmethod
    def version(): ...

    @abc.abstractmethod
    async def get(self, key): ...


class MemoryRepository(Repository):
    def __init__(self):
        self.data = {"a": 1}

    @classmethod
    def create(cls):
        return cls()

    @staticmethod
    def version():
        return 3

    async def get(self, key):
        await asyncio.sleep(0)
        return self.data.get(key)


class Sequenceish(ABC):
    pass


Sequenceish.register(list)


@Sequenceish.register
class Rows:
    pass


async def worker(handler, items, results):
    for item in items:
        results.append(await handler.handle(item))


async def main():
    for cls in (Handler, Named, Repository):
        try:
            cls()
        except TypeError as e:
            print("TypeError:", e)
    print(sorted(Handler.__abstractmethods__), sorted(Named.__abstractmethods__))
    print(Printer.__abstractmethods__, ABC.__abstractmethods__)
    print(type(Handler) is ABCMeta, type(Printer).__name__, isinstance(Printer, ABCMeta))
    print(Handler.handle.__isabstractmethod__, Handler.__dict__["kind"].__isabstractmethod__)
    print(Printer.__mro__)
    results = []
    await asyncio.gather(worker(Printer(), [1, 2], results), worker(Printer(), [3], results))
    print(results)
    repo = MemoryRepository.create()
    print(MemoryRepository.version(), await repo.get("a"), isinstance(repo, Repository))
    print(isinstance([], Sequenceish), issubclass(list, Sequenceish), isinstance({}, Sequenceish))
    print(issubclass(Rows, Sequenceish), isinstance(Rows(), Sequenceish), Rows.__name__)
    print(issubclass(ABCMeta, type), isinstance(ABC, type))


asyncio.run(main())
