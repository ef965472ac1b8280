# sys.exit() after the loop has finished: SystemExit(0) ends the program
# normally (the oracle's outcome `ok`, exit status 0) after the finally
# clauses ran; loop.call_soon_threadsafe schedules as call_soon does;
# print(file=sys.stderr) goes to stderr, not the trace.
# (sys.exit inside a task: env_sys_exit_task.py.)
import asyncio
import sys


async def main():
    asyncio.get_running_loop().call_soon_threadsafe(print, "from call_soon_threadsafe")
    await asyncio.sleep(0.5)
    print("leaving", sys.argv[1:], file=sys.stderr)
    return "done"


print(asyncio.run(main()))
try:
    sys.exit(0)
finally:
    print("the finally runs")
print("not reached")
