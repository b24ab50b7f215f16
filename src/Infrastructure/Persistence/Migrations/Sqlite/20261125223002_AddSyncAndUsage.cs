using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VapiAgents.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddSyncAndUsage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ConsecutiveKeyRejections",
                table: "VapiAgents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "SyncHighWaterMark",
                table: "VapiAgents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AgentSets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Members = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgentSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CallUsages",
                columns: table => new
                {
                    AgentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OrgId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AssistantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EndedReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DurationMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Cost = table.Column<long>(type: "INTEGER", nullable: false),
                    CostTransport = table.Column<long>(type: "INTEGER", nullable: false),
                    CostStt = table.Column<long>(type: "INTEGER", nullable: false),
                    CostLlm = table.Column<long>(type: "INTEGER", nullable: false),
                    CostTts = table.Column<long>(type: "INTEGER", nullable: false),
                    CostVapi = table.Column<long>(type: "INTEGER", nullable: false),
                    CostAnalysis = table.Column<long>(type: "INTEGER", nullable: false),
                    CostOther = table.Column<long>(type: "INTEGER", nullable: false),
                    LlmPromptTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    LlmCompletionTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    TtsCharacters = table.Column<long>(type: "INTEGER", nullable: false),
                    SuccessEvaluation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SuccessOutcome = table.Column<byte>(type: "INTEGER", nullable: false),
                    SyncedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallUsages", x => new { x.AgentId, x.CallId });
                    table.ForeignKey(
                        name: "FK_CallUsages_VapiAgents_AgentId",
                        column: x => x.AgentId,
                        principalTable: "VapiAgents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SyncLeases",
                columns: table => new
                {
                    AgentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncLeases", x => x.AgentId);
                });

            migrationBuilder.CreateTable(
                name: "SyncRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    WindowStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    WindowEnd = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Fetched = table.Column<int>(type: "INTEGER", nullable: false),
                    Created = table.Column<int>(type: "INTEGER", nullable: false),
                    Updated = table.Column<int>(type: "INTEGER", nullable: false),
                    Pages = table.Column<int>(type: "INTEGER", nullable: false),
                    SaturatedWindows = table.Column<int>(type: "INTEGER", nullable: false),
                    Skipped = table.Column<int>(type: "INTEGER", nullable: false),
                    QueuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SyncRuns_VapiAgents_AgentId",
                        column: x => x.AgentId,
                        principalTable: "VapiAgents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UsageKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Dimension = table.Column<byte>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UserSyncLocks",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSyncLocks", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "UsageRollups",
                columns: table => new
                {
                    AgentSetId = table.Column<long>(type: "INTEGER", nullable: false),
                    Granularity = table.Column<byte>(type: "INTEGER", nullable: false),
                    BucketStartMs = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Calls = table.Column<long>(type: "INTEGER", nullable: false),
                    DurationMs = table.Column<long>(type: "INTEGER", nullable: false),
                    CostUnits = table.Column<long>(type: "INTEGER", nullable: false),
                    TransportUnits = table.Column<long>(type: "INTEGER", nullable: false),
                    SttUnits = table.Column<long>(type: "INTEGER", nullable: false),
                    LlmUnits = table.Column<long>(type: "INTEGER", nullable: false),
                    TtsUnits = table.Column<long>(type: "INTEGER", nullable: false),
                    VapiUnits = table.Column<long>(type: "INTEGER", nullable: false),
                    AnalysisUnits = table.Column<long>(type: "INTEGER", nullable: false),
                    OtherUnits = table.Column<long>(type: "INTEGER", nullable: false),
                    LlmPromptTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    LlmCompletionTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    TtsCharacters = table.Column<long>(type: "INTEGER", nullable: false),
                    Passed = table.Column<long>(type: "INTEGER", nullable: false),
                    Failed = table.Column<long>(type: "INTEGER", nullable: false),
                    UnknownSuccess = table.Column<long>(type: "INTEGER", nullable: false),
                    Breakdown = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageRollups", x => new { x.AgentSetId, x.Granularity, x.BucketStartMs });
                    table.ForeignKey(
                        name: "FK_UsageRollups_AgentSets_AgentSetId",
                        column: x => x.AgentSetId,
                        principalTable: "AgentSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgentSets_UserId_Members",
                table: "AgentSets",
                columns: new[] { "UserId", "Members" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CallUsages_AgentId_CreatedAt",
                table: "CallUsages",
                columns: new[] { "AgentId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CallUsages_UserId_CallId",
                table: "CallUsages",
                columns: new[] { "UserId", "CallId" });

            migrationBuilder.CreateIndex(
                name: "IX_SyncRuns_AgentId_QueuedAt",
                table: "SyncRuns",
                columns: new[] { "AgentId", "QueuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SyncRuns_UserId_Trigger_QueuedAt",
                table: "SyncRuns",
                columns: new[] { "UserId", "Trigger", "QueuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageKeys_Dimension_Value",
                table: "UsageKeys",
                columns: new[] { "Dimension", "Value" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallUsages");

            migrationBuilder.DropTable(
                name: "SyncLeases");

            migrationBuilder.DropTable(
                name: "SyncRuns");

            migrationBuilder.DropTable(
                name: "UsageKeys");

            migrationBuilder.DropTable(
                name: "UsageRollups");

            migrationBuilder.DropTable(
                name: "UserSyncLocks");

            migrationBuilder.DropTable(
                name: "AgentSets");

            migrationBuilder.DropColumn(
                name: "ConsecutiveKeyRejections",
                table: "VapiAgents");

            migrationBuilder.DropColumn(
                name: "SyncHighWaterMark",
                table: "VapiAgents");
        }
    }
}
