#!/bin/sh
# Compares exploration strategies (docs/explore.md "Strategies compared"):
# for each program and strategy, `explore --runs CAP` from NSEEDS first
# seeds far apart (0, 1000000, 2000000, ...), and prints runs to the first
# failure (the failing run's index + 1; ">CAP" when none) per seed, their
# median, and the distinct traces of one failure-free 10,000-run explore
# (--keep-going) per strategy.
#   sh bench/strategies.sh SIMLOOP "random pct coverage" NSEEDS CAP FILE...
# `make compare-strategies` runs it on examples/deep/*.py and examples/*.py.
set -u
simloop=$1 strategies=$2 nseeds=$3 cap=$4
shift 4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '| program | strategy | runs to first failure (per seed) | median | distinct traces per 10,000 runs |\n'
printf '|---|---|---|---|---|\n'
for f in "$@"; do
  for st in $strategies; do
    runs=""
    k=0
    while [ "$k" -lt "$nseeds" ]; do
      seed=$((k * 1000000))
      "$simloop" explore "$f" --strategy "$st" --seed "$seed" --runs "$cap" --no-db \
        -o "$tmp/log" --json >"$tmp/out.json" 2>/dev/null
      n=$(python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
f=d.get("failure")
print(f["index"]+1 if f else ">"+sys.argv[2])' "$tmp/out.json" "$cap")
      runs="$runs $n"
      k=$((k + 1))
    done
    med=$(echo "$runs" | python3 -c 'import sys
v=sys.stdin.read().split()
big=[x for x in v if x.startswith(">")]
nums=sorted(int(x) for x in v if not x.startswith(">"))
allv=nums+[float("inf")]*len(big)
m=allv[(len(allv)-1)//2] if len(allv)%2 else None
if len(allv)%2==0:
    a,b=allv[len(allv)//2-1],allv[len(allv)//2]
    m=(a+b)/2
print(">"+big[0][1:] if m==float("inf") else (int(m) if m==int(m) else m))')
    "$simloop" explore "$f" --strategy "$st" --runs 10000 --keep-going --no-db \
      -o "$tmp/log" --json >"$tmp/out.json" 2>/dev/null
    traces=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["distinct_traces"])' "$tmp/out.json")
    printf '| %s | %s |%s | %s | %s |\n' "$(basename "$f")" "$st" "$runs" "$med" "$traces"
  done
done
