import asyncio

async def main():
    x = 3
    assert x == 3
    try:
        assert x > 5, f"x too small: {x}"
    except AssertionError as e:
        print("AssertionError:", e)
    try:
        assert x < 0
    except AssertionError as e:
        print("bare", repr(e))
    assert False, "final"

asyncio.run(main())
