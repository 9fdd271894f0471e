#!/bin/sh
# Prometheus reads no environment variables in its configuration, and the targets and Qdrant's API key are only known
# once the AppHost (or the deployment) has placed the services: write them into a configuration of its own, then run it.
set -eu
quoted() { printf '"%s"' "$1" | sed 's/,/", "/g'; }
umask 077
printf '%s' "${QDRANT_API_KEY:-}" > /prometheus/qdrant-apikey
sed -e "s|@API_TARGET@|$(quoted "$API_TARGET")|" \
    -e "s|@WORKER_TARGET@|$(quoted "$WORKER_TARGET")|" \
    -e "s|@QDRANT_TARGETS@|$(quoted "$QDRANT_TARGETS")|" \
    /etc/ragplatform/prometheus.containers.yml > /prometheus/prometheus.yml
exec /bin/prometheus --config.file=/prometheus/prometheus.yml --storage.tsdb.path=/prometheus \
  --storage.tsdb.retention.time=15d --web.listen-address=0.0.0.0:9090
