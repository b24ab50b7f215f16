using System.Globalization;
using FluentValidation;
using Mediator;
using VapiAgents.Application.Common.Interfaces;
using VapiAgents.Application.Common.Time;
using VapiAgents.Application.Metrics;
using VapiAgents.Application.Metrics.Queries.ExportMetrics;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Agents.Specifications;
using VapiAgents.Domain.Clients;

namespace VapiAgents.Application.Clients.Queries.GetStatement;

/// <summary>A client's month: per agent of the client (its current agents, deleted ones with calls included) and in total.</summary>
/// <param name="Month">YYYY-MM, in <paramref name="Timezone"/> (default UTC).</param>
/// <param name="Format">json (default) or csv: the same statement either way.</param>
public sealed record GetStatementQuery(Guid ClientId, string? Month, string? Timezone, string? Format = null) : IQuery<StatementResponse>
{
    public const string MonthFormat = "yyyy-MM";
}

public sealed record StatementResponse(StatementDto Statement);

public sealed record StatementDto(StatementClient Client, string Month, string Timezone, IReadOnlyList<StatementLine> Lines, StatementTotals Totals)
{
    /// <summary>The same statement as CSV rows: one per agent, then a totals row.</summary>
    public CsvExport ToCsv() => new(
        $"statement-{Month}-{Client.Name}.csv".Replace(' ', '-').Replace('"', '-'),
        ["agentId", "name", "calls", "billableMinutes", "revenue", "cost", "margin"],
        new HashSet<int> { 1 },
        Rows());

    private async IAsyncEnumerable<IReadOnlyList<string?>> Rows()
    {
        await Task.CompletedTask;
        foreach (var line in Lines)
        {
            yield return [line.AgentId.ToString(), line.Name, N(line.Calls), N(line.BillableMinutes), N(line.Revenue), N(line.Cost), N(line.Margin)];
        }

        yield return ["total", Client.Name, N(Totals.Calls), N(Totals.BillableMinutes), N(Totals.Revenue), N(Totals.Cost), N(Totals.Margin)];
    }

    private static string N(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}

public sealed record StatementClient(Guid Id, string Name);

public sealed record StatementLine(Guid AgentId, string Name, long Calls, decimal BillableMinutes, decimal Revenue, decimal Cost, decimal Margin);

/// <summary>The client's calls together: a call two of its agents share counts once.</summary>
public sealed record StatementTotals(long Calls, decimal BillableMinutes, decimal Revenue, decimal Cost, decimal Margin, decimal? MarginPercent);

public sealed class GetStatementQueryValidator : AbstractValidator<GetStatementQuery>
{
    public GetStatementQueryValidator()
    {
        RuleFor(q => q.Month).NotEmpty().WithMessage("month is required (YYYY-MM).")
            .Must(m => TryParseMonth(m, out _)).When(q => !string.IsNullOrEmpty(q.Month))
            .WithMessage("month must be YYYY-MM between 2000 and 2100.");
        RuleFor(q => q.Format).Must(f => f is null || f.Equals("json", StringComparison.OrdinalIgnoreCase) || f.Equals("csv", StringComparison.OrdinalIgnoreCase))
            .WithMessage("format must be json or csv.");
        RuleFor(q => q.Timezone).Must(zone => ZonedCalendar.TryFindZone(zone, out _))
            .WithMessage("timezone must be an IANA time zone such as Europe/Berlin or America/New_York.");
    }

    public static bool TryParseMonth(string? text, out DateOnly first)
    {
        first = default;
        if (!DateOnly.TryParseExact(text, GetStatementQuery.MonthFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return false;
        }

        first = month;
        return month >= ZonedCalendar.Earliest && month <= ZonedCalendar.Latest;
    }
}

public sealed class GetStatementQueryHandler(
    IReadRepository<Client> clients, IReadRepository<VapiAgent> agents, IUsageReader reader, ICurrentUser currentUser)
    : IQueryHandler<GetStatementQuery, StatementResponse>
{
    public async ValueTask<StatementResponse> Handle(GetStatementQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireUserId();
        var client = await clients.GetOwnedAsync(query.ClientId, userId, cancellationToken);
        GetStatementQueryValidator.TryParseMonth(query.Month, out var first);
        ZonedCalendar.TryFindZone(query.Timezone, out var zone);
        var range = new DayRange(first, first.AddMonths(1).AddDays(-1), zone);
        var own = (await agents.ListAsync(new AgentsForUserSpec(userId, includeDeleted: true), cancellationToken))
            .Where(a => a.ClientId == client.Id).ToList();
        var report = await reader.ReadAsync(userId, own.Select(a => a.Id).ToList(), range, cancellationToken);

        var lines = own
            .Select(agent => (agent, usage: report.ByAgent.GetValueOrDefault(agent.Id)))
            .Where(l => !l.agent.IsDeleted || l.usage.Calls > 0)
            .Select(l =>
            {
                var resale = ResaleFigures.Of(l.usage);
                return new StatementLine(l.agent.Id, l.agent.Name, l.usage.Calls, resale.BillableMinutes, resale.Revenue, resale.Cost, resale.Margin);
            })
            .ToList();
        var totals = ResaleFigures.Of(report.Totals);
        return new StatementResponse(new StatementDto(
            new StatementClient(client.Id, client.Name), query.Month!, zone.Id, lines,
            new StatementTotals(report.Totals[UsageMeasures.Calls], totals.BillableMinutes, totals.Revenue, totals.Cost, totals.Margin, totals.MarginPercent)));
    }
}
