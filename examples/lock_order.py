# Lock-ordering deadlock: two transfers take the same two locks in opposite
# orders.
#
# Transfer 1 locks account A then B; transfer 2 locks B then A. Under
# default timing transfer 1 is long done when transfer 2 starts. If
# transfer 1 is slowed down while it holds A, transfer 2 takes B, and each
# then waits for the lock the other holds, forever.
import asyncio


async def transfer(name, first, second, starts_at):
    await asyncio.sleep(starts_at)
    async with first:
        await asyncio.sleep(0.001)       # read the first balance
        await asyncio.sleep(0.001)       # validate
        async with second:
            await asyncio.sleep(0.001)   # write both balances
    print(f"{name} done")


async def main():
    a, b = asyncio.Lock(), asyncio.Lock()
    await asyncio.gather(transfer("t1", a, b, 0.0), transfer("t2", b, a, 0.01))


asyncio.run(main())
