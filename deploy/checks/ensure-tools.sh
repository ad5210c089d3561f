#!/usr/bin/env bash
# Installs, idempotently, what the deploy checks (module deploy-checks) need, from the registries this
# project uses (Debian packages, npm):
#   docker-compose (Debian's 1.29: validates docker-compose.yml without a Docker engine)
#   promtool       (Debian's prometheus package: checks the Prometheus configs)
#   node + npm     (Debian's nodejs/npm when the machine has none)
#   the npm packages of package.json, pinned by package-lock.json, into NODE_DIR (among them Redocly CLI,
#   which lints the published OpenAPI documents; it needs node >= 20.19)
# kubectl (with its built-in Kustomize) cannot come from those registries: it must already be installed
# (it is on this project's machines). Exits non-zero, saying why, when anything is missing.
#   deploy/checks/ensure-tools.sh NODE_DIR
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NODE_DIR=${1:?usage: ensure-tools.sh NODE_DIR}

say() { printf '[deploy-checks] %s\n' "$*" >&2; }
fail() { printf '[deploy-checks] %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }

APT_UPDATED=
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  say "installing $* (apt)"
  if ! as_root apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 "$@" >&2; then
    [ -n "$APT_UPDATED" ] || { as_root apt-get update -q -o DPkg::Lock::Timeout=300 >&2 || true; APT_UPDATED=1; }
    as_root apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 "$@" >&2 \
      || fail "apt-get install $* failed"
  fi
}

command -v kubectl >/dev/null 2>&1 \
  || fail "kubectl is missing. It is not in Debian's archive, npm or Maven Central; install kubectl >= 1.27 (it carries Kustomize) and re-run."
kubectl kustomize --help >/dev/null 2>&1 || fail "this kubectl has no 'kustomize' command (need kubectl >= 1.14)"

command -v docker-compose >/dev/null 2>&1 || apt_install docker-compose
command -v docker-compose >/dev/null 2>&1 || fail "docker-compose still missing after installing it"

if ! command -v promtool >/dev/null 2>&1; then
  apt_install prometheus
  # Debian starts the packaged Prometheus on its standard port; the checks only need promtool.
  as_root service prometheus stop >/dev/null 2>&1 || true
fi
command -v promtool >/dev/null 2>&1 || fail "promtool still missing after installing prometheus"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || fail "node/npm still missing"

mkdir -p "$NODE_DIR"
cp "$HERE/package.json" "$HERE/package-lock.json" "$HERE"/*.mjs "$NODE_DIR/"
stamp="$NODE_DIR/node_modules/.installed-$(sha256sum "$HERE/package-lock.json" | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  say "installing npm packages into $NODE_DIR (npm ci)"
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error >&2) || fail "npm ci failed in $NODE_DIR"
  touch "$stamp"
fi
say "tools ready: $(kubectl version --client 2>/dev/null | head -n 1), $(docker-compose version --short 2>/dev/null), node $(node --version)"
