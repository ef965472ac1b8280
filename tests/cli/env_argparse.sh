# argparse on the simulated machine (docs/language.md "argparse"): the
# arguments after `--` are sys.argv[1:], prog is the file's name, --help
# prints on stdout and ends the program with status 0, a usage error prints
# the usage and "PROG: error: ..." on stderr and ends it with status 2
# (SystemExit(2), as CPython's process exits); COLUMNS from --setenv sets
# the help's width; and `conform` gives the oracle the same arguments and
# the same terminal-less machine.
. "$SL_SOURCE_DIR/tests/cli/lib.sh"
cat >cli.py <<'PY'
import argparse
import asyncio

async def main(args):
    for i in range(args.count):
        await asyncio.sleep(args.delay)
        print(f"{args.name} {i} {'!' if args.loud else ''}")

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Greets someone a few times, pausing between the greetings.")
    parser.add_argument("name", help="who to greet")
    parser.add_argument("-c", "--count", type=int, default=1, help="how many greetings to print in a row")
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--loud", action="store_true", help="shout")
    asyncio.run(main(parser.parse_args()))
PY
expect_status 0 "$SIMLOOP" run cli.py -- --count 2 --loud ada
expect_in out.txt "ada 1 !"
expect_status 0 "$SIMLOOP" run cli.py --python 3.11 -- --help
expect_in out.txt "usage: cli.py [-h] [-c COUNT] [--delay DELAY] [--loud] name"
expect_in out.txt "  -c COUNT, --count COUNT"
expect_status 0 "$SIMLOOP" run cli.py --python 3.13 -- --help
expect_in out.txt "  -c, --count COUNT  how many greetings to print in a row"
expect_status 2 "$SIMLOOP" run cli.py -- --count x ada
expect_in err.txt "usage: cli.py [-h] [-c COUNT] [--delay DELAY] [--loud] name"
expect_in err.txt "cli.py: error: argument -c/--count: invalid int value: 'x'"
expect_status 2 "$SIMLOOP" run cli.py
expect_in err.txt "cli.py: error: the following arguments are required: name"
expect_status 0 "$SIMLOOP" run cli.py --setenv COLUMNS=40 -- --help
expect_in out.txt "usage: cli.py [-h] [-c COUNT]"
expect_in out.txt "                  to print in a row"
# The same machine for CPython: arguments, no terminal, COLUMNS.
expect_status 0 "$SIMLOOP" conform cli.py --python 3.11 -- -c 3 bob
expect_in out.txt "1 of 1 identical"
expect_status 0 "$SIMLOOP" conform cli.py --python 3.11 --setenv COLUMNS=40 -- --help
expect_in out.txt "1 of 1 identical"
exit 0
