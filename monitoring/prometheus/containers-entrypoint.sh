#!/bin/sh
# Prometheus reads no environment variables in its configuration, and the targets and Qdrant's API key are only known
# once the AppHost (or the deployment) has placed the services: write them into a configuration of Prometheus's own
# (in PROMETHEUS_HOME, its data volume), then run the command given, which reads it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
home=${PROMETHEUS_HOME:-/prometheus}
quoted() { printf '"%s"' "$1" | sed 's/,/", "/g'; }
umask 077
printf '%s' "${QDRANT_API_KEY:-}" > "$home/qdrant-apikey"
sed -e "s|@API_TARGET@|$(quoted "$API_TARGET")|" \
    -e "s|@WORKER_TARGET@|$(quoted "$WORKER_TARGET")|" \
    -e "s|@QDRANT_TARGETS@|$(quoted "$QDRANT_TARGETS")|" \
    -e "s|@RULES@|$here/alerts.yml|" \
    -e "s|@HOME@|$home|" \
    "$here/prometheus.containers.yml" > "$home/prometheus.yml"
exec "$@"
