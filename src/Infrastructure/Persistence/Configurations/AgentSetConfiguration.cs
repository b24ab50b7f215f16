using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VapiAgents.Infrastructure.Usage.Schema;

namespace VapiAgents.Infrastructure.Persistence.Configurations;

internal sealed class AgentSetConfiguration : IEntityTypeConfiguration<AgentSet>
{
    public void Configure(EntityTypeBuilder<AgentSet> builder)
    {
        builder.ToTable("AgentSets");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedOnAdd();
        builder.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        builder.Property(s => s.Members).HasMaxLength(4000).IsRequired();
        builder.HasIndex(s => new { s.UserId, s.Members }).IsUnique();
    }
}
