# Sourced by scripts/test: what the browser tests need, installed only when missing.
# Debian's chromium (never a downloaded browser) and the npm packages pinned in package-lock.json.

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "installing Debian's chromium and chromium-driver (once)"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
}

# `npm ci` when node_modules is missing or was installed from another package-lock.json;
# a stamp inside node_modules holds the SHA-256 of the lock file it was installed from.
ensure_node_modules() {
  local want stamp=node_modules/.gradscope-lock.sha256
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ -d node_modules/playwright-core ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  echo "npm ci (node_modules missing or stale)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
}
