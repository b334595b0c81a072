#!/usr/bin/env bash
# Installs the Debian packages Strata's builder and its tests use: proot runs RUN steps,
# docker-registry is the real registry the tests push to, skopeo and umoci check images with
# tools that are not ours, buildah is the peer in the benchmarks.
set -euo pipefail
packages=(proot busybox-static docker-registry skopeo umoci apache2-utils buildah util-linux)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
