#!/usr/bin/env bash
# Adds one EF Core migration for every database provider (see docs/adr/003).
# Usage: scripts/add-migration.sh <MigrationName>
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/Infrastructure -v q -nologo >/dev/null
for provider in Sqlite SqlServer PostgreSql; do
  dotnet ef migrations add "$name" --no-build \
    --project src/Infrastructure --startup-project src/Infrastructure \
    --context "${provider}ApplicationDbContext" \
    --output-dir "Persistence/Migrations/$provider"
done
