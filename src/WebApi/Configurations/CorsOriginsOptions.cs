namespace VapiAgents.WebApi.Configurations;

/// <summary>Configuration section <c>Cors</c>: the browser origins allowed to call the API from another site.</summary>
public sealed class CorsOriginsOptions
{
    public const string Section = "Cors";

    /// <summary>Origins as a browser sends them, scheme and host (and port), e.g. <c>https://app.example.com</c>; none by default.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
