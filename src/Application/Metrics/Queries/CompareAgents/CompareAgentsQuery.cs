using FluentValidation;
using Mediator;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Domain.Agents.Specifications;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Metrics.Queries.CompareAgents;

/// <summary>Several of the caller's agents side by side over the same local days, in the order asked.</summary>
/// <param name="AgentIdTexts">As sent: each value may hold several ids separated by commas.</param>
public sealed record CompareAgentsQuery(IReadOnlyList<string?> AgentIdTexts, MetricsFilter Filter) : IQuery<CompareResponse>
{
    /// <summary>The ids, in the order asked; null when one of them is not a Guid.</summary>
    public IReadOnlyList<Guid>? AgentIds
    {
        get
        {
            var ids = new List<Guid>();
            foreach (var part in AgentIdTexts.SelectMany(t => (t ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (!Guid.TryParse(part, out var id))
                {
                    return null;
                }

                ids.Add(id);
            }

            return ids;
        }
    }

    public const int MinAgents = 2;
    public const int MaxAgents = 20;
    public const int TopEndedReasons = 3;
}

public sealed record CompareResponse(IReadOnlyList<AgentComparisonDto> Agents);

/// <param name="SuccessRate">passed / (passed + failed), null when no call was evaluated.</param>
public sealed record AgentComparisonDto(
    Guid AgentId, string Name, long Calls, decimal Minutes, decimal AverageDurationSeconds, decimal CostPerCall, decimal CostPerMinute,
    decimal? SuccessRate, IReadOnlyList<KeyedUsageDto> TopEndedReasons, decimal Cost, decimal BillableMinutes, decimal Revenue, decimal Margin);

public sealed class CompareAgentsQueryValidator : AbstractValidator<CompareAgentsQuery>
{
    public CompareAgentsQueryValidator()
    {
        this.AddMetricsFilterRules(q => q.Filter);
        RuleFor(q => q.AgentIds).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("agentIds must be agent ids (comma-separated or the parameter repeated).")
            .Must(ids => ids!.Count is >= CompareAgentsQuery.MinAgents and <= CompareAgentsQuery.MaxAgents)
            .WithMessage($"agentIds must name {CompareAgentsQuery.MinAgents} to {CompareAgentsQuery.MaxAgents} agents.")
            .Must(ids => ids!.Distinct().Count() == ids!.Count).WithMessage("agentIds must not repeat an agent.")
            .OverridePropertyName("agentIds");
    }
}

public sealed class CompareAgentsQueryHandler(
    MetricsScopeResolver scopes, IReadRepository<VapiAgent> agents, IUsageReader reader, ICurrentUser currentUser)
    : IQueryHandler<CompareAgentsQuery, CompareResponse>
{
    public async ValueTask<CompareResponse> Handle(CompareAgentsQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var range = (await scopes.ResolveAsync(userId, query.Filter with { AgentId = null, ClientId = null }, cancellationToken)).Range;
        var ids = query.AgentIds!;
        var rows = new List<AgentComparisonDto>(ids.Count);
        foreach (var id in ids)
        {
            var agent = await agents.SingleOrDefaultAsync(new AgentByIdForUserSpec(id, userId, query.Filter.IncludeDeleted), cancellationToken)
                        ?? throw new NotFoundException(AgentLookup.Resource, "agentIds");
            var report = await reader.ReadAsync(userId, [agent.Id], range, cancellationToken);
            var t = report.Totals;
            var resale = ResaleFigures.Of(t);
            var cost = resale.Cost;
            var (calls, durationMs) = (t[UsageMeasures.Calls], t[UsageMeasures.DurationMs]);
            var (passed, failed) = (t[UsageMeasures.Passed], t[UsageMeasures.Failed]);
            rows.Add(new AgentComparisonDto(
                agent.Id, agent.Name, calls, ResaleFigures.Minutes(durationMs),
                calls == 0 ? 0 : Math.Round(durationMs / 1000m / calls, 3),
                calls == 0 ? 0 : Money.Normalize(cost / calls),
                durationMs == 0 ? 0 : Money.Normalize(cost * 60_000m / durationMs),
                passed + failed == 0 ? null : Math.Round((decimal)passed / (passed + failed), 4),
                report.ByEndedReason.Where(e => e.Calls > 0).OrderByDescending(e => e.Calls).ThenByDescending(e => e.Cost).ThenBy(e => e.Key, StringComparer.Ordinal)
                    .Take(CompareAgentsQuery.TopEndedReasons).Select(e => new KeyedUsageDto(e.Key, e.Calls, Money.FromUnits(e.Cost))).ToList(),
                cost, resale.BillableMinutes, resale.Revenue, resale.Margin));
        }

        return new CompareResponse(rows);
    }
}
