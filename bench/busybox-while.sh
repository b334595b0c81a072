#!/usr/bin/env bash
# Times building the busybox-while seed example cold (empty cache) and warm (same cache) with
# Strata and with buildah (bud --isolation chroot), in the same run, against one local
# registry on 127.0.0.1, and prints wall time and peak RSS of each as a Markdown table with
# Strata/buildah ratios. Usage: bench/busybox-while.sh [RUNS]   (default 5; median reported)
set -euo pipefail
runs=${1:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${STRATA_SHARED:-$(cd "$here/.." && pwd)/shared}
work=$(mktemp -d /tmp/strata-bench-XXXXXX)
chmod 777 "$work"
trap 'kill $registry_pid 2>/dev/null || true; rm -rf "$work"' EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
reg=127.0.0.1:$port
mkdir -p "$work/registry"
cat > "$work/registry.yml" <<YML
version: 0.1
storage: {filesystem: {rootdirectory: $work/registry}, delete: {enabled: true}}
http: {addr: $reg}
log: {level: error}
YML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do curl -sf "http://$reg/v2/" >/dev/null && break; sleep 0.1; done

as_user=()
[ "$(id -u)" -ne 0 ] || as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp)
measure() { # name, command...: appends "name seconds kilobytes" to results
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || {
    cat "$work/err" >&2; exit 1; }
  echo "$name $(cat "$work/time")" >> "$work/results"
}

# The base image both builders start from, built once by Strata.
mkdir -p "$work/base"; cp /bin/busybox "$work/base/"; cp "$shared/seed-examples/busybox-base/Dockerfile" "$work/base/"
chmod -R a+rwX "$work/base"
"${as_user[@]}" "$here/strata" build --context "$work/base" --destination "$reg/library/busybox:latest" \
  --insecure-registry "$reg" --cache-dir "$work/base-cache" >/dev/null 2>&1
mkdir -p "$work/ctx"; cp -r "$shared/seed-examples/busybox-while/." "$work/ctx/"; chmod -R u+w,a+rX "$work/ctx"
sed "s#^FROM busybox#FROM $reg/library/busybox:latest#" "$work/ctx/Dockerfile" > "$work/Dockerfile.buildah"

: > "$work/results"
for i in $(seq "$runs"); do
  cache="$work/cache-$i"; mkdir -p "$cache"; chmod 777 "$cache"
  strata=("${as_user[@]}" "$here/strata" build --context "$work/ctx" --destination "$reg/bench/strata:$i"
    --insecure-registry "$reg" --registry-mirror "$reg" --cache-dir "$cache")
  measure strata-cold "${strata[@]}"
  measure strata-warm "${strata[@]}"

  store="$work/buildah-$i"
  buildah=(buildah --root "$store/root" --runroot "$store/run" --storage-driver vfs)
  bud="${buildah[*]} bud --isolation chroot --layers --tls-verify=false \
    -f $work/Dockerfile.buildah -t bench/buildah:$i $work/ctx && \
    ${buildah[*]} push --tls-verify=false bench/buildah:$i docker://$reg/bench/buildah:$i"
  measure buildah-cold bash -c "$bud"
  measure buildah-warm bash -c "$bud"
  rm -rf "$store" "$cache"
done

python3 - "$work/results" "$runs" <<'PY'
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    name, secs, kb = line.split()
    rows.setdefault(name, []).append((float(secs), int(kb)))
med = {n: (statistics.median(s for s, _ in v), statistics.median(k for _, k in v)) for n, v in rows.items()}
print(f"| build | Strata wall s | buildah wall s | wall ratio (Strata/buildah) | Strata peak RSS MiB | buildah peak RSS MiB | RSS ratio |")
print("|---|---|---|---|---|---|---|")
for kind in ("cold", "warm"):
    s, b = med[f"strata-{kind}"], med[f"buildah-{kind}"]
    print(f"| {kind} | {s[0]:.2f} | {b[0]:.2f} | {s[0]/b[0]:.2f} | {s[1]/1024:.0f} | {b[1]/1024:.0f} | {s[1]/b[1]:.2f} |")
print(f"\nmedian of {sys.argv[2]} runs")
PY
