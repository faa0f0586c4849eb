#!/usr/bin/env bash
# Capture a GPU host's evidence in the layout `mlwarden gpu --from DIR` audits, for hosts where
# Node.js is not installed (`mlwarden gpu --collect DIR` writes the same layout). Read-only:
# it runs nvidia-smi / nvidia-ctk queries and copies files; it changes nothing on the host.
# Network peers of each GPU process: the socket inodes of at most MAX_FDS descriptors
# (proc/<pid>/fd-sockets.txt) and the socket tables of its network namespace (proc/<pid>/net/*,
# at most MAX_NET_BYTES each, copied verbatim). Needs GNU find (-printf) and head.
set -u
MAX_FDS=4096
MAX_NET_BYTES=$((4 * 1024 * 1024))
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
    # fd/ of another user's process is readable only with CAP_SYS_PTRACE: leave the file out then
    # ("not checked"), never write an empty list. find streams the directory; head bounds it.
    if [ -r "/proc/$pid/fd" ] && [ -x "/proc/$pid/fd" ]; then
      find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 -printf '%l\n' 2>/dev/null | head -n $((MAX_FDS + 1)) | {
        n=0
        while IFS= read -r l; do
          n=$((n + 1))
          if [ "$n" -gt "$MAX_FDS" ]; then echo "# truncated: more than $MAX_FDS descriptors, only the first $MAX_FDS were read"; break; fi
          case $l in ('socket:['*']') l=${l#'socket:['}; echo "${l%']'}";; esac
        done
      } >"$p/fd-sockets.txt"
    fi
    for t in tcp tcp6 udp udp6; do
      [ -r "/proc/$pid/net/$t" ] || continue
      mkdir -p "$p/net"
      # One byte over the cap so that `--from` sees the table was cut.
      head -c $((MAX_NET_BYTES + 1)) "/proc/$pid/net/$t" >"$p/net/$t" 2>/dev/null || rm -f "$p/net/$t"
    done
  done
fi
echo "evidence written to $out:" >&2
find "$out" -type f | sort >&2
