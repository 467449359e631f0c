#!/usr/bin/env sh
# Builds every module (without tests) and runs the whole system on this machine: PostgreSQL, a Kafka
# broker and the three services, with one bearer token per role. Needs only JDK 17+; see
# deploy/README.md. Ctrl-C stops everything it started.
#   ./run-local.sh             build and run
#   ./run-local.sh keys [DIR]  write a JWT key pair and tokens (for docker compose)
#   ./run-local.sh --help
set -eu
cd "$(dirname "$0")"
./mvnw -B -q install -DskipTests
exec java -jar launcher/target/grants-launcher.jar "$@"
