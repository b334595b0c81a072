#!/usr/bin/env bash
# Builds the cluster's binaries into OUTDIR (default ../.cluster/bin):
#   kube   one binary running etcd, kube-apiserver, kube-controller-manager,
#          kube-scheduler, kubelet, kube-proxy and kubectl (symlinks name the component)
#   helm   Helm v3 built from its own module at a release matching this Kubernetes minor
# Go's build and module caches make a second run take seconds.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../.cluster/bin}
mkdir -p "$out"
out=$(cd "$out" && pwd)

KUBE_VERSION=$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v1\./ {print $2; exit}' "$here/go.mod")
[ -n "$KUBE_VERSION" ] || { echo "build.sh: no k8s.io/kubernetes version in go.mod" >&2; exit 1; }
HELM_VERSION=${HELM_VERSION:-v3.19.5}   # the Helm release built against k8s.io/client-go v0.34
minor=$(echo "$KUBE_VERSION" | cut -d. -f2)

# Without these the components report v0.0.0-master and kubectl warns about version skew.
vpkg=k8s.io/component-base/version
kube_ldflags="-s -w -X $vpkg.gitVersion=$KUBE_VERSION -X $vpkg.gitMajor=1 -X $vpkg.gitMinor=$minor"
kube_ldflags+=" -X $vpkg.gitTreeState=clean -X $vpkg.buildDate=1970-01-01T00:00:00Z"

# Static binaries, as Kubernetes releases them; paths of this machine stay out of them.
export CGO_ENABLED=${CGO_ENABLED:-0}

(cd "$here" && go build -trimpath -ldflags "$kube_ldflags" -o "$out/kube" .)
for c in etcd kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl; do
  ln -sfn kube "$out/$c"
done

GOBIN="$out" go install -trimpath -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" \
  "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
