using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VapiAgents.Application.Alerts;
using VapiAgents.Application.Alerts.Commands.AcknowledgeAlert;
using VapiAgents.Application.Alerts.Commands.UpdateAlertSettings;
using VapiAgents.Application.Alerts.Queries.GetAlertSettings;
using VapiAgents.Application.Alerts.Queries.ListAlerts;

namespace VapiAgents.WebApi.Endpoints;

/// <summary>What the product noticed (budget thresholds, anomalies, failing syncs), and the user's alert settings.</summary>
public sealed class Alerts : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/vapi").WithTags("Alerts").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("alerts", ListAlerts).WithName(nameof(ListAlerts))
            .WithSummary("Your alerts, newest first: open (default), acknowledged or all.")
            .WithDescription("Kinds: budget.threshold, anomaly.cost, anomaly.calls, sync.failing, channel.failing. Fields that do not apply to a kind are null. `total` counts every alert of the status.")
            .ProducesValidationProblem();
        group.MapPost("alerts/{id:guid}/acknowledge", AcknowledgeAlert).WithName(nameof(AcknowledgeAlert))
            .WithSummary("Marks an alert seen.")
            .WithDescription("Idempotent: acknowledging again keeps the first time.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("alert-settings", GetAlertSettings).WithName(nameof(GetAlertSettings))
            .WithSummary("Your alert settings (the defaults until you save some).")
            .WithDescription("The zone whose local days the anomaly rule judges, and the rule: a day above factor × the mean of the baseline days before it, and above minimumCost.");
        group.MapPut("alert-settings", UpdateAlertSettings).WithName(nameof(UpdateAlertSettings))
            .WithSummary("Replaces your alert settings; fields left out take their defaults.")
            .WithDescription("Defaults: timezone UTC, anomaly enabled, factor 2.0, baselineDays 7, minimumCost 5.0.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static async Task<Ok<AlertListDto>> ListAlerts(
        ISender sender, CancellationToken cancellationToken, string? status = null, int limit = ListAlertsQuery.DefaultLimit, int offset = 0) =>
        TypedResults.Ok(await sender.Send(new ListAlertsQuery(status, limit, offset), cancellationToken));

    public static async Task<Ok<AlertResponse>> AcknowledgeAlert(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AlertResponse(await sender.Send(new AcknowledgeAlertCommand(id), cancellationToken)));

    public static async Task<Ok<AlertSettingsDto>> GetAlertSettings(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetAlertSettingsQuery(), cancellationToken));

    public static async Task<Ok<AlertSettingsDto>> UpdateAlertSettings(AlertSettingsRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new UpdateAlertSettingsCommand(
            request.Timezone, request.Anomaly?.Enabled, request.Anomaly?.Factor, request.Anomaly?.BaselineDays, request.Anomaly?.MinimumCost), cancellationToken));
}

/// <param name="Timezone">IANA zone for the anomaly rule's days; default UTC.</param>
public sealed record AlertSettingsRequest(string? Timezone, AnomalySettingsRequest? Anomaly);

/// <param name="Factor">Above 1; default 2.0.</param>
/// <param name="BaselineDays">1–90; default 7.</param>
/// <param name="MinimumCost">USD, 0 or more; default 5.0.</param>
public sealed record AnomalySettingsRequest(bool? Enabled, decimal? Factor, int? BaselineDays, decimal? MinimumCost);
