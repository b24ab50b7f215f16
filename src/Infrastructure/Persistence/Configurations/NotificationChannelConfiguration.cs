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
