# Images the cluster runs, built on this machine and pushed to the cluster's registry.
# Sourced after common.sh.
#
# pack_image is the one place that turns a directory into an image. It uses umoci and
# skopeo for now; Strata's own builder is meant to replace it, with the same arguments.

IMAGES_DIR=$CLUSTER_DIR/images
OCI_LAYOUT=$IMAGES_DIR/oci

# image_in_registry NAME:TAG: the registry already serves a manifest for NAME:TAG.
image_in_registry() {
  local name=${1%:*} tag=${1##*:}
  curl -fs -o /dev/null -I \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REGISTRY/v2/$name/manifests/$tag"
}

# pack_image NAME:TAG BASE ROOTFS [UMOCI_CONFIG_FLAGS...]
#   Builds NAME:TAG as BASE (a NAME:TAG packed earlier, or "scratch") plus one layer
#   holding the contents of directory ROOTFS, applies the image configuration flags
#   (as `umoci config` takes them, e.g. --config.cmd sh), and pushes it to the
#   registry as $REGISTRY/NAME:TAG.
pack_image() {
  local ref=$1 base=$2 rootfs=$3; shift 3
  local tag base_tag
  tag=$(echo "$ref" | tr '/:' '__')
  [ -d "$OCI_LAYOUT" ] || umoci init --layout "$OCI_LAYOUT" || return 1

  if [ "$base" = scratch ]; then
    umoci rm --image "$OCI_LAYOUT:$tag" 2>/dev/null || true
    umoci new --image "$OCI_LAYOUT:$tag" || return 1
    umoci insert --image "$OCI_LAYOUT:$tag" --history.created_by "strata-e2e: $ref" \
      "$rootfs" / || return 1
  else
    base_tag=$(echo "$base" | tr '/:' '__')
    umoci insert --image "$OCI_LAYOUT:$base_tag" --tag "$tag" \
      --history.created_by "strata-e2e: $ref" "$rootfs" / ||
      { log "packing $ref failed: base $base is not in $OCI_LAYOUT"; return 1; }
  fi
  if [ $# -gt 0 ]; then
    umoci config --image "$OCI_LAYOUT:$tag" "$@" || return 1
  fi
  skopeo copy --quiet --insecure-policy --dest-tls-verify=false \
    "oci:$OCI_LAYOUT:$tag" "docker://$REGISTRY/$ref" ||
    { log "pushing $ref to $REGISTRY failed"; return 1; }
  log "pushed $REGISTRY/$ref"
}

# image_packed NAME:TAG: NAME:TAG is in the registry and in the local layout, where
# images built on top of it find it.
image_packed() {
  image_in_registry "$1" &&
    umoci stat --image "$OCI_LAYOUT:$(echo "$1" | tr '/:' '__')" >/dev/null 2>&1
}

# A scratch directory for an image's root filesystem, removed by the caller.
new_rootfs() {
  mkdir -p "$IMAGES_DIR/work"
  mktemp -d "$IMAGES_DIR/work/rootfs.XXXXXX"
}

build_pause_image() {
  local ref=strata/pause:3.10 rootfs
  image_in_registry "$ref" && return 0
  rootfs=$(new_rootfs)
  gcc -static -Os -s -o "$rootfs/pause" "$E2E_DIR/images/pause.c"
  pack_image "$ref" scratch "$rootfs" --config.entrypoint /pause --config.user 65535:65535
  rm -rf "$rootfs"
}

# Debian's static busybox with a link for each applet, a minimal /etc and /tmp.
build_busybox_image() {
  local ref=library/busybox:latest rootfs applet
  image_packed "$ref" && return 0
  rootfs=$(new_rootfs)
  mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp" "$rootfs/root" "$rootfs/home"
  chmod 1777 "$rootfs/tmp"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' \
    > "$rootfs/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' > "$rootfs/etc/group"
  pack_image "$ref" scratch "$rootfs" --config.cmd sh \
    --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  rm -rf "$rootfs"
}

build_cluster_images() {
  build_pause_image
  build_busybox_image
}
