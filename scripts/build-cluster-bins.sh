#!/usr/bin/env sh
# Builds (or finds cached) the local control-plane binaries and prints their directory.
# Same as `typekro cluster build`; a checkout runs its sources (a dist/ there may be stale), the installed
# package (which ships no src/) runs dist/.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -f "$root/src/cli/main.ts" ]; then
  cd "$root" && exec node --import tsx src/cli/main.ts cluster build
fi
exec node "$root/dist/cli/main.js" cluster build
