namespace VapiAgents.VapiSimulator;

/// <summary>A rule and how many matching requests it has counted so far.</summary>
public sealed record InstalledFault(FaultRule Rule, int Seen);

/// <summary>The installed fault rules of one simulator, each with its own request counter.</summary>
public sealed class FaultRules
{
    private readonly Lock _lock = new();
    private readonly List<Armed> _rules = [];

    /// <summary>Adds rules; each starts counting matching requests from now.</summary>
    /// <exception cref="ArgumentException">A rule is not valid.</exception>
    public void Install(params IEnumerable<FaultRule> rules)
    {
        var list = rules.ToList();
        list.ForEach(rule => rule.Validate());
        lock (_lock)
        {
            _rules.AddRange(list.Select(rule => new Armed(rule)));
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
        }
    }

    /// <summary>The installed rules with how many matching requests each has seen.</summary>
    public IReadOnlyList<InstalledFault> Installed()
    {
        lock (_lock)
        {
            return [.. _rules.Select(armed => new InstalledFault(armed.Rule, armed.Seen))];
        }
    }

    /// <summary>Counts this request against every rule whose path matches; returns the rule that fires, if any.</summary>
    internal FaultRule? Next(string path)
    {
        lock (_lock)
        {
            FaultRule? firing = null;
            foreach (var armed in _rules.Where(armed => path.StartsWith(armed.Rule.Path, StringComparison.Ordinal)))
            {
                armed.Seen++;
                if (firing is null && armed.Seen >= armed.Rule.Nth && armed.Seen < armed.Rule.Nth + armed.Rule.Times)
                {
                    firing = armed.Rule;
                }
            }

            return firing;
        }
    }

    private sealed class Armed(FaultRule rule)
    {
        public FaultRule Rule => rule;
        public int Seen { get; set; }
    }
}
