using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VapiAgents.Domain.Alerts;
using VapiAgents.Domain.Budgets;

namespace VapiAgents.Infrastructure.Persistence.Configurations;

internal sealed class BudgetConfiguration : IEntityTypeConfiguration<Budget>
{
    public void Configure(EntityTypeBuilder<Budget> builder)
    {
        builder.ToTable("Budgets");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.UserId).HasMaxLength(450).IsRequired();
        builder.Property(b => b.Name).HasMaxLength(Budget.NameMaxLength).IsRequired();
        builder.Property(b => b.Period).HasConversion<string>().HasMaxLength(8);
        builder.Property(b => b.Timezone).HasMaxLength(64).IsRequired();
        builder.Property(b => b.Amount).HasPrecision(18, 4);
        builder.Property(b => b.ThresholdList).HasMaxLength(64).IsRequired();
        builder.Ignore(b => b.Thresholds);
        builder.HasIndex(b => new { b.UserId, b.CreatedAt });
    }
}

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
