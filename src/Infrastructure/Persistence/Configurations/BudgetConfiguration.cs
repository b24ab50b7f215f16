using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
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
