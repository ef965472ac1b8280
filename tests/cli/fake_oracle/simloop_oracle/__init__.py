"""A stand-in for the CPython oracle, for the command-line tests only: it
runs the real oracle ($SL_REAL_ORACLE) and then renames the first handle of
step $SL_ALTER_STEP in the trace it wrote, as a divergent engine would."""
