#!/usr/bin/env bash
# Runs the background-work tests N times in a row (the schedule, two instances, queued syncs, the sweeper,
# SIGKILL, the dashboard's sync dialog) and prints "N runs, N green". PostgreSQL variants run when
# VAPIAGENTS_TEST_POSTGRES is set (see README, Testing).
# Usage: scripts/soak.sh [runs]
set -uo pipefail
runs=${1:-20}
cd "$(dirname "$0")/.."
log_dir=artifacts/soak
rm -rf "$log_dir"
mkdir -p "$log_dir"
dotnet build VapiAgents.sln -c Release -v q -nologo >/dev/null || { echo "build failed"; exit 1; }
filter_api="FullyQualifiedName~BackgroundWork|FullyQualifiedName~Schedule|FullyQualifiedName~Reliability.KillTests"
filter_browser="FullyQualifiedName~SyncTests|FullyQualifiedName~OverviewTests"
green=0
for i in $(seq 1 "$runs"); do
  started=$(date +%s)
  if dotnet test tests/WebApi.FunctionalTests -c Release --no-build --filter "$filter_api" >"$log_dir/run-$i-api.log" 2>&1 \
     && dotnet test tests/Dashboard.BrowserTests -c Release --no-build --filter "$filter_browser" >"$log_dir/run-$i-browser.log" 2>&1; then
    green=$((green + 1))
    echo "run $i: green in $(( $(date +%s) - started )) s"
  else
    echo "run $i: RED in $(( $(date +%s) - started )) s (logs in $log_dir/run-$i-*.log)"
  fi
done
echo "$runs runs, $green green"
[ "$green" -eq "$runs" ]
