namespace VapiAgents.Infrastructure.Identity;

/// <summary>Configuration section <c>Admin</c>: the operators' e-mail addresses.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";
    public const string Role = "Admin";

    /// <summary>E-mails granted the Admin role (array, or one comma/semicolon separated string).</summary>
    public List<string> Emails { get; set; } = [];
}
