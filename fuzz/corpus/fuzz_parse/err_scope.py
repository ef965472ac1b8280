def f(x):
    global y
    nonlocal z
