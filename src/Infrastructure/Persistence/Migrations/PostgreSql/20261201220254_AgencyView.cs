using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VapiAgents.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AgencyView : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ClientId",
                table: "VapiAgents",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Verification",
                table: "VapiAgents",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BillableSeconds",
                table: "UsageRollups",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "RevenueUnits",
                table: "UsageRollups",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "BillableSeconds",
                table: "CallUsages",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Revenue",
                table: "CallUsages",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "Clients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NormalizedName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Clients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ResalePrices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: true),
                    RatePerMinute = table.Column<long>(type: "bigint", nullable: false),
                    BillingIncrementSeconds = table.Column<int>(type: "integer", nullable: false),
                    MinimumBillableSeconds = table.Column<int>(type: "integer", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResalePrices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResalePrices_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ResalePrices_VapiAgents_AgentId",
                        column: x => x.AgentId,
                        principalTable: "VapiAgents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VapiAgents_ClientId",
                table: "VapiAgents",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_UserId_NormalizedName",
                table: "Clients",
                columns: new[] { "UserId", "NormalizedName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResalePrices_AgentId",
                table: "ResalePrices",
                column: "AgentId");

            migrationBuilder.CreateIndex(
                name: "IX_ResalePrices_ClientId",
                table: "ResalePrices",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_ResalePrices_UserId_AgentId_EffectiveFrom",
                table: "ResalePrices",
                columns: new[] { "UserId", "AgentId", "EffectiveFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_ResalePrices_UserId_ClientId_EffectiveFrom",
                table: "ResalePrices",
                columns: new[] { "UserId", "ClientId", "EffectiveFrom" });

            migrationBuilder.AddForeignKey(
                name: "FK_VapiAgents_Clients_ClientId",
                table: "VapiAgents",
                column: "ClientId",
                principalTable: "Clients",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_VapiAgents_Clients_ClientId",
                table: "VapiAgents");

            migrationBuilder.DropTable(
                name: "ResalePrices");

            migrationBuilder.DropTable(
                name: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_VapiAgents_ClientId",
                table: "VapiAgents");

            migrationBuilder.DropColumn(
                name: "ClientId",
                table: "VapiAgents");

            migrationBuilder.DropColumn(
                name: "Verification",
                table: "VapiAgents");

            migrationBuilder.DropColumn(
                name: "BillableSeconds",
                table: "UsageRollups");

            migrationBuilder.DropColumn(
                name: "RevenueUnits",
                table: "UsageRollups");

            migrationBuilder.DropColumn(
                name: "BillableSeconds",
                table: "CallUsages");

            migrationBuilder.DropColumn(
                name: "Revenue",
                table: "CallUsages");
        }
    }
}
