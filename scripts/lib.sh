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
    "$root/scripts/db" start
    export AUDITLEDGER_CONNECTION="$("$root/scripts/db" url)"
    export AUDITLEDGER_OWNER_CONNECTION="$("$root/scripts/db" url owner)"
  fi
}

# The key bearer tokens are signed with: made once in .artifacts/ (readable by this user only) unless configured.
ensure_signing_key() {
  if [ -z "${AuditLedger__TokenSigningKey:-}" ] && [ -z "${AuditLedger__TokenSigningKeyFile:-}" ]; then
    local key="$root/.artifacts/token-signing.key"
    if [ ! -s "$key" ]; then
      mkdir -p "$root/.artifacts"
      (umask 077; head -c 32 /dev/urandom | base64 > "$key")
      echo "created a token signing key in $key (issue tokens with: scripts/auditledger issue-token --user ID --role staff)" >&2
    fi
    export AuditLedger__TokenSigningKeyFile="$key"
  fi
}

# The master key that wraps each person's data key (crypto-shredding): made once in .artifacts/ (this user only) unless
# configured. Keep it out of the database and its backups: a database copy without it decrypts nothing.
ensure_master_key() {
  if [ -z "${AuditLedger__MasterKey:-}" ] && [ -z "${AuditLedger__MasterKeyFile:-}" ]; then
    local key="$root/.artifacts/master.key"
    if [ ! -s "$key" ]; then
      mkdir -p "$root/.artifacts"
      (umask 077; head -c 32 /dev/urandom | base64 > "$key")
      echo "created the personal-data master key in $key (losing it makes all recorded personal data unreadable: back it up apart from the database)" >&2
    fi
    export AuditLedger__MasterKeyFile="$key"
  fi
}

# Builds the service/CLI once into .artifacts/ (incremental: fast when nothing changed).
build_host() {
  require_dotnet
  dotnet build "$root/src/AuditLedger.Host/AuditLedger.Host.csproj" -c Release -o "$root/.artifacts/host" -v quiet -nologo -clp:NoSummary >&2 \
    || { echo "The build failed; see the errors above." >&2; exit 1; }
}

# Debian's chromium, for the tests that render the printable pages in a real headless browser.
# Installed from the distribution's packages (needs root, as in CI); never downloaded from elsewhere.
# Without root and without chromium, says so: those tests then fail with the same message.
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return 0; fi
  if [ "$(id -u)" = "0" ]; then
    echo "Installing Debian's chromium for the printable-page tests ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends chromium >/dev/null; } \
      || echo "Could not install chromium; the printable-page tests will fail, the others run." >&2
  else
    echo "chromium is not installed (/usr/bin/chromium); the printable-page tests need it: sudo apt-get install chromium" >&2
  fi
}
