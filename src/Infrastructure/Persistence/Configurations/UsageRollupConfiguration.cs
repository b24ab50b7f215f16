using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VapiAgents.Infrastructure.Persistence.ReadModel;

namespace VapiAgents.Infrastructure.Persistence.Configurations;

internal sealed class UsageRollupConfiguration : IEntityTypeConfiguration<UsageRollup>
{
    public void Configure(EntityTypeBuilder<UsageRollup> builder)
    {
        builder.ToTable("UsageRollups");
        builder.HasKey(r => new { r.AgentSetId, r.Granularity, r.BucketStartMs });
        builder.Property(r => r.Granularity).HasConversion<byte>();
        builder.Property(r => r.UserId).HasMaxLength(450).IsRequired();
        builder.Property(r => r.Breakdown).IsRequired();
        builder.HasOne<AgentSet>().WithMany().HasForeignKey(r => r.AgentSetId).OnDelete(DeleteBehavior.Restrict);
    }
}
