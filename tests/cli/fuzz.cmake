# Differential runs of generated programs against the oracle
# (tests/cli/gen_differential.sh, docs/fuzzing.md).
sl_cli_test(gen_differential gen_differential.sh)
set_tests_properties(cli.gen_differential PROPERTIES TIMEOUT 600)
