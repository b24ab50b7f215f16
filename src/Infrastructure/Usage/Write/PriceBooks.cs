using Microsoft.EntityFrameworkCore;
using VapiAgents.Domain.Pricing;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Usage.Write;

/// <summary>Loads a user's <see cref="PriceBook"/>: every agent (deleted ones still price their old calls) and every price.</summary>
internal static class PriceBooks
{
    public static async Task<PriceBook> LoadAsync(ApplicationDbContext db, string userId, CancellationToken cancellationToken)
    {
        var agents = await db.Agents.AsNoTracking().Where(a => a.UserId == userId)
            .Select(a => new PricedAgent(a.Id, a.CreatedAt, a.ClientId)).ToListAsync(cancellationToken);
        var prices = await db.ResalePrices.AsNoTracking().Where(p => p.UserId == userId).ToListAsync(cancellationToken);
        return new PriceBook(agents, prices);
    }
}
