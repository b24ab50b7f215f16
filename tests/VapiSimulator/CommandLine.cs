using System.Globalization;

namespace VapiAgents.VapiSimulator;

/// <summary>The command-line options; <c>--calls</c> is the total, shared evenly by the organisations.</summary>
internal sealed record CommandLine
{
    public const string Usage =
        "usage: VapiSimulator [--port 5199] [--calls 1000] [--seed 1] [--orgs 2] [--assistants 3] [--keys 1] [--days 10] [--batch 0] [--anchor 2026-08-20T00:00:00Z]";

    public int Port { get; private init; } = 5199;
    public int Calls { get; private init; } = 1000;
    public int Seed { get; private init; } = 1;
    public int Orgs { get; private init; } = 2;
    public int Assistants { get; private init; } = 3;
    public int Keys { get; private init; } = 1;
    public int Days { get; private init; } = 10;
    public int Batch { get; private init; }
    public DateTimeOffset? Anchor { get; private init; }

    public static bool TryParse(string[] args, out CommandLine commandLine, out string problem)
    {
        commandLine = new CommandLine();
        problem = "";
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null)
            {
                problem = $"{args[i]} needs a value.";
                return false;
            }

            if (args[i] == "--anchor")
            {
                if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var anchor))
                {
                    problem = "--anchor needs an ISO 8601 instant.";
                    return false;
                }

                commandLine = commandLine with { Anchor = anchor };
                continue;
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                problem = $"{args[i]} needs a whole number.";
                return false;
            }

            CommandLine? next = args[i] switch
            {
                "--port" => commandLine with { Port = number },
                "--calls" => commandLine with { Calls = number },
                "--seed" => commandLine with { Seed = number },
                "--orgs" => commandLine with { Orgs = number },
                "--assistants" => commandLine with { Assistants = number },
                "--keys" => commandLine with { Keys = number },
                "--days" => commandLine with { Days = number },
                "--batch" => commandLine with { Batch = number },
                _ => null,
            };
            if (next is null)
            {
                problem = $"Unknown option {args[i]}.";
                return false;
            }

            commandLine = next;
        }

        if (commandLine.Orgs < 1)
        {
            problem = "--orgs must be at least 1.";
            return false;
        }

        return true;
    }

    /// <summary>The batch campaign, if any, is part of the first organisation's calls.</summary>
    public SimulatorOptions ToOptions() => new()
    {
        Port = Port,
        Scenario = new ScenarioSpec
        {
            Seed = Seed,
            Anchor = Anchor,
            Orgs = [.. Enumerable.Range(0, Orgs).Select(index => new OrgSpec
            {
                KeyCount = Keys,
                Assistants = Assistants,
                Calls = (Calls / Orgs) + (index < Calls % Orgs ? 1 : 0),
                Days = Days,
                BatchInstant = index == 0 ? Batch : 0,
            })],
        },
    };
}
