# Images the cluster runs, built on this machine by Strata's own builder (the CLI at the
# root of this checkout) and pushed to the cluster's registry. Sourced after common.sh.

ROOT_DIR=$(cd "$E2E_DIR/.." && pwd)
SHARED_DIR=${STRATA_SHARED:-$(cd "$ROOT_DIR/.." && pwd)/shared}
IMAGES_DIR=$CLUSTER_DIR/images
STRATA_CACHE=$CLUSTER_DIR/cache/strata

# image_in_registry NAME:TAG: the registry already serves a manifest for NAME:TAG.
image_in_registry() {
  local name=${1%:*} tag=${1##*:}
  curl -fs -o /dev/null -I \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REGISTRY/v2/$name/manifests/$tag"
}

# ensure_strata: the Strata CLI is built (mvn package of the builder when it is not).
ensure_strata() {
  ls "$ROOT_DIR"/builder/target/strata-builder-*.jar >/dev/null 2>&1 &&
    [ -d "$ROOT_DIR/builder/target/lib" ] && return 0
  log "building the Strata CLI"
  (cd "$ROOT_DIR" && mvn -B -q package -DskipTests -pl builder) ||
    { log "building the Strata CLI failed"; return 1; }
}

# strata_image NAME:TAG CONTEXT [STRATA BUILD OPTIONS...]
#   Builds the Dockerfile of CONTEXT with Strata and pushes it as $REGISTRY/NAME:TAG, with
#   the cluster's registry as Docker Hub mirror (FROM busybox is its library/busybox).
strata_image() {
  local ref=$1 context=$2 name; shift 2
  name=$(echo "$ref" | tr '/:' '__')
  ensure_strata || return 1
  mkdir -p "$LOG_DIR"
  "$ROOT_DIR/strata" build --context "$context" --destination "$REGISTRY/$ref" \
    --insecure-registry "$REGISTRY" --registry-mirror "$REGISTRY" --cache-dir "$STRATA_CACHE" \
    "$@" > "$LOG_DIR/image-$name.json" 2> "$LOG_DIR/image-$name.log" ||
    { log "building $ref failed; see $LOG_DIR/image-$name.log"; tail -3 "$LOG_DIR/image-$name.log" >&2; return 1; }
  log "built and pushed $REGISTRY/$ref"
}

# A scratch directory for an image's root filesystem, removed by the caller.
new_rootfs() {
  mkdir -p "$IMAGES_DIR/work"
  mktemp -d "$IMAGES_DIR/work/rootfs.XXXXXX"
}

build_pause_image() {
  local ref=strata/pause:3.10 context
  image_in_registry "$ref" && return 0
  context=$(new_rootfs)
  gcc -static -Os -s -o "$context/pause" "$E2E_DIR/images/pause.c" || return 1
  printf 'FROM scratch\nCOPY pause /pause\nUSER 65535:65535\nENTRYPOINT ["/pause"]\n' \
    > "$context/Dockerfile"
  strata_image "$ref" "$context"
  local rc=$?
  rm -rf "$context"
  return $rc
}

# The seed example busybox-base: Debian's static busybox with a link for each applet. It is
# what FROM busybox means everywhere in the project.
build_busybox_image() {
  local ref=library/busybox:latest context
  image_in_registry "$ref" && return 0
  context=$(new_rootfs)
  cp /bin/busybox "$SHARED_DIR/seed-examples/busybox-base/Dockerfile" "$context/" || return 1
  strata_image "$ref" "$context"
  local rc=$?
  rm -rf "$context"
  return $rc
}

build_cluster_images() {
  build_pause_image
  build_busybox_image
}
