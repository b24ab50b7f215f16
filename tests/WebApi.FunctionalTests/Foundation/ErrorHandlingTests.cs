using System.Net;
using System.Text;
using VapiAgents.WebApi.FunctionalTests.Support;

namespace VapiAgents.WebApi.FunctionalTests.Foundation;

public sealed class ErrorHandlingTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(Provider.Sqlite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [SkippableFact]
    public async Task MalformedJson_Answers400NamingTheBody()
    {
        using var client = _app.CreateClient();
        var response = await client.PostAsync("/api/auth/register", Json("{\"email\": \"a@b.c\", "));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().Should().ContainSingle();
    }

    [SkippableFact]
    public async Task WrongJsonType_Answers400NamingTheField()
    {
        using var client = _app.CreateClient();
        var response = await client.PostAsync("/api/auth/register", Json("{\"email\": 42, \"password\": \"x\"}"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().Should().Equal("email");
    }

    [SkippableFact]
    public async Task DuplicateJsonKeys_Answer400()
    {
        using var client = _app.CreateClient();
        var response = await client.PostAsync("/api/auth/register", Json("{\"email\": \"a@b.c\", \"email\": \"d@e.f\", \"password\": \"x\"}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task UnknownRoute_Answers404ProblemDetails()
    {
        using var client = _app.CreateClient();
        await (await client.GetAsync("/api/nothing-here")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task BodyOverOneMegabyte_Answers413()
    {
        using var client = _app.CreateClient();
        var huge = "{\"email\": \"" + new string('a', 1_100_000) + "\", \"password\": \"x\"}";

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/register") { Content = Json(huge) };
        request.Headers.ExpectContinue = true;
        var response = await client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}

public sealed class RegisterErrorTests
{
    [SkippableFact]
    public async Task RegisterErrors_NameTheFields()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        using var client = app.CreateClient();

        var weak = await client.PostAsync("/api/auth/register", HttpJson.Raw("{\"email\": \"a@example.test\", \"password\": \"short\"}"));
        var badEmail = await client.PostAsync("/api/auth/register", HttpJson.Raw("{\"email\": \"not-an-email\", \"password\": \"Correct-Horse-9\"}"));

        (await weak.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("password");
        (await badEmail.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("email");
    }
}
