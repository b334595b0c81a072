#!/usr/bin/env bash
# The whole test suite: unit tests, then integration tests against a real registry
# (started by the tests themselves on 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B verify "$@"
