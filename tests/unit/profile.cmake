# Profiles (core/profile.c): every version resolves to the same switches.
sl_unit_test(profile unit/test_profile.c)
