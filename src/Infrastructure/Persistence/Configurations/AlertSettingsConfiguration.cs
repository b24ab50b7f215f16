using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VapiAgents.Domain.Alerts;

namespace VapiAgents.Infrastructure.Persistence.Configurations;

internal sealed class AlertSettingsConfiguration : IEntityTypeConfiguration<AlertSettings>
{
    public void Configure(EntityTypeBuilder<AlertSettings> builder)
    {
        builder.ToTable("AlertSettings");
        builder.HasKey(s => s.UserId);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.Timezone).HasMaxLength(64).IsRequired();
        builder.Property(s => s.AnomalyFactor).HasPrecision(9, 4);
        builder.Property(s => s.AnomalyMinimumCost).HasPrecision(18, 4);
    }
}
