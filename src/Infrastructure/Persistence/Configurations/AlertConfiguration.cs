using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VapiAgents.Domain.Alerts;

namespace VapiAgents.Infrastructure.Persistence.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("Alerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.UserId).HasMaxLength(450).IsRequired();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.Value).HasPrecision(18, 4);
        builder.Property(a => a.Reference).HasPrecision(18, 4);
        builder.Property(a => a.Message).HasMaxLength(Alert.MessageMaxLength).IsRequired();
        builder.Property(a => a.OccurrenceKey).HasMaxLength(Alert.OccurrenceKeyMaxLength).IsRequired();

        // One alert per occurrence, whoever evaluates: the database refuses the second, on every provider
        // (a single non-null column, so no provider's NULL semantics in unique indexes can differ).
        builder.HasIndex(a => new { a.UserId, a.OccurrenceKey }).IsUnique();
        builder.HasIndex(a => new { a.UserId, a.CreatedAt });
    }
}
