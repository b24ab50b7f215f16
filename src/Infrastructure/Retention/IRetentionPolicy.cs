using VapiAgents.Application.Retention;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Retention;

/// <summary>One table under retention; register with <see cref="RetentionRegistration.AddRetentionPolicy{TEntity}"/>.</summary>
public interface IRetentionPolicy
{
    string Table { get; }

    /// <summary>The entity whose rows go, and the property their age is read from (it needs an index: ADR 029).</summary>
    Type EntityType { get; }

    string TimestampProperty { get; }

    /// <summary>Days rows are kept; 0 or less keeps them for ever.</summary>
    int Days(RetentionOptions options);

    /// <summary>Deletes at most <paramref name="batchSize"/> rows older than <paramref name="cutoff"/> in one statement.</summary>
    Task<int> DeleteBatchAsync(ApplicationDbContext db, DateTime cutoff, int batchSize, CancellationToken cancellationToken);
}
