#!/usr/bin/env bash
# The issue-15 protocol against an API that is starting: cold 10 s from the moment /health answers 200, 40 s of warm-up,
# then one client, 50 and 200 connections uncached and 50 cached, 30 s each. Usage (from the repository root):
#   TOKEN=$(python3 bench/wrk/mint-token.py "$KEY" bench) bench/wrk/measure.sh http://127.0.0.1:5081
set -u
api=${1:-http://127.0.0.1:5081}
export WRK_DIR=${WRK_DIR:-$(cd "$(dirname "$0")" && pwd)}
w() { wrk --timeout 10s -s "$WRK_DIR/search.lua" "$@" "$api" | grep -E "Requests/sec|^p50|Non-2xx|Socket errors"; }
started=$(date +%s.%N)
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$api/health")" = 200 ]; do sleep 0.05; done
echo "healthy after $(echo "$(date +%s.%N) - $started" | bc) s of waiting"
echo "-- cold: uncached, 50 connections, the first 10 s";   UNCACHED=1 w -t2 -c50 -d10s
echo "-- warm-up: uncached, 50 connections, 40 s";          UNCACHED=1 w -t2 -c50 -d40s | grep Requests/sec
echo "-- uncached, 1 connection, 30 s";                     UNCACHED=1 w -t1 -c1 -d30s
echo "-- uncached, 50 connections, 30 s";                   UNCACHED=1 w -t2 -c50 -d30s
echo "-- uncached, 200 connections, 30 s";                  UNCACHED=1 w -t2 -c200 -d30s
echo "-- cached, 50 connections, 30 s";                     UNCACHED=0 w -t2 -c50 -d30s
curl -s "$api/metrics" | grep -E '^rag_requests_shed_total|^rag_admission_limit'
