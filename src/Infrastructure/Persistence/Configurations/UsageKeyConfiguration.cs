using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Usage.Schema;

namespace VapiAgents.Infrastructure.Persistence.Configurations;

internal sealed class UsageKeyConfiguration : IEntityTypeConfiguration<UsageKey>
{
    public void Configure(EntityTypeBuilder<UsageKey> builder)
    {
        builder.ToTable("UsageKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedOnAdd();
        builder.Property(k => k.Value).HasMaxLength(CallFacts.EndedReasonMaxLength).IsRequired();
        builder.HasIndex(k => new { k.Dimension, k.Value }).IsUnique();
        // Counts an agent's new keys of the day (the cap).
        builder.HasIndex(k => new { k.AgentId, k.IntroducedOn });
    }
}
