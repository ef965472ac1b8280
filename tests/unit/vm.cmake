sl_unit_test(vm unit/test_vm.c)
