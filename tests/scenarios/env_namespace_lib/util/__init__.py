# A regular package inside a namespace package.
LOADS = ["util"]
