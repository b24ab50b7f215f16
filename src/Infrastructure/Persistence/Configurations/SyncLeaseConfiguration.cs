using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VapiAgents.Infrastructure.Sync;

namespace VapiAgents.Infrastructure.Persistence.Configurations;

internal sealed class SyncLeaseConfiguration : IEntityTypeConfiguration<SyncLease>
{
    public void Configure(EntityTypeBuilder<SyncLease> builder)
    {
        builder.ToTable("SyncLeases");
        builder.HasKey(l => l.AgentId);
        builder.Property(l => l.Holder).HasMaxLength(200).IsRequired();
    }
}
