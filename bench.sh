#!/usr/bin/env sh
# Builds every module (without tests) and runs the benchmarks: the whole system as ./run-local.sh
# starts it (embedded PostgreSQL 17, a Kafka broker process, the three services), six scenarios each
# beside its raw PostgreSQL or Kafka baseline in the same run. Writes bench/results/latest.md and
# latest.json (smoke: bench/target/smoke-results). See bench/README.md.
#   ./bench.sh                full run (about 12-30 minutes on 2 cores)
#   ./bench.sh --smoke        a few seconds per scenario; figures printed, goals not asserted
#   ./bench.sh --only 1,4     some scenarios only
set -eu
cd "$(dirname "$0")"
./mvnw -B -q install -DskipTests
exec java -Xmx1g -jar bench/target/grants-bench.jar "$@"
