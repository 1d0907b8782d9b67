#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into a new database and a new
# files directory, leaving the current ones untouched:
#   scripts/restore.sh BACKUP_DIR NEW_DATABASE NEW_MEDIA_ROOT
# The new database is created on the server DATABASE_URL names, as its user.
# Then point DATABASE_URL and MEDIA_ROOT at the new ones and restart.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to a database on the server to restore to}"
backup="${1:?usage: scripts/restore.sh BACKUP_DIR NEW_DATABASE NEW_MEDIA_ROOT}"
database="${2:?usage: scripts/restore.sh BACKUP_DIR NEW_DATABASE NEW_MEDIA_ROOT}"
media="${3:?usage: scripts/restore.sh BACKUP_DIR NEW_DATABASE NEW_MEDIA_ROOT}"
[[ -f "$backup/db.dump" && -f "$backup/media.tar.gz" ]] || { echo "$backup holds no backup" >&2; exit 1; }
[[ ! -e "$media" || -z "$(ls -A "$media")" ]] || { echo "$media is not empty" >&2; exit 1; }
# postgres://user@host:port/name?options -> the same address with the new name.
address="${DATABASE_URL%%\?*}"
options="${DATABASE_URL#"$address"}"
createdb --maintenance-db="$DATABASE_URL" "$database"
pg_restore --no-owner --exit-on-error --dbname="${address%/*}/$database$options" "$backup/db.dump"
mkdir -p "$media"
tar --extract --gzip --file="$backup/media.tar.gz" --directory="$media"
