# The node: its address and pod network, the registry, containerd, kubelet and
# kube-proxy. Sourced after common.sh and pki.sh.

GUARD_CHAIN=STRATA-E2E-EGRESS
# containerd 1.6 offers no setting for libcni's result cache; it stays in the default.
CNI_CACHE_DIR=/var/lib/cni
PUBLIC_REGISTRY_NAMES=(docker.io registry.k8s.io quay.io ghcr.io gcr.io mcr.microsoft.com
  public.ecr.aws)

# The node's links, chains and sysctls belong to the machine, not to one cluster
# directory: the cluster directory that set them up records it in run/network, and only
# that one takes them down again.
require_network_owner() {
  if ip link show "$NODE_LINK" >/dev/null 2>&1 && [ ! -f "$RUN_DIR/network" ]; then
    die "$NODE_LINK exists but was not set up from $CLUSTER_DIR; another e2e cluster" \
      "runs on this machine: take it down with its own cluster.sh down, or, if none runs," \
      "remove the link with: ip link del $NODE_LINK"
  fi
}

setup_network() {
  require_network_owner
  touch "$RUN_DIR/network"
  if ! ip link show "$NODE_LINK" >/dev/null 2>&1; then
    ip link add "$NODE_LINK" type bridge
  fi
  ip addr replace "$NODE_IP/32" dev "$NODE_LINK"
  ip link set "$NODE_LINK" up

  # Pods talk to each other and to Services through the bridge, which needs forwarding.
  # The previous settings are restored by `down`.
  save_sysctls
  echo 1 > /proc/sys/net/ipv4/ip_forward

  # Pod traffic must never leave the machine: anything forwarded from the pod network
  # to an address outside it is dropped. Traffic to the node (registry, API server) is
  # local delivery, not forwarding, and is unaffected.
  iptables -N "$GUARD_CHAIN" 2>/dev/null || iptables -F "$GUARD_CHAIN"
  iptables -A "$GUARD_CHAIN" -s "$POD_CIDR" -d "$POD_CIDR" -j RETURN
  iptables -A "$GUARD_CHAIN" -s "$POD_CIDR" -j DROP
  iptables -C FORWARD -j "$GUARD_CHAIN" 2>/dev/null || iptables -I FORWARD 1 -j "$GUARD_CHAIN"

  # Pods get a resolver that answers nothing rather than the machine's upstream one.
  echo "nameserver $NODE_IP" | write_config "$CONF_DIR/resolv.conf"

  mkdir -p "$CONF_DIR/cni"
  write_config "$CONF_DIR/cni/10-strata-e2e.conflist" <<CNI
{
  "cniVersion": "1.0.0",
  "name": "strata-e2e",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$POD_BRIDGE",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$STATE_DIR/cni-ipam",
        "ranges": [[{"subnet": "$POD_CIDR", "gateway": "$POD_GATEWAY"}]],
        "routes": [{"dst": "0.0.0.0/0"}]
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
CNI
}

# Chains kubelet creates for itself; `kube-proxy --cleanup` removes kube-proxy's.
KUBELET_CHAINS=(KUBE-FIREWALL KUBE-KUBELET-CANARY KUBE-IPTABLES-HINT)

remove_kubelet_chains() {
  local ipt table chain
  for ipt in iptables ip6tables; do
    command -v "$ipt" >/dev/null || continue
    for table in filter nat mangle; do
      for chain in "${KUBELET_CHAINS[@]}"; do
        "$ipt" -t "$table" -S "$chain" >/dev/null 2>&1 || continue
        while "$ipt" -t "$table" -D INPUT -j "$chain" 2>/dev/null; do :; done
        while "$ipt" -t "$table" -D OUTPUT -j "$chain" 2>/dev/null; do :; done
        "$ipt" -t "$table" -F "$chain" 2>/dev/null || true
        "$ipt" -t "$table" -X "$chain" 2>/dev/null || true
      done
    done
  done
}

# ip_forward is set by `up`; kubelet sets the others as it does on every node.
SYSCTLS=(net/ipv4/ip_forward vm/overcommit_memory kernel/panic kernel/panic_on_oops)

# Records the sysctls' values before the cluster first changes them; `down` restores them.
save_sysctls() {
  local s
  [ -f "$RUN_DIR/sysctl.orig" ] && return 0
  for s in "${SYSCTLS[@]}"; do echo "$s $(cat "/proc/sys/$s")"; done > "$RUN_DIR/sysctl.orig"
}

restore_sysctls() {
  local s v
  [ -f "$RUN_DIR/sysctl.orig" ] || return 0
  while read -r s v; do echo "$v" > "/proc/sys/$s"; done < "$RUN_DIR/sysctl.orig"
  rm -f "$RUN_DIR/sysctl.orig"
}

teardown_network() {
  [ -f "$RUN_DIR/network" ] || return 0
  remove_kubelet_chains
  iptables -D FORWARD -j "$GUARD_CHAIN" 2>/dev/null || true
  iptables -F "$GUARD_CHAIN" 2>/dev/null || true
  iptables -X "$GUARD_CHAIN" 2>/dev/null || true
  ip link del "$POD_BRIDGE" 2>/dev/null || true
  ip link del "$NODE_LINK" 2>/dev/null || true
  restore_sysctls
  rm -f "$RUN_DIR/network"
}

start_registry() {
  CONFIG_CHANGED=0
  mkdir -p "$STATE_DIR/registry"
  write_config "$CONF_DIR/registry.yml" <<REG
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $STATE_DIR/registry
  delete:
    enabled: true
http:
  addr: $REGISTRY
  headers:
    X-Content-Type-Options: [nosniff]
REG
  restart_if_changed registry
  start_daemon registry /usr/bin/docker-registry serve "$CONF_DIR/registry.yml"
  wait_for "registry at $REGISTRY" 30 curl -fsS "http://$REGISTRY/v2/"
  echo "$REGISTRY" > "$REGISTRY_FILE"
}

start_containerd() {
  CONFIG_CHANGED=0
  mkdir -p "$STATE_DIR/containerd" "$RUN_DIR/containerd"
  # Image names of the public registries resolve to the cluster's registry too, so a
  # short name such as "busybox" is served from here and nothing is fetched from outside.
  local name
  for name in "$REGISTRY" "${PUBLIC_REGISTRY_NAMES[@]}"; do
    mkdir -p "$CONF_DIR/certs.d/$name"
    write_config "$CONF_DIR/certs.d/$name/hosts.toml" <<HOSTS
server = "http://$REGISTRY"

[host."http://$REGISTRY"]
  capabilities = ["pull", "resolve"]
HOSTS
  done
  write_config "$CONF_DIR/containerd.toml" <<TOML
version = 2
root = "$STATE_DIR/containerd"
state = "$RUN_DIR/containerd"
disabled_plugins = ["io.containerd.internal.v1.opt", "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper",
  "io.containerd.snapshotter.v1.aufs"]

[grpc]
  address = "$CONTAINERD_SOCK"

[ttrpc]
  address = "$CONTAINERD_SOCK.ttrpc"

[metrics]
  address = ""

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  netns_mounts_under_state_dir = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  enable_selinux = false
  # This machine withholds CAP_SYS_RESOURCE even from root, so no process may lower its
  # oom_score_adj; kubelet's negative scores for sandboxes are raised to containerd's own.
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$RUN_DIR/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$CONF_DIR/cni"
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "$CONF_DIR/certs.d"
TOML
  restart_if_changed containerd
  start_daemon containerd /usr/bin/containerd --config "$CONF_DIR/containerd.toml"
  wait_for "containerd socket" 30 ctr_k8s version
}

ctr_k8s() { ctr --address "$CONTAINERD_SOCK" --namespace k8s.io "$@"; }

start_kubelet() {
  CONFIG_CHANGED=0
  mkdir -p "$STATE_DIR/kubelet"
  write_config "$CONF_DIR/kubelet.yaml" <<KUBELET
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
readOnlyPort: 0
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI_DIR/ca.crt}
authorization:
  mode: Webhook
tlsCertFile: $PKI_DIR/kubelet-serving.crt
tlsPrivateKeyFile: $PKI_DIR/kubelet-serving.key
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
# This machine has cgroup v1 and no systemd as init.
cgroupDriver: cgroupfs
failCgroupV1: false
clusterDomain: cluster.local
resolvConf: $CONF_DIR/resolv.conf
failSwapOn: false
healthzBindAddress: 127.0.0.1
podPidsLimit: 4096
serializeImagePulls: false
imageGCHighThresholdPercent: 95
imageGCLowThresholdPercent: 90
evictionHard:
  memory.available: "100Mi"
  nodefs.available: "2%"
  imagefs.available: "2%"
KUBELET
  restart_if_changed kubelet
  start_daemon kubelet "$BIN_DIR/kubelet" \
    --config="$CONF_DIR/kubelet.yaml" --kubeconfig="$PKI_DIR/kubelet.kubeconfig" \
    --root-dir="$STATE_DIR/kubelet" --node-ip="$NODE_IP" --hostname-override="$NODE_NAME" \
    --v=1
}

start_kube_proxy() {
  CONFIG_CHANGED=0
  write_config "$CONF_DIR/kube-proxy.yaml" <<PROXY
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
clusterCIDR: $POD_CIDR
hostnameOverride: $NODE_NAME
bindAddress: $NODE_IP
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
nodePortAddresses: ["$NODE_IP/32"]
clientConnection:
  kubeconfig: $PKI_DIR/kube-proxy.kubeconfig
# Leave the machine's conntrack sysctls as they are.
conntrack:
  maxPerCore: 0
  min: 0
  tcpEstablishedTimeout: 0s
  tcpCloseWaitTimeout: 0s
PROXY
  restart_if_changed kube-proxy
  start_daemon kube-proxy "$BIN_DIR/kube-proxy" --config="$CONF_DIR/kube-proxy.yaml" --v=1
}
