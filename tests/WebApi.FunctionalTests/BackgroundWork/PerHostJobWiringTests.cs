using System.Collections.Concurrent;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.TestSupport;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.BackgroundWork;

/// <summary>
/// Several hosts in one process (as the test runs have): each host's Hangfire server must run the jobs its own
/// client queued, in its own container, against its own database — never another host's.
/// </summary>
public sealed class PerHostJobWiringTests
{
    [Fact]
    public async Task TwoHostsBuiltBeforeEitherStarts_EachRunsItsOwnJobs_InItsOwnContainer()
    {
        using var folderA = new TempFolder("host-a");
        using var folderB = new TempFolder("host-b");
        // Both built first: building configures Hangfire, and its defaults were the process-wide statics of
        // whichever host configured last.
        await using var hostA = WebApiHost.Build(ArgumentsFor(folderA.Path));
        await using var hostB = WebApiHost.Build(ArgumentsFor(folderB.Path));
        await hostA.StartAsync();
        await hostB.StartAsync();

        var probe = Guid.NewGuid().ToString("N");
        hostA.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<HostProbe>(p => p.Record(probe + "-a"));
        hostB.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<HostProbe>(p => p.Record(probe + "-b"));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((!HostProbe.Seen.ContainsKey(probe + "-a") || !HostProbe.Seen.ContainsKey(probe + "-b")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        HostProbe.Seen.Should().ContainKey(probe + "-a", "host A's job must run (on host A)");
        HostProbe.Seen.Should().ContainKey(probe + "-b", "host B's job must run (on host B)");
        HostProbe.Seen[probe + "-a"].Should().Be(folderA.Path, "host A's job runs in host A's container, on host A's data");
        HostProbe.Seen[probe + "-b"].Should().Be(folderB.Path, "host B's job runs in host B's container, on host B's data");

        await hostB.StopAsync();
        await hostA.StopAsync();
    }

    private static string[] ArgumentsFor(string dataFolder)
    {
        var settings = TestSettings.Encryption();
        settings["DataFolder"] = dataFolder;
        settings["Sync:Enabled"] = "false";
        settings["Hangfire:WorkerCount"] = "2";
        settings["urls"] = "http://127.0.0.1:0";
        settings["environment"] = "Development";
        return settings.Select(s => $"--{s.Key}={s.Value}").ToArray();
    }
}

/// <summary>A job that records, under its tag, the data folder of the host whose container activated it.</summary>
public sealed class HostProbe(IConfiguration configuration)
{
    public static ConcurrentDictionary<string, string?> Seen { get; } = new();

    public void Record(string tag) => Seen[tag] = configuration["DataFolder"];
}
