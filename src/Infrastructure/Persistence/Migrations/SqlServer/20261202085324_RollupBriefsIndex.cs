using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VapiAgents.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RollupBriefsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_UsageRollups_Briefs",
                table: "UsageRollups",
                columns: new[] { "AgentSetId", "Granularity", "BucketStartMs", "Calls", "DurationMs", "CostUnits", "BillableSeconds", "RevenueUnits" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UsageRollups_Briefs",
                table: "UsageRollups");
        }
    }
}
