import asyncio

def uses_before_assign():
    print(value)
    value = 1

def outer():
    def inner():
        return later
    try:
        inner()
    except NameError as e:
        print("NameError:", e)
    later = 2
    return inner()

async def main():
    try:
        print(undefined_name)
    except NameError as e:
        print("NameError:", e)
    try:
        uses_before_assign()
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    print(outer())
    print(__name__)

asyncio.run(main())
