# The simulated network and the loop's readers/writers (sim/net, core/io).
sl_unit_test(net unit/test_net.c)
