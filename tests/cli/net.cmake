# The simulated network's command-line tests (sim/net, docs/io.md).
sl_cli_test(net_faults net_faults.sh)
set_tests_properties(cli.net_faults PROPERTIES LABELS "cli;slow")
sl_cli_test(net_trace net_trace.sh)
