using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Persistence.ReadModel;

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
        foreach (var money in new[]
                 {
                     nameof(CallUsage.Cost), nameof(CallUsage.CostTransport), nameof(CallUsage.CostStt), nameof(CallUsage.CostLlm),
                     nameof(CallUsage.CostTts), nameof(CallUsage.CostVapi), nameof(CallUsage.CostAnalysis), nameof(CallUsage.CostOther),
                     nameof(CallUsage.Revenue),
                 })
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

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> builder)
    {
        builder.ToTable("SyncRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.UserId).HasMaxLength(450).IsRequired();
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Mode).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Error).HasMaxLength(SyncRun.ErrorMaxLength);
        builder.Property(r => r.JobId).HasMaxLength(100);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.IsFinished);
        builder.HasIndex(r => new { r.Status, r.LastQueuedAt });
        builder.HasIndex(r => new { r.AgentId, r.QueuedAt });
        builder.HasIndex(r => new { r.UserId, r.Trigger, r.QueuedAt });
        // The daily retention purge deletes by age across all agents, in batches: without it each batch scans.
        builder.HasIndex(r => r.QueuedAt);
        builder.HasOne<VapiAgent>().WithMany().HasForeignKey(r => r.AgentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SyncLeaseConfiguration : IEntityTypeConfiguration<SyncLease>
{
    public void Configure(EntityTypeBuilder<SyncLease> builder)
    {
        builder.ToTable("SyncLeases");
        builder.HasKey(l => l.AgentId);
        builder.Property(l => l.Holder).HasMaxLength(200).IsRequired();
    }
}

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

internal sealed class UserSyncLockConfiguration : IEntityTypeConfiguration<UserSyncLock>
{
    public void Configure(EntityTypeBuilder<UserSyncLock> builder)
    {
        builder.ToTable("UserSyncLocks");
        builder.HasKey(l => l.UserId);
        builder.Property(l => l.UserId).HasMaxLength(450);
    }
}

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

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<Domain.Audit.AuditEvent>
{
    public void Configure(EntityTypeBuilder<Domain.Audit.AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.Action).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Details).HasMaxLength(Domain.Audit.AuditEvent.DetailsMaxLength);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.HasIndex(e => new { e.UserId, e.At });
        builder.HasIndex(e => e.At);
    }
}
