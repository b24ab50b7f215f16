using System.Text.Json.Nodes;
using VapiAgents.VapiSimulator.Data;

namespace VapiAgents.VapiSimulator.Scenario;

/// <summary>
/// Generates one organisation's history up to the anchor. Ended calls all lie at least an
/// hour before the anchor; the in-progress ones were created in its last half hour.
/// </summary>
internal sealed class OrgGenerator
{
    private const long Second = 1000;
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;

    /// <summary>Share of history calls that reuse the previous call's createdAt exactly.</summary>
    private const double TiePercent = 3;

    private readonly OrgSpec _spec;
    private readonly long _anchor;
    private readonly Random _random;
    private readonly OrgProfile _profile;
    private readonly CallFactory _factory;
    private readonly IReadOnlyList<StoredAssistant> _assistants;
    private readonly IReadOnlyList<string> _keys;

    private OrgGenerator(OrgSpec spec, int seed, long anchor)
    {
        _spec = spec;
        _anchor = anchor;
        _random = new Random(seed);
        var orgId = _random.Uuid();
        _keys = spec.Keys ?? [.. Enumerable.Range(0, spec.KeyCount).Select(_ => _random.Uuid())];
        var business = _random.Pick(Catalog.Businesses);
        _assistants = [.. Enumerable.Range(0, spec.Assistants).Select(index => NewAssistant(orgId, business, index))];
        _profile = new OrgProfile
        {
            OrgId = orgId,
            AssistantIds = [.. _assistants.Select(assistant => assistant.Id)],
            PhoneNumberIds = [_random.Uuid(), _random.Uuid()],
            SquadId = _random.Uuid(),
            CampaignId = _random.Uuid(),
            Spec = spec,
        };
        _factory = new CallFactory(_profile, _random);
    }

    public static OrgState Generate(OrgSpec spec, int seed, long anchor)
    {
        var generator = new OrgGenerator(spec, seed, anchor);
        return new OrgState(generator._profile, generator._keys, generator._assistants, generator.GenerateCalls());
    }

    private CallSet GenerateCalls()
    {
        var inProgress = Math.Min(_spec.Calls - _spec.BatchInstant, (int)Math.Round(_spec.Calls * _spec.InProgressPercent / 100));
        var history = _spec.Calls - _spec.BatchInstant - inProgress;
        var calls = new List<StoredCall>(_spec.Calls);
        calls.AddRange(BatchCampaign());
        calls.AddRange(Enumerable.Range(0, inProgress).Select(_ => InProgressCall()));

        var previousCreatedAt = 0L;
        for (var i = 0; i < history; i++)
        {
            var createdAt = i > 0 && _random.Chance(TiePercent)
                ? previousCreatedAt
                : _random.Between(_anchor - (_spec.Days * Day), _anchor - Hour);
            calls.Add(EndedCall(createdAt, _profile.ChooseAssistant(_random), inCampaign: false, updatedAfter: 0));
            previousCreatedAt = createdAt;
        }

        return CallSet.From(calls);
    }

    /// <summary>
    /// A campaign that queued all its calls in one request: one createdAt for all, dialled over
    /// the following two hours, so every call has its own updatedAt.
    /// </summary>
    private IEnumerable<StoredCall> BatchCampaign()
    {
        if (_spec.BatchInstant == 0)
        {
            return [];
        }

        var instant = (_anchor - (_spec.Days * Day / 2)) / Minute * Minute;
        var assistantId = _profile.AssistantIds.Count > 0 ? _profile.AssistantIds[0] : null;
        var calls = new List<StoredCall>(_spec.BatchInstant);
        var lastUpdatedAt = 0L;
        for (var i = 0; i < _spec.BatchInstant; i++)
        {
            var call = EndedCall(instant, assistantId, inCampaign: true, updatedAfter: lastUpdatedAt);
            lastUpdatedAt = call.UpdatedAt;
            calls.Add(call);
        }

        return calls;
    }

    /// <param name="updatedAfter">The call's updatedAt is pushed past this instant if needed.</param>
    private StoredCall EndedCall(long createdAt, string? assistantId, bool inCampaign, long updatedAfter)
    {
        var call = _factory.Begin(createdAt, assistantId, inCampaign);
        var dialDelay = inCampaign ? _random.Between(Second, 2 * Hour) : _random.Between(500, 8 * Second);
        if (_random.Chance(_spec.UnansweredPercent))
        {
            var endedAt = createdAt + dialDelay + _random.Between(5 * Second, 45 * Second);
            _factory.EndUnanswered(call, endedAt, Math.Max(updatedAfter + 1, endedAt + _random.Between(200, 3 * Second)));
        }
        else
        {
            var startedAt = createdAt + dialDelay;
            var endedAt = startedAt + TalkTime();
            _factory.Answer(call, startedAt, startedAt + _random.Between(200, 2 * Second));
            _factory.Finish(call, endedAt, Math.Max(updatedAfter + 1, endedAt + _random.Between(500, 30 * Second)));
        }

        return Store(call);
    }

    private StoredCall InProgressCall()
    {
        var createdAt = _random.Between(_anchor - (30 * Minute), _anchor - (10 * Second));
        var call = _factory.Begin(createdAt, _profile.ChooseAssistant(_random), inCampaign: false);
        var startedAt = createdAt + _random.Between(500, 8 * Second);
        _factory.Answer(call, startedAt, startedAt + _random.Between(200, 2 * Second));
        return Store(call);
    }

    /// <summary>Mostly one to five minutes, with short hang-ups and long support calls.</summary>
    private long TalkTime() => _random.Next(100) switch
    {
        < 20 => _random.Between(5 * Second, 30 * Second),
        < 80 => _random.Between(30 * Second, 5 * Minute),
        _ => _random.Between(5 * Minute, 20 * Minute),
    };

    private StoredAssistant NewAssistant(string orgId, string business, int index)
    {
        var id = _random.Uuid();
        var role = Catalog.AssistantRoles[index % Catalog.AssistantRoles.Count];
        var name = index < Catalog.AssistantRoles.Count ? $"{business} {role}" : $"{business} {role} {(index / Catalog.AssistantRoles.Count) + 1}";
        var createdAt = _random.Between(_anchor - ((_spec.Days + 90) * Day), _anchor - ((_spec.Days + 1) * Day));
        var updatedAt = _random.Between(createdAt, _anchor - Hour);
        var assistant = new JsonObject
        {
            ["id"] = id,
            ["orgId"] = orgId,
            ["name"] = name,
            ["createdAt"] = IsoTime.Format(createdAt),
            ["updatedAt"] = IsoTime.Format(updatedAt),
            ["firstMessage"] = $"Thanks for calling {business}, how can I help?",
            ["model"] = new JsonObject
            {
                ["provider"] = "openai",
                ["model"] = "gpt-4o",
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = $"You are the {role.ToLowerInvariant()} of {business}." }),
            },
            ["voice"] = new JsonObject { ["provider"] = "11labs", ["voiceId"] = "burt" },
            ["transcriber"] = new JsonObject { ["provider"] = "deepgram", ["model"] = "nova-3" },
        };
        return new StoredAssistant(id, name, createdAt, updatedAt, JsonBytes.Serialize(assistant));
    }

    private static StoredCall Store(JsonObject call) => StoredCall.FromJson(JsonBytes.Serialize(call));
}
