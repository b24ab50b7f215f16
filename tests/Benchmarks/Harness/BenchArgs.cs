using System.Globalization;

namespace VapiAgents.Benchmarks.Harness;

public enum BenchProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>The command line: <c>&lt;scenario&gt; [--calls N] [--provider Sqlite|PostgreSql] [--runs N] [--seconds N] [--trace FILE]</c>.</summary>
public sealed record BenchArgs(string Scenario, int? Calls, BenchProvider Provider, int? Runs, int? Seconds, string? Trace, string[] Rest)
{
    public static BenchArgs Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            throw new ArgumentException("Name a scenario first: sync, metrics, http, startup or micro.");
        }

        int? calls = null, runs = null, seconds = null;
        string? trace = null;
        var provider = BenchProvider.Sqlite;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--calls": calls = Number(args, ++i); break;
                case "--runs": runs = Number(args, ++i); break;
                case "--seconds": seconds = Number(args, ++i); break;
                case "--trace": trace = Value(args, ++i); break;
                case "--provider":
                    provider = Enum.Parse<BenchProvider>(Value(args, ++i), ignoreCase: true);
                    break;
                default: rest.Add(args[i]); break;
            }
        }

        return new BenchArgs(args[0].ToLowerInvariant(), calls, provider, runs, seconds, trace, rest.ToArray());
    }

    /// <summary>The product settings given as <c>--set Key=Value</c>, in order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings()
    {
        for (var i = 0; i + 1 < Rest.Length; i++)
        {
            if (Rest[i] == "--set" && Rest[i + 1].Split('=', 2) is [var key, var value])
            {
                yield return new(key, value);
            }
        }
    }

    private static string Value(string[] args, int i) =>
        i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    private static int Number(string[] args, int i) => int.Parse(Value(args, i), NumberStyles.Integer, CultureInfo.InvariantCulture);
}
