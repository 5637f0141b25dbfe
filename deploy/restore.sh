#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an EMPTY PostgreSQL database.
#
#   createdb -h host -U user record_book_restored
#   deploy/restore.sh backups/record-book-....dump postgresql://user@host:5432/record_book_restored
#
# It stops at the first error and restores in one transaction: a database is either restored
# whole or left as it was. It refuses a database that already has tables, so a restore can never
# mix two books' worth of data. Check the result with `flask --app wsgi verify-access-log`.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "Usage: deploy/restore.sh BACKUP_FILE TARGET_DATABASE_URL" >&2
  exit 2
fi
file="$1"
url="${2/postgresql+psycopg:/postgresql:}"
if [[ ! -r "$file" ]]; then
  echo "Cannot read the backup file $file." >&2
  exit 2
fi

tables="$(psql --no-psqlrc --quiet --tuples-only --no-align --dbname="$url" \
  --command="SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
if [[ "$tables" != "0" ]]; then
  echo "The target database already has $tables tables. Restore into a new, empty database." >&2
  exit 1
fi

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$url" "$file"
echo "Restored $file."
