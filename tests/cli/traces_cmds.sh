# import, show and diff on the oracle's reference traces: round trip
# through the database, listing, errors with FILE:LINE:COL and exit 2.
. "$(dirname "$0")/lib.sh"
exp="$SL_SOURCE_DIR/oracle/tests/expected"
[ -d "$exp/3.12.7" ] || { echo "no oracle reference traces"; exit 77; }

expect_status 0 "$SIMLOOP" import "$exp/3.12.7/gather.jsonl" "$exp/3.14.2/wait_for_timeout.jsonl" --db t.db
expect_in out.txt "t.db: run 1: cpython 3.12.7"
expect_in out.txt "t.db: run 2: cpython 3.14.2"

expect_status 0 "$SIMLOOP" show --db t.db 1
expect_in out.txt "#9 t=1.0 timeout=0.0"
expect_in out.txt "  soon:wakeup T1 <- F3"
expect_in out.txt "    print T1: ['w', None]"
expect_in out.txt "end: ok after 14 steps at t=1.0"
expect_status 0 "$SIMLOOP" show --db t.db --json 1
expect_in out.txt '{"run":{"ev":"run","engine":"cpython"'
expect_status 0 "$SIMLOOP" show --db t.db --list
expect_in out.txt "wait_for_timeout.py"
# The newest run by default; a JSONL file directly.
expect_status 0 "$SIMLOOP" show --db t.db
expect_in out.txt "run 2: cpython"
expect_status 0 "$SIMLOOP" show "$exp/3.12.7/gather.jsonl"

# Database and file give the same run.
expect_status 0 "$SIMLOOP" diff t.db:1 "$exp/3.12.7/gather.jsonl"
# 3.11 and 3.12 differ in wait_for (rebuilt on timeouts in 3.12).
expect_status 1 "$SIMLOOP" diff "$exp/3.11.2/wait_for_timeout.jsonl" t.db:2
expect_in out.txt "first divergence: step 1 "

# Bad input: exit 2 with FILE:LINE:COL; nothing stored.
printf '{"ev":"run","engine":"x"\n' >bad.jsonl
expect_status 2 "$SIMLOOP" import bad.jsonl --db t.db
expect_in err.txt "bad.jsonl:1:25: '}' expected near end of file"
head -n 5 "$exp/3.12.7/gather.jsonl" >trunc.jsonl
expect_status 2 "$SIMLOOP" import trunc.jsonl --db t.db
expect_in err.txt 'trunc.jsonl:6:1: the run that starts on line 1 has no "end" line'
expect_status 0 "$SIMLOOP" show --db t.db --list
[ "$(wc -l <out.txt)" = 2 ] || fail "a bad import stored something"
expect_status 2 "$SIMLOOP" diff missing.jsonl t.db:1
expect_in err.txt "missing.jsonl: cannot read: No such file or directory"
expect_status 2 "$SIMLOOP" show --db nosuch.db
expect_in err.txt "nosuch.db: no such trace database"
expect_status 2 "$SIMLOOP" show --db t.db 99
expect_in err.txt "t.db: no run 99"
expect_status 2 "$SIMLOOP" diff t.db:1
exit 0
