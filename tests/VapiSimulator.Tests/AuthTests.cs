using System.Text.Json.Nodes;
using VapiAgents.VapiSimulator.Tests.Support;

namespace VapiAgents.VapiSimulator.Tests;

public sealed class AuthTests(StandardSimulator simulator) : IClassFixture<StandardSimulator>
{
    private const string InvalidKeyBody =
        """{"message":"Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.","error":"Unauthorized","statusCode":401}""";

    private SimulatorServer Server => simulator.Server;

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    public async Task Missing_or_unknown_key_gets_Vapis_401_body(string? key)
    {
        using var client = Server.Client(key);

        foreach (var path in new[] { "/call", "/call/3f1c2a9e-7b4d-4e21-9a0f-5d6c8b1e2f30", "/assistant" })
        {
            var (status, body) = await client.SendAsync(HttpMethod.Get, path);

            status.Should().Be(401);
            body.Should().Be(InvalidKeyBody);
        }
    }

    [Fact]
    public async Task Every_key_of_an_organisation_sees_the_same_calls()
    {
        using var first = Server.Client(Scenarios.KeyA1);
        using var second = Server.Client(Scenarios.KeyA2);

        // After the batch instant, so that no tie straddles the limit.
        var one = await first.GetArrayAsync("/call?limit=1000&createdAtGt=2026-08-16T00:00:00Z");
        var two = await second.GetArrayAsync("/call?limit=1000&createdAtGt=2026-08-16T00:00:00Z");

        one.Should().HaveCountLessThan(1000);
        two.Select(call => call.Text("id")).Should().BeEquivalentTo(one.Select(call => call.Text("id")));
        one.Should().OnlyContain(call => call.Text("orgId") == Server.Scenario.OrgOfKey(Scenarios.KeyA1).OrgId);
    }

    [Fact]
    public async Task A_key_cannot_read_another_organisations_call_or_assistant()
    {
        using var orgA = Server.Client(Scenarios.KeyA1);
        using var orgB = Server.Client(Scenarios.KeyB);
        var callOfA = (await orgA.GetArrayAsync("/call?limit=1"))[0].Text("id");
        var assistantOfA = Server.Scenario.OrgOfKey(Scenarios.KeyA1).Assistants[0].Id;

        var call = await orgB.SendAsync(HttpMethod.Get, $"/call/{callOfA}");
        var assistant = await orgB.SendAsync(HttpMethod.Get, $"/assistant/{assistantOfA}");

        call.Status.Should().Be(404);
        call.Body.Should().Be("""{"message":"Couldn't Get Call. `Call` Not Found.","error":"Not Found","statusCode":404}""");
        assistant.Status.Should().Be(404);
        assistant.Body.Should().Be("""{"message":"Couldn't Get Assistant. `Assistant` Not Found.","error":"Not Found","statusCode":404}""");
    }

    [Fact]
    public async Task Assistants_are_listed_as_a_bare_array_and_found_by_id()
    {
        using var client = Server.Client(Scenarios.KeyA1);
        var org = Server.Scenario.OrgOfKey(Scenarios.KeyA1);

        var assistants = await client.GetArrayAsync("/assistant");
        var one = await client.GetNodeAsync($"/assistant/{org.Assistants[1].Id}");
        var limited = await client.GetArrayAsync("/assistant?limit=1");

        assistants.Select(assistant => assistant.Text("id")).Should().BeEquivalentTo(org.Assistants.Select(assistant => assistant.Id));
        assistants.Select(assistant => assistant.Instant("createdAt")).Should().BeInDescendingOrder();
        assistants.Should().OnlyContain(assistant => assistant.Text("orgId") == org.OrgId);
        ((string?)one["name"]).Should().Be(org.Assistants[1].Name);
        limited.Should().ContainSingle();
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("00000000-0000-4000-8000-000000000000")]
    public async Task An_unknown_or_malformed_assistant_id_is_not_found(string id)
    {
        using var client = Server.Client(Scenarios.KeyA1);

        var (status, body) = await client.SendAsync(HttpMethod.Get, $"/assistant/{id}");

        status.Should().Be(404);
        JsonNode.Parse(body)!["statusCode"]!.GetValue<int>().Should().Be(404);
    }

    [Fact]
    public async Task An_unknown_route_answers_like_NestJS()
    {
        using var client = Server.Client(Scenarios.KeyA1);

        var (status, body) = await client.SendAsync(HttpMethod.Get, "/phone-number");

        status.Should().Be(404);
        body.Should().Be("""{"message":"Cannot GET /phone-number","error":"Not Found","statusCode":404}""");
    }
}
