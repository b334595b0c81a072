#!/bin/sh
# Runs inside a busybox pod: pushes to and pulls from the cluster's registry over the
# Registry HTTP API with nothing but busybox. Usage: registry-probe.sh HOST:PORT
#   1. uploads a blob (POST to start the upload, PUT with the digest to finish it)
#   2. reads the blob back and compares its digest
#   3. mounts the layers and config of library/busybox:latest into e2e/pushed-by-pod and
#      pushes the busybox manifest under that name, for the node to pull afterwards
# busybox wget cannot send PUT, so PUTs are written to the socket with nc.
set -eu
registry=$1
host=${registry%:*}
port=${registry##*:}
base=http://$registry/v2
work=$(mktemp -d)

fail() { echo "FAIL: $*"; exit 1; }

# http_put PATH CONTENT_TYPE FILE: prints the status line of the response.
http_put() {
  len=$(wc -c < "$3")
  {
    printf 'PUT %s HTTP/1.0\r\nHost: %s\r\nContent-Type: %s\r\n' "$1" "$registry" "$2"
    printf 'Content-Length: %s\r\nConnection: close\r\n\r\n' "$len"
    cat "$3"
  } > "$work/request"
  nc -w 10 "$host" "$port" < "$work/request" | head -1 | tr -d '\r'
}

# start_upload REPO [QUERY]: prints the upload location path, or "mounted" for a mount.
start_upload() {
  wget -S -O /dev/null --post-data '' "$base/$1/blobs/uploads/${2:-}" 2> "$work/headers" || true
  if grep -q 'HTTP/1.1 201' "$work/headers"; then echo mounted; return; fi
  grep -q 'HTTP/1.1 202' "$work/headers" || { cat "$work/headers"; fail "upload start for $1"; }
  sed -n 's/^ *[Ll]ocation: *//p' "$work/headers" | tr -d '\r' | sed "s#^http://[^/]*##"
}

echo "strata e2e probe $(date +%s) $$" > "$work/blob"
digest=sha256:$(sha256sum "$work/blob" | cut -d' ' -f1)

location=$(start_upload e2e/probe)
case "$location" in *\?*) sep='&' ;; *) sep='?' ;; esac
status=$(http_put "$location${sep}digest=$digest" application/octet-stream "$work/blob")
echo "$status" | grep -q ' 201' || fail "blob upload finished with: $status"
echo "pushed blob $digest"

wget -q -O "$work/pulled" "$base/e2e/probe/blobs/$digest" || fail "blob download"
pulled=sha256:$(sha256sum "$work/pulled" | cut -d' ' -f1)
[ "$pulled" = "$digest" ] || fail "pulled blob has digest $pulled, pushed $digest"
echo "pulled blob $digest"

accept='application/vnd.oci.image.manifest.v1+json'
wget -q -O "$work/manifest" --header "Accept: $accept" "$base/library/busybox/manifests/latest" ||
  fail "manifest download"
for d in $(grep -o 'sha256:[0-9a-f]\{64\}' "$work/manifest"); do
  result=$(start_upload e2e/pushed-by-pod "?mount=$d&from=library/busybox")
  [ "$result" = mounted ] || fail "mounting $d"
done
status=$(http_put /v2/e2e/pushed-by-pod/manifests/latest "$accept" "$work/manifest")
echo "$status" | grep -q ' 201' || fail "manifest push finished with: $status"
echo "pushed manifest e2e/pushed-by-pod:latest"
echo "PROBE OK"
