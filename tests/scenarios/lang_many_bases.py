# Classes with three and more bases: mixins chaining super() through the
# C3 order, isinstance/issubclass through every base, __bases__, the
# flags (special methods) and __slots__ of any base, and CPython's MRO
# error for an order that cannot be made.
import asyncio


class Base:
    def __init__(self, **kw):
        self.trail = ["Base"]

    async def run(self):
        return ["Base.run"]

    def __repr__(self):
        return f"<{type(self).__name__} {'/'.join(self.trail)}>"


class LogMixin:
    def __init__(self, **kw):
        super().__init__(**kw)
        self.trail.append("Log")

    async def run(self):
        await asyncio.sleep(0.1)
        return ["Log.run"] + await super().run()


class RetryMixin:
    retries = 3

    def __init__(self, retries=3, **kw):
        super().__init__(**kw)
        self.retries = retries
        self.trail.append("Retry")

    async def run(self):
        return ["Retry.run"] + await super().run()


class MetricsMixin:
    def __init__(self, **kw):
        super().__init__(**kw)
        self.trail.append("Metrics")

    def __len__(self):
        return len(self.trail)

    async def run(self):
        return ["Metrics.run"] + await super().run()


class Worker(LogMixin, RetryMixin, MetricsMixin, Base):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.trail.append("Worker")


class A:
    pass


class B(A):
    pass


class C(A):
    pass


class D(A):
    pass


class E(B, C, D):
    pass


async def main():
    w = Worker(retries=5)
    print(w, len(w), w.retries, bool(w))
    print([c.__name__ for c in Worker.__mro__])
    print([c.__name__ for c in Worker.__bases__])
    print(await w.run())
    print(isinstance(w, MetricsMixin), issubclass(Worker, Base), issubclass(Worker, A))
    print([c.__name__ for c in E.__mro__], [c.__name__ for c in E.mro()])
    try:

        class Bad(A, B, C):
            pass

    except TypeError as e:
        print("TypeError:", e)

    class Tagged:
        def tag(self):
            return "tagged"

    class Coded:
        code = 7

    class WithExc(Tagged, Coded, ValueError):
        pass

    try:
        raise WithExc("boom")
    except ValueError as e:
        print(type(e).__name__, e.args, e.tag(), e.code, isinstance(e, Coded))
        print([c.__name__ for c in type(e).__mro__])


asyncio.run(main())
