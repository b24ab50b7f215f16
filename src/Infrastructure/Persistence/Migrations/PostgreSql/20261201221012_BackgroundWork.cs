using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VapiAgents.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class BackgroundWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "JobId",
                table: "SyncRuns",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastQueuedAt",
                table: "SyncRuns",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "Requeues",
                table: "SyncRuns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "SyncRuns",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateIndex(
                name: "IX_SyncRuns_Status_LastQueuedAt",
                table: "SyncRuns",
                columns: new[] { "Status", "LastQueuedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SyncRuns_Status_LastQueuedAt",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "JobId",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "LastQueuedAt",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "Requeues",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "SyncRuns");
        }
    }
}
