#!/usr/bin/env bash
# Installs nginx from Debian's packages when it is missing: the reverse proxy in front of two app instances in
# test/integration/several-instances.test.ts and `npm run bench -- --only scale` (docs/decisions/030).
# Run as root (CI is); the package's service is not started (the tests start their own nginx on free ports).
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then exit 0; fi
echo "== installing nginx (Debian package nginx-light)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
