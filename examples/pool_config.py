# A configuration loaded in a worker thread (asyncio.to_thread), and a
# request handler that waits a fixed grace period instead of awaiting the
# loader: "the thread is surely done by then". On a quiet machine it is;
# when the thread's result arrives late (a `thread` decision: the pool's
# function takes longer), the handler reads an empty configuration.
import asyncio

config = {}


def load_config():
    # Runs whole in a pool thread (simloop: at the moment a `thread`
    # decision picks; by default before the loop's next select).
    config["limit"] = 10
    return "loaded"


async def handle_request():
    await asyncio.sleep(0.05)  # the grace period: the bug
    assert "limit" in config, "the handler ran before the configuration was loaded"
    return config["limit"]


async def main():
    loader = asyncio.create_task(asyncio.to_thread(load_config))
    print("limit", await handle_request())
    print(await loader)


asyncio.run(main())
