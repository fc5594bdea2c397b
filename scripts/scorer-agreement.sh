#!/usr/bin/env bash
# Measures how well the offline scorer agrees with expert grades (../shared/tools/scorer-agreement).
# Builds release once, then: prepare -> `hotseat score --batch` -> report, on all answers and on a
# held-out half of the question ids (every other id in sorted order). Data stays in ../shared; scratch
# files go to a temp dir.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SHARED_DIR:-$here/../shared}"
tool="$shared/tools/scorer-agreement"
gold="${1:-$shared/data/saf-training/saf-training.jsonl}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="$here/target/release/hotseat"

python3 "$tool" prepare "$gold" > "$tmp/batch.jsonl"
start=$(date +%s.%N)
"$bin" score --batch "$tmp/batch.jsonl" --out "$tmp/scored.jsonl"
end=$(date +%s.%N)
rows=$(wc -l < "$tmp/batch.jsonl")
echo "batch: $rows answers in $(python3 -c "print(f'{$end-$start:.2f}')") s (incl. process start)"

echo "== all answers"
python3 "$tool" report "$gold" "$tmp/scored.jsonl"

python3 - "$gold" "$tmp/heldout.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ids = sorted({r["question_id"] for r in rows})
held = set(ids[1::2])
with open(sys.argv[2], "w") as f:
    for r in rows:
        if r["question_id"] in held:
            f.write(json.dumps(r) + "\n")
PY
echo "== held-out half of the question ids"
python3 "$tool" report "$tmp/heldout.jsonl" "$tmp/scored.jsonl"
