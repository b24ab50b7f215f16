namespace VapiAgents.Infrastructure.Identity;

/// <summary>Configuration section <c>Authentication</c>: how often a bearer token's security stamp is checked.</summary>
public sealed class SecurityStampOptions
{
    public const string Section = "Authentication";

    /// <summary>
    /// A token of a changed password or a signed-out account stops within this long (per instance, one
    /// database read per user per interval); fractional seconds allowed, so tests can make it short.
    /// </summary>
    public double SecurityStampValidationSeconds { get; set; } = 60;
}
