using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VapiAgents.Domain.Agents;
using VapiAgents.Infrastructure.Security;

namespace VapiAgents.Infrastructure.Persistence.Configurations;

internal sealed class VapiAgentConfiguration : IEntityTypeConfiguration<VapiAgent>
{
    public void Configure(EntityTypeBuilder<VapiAgent> builder)
    {
        builder.ToTable("VapiAgents");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.UserId).HasMaxLength(450).IsRequired();
        builder.Property(a => a.Name).HasMaxLength(VapiAgent.NameMaxLength).IsRequired();
        builder.Property(a => a.NormalizedName).HasMaxLength(VapiAgent.NameMaxLength).IsRequired();
        builder.Property(a => a.ApiKeyHint).HasMaxLength(8).IsRequired();
        builder.Property(a => a.AssistantId).HasMaxLength(VapiAgent.AssistantIdMaxLength);
        builder.Property(a => a.LastSyncStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.LastSyncError).HasMaxLength(VapiAgent.SyncErrorMaxLength);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.Verification).HasConversion<string>().HasMaxLength(16);
        // A deleted client's agents are unassigned by its delete command, in the same unit of work.
        builder.HasOne<Domain.Clients.Client>().WithMany().HasForeignKey(a => a.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(a => a.IsDeleted);
        builder.Ignore(a => a.IsPaused);

        builder.Property(a => a.VapiOrgId).HasMaxLength(VapiAgent.AssistantIdMaxLength);
        builder.OwnsOne(a => a.ApiKey, key =>
        {
            key.Property(k => k.KeyId).HasColumnName("ApiKeyKeyId").HasMaxLength(EncryptionKeyRing.MaxKeyIdLength).IsRequired();
            key.Property(k => k.Ciphertext).HasColumnName("ApiKeyCiphertext").IsRequired();
        });
        builder.OwnsOne(a => a.WebhookSecret, secret =>
        {
            secret.Property(k => k.KeyId).HasColumnName("WebhookSecretKeyId").HasMaxLength(EncryptionKeyRing.MaxKeyIdLength).IsRequired();
            secret.Property(k => k.Ciphertext).HasColumnName("WebhookSecretCiphertext").IsRequired();
        });

        // Names are unique per user among live agents; a deleted agent's name is free again.
        // Double-quoted identifiers are valid in the filter on SQLite, PostgreSQL and SQL Server alike.
        builder.HasIndex(a => new { a.UserId, a.NormalizedName }).IsUnique().HasFilter("\"DeletedAt\" IS NULL");
        builder.HasIndex(a => new { a.UserId, a.CreatedAt });
    }
}
