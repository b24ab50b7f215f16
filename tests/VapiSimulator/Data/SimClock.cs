namespace VapiAgents.VapiSimulator.Data;

/// <summary>
/// The simulator's clock for everything that happens after start-up. It follows the real
/// clock (the product compares updatedAt with its own clock) but never hands out the same
/// millisecond twice, so every change is strictly newer than the one before.
/// </summary>
internal sealed class SimClock
{
    private long _last = long.MinValue;

    public static long NowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public long Next()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var next = Math.Max(NowMs, last + 1);
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
            {
                return next;
            }
        }
    }

    /// <summary>Waits until every instant handed out so far lies in the real past.</summary>
    public async Task WaitUntilRealTimeCatchesUpAsync(CancellationToken cancellationToken)
    {
        var ahead = Interlocked.Read(ref _last) - NowMs;
        if (ahead >= 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(ahead + 1), cancellationToken).ConfigureAwait(false);
        }
    }
}
