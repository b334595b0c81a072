#!/usr/bin/env bash
# Builds strata/java-base:17, a Java 17 runtime image on a Debian bookworm root
# filesystem (openjdk-17-jre-headless, proot, ca-certificates), and pushes it to the
# cluster's registry. The cluster must be up. The root filesystem is kept in
# e2e/.cluster/cache/java-base-rootfs, so a second run only packs and pushes, and a run
# with the image already in the registry does nothing.
#
# The Debian mirror is the one apt uses here; STRATA_E2E_DEBIAN_MIRROR overrides it.
set -euo pipefail

. "$(dirname "$0")/lib/common.sh"
. "$E2E_DIR/lib/images.sh"

REF=strata/java-base:17
ROOTFS=$CLUSTER_DIR/cache/java-base-rootfs
SUITE=bookworm

[ "$(id -u)" = 0 ] || die "debootstrap needs root"
curl -fsS -o /dev/null "http://$REGISTRY/v2/" ||
  die "the registry at $REGISTRY is not answering; run e2e/cluster.sh up first"

apt_mirror() {
  local uri
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  if [ -z "$uri" ]; then
    uri=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  fi
  [ -n "$uri" ] || die "no Debian mirror in the apt sources; set STRATA_E2E_DEBIAN_MIRROR"
  echo "$uri"
}

if image_in_registry "$REF"; then
  log "$REGISTRY/$REF is already in the registry"
  exit 0
fi

start=$SECONDS
if [ ! -f "$ROOTFS.complete" ]; then
  mirror=${STRATA_E2E_DEBIAN_MIRROR:-$(apt_mirror)}
  rm -rf "$ROOTFS" "$ROOTFS.complete"
  mkdir -p "$(dirname "$ROOTFS")"
  log "debootstrap $SUITE into $ROOTFS"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,proot,ca-certificates \
    "$SUITE" "$ROOTFS" "$mirror" > "$LOG_DIR/java-base-debootstrap.log" 2>&1 ||
    die "debootstrap failed; see $LOG_DIR/java-base-debootstrap.log"
  # Package caches and lists make the image larger and are of no use in it.
  rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/* \
    "$ROOTFS"/var/log/*.log "$ROOTFS"/var/cache/debconf/*-old
  touch "$ROOTFS.complete"
  log "root filesystem ready in $((SECONDS - start))s ($(du -sh "$ROOTFS" | cut -f1))"
fi

pack_start=$SECONDS
java_home=/usr/lib/jvm/java-17-openjdk-amd64
pack_image "$REF" scratch "$ROOTFS" \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --config.env JAVA_HOME=$java_home --config.env LANG=C.UTF-8 \
  --config.cmd java --config.cmd -version
log "packed and pushed $REGISTRY/$REF in $((SECONDS - pack_start))s (total $((SECONDS - start))s)"
