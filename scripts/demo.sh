#!/usr/bin/env bash
# The quick start, end to end: install, start the local control plane (built from Go modules on the first
# run, with progress), deploy the seed's webapp in direct mode and in kro mode, show the status, clean up.
#
# The cluster is named "demo" and lives in ${TYPEKRO_HOME:-~/.typekro}/clusters/demo on free loopback ports, so it
# never meets the test suite's cluster (a temp directory, its own ports). It is stopped however the script ends:
# success, a failed step, Ctrl-C or SIGTERM. A "demo" cluster that is already running is left alone.
# Environment: TYPEKRO_HOME (cluster state), TYPEKRO_CACHE_DIR (binaries), TYPEKRO_BUILD_TIMEOUT_MINUTES (build bound).
set -euo pipefail
cd "$(dirname "$0")/.."

name=demo
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
else
  say() { printf '\n==> %s\n' "$*"; }
fi
typekro() { node --import tsx src/cli/main.ts "$@"; }

if [ ! -d node_modules ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
fi

state="${TYPEKRO_HOME:-$HOME/.typekro}/clusters/$name"
if [ -d "$state" ] && typekro cluster status --name "$name" >/dev/null 2>&1; then
  echo "demo.sh: a cluster named \"$name\" is already running ($state); stop it first:" \
    "node --import tsx src/cli/main.ts cluster stop --name $name (or set TYPEKRO_HOME to another directory)" >&2
  exit 1
fi

# From here on the demo cluster is ours: stop it on any exit. bash runs the EXIT trap after INT/TERM only if they
# are trapped, hence the two exit traps (130/143 are the shells' codes for those signals).
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  say "stopping the local control plane"
  typekro cluster stop --name "$name" || true
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "starting a local control plane (etcd, kube-apiserver, controller-manager, scheduler, kwok, KRO, Flux)"
echo "The first run builds it from Go modules: 15-50 minutes on 2 cores depending on load, a progress line every 20 s; later runs take seconds."
kubeconfig=$(typekro cluster start --name "$name" | tail -n 1)
export KUBECONFIG="$kubeconfig"

say "the composition as a KRO ResourceGraphDefinition (typekro render examples/webapp.ts)"
typekro render examples/webapp.ts

say "direct mode: TypeKro applies the resources and returns the live status"
typekro deploy examples/webapp.ts -f examples/webapp.spec.yaml --mode direct -n demo-direct --create-namespace

say "kro mode: the KRO controller reconciles the instance"
typekro deploy examples/webapp.ts -f examples/webapp.spec.yaml --mode kro -n demo-kro --create-namespace

say "status of both instances"
typekro status examples/webapp.ts --mode direct -n demo-direct
typekro status examples/webapp.ts --mode kro -n demo-kro

say "deleting both instances"
typekro delete examples/webapp.ts --mode direct -n demo-direct
typekro delete examples/webapp.ts --mode kro -n demo-kro

say "demo complete"
