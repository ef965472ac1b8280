# The option table (sim/cli.c): every command's --help comes from it, every
# command parses --name VALUE, --name=VALUE and options after operands, and
# refuses unknown options and missing values with exit 2.
. "$SL_SOURCE_DIR/tests/cli/lib.sh"
ex="$SL_SOURCE_DIR/examples/bank.py"

for c in run show diff import conform explore replay minimize export report gen; do
  expect_status 0 $SIMLOOP $c --help
  expect_in out.txt "usage: simloop $c"
  expect_in out.txt "-h, --help"
  expect_status 0 $SIMLOOP $c -h
  expect_status 2 $SIMLOOP $c --no-such-option
  expect_in err.txt "simloop $c: unknown option '--no-such-option'"
done
expect_status 2 $SIMLOOP show --db
expect_in err.txt "simloop show: --db needs a value"
expect_status 2 $SIMLOOP explore "$ex" --json=yes
expect_in err.txt "simloop explore: --json takes no value"

# --name=VALUE, and options after the scenario.
expect_status 0 $SIMLOOP gen --seed=4 -o a.py
expect_status 0 $SIMLOOP gen -o b.py --seed 4
cmp -s a.py b.py || fail "--seed=4 and --seed 4 differ"
expect_status 0 $SIMLOOP run a.py --jsonl=a.jsonl --max-steps=100000
[ -s a.jsonl ] || fail "run --jsonl=FILE wrote nothing"
expect_status 2 $SIMLOOP run a.py b.py
expect_in err.txt "one scenario at a time ('a.py' and 'b.py')"
# `--` ends the options: a file named like an option is an operand.
cp a.py ./--help
expect_status 0 $SIMLOOP run -- --help
exit 0
