using System.Diagnostics;

namespace VapiAgents.Benchmarks.Harness;

/// <summary>
/// Optional CPU profile of the app process during the measured part (<c>--trace out.nettrace</c>): runs
/// <c>dotnet-trace</c> (from PATH or <c>DOTNET_TRACE</c>) with its sampled-thread-time profile and a speedscope copy.
/// </summary>
public sealed class Tracer : IAsyncDisposable
{
    private readonly Process _process;

    private Tracer(Process process) => _process = process;

    public static async Task<Tracer?> StartAsync(string? output, int processId)
    {
        if (output is null)
        {
            return null;
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_TRACE") ?? "dotnet-trace")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "collect", "-p", processId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--profile", "dotnet-sampled-thread-time", "--format", "Speedscope", "-o", Path.GetFullPath(output) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        // The session is live once the tool reports it; give it a moment beyond that.
        while (await process.StandardOutput.ReadLineAsync() is { } line && !line.Contains("Process", StringComparison.Ordinal))
        {
        }

        await Task.Delay(500);
        _ = process.StandardOutput.ReadToEndAsync();
        return new Tracer(process);
    }

    public async ValueTask DisposeAsync()
    {
        // dotnet-trace stops on SIGINT (it ignores a redirected Enter), then writes the trace and its speedscope copy.
        using (var interrupt = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
