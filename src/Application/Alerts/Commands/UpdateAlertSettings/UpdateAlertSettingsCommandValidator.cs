using FluentValidation;
using VapiAgents.Application.Budgets;

namespace VapiAgents.Application.Alerts.Commands.UpdateAlertSettings;

public sealed class UpdateAlertSettingsCommandValidator : AbstractValidator<UpdateAlertSettingsCommand>
{
    public UpdateAlertSettingsCommandValidator()
    {
        RuleFor(c => c.Timezone).ValidZone();
        RuleFor(c => c.Factor).Must(f => f is null or > 1 and <= 1000).OverridePropertyName("anomaly.factor")
            .WithMessage("anomaly.factor must be above 1 and at most 1000.");
        RuleFor(c => c.BaselineDays).Must(d => d is null or >= 1 and <= 90).OverridePropertyName("anomaly.baselineDays")
            .WithMessage("anomaly.baselineDays must be from 1 to 90.");
        RuleFor(c => c.MinimumCost).Must(c => c is null or >= 0 and <= 1_000_000).OverridePropertyName("anomaly.minimumCost")
            .WithMessage("anomaly.minimumCost must be 0 or more USD.");
    }
}
