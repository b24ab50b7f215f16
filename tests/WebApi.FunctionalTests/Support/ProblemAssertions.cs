using System.Net;
using System.Text.Json;

namespace VapiAgents.WebApi.FunctionalTests.Support;

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 9457 answer with the status and returns its JSON for further checks.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", text);
        text.Should().NotContainAny("   at ", "Exception:", "StackTrace");
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement.Clone();
        root.GetProperty("status").GetInt32().Should().Be((int)status);
        return root;
    }

    /// <summary>The field names of a validation problem's <c>errors</c> map.</summary>
    public static IReadOnlyList<string> ErrorFields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().Select(p => p.Name).ToList()
            : [];
}
