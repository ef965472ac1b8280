import asyncio

async def main():
    found = []
    for i in range(2, 20):
        j = 2
        while j * j <= i:
            if i % j == 0:
                break
            j += 1
        else:
            found.append(i)
    print(found)
    for a in range(3):
        for b in range(3):
            if b > a:
                break
            if (a + b) % 2:
                continue
            print(a, b, end="; ")
    print()

asyncio.run(main())
