#!/usr/bin/env bash
# Load test: wrk at 64 connections for 60 s (or $1 seconds) against an authenticated GET /api/vapi/agents and
# GET /api/vapi/metrics of a real WebApi process, on SQLite and on PostgreSQL. Needs wrk and, for PostgreSQL,
# a server (see README, Testing). Prints a Markdown table of rps, p99, errors and non-2xx answers.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
report=$(mktemp)
echo "| database | route | duration | requests | rps | p99 | socket errors | non-2xx |" > "$report"
echo "|---|---|---|---|---|---|---|---|" >> "$report"
VAPIAGENTS_LOAD_SECONDS=$seconds VAPIAGENTS_LOAD_REPORT=$report \
  dotnet test tests/WebApi.FunctionalTests -c Release --filter "Category=Load" --logger "console;verbosity=normal" >&2
cat "$report"
