using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VapiAgents.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KeyCapAndPurgeIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AgentId",
                table: "UsageKeys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "IntroducedOn",
                table: "UsageKeys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<byte>(
                name: "OtherKeys",
                table: "CallUsages",
                type: "INTEGER",
                nullable: false,
                defaultValue: (byte)0);

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_ReceivedAt",
                table: "WebhookDeliveries",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_UsageKeys_AgentId_IntroducedOn",
                table: "UsageKeys",
                columns: new[] { "AgentId", "IntroducedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SyncRuns_QueuedAt",
                table: "SyncRuns",
                column: "QueuedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_ReceivedAt",
                table: "WebhookDeliveries");

            migrationBuilder.DropIndex(
                name: "IX_UsageKeys_AgentId_IntroducedOn",
                table: "UsageKeys");

            migrationBuilder.DropIndex(
                name: "IX_SyncRuns_QueuedAt",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "AgentId",
                table: "UsageKeys");

            migrationBuilder.DropColumn(
                name: "IntroducedOn",
                table: "UsageKeys");

            migrationBuilder.DropColumn(
                name: "OtherKeys",
                table: "CallUsages");
        }
    }
}
