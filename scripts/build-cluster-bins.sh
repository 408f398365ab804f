#!/usr/bin/env sh
# Builds (or finds cached) the local control-plane binaries and prints their directory.
# Same as `typekro cluster build`; works from a checkout (tsx) and from the installed package (dist/).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -f "$root/dist/cli/main.js" ]; then
  exec node "$root/dist/cli/main.js" cluster build
fi
cd "$root" && exec node --import tsx src/cli/main.ts cluster build
