x = [i for i in range(3) if i]
y = {k: v for k, v in {}.items()}
z = lambda a, *b, c=1, **d: a
