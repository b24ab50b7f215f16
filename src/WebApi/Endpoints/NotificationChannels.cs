using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VapiAgents.Application.Agents;
using VapiAgents.Application.Notifications;
using VapiAgents.Application.Notifications.Commands.CreateNotificationChannel;
using VapiAgents.Application.Notifications.Commands.DeleteNotificationChannel;
using VapiAgents.Application.Notifications.Commands.RotateNotificationChannelSecret;
using VapiAgents.Application.Notifications.Commands.SendTestNotification;
using VapiAgents.Application.Notifications.Commands.UpdateNotificationChannel;
using VapiAgents.Application.Notifications.Queries.GetNotificationChannel;
using VapiAgents.Application.Notifications.Queries.ListNotificationChannels;
using VapiAgents.Application.Notifications.Queries.ListNotificationDeliveries;
using VapiAgents.WebApi.Configurations;

namespace VapiAgents.WebApi.Endpoints;

/// <summary>Where alerts are delivered: signed webhooks (Standard Webhooks), Slack incoming webhooks and e-mail.</summary>
public sealed class NotificationChannels : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/vapi/notification-channels").WithTags("Notifications").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("", ListNotificationChannels).WithName(nameof(ListNotificationChannels))
            .WithSummary("Lists your notification channels, oldest first.")
            .WithDescription("URLs appear only as a hint (scheme, host, last four characters) and secrets never. `enabled` is false after a 410 Gone answer or 10 failed attempts in a row.");
        group.MapPost("", CreateNotificationChannel).WithName(nameof(CreateNotificationChannel))
            .WithSummary("Creates a webhook, slack or email channel; a webhook's signing secret is in this answer only.")
            .WithDescription("`url` (webhook, slack) must be http or https and resolve to public addresses only (no loopback, private, link-local, multicast or unspecified address); `email` for email channels. `kinds` defaults to every alert kind. At most `Limits:MaxChannelsPerUser` (10) channels.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("{id:guid}", GetNotificationChannel).WithName(nameof(GetNotificationChannel))
            .WithSummary("One notification channel.")
            .WithDescription("Another user's channel answers 404 like an unknown one.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("{id:guid}", UpdateNotificationChannel).WithName(nameof(UpdateNotificationChannel))
            .WithSummary("Changes the fields sent; enabled: true re-enables a disabled channel.")
            .WithDescription("A new `url` is checked like at creation. Re-enabling starts a new failure streak.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("{id:guid}", DeleteNotificationChannel).WithName(nameof(DeleteNotificationChannel))
            .WithSummary("Deletes a channel and its deliveries; pending ones are not sent.")
            .WithDescription("Alerts stay.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("{id:guid}/rotate-secret", RotateNotificationChannelSecret).WithName(nameof(RotateNotificationChannelSecret))
            .WithSummary("Replaces a webhook channel's signing secret; the new one is in this answer only.")
            .WithDescription("Every later attempt, retries included, is signed with the new secret. Other channel types answer 409.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("{id:guid}/test", SendTestNotification).WithName(nameof(SendTestNotification))
            .WithSummary("Sends a test event to the channel (also to a disabled one).")
            .WithDescription("Answers 202 with the delivery's id at once; follow it in the channel's deliveries. The event's type is `test` and its data.alert null.")
            .RequireRateLimiting(RateLimitConfig.Expensive)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("{id:guid}/deliveries", ListNotificationDeliveries).WithName(nameof(ListNotificationDeliveries))
            .WithSummary("The channel's 100 newest deliveries, newest first.")
            .WithDescription("`eventId` is the webhook-id header of every attempt; `lastError` is short and never the receiver's answer body.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<NotificationChannelListResponse>> ListNotificationChannels(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new NotificationChannelListResponse(await sender.Send(new ListNotificationChannelsQuery(), cancellationToken)));

    public static async Task<Created<CreatedNotificationChannelResponse>> CreateNotificationChannel(
        CreateNotificationChannelRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var created = await sender.Send(
            new CreateNotificationChannelCommand(request.Name, request.Type, request.Url, request.Email, request.Kinds), cancellationToken);
        return TypedResults.Created($"/api/vapi/notification-channels/{created.Channel.Id}", created);
    }

    public static async Task<Ok<NotificationChannelResponse>> GetNotificationChannel(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new NotificationChannelResponse(await sender.Send(new GetNotificationChannelQuery(id), cancellationToken)));

    public static async Task<Ok<NotificationChannelResponse>> UpdateNotificationChannel(
        Guid id, UpdateNotificationChannelRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new NotificationChannelResponse(await sender.Send(
            new UpdateNotificationChannelCommand(id, request.Name, request.Url, request.Email, request.Kinds, request.Enabled), cancellationToken)));

    public static async Task<Ok<SuccessResponse>> DeleteNotificationChannel(Guid id, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteNotificationChannelCommand(id), cancellationToken);
        return TypedResults.Ok(new SuccessResponse(true));
    }

    public static async Task<Ok<RotatedNotificationSecretResponse>> RotateNotificationChannelSecret(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RotateNotificationChannelSecretCommand(id), cancellationToken));

    public static async Task<Accepted<TestNotificationResponse>> SendTestNotification(Guid id, ISender sender, CancellationToken cancellationToken)
    {
        var test = await sender.Send(new SendTestNotificationCommand(id), cancellationToken);
        return TypedResults.Accepted($"/api/vapi/notification-channels/{id}/deliveries", test);
    }

    public static async Task<Ok<NotificationDeliveryListResponse>> ListNotificationDeliveries(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new NotificationDeliveryListResponse(await sender.Send(new ListNotificationDeliveriesQuery(id), cancellationToken)));
}

/// <param name="Type">webhook, slack or email.</param>
/// <param name="Url">webhook and slack: the receiver's URL (stored sealed; shown afterwards only as a hint).</param>
/// <param name="Email">email: the address.</param>
/// <param name="Kinds">Alert kinds to send (budget.threshold, anomaly.cost, anomaly.calls, sync.failing, channel.failing); default all.</param>
public sealed record CreateNotificationChannelRequest(string? Name, string? Type, string? Url, string? Email, IReadOnlyList<string>? Kinds);

/// <summary>Any of the fields; those left out stay as they are.</summary>
/// <param name="Enabled">true re-enables a disabled channel; false disables it.</param>
public sealed record UpdateNotificationChannelRequest(string? Name, string? Url, string? Email, IReadOnlyList<string>? Kinds, bool? Enabled);
