import asyncio

class Base(Exception):
    kind = "base"
    retries = 0

    def label(self):
        return f"{self.kind}:{self}"

class Retry(Base):
    kind = "retry"

    def __init__(self, attempt):
        super().__init__(f"attempt {attempt}")
        self.attempt = attempt

    def __str__(self):
        return f"Retry#{self.attempt}"

async def main():
    r = Retry(3)
    print(r.label(), r.attempt, r.args, Retry.kind, Base.kind)
    print(str(r), f"{r}", repr(Base("x")))
    Base.retries += 1
    print(Retry.retries, Base.retries)
    print(issubclass(Retry, Base), isinstance(r, Base), type(r) is Retry)
    print(Retry.__name__, Retry.__qualname__)
    try:
        raise r
    except Base as e:
        print("caught", e.attempt, e is r)

asyncio.run(main())
