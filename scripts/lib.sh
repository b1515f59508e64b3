# Shared by the scripts: the .NET SDK check, the build, and the database connection.
# Sourced, not run.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required (dotnet on PATH). It ships on this project's machines; install it and run again." >&2
    exit 1
  fi
}

# Uses AUDITLEDGER_CONNECTION when set (a server of your own); otherwise starts the project's own cluster.
ensure_database() {
  if [ -z "${AUDITLEDGER_CONNECTION:-}" ]; then
    AUDITLEDGER_DB_QUIET=1 "$root/scripts/db" start
    export AUDITLEDGER_CONNECTION="$("$root/scripts/db" url)"
    export AUDITLEDGER_OWNER_CONNECTION="$("$root/scripts/db" url owner)"
  fi
}

# The tests' database: AUDITLEDGER_TEST_CONNECTION when set; otherwise this checkout's own cluster, started if needed.
# A server this starts is stopped when the calling script exits (done, failed or interrupted), so a CI run leaves
# nothing running; a server that was already running (a developer's scripts/run) is left as it was.
ensure_test_database() {
  if [ -z "${AUDITLEDGER_TEST_CONNECTION:-}" ]; then
    if ! "$root/scripts/db" status 2>/dev/null; then
      started_test_database=1
      trap stop_test_database EXIT
    fi
    "$root/scripts/db" start
    export AUDITLEDGER_TEST_CONNECTION="$("$root/scripts/db" url test)"
  fi
}

# Stops the server ensure_test_database started, once (at the end of a run, or on exit if the run stops early).
stop_test_database() {
  if [ "${started_test_database:-0}" = 1 ]; then
    started_test_database=0
    "$root/scripts/db" stop
  fi
}

# A secret key kept outside the database: made once in .artifacts/FILE (readable by this user only) unless the
# setting (environment variable PREFIX or PREFIXFile) is configured; then PREFIXFile points at it.
ensure_key_file() {
  local prefix="$1" file="$2" message="$3"
  local value_var="$prefix" file_var="${prefix}File"
  if [ -z "${!value_var:-}" ] && [ -z "${!file_var:-}" ]; then
    local key="$root/.artifacts/$file"
    if [ ! -s "$key" ]; then
      mkdir -p "$root/.artifacts"
      (umask 077; head -c 32 /dev/urandom | base64 > "$key")
      echo "created $message in $key" >&2
    fi
    export "$file_var=$key"
  fi
}

# The key bearer tokens are signed with.
ensure_token_key() {
  ensure_key_file AuditLedger__TokenSigningKey token-signing.key \
    "a token signing key (issue tokens with: scripts/auditledger issue-token --user ID --role staff)"
}

# The master key that wraps each person's data key (crypto-shredding). Keep it out of the database and its backups:
# a database copy without it decrypts nothing; losing it makes all recorded personal data unreadable.
ensure_master_key() {
  ensure_key_file AuditLedger__MasterKey master.key \
    "the personal-data master key (back it up apart from the database: without it no recorded personal data can be read)"
}

# Builds the service/CLI into .artifacts/host, skipped when no source changed since the last build: the stamp is a hash
# of every source file's path, size and modification time (so an added, edited or deleted file rebuilds), which costs a
# few milliseconds where even an up-to-date dotnet build costs seconds.
build_host() {
  # The design tokens first: they are part of the sources the stamp covers (wwwroot), so copying them after would make the
  # next call rebuild.
  ensure_design_tokens
  local stamp="$root/.artifacts/host/.source-stamp" current
  current="$(cd "$root" && find src projections Directory.Build.props Directory.Packages.props \
    \( -name bin -o -name obj -o -name node_modules \) -prune -o -type f -printf '%p %s %T@\n' 2>/dev/null | LC_ALL=C sort | sha256sum | cut -c1-64)"
  if [ -f "$root/.artifacts/host/AuditLedger.dll" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$current" ]; then return 0; fi
  require_dotnet
  dotnet build "$root/src/AuditLedger.Host/AuditLedger.Host.csproj" -c Release -o "$root/.artifacts/host" -v quiet -nologo -clp:NoSummary >&2 \
    || { echo "The build failed; see the errors above." >&2; exit 1; }
  printf '%s\n' "$current" > "$stamp"
}

# The design tokens of the Japanese government's design system (npm package @digital-go-jp/design-tokens, pinned in
# src/AuditLedger.Host/package-lock.json), copied into the pages' static files. Before the host is built: the build copies
# wwwroot beside the service.
ensure_design_tokens() {
  local web="$root/src/AuditLedger.Host" target="$root/src/AuditLedger.Host/wwwroot/lib/design-tokens"
  if [ -f "$target/tokens.css" ] && [ "$target/tokens.css" -nt "$web/package-lock.json" ]; then return 0; fi
  command -v npm >/dev/null || { echo "npm is needed once to fetch the design tokens of the pages (apt-get install npm)." >&2; exit 1; }
  (cd "$web" && npm ci --no-audit --no-fund --silent >&2) || { echo "Could not fetch the design tokens (npm ci in $web)." >&2; exit 1; }
  mkdir -p "$target"
  cp "$web/node_modules/@digital-go-jp/design-tokens/dist/tokens.css" "$web/node_modules/@digital-go-jp/design-tokens/LICENSE" "$target/"
}

# Debian's chromium, for the tests that render the printable pages in a real headless browser.
# Installed from the distribution's packages (needs root, as in CI); never downloaded from elsewhere.
# Without root and without chromium, says so: those tests then fail with the same message.
ensure_chromium() {
  if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then return 0; fi
  if [ "$(id -u)" = "0" ]; then
    echo "Installing Debian's chromium for the printable-page tests ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null; } \
      || echo "Could not install chromium; the printable-page tests will fail, the others run." >&2
  else
    echo "chromium is not installed (/usr/bin/chromium); the printable-page tests need it: sudo apt-get install chromium" >&2
  fi
}

# The checkpoint signing key (ECDSA P-256) of the local ledger, in .trust/ (git-ignored), created on first use.
# A key of your own: set AuditLedger__Trust__SigningKeyFile to its PEM file. Auditors get the .pub.pem beside it.
# Needs the built host (build_host) to make the key.
ensure_checkpoint_key() {
  if [ -z "${AuditLedger__Trust__SigningKeyFile:-}" ]; then
    local key="$root/.trust/checkpoint-key.pem"
    if [ ! -f "$key" ]; then
      mkdir -p "$root/.trust" && chmod 700 "$root/.trust"
      dotnet "$root/.artifacts/host/AuditLedger.dll" keygen --out "$key" >&2
    fi
    export AuditLedger__Trust__SigningKeyFile="$key"
  fi
}
