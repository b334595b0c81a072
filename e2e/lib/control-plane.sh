# etcd, kube-apiserver, kube-controller-manager and kube-scheduler. Sourced after
# common.sh and pki.sh.

start_etcd() {
  mkdir -p "$STATE_DIR/etcd"
  chmod 700 "$STATE_DIR/etcd"
  # Loopback only, plain http: the API server is its only client.
  start_daemon etcd "$BIN_DIR/etcd" \
    --name "$NODE_NAME" --data-dir "$STATE_DIR/etcd" \
    --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
    --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
    --initial-cluster "$NODE_NAME=http://127.0.0.1:2380" --log-level warn
  wait_for "etcd health" 60 curl -fsS http://127.0.0.1:2379/health
}

start_apiserver() {
  start_daemon kube-apiserver "$BIN_DIR/kube-apiserver" \
    --etcd-servers=http://127.0.0.1:2379 \
    --bind-address="$NODE_IP" --advertise-address="$NODE_IP" --secure-port="$APISERVER_PORT" \
    --tls-cert-file="$PKI_DIR/apiserver.crt" --tls-private-key-file="$PKI_DIR/apiserver.key" \
    --client-ca-file="$PKI_DIR/ca.crt" \
    --kubelet-client-certificate="$PKI_DIR/apiserver-kubelet-client.crt" \
    --kubelet-client-key="$PKI_DIR/apiserver-kubelet-client.key" \
    --kubelet-certificate-authority="$PKI_DIR/ca.crt" \
    --kubelet-preferred-address-types=InternalIP \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$PKI_DIR/sa.pub" \
    --service-account-signing-key-file="$PKI_DIR/sa.key" \
    --service-cluster-ip-range="$SERVICE_CIDR" \
    --authorization-mode=Node,RBAC \
    --enable-admission-plugins=NodeRestriction \
    --allow-privileged=true \
    --profiling=false \
    --v=1
  wait_for "kube-apiserver /readyz" 120 kubectl_admin get --raw /readyz
}

start_controller_manager() {
  local kc=$PKI_DIR/controller-manager.kubeconfig
  start_daemon kube-controller-manager "$BIN_DIR/kube-controller-manager" \
    --kubeconfig="$kc" --authentication-kubeconfig="$kc" --authorization-kubeconfig="$kc" \
    --bind-address=127.0.0.1 --leader-elect=false \
    --root-ca-file="$PKI_DIR/ca.crt" \
    --service-account-private-key-file="$PKI_DIR/sa.key" \
    --use-service-account-credentials=true \
    --cluster-signing-cert-file="$PKI_DIR/ca.crt" --cluster-signing-key-file="$PKI_DIR/ca.key" \
    --service-cluster-ip-range="$SERVICE_CIDR" \
    --profiling=false --v=1
}

start_scheduler() {
  local kc=$PKI_DIR/scheduler.kubeconfig
  start_daemon kube-scheduler "$BIN_DIR/kube-scheduler" \
    --kubeconfig="$kc" --authentication-kubeconfig="$kc" --authorization-kubeconfig="$kc" \
    --bind-address=127.0.0.1 --leader-elect=false --profiling=false --v=1
}
