# types: types.coroutine (a generator-based coroutine awaited from async
# code, under asyncio and under a hand-written scheduler that drives
# coroutines with send()), SimpleNamespace, MappingProxyType, MethodType
# and the type objects of functions, coroutines and generators.
import asyncio
import types

@types.coroutine
def legacy_sleep(n):
    got = yield from asyncio.sleep(n, result=n * 2).__await__()
    return got

@types.coroutine
def bare():
    yield
    return "bare done"

async def main():
    print(await legacy_sleep(0.5))
    print(await bare())

asyncio.run(main())

ns = types.SimpleNamespace(a=1, b="x")
ns.c = [1]
print(ns, ns.a, vars(ns), ns == types.SimpleNamespace(a=1, b="x", c=[1]))
del ns.a
print(ns, type(ns), type(ns).__name__)
try:
    ns.zz
except AttributeError as e:
    print(e)
mp = types.MappingProxyType({"k": 1})
print(mp, mp["k"], len(mp), type(mp), isinstance(mp, types.MappingProxyType))
try:
    mp["x"] = 2
except TypeError as e:
    print(e)

def f(): pass
async def c(): pass
def g(): yield
async def ag(): yield
co = c()
print(isinstance(f, types.FunctionType), isinstance(lambda: 0, types.LambdaType),
      isinstance(co, types.CoroutineType), isinstance(g(), types.GeneratorType),
      isinstance(ag(), types.AsyncGeneratorType), isinstance(len, types.BuiltinFunctionType),
      isinstance(types, types.ModuleType), isinstance(None, types.NoneType))
co.close()
print(types.FunctionType, types.CoroutineType, types.GeneratorType, types.MethodType,
      types.ModuleType, types.SimpleNamespace, types.MappingProxyType, types.NoneType)

class A:
    def __init__(self):
        self.x = 5
def getx(self):
    return self.x
a = A()
a.getx = types.MethodType(getx, a)
print(a.getx(), isinstance(a.getx, types.MethodType), isinstance(A().__init__, types.MethodType))
print(type(f) is types.FunctionType, type(co) is types.CoroutineType)


@types.coroutine
def pause(label):
    reply = yield label
    return f"{label}->{reply}"


async def worker(name, n):
    for i in range(n):
        got = await pause(f"{name}{i}")
        print("worker", name, "got", got)
    return name.upper()


def run_by_hand(*coros):
    ready = list(coros)
    replies = {}
    round_no = 0
    while ready:
        round_no += 1
        for co in list(ready):
            try:
                label = co.send(replies.get(co))
                replies[co] = f"r{round_no}"
                print("yielded", label)
            except StopIteration as stop:
                print("finished", stop.value)
                ready.remove(co)


run_by_hand(worker("a", 2), worker("b", 3))
co = worker("c", 1)
print(co.send(None))
try:
    co.throw(ValueError("boom"))
except ValueError as e:
    print("thrown back:", e)
try:
    co.send(None)
except RuntimeError as e:
    print(e)
