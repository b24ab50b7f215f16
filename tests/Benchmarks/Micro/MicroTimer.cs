using System.Diagnostics;

namespace VapiAgents.Benchmarks.Micro;

/// <summary>
/// Plain Stopwatch measurements for the evaluations that compare alternatives in one process: each candidate is
/// run once per round, the rounds alternate the candidates, and the medians are reported (the machine is shared,
/// so a candidate measured in a quiet moment alone would say nothing).
/// </summary>
public static class MicroTimer
{
    public readonly record struct Sample(double Milliseconds, long AllocatedBytes);

    /// <summary>
    /// Times <paramref name="work"/>. Allocation is counted on the current thread, which is exact as long as the work
    /// stays on it; the streams the evaluations write to complete every write synchronously, so it does.
    /// </summary>
    public static async Task<Sample> MeasureAsync(Func<Task> work)
    {
        var thread = Environment.CurrentManagedThreadId;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        await work();
        clock.Stop();
        if (Environment.CurrentManagedThreadId != thread)
        {
            throw new InvalidOperationException("The measured work moved to another thread, so its allocation was not counted.");
        }

        return new Sample(clock.Elapsed.TotalMilliseconds, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }

    /// <summary>
    /// Runs every candidate once per round for <paramref name="rounds"/> rounds, rotating which goes first, after a
    /// collection so one candidate's garbage is not collected on the next one's time.
    /// </summary>
    public static async Task<Dictionary<string, List<Sample>>> AlternateAsync(int rounds, IReadOnlyList<(string Name, Func<Task> Work)> candidates)
    {
        var samples = candidates.ToDictionary(c => c.Name, _ => new List<Sample>());
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                var (name, work) = candidates[(round + i) % candidates.Count];
                GC.Collect();
                GC.WaitForPendingFinalizers();
                samples[name].Add(await MeasureAsync(work));
            }
        }

        return samples;
    }

    public static double MedianMs(IEnumerable<Sample> samples) => Median(samples.Select(s => s.Milliseconds));

    public static double MedianBytes(IEnumerable<Sample> samples) => Median(samples.Select(s => (double)s.AllocatedBytes));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>A destination that counts and drops what it is given, so a measurement times the writer and not a growing buffer.</summary>
public sealed class CountingStream : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Position;

    public override long Position { get; set; }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Position += count;

    public override void Write(ReadOnlySpan<byte> buffer) => Position += buffer.Length;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Position += buffer.Length;
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Position += count;
        return Task.CompletedTask;
    }
}
