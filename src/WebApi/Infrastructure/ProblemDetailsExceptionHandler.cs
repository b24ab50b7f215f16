using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using VapiAgents.Application.Common.Behaviours;
using VapiAgents.Application.Common.Exceptions;
using VapiAgents.Application.Common.Security;
using VapiAgents.Application.Sync.Commands.SyncAgentMetrics;
using VapiAgents.Domain.Common;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.WebApi.Infrastructure;

/// <summary>
/// The one error path: every exception leaving an endpoint becomes an RFC 9457 ProblemDetails.
/// Known exceptions map to their 4xx/5xx; anything else is a 500 that says nothing about its cause.
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return true;
        }

        var problem = ToProblem(exception, httpContext);
        if (problem.Status is StatusCodes.Status500InternalServerError or StatusCodes.Status503ServiceUnavailable)
        {
            // Operators need the cause; the client gets none of it.
            logger.LogError(exception, "Request {Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails ToProblem(Exception exception, HttpContext httpContext) => exception switch
    {
        RequestValidationException validation => Validation(validation.Errors),
        BadHttpRequestException badRequest => FromBadRequest(badRequest),
        JsonException json => Validation(JsonErrors(json)),
        NotFoundException notFound => NotFound(notFound),
        ConflictException conflict => Conflict(conflict),
        DomainRuleException rule => Problem(StatusCodes.Status409Conflict, "Conflict", rule.Message),
        ForbiddenAccessException forbidden => Problem(StatusCodes.Status403Forbidden, "Forbidden", forbidden.Message),
        TooManyRequestsException tooMany => TooMany(tooMany, httpContext),
        UnauthorizedAccessException => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "Sign in to do this."),
        ConcurrencyConflictException concurrency => Problem(StatusCodes.Status409Conflict, "Conflict", concurrency.Message),
        UniqueConstraintException => Problem(StatusCodes.Status409Conflict, "Conflict", "This item already exists."),
        SyncFailedException failed => WithSyncId(ToProblem(failed.InnerException!, httpContext), failed.SyncId),
        WebhookUnauthorizedException unauthorized => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", unauthorized.Message),
        WebhookRejectedException rejected => Problem(StatusCodes.Status422UnprocessableEntity, "Call does not belong to this agent", rejected.Message),
        AgentNotVerifiedException notVerified => Problem(StatusCodes.Status422UnprocessableEntity, "Vapi did not verify the agent", notVerified.Message),
        VapiKeyRejectedException rejected => Problem(StatusCodes.Status422UnprocessableEntity, "Vapi rejected the API key", rejected.Message),
        VapiUnavailableException unavailable => Problem(StatusCodes.Status502BadGateway, "Vapi is unavailable", unavailable.Message),
        SecretUnsealException => Problem(StatusCodes.Status500InternalServerError, "Stored secret unreadable",
            "A stored secret could not be decrypted; an operator must check the encryption keys."),
        _ when DatabaseFailures.IsUnavailable(exception) => Unavailable(httpContext),
        _ => Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred", "The server could not complete the request."),
    };

    private static ProblemDetails Unavailable(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = "5";
        return Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The database cannot be reached right now; try again shortly.");
    }

    private static ProblemDetails WithSyncId(ProblemDetails problem, Guid syncId)
    {
        problem.Extensions["syncId"] = syncId;
        return problem;
    }

    private static ProblemDetails Problem(int status, string title, string? detail) =>
        new() { Status = status, Title = title, Detail = detail };

    private static ValidationProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid",
        };

    /// <summary>404, naming the field that carried the id when it came in a body or query.</summary>
    private static ProblemDetails NotFound(NotFoundException notFound)
    {
        if (notFound.Field is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Not found", notFound.Message);
        }

        var problem = Validation(new Dictionary<string, string[]> { [notFound.Field] = [notFound.Message] });
        problem.Status = StatusCodes.Status404NotFound;
        problem.Title = "Not found";
        problem.Detail = notFound.Message;
        return problem;
    }

    private static ProblemDetails Conflict(ConflictException conflict)
    {
        if (conflict.Field is null)
        {
            return Problem(StatusCodes.Status409Conflict, "Conflict", conflict.Message);
        }

        var problem = Validation(new Dictionary<string, string[]> { [conflict.Field] = [conflict.Message] });
        problem.Status = StatusCodes.Status409Conflict;
        problem.Title = "Conflict";
        problem.Detail = conflict.Message;
        return problem;
    }

    private static ProblemDetails TooMany(TooManyRequestsException tooMany, HttpContext httpContext)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(tooMany.RetryAfter.TotalSeconds));
        httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status429TooManyRequests, "Too many requests", tooMany.Message);
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException badRequest)
    {
        if (badRequest.InnerException is JsonException json)
        {
            return Validation(JsonErrors(json));
        }

        var status = badRequest.StatusCode;
        if (status == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(status, "Request body too large", "The request body is larger than this server accepts.");
        }

        var match = ParameterName().Match(badRequest.Message);
        if (match.Success)
        {
            var field = FieldNames.ToCamelCase(match.Groups["name"].Value);
            return Validation(new Dictionary<string, string[]> { [field] = [$"'{field}' has an invalid or missing value."] });
        }

        return Problem(status is >= 400 and < 500 ? status : StatusCodes.Status400BadRequest, "Bad request", "The request could not be read.");
    }

    /// <summary>Names the JSON field a malformed or mistyped body failed on, without echoing its content.</summary>
    private static Dictionary<string, string[]> JsonErrors(JsonException json)
    {
        var field = JsonPathToField(json.Path);
        var message = json.Path is null or "$"
            ? "The request body is not valid JSON."
            : $"'{field}' has a value of the wrong type or is not valid JSON.";
        return new Dictionary<string, string[]> { [field] = [message] };
    }

    internal static string JsonPathToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        field = field.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');
        return FieldNames.ToCamelCase(field);
    }

    // Kestrel/minimal-API binding messages name the parameter: Failed to bind parameter "Guid id" from "x".
    [GeneratedRegex("parameter \"(?<type>[^\" ]+) (?<name>[^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
