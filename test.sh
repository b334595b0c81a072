#!/usr/bin/env bash
# The whole test suite, in four parts:
#   1. Kubernetes binaries (kube-apiserver, etcd, kubelet, …, kubectl, helm) built from Go
#      modules into e2e/.cluster/bin; a second run takes seconds.
#   2. mvn verify: unit tests (*Test), then integration tests (*IT) against real servers the
#      tests start themselves: registries on 127.0.0.1 for the builder, a kube-apiserver with
#      etcd on 127.0.0.1 for the operator.
#   3. e2e/test-cluster.sh: a real single-node cluster from nothing, checked, stopped.
#   4. e2e/test-operator.sh: Strata installed with Helm on that cluster and used as users do.
# STRATA_SKIP_E2E=1 stops after part 2. Needs the packages of scripts/install-deps.sh and
# e2e/install-deps.sh (.ci/run installs them) and root for parts 3 and 4.
set -uo pipefail
cd "$(dirname "$0")"
root=$PWD
bin=$root/e2e/.cluster/bin
status=0
summary=()

mvn -B -q package -DskipTests || exit 1
e2e/kube/build.sh "$bin" || exit 1

if STRATA_TEST_KUBE_APISERVER=$bin/kube-apiserver STRATA_TEST_ETCD=$bin/etcd mvn -B verify "$@"; then
  summary+=("mvn verify: passed")
else
  summary+=("mvn verify: FAILED"); status=1
fi

if [ "${STRATA_SKIP_E2E:-}" != 1 ]; then
  for test in e2e/test-cluster.sh e2e/test-operator.sh; do
    if "$test"; then
      summary+=("$test: passed")
    else
      summary+=("$test: FAILED"); status=1
    fi
  done
  e2e/cluster.sh down >/dev/null 2>&1 || true
fi

printf '%s\n' "${summary[@]}"
failed=$(printf '%s\n' "${summary[@]}" | grep -c FAILED)
echo "suites: $(( ${#summary[@]} - failed )) passed, $failed failed"
exit $status
