using FluentValidation;

namespace VapiAgents.Application.Alerts.Queries.ListAlerts;

public sealed class ListAlertsQueryValidator : AbstractValidator<ListAlertsQuery>
{
    public ListAlertsQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null or "open" or "acknowledged" or "all").WithMessage("status must be open, acknowledged or all.");
        RuleFor(q => q.Limit).InclusiveBetween(1, ListAlertsQuery.MaxLimit).WithMessage($"limit must be from 1 to {ListAlertsQuery.MaxLimit}.");
        RuleFor(q => q.Offset).GreaterThanOrEqualTo(0).WithMessage("offset must be 0 or more.");
    }
}
