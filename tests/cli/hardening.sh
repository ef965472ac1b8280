# Issue 13, items 7-12 and 14: output errors, outputs checked before the work,
# reading commands that write nothing, trace paths not trusted, specific
# messages, quoted commands and escaped text. Device nodes (mknod) and
# tmpfs mounts are made in the scratch folder, never on the machine's /dev.
SECTIONS="$*"
. "$SL_SOURCE_DIR/tests/cli/lib.sh"
ex="$SL_SOURCE_DIR/examples/bank.py"
mounts=""
cleanup() { for m in $mounts; do umount "$m" 2>/dev/null; done; }
trap cleanup EXIT
# Sections to run (default all): `hardening.sh 9 11` runs items 9 and 11.
want() { [ -z "${SECTIONS:-}" ] || case " $SECTIONS " in *" $1 "*) true ;; *) false ;; esac; }
no_raw_esc() { ! grep -q "$(printf '\033')" "$1" || fail "raw ESC in $1"; }

cp "$ex" bank.py
$SIMLOOP run bank.py --jsonl b.jsonl --db good.db >/dev/null 2>&1 || fail "setup run"

# ---- 7: every write is checked, stdout included --------------------------
if want 7; then
if mknod -m 666 full c 1 7 2>/dev/null; then
  for cmd in "show b.jsonl" "diff b.jsonl b.jsonl" "run bank.py" "show --list --db good.db" \
             "replay bank.py --seed 0" "gen --seed 1" "--help"; do
    expect_status 2 sh -c "$SIMLOOP $cmd >full"
    expect_in err.txt "<stdout>: cannot write: No space left on device"
  done
  expect_status 2 $SIMLOOP run bank.py --jsonl full
  expect_in err.txt "full: cannot write: No space left on device"
  expect_status 2 $SIMLOOP replay bank.py --seed 0 --jsonl full
  expect_in err.txt "full: cannot write: No space left on device"
  expect_status 2 $SIMLOOP export --perfetto b.jsonl -o full
  expect_in err.txt "full: cannot write: No space left on device"
  expect_status 2 $SIMLOOP report b.jsonl -o full
  expect_in err.txt "full: cannot write: No space left on device"
  [ -c full ] || fail "an output replaced the full device"
else
  # Not root: the shell's redirection to the machine's full device (which
  # only the shell opens) still checks stdout.
  echo "note: mknod not permitted: only stdout is checked, on /dev/full" >&2
  expect_status 2 sh -c "$SIMLOOP show b.jsonl >/dev/full"
  expect_in err.txt "<stdout>: cannot write: No space left on device"
fi
# A tiny tmpfs, filled: a file written there fails the same way.
mkdir small
if mount -t tmpfs -o size=16k tmpfs small 2>/dev/null; then
  mounts="$mounts $PWD/small"
  dd if=/dev/zero of=small/filler bs=1k count=64 2>/dev/null
  expect_status 2 $SIMLOOP run bank.py --jsonl small/t.jsonl
  expect_in err.txt "small/t.jsonl: cannot write: No space left on device"
  expect_status 2 $SIMLOOP export --perfetto b.jsonl -o small/p.json
  expect_in err.txt "small/p.json: cannot write: No space left on device"
  [ -e small/t.jsonl ] && fail "a partial trace was left on the full disk"
else
  echo "note: mount not permitted: the full tmpfs is not checked" >&2
fi
fi

# ---- 8: outputs are checked before the work ------------------------------
if want 8; then
echo "not a database" >bad.db
expect_status 2 $SIMLOOP explore bank.py --runs 50 --db bad.db
expect_in err.txt "bad.db"
grep -q "default schedule" out.txt && fail "explore searched before checking --db"
expect_status 2 $SIMLOOP explore bank.py --runs 50 --no-db -o nodir/x.decisions
expect_in err.txt "nodir/x.decisions: cannot write: No such file or directory"
grep -q "default schedule" out.txt && fail "explore searched before checking -o"
expect_status 2 $SIMLOOP run bank.py --db bad.db
[ -s out.txt ] && fail "run ran before checking --db"
expect_status 2 $SIMLOOP run bank.py --jsonl nodir/t.jsonl
[ -s out.txt ] && fail "run ran before checking --jsonl"
expect_status 2 $SIMLOOP replay bank.py --seed 0 --jsonl nodir/t.jsonl
expect_in err.txt "nodir/t.jsonl: cannot write"
expect_status 2 $SIMLOOP report b.jsonl -o nodir/r.html
expect_in err.txt "nodir/r.html: cannot write"
fi

# ---- 9: reading commands write nothing ------------------------------------
if want 9; then
: >empty.db
expect_status 2 $SIMLOOP show --db empty.db
expect_in err.txt "empty.db: not a trace database (an empty file)"
expect_status 2 $SIMLOOP diff 1 1 --db empty.db
[ -s empty.db ] && fail "show/diff turned an empty file into a database"
cp good.db before.db
for cmd in "show --db good.db" "show --list --db good.db" "diff good.db:1 good.db:1" \
           "export --perfetto --db good.db" "report good.db -o r.html"; do
  expect_status 0 $SIMLOOP $cmd
  cmp -s good.db before.db || fail "'$cmd' changed the database"
  ls | grep -q 'good.db-' && fail "'$cmd' left $(ls | grep good.db-)"
done
mkdir rodir
if mount -t tmpfs -o size=1m tmpfs rodir 2>/dev/null; then
  mounts="$PWD/rodir $mounts"
  cp good.db rodir/t.db
  mount -o remount,ro rodir || fail "remount ro"
  expect_status 0 $SIMLOOP show --db rodir/t.db
  expect_status 0 $SIMLOOP report rodir/t.db -o ro.html
  expect_status 0 $SIMLOOP export --perfetto --db rodir/t.db -o ro.json
  expect_status 0 $SIMLOOP diff rodir/t.db:1 rodir/t.db:1
else
  echo "note: mount not permitted: the read-only folder is not checked" >&2
fi
fi

# ---- 10: report reads only a regular file a trace names --------------------
if want 10; then
sed 's|"scenario":"[^"]*"|"scenario":"/dev/zero"|' b.jsonl >zero.jsonl
expect_status 0 timeout 20 $SIMLOOP report zero.jsonl -o zero.html
expect_in zero.html "not a regular file"
mkfifo fifo.py
sed 's|"scenario":"[^"]*"|"scenario":"fifo.py"|' b.jsonl >fifo.jsonl
expect_status 0 timeout 20 $SIMLOOP report fifo.jsonl -o fifo.html
fi

# ---- 11: one message for one problem ---------------------------------------
if want 11; then
mkdir adir
for cmd in "run adir" "explore adir" "show adir" "diff adir adir" "import adir" \
           "report adir" "replay bank.py --bytes adir" "replay bank.py --decisions adir" \
           "minimize bank.py --decisions adir" "conform adir --python 3.11"; do
  expect_status 2 $SIMLOOP $cmd
  expect_in err.txt "adir: cannot read: Is a directory"
done
expect_status 2 $SIMLOOP report --db b.jsonl
expect_in err.txt "b.jsonl: not a trace database (not an SQLite file)"
expect_status 2 $SIMLOOP export --perfetto --db b.jsonl
expect_in err.txt "b.jsonl: not a trace database (not an SQLite file)"
expect_status 2 $SIMLOOP show good.db:0
expect_in err.txt "good.db:0: run IDs numbers start at 1"
sed '3s/"t":0.0/"t":NaN/' b.jsonl >nan.jsonl
expect_status 2 $SIMLOOP import nan.jsonl --db n.db
expect_in err.txt "nan.jsonl:3:1: field \"t\" is NaN"
# "-" is stdout for every --jsonl and -o.
expect_status 0 $SIMLOOP run bank.py --jsonl -
head -c 12 out.txt | grep -qF '{"ev":"run"' || fail "run --jsonl - did not write the trace to stdout"
[ -e ./- ] && fail "run --jsonl - wrote a file named -"
expect_status 0 $SIMLOOP report b.jsonl -o -
expect_in out.txt "<!DOCTYPE html>"
expect_status 0 $SIMLOOP export --perfetto b.jsonl -o -
expect_in out.txt '"traceEvents"'
fi

# ---- 12: printed commands are shell words; control characters escaped -------
if want 12; then
odd="$(printf "it's a \033[31mred.py")"
cp bank.py "$odd"
expect_status 1 $SIMLOOP explore "$odd" --strategy random --runs 50 --no-db -o odd.decisions
no_raw_esc out.txt
expect_in out.txt "replay:   simloop replay \$'it\\'s a \\x1b[31mred.py' --seed"
cmd=$(sed -n 's/^          \(simloop replay .*\)$/\1/p' out.txt)
[ -n "$cmd" ] || fail "no replay command printed"
expect_status 1 bash -c "SIMLOOP=$SIMLOOP; \$SIMLOOP ${cmd#simloop }"
cp bank.py "two words.py"
expect_status 1 $SIMLOOP explore "two words.py" --runs 50 --no-db -o two.decisions
expect_in out.txt "minimize: simloop minimize 'two words.py' --decisions two.decisions"
# An assertion message with an escape sequence, on the terminal and in HTML.
printf 'import asyncio\nasync def main():\n    await asyncio.sleep(0)\n    assert False, "bad \\x1b[2J thing"\nasyncio.run(main())\n' >esc.py
$SIMLOOP run esc.py --jsonl esc.jsonl >/dev/null 2>&1
expect_status 1 $SIMLOOP replay esc.py --decisions esc.jsonl
no_raw_esc out.txt
expect_status 0 $SIMLOOP report esc.jsonl -o esc.html
no_raw_esc esc.html
expect_in esc.html 'bad \x1b[2J thing'
# A file name with an escape sequence in an error message.
expect_status 2 $SIMLOOP run "$(printf 'no\033[2Jfile.py')"
no_raw_esc err.txt
expect_in err.txt 'no\x1b[2Jfile.py: cannot read: No such file or directory'
expect_status 2 $SIMLOOP gen --seed 1 -o "$(printf 'nodir/\033[2Jx')"
no_raw_esc err.txt
fi

# ---- 14: the default exception handler's log; method and generator reprs --
if want 14; then
cat >cb.py <<'PY'
import asyncio
class A:
    def __init__(self):
        pass
class B:
    pass
def bad(x):
    1 / 0
async def main():
    asyncio.get_running_loop().call_soon(bad, 5)
    await asyncio.sleep(0.1)
    print("{0.__init__}".format(A()))
    print("{0.__init__}".format(B()))
    print(repr((x for x in [1])), [].append)
    print("done")
asyncio.run(main())
PY
expect_status 0 $SIMLOOP run cb.py --python 3.11
cat >want.txt <<'TXT'
Exception in callback bad(5) at cb.py:7
handle: <Handle bad(5) at cb.py:7>
Traceback (most recent call last):
  File "cb.py", line 8, in bad
    1 / 0
ZeroDivisionError: division by zero
TXT
cmp -s want.txt err.txt || { diff want.txt err.txt >&2; fail "run's stderr is not the default handler's log"; }
expect_in out.txt "<bound method A.__init__ of <__main__.A object at 0x7f"
expect_in out.txt "<method-wrapper '__init__' of B object at 0x7f"
expect_in out.txt "<generator object main.<locals>.<genexpr> at 0x7f"
expect_in out.txt "<built-in method append of list object at 0x7f"
expect_in out.txt "done"
# 3.13 on: the callback's arguments only in debug mode.
expect_status 0 $SIMLOOP run cb.py --python 3.14
sed 's/bad(5)/bad()/' want.txt >want14.txt
cmp -s want14.txt err.txt || { diff want14.txt err.txt >&2; fail "run's stderr (3.14) is not the default handler's log"; }
fi

exit 0
