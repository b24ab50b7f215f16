namespace VapiAgents.Infrastructure.Identity;

/// <summary>The Admin role; granted only by the operator commands <c>--grant-admin</c> / <c>--revoke-admin</c> (docs/adr/015).</summary>
public static class AdminOptions
{
    public const string Role = "Admin";

    /// <summary>The retired list of admin e-mails: start-up warns when it is still set, and it grants nothing.</summary>
    public const string RetiredEmailsKey = "Admin:Emails";
}
