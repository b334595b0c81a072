#!/usr/bin/env bash
# End-to-end test of the operator on a real cluster: installs Strata with Helm (images built
# by Strata), applies the seed examples as ImageBuilds in a namespace that enforces the
# restricted Pod Security Standard, and checks what a user would: kubectl wait, the status
# against the registry, the image running, warnings, failures, rebuilds, cancellation and ten
# builds at once. Brings the local cluster up first (see e2e/README.md for an existing one).
# Last line: "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cluster=${STRATA_E2E_CLUSTER_DIR:-$root/e2e/.cluster}
export KUBECONFIG=${KUBECONFIG:-$cluster/kubeconfig}
kubectl=$cluster/bin/kubectl
ns=strata-e2e
passed=0
failed=0
log() { printf '%s [operator-e2e] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
check() { # DESCRIPTION COMMAND...: runs the command, counts and prints the outcome
  local what=$1; shift
  if "$@" >"$work/check.out" 2>&1; then
    passed=$((passed + 1)); log "PASS $what"
  else
    failed=$((failed + 1)); log "FAIL $what"; sed 's/^/    /' "$work/check.out" | tail -30 >&2
  fi
}
work=$(mktemp -d /tmp/strata-operator-e2e-XXXXXX)

# With STRATA_E2E_USE_CURRENT_CONTEXT=1, up only records the existing cluster and registry.
"$root/e2e/cluster.sh" up || { echo "0 passed, 1 failed"; exit 1; }
registry=$(cat "$cluster/registry")
"$root/e2e/install-strata.sh" || { log "installing Strata failed"; echo "0 passed, 1 failed"; exit 1; }

"$kubectl" delete namespace "$ns" --ignore-not-found --wait=true --timeout=3m >/dev/null
"$kubectl" create namespace "$ns" >/dev/null
"$kubectl" label namespace "$ns" pod-security.kubernetes.io/enforce=restricted >/dev/null

# apply_example FILE [NAME]: the example with the registry of this cluster.
apply_example() {
  sed "s#registry.local:5000#$registry#g" "$root/examples/$1" | "$kubectl" -n "$ns" apply -f -
}
jsonpath() { "$kubectl" -n "$ns" get imagebuild "$1" -o jsonpath="$2"; }
wait_for() { "$kubectl" -n "$ns" wait --for="$2" "imagebuild/$1" --timeout="${3:-10m}"; }

# status_matches_registry NAME REF: status.digest is what the registry serves for the tag,
# and status.layers lists the manifest's layers in order.
status_matches_registry() {
  local digest manifest
  digest=$(skopeo inspect --tls-verify=false "docker://$2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Digest"])')
  [ "$(jsonpath "$1" '{.status.digest}')" = "$digest" ] || { echo "digest differs: $digest"; return 1; }
  manifest=$(skopeo inspect --raw --tls-verify=false "docker://$2" | python3 -c 'import json,sys; print(" ".join(l["digest"] for l in json.load(sys.stdin)["layers"]))')
  [ "$(jsonpath "$1" '{range .status.layers[*]}{.digest}{" "}{end}' | sed 's/ $//')" = "$manifest" ] ||
    { echo "layers differ from the manifest: $manifest"; jsonpath "$1" '{.status.layers}'; return 1; }
}

log "seed examples"
apply_example busybox-while.yaml >/dev/null
apply_example busybox-noexec.yaml >/dev/null
apply_example layers-cow.yaml >/dev/null
check "busybox-while reaches Succeeded (kubectl wait)" wait_for busybox-while condition=Succeeded
check "busybox-while status matches the registry" \
  status_matches_registry busybox-while "$registry/demo/busybox-while:1.1"
check "layers-cow reaches Succeeded" wait_for layers-cow condition=Succeeded
check "layers-cow status matches the registry" \
  status_matches_registry layers-cow "$(jsonpath layers-cow '{.spec.destinations[0]}')"
check "busybox-noexec succeeds" wait_for busybox-noexec condition=Succeeded
check "busybox-noexec has its warning with the line in status" bash -c \
  "'$kubectl' -n $ns get imagebuild busybox-noexec -o jsonpath='{.status.warnings}' | grep -q '\"line\":4' &&
   '$kubectl' -n $ns get imagebuild busybox-noexec -o jsonpath='{.status.warnings}' | grep -q 'not executable'"

log "running the built image"
image=$(jsonpath busybox-while '{.status.image}')
cat > "$work/run.yaml" <<YAML
apiVersion: v1
kind: Pod
metadata: {name: run-busybox-while}
spec:
  restartPolicy: Never
  securityContext: {runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: {type: RuntimeDefault}}
  containers:
    - name: app
      image: $image
      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
YAML
"$kubectl" -n "$ns" apply -f "$work/run.yaml" >/dev/null
check "the busybox-while image runs in a pod" \
  "$kubectl" -n "$ns" wait --for=condition=Ready pod/run-busybox-while --timeout=3m
check "its log shows hello world,sanchuang 1" bash -c \
  "for i in \$(seq 30); do '$kubectl' -n $ns logs run-busybox-while | grep -qx 'hello world,sanchuang 1' && exit 0; sleep 1; done; exit 1"
"$kubectl" -n "$ns" delete pod run-busybox-while --wait=false >/dev/null

log "a broken Dockerfile"
cat > "$work/broken.yaml" <<YAML
apiVersion: strata.dev/v1alpha1
kind: ImageBuild
metadata: {name: broken}
spec:
  source:
    inline:
      - path: Dockerfile
        content: |
          FROM busybox
          RUN echo fine
          RUN echo about to fail; exit 3
  destinations: [$registry/e2e/broken:1]
  registryMirror: $registry
  insecureRegistries: [$registry]
YAML
"$kubectl" -n "$ns" apply -f "$work/broken.yaml" >/dev/null
check "a failing RUN ends Failed" wait_for broken condition=Succeeded=false
check "the failure names the Dockerfile line" bash -c \
  "'$kubectl' -n $ns get imagebuild broken -o jsonpath='{.status.conditions[?(@.type==\"Succeeded\")].message}' | grep -q 'line 3'"
check "nothing was pushed under the failed build's tag" bash -c \
  "! skopeo inspect --tls-verify=false docker://$registry/e2e/broken:1"

log "an edit of the spec rebuilds"
first=$(jsonpath busybox-while '{.status.digest}')
"$kubectl" -n "$ns" patch imagebuild busybox-while --type json -p \
  '[{"op":"replace","path":"/spec/source/inline/1/content","value":"welcome back!\n"}]' >/dev/null
check "the new generation is built" bash -c \
  "for i in \$(seq 300); do g=\$('$kubectl' -n $ns get imagebuild busybox-while -o jsonpath='{.metadata.generation}');
     o=\$('$kubectl' -n $ns get imagebuild busybox-while -o jsonpath='{.status.observedGeneration}');
     p=\$('$kubectl' -n $ns get imagebuild busybox-while -o jsonpath='{.status.phase}');
     [ \"\$g\" = \"\$o\" ] && [ \"\$p\" = Succeeded ] && exit 0; sleep 2; done; exit 1"
check "the rebuilt image has a new digest" bash -c "[ \"$first\" != \"\$('$kubectl' -n $ns get imagebuild busybox-while -o jsonpath='{.status.digest}')\" ]"

log "deleting an ImageBuild mid-build"
cat > "$work/slow.yaml" <<YAML
apiVersion: strata.dev/v1alpha1
kind: ImageBuild
metadata: {name: slow}
spec:
  source:
    inline:
      - path: Dockerfile
        content: |
          FROM busybox
          RUN sleep 600
  destinations: [$registry/e2e/slow:1]
  registryMirror: $registry
  insecureRegistries: [$registry]
YAML
"$kubectl" -n "$ns" apply -f "$work/slow.yaml" >/dev/null
check "the slow build starts building" wait_for slow jsonpath='{.status.phase}'=Building 5m
pod=$(jsonpath slow '{.status.buildPod}')
"$kubectl" -n "$ns" delete imagebuild slow --wait=true --timeout=2m >/dev/null
check "deleting it removes its build pod" bash -c \
  "for i in \$(seq 60); do '$kubectl' -n $ns get pod '$pod' >/dev/null 2>&1 || exit 0; sleep 2; done; exit 1"

log "ten builds at once, sharing one cache"
# A base of busybox (whose layers the shared cache holds already from the builds above) and
# one new layer of random bytes, which the cache has never seen.
tenbase=$registry/e2e/tenbase:1
mkdir -p "$work/tenbase"
printf 'FROM busybox\nCOPY payload /payload\n' > "$work/tenbase/Dockerfile"
head -c 4000000 /dev/urandom > "$work/tenbase/payload"
"$root/strata" build --context "$work/tenbase" --destination "$tenbase" \
  --insecure-registry "$registry" --registry-mirror "$registry" \
  --cache-dir "$work/tenbase-cache" >/dev/null 2>&1
for i in $(seq 1 10); do
  cat <<YAML
apiVersion: strata.dev/v1alpha1
kind: ImageBuild
metadata: {name: ten-$i}
spec:
  source:
    inline:
      - path: Dockerfile
        content: |
          FROM $tenbase
          RUN echo build $i > /which
  destinations: [$registry/e2e/ten:$i]
  insecureRegistries: [$registry]
---
YAML
done | "$kubectl" -n "$ns" apply -f - >/dev/null
ten_ok=1
for i in $(seq 1 10); do wait_for "ten-$i" condition=Succeeded 15m >/dev/null 2>&1 || ten_ok=0; done
check "all ten builds succeed" test "$ten_ok" = 1
# Of the base's three layers only the new one is missing from the cache: one download in all.
check "the new base layer was downloaded into the shared cache once" bash -c \
  "n=0; for i in \$(seq 1 10); do n=\$((n + \$('$kubectl' -n $ns get imagebuild ten-\$i -o jsonpath='{range .status.layers[*]}{.cached}{\" \"}{end}' | awk '{c=0; for(j=1;j<=NF-1;j++) if(\$j==\"false\") c++; print c}'))); done
   echo \"base layer downloads: \$n\"; [ \"\$n\" = 1 ]"

log "cleaning up"
"$kubectl" delete namespace "$ns" --wait=false >/dev/null 2>&1 || true
rm -rf "$work"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
