#!/usr/bin/env bash
# Makes sure what the tests and the main job need answers on this machine: Postgres on 127.0.0.1:5432
# (trust auth for local TCP, role `postgres`), Redis on 127.0.0.1:6379, Debian's chromium (browser tests),
# docker-compose (validates docker-compose.yml without an engine) and tesseract-ocr with swe/ara/fas data.
# Starts what is installed but stopped, installs with apt-get what is missing. Idempotent and quick when everything already answers.
# Used by the README's commands (`npm start`, `npm test`) and by .ci/run.
set -euo pipefail

log() { printf '[ensure-services] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    log "apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

wait_for() { # name, command…
  local name=$1; shift
  for _ in $(seq 1 60); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  log "$name did not answer within 30 s"; return 1
}

pg_answers() { pg_isready -q -h 127.0.0.1 -p 5432 && psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; }

ensure_postgres() {
  if command -v pg_isready >/dev/null && pg_answers; then return 0; fi
  if ! command -v pg_ctlcluster >/dev/null; then apt_install postgresql postgresql-client; fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    log "starting postgres $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    wait_for postgres pg_isready -q -h 127.0.0.1 -p 5432
  fi
  if ! pg_answers; then
    # Debian's fresh cluster uses peer/scram auth: switch local TCP to trust, as the tests expect.
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    log "allowing trust auth on 127.0.0.1 and ::1 in $hba"
    as_root sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    wait_for "postgres (trust auth)" pg_answers
  fi
}

ensure_redis() {
  if command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then return 0; fi
  if ! command -v redis-server >/dev/null; then apt_install redis-server; fi
  log "starting redis"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for redis sh -c 'redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG'
}

ensure_tools() {
  local missing=()
  [ "${SKIP_BROWSER:-0}" = 1 ] || [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  # OCR of screenshots the campaign spreads: Swedish, Arabic and Persian trained data.
  command -v tesseract >/dev/null || missing+=(tesseract-ocr)
  for lang in swe ara fas; do
    [ -f "/usr/share/tesseract-ocr/5/tessdata/$lang.traineddata" ] || missing+=("tesseract-ocr-$lang")
  done
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
}

ensure_postgres
ensure_redis
if [ "${1:-}" != "--services-only" ]; then ensure_tools; fi
log "postgres and redis answer on 127.0.0.1"
