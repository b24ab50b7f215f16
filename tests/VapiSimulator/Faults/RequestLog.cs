namespace VapiAgents.VapiSimulator;

/// <summary>One request to a Vapi route. <see cref="Status"/> is 0 when the connection was reset.</summary>
public sealed record RequestLogEntry(
    DateTimeOffset Time,
    string Method,
    string Path,
    string Query,
    string? Key,
    int Status,
    FaultKind? Fault);

/// <summary>The requests made to Vapi routes (not to /__sim), oldest first, the last 100,000 at most.</summary>
public sealed class RequestLog
{
    private const int Capacity = 100_000;
    private readonly Lock _lock = new();
    private readonly Queue<RequestLogEntry> _entries = new();

    public IReadOnlyList<RequestLogEntry> Entries()
    {
        lock (_lock)
        {
            return [.. _entries];
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
        }
    }

    internal void Add(RequestLogEntry entry)
    {
        lock (_lock)
        {
            if (_entries.Count == Capacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue(entry);
        }
    }
}
