# What CPython mode cannot make deterministic (a real file, a process, a
# thread of the program's own, a real folder) is refused where it is called
# and the run ends with the verdict `error`, naming the operation, the
# module and the line (oracle/simloop_oracle/guard.py, docs/cpython.md
# "What is refused"); what the import system and the standard library do
# on their own is not.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || exit 77  # CPython mode needs a python3; a broken engine must fail, not skip

# refused FILE LINE TEXT: `run` ends with status 1 and the verdict names it
refused() {
  expect_status 1 "$SIMLOOP" run --engine cpython "$1" --path lib
  expect_in err.txt "error: not simulated: $3 at $1:$2 in main (module __main__)"
}
prog() { # prog FILE BODY: an async main that sleeps, then runs BODY
  printf 'import asyncio, os, subprocess\nasync def main():\n    await asyncio.sleep(1)\n    %s\nasyncio.run(main())\n' "$2" >"$1"
}
mkdir lib
echo keep >data.txt
prog write.py 'open("written.txt", "w").write("x")'
refused write.py 4 "a real file opened for writing: 'written.txt'"
expect_in err.txt "at t=1.0"
[ -e written.txt ] && fail "the refused open created the file"
prog read.py 'print(open("data.txt").read())'
refused read.py 4 "a real file opened for reading: 'data.txt'"
prog swallow.py 'try: open("data.txt")
    except Exception: pass'
refused swallow.py 4 "a real file opened for reading: 'data.txt'"
prog osopen.py 'os.open("new.txt", os.O_WRONLY | os.O_CREAT)'
refused osopen.py 4 "a real file opened for writing: 'new.txt'"
[ -e new.txt ] && fail "the refused os.open created the file"
prog sub.py 'subprocess.run(["touch", "ran.txt"])'
refused sub.py 4 "a subprocess started: ['touch', 'ran.txt']"
[ -e ran.txt ] && fail "the refused subprocess ran"
prog system.py 'os.system("touch ran.txt")'
refused system.py 4 "a shell command run: b'touch ran.txt'"
[ -e ran.txt ] && fail "the refused shell command ran"
prog thread.py 'import threading; threading.Thread(target=print, args=("in a thread",)).start()'
refused thread.py 4 "a thread started outside the simulated pool (thread 'Thread-1 (print)' running print)"
grep -q "in a thread" out.txt && fail "the refused thread ran"
# the simulated pool is not refused
prog pool.py 'print(await asyncio.to_thread(sum, [1, 2]))'
expect_status 0 "$SIMLOOP" run --engine cpython pool.py
expect_in out.txt 3
prog listdir.py 'print(os.listdir("."))'
refused listdir.py 4 "a real folder listed: '.'"
prog remove.py 'os.remove("data.txt")'
refused remove.py 4 "a real file removed: 'data.txt'"
[ -e data.txt ] || fail "the refused remove removed the file"

# a module of the program (or a package it uses) is named where it does it
cat >lib/store.py <<'PY'
def save(text):
    with open("store.txt", "a") as f:
        f.write(text)
PY
prog via_module.py 'import store; store.save("x")'
expect_status 1 "$SIMLOOP" run --engine cpython via_module.py --path lib
expect_in err.txt "a real file opened for writing: 'store.txt' at lib/store.py:2 in save (module store)"

# explore: every schedule fails the same way, the replay too; the trace
# ends with the exception the guard raised
expect_status 1 "$SIMLOOP" explore --engine cpython read.py --runs 5 --no-db -o read.log
expect_in out.txt "FAILED at run 0"
expect_in out.txt "not simulated: a real file opened for reading: 'data.txt' at read.py:4"
expect_status 1 "$SIMLOOP" replay --engine cpython read.py --decisions read.log --jsonl t.jsonl
expect_in t.jsonl '"outcome":"exception","detail":"simloop.NotSimulated: a real file opened for reading'

# allowed: the program's own modules imported during the run, standard
# modules imported late, tracebacks logged (linecache reads the sources),
# json, and an installed package's files
echo 'GREETING = "hi"' >lib/helper.py
cat >allowed.py <<'PY'
import asyncio, logging
log = logging.getLogger("x")
async def boom():
    raise ValueError("logged")
async def main():
    await asyncio.sleep(1)
    import helper, json, email.utils, textwrap, encodings.idna
    try:
        await boom()
    except ValueError:
        log.exception("caught")
    print(helper.GREETING, json.dumps([1]), email.utils.quote("a"))
asyncio.run(main())
PY
expect_status 0 "$SIMLOOP" run --engine cpython allowed.py --path lib
expect_in out.txt 'hi [1] a'
expect_in err.txt 'ValueError: logged'
expect_status 0 "$SIMLOOP" explore --engine cpython allowed.py --path lib --runs 20 --no-db
exit 0
