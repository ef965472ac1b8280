# The coverage strategy on deep bugs (sim/explore_cov.h, examples/deep).
sl_cli_test(explore_deep explore_deep.sh)
set_tests_properties(cli.explore_deep PROPERTIES LABELS "cli;slow" TIMEOUT 600)
