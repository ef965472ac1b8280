import asyncio

inventory = {"apple": 3}
log = []
count = 0

async def buy(item, n):
    global count
    have = inventory.get(item, 0)
    await asyncio.sleep(0.01)
    if have >= n:
        inventory[item] = have - n
        count += 1
        log.append(f"bought {n} {item}")
    else:
        log.append(f"no {item} for {n}")

async def main():
    await asyncio.gather(buy("apple", 2), buy("apple", 2), buy("pear", 1))
    print(inventory, count)
    print("\n".join(log))

asyncio.run(main())
