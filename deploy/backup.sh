#!/usr/bin/env bash
# Back up the portal's PostgreSQL database with pg_dump, in pg_dump's compressed custom format.
#
#   DATABASE_URL=postgresql://user@host:5432/record_book deploy/backup.sh [backup-file]
#
# Without a file name it writes backups/record-book-<UTC date and time>.dump. The file holds
# every family's book: it is made readable by its owner only. Restore with deploy/restore.sh.
set -euo pipefail

if [[ -z "${DATABASE_URL:-}" ]]; then
  echo "Set DATABASE_URL to the portal's postgresql:// address." >&2
  exit 2
fi
# pg_dump knows postgresql://, not SQLAlchemy's postgresql+psycopg://.
url="${DATABASE_URL/postgresql+psycopg:/postgresql:}"
if [[ "$url" != postgresql://* && "$url" != postgres://* ]]; then
  echo "deploy/backup.sh backs up PostgreSQL only; DATABASE_URL is not a postgresql:// address." >&2
  exit 2
fi

file="${1:-backups/record-book-$(date -u +%Y%m%dT%H%M%SZ).dump}"
mkdir -p "$(dirname "$file")"
umask 077
# Write beside the final name first, so a failed dump never looks like a good backup.
pg_dump --format=custom --no-owner --no-privileges --file="$file.partial" --dbname="$url"
mv "$file.partial" "$file"
echo "$file"
