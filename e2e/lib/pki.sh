# Certificates, service-account keys and kubeconfigs of the e2e cluster, made with
# openssl. Sourced after common.sh. Existing files are kept, so a second `up` reuses them.

# sign_cert NAME SUBJECT EXT_KEY_USAGE [SUBJECT_ALT_NAMES]: a 2048-bit RSA key and a
# certificate signed by the cluster CA, valid for a year.
sign_cert() {
  local name=$1 subject=$2 usage=$3 sans=${4:-}
  [ -f "$PKI_DIR/$name.crt" ] && return 0
  local ext="$PKI_DIR/$name.ext"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$usage"
    if [ -n "$sans" ]; then echo "subjectAltName=$sans"; fi
  } > "$ext"
  openssl req -new -newkey rsa:2048 -nodes -keyout "$PKI_DIR/$name.key" \
    -subj "$subject" -out "$PKI_DIR/$name.csr" 2>/dev/null
  openssl x509 -req -in "$PKI_DIR/$name.csr" -CA "$PKI_DIR/ca.crt" -CAkey "$PKI_DIR/ca.key" \
    -CAcreateserial -days 365 -extfile "$ext" -out "$PKI_DIR/$name.crt" 2>/dev/null
  rm -f "$PKI_DIR/$name.csr" "$ext"
}

# write_kubeconfig FILE USER_CERT_NAME: a kubeconfig for the API server at the node
# address, authenticating with the client certificate USER_CERT_NAME.crt.
write_kubeconfig() {
  local file=$1 user=$2
  write_config "$file" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: strata-e2e
  cluster:
    server: https://$NODE_IP:$APISERVER_PORT
    certificate-authority-data: $(base64 -w0 < "$PKI_DIR/ca.crt")
users:
- name: $user
  user:
    client-certificate-data: $(base64 -w0 < "$PKI_DIR/$user.crt")
    client-key-data: $(base64 -w0 < "$PKI_DIR/$user.key")
contexts:
- name: strata-e2e
  context:
    cluster: strata-e2e
    user: $user
current-context: strata-e2e
KUBECONFIG
  chmod 600 "$file"
}

make_pki() {
  mkdir -p "$PKI_DIR"
  chmod 700 "$PKI_DIR"
  if [ ! -f "$PKI_DIR/ca.crt" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout "$PKI_DIR/ca.key" \
      -subj "/CN=strata-e2e-ca" -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
      -out "$PKI_DIR/ca.crt" 2>/dev/null
  fi

  local apiserver_sans="IP:$NODE_IP,IP:$KUBERNETES_SERVICE_IP,IP:127.0.0.1,DNS:localhost"
  apiserver_sans+=",DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc"
  apiserver_sans+=",DNS:kubernetes.default.svc.cluster.local"
  sign_cert apiserver "/CN=kube-apiserver" serverAuth "$apiserver_sans"
  sign_cert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" clientAuth
  sign_cert admin "/O=system:masters/CN=strata-e2e-admin" clientAuth
  sign_cert controller-manager "/CN=system:kube-controller-manager" clientAuth
  sign_cert scheduler "/CN=system:kube-scheduler" clientAuth
  sign_cert kube-proxy "/CN=system:kube-proxy" clientAuth
  sign_cert kubelet "/O=system:nodes/CN=system:node:$NODE_NAME" clientAuth
  sign_cert kubelet-serving "/CN=$NODE_NAME" serverAuth "IP:$NODE_IP,DNS:$NODE_NAME"

  if [ ! -f "$PKI_DIR/sa.key" ]; then
    openssl genrsa -out "$PKI_DIR/sa.key" 2048 2>/dev/null
    openssl rsa -in "$PKI_DIR/sa.key" -pubout -out "$PKI_DIR/sa.pub" 2>/dev/null
  fi

  write_kubeconfig "$KUBECONFIG_FILE" admin
  local c
  for c in controller-manager scheduler kube-proxy kubelet; do
    write_kubeconfig "$PKI_DIR/$c.kubeconfig" "$c"
  done
}
