using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VapiAgents.Application.Metrics;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Infrastructure.Persistence.Configurations;

internal sealed class CallUsageConfiguration : IEntityTypeConfiguration<CallUsage>
{
    public void Configure(EntityTypeBuilder<CallUsage> builder)
    {
        builder.ToTable("CallUsages");
        builder.HasKey(u => new { u.AgentId, u.CallId });
        builder.Property(u => u.CallId).HasMaxLength(CallFacts.IdMaxLength);
        builder.Property(u => u.UserId).HasMaxLength(450).IsRequired();
        builder.Property(u => u.OrgId).HasMaxLength(CallFacts.IdMaxLength).IsRequired();
        builder.Property(u => u.AssistantId).HasMaxLength(CallFacts.IdMaxLength);
        builder.Property(u => u.Type).HasMaxLength(CallFacts.LabelMaxLength);
        builder.Property(u => u.Status).HasMaxLength(CallFacts.LabelMaxLength);
        builder.Property(u => u.EndedReason).HasMaxLength(CallFacts.EndedReasonMaxLength);
        builder.Property(u => u.SuccessEvaluation).HasMaxLength(CallFacts.SuccessEvaluationMaxLength);
        builder.Property(u => u.SuccessOutcome).HasConversion<byte>();
        builder.Property(u => u.OtherKeys).HasConversion<byte>();

        foreach (var time in new[] { nameof(CallUsage.CreatedAt), nameof(CallUsage.UpdatedAt), nameof(CallUsage.SyncedAt) })
        {
            builder.Property<DateTime>(time).HasConversion<UnixMillisecondsConverter>();
        }

        builder.Property(u => u.StartedAt).HasConversion<NullableUnixMillisecondsConverter>();
        builder.Property(u => u.EndedAt).HasConversion<NullableUnixMillisecondsConverter>();
        // Money is stored in units, so the database adds exact integers: the column of every money measure.
        foreach (var money in UsageMeasures.All.Where(m => m.Unit == MeasureUnit.Money).Select(m => m.CallColumn!))
        {
            builder.Property<decimal>(money).HasConversion<MoneyUnitsConverter>();
        }

        // All copies of a call the user holds (kept equal by the sync), and per-agent time ranges.
        builder.HasIndex(u => new { u.UserId, u.CallId });
        builder.HasIndex(u => new { u.AgentId, u.CreatedAt });
        // Concurrency reads the calls overlapping a range as a range scan on the start, bounded below by the
        // user's longest call, which the second index answers from its last entry (ADR 024). The first covers
        // the read (end, agent and call id ride along), so no table row is visited.
        builder.HasIndex(u => new { u.UserId, u.StartedAt, u.EndedAt, u.AgentId, u.CallId });
        builder.HasIndex(u => new { u.UserId, u.DurationMs });
        builder.HasOne<VapiAgent>().WithMany().HasForeignKey(u => u.AgentId).OnDelete(DeleteBehavior.Restrict);
    }
}
