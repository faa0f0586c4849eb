#!/usr/bin/env bash
# Smoke test of `mlwarden gpu` live mode on a real GPU host (used by the lead's device runs).
# Runs a short torch GPU job (if torch exists) so the process checks see a real process, then:
# the shell collector, `mlwarden gpu --collect`, a live audit (json + jsonl), an audit of the
# captured directory, and one Prometheus scrape. Everything lands in $OUT. Read-only on the host.
set -u
OUT=${OUT:-/tmp/mlwarden-gpu-smoke}
mkdir -p "$OUT"
NODE=${NODE:-node}
if ! command -v "$NODE" >/dev/null 2>&1 && [ -f .bench/node.xz ]; then xz -dc .bench/node.xz >/tmp/node && chmod +x /tmp/node && NODE=/tmp/node; fi
{ nvidia-smi -L; "$NODE" --version; uname -a; } >"$OUT/host.txt" 2>&1
if python3 -c 'import torch' 2>/dev/null; then
  python3 -c "import torch,time; x=torch.empty(1024**3,dtype=torch.uint8,device='cuda'); torch.cuda.synchronize(); time.sleep(45)" &
  JOB=$!; sleep 8
fi
bash scripts/collect-gpu-evidence.sh "$OUT/ev-sh" 2>"$OUT/collect-sh.log"
ms() { date +%s%3N; }
t0=$(ms); "$NODE" dist/src/cli/main.js gpu --collect "$OUT/ev-node" 2>"$OUT/collect-node.log"; t1=$(ms)
"$NODE" dist/src/cli/main.js gpu --format json --fail-on none >"$OUT/live.json" 2>"$OUT/live.err"; t2=$(ms)
"$NODE" dist/src/cli/main.js gpu --format jsonl --fail-on none >"$OUT/live.jsonl" 2>/dev/null
"$NODE" dist/src/cli/main.js gpu --from "$OUT/ev-node" --fail-on none >"$OUT/from-node.txt" 2>&1
"$NODE" dist/src/cli/main.js gpu --from "$OUT/ev-sh" --fail-on none >"$OUT/from-sh.txt" 2>&1
"$NODE" dist/src/cli/main.js gpu --metrics 127.0.0.1:19477 2>"$OUT/metrics.err" & MP=$!
sleep 2; t3=$(ms)
"$NODE" -e "fetch('http://127.0.0.1:19477/metrics').then(r=>r.text()).then(t=>process.stdout.write(t))" >"$OUT/metrics.txt" 2>&1; t4=$(ms)
kill "$MP" 2>/dev/null
echo "collect_ms=$((t1-t0)) live_audit_ms=$((t2-t1)) first_scrape_ms=$((t4-t3))" >"$OUT/timing.txt"
[ -n "${JOB:-}" ] && kill "$JOB" 2>/dev/null
cat "$OUT/timing.txt"; cat "$OUT/from-node.txt" | head -60
