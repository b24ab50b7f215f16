using System.Text.Json.Nodes;
using VapiAgents.VapiSimulator.Data;

namespace VapiAgents.VapiSimulator.Scenario;

/// <summary>
/// What happens to an organisation's calls after start-up, stamped with the real clock:
/// live calls end and new calls arrive.
/// </summary>
internal sealed class LiveTimeline(CallFactory factory, Random random, SimClock clock)
{
    private const long Second = 1000;

    /// <summary>
    /// Ends every call that is queued, ringing, in progress or forwarding (scheduled calls wait).
    /// An answered call ends after a plausible talk time, but never later than now.
    /// </summary>
    public List<StoredCall> FinishLive(CallSet calls)
    {
        var finished = new List<StoredCall>();
        foreach (var live in calls.All.Where(call => call.Facts.IsLive && call.Facts.Status != "scheduled"))
        {
            var call = JsonNode.Parse(live.Json)!.AsObject();
            var now = SimClock.NowMs;
            if (live.Facts.Status is "in-progress" or "forwarding" && IsoTime.TryParse((string?)call["startedAt"], out var startedAt))
            {
                var endedAt = Math.Max(startedAt, Math.Min(now, startedAt + random.Between(30 * Second, 10 * 60 * Second)));
                factory.Finish(call, endedAt, clock.Next());
            }
            else
            {
                factory.EndUnanswered(call, now, clock.Next());
            }

            finished.Add(StoredCall.FromJson(JsonBytes.Serialize(call)));
        }

        return finished;
    }

    /// <summary>New calls created now: some stay in progress, some never connect, the rest end at once.</summary>
    public List<StoredCall> CreateCalls(OrgProfile org, int count, string? assistantId, double inProgressPercent)
    {
        var created = new List<StoredCall>(count);
        for (var i = 0; i < count; i++)
        {
            var createdAt = clock.Next();
            var call = factory.Begin(createdAt, assistantId ?? org.ChooseAssistant(random), inCampaign: false);
            if (random.Chance(inProgressPercent))
            {
                factory.Answer(call, createdAt, clock.Next());
            }
            else if (random.Chance(org.Spec.UnansweredPercent))
            {
                var endedAt = clock.Next();
                factory.EndUnanswered(call, endedAt, endedAt);
            }
            else
            {
                factory.Answer(call, createdAt, createdAt);
                var endedAt = clock.Next();
                factory.Finish(call, endedAt, endedAt);
            }

            created.Add(StoredCall.FromJson(JsonBytes.Serialize(call)));
        }

        return created;
    }
}
