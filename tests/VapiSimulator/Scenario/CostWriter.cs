using System.Text.Json.Nodes;

namespace VapiAgents.VapiSimulator.Scenario;

/// <summary>
/// Writes <c>cost</c>, <c>costBreakdown</c> and <c>costs[]</c> onto a finished call. Real
/// payloads vary: most carry the full breakdown, some none at all, some only part of it.
/// Whatever is written, <c>cost</c> is exactly the sum of the money parts present
/// (transport + stt + llm + tts + vapi + analysis), or of all parts when the breakdown is missing.
/// </summary>
internal sealed class CostWriter(Random random, CallCosts costs)
{
    public void WriteTo(JsonObject call)
    {
        var draw = random.Next(100);
        if (draw < 6)
        {
            call["cost"] = Total(includeTts: true, includeAnalysis: true);
            return;
        }

        var partial = draw < 15;
        var includeTts = !partial || random.Chance(50);
        var includeAnalysis = !partial || random.Chance(50);
        var total = Total(includeTts, includeAnalysis);

        call["cost"] = total;
        call["costBreakdown"] = Breakdown(total, partial, includeTts, includeAnalysis);
        if (!partial || random.Chance(50))
        {
            call["costs"] = CostItems(includeTts, includeAnalysis);
        }
    }

    private decimal Total(bool includeTts, bool includeAnalysis) => CallCosts.Money(
        costs.Transport + costs.Stt + costs.Llm + costs.Vapi
        + (includeTts ? costs.Tts : 0m)
        + (includeAnalysis ? costs.Analysis.Sum(step => step.Cost) : 0m));

    private JsonObject Breakdown(decimal total, bool partial, bool includeTts, bool includeAnalysis)
    {
        var breakdown = new JsonObject
        {
            ["transport"] = costs.Transport,
            ["stt"] = costs.Stt,
            ["llm"] = costs.Llm,
        };
        if (includeTts)
        {
            breakdown["tts"] = costs.Tts;
        }

        breakdown["vapi"] = costs.Vapi;
        if (!partial || random.Chance(50))
        {
            breakdown["total"] = total;
        }

        if (!partial || random.Chance(50))
        {
            breakdown["llmPromptTokens"] = costs.PromptTokens;
            breakdown["llmCompletionTokens"] = costs.CompletionTokens;
            breakdown["llmCachedPromptTokens"] = costs.CachedPromptTokens;
        }

        if (includeTts)
        {
            breakdown["ttsCharacters"] = costs.TtsCharacters;
        }

        if (includeAnalysis)
        {
            var analysis = new JsonObject();
            foreach (var step in costs.Analysis)
            {
                analysis[step.Kind] = step.Cost;
                analysis[step.Kind + "PromptTokens"] = step.PromptTokens;
                analysis[step.Kind + "CompletionTokens"] = step.CompletionTokens;
            }

            breakdown["analysisCostBreakdown"] = analysis;
        }

        return breakdown;
    }

    private JsonArray CostItems(bool includeTts, bool includeAnalysis)
    {
        var items = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "transport", ["provider"] = costs.TransportProvider, ["minutes"] = costs.Minutes, ["cost"] = costs.Transport,
            },
            new JsonObject
            {
                ["type"] = "transcriber", ["transcriber"] = new JsonObject { ["provider"] = "deepgram", ["model"] = "nova-3" },
                ["minutes"] = costs.Minutes, ["cost"] = costs.Stt,
            },
            new JsonObject
            {
                ["type"] = "model", ["model"] = new JsonObject { ["provider"] = "openai", ["model"] = "gpt-4o" },
                ["promptTokens"] = costs.PromptTokens, ["completionTokens"] = costs.CompletionTokens,
                ["cachedPromptTokens"] = costs.CachedPromptTokens, ["cost"] = costs.Llm,
            },
        };
        if (includeTts)
        {
            items.Add(new JsonObject
            {
                ["type"] = "voice", ["voice"] = new JsonObject { ["provider"] = "11labs", ["voiceId"] = "burt" },
                ["characters"] = costs.TtsCharacters, ["cost"] = costs.Tts,
            });
        }

        items.Add(new JsonObject { ["type"] = "vapi", ["subType"] = "normal", ["minutes"] = costs.Minutes, ["cost"] = costs.Vapi });
        if (includeAnalysis)
        {
            foreach (var step in costs.Analysis)
            {
                items.Add(new JsonObject
                {
                    ["type"] = "analysis", ["analysisType"] = step.Kind,
                    ["model"] = new JsonObject { ["provider"] = "openai", ["model"] = "gpt-4o-mini" },
                    ["promptTokens"] = step.PromptTokens, ["completionTokens"] = step.CompletionTokens, ["cost"] = step.Cost,
                });
            }
        }

        return items;
    }
}
