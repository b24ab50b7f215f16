using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using VapiAgents.Domain.Usage;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Common.Vapi;

namespace VapiAgents.Infrastructure.Vapi;

/// <summary>Vapi's REST API over the resilient typed HttpClient. The key goes only into the Authorization header.</summary>
public sealed partial class VapiClient(HttpClient http, IOptions<VapiOptions> options) : IVapiClient
{
    public async Task<CallPage> ListCallsAsync(SecretValue apiKey, CallListQuery query, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(apiKey, CallsUri(query), cancellationToken);
        EnsureSuccess(response);

        // The attempt timeout of the HTTP pipeline ends when the headers arrive; the body gets one of its own.
        using var bodyTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bodyTimeout.CancelAfter(TimeSpan.FromSeconds(options.Value.AttemptTimeoutSeconds));
        var calls = new List<CallFacts>();
        var items = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(bodyTimeout.Token);
            await foreach (var item in JsonSerializer.DeserializeAsyncEnumerable<ParsedCall>(stream, VapiCallJsonConverter.Options, bodyTimeout.Token))
            {
                items++;
                if (item.Facts is { } facts)
                {
                    calls.Add(facts);
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or IOException or HttpRequestException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new VapiUnreadablePageException(exception);
        }

        return new CallPage(calls, items, items - calls.Count);
    }

    internal static string CallsUri(CallListQuery query)
    {
        var uri = new StringBuilder("call?limit=").Append(query.Limit.ToString(CultureInfo.InvariantCulture));
        AppendWindow(uri, query.Primary);
        if (query.Secondary is { } secondary)
        {
            AppendWindow(uri, secondary);
        }

        if (query.AssistantId is { } assistantId)
        {
            uri.Append("&assistantId=").Append(Uri.EscapeDataString(assistantId));
        }

        return uri.ToString();
    }

    private static void AppendWindow(StringBuilder uri, TimeWindow window)
    {
        var field = window.Field == CallTimeField.CreatedAt ? "createdAt" : "updatedAt";
        uri.Append('&').Append(field).Append("Ge=").Append(Iso(window.From))
            .Append('&').Append(field).Append("Lt=").Append(Iso(window.To));
    }

    private static string Iso(DateTime instant) =>
        Uri.EscapeDataString(instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    public async Task<VapiAssistant?> GetAssistantAsync(SecretValue apiKey, string assistantId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(apiKey, $"assistant/{Uri.EscapeDataString(assistantId)}", cancellationToken);
        // Vapi answers 404 for an unknown assistant and 400 for an id that is not a UUID: both mean "no such assistant".
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return null;
        }

        EnsureSuccess(response);
        using var document = await ReadJsonAsync(response, cancellationToken);
        return ToAssistant(document.RootElement);
    }

    public async Task<IReadOnlyList<VapiAssistant>> ListAssistantsAsync(SecretValue apiKey, int limit, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(apiKey, $"assistant?limit={limit}", cancellationToken);
        EnsureSuccess(response);
        using var document = await ReadJsonAsync(response, cancellationToken);
        // The spec says a bare array; a changelog says paginated ({ results: [...] }). Accept both.
        var root = document.RootElement;
        var items = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("results", out var results) ? results : root;
        return items.ValueKind == JsonValueKind.Array ? items.EnumerateArray().Select(ToAssistant).ToList() : [];
    }

    internal async Task<HttpResponseMessage> SendAsync(SecretValue apiKey, string relativeUri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, relativeUri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey.Reveal());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                throw new VapiKeyRejectedException(status);
            }

            return response;
        }
        catch (HttpRequestException exception)
        {
            throw new VapiUnavailableException("Vapi could not be reached.", exception);
        }
        catch (TimeoutRejectedException exception)
        {
            throw new VapiUnavailableException("Vapi did not answer in time.", exception);
        }
    }

    internal static void EnsureSuccess(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new VapiUnavailableException($"Vapi answered {(int)response.StatusCode} after retries.");
        }
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (exception is JsonException or IOException or HttpRequestException)
        {
            throw new VapiUnavailableException("Vapi sent an answer that could not be read.", exception);
        }
    }

    private static VapiAssistant ToAssistant(JsonElement element) => new(
        Text(element, "id") ?? "",
        Text(element, "orgId") ?? "",
        Text(element, "name"));

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
