import asyncio

def factory(prefix):
    class Tagged(Exception):
        tag = prefix
        def show(self):
            return f"{prefix}/{self.tag}/{self.args[0]}"
    return Tagged

async def main():
    A = factory("a")
    B = factory("b")
    print(A("x").show(), B("y").show(), A.__qualname__)
    try:
        raise A("boom")
    except B:
        print("wrong")
    except A as e:
        print("right", e)

asyncio.run(main())
