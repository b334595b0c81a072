# Shared settings and helpers for the e2e cluster scripts. Sourced, not run.

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CLUSTER_DIR=${STRATA_E2E_CLUSTER_DIR:-$E2E_DIR/.cluster}
BIN_DIR=$CLUSTER_DIR/bin
CONF_DIR=$CLUSTER_DIR/conf
PKI_DIR=$CLUSTER_DIR/pki
RUN_DIR=$CLUSTER_DIR/run
STATE_DIR=$CLUSTER_DIR/state
LOG_DIR=$CLUSTER_DIR/logs
KUBECONFIG_FILE=$CLUSTER_DIR/kubeconfig
REGISTRY_FILE=$CLUSTER_DIR/registry

# The node's address lives on a bridge with no ports, so it exists only on this machine;
# pods reach it through their gateway, and every listener of the kit binds to it or to
# loopback. Pod traffic is kept off the machine's other interfaces (see node.sh).
NODE_IP=${STRATA_E2E_NODE_IP:-10.250.0.1}
NODE_LINK=strata-node
NODE_NAME=${STRATA_E2E_NODE_NAME:-strata-e2e}
POD_CIDR=${STRATA_E2E_POD_CIDR:-10.244.0.0/24}
POD_BASE=${POD_CIDR%/*}
POD_GATEWAY=${POD_BASE%.*}.1
POD_BRIDGE=strata-cni0
SERVICE_CIDR=${STRATA_E2E_SERVICE_CIDR:-10.96.0.0/16}
SERVICE_BASE=${SERVICE_CIDR%/*}
KUBERNETES_SERVICE_IP=${SERVICE_BASE%.*}.1
APISERVER_PORT=6443
REGISTRY_PORT=${STRATA_E2E_REGISTRY_PORT:-5000}
REGISTRY=$NODE_IP:$REGISTRY_PORT
if [ "${STRATA_E2E_USE_CURRENT_CONTEXT:-}" = 1 ] && [ -n "${STRATA_E2E_REGISTRY:-}" ]; then
  REGISTRY=$STRATA_E2E_REGISTRY
fi
PAUSE_IMAGE=$REGISTRY/strata/pause:3.10
CONTAINERD_SOCK=$RUN_DIR/containerd/containerd.sock

log() { printf '%s [e2e] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# pid_alive NAME: the process recorded in NAME's pid file is running and is still the
# program that was started (a recycled pid does not count).
pid_alive() {
  local pidfile=$RUN_DIR/$1.pid pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  grep -qF "$(cat "$pidfile.cmd" 2>/dev/null)" "/proc/$pid/cmdline" 2>/dev/null
}

# start_daemon NAME PROGRAM ARGS...: runs a component in its own session with its log in
# logs/NAME.log and its pid in run/NAME.pid. A component already running is left alone.
start_daemon() {
  local name=$1; shift
  if pid_alive "$name"; then
    log "$name already running (pid $(cat "$RUN_DIR/$name.pid"))"
    return 0
  fi
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  echo "--- start $(date -u +%FT%TZ): $*" >> "$LOG_DIR/$name.log"
  setsid "$@" >> "$LOG_DIR/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN_DIR/$name.pid"
  basename "$1" > "$RUN_DIR/$name.pid.cmd"
  log "started $name (pid $!)"
}

# stop_daemon NAME: stops the process in NAME's pid file, TERM then KILL after 20s.
stop_daemon() {
  local name=$1 pid i
  if pid_alive "$name"; then
    pid=$(cat "$RUN_DIR/$name.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 200); do
      [ -d "/proc/$pid" ] || break
      sleep 0.1
    done
    if [ -d "/proc/$pid" ]; then
      log "$name (pid $pid) ignored TERM for 20s; killing"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$RUN_DIR/$name.pid" "$RUN_DIR/$name.pid.cmd"
}

# wait_for DESCRIPTION TIMEOUT_SECONDS COMMAND...: polls COMMAND until it succeeds.
wait_for() {
  local what=$1 timeout=$2 deadline; shift 2
  deadline=$(( $(date +%s) + timeout ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "timed out after ${timeout}s waiting for $what"
      return 1
    fi
    sleep 0.5
  done
}

# write_config FILE < CONTENT: writes FILE only when CONTENT differs from it, and sets
# CONFIG_CHANGED=1 if it did. Some components (kube-proxy) exit when their file changes.
CONFIG_CHANGED=0
write_config() {
  local file=$1 tmp
  tmp=$(mktemp "$file.XXXXXX")
  cat > "$tmp"
  if cmp -s "$tmp" "$file"; then
    rm -f "$tmp"
  else
    mv "$tmp" "$file"
    CONFIG_CHANGED=1
  fi
}

# restart_if_changed NAME: stops NAME if it runs with a configuration changed since.
restart_if_changed() {
  if [ "$CONFIG_CHANGED" = 1 ] && pid_alive "$1"; then
    log "configuration of $1 changed; restarting it"
    stop_daemon "$1"
  fi
  CONFIG_CHANGED=0
}

kubectl_admin() { "$BIN_DIR/kubectl" --kubeconfig "$KUBECONFIG_FILE" "$@"; }
