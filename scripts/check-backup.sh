#!/usr/bin/env bash
# Prove that today's backup restores: back up DATABASE_URL and MEDIA_ROOT with
# scripts/backup.sh, restore them with scripts/restore.sh into a scratch
# database and directory, compare every table's row count and every file's
# checksum, then drop the scratch copies. Exits non-zero on any difference,
# so run it when nobody writes (a change after the dump is a difference too).
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database}"
: "${MEDIA_ROOT:?set MEDIA_ROOT to the uploaded files directory}"
address="${DATABASE_URL%%\?*}"
options="${DATABASE_URL#"$address"}"
scratch="${address##*/}_restore_check"
work="$(mktemp -d)"
cleanup() {
    dropdb --if-exists --maintenance-db="$DATABASE_URL" "$scratch"
    rm -rf "$work"
}
trap cleanup EXIT

backup="$("$here/backup.sh" "$work")"
"$here/restore.sh" "$backup" "$scratch" "$work/media"

# Exact row counts of every table, one "table count" line each.
counts() {
    psql "$1" --no-psqlrc --tuples-only --no-align --field-separator=' ' --command="
        SELECT table_name,
               (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I',
                                                           table_schema, table_name), false, true, '')))[1]
        FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
        ORDER BY table_name"
}
checksums() {
    (cd "$1" && find . -type f -print0 | sort -z | xargs -0 --no-run-if-empty sha256sum)
}
counts "$DATABASE_URL" > "$work/counts.before"
counts "${address%/*}/$scratch$options" > "$work/counts.after"
checksums "$MEDIA_ROOT" > "$work/files.before"
checksums "$work/media" > "$work/files.after"
diff "$work/counts.before" "$work/counts.after" || { echo "row counts differ after the restore" >&2; exit 1; }
diff "$work/files.before" "$work/files.after" || { echo "files differ after the restore" >&2; exit 1; }
cat "$work/counts.after"
echo "$(wc -l < "$work/counts.after") tables and $(wc -l < "$work/files.after") files restored as they were."
