#!/usr/bin/env bash
# Capture a GPU host's evidence in the layout `mlwarden gpu --from DIR` audits, for hosts where
# Node.js is not installed (`mlwarden gpu --collect DIR` writes the same layout). Read-only:
# it runs nvidia-smi / nvidia-ctk queries and copies files; it changes nothing on the host.
set -u
out=${1:?usage: collect-gpu-evidence.sh OUT_DIR}
mkdir -p "$out"
capture() { # capture FILE CMD... : keep the file only if the command succeeded
  local f=$1; shift
  if command -v "$1" >/dev/null 2>&1 && "$@" >"$out/$f" 2>/dev/null; then :; else rm -f "$out/$f"; fi
}
capture nvidia-smi-q.xml nvidia-smi -q -x
capture nvidia-smi-compute-apps.csv nvidia-smi --query-compute-apps=pid,process_name,used_gpu_memory,gpu_uuid --format=csv
capture nvidia-ctk-version.txt nvidia-ctk --version
capture nvidia-container-cli-version.txt nvidia-container-cli --version
[ -r /proc/driver/nvidia/version ] && cp /proc/driver/nvidia/version "$out/driver-version.txt"
if [ -r /etc/nvidia-container-runtime/config.toml ]; then
  mkdir -p "$out/nvidia-container-runtime"
  cp /etc/nvidia-container-runtime/config.toml "$out/nvidia-container-runtime/config.toml"
fi
for d in /etc/cdi /var/run/cdi; do
  for f in "$d"/*.yaml "$d"/*.yml "$d"/*.json; do
    [ -f "$f" ] || continue
    mkdir -p "$out/cdi"; cp "$f" "$out/cdi/"
  done
done
if ls /dev/nvidia* >/dev/null 2>&1; then ls -l /dev/nvidia* >"$out/dev-nvidia.txt" 2>/dev/null; fi
if command -v nvidia-smi >/dev/null 2>&1; then
  for pid in $(nvidia-smi --query-compute-apps=pid --format=csv,noheader 2>/dev/null | tr -d ' '); do
    case $pid in (*[!0-9]*|'') continue;; esac
    [ -d "/proc/$pid" ] || continue
    p="$out/proc/$pid"; mkdir -p "$p"
    tr '\0' ' ' <"/proc/$pid/cmdline" >"$p/cmdline" 2>/dev/null
    readlink "/proc/$pid/exe" >"$p/exe" 2>/dev/null
    cp "/proc/$pid/cgroup" "$p/cgroup" 2>/dev/null
    cp "/proc/$pid/status" "$p/status" 2>/dev/null
  done
fi
echo "evidence written to $out:" >&2
find "$out" -type f | sort >&2
