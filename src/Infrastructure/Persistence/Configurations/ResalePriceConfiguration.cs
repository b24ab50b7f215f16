using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Clients;
using VapiAgents.Domain.Pricing;

namespace VapiAgents.Infrastructure.Persistence.Configurations;

internal sealed class ResalePriceConfiguration : IEntityTypeConfiguration<ResalePrice>
{
    public void Configure(EntityTypeBuilder<ResalePrice> builder)
    {
        builder.ToTable("ResalePrices");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.UserId).HasMaxLength(450).IsRequired();
        builder.Property(p => p.RatePerMinute).HasConversion<MoneyUnitsConverter>();
        builder.HasIndex(p => new { p.UserId, p.AgentId, p.EffectiveFrom });
        builder.HasIndex(p => new { p.UserId, p.ClientId, p.EffectiveFrom });
        // Agents are never removed (soft delete); a client's prices go with it, removed by its delete command.
        builder.HasOne<VapiAgent>().WithMany().HasForeignKey(p => p.AgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Restrict);
    }
}
