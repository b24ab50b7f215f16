using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace VapiAgents.Infrastructure.Usage.Schema;

/// <summary>
/// A rollup's breakdowns in one small binary value: (dimension, key id, calls, cost units) entries, sorted.
/// One column instead of a row per key keeps a month of a user's rollups to a few thousand rows.
/// Format: version byte 1, then 17 bytes per entry — dimension (1), key id (int32 LE), calls (int32 LE), cost (int64 LE).
/// Key id 0 stands for "no value" (e.g. a call in progress has no ended reason), -1 for "other" (a value refused a key, ADR 030).
/// </summary>
public static class BreakdownBlob
{
    private const byte Version = 1;
    private const int EntrySize = 17;

    public readonly record struct Key(BreakdownDimension Dimension, int KeyId);

    public static void AddTo(Dictionary<Key, (long Calls, long Cost)> totals, ReadOnlySpan<byte> blob, long sign = 1)
    {
        if (blob.Length <= 1)
        {
            return;
        }

        if (blob[0] != Version || (blob.Length - 1) % EntrySize != 0)
        {
            throw new InvalidDataException("A usage rollup breakdown is not in a known format.");
        }

        for (var offset = 1; offset < blob.Length; offset += EntrySize)
        {
            var entry = blob.Slice(offset, EntrySize);
            var key = new Key((BreakdownDimension)entry[0], BinaryPrimitives.ReadInt32LittleEndian(entry[1..]));
            var calls = BinaryPrimitives.ReadInt32LittleEndian(entry[5..]);
            var cost = BinaryPrimitives.ReadInt64LittleEndian(entry[9..]);
            // One hash lookup per entry: a month of a user's day rollups holds hundreds of thousands of entries.
            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(totals, key, out _);
            sum = (sum.Calls + sign * calls, sum.Cost + sign * cost);
        }
    }

    public static Dictionary<Key, (long Calls, long Cost)> Decode(ReadOnlySpan<byte> blob)
    {
        var totals = new Dictionary<Key, (long Calls, long Cost)>();
        AddTo(totals, blob);
        return totals;
    }

    /// <summary>Writes the entries that still hold calls or cost, in key order (so equal content gives equal bytes).</summary>
    public static byte[] Encode(IReadOnlyDictionary<Key, (long Calls, long Cost)> totals)
    {
        var entries = totals.Where(e => e.Value.Calls != 0 || e.Value.Cost != 0)
            .OrderBy(e => e.Key.Dimension).ThenBy(e => e.Key.KeyId).ToList();
        var blob = new byte[1 + entries.Count * EntrySize];
        blob[0] = Version;
        var offset = 1;
        foreach (var (key, (calls, cost)) in entries)
        {
            var entry = blob.AsSpan(offset, EntrySize);
            entry[0] = (byte)key.Dimension;
            BinaryPrimitives.WriteInt32LittleEndian(entry[1..], key.KeyId);
            BinaryPrimitives.WriteInt32LittleEndian(entry[5..], checked((int)calls));
            BinaryPrimitives.WriteInt64LittleEndian(entry[9..], cost);
            offset += EntrySize;
        }

        return blob;
    }
}
