using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VapiAgents.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PurgeIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_ReceivedAt",
                table: "WebhookDeliveries",
                column: "ReceivedAt");

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
                name: "IX_SyncRuns_QueuedAt",
                table: "SyncRuns");
        }
    }
}
