using System.Text.Json;
using System.Text.Json.Nodes;
using VapiAgents.VapiSimulator.Data;
using VapiAgents.VapiSimulator.Scenario;
using VapiAgents.VapiSimulator.Truth;

namespace VapiAgents.VapiSimulator;

/// <summary>
/// The simulated Vapi account data of one simulator and everything tests do with it in
/// process: load scenarios, add calls, move time on, ask for the ground truth, plan faults.
/// Thread-safe: changes are serialised, readers work on immutable snapshots.
/// </summary>
public sealed class VapiSimulation
{
    private readonly Lock _writeLock = new();
    private readonly SimClock _clock = new();
    private World _world;

    internal VapiSimulation(World world) => _world = world;

    public FaultRules Faults { get; } = new();

    public RequestLog Requests { get; } = new();

    public ScenarioDescription Scenario => World.Describe();

    internal World World => Volatile.Read(ref _world);

    /// <summary>Replaces all data with a newly generated scenario (faults and the request log stay).</summary>
    /// <exception cref="ArgumentException">The spec is not valid.</exception>
    public ScenarioDescription LoadScenario(ScenarioSpec spec)
    {
        var world = ScenarioGenerator.Generate(spec);
        lock (_writeLock)
        {
            Volatile.Write(ref _world, world);
        }

        return world.Describe();
    }

    /// <summary>
    /// Adds raw calls, exactly as given, to the organisation of <paramref name="key"/>, replacing
    /// calls with the same id. A call without orgId gets the organisation's.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No organisation has the key.</exception>
    /// <exception cref="FormatException">A call lacks id, createdAt or updatedAt, or belongs to another org.</exception>
    public AddCallsResult AddCalls(string key, IEnumerable<JsonObject> calls)
    {
        lock (_writeLock)
        {
            var org = OrgOfKey(key);
            var stored = calls.Select(call => ToStoredCall(org, call)).ToList();
            var replaced = stored.Select(call => call.Id).Distinct(StringComparer.Ordinal).Count(id => org.Calls.Find(id) is not null);
            org.Publish(org.Calls.Upsert(stored));
            return new AddCallsResult(stored.Count - replaced, replaced);
        }
    }

    /// <summary>
    /// Moves time on using the real clock: finishes live calls and creates new ones. Every
    /// createdAt/updatedAt it writes is strictly newer than the ones before; as that can run a
    /// few milliseconds ahead of the real clock, it returns only once the real clock has caught up.
    /// New calls that end at once take only milliseconds of talk time.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The key or assistant is unknown.</exception>
    public async Task<AdvanceResult> AdvanceAsync(AdvanceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(request.NewCalls);
        AdvanceResult result;
        lock (_writeLock)
        {
            var world = World;
            var finished = new List<string>();
            var created = new List<string>();
            foreach (var org in TargetsOf(world, request))
            {
                var timeline = new LiveTimeline(new CallFactory(org.Profile, world.ChangeRandom), world.ChangeRandom, _clock);
                var changed = request.FinishInProgress ? timeline.FinishLive(org.Calls) : [];
                finished.AddRange(changed.Select(call => call.Id));
                var fresh = timeline.CreateCalls(org.Profile, request.NewCalls, request.AssistantId, request.InProgressPercent);
                created.AddRange(fresh.Select(call => call.Id));
                org.Publish(org.Calls.Upsert([.. changed, .. fresh]));
            }

            result = new AdvanceResult(finished, created);
        }

        await _clock.WaitUntilRealTimeCatchesUpAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Ground truth over the calls <paramref name="key"/> can see, optionally of one assistant and
    /// optionally only those with <paramref name="from"/> ≤ createdAt &lt; <paramref name="to"/>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No organisation has the key.</exception>
    public CallTruth Truth(string key, string? assistantId = null, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var fromMs = from is { } f ? IsoTime.ToUnixMs(f) : long.MinValue;
        var toMs = to is { } t ? IsoTime.ToUnixMs(t) - 1 : long.MaxValue;
        var calls = OrgOfKey(key).Calls.CreatedRange(fromMs, toMs).ToArray()
            .Where(call => assistantId is null || call.AssistantId == assistantId)
            .ToList();
        return TruthCalculator.Compute(calls);
    }

    /// <summary>Every call <paramref name="key"/> can see (optionally of one assistant), newest first.</summary>
    /// <exception cref="KeyNotFoundException">No organisation has the key.</exception>
    public IReadOnlyList<JsonElement> Calls(string key, string? assistantId = null) =>
        [.. VisibleCalls(key, assistantId).Select(call => JsonDocument.Parse(call.Json).RootElement.Clone())];

    internal IEnumerable<StoredCall> VisibleCalls(string key, string? assistantId) =>
        OrgOfKey(key).Calls.All.Reverse().Where(call => assistantId is null || call.AssistantId == assistantId);

    private OrgState OrgOfKey(string key) =>
        World.OrgOfKey(key) ?? throw new KeyNotFoundException("No organisation has that key.");

    private IEnumerable<OrgState> TargetsOf(World world, AdvanceRequest request)
    {
        if (request.AssistantId is { } assistantId)
        {
            return [world.Orgs.FirstOrDefault(org => org.FindAssistant(assistantId) is not null)
                ?? throw new KeyNotFoundException("No organisation has that assistant.")];
        }

        return request.Key is { } key ? [OrgOfKey(key)] : world.Orgs;
    }

    private static StoredCall ToStoredCall(OrgState org, JsonObject call)
    {
        var copy = call.DeepClone().AsObject();
        var orgId = copy["orgId"];
        if (orgId is null)
        {
            copy["orgId"] = org.OrgId;
        }
        else if (orgId.GetValueKind() != JsonValueKind.String || (string?)orgId != org.OrgId)
        {
            throw new FormatException("The call's orgId is not the organisation of the key.");
        }

        return StoredCall.FromJson(JsonBytes.Serialize(copy));
    }
}
