using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace VapiAgents.Infrastructure.Persistence.Migrations.PostgreSql
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "SyncHighWaterMark",
                table: "VapiAgents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AgentSets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Members = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgentSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CallUsages",
                columns: table => new
                {
                    AgentId = table.Column<Guid>(type: "uuid", nullable: false),
                    CallId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    OrgId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AssistantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    EndedReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    StartedAt = table.Column<long>(type: "bigint", nullable: true),
                    EndedAt = table.Column<long>(type: "bigint", nullable: true),
                    DurationMs = table.Column<long>(type: "bigint", nullable: false),
                    Cost = table.Column<long>(type: "bigint", nullable: false),
                    CostTransport = table.Column<long>(type: "bigint", nullable: false),
                    CostStt = table.Column<long>(type: "bigint", nullable: false),
                    CostLlm = table.Column<long>(type: "bigint", nullable: false),
                    CostTts = table.Column<long>(type: "bigint", nullable: false),
                    CostVapi = table.Column<long>(type: "bigint", nullable: false),
                    CostAnalysis = table.Column<long>(type: "bigint", nullable: false),
                    CostOther = table.Column<long>(type: "bigint", nullable: false),
                    LlmPromptTokens = table.Column<long>(type: "bigint", nullable: false),
                    LlmCompletionTokens = table.Column<long>(type: "bigint", nullable: false),
                    TtsCharacters = table.Column<long>(type: "bigint", nullable: false),
                    SuccessEvaluation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SuccessOutcome = table.Column<byte>(type: "smallint", nullable: false),
                    SyncedAt = table.Column<long>(type: "bigint", nullable: false)
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
                    AgentId = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    Holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncLeases", x => x.AgentId);
                });

            migrationBuilder.CreateTable(
                name: "SyncRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    WindowStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WindowEnd = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Fetched = table.Column<int>(type: "integer", nullable: false),
                    Created = table.Column<int>(type: "integer", nullable: false),
                    Updated = table.Column<int>(type: "integer", nullable: false),
                    Pages = table.Column<int>(type: "integer", nullable: false),
                    SaturatedWindows = table.Column<int>(type: "integer", nullable: false),
                    Skipped = table.Column<int>(type: "integer", nullable: false),
                    QueuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Dimension = table.Column<byte>(type: "smallint", nullable: false),
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UserSyncLocks",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSyncLocks", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "UsageRollups",
                columns: table => new
                {
                    AgentSetId = table.Column<long>(type: "bigint", nullable: false),
                    Granularity = table.Column<byte>(type: "smallint", nullable: false),
                    BucketStartMs = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Calls = table.Column<long>(type: "bigint", nullable: false),
                    DurationMs = table.Column<long>(type: "bigint", nullable: false),
                    CostUnits = table.Column<long>(type: "bigint", nullable: false),
                    TransportUnits = table.Column<long>(type: "bigint", nullable: false),
                    SttUnits = table.Column<long>(type: "bigint", nullable: false),
                    LlmUnits = table.Column<long>(type: "bigint", nullable: false),
                    TtsUnits = table.Column<long>(type: "bigint", nullable: false),
                    VapiUnits = table.Column<long>(type: "bigint", nullable: false),
                    AnalysisUnits = table.Column<long>(type: "bigint", nullable: false),
                    OtherUnits = table.Column<long>(type: "bigint", nullable: false),
                    LlmPromptTokens = table.Column<long>(type: "bigint", nullable: false),
                    LlmCompletionTokens = table.Column<long>(type: "bigint", nullable: false),
                    TtsCharacters = table.Column<long>(type: "bigint", nullable: false),
                    Passed = table.Column<long>(type: "bigint", nullable: false),
                    Failed = table.Column<long>(type: "bigint", nullable: false),
                    UnknownSuccess = table.Column<long>(type: "bigint", nullable: false),
                    Breakdown = table.Column<byte[]>(type: "bytea", nullable: false)
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
