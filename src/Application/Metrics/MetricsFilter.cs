using Ardalis.Specification;
using FluentValidation;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Common.Time;
using VapiAgents.Domain.Agents;
using VapiAgents.Domain.Agents.Specifications;

namespace VapiAgents.Application.Metrics;

/// <summary>Which agents and which local days a metrics question is about (the route's query string).</summary>
public sealed record MetricsFilter(
    Guid? AgentId = null,
    string? StartDate = null,
    string? EndDate = null,
    string? Timezone = null,
    bool IncludeInactive = false,
    bool IncludeDeleted = false,
    Guid? ClientId = null)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 400;
}

/// <summary>The rules of a <see cref="MetricsFilter"/>, shared by every metrics query's validator.</summary>
public static class MetricsFilterRules
{
    public static void AddMetricsFilterRules<T>(this AbstractValidator<T> validator, Func<T, MetricsFilter> filter)
    {
        validator.RuleFor(m => filter(m).Timezone).Must(zone => ZonedCalendar.TryFindZone(zone, out _)).OverridePropertyName("timezone")
            .WithMessage("timezone must be an IANA time zone such as Europe/Berlin or America/New_York.");
        validator.RuleFor(m => filter(m).StartDate).Must(BeADate).OverridePropertyName("startDate")
            .WithMessage("startDate must be a date (YYYY-MM-DD) between 2000 and 2100.");
        validator.RuleFor(m => filter(m).EndDate).Must(BeADate).OverridePropertyName("endDate")
            .WithMessage("endDate must be a date (YYYY-MM-DD) between 2000 and 2100.");
        validator.RuleFor(m => filter(m)).Must(f => Days(f) >= 1).OverridePropertyName("startDate")
            .When(m => BeADate(filter(m).StartDate) && BeADate(filter(m).EndDate) && filter(m).StartDate is not null && filter(m).EndDate is not null)
            .WithMessage("startDate must not be after endDate.");
        validator.RuleFor(m => filter(m)).Must(f => Days(f) <= MetricsFilter.MaxDays).OverridePropertyName("endDate")
            .When(m => BeADate(filter(m).StartDate) && BeADate(filter(m).EndDate) && filter(m).StartDate is not null && filter(m).EndDate is not null)
            .WithMessage($"A range covers at most {MetricsFilter.MaxDays} days.");
    }

    private static bool BeADate(string? text) => text is null || ZonedCalendar.TryParseDate(text, out _);

    private static int Days(MetricsFilter filter)
    {
        ZonedCalendar.TryParseDate(filter.StartDate, out var start);
        ZonedCalendar.TryParseDate(filter.EndDate, out var end);
        return end.DayNumber - start.DayNumber + 1;
    }
}

/// <summary>A resolved filter: the caller's agents it selects and its local days.</summary>
public sealed record MetricsScope(IReadOnlyList<VapiAgent> Agents, DayRange Range, bool SingleAgent);

public sealed class MetricsScopeResolver(
    VapiAgents.Application.Common.Interfaces.IReadRepository<VapiAgent> agents,
    VapiAgents.Application.Common.Interfaces.IReadRepository<Domain.Clients.Client> clients,
    TimeProvider clock)
{
    /// <summary>The names of the user's clients, for by-client answers.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> ClientNamesAsync(string userId, CancellationToken cancellationToken) =>
        (await clients.ListAsync(new Domain.Clients.Specifications.ClientsForUserSpec(userId), cancellationToken)).ToDictionary(c => c.Id, c => c.Name);

    /// <summary>
    /// One agent (active or not; deleted only with includeDeleted), or every agent of the user that is active
    /// (plus inactive and deleted ones when asked), or only one client's with clientId. Dates default to the last 30 days up to today in the zone.
    /// </summary>
    public async Task<MetricsScope> ResolveAsync(string userId, MetricsFilter filter, CancellationToken cancellationToken)
    {
        ZonedCalendar.TryFindZone(filter.Timezone, out var zone);
        var range = Range(filter, zone);
        if (filter.AgentId is { } id)
        {
            var agent = await agents.GetOwnedAsync(id, userId, cancellationToken, filter.IncludeDeleted);
            return new MetricsScope([agent], range, SingleAgent: true);
        }

        if (filter.ClientId is { } clientId)
        {
            await Clients.ClientLookup.GetOwnedAsync(clients, clientId, userId, cancellationToken, field: "clientId");
        }

        var all = await agents.ListAsync(new AgentsForUserSpec(userId, includeDeleted: filter.IncludeDeleted), cancellationToken);
        var selected = all.Where(a => a.IsDeleted ? filter.IncludeDeleted : a.IsActive || filter.IncludeInactive)
            .Where(a => filter.ClientId is null || a.ClientId == filter.ClientId).ToList();
        return new MetricsScope(selected, range, SingleAgent: false);
    }

    private DayRange Range(MetricsFilter filter, TimeZoneInfo zone)
    {
        var today = ZonedCalendar.DayOf(clock.GetUtcNow().UtcDateTime, zone);
        DateOnly? start = ZonedCalendar.TryParseDate(filter.StartDate, out var s) ? s : null;
        DateOnly? end = ZonedCalendar.TryParseDate(filter.EndDate, out var e) ? e : null;
        var last = end ?? (start is { } first && first.AddDays(MetricsFilter.DefaultDays - 1) < today ? first.AddDays(MetricsFilter.DefaultDays - 1) : today);
        var firstDay = start ?? last.AddDays(-(MetricsFilter.DefaultDays - 1));
        return new DayRange(firstDay, last < firstDay ? firstDay : last, zone);
    }
}
