#!/usr/bin/env bash
# Lints OpenAPI documents with Spectral (spectral:oas) and Redocly (recommended, strict): the build
# runs it on each service's document (target/openapi/openapi.yaml, written by Quarkus at package
# time) and fails on any error or warning. The linters come from the npm registry at the versions
# in package-lock.json, installed here on first use.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "$#" -eq 0 ]; then
  echo "usage: $0 openapi.yaml..." >&2
  exit 2
fi
if [ ! -x "$here/node_modules/.bin/spectral" ] || [ ! -x "$here/node_modules/.bin/redocly" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
for document in "$@"; do
  echo "[api-lint] Spectral spectral:oas: $document"
  "$here/node_modules/.bin/spectral" lint --ruleset "$here/.spectral.yaml" --fail-severity=warn "$document"
  echo "[api-lint] Redocly recommended (strict): $document"
  "$here/node_modules/.bin/redocly" lint --config "$here/redocly.yaml" --format=stylish "$document"
done
