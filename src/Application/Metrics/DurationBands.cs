using VapiAgents.Domain.Usage;

namespace VapiAgents.Application.Metrics;

/// <summary>The call-length histogram's bands, each [from, to) in seconds; the last has no end.</summary>
public static class DurationBands
{
    public static readonly IReadOnlyList<(int FromSeconds, int? ToSeconds)> All = [(0, 30), (30, 60), (60, 120), (120, 300), (300, 600), (600, null)];

    /// <summary>0 for a call without a duration (it never started or has not ended), else the band's number from 1.</summary>
    public static int Of(CallFacts call)
    {
        if (call.StartedAt is null || call.EndedAt is null)
        {
            return 0;
        }

        for (var band = All.Count - 1; band > 0; band--)
        {
            if (call.DurationMs >= All[band].FromSeconds * 1000L)
            {
                return band + 1;
            }
        }

        return 1;
    }
}
