import asyncio

class ConfigError(Exception):
    pass

def parse(v):
    try:
        return int(v)
    except ValueError as e:
        raise ConfigError(f"bad value {v!r}") from e

async def main():
    print(parse("12"))
    parse("x")

asyncio.run(main())
