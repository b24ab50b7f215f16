using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using VapiAgents.Application.Metrics;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Usage.Read;

/// <summary>
/// Streams call rows ordered by (createdAt, call id), so the copies of one call arrive together and are
/// merged on the fly; the database cursor is read row by row.
/// </summary>
public sealed class CallExportSource(ApplicationDbContext db) : ICallExportSource
{
    public async IAsyncEnumerable<ExportedCall> StreamAsync(
        string userId, IReadOnlyCollection<Guid> agentIds, DateTime fromUtc, DateTime toUtc, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ids = agentIds.ToList();
        var rows = db.CallUsages.AsNoTracking()
            .Where(u => u.UserId == userId && ids.Contains(u.AgentId) && u.CreatedAt >= fromUtc && u.CreatedAt < toUtc)
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.CallId)
            .AsAsyncEnumerable();

        Domain.Usage.CallUsage? current = null;
        var holders = new List<Guid>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (current is not null && row.CallId != current.CallId)
            {
                yield return new ExportedCall(current.ToFacts(), holders);
                holders = [];
            }

            current = row;
            holders.Add(row.AgentId);
        }

        if (current is not null)
        {
            yield return new ExportedCall(current.ToFacts(), holders);
        }
    }
}
