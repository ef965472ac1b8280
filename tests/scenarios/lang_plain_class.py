import asyncio

class Account:
    bank = "sim"

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        self.balance += amount
        self.history.append(("deposit", amount))
        return self.balance

    async def withdraw(self, amount):
        await asyncio.sleep(0.1)
        if amount > self.balance:
            raise ValueError(f"{self.owner}: insufficient funds")
        self.balance -= amount
        return self.balance

    def __repr__(self):
        return f"Account({self.owner!r}, {self.balance})"

class Savings(Account):
    rate = 0.5

    def deposit(self, amount):
        return super().deposit(amount * 2)

class Empty:
    pass

async def main():
    a = Account("ann", 10)
    s = Savings("sam")
    print(a.deposit(5), s.deposit(5), a, s, Account.bank, s.rate)
    print(await a.withdraw(3), a.history, s.history)
    try:
        await s.withdraw(100)
    except ValueError as e:
        print("error:", e)
    print(isinstance(s, Account), type(s).__name__, hasattr(a, "owner"), getattr(a, "missing", "dflt"))
    e = Empty()
    e.x = 1
    print(e.x)
    try:
        Empty(1)
    except TypeError as err:
        print("TypeError:", err)
    results = await asyncio.gather(a.withdraw(1), a.withdraw(2))
    print(results, a.balance)

asyncio.run(main())
