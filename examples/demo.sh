#!/bin/sh
# The simloop demo (`make demo`): find the timing that breaks an asyncio
# program, shrink it to the one delay that matters, replay it, and write a
# report. Usage: sh examples/demo.sh [path/to/simloop]
set -u
SIMLOOP=${1:-build/default/simloop}
ex=$(cd "$(dirname "$0")" && pwd)
[ -x "$SIMLOOP" ] || { echo "demo: no simloop binary at $SIMLOOP (build first)" >&2; exit 2; }
out=$(dirname "$SIMLOOP")/demo
rm -rf "$out" && mkdir -p "$out" || exit 2
SIMLOOP=$(cd "$(dirname "$SIMLOOP")" && pwd)/$(basename "$SIMLOOP")
cd "$out" || exit 2

echo "== examples/bank.py: two withdrawals, a check-then-act across an await"
echo "\$ simloop run bank.py            # default timing: fine"
"$SIMLOOP" run "$ex/bank.py" | sed 's/^/  /'

echo
echo "\$ simloop explore bank.py --runs 1000"
"$SIMLOOP" explore "$ex/bank.py" --runs 1000 --db demo.db -o bank.decisions >explore.txt
grep -E '^(default schedule|FAILED|decisions|[0-9]+ runs)' explore.txt | sed 's/^/  /'

echo
echo "\$ simloop minimize bank.py --decisions bank.decisions"
"$SIMLOOP" minimize "$ex/bank.py" --decisions bank.decisions -o bank.min.decisions >min.txt
grep -E '^(minimized|  step)' min.txt | sed 's/^/  /'

echo
echo "\$ simloop replay bank.py --decisions bank.min.decisions   # the whole story, step by step"
"$SIMLOOP" replay "$ex/bank.py" --decisions bank.min.decisions --db demo.db >replay.txt
"$SIMLOOP" show --db demo.db | grep -E 'print|decision|done T[23]' | sed 's/^/  /'
grep -E '^(assertion|trace hash)' replay.txt | sed 's/^/  /'

"$SIMLOOP" report --db demo.db -o bank-report.html >/dev/null &&
  "$SIMLOOP" export --perfetto --db demo.db -o bank-perfetto.json 2>/dev/null
echo
echo "The same schedule under real CPython 3.11 (the oracle replays the decision log):"
here=$(pwd)
if [ -x /usr/bin/python3 ] &&
   (cd "$ex/.." && PYTHONPATH=oracle /usr/bin/python3 -m simloop_oracle run "$ex/bank.py" \
      --jsonl "$here/bank-cpython.jsonl" --decisions "$here/bank.min.decisions" >/dev/null 2>&1); then
  tail -n 1 bank-cpython.jsonl | sed 's/^/  /'
  if "$SIMLOOP" diff bank-cpython.jsonl demo.db >/dev/null 2>&1; then
    echo "  identical to simloop's run, step for step (simloop diff)"
  else
    echo "  DIFFERS from simloop's run: simloop diff $out/bank-cpython.jsonl $out/demo.db"
  fi
fi
echo "Report: $out/bank-report.html   Perfetto: $out/bank-perfetto.json (ui.perfetto.dev)"
