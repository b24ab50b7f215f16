using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VapiAgents.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgencyWatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ConcurrencyLimit",
                table: "VapiAgents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ClientId",
                table: "Budgets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CallUsages_UserId_DurationMs",
                table: "CallUsages",
                columns: new[] { "UserId", "DurationMs" });

            migrationBuilder.CreateIndex(
                name: "IX_CallUsages_UserId_StartedAt_EndedAt_AgentId_CallId",
                table: "CallUsages",
                columns: new[] { "UserId", "StartedAt", "EndedAt", "AgentId", "CallId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CallUsages_UserId_DurationMs",
                table: "CallUsages");

            migrationBuilder.DropIndex(
                name: "IX_CallUsages_UserId_StartedAt_EndedAt_AgentId_CallId",
                table: "CallUsages");

            migrationBuilder.DropColumn(
                name: "ConcurrencyLimit",
                table: "VapiAgents");

            migrationBuilder.DropColumn(
                name: "ClientId",
                table: "Budgets");
        }
    }
}
