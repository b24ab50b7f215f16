using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VapiAgents.Infrastructure.Sync;

namespace VapiAgents.Infrastructure.Persistence.Configurations;

internal sealed class UserSyncLockConfiguration : IEntityTypeConfiguration<UserSyncLock>
{
    public void Configure(EntityTypeBuilder<UserSyncLock> builder)
    {
        builder.ToTable("UserSyncLocks");
        builder.HasKey(l => l.UserId);
        builder.Property(l => l.UserId).HasMaxLength(450);
    }
}
