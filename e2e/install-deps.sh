#!/usr/bin/env bash
# Installs the Debian packages the e2e kit needs. Safe to run again: packages already
# present are skipped, and the package index is refreshed only when something is missing.
set -euo pipefail

PACKAGES=(
  containerd runc containernetworking-plugins   # node runtime and pod network
  iptables conntrack iproute2 util-linux kmod   # kube-proxy, bridges, mounts
  docker-registry                               # the cluster's image registry
  umoci skopeo                                  # packing images until Strata's builder lands
  busybox-static gcc libc6-dev                  # busybox image and the static pause program
  debootstrap                                   # root filesystem of strata/java-base
  openssl curl jq procps psmisc ca-certificates
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# The kit starts every daemon itself; keep the packages' service scripts from starting
# a second containerd or registry with the distribution's defaults.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}"

if ! command -v go >/dev/null 2>&1; then
  echo "install-deps: note: no Go toolchain on PATH; the kit builds Kubernetes with Go >= 1.24" >&2
fi
