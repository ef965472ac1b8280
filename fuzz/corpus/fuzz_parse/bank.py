# Check-then-act across an await: two withdrawals from one account.
#
# Each request checks the balance, then awaits a database round trip, then
# debits. Under default timing request b arrives after a has finished, so
# the check is still true when the debit happens. A slow moment (a long
# callback or a late wake-up) lets b check while a's debit is in flight:
# both pass the check and the account is overdrawn.
import asyncio

balance = 100


async def withdraw(name, amount, arrives_at):
    global balance
    await asyncio.sleep(arrives_at)      # the request comes in
    if balance >= amount:
        await asyncio.sleep(0.01)        # database round trip
        balance -= amount
        print(f"{name} withdrew {amount}, balance {balance}")
    else:
        print(f"{name} refused: balance {balance}")
    assert balance >= 0, f"overdraft: balance {balance}"


async def main():
    await asyncio.gather(withdraw("a", 80, 0.001), withdraw("b", 50, 0.02))


asyncio.run(main())
