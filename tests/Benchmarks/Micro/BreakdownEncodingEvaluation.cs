using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using VapiAgents.Benchmarks.Harness;
using VapiAgents.Infrastructure.Usage;
using VapiAgents.Infrastructure.Usage.Schema;

namespace VapiAgents.Benchmarks.Micro;

/// <summary>
/// Issue: "a JSON column or child table in place of BreakdownBlob". A rollup's breakdown — (dimension, key id) →
/// (calls, cost units) — encoded three ways: <see cref="BreakdownBlob"/> (17 bytes an entry), System.Text.Json with a
/// source-generated context over <c>[[dim,key,calls,cost],…]</c>, and the same JSON written and read with
/// <see cref="Utf8JsonWriter"/> / <see cref="Utf8JsonReader"/> by hand (the fastest JSON can be). For each: encode,
/// decode into a new map, and add into a running total (what the metrics reader does with every rollup it reads),
/// in ns per rollup, and the bytes a rollup row would store. The maps are day rollups of agent sets of three sizes,
/// drawn like the metrics data set's calls.
/// </summary>
public static class BreakdownEncodingEvaluation
{
    private static readonly (string Name, int CallsPerDay)[] Sets =
    [
        ("quiet agent", 100),
        ("busy agent", 1_000),
        ("every-agent set", 11_000),
    ];

    public static async Task<Figures> RunAsync(BenchArgs args)
    {
        var rounds = args.Runs ?? 5;
        var figures = new Figures("breakdown", args.Provider).Add("rounds", rounds);
        foreach (var (name, callsPerDay) in Sets)
        {
            var line = await CompareAsync(name, BreakdownSample.DayRollup(callsPerDay, seed: callsPerDay), rounds);
            Console.WriteLine(JsonSerializer.Serialize(line));
            var prefix = callsPerDay switch { 100 => "quiet", 1_000 => "busy", _ => "everyAgent" };
            figures.Add($"{prefix}Entries", (int)line["entries"])
                .Add($"{prefix}BlobBytes", (int)line["blobBytes"]).Add($"{prefix}JsonBytes", (int)line["jsonBytes"])
                .Add($"{prefix}BlobAddToNs", (double)line["blobAddToNs"]).Add($"{prefix}JsonAddToNs", (double)line["jsonSourceGenAddToNs"])
                .Add($"{prefix}JsonReaderAddToNs", (double)line["jsonReaderAddToNs"]);
        }

        return figures;
    }

    private static async Task<Dictionary<string, object>> CompareAsync(string name, Dictionary<BreakdownBlob.Key, (long Calls, long Cost)> map, int rounds)
    {
        var blob = BreakdownBlob.Encode(map);
        var json = JsonSourceGen.Encode(map);
        var handJson = JsonByHand.Encode(map);
        Check(map, BreakdownBlob.Decode(blob), "blob");
        Check(map, JsonSourceGen.Decode(json), "source-generated JSON");
        Check(map, JsonByHand.Decode(json), "hand-read JSON");
        if (!json.AsSpan().SequenceEqual(handJson))
        {
            throw new InvalidOperationException("The two JSON encoders wrote different bytes.");
        }

        // About 40 ms per sample whatever the map's size: enough iterations to rise above the timer and the noise.
        var iterations = Math.Max(2_000, 4_000_000 / Math.Max(1, map.Count));
        var totals = new Dictionary<BreakdownBlob.Key, (long Calls, long Cost)>();
        var operations = new List<(string Name, Func<Task> Work)>
        {
            ("blobEncode", Repeat(iterations, () => BreakdownBlob.Encode(map).Length)),
            ("jsonSourceGenEncode", Repeat(iterations, () => JsonSourceGen.Encode(map).Length)),
            ("jsonWriterEncode", Repeat(iterations, () => JsonByHand.Encode(map).Length)),
            ("blobDecode", Repeat(iterations, () => BreakdownBlob.Decode(blob).Count)),
            ("jsonSourceGenDecode", Repeat(iterations, () => JsonSourceGen.Decode(json).Count)),
            ("jsonReaderDecode", Repeat(iterations, () => JsonByHand.Decode(json).Count)),
            ("blobAddTo", Repeat(iterations, () => { BreakdownBlob.AddTo(totals, blob); return totals.Count; })),
            ("jsonSourceGenAddTo", Repeat(iterations, () => { JsonSourceGen.AddTo(totals, json); return totals.Count; })),
            ("jsonReaderAddTo", Repeat(iterations, () => { JsonByHand.AddTo(totals, json); return totals.Count; })),
        };
        foreach (var (_, work) in operations)
        {
            await work();
        }

        var samples = await MicroTimer.AlternateAsync(rounds, operations);
        var line = new Dictionary<string, object>
        {
            ["comparison"] = $"breakdown: {name}",
            ["entries"] = map.Count,
            ["blobBytes"] = blob.Length,
            ["jsonBytes"] = json.Length,
        };
        foreach (var (operation, runs) in samples)
        {
            line[$"{operation}Ns"] = Math.Round(MicroTimer.MedianMs(runs) * 1_000_000 / iterations, 0);
            line[$"{operation}AllocatedBytes"] = Math.Round(MicroTimer.MedianBytes(runs) / iterations, 0);
        }

        return line;
    }

    private static Func<Task> Repeat(int iterations, Func<int> operation) => () =>
    {
        var sink = 0;
        for (var i = 0; i < iterations; i++)
        {
            sink += operation();
        }

        GC.KeepAlive(sink);
        return Task.CompletedTask;
    };

    private static void Check(Dictionary<BreakdownBlob.Key, (long Calls, long Cost)> expected, Dictionary<BreakdownBlob.Key, (long Calls, long Cost)> actual, string what)
    {
        if (expected.Count != actual.Count || expected.Any(e => actual.GetValueOrDefault(e.Key) != e.Value))
        {
            throw new InvalidOperationException($"The {what} did not give back the map it was made from.");
        }
    }

    /// <summary>The map as <c>[[dim,key,calls,cost],…]</c> through a source-generated <see cref="JsonSerializerContext"/>.</summary>
    private static class JsonSourceGen
    {
        public static byte[] Encode(IReadOnlyDictionary<BreakdownBlob.Key, (long Calls, long Cost)> map) =>
            JsonSerializer.SerializeToUtf8Bytes(
                Sorted(map).Select(e => new[] { (long)e.Key.Dimension, e.Key.KeyId, e.Value.Calls, e.Value.Cost }).ToArray(),
                BreakdownJsonContext.Default.Int64ArrayArray);

        public static Dictionary<BreakdownBlob.Key, (long Calls, long Cost)> Decode(ReadOnlySpan<byte> json)
        {
            var map = new Dictionary<BreakdownBlob.Key, (long Calls, long Cost)>();
            AddTo(map, json);
            return map;
        }

        public static void AddTo(Dictionary<BreakdownBlob.Key, (long Calls, long Cost)> totals, ReadOnlySpan<byte> json)
        {
            foreach (var entry in JsonSerializer.Deserialize(json, BreakdownJsonContext.Default.Int64ArrayArray) ?? [])
            {
                ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(totals, new BreakdownBlob.Key((BreakdownDimension)entry[0], (int)entry[1]), out _);
                sum = (sum.Calls + entry[2], sum.Cost + entry[3]);
            }
        }
    }

    /// <summary>The same JSON, written and read token by token without intermediate arrays.</summary>
    private static class JsonByHand
    {
        public static byte[] Encode(IReadOnlyDictionary<BreakdownBlob.Key, (long Calls, long Cost)> map)
        {
            var buffer = new ArrayBufferWriter<byte>(map.Count * 32 + 2);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartArray();
                foreach (var (key, (calls, cost)) in Sorted(map))
                {
                    writer.WriteStartArray();
                    writer.WriteNumberValue((int)key.Dimension);
                    writer.WriteNumberValue(key.KeyId);
                    writer.WriteNumberValue(calls);
                    writer.WriteNumberValue(cost);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
            }

            return buffer.WrittenSpan.ToArray();
        }

        public static Dictionary<BreakdownBlob.Key, (long Calls, long Cost)> Decode(ReadOnlySpan<byte> json)
        {
            var map = new Dictionary<BreakdownBlob.Key, (long Calls, long Cost)>();
            AddTo(map, json);
            return map;
        }

        public static void AddTo(Dictionary<BreakdownBlob.Key, (long Calls, long Cost)> totals, ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json);
            Expect(ref reader, JsonTokenType.StartArray);
            while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                var dimension = (BreakdownDimension)Number(ref reader);
                var keyId = (int)Number(ref reader);
                var calls = Number(ref reader);
                var cost = Number(ref reader);
                Expect(ref reader, JsonTokenType.EndArray);
                ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(totals, new BreakdownBlob.Key(dimension, keyId), out _);
                sum = (sum.Calls + calls, sum.Cost + cost);
            }
        }

        private static long Number(ref Utf8JsonReader reader)
        {
            Expect(ref reader, JsonTokenType.Number);
            return reader.GetInt64();
        }

        private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
        {
            if (!reader.Read() || reader.TokenType != token)
            {
                throw new InvalidDataException("A usage rollup breakdown is not in a known format.");
            }
        }
    }

    /// <summary>In key order, as <see cref="BreakdownBlob.Encode"/> writes them (equal content, equal bytes).</summary>
    private static IEnumerable<KeyValuePair<BreakdownBlob.Key, (long Calls, long Cost)>> Sorted(IReadOnlyDictionary<BreakdownBlob.Key, (long Calls, long Cost)> map) =>
        map.Where(e => e.Value.Calls != 0 || e.Value.Cost != 0).OrderBy(e => e.Key.Dimension).ThenBy(e => e.Key.KeyId);
}

[JsonSerializable(typeof(long[][]))]
internal sealed partial class BreakdownJsonContext : JsonSerializerContext;

/// <summary>
/// A day rollup's breakdown as <c>UsageTally.Add</c> builds it from calls drawn like the metrics data set's
/// (<c>MetricsDataset.Holdings</c>): an ended reason (a dozen common, 150 in a Zipf tail; none while a call is
/// open), a type, a status and, for answered calls, a call-length band; cost in 1e-10 USD units.
/// </summary>
public static class BreakdownSample
{
    private const int ReasonCount = 162;
    private const int FirstTypeId = ReasonCount + 1;
    private const int FirstStatusId = FirstTypeId + 3;

    private static readonly double[] ReasonWeights = Enumerable.Range(0, ReasonCount).Select(rank => 1.0 / Math.Pow(rank + 1, 1.3)).ToArray();
    private static readonly double[] TypeWeights = [60, 32, 8];
    private static readonly double[] StatusWeights = [97, 1.5, 1, 0.5];
    private static readonly int[] BandStartsSeconds = [0, 30, 60, 120, 300, 600];

    public static Dictionary<BreakdownBlob.Key, (long Calls, long Cost)> DayRollup(int calls, int seed)
    {
        var random = new Random(seed);
        var map = new Dictionary<BreakdownBlob.Key, (long Calls, long Cost)>();
        for (var i = 0; i < calls; i++)
        {
            var status = Pick(random, StatusWeights);
            var ended = status == 0;
            var answered = ended && random.NextDouble() > 0.08;
            var cost = answered ? (long)(random.NextDouble() * 1.5 * 1e10) : 0;
            Add(map, BreakdownDimension.EndedReason, ended ? 1 + Pick(random, ReasonWeights) : 0, cost);
            Add(map, BreakdownDimension.Type, FirstTypeId + Pick(random, TypeWeights), cost);
            Add(map, BreakdownDimension.Status, FirstStatusId + status, cost);
            if (answered)
            {
                var seconds = random.Next(5, 900);
                Add(map, BreakdownDimension.DurationBand, 1 + Array.FindLastIndex(BandStartsSeconds, start => seconds >= start), cost);
            }
        }

        return map;
    }

    private static void Add(Dictionary<BreakdownBlob.Key, (long Calls, long Cost)> map, BreakdownDimension dimension, int keyId, long cost)
    {
        ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(map, new BreakdownBlob.Key(dimension, keyId), out _);
        sum = (sum.Calls + 1, sum.Cost + cost);
    }

    private static int Pick(Random random, double[] weights)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
