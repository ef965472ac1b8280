# explore --shard K/N and simloop merge (issue 14, "Beyond one machine"):
# three shards run as three processes, merged, hold exactly the runs, the
# verdicts, the fingerprints and the stored failing traces of one explore;
# without --keep-going the lowest failing run over the shards is the one a
# single explore reports. The shard index also comes from the environment
# (Kubernetes' JOB_COMPLETION_INDEX, SIMLOOP_SHARD), and bad input gets a
# message and status 2. These are the seeded strategies' semantics (random
# here); the coverage strategy's shards are campaigns of their own
# (cli.explore_deep checks them).
. "$SL_SOURCE_DIR/tests/cli/lib.sh"
EX=$SL_SOURCE_DIR/examples/bank.py

# The rows that must agree: every explore_runs row with its stored trace's
# hash, every stored run, every handle event by name, and the session counts.
summary() {
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = sorted(c.execute(
    "SELECT r.idx, r.seed, r.outcome, r.fingerprint, r.nondefault, r.steps, r.final_time,"
    " (SELECT trace_hash FROM runs WHERE id = r.run) FROM explore_runs r"))
runs = sorted(c.execute("SELECT scenario_sha256, seed, outcome, steps, trace_hash FROM runs"))
names = sorted(n for (n,) in c.execute(
    "SELECT n.name FROM handle_events e JOIN handle_names n ON n.id = e.name"))
runs_total, failures = c.execute(
    "SELECT SUM(runs), SUM(failures) FROM explore_sessions").fetchone()
print(len(rows), runs_total, failures, len(runs), len(names))
for r in rows + runs:
    print(r)
print(names)
PY
}

# ---- --keep-going: the merged shards are the single run ------------------
expect_status 1 $SIMLOOP explore "$EX" --strategy random --runs 240 --keep-going --db one.db -o one.decisions
pids=""
for k in 1 2 3; do
  $SIMLOOP explore "$EX" --strategy random --runs 240 --keep-going --shard $k/3 --db s$k.db -o s$k.decisions \
    >s$k.out 2>&1 &
  pids="$pids $!"
done
k=0
for p in $pids; do
  k=$((k + 1))
  wait "$p"
  [ $? = 1 ] || { cat s$k.out >&2; fail "shard $k/3 did not end with a failure found"; }
  [ -s s$k.decisions ] || fail "shard $k wrote no decision log"
done
expect_status 0 $SIMLOOP merge s1.db s2.db s3.db -o all.db
expect_in out.txt "merged 3 databases into all.db"
summary one.db >one.txt
summary all.db >all.txt
head -1 one.txt | grep -q '^240 240 [1-9]' || { cat one.txt >&2; fail "the single explore made no failing run"; }
cmp -s one.txt all.txt || { diff one.txt all.txt | head >&2; fail "merged shards differ from one explore"; }
# The merged database is an ordinary one: show reads its runs.
expect_status 0 $SIMLOOP show --db all.db --list
[ "$(wc -l <out.txt)" -eq "$(sed -n 1p one.txt | cut -d' ' -f4)" ] || fail "show lists other runs"

# ---- without --keep-going: the lowest failure over the shards ------------
expect_status 1 $SIMLOOP explore "$EX" --strategy random --runs 240 --no-db --json -o a.decisions
first=$(python3 -c 'import json,sys; print(json.load(open("out.txt"))["failure"]["index"])')
low=999999
for k in 1 2 3; do
  expect_status 1 $SIMLOOP explore "$EX" --strategy random --runs 240 --shard $k/3 --no-db --json -o b.decisions
  i=$(python3 -c 'import json,sys; d=json.load(open("out.txt")); assert d["shard"]=="'$k'/3"; print(d["failure"]["index"])')
  [ $((i % 3)) -eq $((k - 1)) ] || fail "shard $k/3 made run $i"
  [ "$i" -lt "$low" ] && low=$i
done
[ "$low" = "$first" ] || fail "the shards' lowest failure is run $low, one explore found $first"

# ---- the shard index from the environment ---------------------------------
expect_status 1 env JOB_COMPLETION_INDEX=1 $SIMLOOP explore "$EX" --strategy random --runs 60 --shard 3 --no-db --json -o c.decisions
expect_in out.txt '"shard":"2/3"'
expect_status 1 env SIMLOOP_SHARD=3 $SIMLOOP explore "$EX" --strategy random --runs 60 --shard 3 --no-db --json -o c.decisions
expect_in out.txt '"shard":"3/3"'

# ---- bad input ------------------------------------------------------------
expect_status 2 $SIMLOOP explore "$EX" --strategy random --shard 4/3 --no-db
expect_in err.txt "expected K/N with 1 <= K <= N"
expect_status 2 env -u JOB_COMPLETION_INDEX -u SIMLOOP_SHARD $SIMLOOP explore "$EX" --strategy random --shard 3 --no-db
expect_in err.txt "which shard?"
expect_status 2 $SIMLOOP merge s1.db
expect_in err.txt "-o ALL.db"
expect_status 2 $SIMLOOP merge s1.db missing.db -o bad.db
expect_in err.txt "missing.db: no such trace database"
echo "not a database" >text.db
expect_status 2 $SIMLOOP merge s1.db text.db -o bad.db
expect_in err.txt "text.db: not a trace database"
[ ! -e bad.db ] || fail "a failed merge left bad.db"
expect_status 2 $SIMLOOP merge s1.db -o /dev/null
expect_in err.txt "must be a regular file"
[ -c /dev/null ] || fail "/dev/null is no longer a device"
# An input may be the output: it is replaced by the merge, whole.
cp s1.db again.db
expect_status 0 $SIMLOOP merge again.db s2.db -o again.db
python3 -c 'import sqlite3; c=sqlite3.connect("again.db"); print(c.execute("SELECT COUNT(*) FROM explore_runs").fetchone()[0])' >n.txt
[ "$(cat n.txt)" = 160 ] || fail "merging into an input gave $(cat n.txt) explore rows, not 160"
exit 0
