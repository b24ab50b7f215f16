using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VapiAgents.Domain.Clients;

namespace VapiAgents.Infrastructure.Persistence.Configurations;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.ToTable("Clients");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.UserId).HasMaxLength(450).IsRequired();
        builder.Property(c => c.Name).HasMaxLength(Client.NameMaxLength).IsRequired();
        builder.Property(c => c.NormalizedName).HasMaxLength(Client.NameMaxLength).IsRequired();
        builder.Property(c => c.Notes).HasMaxLength(Client.NotesMaxLength);
        builder.HasIndex(c => new { c.UserId, c.NormalizedName }).IsUnique();
    }
}
