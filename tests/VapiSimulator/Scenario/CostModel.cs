using VapiAgents.VapiSimulator.Data;

namespace VapiAgents.VapiSimulator.Scenario;

/// <summary>
/// What an answered call costs, part by part. Rates are plausible list prices, not Vapi's
/// invoice. Every amount is rounded to 8 decimal places so that sums stay exact decimals.
/// </summary>
internal sealed record CallCosts
{
    public required string TransportProvider { get; init; }
    public required decimal Minutes { get; init; }
    public required decimal Transport { get; init; }
    public required decimal Stt { get; init; }
    public required decimal Llm { get; init; }
    public required decimal Tts { get; init; }
    public required decimal Vapi { get; init; }
    public required long PromptTokens { get; init; }
    public required long CompletionTokens { get; init; }
    public required long CachedPromptTokens { get; init; }
    public required long TtsCharacters { get; init; }
    public required IReadOnlyList<AnalysisCost> Analysis { get; init; }

    public static CallCosts Estimate(Random random, string? callType, string? phoneProvider, long talkMs, bool charged)
    {
        var seconds = talkMs / 1000m;
        var minutes = Math.Round(seconds / 60m, 4);
        var turns = Math.Max(1, (long)(seconds / 9m));
        var prompt = turns * random.Between(900, 2200);
        var completion = turns * random.Between(25, 60);
        var cached = prompt * random.Between(0, 60) / 100;
        var characters = turns * random.Between(40, 90);
        var (provider, perMinute) = TransportRate(callType, phoneProvider);

        return new CallCosts
        {
            TransportProvider = provider,
            Minutes = minutes,
            Transport = Charge(charged, minutes * perMinute),
            Stt = Charge(charged, minutes * 0.01m),
            Llm = Charge(charged, (prompt * 0.0000025m) + (completion * 0.00001m) - (cached * 0.00000125m)),
            Tts = Charge(charged, characters * 0.000036m),
            Vapi = Charge(charged, minutes * 0.05m),
            PromptTokens = prompt,
            CompletionTokens = completion,
            CachedPromptTokens = cached,
            TtsCharacters = characters,
            Analysis = AnalysisCost.Estimate(random, charged),
        };
    }

    /// <summary>Phone minutes cost the carrier's rate; browser and websocket transport is free.</summary>
    private static (string Provider, decimal PerMinute) TransportRate(string? callType, string? phoneProvider)
    {
        if (!Catalog.IsPhoneCall(callType))
        {
            return (callType == "webCall" ? "daily" : "vapi.websocket", 0m);
        }

        var (provider, perMinute) = Catalog.PhoneProviders.FirstOrDefault(
            entry => entry.Provider == phoneProvider, Catalog.PhoneProviders[0]);
        return (provider == "vapi" ? "vapi.sip" : provider, perMinute);
    }

    /// <summary>Rounds to Vapi's 8 decimals and drops trailing zeros, so 0.0361 prints as 0.0361.</summary>
    public static decimal Money(decimal amount) => Decimals.WithoutTrailingZeros(Math.Round(amount, 8));

    private static decimal Charge(bool charged, decimal amount) => charged ? Money(amount) : 0m;
}

/// <summary>One post-call analysis step (summary, structuredData or successEvaluation).</summary>
internal sealed record AnalysisCost(string Kind, decimal Cost, long PromptTokens, long CompletionTokens)
{
    public static IReadOnlyList<AnalysisCost> Estimate(Random random, bool charged)
    {
        var steps = new List<AnalysisCost> { Step(random, "summary", charged, 60, 140) };
        if (random.Chance(30))
        {
            steps.Add(Step(random, "structuredData", charged, 20, 80));
        }

        steps.Add(Step(random, "successEvaluation", charged, 1, 6));
        return steps;
    }

    private static AnalysisCost Step(Random random, string kind, bool charged, long minCompletion, long maxCompletion)
    {
        var prompt = random.Between(400, 2500);
        var completion = random.Between(minCompletion, maxCompletion);
        var cost = charged ? CallCosts.Money((prompt * 0.00000015m) + (completion * 0.0000006m)) : 0m;
        return new AnalysisCost(kind, cost, prompt, completion);
    }
}
