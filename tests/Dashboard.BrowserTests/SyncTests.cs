using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VapiAgents.Application.Agents;
using VapiAgents.Domain.Usage;
using VapiAgents.Dashboard.BrowserTests.Support;
using VapiAgents.VapiSimulator;
using static Microsoft.Playwright.Assertions;

namespace VapiAgents.Dashboard.BrowserTests;

[Collection(MetricsCollection.Name)]
public sealed class SyncTests(DashboardFixture fixture)
{
    [SkippableFact]
    public async Task SyncNow_ShowsTheRunsCountsWhileItRuns_ThenTheResultAndTheLastSync()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        var key = fixture.Vapi.Scenario.Orgs[0].Keys[0];
        await session.AddAgentAsync("Front Desk", key);
        var everyCall = fixture.Vapi.Simulation.Calls(key).Count;

        await session.AgentRow("Front Desk").GetByRole(AriaRole.Button, new() { Name = "Sync now Front Desk" }).ClickAsync();
        var dialog = session.Page.GetByRole(AriaRole.Dialog, new() { Name = "Sync “Front Desk”" });
        await Expect(dialog).ToContainTextAsync("This agent has not been synced yet.");
        await RecordProgressAsync(session.Page);
        // Vapi answers the second and third pages slowly, so the run is seen half done.
        fixture.Vapi.Simulation.Faults.Install(new FaultRule { Path = "/call", Nth = 2, Times = 2, Kind = FaultKind.Delay, DelayMs = 900 });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start sync" }).ClickAsync();

        await Expect(dialog.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Sync finished: {everyCall:N0} calls fetched, {everyCall:N0} new, 0 updated.", new() { Timeout = DashboardSession.SyncTimeoutMs });
        await Expect(Count(dialog, "Fetched")).ToHaveTextAsync($"{everyCall:N0}");
        var seen = await session.Page.EvaluateAsync<string[]>("() => window.progressSeen");
        seen.Should().Contain(state => Regex.IsMatch(state, @"^Syncing… fetched [1-9]") && !state.EndsWith($" {everyCall:N0}"),
            "the counts grow while the sync runs");
        await Expect(dialog.GetByRole(AriaRole.Table, new() { Name = "Recent syncs" })).ToContainTextAsync("Sync finished");
        await session.ScreenshotAsync("settings-sync");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(session.AgentRow("Front Desk")).ToContainTextAsync("Synced");
        await Expect(session.AgentRow("Front Desk")).ToContainTextAsync(new Regex("Last synced .*(now|second)"));
    }

    [SkippableFact]
    public async Task SyncNow_WithDates_FetchesTheCallsCreatedOnThoseDays()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        var key = fixture.Vapi.Scenario.Orgs[1].Keys[0];
        var assistant = fixture.Vapi.Scenario.Orgs[1].Assistants[2].Id;
        await session.AddAgentAsync("Dispatch", key, assistant);
        var (from, to) = (DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-4)), DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2)));
        var expected = fixture.Vapi.Simulation.Truth(key, assistant, new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)).Calls;

        await session.AgentRow("Dispatch").GetByRole(AriaRole.Button, new() { Name = "Sync now Dispatch" }).ClickAsync();
        var dialog = session.Page.GetByRole(AriaRole.Dialog, new() { Name = "Sync “Dispatch”" });
        await dialog.GetByLabel("From (optional)").FillAsync(from.ToString("yyyy-MM-dd"));
        await dialog.GetByLabel("To (optional)").FillAsync(to.ToString("yyyy-MM-dd"));
        await dialog.GetByLabel("Time zone of the dates").SelectOptionAsync("UTC");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start sync" }).ClickAsync();

        await Expect(dialog.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Sync finished: {expected:N0} calls fetched, {expected:N0} new, 0 updated.", new() { Timeout = DashboardSession.SyncTimeoutMs });
        await Expect(dialog.GetByLabel("From (optional)")).ToBeDisabledAsync();
        var api = await session.ApiAsync();
        var agentId = (await session.AgentFromApiAsync("Dispatch")).GetProperty("id").GetString();
        var run = (await api.GetFromJsonAsync<JsonElement>($"/api/vapi/sync?agentId={agentId}")).GetProperty("syncs")[0];
        run.GetProperty("mode").GetString().Should().Be("range");
        run.GetProperty("windowStart").GetDateTime().Should().Be(from.ToDateTime(TimeOnly.MinValue));
    }

    [SkippableFact]
    public async Task Sync_OfAKeyVapiRejects_FailsInPlainWords_InTheDialogAndTheList()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        await session.AddAgentAsync("Revoked", "key-vapi-never-issued");

        await session.AgentRow("Revoked").GetByRole(AriaRole.Button, new() { Name = "Sync now Revoked" }).ClickAsync();
        var dialog = session.Page.GetByRole(AriaRole.Dialog, new() { Name = "Sync “Revoked”" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start sync" }).ClickAsync();

        await Expect(dialog.GetByRole(AriaRole.Status)).ToHaveTextAsync("Sync failed: Vapi rejected this agent's API key.", new() { Timeout = DashboardSession.SyncTimeoutMs });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(session.AgentRow("Revoked")).ToContainTextAsync("Sync failed");
        await Expect(session.AgentRow("Revoked")).ToContainTextAsync("Vapi rejected this agent's API key.");
    }

    [SkippableFact]
    public async Task ASyncThatBackgroundWorkLost_IsShownInPlainWords_AndRetryStartsItAgain()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignUpAsync();
        var key = fixture.Vapi.Scenario.Orgs[0].Keys[0];
        await session.AddAgentAsync("Night Line", key);
        var agentId = (await session.AgentFromApiAsync("Night Line")).GetProperty("id").GetGuid();
        // What the sweeper records when it gives up on a run whose job kept being lost (its own tests show when).
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var lost = SyncRun.Queue(Guid.NewGuid(), agentId, "n/a", SyncTrigger.Manual, SyncMode.Incremental, DateTime.UtcNow, DateTime.UtcNow, DateTime.UtcNow);
            lost.RequeueOrGiveUp(maxRequeues: 0, DateTime.UtcNow);
            await scope.ServiceProvider.GetRequiredService<IAgentBookkeeping>().UpdateAsync(
                agentId, agent => agent.RecordSyncFailed(lost.Error!, keyRejected: false, pauseAfterRejections: 3), CancellationToken.None);
        }

        await session.Page.ReloadAsync();
        var row = session.AgentRow("Night Line");
        await Expect(row).ToContainTextAsync("Sync failed");
        await Expect(row).ToContainTextAsync("The sync never started: its background job was lost once. Start it again.");

        await row.GetByRole(AriaRole.Button, new() { Name = "Retry sync Night Line" }).ClickAsync();

        await Expect(session.AgentRow("Night Line")).ToContainTextAsync("The sync was started again; it runs in the background.");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await session.AgentFromApiAsync("Night Line")).GetProperty("lastSyncStatus").GetString() != "succeeded" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        (await session.AgentFromApiAsync("Night Line")).GetProperty("lastSyncStatus").GetString().Should().Be("succeeded", "Retry started a real sync");
    }

    private static ILocator Count(ILocator dialog, string label) =>
        dialog.Locator(".counts div").Filter(new() { Has = dialog.Page.Locator("dt", new() { HasTextString = label }) }).Locator("dd");

    /// <summary>Keeps every state the progress area shows ("Syncing… fetched 50"), however briefly.</summary>
    private static Task RecordProgressAsync(IPage page) => page.EvaluateAsync("""
        () => {
          window.progressSeen = [];
          const record = () => {
            const status = document.querySelector('dialog .progress [role=status]');
            const fetched = document.querySelector('dialog .counts dd');
            if (status && fetched) window.progressSeen.push(`${status.textContent} fetched ${fetched.textContent}`);
          };
          new MutationObserver(record).observe(document.querySelector('dialog'), { subtree: true, childList: true, characterData: true });
        }
        """);
}
