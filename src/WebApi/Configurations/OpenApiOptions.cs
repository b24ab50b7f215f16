namespace VapiAgents.WebApi.Configurations;

/// <summary>Configuration section <c>OpenApi</c>.</summary>
public sealed class OpenApiOptions
{
    public const string Section = "OpenApi";

    /// <summary>Serve <c>/swagger</c> and the OpenAPI document; unset means only in Development (the contract is no secret, but a public map of every route is no help in Production).</summary>
    public bool? Enabled { get; set; }
}
