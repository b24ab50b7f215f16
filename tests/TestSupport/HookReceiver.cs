using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VapiAgents.TestSupport;

/// <summary>
/// A webhook receiver on real Kestrel (127.0.0.1, a free port) that records every request. It answers the statuses
/// queued by <see cref="Answer"/>, then <see cref="DefaultStatus"/>; a path ending in "/gone" always answers 410 Gone,
/// so a test can point one channel at a receiver that has gone away.
/// </summary>
public sealed class HookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();

    private HookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedHook> Requests { get; } = new();

    /// <summary>Like "http://127.0.0.1:41235".</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>A URL with a token-like path: it is a secret, like a Slack URL.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Answered when nothing is queued.</summary>
    public int DefaultStatus { get; set; } = 200;

    public static async Task<HookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new HookReceiver(app);
        app.MapPost("/{**path}", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Requests.Enqueue(new ReceivedHook(
                DateTime.UtcNow, context.Request.Path, body,
                context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
                new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value))));
            context.Response.StatusCode = context.Request.Path.Value!.EndsWith("/gone", StringComparison.Ordinal) ? StatusCodes.Status410Gone
                : receiver._answers.TryDequeue(out var status) ? status : receiver.DefaultStatus;
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        receiver.Url = $"{receiver.BaseUrl}/hooks/T{Guid.NewGuid():N}";
        return receiver;
    }

    public void Answer(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _answers.Enqueue(status);
        }
    }

    /// <summary>Waits until <paramref name="count"/> requests arrived, or fails after <paramref name="within"/>.</summary>
    public async Task<List<ReceivedHook>> WaitForAsync(int count, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (Requests.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        if (Requests.Count < count)
        {
            throw new TimeoutException($"The receiver expected {count} requests within {within}; {Requests.Count} arrived.");
        }

        return [.. Requests];
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
