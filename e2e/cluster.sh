#!/usr/bin/env bash
# Brings a single-node Kubernetes cluster up on this machine, or down again.
#
#   e2e/cluster.sh up       build what is missing, start everything, wait for a Ready node
#   e2e/cluster.sh down     stop what `up` started, unmount, remove the node's network
#   e2e/cluster.sh status   show each component and the node
#   e2e/cluster.sh purge    `down`, then delete e2e/.cluster except the built binaries
#                           and cache/ (the root filesystem of strata/java-base)
#
# `up` leaves e2e/.cluster/kubeconfig, e2e/.cluster/registry (HOST:PORT of the image
# registry, the same for pods and for the node), e2e/.cluster/bin (kubectl, helm) and
# e2e/.cluster/logs. With STRATA_E2E_USE_CURRENT_CONTEXT=1 and a reachable cluster in
# $KUBECONFIG, `up` uses that cluster and takes the registry from STRATA_E2E_REGISTRY.
set -euo pipefail

. "$(dirname "$0")/lib/common.sh"
. "$E2E_DIR/lib/pki.sh"
. "$E2E_DIR/lib/control-plane.sh"
. "$E2E_DIR/lib/node.sh"
. "$E2E_DIR/lib/images.sh"

# In the order `up` starts them.
COMPONENTS=(registry etcd kube-apiserver kube-controller-manager kube-scheduler containerd
  kubelet kube-proxy)

require_root() {
  [ "$(id -u)" = 0 ] || die "the local cluster needs root (network, mounts, containerd)"
}

require_tools() {
  local t missing=()
  for t in go gcc openssl curl jq iptables ip containerd ctr runc docker-registry umoci skopeo \
    /usr/lib/cni/bridge /usr/lib/cni/host-local /usr/lib/cni/loopback /usr/lib/cni/portmap; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  [ ${#missing[@]} -eq 0 ] ||
    die "missing ${missing[*]}; run e2e/install-deps.sh (Go >= 1.24 comes separately)"
}

use_current_context() {
  local kc=${KUBECONFIG:-$HOME/.kube/config}
  kc=${kc%%:*}
  [ -f "$kc" ] || die "STRATA_E2E_USE_CURRENT_CONTEXT=1 but no kubeconfig at $kc"
  [ -n "${STRATA_E2E_REGISTRY:-}" ] ||
    die "STRATA_E2E_USE_CURRENT_CONTEXT=1 needs STRATA_E2E_REGISTRY=HOST:PORT," \
      "a registry this machine, the cluster's pods and its nodes reach at that address"
  mkdir -p "$CLUSTER_DIR" "$BIN_DIR" "$LOG_DIR"
  build_binaries
  "$BIN_DIR/kubectl" --kubeconfig "$kc" --request-timeout=10s get --raw /readyz >/dev/null ||
    die "the cluster of the current context in $kc is not reachable"
  "$BIN_DIR/kubectl" --kubeconfig "$kc" config view --minify --flatten > "$KUBECONFIG_FILE"
  chmod 600 "$KUBECONFIG_FILE"
  echo "$STRATA_E2E_REGISTRY" > "$REGISTRY_FILE"
  # The tests' images go to that registry too; it must take plain-http or
  # unverified-TLS pushes from this machine at the address its nodes pull from.
  build_busybox_image
  log "using the current context of $kc; registry $STRATA_E2E_REGISTRY"
}

build_binaries() {
  local start=$SECONDS
  "$E2E_DIR/kube/build.sh" "$BIN_DIR" > "$LOG_DIR/build.log" 2>&1 ||
    die "building Kubernetes failed; see $LOG_DIR/build.log"
  log "binaries ready in $((SECONDS - start))s"
}

node_ready() {
  [ "$(kubectl_admin get node "$NODE_NAME" \
    -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" = True ]
}

cmd_up() {
  if [ "${STRATA_E2E_USE_CURRENT_CONTEXT:-}" = 1 ]; then
    use_current_context
    return 0
  fi
  require_root
  require_tools
  require_network_owner
  local start=$SECONDS
  mkdir -p "$BIN_DIR" "$CONF_DIR" "$RUN_DIR" "$STATE_DIR" "$LOG_DIR"

  build_binaries
  make_pki
  setup_network
  start_registry
  build_cluster_images
  start_etcd
  start_apiserver
  start_controller_manager
  start_scheduler
  start_containerd
  start_kubelet
  start_kube_proxy

  # The node object may still say Ready from before a `down`; ask this kubelet first.
  wait_for "kubelet /healthz" 120 curl -fsS http://127.0.0.1:10248/healthz
  wait_for "node $NODE_NAME to register" 120 kubectl_admin get node "$NODE_NAME"
  kubectl_admin wait --for=condition=Ready "node/$NODE_NAME" --timeout=180s >/dev/null
  wait_for "the default service account" 60 kubectl_admin -n default get serviceaccount default
  log "cluster up in $((SECONDS - start))s: KUBECONFIG=$KUBECONFIG_FILE registry=$REGISTRY"
}

# Removes every pod sandbox and container from containerd, so no shim or container
# process outlives `down`. The shims' own pid files name what is left.
remove_containers() {
  pid_alive containerd || return 0
  local id out
  # --force kills a running task and waits for it to exit before deleting it.
  for id in $(ctr_k8s tasks list -q 2>/dev/null || true); do
    # A task can vanish meanwhile: containerd deletes exited tasks itself, and a pod's
    # tasks share one shim, which exits with the pod's last task. Gone is what counts.
    out=$(ctr_k8s tasks delete --force "$id" 2>&1) ||
      ! ctr_k8s tasks list -q 2>/dev/null | grep -qx "$id" ||
      log "could not delete task $id: $out"
  done
  for id in $(ctr_k8s containers list -q 2>/dev/null || true); do
    ctr_k8s containers delete "$id" >/dev/null 2>&1 || log "could not delete container $id"
    # Sandboxes removed this way skip the CNI DEL that would drop their cached results.
    rm -f "$CNI_CACHE_DIR"/results/*-"$id"-*
  done
}

# Directories the container runtime and CNI use outside e2e/.cluster; removed when empty.
remove_empty_runtime_dirs() {
  rmdir "$CNI_CACHE_DIR/results" "$CNI_CACHE_DIR" /run/containerd/s /run/containerd/fifo \
    /run/containerd 2>/dev/null || true
}

kill_leftover_shims() {
  local f pid
  for f in "$RUN_DIR"/containerd/io.containerd.runtime.v2.task/*/*/shim.pid \
           "$RUN_DIR"/containerd/io.containerd.runtime.v2.task/*/*/init.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    if [ -n "$pid" ] && [ -d "/proc/$pid" ]; then
      log "killing leftover $(basename "$f" .pid) pid $pid ($(dirname "$f"))"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

# Unmounts everything below the cluster directory, deepest first.
unmount_all() {
  local m
  for m in $(awk -v d="$CLUSTER_DIR/" 'index($5, d) == 1 {print $5}' /proc/self/mountinfo |
    sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" || log "could not unmount $m"
  done
}

cmd_down() {
  if [ "${STRATA_E2E_USE_CURRENT_CONTEXT:-}" = 1 ]; then
    log "using an existing cluster; nothing to stop"
    return 0
  fi
  require_root
  stop_daemon kube-proxy
  if [ -x "$BIN_DIR/kube-proxy" ] && [ -f "$RUN_DIR/network" ]; then
    "$BIN_DIR/kube-proxy" --cleanup >> "$LOG_DIR/kube-proxy.log" 2>&1 ||
      log "kube-proxy --cleanup failed; see $LOG_DIR/kube-proxy.log"
  fi
  stop_daemon kubelet
  remove_containers
  stop_daemon containerd
  kill_leftover_shims
  local c
  for c in kube-scheduler kube-controller-manager kube-apiserver etcd registry; do
    stop_daemon "$c"
  done
  unmount_all
  remove_empty_runtime_dirs
  teardown_network
  # The pod network is gone with its bridge; so are the addresses handed out on it.
  rm -rf "$STATE_DIR/cni-ipam"
  log "cluster down"
}

cmd_status() {
  local c rc=0
  for c in "${COMPONENTS[@]}"; do
    if pid_alive "$c"; then
      printf '%-24s running (pid %s)\n' "$c" "$(cat "$RUN_DIR/$c.pid")"
    else
      printf '%-24s stopped\n' "$c"
      rc=1
    fi
  done
  [ -f "$REGISTRY_FILE" ] && echo "registry address: $(cat "$REGISTRY_FILE")"
  if [ -f "$KUBECONFIG_FILE" ] && kubectl_admin get nodes -o wide 2>/dev/null; then :; else rc=1; fi
  return $rc
}

cmd_purge() {
  cmd_down
  [ -d "$CLUSTER_DIR" ] || return 0
  find "$CLUSTER_DIR" -mindepth 1 -maxdepth 1 ! -name bin ! -name cache -exec rm -rf {} +
  log "removed $CLUSTER_DIR except bin/ and cache/"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  purge) cmd_purge ;;
  *) echo "usage: $0 up|down|status|purge" >&2; exit 2 ;;
esac
