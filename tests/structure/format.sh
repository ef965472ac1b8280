#!/bin/sh
# The C sources against .clang-format (clang-format 14, Debian 12's).
#   sh tests/structure/format.sh          fails listing the files that differ
#   sh tests/structure/format.sh --fix    reformats them in place (make format)
# Generated files (a "Generated ... do not edit" header) are left as their
# generator writes them. Exit 77 (skipped) when clang-format is missing:
# `make test` installs it.
set -u
cd "$(dirname "$0")/../.." || exit 2
fmt=$(command -v clang-format-14 || command -v clang-format) || {
  echo "clang-format is not installed (make deps installs it)"
  exit 77
}
if [ -d .git ] || [ -f .git ]; then
  files=$(git ls-files '*.c' '*.h')
else
  files=$(find core sim traces tests fuzz bench -name '*.[ch]' | sort)
fi
bad=""
for f in $files; do
  head -3 "$f" | grep -qi 'generated' && continue
  if [ "${1:-}" = --fix ]; then
    "$fmt" -i "$f"
  elif ! "$fmt" "$f" | cmp -s - "$f"; then
    bad="$bad $f"
  fi
done
if [ -n "$bad" ]; then
  echo "not formatted as .clang-format says (run: make format):"
  for f in $bad; do echo "  $f"; done
  exit 1
fi
exit 0
