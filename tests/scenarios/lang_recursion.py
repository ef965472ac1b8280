import asyncio

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def depth(n):
    return depth(n + 1)

async def main():
    print([fib(i) for i in range(15)])
    try:
        depth(0)
    except RecursionError as e:
        print("RecursionError:", e)

asyncio.run(main())
