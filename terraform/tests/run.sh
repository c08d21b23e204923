#!/usr/bin/env bash
# Static tests of the Terraform (no terraform binary or cloud access needed): HCL parsing, policy and consistency
# checks. Installs the pinned test dependencies on first use.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -d node_modules/@cdktf/hcl2json ] || [ ! -d node_modules/yaml ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

exec node --test ./*.test.js
