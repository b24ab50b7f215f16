using System.Runtime.InteropServices;

namespace VapiAgents.VapiSimulator.Data;

/// <summary>
/// An organisation's calls as an immutable snapshot sorted by createdAt. Readers use a
/// snapshot without locks; a change builds a new set (copy on write), which is cheap next
/// to how rarely tests change data and how often the benchmark reads it.
/// </summary>
internal sealed class CallSet
{
    private readonly StoredCall[] _byCreated;
    private readonly Dictionary<string, StoredCall> _byId;

    private CallSet(StoredCall[] byCreated)
    {
        _byCreated = byCreated;
        _byId = byCreated.ToDictionary(call => call.Id, StringComparer.Ordinal);
    }

    public int Count => _byCreated.Length;

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<StoredCall> All => _byCreated;

    public static CallSet From(IEnumerable<StoredCall> calls)
    {
        var sorted = calls.ToArray();
        Array.Sort(sorted, StoredCall.CompareByCreated);
        return new CallSet(sorted);
    }

    public StoredCall? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>A new set where the given calls replace those with the same id, or join the set (last one wins).</summary>
    public CallSet Upsert(IEnumerable<StoredCall> changed)
    {
        var changedById = new Dictionary<string, StoredCall>(StringComparer.Ordinal);
        foreach (var call in changed)
        {
            changedById[call.Id] = call;
        }

        return From(_byCreated.Where(call => !changedById.ContainsKey(call.Id)).Concat(changedById.Values));
    }

    /// <summary>
    /// Newest createdAt first, at most <paramref name="limit"/> calls. Calls that share a
    /// createdAt come out in a fresh random order on every request, as Vapi gives no stable
    /// order for ties; at the limit that also picks a random subset of the tied calls.
    /// </summary>
    public List<StoredCall> Page(CallFilter filter, int limit, Random random)
    {
        var range = CreatedRange(filter.CreatedFrom, filter.CreatedTo);
        var page = new List<StoredCall>(Math.Min(limit, range.Length));
        var end = range.Length - 1;
        while (end >= 0 && page.Count < limit)
        {
            var start = end;
            while (start > 0 && range[start - 1].CreatedAt == range[end].CreatedAt)
            {
                start--;
            }

            var tieStart = page.Count;
            for (var i = end; i >= start; i--)
            {
                if (filter.Matches(range[i]))
                {
                    page.Add(range[i]);
                }
            }

            random.Shuffle(CollectionsMarshal.AsSpan(page)[tieStart..]);
            end = start - 1;
        }

        if (page.Count > limit)
        {
            page.RemoveRange(limit, page.Count - limit);
        }

        return page;
    }

    /// <summary>Calls with from ≤ createdAt ≤ to (inclusive), oldest first, found by binary search.</summary>
    public ReadOnlySpan<StoredCall> CreatedRange(long from, long to)
    {
        if (from > to)
        {
            return [];
        }

        var start = FirstCreatedAtOrAfter(from);
        var end = to == long.MaxValue ? _byCreated.Length : FirstCreatedAtOrAfter(to + 1);
        return _byCreated.AsSpan(start, end - start);
    }

    private int FirstCreatedAtOrAfter(long instant)
    {
        int low = 0, high = _byCreated.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (_byCreated[middle].CreatedAt < instant)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
