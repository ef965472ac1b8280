# Attribute lookup and super() follow the C3 method resolution order:
# diamonds and cooperative mixins whose __init__/methods chain through
# super() reach every class once, in __mro__ order.
import asyncio


class Service:
    def __init__(self, **kw):
        self.log = ["Service"]
        print("Service.__init__", sorted(kw))

    def describe(self):
        return "service"

    async def start(self):
        self.log.append("start:Service")


class Retrying(Service):
    def __init__(self, retries=3, **kw):
        super().__init__(**kw)
        self.retries = retries
        self.log.append("Retrying")

    async def start(self):
        self.log.append("start:Retrying")
        await super().start()


class Logged(Service):
    def __init__(self, prefix=">", **kw):
        super().__init__(**kw)
        self.prefix = prefix
        self.log.append("Logged")

    def describe(self):
        return "logged " + super().describe()

    async def start(self):
        self.log.append("start:Logged")
        await asyncio.sleep(0.1)
        await super().start()


class Worker(Retrying, Logged):
    @classmethod
    def kind(cls):
        return [c.__name__ for c in cls.__mro__]


class Special(Worker):
    def describe(self):
        return "special " + super().describe()


async def main():
    w = Worker(retries=5, prefix="#")
    await w.start()
    print(w.log, w.retries, w.prefix, w.describe())
    print(Worker.kind(), Special.kind())
    s = Special()
    await s.start()
    print(s.describe(), s.log, isinstance(s, Logged), issubclass(Special, Retrying))


asyncio.run(main())
