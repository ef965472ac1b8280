# Methods and attributes of the program's own classes: 20 tasks each run
# 5,000 rounds of small bookkeeping through instances of a two-level
# class hierarchy (a method per step, an inherited method, a class
# constant, attributes read and written on self), yielding every round.
import asyncio

TASKS = 20
ROUNDS = 5000


class Counter:
    def __init__(self):
        self.count = 0
        self.total = 0

    def add(self, n):
        self.count += 1
        self.total += n
        return self.total


class Account(Counter):
    LIMIT = 10**9

    def __init__(self, owner):
        super().__init__()
        self.owner = owner
        self.balance = 0

    def deposit(self, n):
        self.balance += n
        return self.add(n)

    def withdraw(self, n):
        if self.balance >= n:
            self.balance -= n
            return True
        return False

    def ok(self):
        return self.balance <= self.LIMIT


async def worker(acct, peer):
    for i in range(ROUNDS):
        acct.deposit(i % 7)
        if acct.withdraw(3):
            peer.deposit(3)
        if not acct.ok():
            raise RuntimeError(acct.owner)
        await asyncio.sleep(0)


async def main():
    accts = [Account(i) for i in range(TASKS)]
    await asyncio.gather(*[worker(a, accts[(i + 1) % TASKS]) for i, a in enumerate(accts)])
    print(sum(a.balance for a in accts), sum(a.count for a in accts), sum(a.total for a in accts))


asyncio.run(main())
