using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using VapiAgents.Application.Retention;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Retention;

/// <summary>A table's rows go when their timestamp is older than the cut-off, unless <c>keep</c> says a row must stay.</summary>
public sealed class RetentionPolicy<TEntity>(
    string table,
    Func<RetentionOptions, int> days,
    Expression<Func<TEntity, DateTime>> timestamp,
    Expression<Func<TEntity, bool>>? keep = null) : IRetentionPolicy where TEntity : class
{
    public string Table => table;

    public Type EntityType => typeof(TEntity);

    public string TimestampProperty => ((MemberExpression)timestamp.Body).Member.Name;

    public int Days(RetentionOptions options) => days(options);

    public async Task<int> DeleteBatchAsync(ApplicationDbContext db, DateTime cutoff, int batchSize, CancellationToken cancellationToken) =>
        // One DELETE … WHERE key IN (SELECT … LIMIT n): its own short transaction on every provider.
        await db.Set<TEntity>().Where(Expired(cutoff)).Take(batchSize).ExecuteDeleteAsync(cancellationToken);

    private Expression<Func<TEntity, bool>> Expired(DateTime cutoff)
    {
        var row = timestamp.Parameters[0];
        Expression body = Expression.LessThan(timestamp.Body, Expression.Constant(cutoff));
        if (keep is not null)
        {
            body = Expression.AndAlso(body, Expression.Not(new Rebind(keep.Parameters[0], row).Visit(keep.Body)));
        }

        return Expression.Lambda<Func<TEntity, bool>>(body, row);
    }

    /// <summary>Puts the keep rule's parameter onto the timestamp's, so EF sees one lambda it can translate.</summary>
    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
