#!/usr/bin/env bash
# Builds the builder and operator images with Strata itself, pushes them to the cluster's
# registry (e2e/.cluster/registry), and installs the chart into namespace strata-system,
# watching all namespaces. Idempotent: rebuilding unchanged sources gives the same digests
# and the same release. Exits when the operator is Ready.
#
# Also pushes library/busybox:latest built by Strata from the busybox-base seed example, so
# ImageBuilds that say FROM busybox (with the registry as mirror) start from it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cluster=${STRATA_E2E_CLUSTER_DIR:-$root/e2e/.cluster}
shared=${STRATA_SHARED:-$(cd "$root/.." && pwd)/shared}
export KUBECONFIG=${KUBECONFIG:-$cluster/kubeconfig}
kubectl=$cluster/bin/kubectl
helm=$cluster/bin/helm
log() { printf '%s [install] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

[ -f "$cluster/registry" ] || die "no $cluster/registry; run e2e/cluster.sh up first"
registry=$(cat "$cluster/registry")
[ -x "$kubectl" ] && [ -x "$helm" ] || die "kubectl and helm are missing from $cluster/bin"
cache=$cluster/cache/strata-images
work=$(mktemp -d /tmp/strata-install-XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ ! -f "$root/operator/target/quarkus-app/quarkus-run.jar" ] ||
  ! ls "$root"/builder/target/strata-builder-*.jar >/dev/null 2>&1; then
  log "building Strata"
  (cd "$root" && mvn -B -q package -DskipTests)
fi

"$root/e2e/java-base.sh"
base=$registry/strata/java-base:17

# strata_build NAME CONTEXT DOCKERFILE DESTINATION: builds and pushes; prints the digest.
strata_build() {
  local name=$1 context=$2 dockerfile=$3 destination=$4 result
  log "building $name as $destination"
  result=$("$root/strata" build --context "$context" --file "$dockerfile" \
    --destination "$destination" --insecure-registry "$registry" --registry-mirror "$registry" \
    --build-arg "BASE=$base" --cache-dir "$cache" 2>"$work/$name.log") ||
    { cat "$work/$name.log" >&2; die "building $name failed"; }
  python3 -c 'import json,sys; print(json.load(sys.stdin)["digest"])' <<<"$result"
}

mkdir -p "$work/busybox"
cp /bin/busybox "$shared/seed-examples/busybox-base/Dockerfile" "$work/busybox/"
strata_build busybox "$work/busybox" "$work/busybox/Dockerfile" \
  "$registry/library/busybox:latest" >/dev/null

mkdir -p "$work/builder/lib"
cp "$root"/builder/target/lib/*.jar "$root"/builder/target/strata-builder-*.jar "$work/builder/lib/"
cp "$root/images/builder/strata" "$work/builder/strata"
builder_digest=$(strata_build builder "$work/builder" "$root/images/builder/Dockerfile" \
  "$registry/strata/builder:dev")

mkdir -p "$work/operator"
cp -r "$root/operator/target/quarkus-app" "$work/operator/quarkus-app"
operator_digest=$(strata_build operator "$work/operator" "$root/images/operator/Dockerfile" \
  "$registry/strata/operator:dev")

# This cluster has no volume provisioner: a few hostPath volumes of class strata-cache, all
# on one node directory, stand in for a ReadWriteMany volume, so the claim of every namespace
# binds to the same shared cache.
cache_dir=${STRATA_E2E_CACHE_DIR:-/var/lib/strata-e2e/cache}
if [ "${STRATA_E2E_USE_CURRENT_CONTEXT:-}" != 1 ]; then
  mkdir -p "$cache_dir" && chown 65532:65532 "$cache_dir" && chmod 0775 "$cache_dir"
  for i in 1 2 3 4 5 6; do
    cat <<YAML
apiVersion: v1
kind: PersistentVolume
metadata: {name: strata-cache-$i, labels: {app.kubernetes.io/part-of: strata-e2e}}
spec:
  storageClassName: strata-cache
  capacity: {storage: 20Gi}
  accessModes: [ReadWriteMany]
  persistentVolumeReclaimPolicy: Retain
  hostPath: {path: $cache_dir, type: Directory}
---
YAML
  done | "$kubectl" apply -f - >/dev/null
  # A volume whose claim was deleted (a test namespace gone) is made available again.
  for pv in $("$kubectl" get pv -l app.kubernetes.io/part-of=strata-e2e \
      -o jsonpath='{range .items[?(@.status.phase=="Released")]}{.metadata.name}{" "}{end}'); do
    "$kubectl" patch pv "$pv" --type merge -p '{"spec":{"claimRef":null}}' >/dev/null
  done
  STRATA_HELM_ARGS="--set cache.storageClass=strata-cache ${STRATA_HELM_ARGS:-}"
fi

"$kubectl" create namespace strata-system --dry-run=client -o yaml | "$kubectl" apply -f - >/dev/null
"$kubectl" label namespace strata-system --overwrite \
  pod-security.kubernetes.io/enforce=restricted >/dev/null
log "installing the chart (builder $builder_digest, operator $operator_digest)"
"$helm" upgrade --install strata "$root/helm-chart/strata" --namespace strata-system \
  --set operator.image.repository="$registry/strata/operator" \
  --set operator.image.digest="$operator_digest" \
  --set builder.image.repository="$registry/strata/builder" \
  --set builder.image.digest="$builder_digest" \
  ${STRATA_HELM_ARGS:-} --wait --timeout 10m
"$kubectl" -n strata-system rollout status deployment --timeout=5m >/dev/null
log "the operator is Ready in namespace strata-system"
