using System.Text.Json.Nodes;
using VapiAgents.VapiSimulator.Data;

namespace VapiAgents.VapiSimulator.Scenario;

/// <summary>
/// Builds calls the way Vapi's calls evolve: <see cref="Begin"/> creates a queued call,
/// <see cref="Answer"/> puts it in progress, and <see cref="Finish"/> or <see cref="EndUnanswered"/>
/// ends it. Generated history and <c>/__sim/advance</c> walk the same steps, so a call that
/// finishes later looks exactly like one generated already finished.
/// </summary>
internal sealed class CallFactory(OrgProfile org, Random random)
{
    public JsonObject Begin(long createdAt, string? assistantId, bool inCampaign)
    {
        var type = inCampaign ? "outboundPhoneCall" : random.PickWeighted(Catalog.CallTypes);
        var call = new JsonObject
        {
            ["id"] = random.Uuid(),
            ["orgId"] = org.OrgId,
            ["type"] = type,
            ["status"] = "queued",
            ["createdAt"] = IsoTime.Format(createdAt),
            ["updatedAt"] = IsoTime.Format(createdAt),
        };

        if (assistantId is not null)
        {
            call["assistantId"] = assistantId;
        }
        else
        {
            call["squadId"] = org.SquadId;
        }

        if (inCampaign)
        {
            call["campaignId"] = org.CampaignId;
        }

        if (Catalog.IsPhoneCall(type))
        {
            call["phoneNumberId"] = random.Pick(org.PhoneNumberIds);
            call["customer"] = new JsonObject { ["number"] = $"+1415555{random.Between(0, 9999):D4}" };
            call["phoneCallProvider"] = random.Pick(Catalog.PhoneProviders).Provider;
            call["phoneCallTransport"] = random.Chance(85) ? "pstn" : "sip";
            call["phoneCallProviderId"] = "CA" + random.Hex(32);
        }
        else if (type == "webCall")
        {
            call["webCallUrl"] = $"https://vapi.daily.co/{random.Hex(20)}";
        }

        return call;
    }

    public void Answer(JsonObject call, long startedAt, long updatedAt)
    {
        var id = (string)call["id"]!;
        call["status"] = "in-progress";
        call["updatedAt"] = IsoTime.Format(updatedAt);
        call["startedAt"] = IsoTime.Format(startedAt);
        call["cost"] = 0m;
        call["monitor"] = new JsonObject
        {
            ["listenUrl"] = $"wss://phone-call-websocket.aws-us-west-2-backend-production1.vapi.ai/{id}/listen",
            ["controlUrl"] = $"https://phone-call-websocket.aws-us-west-2-backend-production1.vapi.ai/{id}/control",
        };
    }

    /// <summary>Ends a call that never connected: no startedAt, so duration 0, and nothing to pay.</summary>
    public void EndUnanswered(JsonObject call, long endedAt, long updatedAt)
    {
        var reasons = (string?)call["type"] == "webCall" ? EndedReasons.UnansweredWeb : EndedReasons.Unanswered;
        call["status"] = "ended";
        call["updatedAt"] = IsoTime.Format(updatedAt);
        call["endedReason"] = random.PickWeighted(reasons);
        call["endedAt"] = IsoTime.Format(endedAt);
        call["cost"] = 0m;
        if (random.Chance(50))
        {
            call["costBreakdown"] = new JsonObject
            {
                ["transport"] = 0m, ["stt"] = 0m, ["llm"] = 0m, ["tts"] = 0m, ["vapi"] = 0m, ["total"] = 0m,
            };
        }
    }

    /// <summary>Ends a call that was answered (it has startedAt) with its final cost and analysis.</summary>
    public void Finish(JsonObject call, long endedAt, long updatedAt)
    {
        var startedAt = IsoTime.TryParse((string?)call["startedAt"], out var started) ? started : endedAt;
        var reason = PickEndedReason();
        var costs = CallCosts.Estimate(
            random, (string?)call["type"], (string?)call["phoneCallProvider"], endedAt - startedAt, !EndedReasons.IsVapiFault(reason));

        call["status"] = "ended";
        call["updatedAt"] = IsoTime.Format(updatedAt);
        call["endedReason"] = reason;
        call["endedAt"] = IsoTime.Format(endedAt);
        if (random.Chance(5))
        {
            call["endedMessage"] = "The call ended; see endedReason for details.";
        }

        new CostWriter(random, costs).WriteTo(call);
        WriteConversation(call, startedAt);
        WriteAnalysis(call);
        WriteUnknownFields(call);
    }

    private string PickEndedReason()
    {
        var draw = random.NextDouble() * 100;
        return draw switch
        {
            < 0.5 => random.Pick(EndedReasons.Future),
            < 4.5 => random.Pick(EndedReasons.Known),
            _ => random.PickWeighted(EndedReasons.Answered),
        };
    }

    /// <summary>Short on purpose: these exist so the product can prove it does not store them.</summary>
    private void WriteConversation(JsonObject call, long startedAt)
    {
        var (bot, user) = random.Pick(Catalog.Exchanges);
        JsonArray Messages() =>
        [
            new JsonObject
            {
                ["role"] = "bot", ["message"] = bot, ["time"] = startedAt + 500, ["endTime"] = startedAt + 2300,
                ["secondsFromStart"] = 0.5m, ["duration"] = 1800,
            },
            new JsonObject
            {
                ["role"] = "user", ["message"] = user, ["time"] = startedAt + 2900, ["endTime"] = startedAt + 4600,
                ["secondsFromStart"] = 2.9m, ["duration"] = 1700,
            },
        ];

        call["messages"] = Messages();
        call["artifact"] = new JsonObject
        {
            ["transcript"] = $"AI: {bot}\nUser: {user}",
            ["recordingUrl"] = $"https://storage.vapi.ai/{(string)call["id"]!}-mono.wav",
            ["messages"] = Messages(),
        };
    }

    private void WriteAnalysis(JsonObject call)
    {
        if (random.Chance(8))
        {
            return;
        }

        var analysis = new JsonObject { ["summary"] = random.Pick(Catalog.Summaries) };
        if (random.Chance(30))
        {
            analysis["structuredData"] = new JsonObject { ["booked"] = random.Chance(50) };
        }

        var draw = random.Next(100);
        switch (draw)
        {
            case < 10:
                break; // field missing
            case < 15:
                analysis["successEvaluation"] = null;
                break;
            default:
                analysis["successEvaluation"] = SuccessEvaluationValue(draw);
                break;
        }

        call["analysis"] = analysis;
    }

    /// <summary>The shapes seen in the wild: strings of several rubrics, JSON booleans and numbers.</summary>
    private JsonNode SuccessEvaluationValue(int draw) => draw switch
    {
        < 45 => "true",
        < 57 => "false",
        < 67 => JsonValue.Create(true),
        < 72 => JsonValue.Create(false),
        < 77 => random.Chance(70) ? "Pass" : "Fail",
        < 85 => $"{random.Between(2, 10)}/10",
        < 90 => JsonValue.Create(random.Between(1, 10)),
        < 93 => JsonValue.Create(random.Amount(0, 1, 2)),
        < 96 => $"{random.Between(20, 100)}%",
        _ => random.Chance(50) ? "Excellent" : "Good",
    };

    /// <summary>Fields the spec does not declare (yet): the product must ignore, not reject, them.</summary>
    private void WriteUnknownFields(JsonObject call)
    {
        if (random.Chance(2))
        {
            call["futureField"] = new JsonObject { ["x"] = new JsonArray(1, 2) };
        }

        if (random.Chance(3))
        {
            call["assistantVersion"] = null;
        }
    }
}
