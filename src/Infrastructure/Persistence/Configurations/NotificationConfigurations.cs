using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VapiAgents.Domain.Notifications;
using VapiAgents.Infrastructure.Security;

namespace VapiAgents.Infrastructure.Persistence.Configurations;

internal sealed class NotificationChannelConfiguration : IEntityTypeConfiguration<NotificationChannel>
{
    public void Configure(EntityTypeBuilder<NotificationChannel> builder)
    {
        builder.ToTable("NotificationChannels");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.UserId).HasMaxLength(450).IsRequired();
        builder.Property(c => c.Name).HasMaxLength(NotificationChannel.NameMaxLength).IsRequired();
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.UrlHint).HasMaxLength(300).IsRequired();
        builder.Property(c => c.Email).HasMaxLength(NotificationChannel.EmailMaxLength);
        builder.Property(c => c.KindList).HasMaxLength(200).IsRequired();
        builder.Property(c => c.DisabledReason).HasMaxLength(NotificationChannel.ReasonMaxLength);
        builder.Ignore(c => c.Kinds);
        builder.OwnsOne(c => c.Url, url =>
        {
            url.Property(k => k.KeyId).HasColumnName("UrlKeyId").HasMaxLength(EncryptionKeyRing.MaxKeyIdLength).IsRequired();
            url.Property(k => k.Ciphertext).HasColumnName("UrlCiphertext").IsRequired();
        });
        builder.OwnsOne(c => c.SigningSecret, secret =>
        {
            secret.Property(k => k.KeyId).HasColumnName("SigningSecretKeyId").HasMaxLength(EncryptionKeyRing.MaxKeyIdLength).IsRequired();
            secret.Property(k => k.Ciphertext).HasColumnName("SigningSecretCiphertext").IsRequired();
        });
        builder.HasIndex(c => new { c.UserId, c.CreatedAt });
    }
}

internal sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDelivery>
{
    public void Configure(EntityTypeBuilder<NotificationDelivery> builder)
    {
        builder.ToTable("NotificationDeliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.UserId).HasMaxLength(450).IsRequired();
        builder.Property(d => d.EventId).HasMaxLength(NotificationDelivery.EventIdMaxLength).IsRequired();
        builder.Property(d => d.Kind).HasMaxLength(24).IsRequired();
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.LastError).HasMaxLength(NotificationDelivery.ErrorMaxLength);
        builder.Property(d => d.Version).IsConcurrencyToken();

        // A deleted channel takes its deliveries along: pending ones must never be sent, and the history is its.
        builder.HasOne<NotificationChannel>().WithMany().HasForeignKey(d => d.ChannelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.ChannelId, d.CreatedAt });
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => d.CreatedAt);
    }
}
