#!/usr/bin/env bash
# Back up the database and the uploaded files into one new directory under DIR:
#   scripts/backup.sh DIR     ->  DIR/thidua-YYYY-MM-DD-HHMMSS/{db.dump,media.tar.gz}
# Reads DATABASE_URL (PostgreSQL) and MEDIA_ROOT, as the app does; prints the
# directory it wrote. Safe while the app runs.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database}"
: "${MEDIA_ROOT:?set MEDIA_ROOT to the uploaded files directory}"
target="${1:?usage: scripts/backup.sh DIR}/thidua-$(date +%F-%H%M%S)"
mkdir -p "$target" "$MEDIA_ROOT"
# The database first, then the files: a file uploaded in between is only
# extra. A report replaced in between loses its old file, and that one
# report then answers "file not found" after a restore.
pg_dump --format=custom --file="$target/db.dump" "$DATABASE_URL"
tar --create --gzip --file="$target/media.tar.gz" --directory="$MEDIA_ROOT" .
echo "$target"
