import asyncio

async def main():
    await asyncio.sleep(0.1)
    return {"status": "done"}

result = asyncio.run(main())
print("result:", result)
