#!/usr/bin/env bash
# Backs up the Ryktesradar database with pg_dump's custom format (compressed, restorable table by table with
# pg_restore) into a dated file, checks that pg_restore can read it back, and keeps the newest N dumps.
#
#   scripts/backup.sh [--keep N] [DIR]          DIR defaults to ./backups; DATABASE_URL as for the app
#
# Restore (see README, "Data protection" → Backups):
#   createdb -h HOST -U USER ryktesradar_restored
#   pg_restore --exit-on-error --no-owner -d postgres://USER@HOST:5432/ryktesradar_restored FILE.dump
#
# The dump holds personal data (post text, pseudonyms, snapshots): it is written mode 0600 and must be stored
# like the database. The author HMAC key (AUTHOR_HMAC_KEY or AUTHOR_HMAC_KEY_FILE) is NOT in the dump and is
# not copied here on purpose: back it up separately (a different place from the dumps). Without it, new posts
# get pseudonyms that do not match the old ones and `subject find` can no longer match a handle.
set -euo pipefail

keep=14
dir=./backups
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=${2:?--keep needs a number}; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "backup.sh: unknown option $1" >&2; exit 2 ;;
    *) dir=$1; shift ;;
  esac
done
case "$keep" in ''|*[!0-9]*) echo "backup.sh: --keep: expected a whole number" >&2; exit 2 ;; esac

url=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ryktesradar}
for tool in pg_dump pg_restore; do
  command -v "$tool" >/dev/null || { echo "backup.sh: $tool not found (Debian: apt-get install postgresql-client-15)" >&2; exit 1; }
done

umask 077
mkdir -p "$dir"
file="$dir/ryktesradar-$(date -u +%Y%m%dT%H%M%SZ).dump"
tmp="$file.partial"
trap 'rm -f "$tmp"' EXIT
# No owners or grants: the dump restores into any database the restoring role owns.
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$tmp" "$url"
# A dump pg_restore cannot list is no backup.
pg_restore --list "$tmp" >/dev/null
mv "$tmp" "$file"
trap - EXIT
echo "backup: $file ($(wc -c <"$file") bytes)"

if [ "$keep" -gt 0 ]; then
  # Oldest first by the timestamp in the name; remove all but the newest $keep.
  mapfile -t dumps < <(find "$dir" -maxdepth 1 -name 'ryktesradar-*.dump' -printf '%f\n' | sort)
  excess=$(( ${#dumps[@]} - keep ))
  for ((i = 0; i < excess; i++)); do rm -f -- "$dir/${dumps[$i]}"; echo "backup: removed old ${dumps[$i]}"; done
fi

key_file=${AUTHOR_HMAC_KEY_FILE:-$HOME/.local/share/ryktesradar/author-hmac.key}
if [ -z "${AUTHOR_HMAC_KEY:-}" ] && [ -f "$key_file" ]; then
  echo "backup: reminder: the author HMAC key $key_file is not in the dump; keep a separate copy of it." >&2
fi
