using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Infrastructure.Persistence.Configurations;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<Domain.Webhooks.WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<Domain.Webhooks.WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.UserId).HasMaxLength(450).IsRequired();
        builder.Property(d => d.Type).HasMaxLength(Domain.Webhooks.WebhookDelivery.TypeMaxLength);
        builder.Property(d => d.CallId).HasMaxLength(CallFacts.IdMaxLength);
        builder.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Proof).HasMaxLength(16);
        builder.HasIndex(d => new { d.AgentId, d.ReceivedAt });
        // The daily retention purge deletes by age across all agents, in batches: without it each batch scans.
        builder.HasIndex(d => d.ReceivedAt);
        builder.HasOne<VapiAgent>().WithMany().HasForeignKey(d => d.AgentId).OnDelete(DeleteBehavior.Restrict);
    }
}
