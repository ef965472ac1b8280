# Two fallbacks that are each safe alone: a stale token sent to the replica.
#
# A read first refreshes its auth token (keeping the cached one when the
# auth service does not answer within 1 s) and then reads from the primary
# (falling back to the replica after 1 s). The replica, unlike the primary,
# checks tokens, and the auth service has just rotated its key when the
# last read comes. That read fails only if its refresh timed out (it kept
# the token of the old key) and its primary read timed out too: two
# particular slow callbacks (a second or more) among a few hundred. Every
# earlier read tolerates either fallback, and both: its token is valid.
import asyncio

TIMEOUT = 1.0
LATENCY = 0.005


class Refused(Exception):
    pass


class Auth:
    def __init__(self):
        self.key = 1

    def rotate(self):
        self.key += 1

    def valid(self, token):
        return token == f"token-{self.key}"


def answer_later(fut, answer):
    # A reply over the network: made when the request arrives, back
    # LATENCY seconds after the call.
    loop = asyncio.get_running_loop()
    loop.call_later(LATENCY, lambda: fut.done() or fut.set_result(answer()))


async def call(answer):
    fut = asyncio.get_running_loop().create_future()
    answer_later(fut, answer)
    async with asyncio.timeout(TIMEOUT):
        return await fut


class Client:
    def __init__(self, auth):
        self.auth = auth
        self.cached = f"token-{auth.key}"
        self.fallbacks = 0

    async def token(self):
        try:
            self.cached = await call(lambda: f"token-{self.auth.key}")
        except TimeoutError:
            self.fallbacks += 1  # keep the cached token
        return self.cached

    async def read(self, key):
        token = await self.token()
        try:
            return await call(lambda: f"value of {key}")
        except TimeoutError:
            self.fallbacks += 1  # the replica has it too
        await asyncio.sleep(LATENCY)
        if not self.auth.valid(token):
            raise Refused(f"replica refused {token} for {key}")
        return f"value of {key}"


async def reader(client, name, count, results):
    for i in range(count):
        results.append(await client.read(f"{name}{i}"))
        await asyncio.sleep(0.01)


async def main():
    auth = Auth()
    client = Client(auth)
    results = []
    await asyncio.gather(reader(client, "a", 16, results), reader(client, "b", 16, results))
    await asyncio.sleep(0.5)
    auth.rotate()
    results.append(await client.read("last"))
    print(f"{len(results)} reads, {client.fallbacks} fallbacks")


asyncio.run(main())
