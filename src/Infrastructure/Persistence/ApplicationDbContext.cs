using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Usage;
using VapiAgents.Infrastructure.Identity;
using VapiAgents.Infrastructure.Sync;
using VapiAgents.Infrastructure.Usage.Schema;

namespace VapiAgents.Infrastructure.Persistence;

/// <summary>
/// The one model of the product. Each database provider has a thin subclass so that its own
/// migration set can be found (migrations are bound to a context type).
/// </summary>
public abstract class ApplicationDbContext(DbContextOptions options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<VapiAgent> Agents => Set<VapiAgent>();

    public DbSet<CallUsage> CallUsages => Set<CallUsage>();

    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();

    public DbSet<SyncLease> SyncLeases => Set<SyncLease>();

    public DbSet<AgentSet> AgentSets => Set<AgentSet>();

    public DbSet<Domain.Clients.Client> Clients => Set<Domain.Clients.Client>();

    public DbSet<Domain.Pricing.ResalePrice> ResalePrices => Set<Domain.Pricing.ResalePrice>();

    public DbSet<UsageRollup> UsageRollups => Set<UsageRollup>();

    public DbSet<UsageKey> UsageKeys => Set<UsageKey>();

    public DbSet<UserSyncLock> UserSyncLocks => Set<UserSyncLock>();

    public DbSet<Domain.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Domain.Webhooks.WebhookDelivery>();

    public DbSet<Domain.Audit.AuditEvent> AuditEvents => Set<Domain.Audit.AuditEvent>();

    public DbSet<Domain.AccessTokens.PersonalAccessToken> PersonalAccessTokens => Set<Domain.AccessTokens.PersonalAccessToken>();

    public DbSet<Domain.Budgets.Budget> Budgets => Set<Domain.Budgets.Budget>();

    public DbSet<Domain.Alerts.Alert> Alerts => Set<Domain.Alerts.Alert>();

    public DbSet<Domain.Alerts.AlertSettings> AlertSettings => Set<Domain.Alerts.AlertSettings>();

    public DbSet<Domain.Notifications.NotificationChannel> NotificationChannels => Set<Domain.Notifications.NotificationChannel>();

    public DbSet<Domain.Notifications.NotificationDelivery> NotificationDeliveries => Set<Domain.Notifications.NotificationDelivery>();

    /// <summary>Saves, turning provider errors the application understands into its own exceptions.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw new ConcurrencyConflictException(exception);
        }
        catch (DbUpdateException exception) when (PersistenceErrors.IsUniqueViolation(exception))
        {
            throw new UniqueConstraintException("A unique index refused the change.", exception);
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ApplicationDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is UTC; providers that forget the kind on the way back get it restored.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }
}
