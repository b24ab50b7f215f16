using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VapiAgents.Domain.AccessTokens;
using VapiAgents.Infrastructure.Identity;

namespace VapiAgents.Infrastructure.Persistence.Configurations;

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> builder)
    {
        builder.ToTable("PersonalAccessTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.UserId).HasMaxLength(450).IsRequired();
        builder.Property(t => t.Name).HasMaxLength(PersonalAccessToken.NameMaxLength).IsRequired();
        builder.Property(t => t.Scope).HasConversion<string>().HasMaxLength(8);
        builder.Property(t => t.Prefix).HasMaxLength(PersonalAccessToken.PrefixLength).IsRequired();
        builder.Property(t => t.SecretHash).HasMaxLength(PersonalAccessToken.HashLength).IsRequired();
        // Every authenticated request with a token looks it up by its hash.
        builder.HasIndex(t => t.SecretHash).IsUnique();
        builder.HasIndex(t => new { t.UserId, t.CreatedAt });
        // A deleted account takes its tokens with it.
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
