#!/usr/bin/env bash
# The test command (README and CI call it): installs and starts what the tests need, runs every test
# project of SlaTimers.sln in Release, and ends with one line "N passed, N failed, N skipped".
# Exits non-zero when a test failed, the build failed, or no test ran.
#
# Services start when a test project needs them: when a .cs/.csproj/.json file under tests/ names their
# variable (SLATIMERS_TEST_POSTGRES, SLATIMERS_TEST_CHROMIUM), or when SLATIMERS_TEST_SERVICES lists
# them ("postgres chromium"). A variable that is already set is used as it is and nothing is started.
#   SLATIMERS_TEST_POSTGRES  Npgsql connection string of a private throw-away cluster on 127.0.0.1
#   SLATIMERS_TEST_CHROMIUM  path of Debian's chromium
# Other settings: SLATIMERS_ARTIFACTS (a private --artifacts-path for the build). Extra arguments go
# to dotnet test, e.g. tests/run.sh --filter "FullyQualifiedName~Calendars".
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

cleanups=()
cleanup() {
  local i
  for ((i = ${#cleanups[@]} - 1; i >= 0; i--)); do eval "${cleanups[i]}" || true; done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { printf 'run.sh: %s\n' "$*" >&2; }

is_root() { [ "$(id -u)" -eq 0 ]; }

apt_updated=false
apt_install() {
  if ! is_root; then
    log "missing $*: install it (apt-get install $*) or run as root"
    exit 1
  fi
  if [ "$apt_updated" = false ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=true
  fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# True when SLATIMERS_TEST_SERVICES lists $1, or a test project (not the benchmarks) names variable $2.
wanted() {
  case " ${SLATIMERS_TEST_SERVICES:-} " in *[\ ,]"$1"[\ ,]*) return 0 ;; esac
  grep -rqs --include='*.cs' --include='*.csproj' --include='*.json' \
    --exclude-dir=bin --exclude-dir=obj --exclude-dir=SlaTimers.Benchmarks -e "$2" tests
}

# The newest PostgreSQL server binaries: Debian keeps them in /usr/lib/postgresql/<major>/bin.
postgres_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  if command -v pg_ctl >/dev/null; then dirname "$(readlink -f "$(command -v pg_ctl)")"; fi
}

free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# A private cluster in a temporary folder on a free port of 127.0.0.1, deleted on exit. initdb refuses
# to run as root, so root runs the server as the postgres user.
# max_connections 400: the end-to-end tests run several worker processes at once, each with its pools
# (ours, Hangfire's, a lock's connection); the default 100 runs out.
start_postgres() {
  local bin dir port attempt
  bin=$(postgres_bin)
  if [ -z "$bin" ]; then
    apt_install postgresql
    bin=$(postgres_bin)
  fi
  [ -n "$bin" ] || { log "PostgreSQL installed, but no pg_ctl found"; exit 1; }

  dir=$(mktemp -d "${TMPDIR:-/tmp}/slatimers-pg.XXXXXX")
  cleanups+=("rm -rf '$dir'")
  local as=()
  if is_root; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres: "$dir"
    as=(runuser -u postgres --)
  fi
  # From inside the folder: the postgres user may not be allowed to read the current directory.
  (cd "$dir" && "${as[@]}" "$bin/initdb" -D "$dir/data" -U slatimers -A trust -E UTF8 --no-locale >"$dir/initdb.log") \
    || { cat "$dir/initdb.log" >&2; exit 1; }

  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if (cd "$dir" && "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -s start \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400"); then
      cleanups+=("(cd '$dir' && ${as[*]} '$bin/pg_ctl' -D '$dir/data' -m immediate -s stop)")
      "$bin/createdb" -h 127.0.0.1 -p "$port" -U slatimers slatimers_test
      export SLATIMERS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=slatimers;Database=slatimers_test"
      log "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port (cluster in $dir): SLATIMERS_TEST_POSTGRES=$SLATIMERS_TEST_POSTGRES"
      return
    fi
    log "PostgreSQL did not start on port $port (attempt $attempt)"
  done
  cat "$dir/server.log" >&2
  exit 1
}

ensure_chromium() {
  command -v chromium >/dev/null || apt_install chromium
  export SLATIMERS_TEST_CHROMIUM
  SLATIMERS_TEST_CHROMIUM=$(command -v chromium)
  log "Chromium: SLATIMERS_TEST_CHROMIUM=$SLATIMERS_TEST_CHROMIUM"
}

if [ -z "${SLATIMERS_TEST_POSTGRES:-}" ] && wanted postgres SLATIMERS_TEST_POSTGRES; then start_postgres; fi
if [ -z "${SLATIMERS_TEST_CHROMIUM:-}" ] && wanted chromium SLATIMERS_TEST_CHROMIUM; then ensure_chromium; fi

# Build the whole solution once (dotnet test alone would skip the benchmarks, which are no test
# project), then test every project with IsTestProject=true.
build=(-c Release)
if [ -n "${SLATIMERS_ARTIFACTS:-}" ]; then build+=(--artifacts-path "$SLATIMERS_ARTIFACTS"); fi
results=$(mktemp -d "${TMPDIR:-/tmp}/slatimers-tests.XXXXXX")
cleanups+=("rm -rf '$results'")
status=0 built=true
if dotnet build SlaTimers.sln "${build[@]}" -v:q -nologo; then
  dotnet test SlaTimers.sln "${build[@]}" --no-build --results-directory "$results" --logger trx \
    --blame-hang-timeout 5min --blame-hang-dump-type none "$@" || status=$?
else
  status=$? built=false
fi

# Sum the counters of every TRX file (one per test project).
passed=0 failed=0 skipped=0
count() { local n; n=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2"); echo "${n:-0}"; }
shopt -s nullglob globstar
trx_files=("$results"/**/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" || true)
  [ -n "$counters" ] || continue
  passed=$((passed + $(count passed "$counters")))
  for outcome in failed error timeout aborted; do
    failed=$((failed + $(count "$outcome" "$counters")))
  done
  skipped=$((skipped + $(count notExecuted "$counters")))
done

# One TRX per test project (a project referencing Microsoft.NET.Test.Sdk, unless IsTestProject=false).
projects=0
while read -r project; do
  project=${project//\\//}
  if grep -q 'Microsoft.NET.Test.Sdk' "$project" && ! grep -q '<IsTestProject>false' "$project"; then projects=$((projects + 1)); fi
done < <(dotnet sln SlaTimers.sln list | grep '\.csproj$')
if [ "$built" = true ] && [ "${#trx_files[@]}" -lt "$projects" ]; then
  log "only ${#trx_files[@]} test result files for $projects test projects: a project did not run"
  status=1
fi

echo
if [ "$built" = false ]; then
  log "the build failed (see above): no test ran"
elif [ $((passed + failed)) -eq 0 ]; then
  log "no test ran"
elif [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  log "dotnet test failed (exit $status) without a failed test: see above"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ $((passed + failed)) -gt 0 ]
