#!/usr/bin/env bash
# Builds the seed example end to end on this machine, no cluster needed: installs the Debian
# packages, builds Strata, starts a throw-away registry on 127.0.0.1, builds the busybox base
# image from the host's static busybox and pushes it as library/busybox, builds busybox-while
# FROM it (Docker Hub names served by that registry as a mirror), pushes it, and runs its
# entrypoint for three seconds under proot. Everything it starts is stopped at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${STRATA_SHARED:-$(cd "$here/.." && pwd)/shared}
"$here/scripts/install-deps.sh"
[ -f "$here/builder/target/lib/commons-compress-"*.jar ] 2>/dev/null ||
  (cd "$here" && mvn -B -q package -DskipTests)

work=$(mktemp -d /tmp/strata-try-XXXXXX)
chmod 755 "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
reg=127.0.0.1:$port
cat > "$work/registry.yml" <<YML
version: 0.1
storage: {filesystem: {rootdirectory: $work/registry}}
http: {addr: $reg}
log: {level: error}
YML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
trap 'kill $registry_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://$reg/v2/" >/dev/null && break; sleep 0.1; done

mkdir -p "$work/busybox-base" "$work/busybox-while"
cp /bin/busybox "$shared/seed-examples/busybox-base/Dockerfile" "$work/busybox-base/"
cp "$shared/seed-examples/busybox-while/"* "$work/busybox-while/"
chmod -R u+w "$work"

echo "== building busybox-base as $reg/library/busybox:latest" >&2
"$here/strata" build --context "$work/busybox-base" --insecure-registry "$reg" \
  --destination "$reg/library/busybox:latest" --cache-dir "$work/cache" >/dev/null
echo "== building busybox-while as $reg/demo/scbusybox:1.1" >&2
"$here/strata" build --context "$work/busybox-while" --insecure-registry "$reg" \
  --registry-mirror "$reg" --destination "$reg/demo/scbusybox:1.1" --cache-dir "$work/cache" \
  | tee "$work/result.json"

echo "== running its entrypoint for 3 seconds" >&2
skopeo copy -q --src-tls-verify=false "docker://$reg/demo/scbusybox:1.1" "oci:$work/oci:run"
umoci unpack --rootless --image "$work/oci:run" "$work/bundle" >/dev/null
timeout 3 proot -r "$work/bundle/rootfs" -w / /bin/sh /while.sh || true
echo "== done; files are in $work" >&2
