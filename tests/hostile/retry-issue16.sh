#!/bin/bash
# Issue 16, tried again by hand: each numbered defect against a casebook-cli, as the report
# described it. Prints one line per check ("ok" or "FAIL" with what happened) and exits 1 if any
# failed. The CLI tests (tests/cli/test_hostile_*.cpp) keep these in CI; this script is for trying a
# build (or an installed casebook-cli) by hand.
#   tests/hostile/retry-issue16.sh [path/to/casebook-cli]
set -u
CLI=${1:-build/app/casebook-cli}
[ -x "$CLI" ] || { echo "no casebook-cli at $CLI: build it, or give its path" >&2; exit 2; }
CLI=$(readlink -f "$CLI")
W=$(mktemp -d)
trap 'chmod -R u+w "$W" 2>/dev/null; rm -rf "$W"' EXIT
cd "$W"
failed=0
ok() { echo "ok    $1"; }
bad() { echo "FAIL  $1: $2"; failed=1; }
# check NAME EXPECTED_CODE REGEX -- command...: the exit code and a message matching REGEX (stdout+stderr)
check() {
    local name=$1 code=$2 re=$3
    shift 4
    local out rc
    out=$("$@" 2>&1)
    rc=$?
    if [ "$code" = nz ] && [ "$rc" != 0 ] && [ "$rc" -lt 128 ]; then :; elif [ "$rc" != "$code" ]; then bad "$name" "exit $rc, expected $code: $(echo "$out" | head -c 300)"; return; fi
    if [ -n "$re" ] && ! echo "$out" | grep -Eq "$re"; then bad "$name" "message: $(echo "$out" | head -c 300)"; return; fi
    if echo "$out" | grep -q $'\e'; then bad "$name" "an escape character was echoed raw"; return; fi
    ok "$name"
}
dump() { sqlite3 "$1" .dump 2>/dev/null | grep -v -i fts | md5sum; }
db() { "$CLI" --db "$W/c.db" "$@"; }

"$CLI" --db c.db seed --contractors 12 --seed 16 >/dev/null || { echo "seed failed" >&2; exit 2; }
"$CLI" --db c.db export json register.json >/dev/null
"$CLI" --db c.db export csv contractors contractors.csv >/dev/null
before=$(dump c.db)
same() { if [ "$(dump c.db)" == "$before" ]; then ok "$1: database unchanged"; else bad "$1" "the database changed"; fi; }

echo "== 1. export onto the open database, its -wal/-shm, a backup being written"
for kind in "json" "csv contractors" "xlsx"; do
    for target in c.db c.db-wal c.db-shm; do
        # shellcheck disable=SC2086
        [ "$target" = c.db ] || : > "$W/$target" # -wal/-shm exist while the database is open
        check "1. export $kind onto $target" nz "Choose" -- db export $kind "$W/$target"
    done
done
check "1. backup onto the open database" nz "Choose" -- db backup "$W/c.db"
same 1

echo "== 2. confidential text in reports and lists"
sqlite3 c.db "UPDATE lpn_declaration SET declared_on = '2001-01-01', reviewed_on = NULL, description = 'SECRET-DECLARATION-' || id; UPDATE concern SET summary = 'SECRET-CONCERN-' || id WHERE confidential = 1"
before=$(dump c.db)
for fmt in text csv json; do
    cmds=("report worklist --format $fmt" "report concerns --format $fmt")
    while read -r n; do cmds+=("report roster-review --network '$n' --format $fmt"); done < <(sqlite3 c.db "SELECT name FROM lpn_network")
    [ "$fmt" = csv ] || cmds+=("list contractors --format $fmt")
    for cmd in "${cmds[@]}"; do
        out=$(eval "db $cmd" 2>&1)
        if echo "$out" | grep -q "SECRET-"; then bad "2. $cmd" "shows confidential text"; else ok "2. $cmd shows no confidential text"; fi
    done
done
for e in "export json $W/e.json" "export csv declarations $W/d.csv" "export csv concerns $W/cc.csv"; do
    # shellcheck disable=SC2086
    db $e >/dev/null 2>&1
    if grep -q "SECRET-" "${e##* }"; then bad "2. $e" "wrote confidential text"; else ok "2. $e writes no confidential text"; fi
done

echo "== 3. non-regular files"
mkfifo pipe.csv
for kind in "ods" "payments" "json" "csv contractors"; do
    for f in /dev/zero "$W/pipe.csv" "$W"; do
        # shellcheck disable=SC2086
        check "3. import $kind $f" 1 "not an ordinary file|is a folder" -- timeout 20 "$CLI" --db "$W/c.db" import $kind "$f"
    done
done
same 3

echo "== 4. the JSON version check"
for v in '"2"' 10000000000 1.5 '' 2; do
    if [ -z "$v" ]; then body='{"format":"casebook-exchange","tables":{}}'; else body="{\"format\":\"casebook-exchange\",\"version\":$v,\"tables\":{}}"; fi
    echo "$body" > v.json
    check "4. version ${v:-missing}" 1 "version|newer Casebook" -- db import json "$W/v.json"
done
same 4

echo "== 5. values changed or dropped without a word"
python3 - "$W" <<'EOF'
import json, sys, copy
w = sys.argv[1]
doc = json.load(open(w + "/register.json"))
c = doc["tables"]["contractor"][0]
k = doc["tables"]["contract"][0]
big = copy.deepcopy(doc); big["tables"] = {"contract": [dict(k, list_size=1e300)]}
json.dump(big, open(w + "/big.json", "w"))
dup = copy.deepcopy(doc); dup["tables"] = {"contractor": [c, dict(c, name="SECOND COPY")]}
json.dump(dup, open(w + "/dup.json", "w"))
EOF
check "5. list_size 1e300" 1 "list_size must be a whole number" -- db import json "$W/big.json"
check "5. duplicate ids in one JSON file" 0 "appears twice" -- db import json "$W/dup.json"
# A practice with no GP contract yet, so the payments file would create one.
printf '"A81009","NINTH PRACTICE","","","","","","","","TS18 1HU","19740401","","A","B","00K","","","","","","","","","","","4",""\r\n' > ninth.csv
db import ods "$W/ninth.csv" >/dev/null 2>&1
before=$(dump c.db)
hdr='"Practice Code","Practice Name","Contract Type","Number of Registered Patients (Last Known Figure)","Practice Open Date","Practice Close Date"'
printf '%s\r\n"A81009","X","GMS","5000","31/02/2020",""\r\n' "$hdr" > p1.csv
check "5. payments open date 31/02/2020 (new contract)" 0 "Contract start date not in the payments file: unknown" -- db import payments "$W/p1.csv" --dry-run
printf '%s\r\n"A81009","X","GMS","5000","","99/99/9999"\r\n' "$hdr" > p2.csv
check "5. payments close date 99/99/9999 (no contract yet)" 0 "close date \"99/99/9999\" is not a date" -- db import payments "$W/p2.csv" --dry-run
# A practice that already has a contract: the file's dates are not used, but an impossible one should still be named.
code=$(sqlite3 c.db "SELECT c.ods_code FROM contractor c JOIN contract k ON k.contractor_id = c.id WHERE k.route IN ('gms','pms','apms') LIMIT 1")
printf '%s\r\n"%s","X","GMS","5000","31/02/2020","99/99/9999"\r\n' "$hdr" "$code" > p3.csv
check "5. payments impossible dates for a practice with a contract are named" 0 "31/02/2020|99/99/9999" -- db import payments "$W/p3.csv" --dry-run
same 5

echo "== 6. hostile text"
head -1 contractors.csv > evil.csv
python3 - "$W" <<'EOF'
import sys, uuid
w = sys.argv[1]
lines = open(w + "/contractors.csv", encoding="utf-8-sig").read().splitlines()
names = lines[0].split(","); row = lines[1].split(",")
out = [lines[0]]
for evil in ["A\x00B", "EVIL\x1b[31mRED", "BELL\x07", "RLO\u202eTXT", "X" * 1_000_001]:
    r = list(row); r[names.index("name")] = evil; out.append(",".join(r))
    open(w + "/evil-%d.csv" % len(out), "w", encoding="utf-8").write(lines[0] + "\r\n" + ",".join(r) + "\r\n")
EOF
for f in evil-2 evil-3 evil-4 evil-5 evil-6; do
    check "6. control characters / 1 MB field ($f)" 1 "control|escape|bell|characters long|binary|right-to-left|NUL" -- db import csv contractors "$W/$f.csv"
done
out=$(db list contractors 2>&1); if echo "$out" | grep -q $'\e'; then bad "6. list contractors" "raw ESC"; else ok "6. list contractors echoes no ESC"; fi
same 6

echo "== 7. a mistyped --db path, a zero-byte file"
check "7. --db nosuch/dir/typo.db export" 3 "no Casebook database|does not exist|not found" -- "$CLI" --db "$W/nosuch/dir/typo.db" export json "$W/out.json"
[ -e "$W/nosuch" ] && bad "7. mistyped path" "folders were created" || ok "7. no folders created"
: > zero.db
check "7. a zero-byte file" 3 "empty|not a Casebook database" -- "$CLI" --db "$W/zero.db" stats
[ -s zero.db ] && bad "7. zero-byte file" "it was initialised" || ok "7. zero-byte file left as it was"

echo "== 8. messages and exit codes"
printf 'id,contractor_id,code,name\r\n6b1f4f59-0000-4000-8000-000000000001,6b1f4f59-0000-4000-8000-00000000dead,A81001001,ORPHAN\r\n' > orphan.csv
check "8. a site whose practice is missing" 1 "is not in the register" -- db import csv sites "$W/orphan.csv"
python3 - "$W" <<'EOF'
import sys
w = sys.argv[1]
lines = open(w + "/contractors.csv", encoding="utf-8-sig").read().splitlines()
names = lines[0].split(","); keep = [i for i, n in enumerate(names) if n != "created_at"]
open(w + "/nocreated.csv", "w").write("\r\n".join(",".join(l.split(",")[i] for i in keep) for l in lines[:2]) + "\r\n")
EOF
out=$(db import csv contractors "$W/nocreated.csv" 2>&1); if echo "$out" | grep -q "constraint failed"; then bad "8. CSV without created_at" "$out"; else ok "8. CSV without created_at: no constraint message"; fi
echo '{"format":"casebook-exchange","version":1,"tables":{"contractor":{"a":1}}}' > notarray.json
check "8. a JSON table that is not a list" 1 "not a list|list of records" -- db import json "$W/notarray.json"
same 8

echo "== 10. read-only database"
chmod 755 "$W"; cp c.db ro.db; chmod 444 ro.db
for cmd in stats "list contractors" "report worklist" check; do
    # shellcheck disable=SC2086
    if [ "$(id -u)" = 0 ]; then
        check "10. $cmd on a read-only file (as nobody)" 0 "" -- setpriv --reuid=65534 --regid=65534 --clear-groups "$CLI" --db "$W/ro.db" $cmd
    else
        check "10. $cmd on a read-only file" 0 "" -- "$CLI" --db "$W/ro.db" $cmd
    fi
done

echo "== 11. backup killed: no litter, the old backup kept"
db backup "$W/b.db" >/dev/null
old=$(md5sum < b.db)
for i in $(seq 1 20); do
    "$CLI" --db "$W/c.db" backup "$W/b.db" >/dev/null 2>&1 &
    pid=$!
    sleep "0.0$((RANDOM % 9))"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
done
ls -a | grep -E "\.part|backup.*tmp" && bad "11. killed backups" "left .part files" || ok "11. 20 killed backups left no .part files"
if [ "$(md5sum < b.db)" == "$old" ] || "$CLI" --db "$W/b.db" check >/dev/null 2>&1; then ok "11. the backup is the old one or a whole new one"; else bad "11. backup" "damaged"; fi
[ "$(id -u)" = 0 ] && chmod 755 "$W"
exit $failed
