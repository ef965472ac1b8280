# cli.gen_differential: programs from the fuzz generator (`simloop gen
# --seed N`, sim/gen.c), run by `simloop conform` against the native
# CPython 3.11.2 in one batch; every one must be identical step for step.
# A divergence is an engine bug (or a generator bug): report the smallest
# program, do not weaken the test. Known divergences, while they are being
# fixed, go in EXPECTED_DIVERGENT below with the reason; the test prints
# them and still fails if they start to pass (so the list stays honest).
. "$(dirname "$0")/lib.sh"
[ -x /usr/bin/python3 ] || { echo "no native CPython 3.11"; exit 77; }

FIRST=${SL_GEN_FIRST:-1}
COUNT=${SL_GEN_COUNT:-30}
# "seed reason" lines; empty while none is known.
EXPECTED_DIVERGENT=""

set --
i=0
while [ "$i" -lt "$COUNT" ]; do
  seed=$((FIRST + i))
  "$SIMLOOP" gen --seed "$seed" -o "gen_$seed.py" || fail "simloop gen --seed $seed"
  set -- "$@" "gen_$seed.py"
  i=$((i + 1))
done
"$SIMLOOP" conform "$@" --python 3.11 >conform.txt 2>&1
status=$?
cat conform.txt
[ "$status" -le 1 ] || fail "simloop conform exited $status"

bad=0
for f in "$@"; do
  seed=${f#gen_}
  seed=${seed%.py}
  reason=$(printf '%s\n' "$EXPECTED_DIVERGENT" | awk -v s="$seed" '$1 == s { $1 = ""; print substr($0, 2) }')
  if grep -q "identical  $f " conform.txt; then
    [ -z "$reason" ] || { echo "seed $seed now conforms: remove it from EXPECTED_DIVERGENT"; bad=1; }
  elif [ -n "$reason" ]; then
    echo "expected divergence, seed $seed: $reason"
  else
    echo "DIVERGENT: seed $seed (simloop gen --seed $seed; simloop conform gen_$seed.py --python 3.11)"
    bad=1
  fi
done
[ "$bad" = 0 ] || fail "generated programs diverge from CPython 3.11.2"
echo "all $COUNT generated programs conform"

# The same programs under perturbed schedules (conform --seed: the oracle
# replays simloop's decision log), a few seeds each.
for s in 1 2; do
  "$SIMLOOP" conform "$@" --python 3.11 --seed "$s" >seeded.txt 2>&1 ||
    { cat seeded.txt; fail "generated programs diverge from CPython 3.11.2 under seed $s"; }
done
echo "and under seeds 1 and 2"

# And against CPython 3.14 when Pyodide is installed (one oracle process).
if command -v node >/dev/null && [ -f "$SL_SOURCE_DIR/oracle/pyodide/node_modules/pyodide-314/pyodide.mjs" ]; then
  "$SIMLOOP" conform "$@" --python 3.14 >py314.txt 2>&1 ||
    { cat py314.txt; fail "generated programs diverge from CPython 3.14.2"; }
  echo "and against CPython 3.14.2"
fi
