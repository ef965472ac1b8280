# A program outside simloop's subset (`re`, attrs from
# Debian's python3-attr): simloop's engine refuses it naming the construct;
# --engine cpython finds its race, replays and minimizes it
# (examples/cpython/shop.py, docs/cpython.md "A program outside the subset").
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || exit 77  # CPython mode needs a python3; a broken engine must fail, not skip
/usr/bin/python3 -c 'import attr' 2>/dev/null || exit 77
cp "$SL_SOURCE_DIR/examples/cpython/shop.py" .

expect_status 2 "$SIMLOOP" run shop.py
expect_in err.txt "shop.py:11:8: error: module 're' is not supported by simloop"
expect_status 2 "$SIMLOOP" explore shop.py --runs 10 --no-db
expect_in err.txt "module 're'"

expect_status 0 "$SIMLOOP" run --engine cpython shop.py
expect_in out.txt "['sold', 'out of stock', \"Stock(item='apple', count=0)\"]"
expect_status 1 "$SIMLOOP" explore --engine cpython shop.py --runs 300 --no-db -o found.log
expect_in out.txt "AssertionError: sold apple twice: Stock(item='apple', count=-1) at shop.py:49 in handle"
expect_status 1 "$SIMLOOP" replay --engine cpython shop.py --decisions found.log
expect_in out.txt "sold apple twice"
expect_status 0 "$SIMLOOP" minimize --engine cpython shop.py --decisions found.log -o min.log
expect_in out.txt "-> 1 non-default decision"
expect_in out.txt "still fails the same way: assertion"
expect_status 1 "$SIMLOOP" replay --engine cpython shop.py --decisions min.log
expect_in out.txt "sold apple twice"

# CPython 3.12-3.14 (Pyodide) cannot fork, hence cannot explore; the log
# found under 3.11 replays under 3.14 with the oracle's own command (on a
# stdlib-only twin: Pyodide has no attrs)
[ -d "$SL_SOURCE_DIR/oracle/pyodide/node_modules/pyodide-314" ] || exit 0
expect_status 2 "$SIMLOOP" explore --engine cpython --python 3.14 shop.py --runs 3 --no-db
expect_in err.txt "cannot fork: use --python 3.11"
sed -e 's/^import attr$/import dataclasses/' -e 's/^@attr.s(auto_attribs=True)$/@dataclasses.dataclass/' \
    -e 's/^    count: int = attr.ib(.*$/    count: int/' shop.py >shop2.py
expect_status 1 "$SIMLOOP" explore --engine cpython shop2.py --runs 300 --no-db -o found2.log
expect_in out.txt "FAILED at run 2 (seed 2)"
node "$SL_SOURCE_DIR/oracle/pyodide/run.mjs" --python 3.14 -- run shop2.py --jsonl t314.jsonl \
  --stdout o314.txt --decisions found2.log 2>e314.txt
expect_in t314.jsonl '"python":"3.14'
expect_in t314.jsonl '{"ev":"end","outcome":"exception","detail":"AssertionError: sold apple twice: Stock(item='"'"'apple'"'"', count=-1)","steps":15,"t":0.129}'
exit 0
