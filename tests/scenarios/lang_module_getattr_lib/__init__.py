# The package of lazy.py (a module, not a package, has the __getattr__).
