using System.Globalization;
using System.Text.Json;

namespace VapiAgents.Benchmarks.Harness;

/// <summary>
/// A scenario's results: printed as a readable table, then as one JSON object on the last line (the line
/// the Bench target and docs/benchmarks.md read).
/// </summary>
public sealed class Figures(string scenario, BenchProvider provider)
{
    private readonly List<(string Name, object Value, string? Target)> _rows = [];

    public Figures Add(string name, double value, string? target = null)
    {
        _rows.Add((name, Math.Round(value, value >= 100 ? 0 : 3), target));
        return this;
    }

    public Figures Note(string name, string value)
    {
        _rows.Add((name, value, null));
        return this;
    }

    public void Print(TextWriter output)
    {
        var width = _rows.Max(r => r.Name.Length);
        output.WriteLine();
        output.WriteLine($"{scenario} on {provider}");
        foreach (var (name, value, target) in _rows)
        {
            var text = value is double d ? d.ToString("#,0.###", CultureInfo.InvariantCulture) : value.ToString();
            output.WriteLine($"  {name.PadRight(width)}  {text,14}{(target is null ? "" : $"   target {target}")}");
        }

        var json = new Dictionary<string, object> { ["scenario"] = scenario, ["provider"] = provider.ToString() };
        foreach (var (name, value, _) in _rows)
        {
            json[name] = value;
        }

        output.WriteLine(JsonSerializer.Serialize(json));
    }
}
