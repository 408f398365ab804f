#!/usr/bin/env bash
# The quick start, end to end: install, start the local control plane (built from Go modules on the first
# run, with progress), deploy the seed's webapp in direct mode and in kro mode, show the status, clean up.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
typekro() { node --import tsx src/cli/main.ts "$@"; }

if [ ! -d node_modules ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
fi

say "starting a local control plane (etcd, kube-apiserver, controller-manager, scheduler, kwok, KRO)"
kubeconfig=$(typekro cluster start --name demo | tail -n 1)
trap 'say "stopping the local control plane"; typekro cluster stop --name demo' EXIT
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
