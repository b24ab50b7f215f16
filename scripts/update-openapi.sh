#!/usr/bin/env bash
# Rewrites openapi.json from the document the app serves and regenerates the typed client (src/Client) from it.
# Run after adding or changing routes (or merging branches that do), then commit both files.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/WebApi.FunctionalTests -c Release -v q -nologo
UPDATE_OPENAPI=1 dotnet test tests/WebApi.FunctionalTests -c Release --no-build \
  --filter "FullyQualifiedName~OpenApiSnapshotTests.TheCommittedOpenApiJson" -v q
UPDATE_OPENAPI=1 dotnet test tests/WebApi.FunctionalTests -c Release --no-build \
  --filter "FullyQualifiedName~OpenApiSnapshotTests.TheCommittedClient" -v q
# The regenerated client must compile into the package.
dotnet build src/Client -c Release -v q -nologo
git status --short openapi.json src/Client
