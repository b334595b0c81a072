#!/usr/bin/env bash
# End-to-end check of the local cluster: brings it up from nothing (cluster state
# removed; built binaries and Go caches kept), runs the checks, takes it down and
# verifies nothing is left. Exit status 0 when every check passed; the last line is
# "N passed, N failed".
#
# STRATA_E2E_KEEP=1 leaves the cluster up after the checks (the shutdown checks are
# skipped). STRATA_E2E_NO_PURGE=1 starts from the existing state instead of nothing.
# With STRATA_E2E_USE_CURRENT_CONTEXT=1 (see cluster.sh) the checks run against that
# cluster and its registry, which are neither purged nor taken down.
set -uo pipefail

E2E=$(cd "$(dirname "$0")" && pwd)
. "$E2E/lib/common.sh"
. "$E2E/lib/images.sh"

NS=strata-e2e-restricted
EXTERNAL=${STRATA_E2E_USE_CURRENT_CONTEXT:-}
[ "$EXTERNAL" != 1 ] || STRATA_E2E_KEEP=1
passed=0
failed=0

# check NAME FUNCTION ARGS...: runs one check, counts and reports it, returns its status.
check() {
  local name=$1; shift
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "PASS $name ($((SECONDS - start))s)"
  else
    failed=$((failed + 1))
    echo "FAIL $name ($((SECONDS - start))s)"
    return 1
  fi
}

k() { kubectl_admin "$@"; }

# restricted_pod NAME IMAGE COMMAND...: a pod manifest that meets the restricted Pod
# Security Standard and runs COMMAND once.
restricted_pod() {
  local name=$1 image=$2 command arg; shift 2
  command=$(for arg in "$@"; do jq -nc --arg a "$arg" '$a'; done | jq -sc .)
  cat <<POD
apiVersion: v1
kind: Pod
metadata: {name: $name}
spec:
  restartPolicy: Never
  securityContext:
    runAsNonRoot: true
    runAsUser: 1000
    seccompProfile: {type: RuntimeDefault}
  containers:
  - name: main
    image: $image
    command: $command
    securityContext:
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL]}
POD
}

# run_to_completion NAME IMAGE COMMAND...: runs a restricted pod in $NS, waits for it to
# succeed and prints its log; on failure prints what is known about the pod.
run_to_completion() {
  local name=$1
  k -n "$NS" delete pod "$name" --ignore-not-found --wait=true >/dev/null
  restricted_pod "$@" | k -n "$NS" apply -f - >/dev/null || return 1
  if ! k -n "$NS" wait --for=jsonpath='{.status.phase}'=Succeeded "pod/$name" --timeout=120s \
    >/dev/null; then
    k -n "$NS" logs "$name" 2>&1 | tail -20
    k -n "$NS" describe pod "$name" | tail -10
    return 1
  fi
  k -n "$NS" logs "$name"
}

cluster_up() {
  if [ "${STRATA_E2E_NO_PURGE:-}" != 1 ] && [ "$EXTERNAL" != 1 ]; then
    "$E2E/cluster.sh" purge || return 1
  fi
  "$E2E/cluster.sh" up
}

nodes_ready() {
  k wait --for=condition=Ready node --all --timeout=120s
}

restricted_namespace() {
  k create namespace "$NS" --dry-run=client -o yaml | k apply -f - >/dev/null &&
    k label --overwrite namespace "$NS" pod-security.kubernetes.io/enforce=restricted >/dev/null
}

# A pod that meets the restricted Pod Security Standard is admitted and runs.
restricted_pod_admitted() {
  restricted_namespace || return 1
  k -n "$NS" delete pod restricted-ok --ignore-not-found --wait=true >/dev/null
  restricted_pod restricted-ok "$REGISTRY/library/busybox:latest" sleep 3600 |
    k -n "$NS" apply -f - || return 1
  k -n "$NS" wait --for=condition=Ready pod/restricted-ok --timeout=120s
}

# A privileged pod is rejected by PodSecurity admission in the same namespace.
privileged_pod_rejected() {
  local out
  if out=$(k -n "$NS" apply -f - 2>&1 <<POD
apiVersion: v1
kind: Pod
metadata: {name: privileged-no}
spec:
  containers:
  - name: main
    image: $REGISTRY/library/busybox:latest
    command: [sleep, "3600"]
    securityContext: {privileged: true}
POD
  ); then
    echo "privileged pod was admitted: $out"
    k -n "$NS" delete pod privileged-no --wait=false >/dev/null 2>&1
    return 1
  fi
  echo "$out" | grep -q 'violates PodSecurity "restricted' ||
    { echo "unexpected error: $out"; return 1; }
}

# The seed example busybox-while, packed on top of library/busybox.
build_while_image() {
  local rootfs rc
  rootfs=$(new_rootfs)
  cp -a /work/shared/seed-examples/busybox-while/. "$rootfs/"
  rm -f "$rootfs/Dockerfile"
  pack_image strata-e2e/busybox-while:latest library/busybox:latest "$rootfs" \
    --config.entrypoint /bin/sh --config.entrypoint /while.sh --clear config.cmd
  rc=$?
  rm -rf "$rootfs"
  return $rc
}

while_first_line() {
  k -n default logs busybox-while | grep -qx 'hello world,sanchuang 1'
}

while_pod_logs() {
  build_while_image || return 1
  k -n default delete pod busybox-while --ignore-not-found --wait=true >/dev/null
  k -n default run busybox-while --restart=Never \
    --image="$REGISTRY/strata-e2e/busybox-while:latest" >/dev/null || return 1
  k -n default wait --for=condition=Ready pod/busybox-while --timeout=120s || return 1
  wait_for "the first line of busybox-while" 30 while_first_line ||
    { k -n default logs busybox-while | head -5; return 1; }
  k -n default logs busybox-while | head -2
}

# A pod reads the API through the kubernetes Service with its service-account token.
in_cluster_api_access() {
  k -n "$NS" create role pod-reader --verb=get,list --resource=pods --dry-run=client -o yaml |
    k apply -f - >/dev/null || return 1
  k -n "$NS" create rolebinding pod-reader --role=pod-reader --serviceaccount="$NS:default" \
    --dry-run=client -o yaml | k apply -f - >/dev/null || return 1
  local script='
    sa=/var/run/secrets/kubernetes.io/serviceaccount
    api=https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT
    wget -q -O - --no-check-certificate --header "Authorization: Bearer $(cat $sa/token)" \
      "$api/api/v1/namespaces/$(cat $sa/namespace)/pods" | grep -o "\"name\": *\"api-client\""'
  run_to_completion api-client "$REGISTRY/library/busybox:latest" sh -c "$script" |
    grep -q api-client
}

# A pod pushes to and pulls from the registry; the node then runs what the pod pushed.
pod_registry_push_pull() {
  run_to_completion registry-probe "$REGISTRY/library/busybox:latest" \
    sh -c "$(cat "$E2E/test/registry-probe.sh")" registry-probe.sh "$REGISTRY" || return 1
  run_to_completion pushed-by-pod "$REGISTRY/e2e/pushed-by-pod:latest" \
    echo "pulled what a pod pushed" | grep -q 'pulled what a pod pushed'
}

# A short name ("busybox" = docker.io/library/busybox) is served by the local registry.
short_name_from_local_registry() {
  run_to_completion short-name busybox echo "short name served locally" |
    grep -q 'short name served locally'
}

# helm and kubectl are the versions built for this cluster and reach its API server.
helm_and_kubectl_work() {
  local server
  server=$(k version -o json | jq -r .serverVersion.gitVersion) || return 1
  k version --client -o json | jq -e --arg v "$server" '.clientVersion.gitVersion == $v' \
    >/dev/null || { echo "kubectl is not $server"; return 1; }
  "$BIN_DIR/helm" version --short | grep -q '^v3\.' || return 1
  "$BIN_DIR/helm" --kubeconfig "$KUBECONFIG_FILE" list --all-namespaces >/dev/null
}

cluster_down() {
  "$E2E/cluster.sh" down
}

# After `down`: no process of the cluster runs (components are recognised by the
# configuration, state and socket paths in their arguments, containers by their cgroup),
# nothing is mounted below the cluster directory, and the node's links, iptables chains
# and the runtime's files outside the cluster directory are gone.
nothing_left() {
  local ok=0 left pid l t
  left=$(ps -eo pid=,args= | grep -F -e "$CONF_DIR/" -e "$PKI_DIR/" -e "$STATE_DIR/" \
    -e "$CONTAINERD_SOCK" | grep -v grep || true)
  [ -z "$left" ] || { echo "processes left: $left"; ok=1; }
  for pid in $(grep -l kubepods /proc/[0-9]*/cgroup 2>/dev/null | cut -d/ -f3); do
    echo "container process left: $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)"
    ok=1
  done
  left=$(awk -v d="$CLUSTER_DIR/" 'index($5, d) == 1 {print $5}' /proc/self/mountinfo)
  [ -z "$left" ] || { echo "mounts left: $left"; ok=1; }
  for l in "$NODE_LINK" "$POD_BRIDGE"; do
    ! ip link show "$l" >/dev/null 2>&1 || { echo "link left: $l"; ok=1; }
  done
  left=$(find /var/lib/cni/results /run/containerd -type f 2>/dev/null || true)
  [ -z "$left" ] || { echo "runtime files left outside the cluster directory: $left"; ok=1; }
  left=$(for t in filter nat mangle; do iptables -t $t -S; done | grep -E 'KUBE-|STRATA-E2E')
  [ -z "$left" ] || { echo "iptables rules left: $left"; ok=1; }
  return $ok
}

# After a restart a new pod must run: node and pod conditions from before may be stale.
up_again() {
  "$E2E/cluster.sh" up || return 1
  k wait --for=condition=Ready node --all --timeout=120s || return 1
  run_to_completion after-restart "$REGISTRY/library/busybox:latest" \
    echo "running after restart" | grep -q 'running after restart'
}

if check "cluster comes up from nothing" cluster_up; then
  check "all nodes Ready" nodes_ready
  check "restricted namespace admits a compliant pod" restricted_pod_admitted
  check "restricted namespace rejects a privileged pod" privileged_pod_rejected
  check "busybox-while pod logs 'hello world,sanchuang 1'" while_pod_logs
  check "pod reaches the API via KUBERNETES_SERVICE_HOST" in_cluster_api_access
  check "pod pushes to and pulls from the registry" pod_registry_push_pull
  [ "$EXTERNAL" = 1 ] ||
    check "short image names come from the cluster's registry" short_name_from_local_registry
  check "kubectl matches the server; helm reaches it" helm_and_kubectl_work
  if [ "${STRATA_E2E_KEEP:-}" != 1 ]; then
    check "cluster goes down" cluster_down
    check "nothing left after down" nothing_left
    if check "cluster comes up again after down" up_again; then
      check "cluster goes down again" cluster_down
      check "nothing left after the second down" nothing_left
    else
      cluster_down
    fi
  fi
elif [ "$EXTERNAL" != 1 ]; then
  # Whatever part of the cluster started is stopped again.
  cluster_down
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
