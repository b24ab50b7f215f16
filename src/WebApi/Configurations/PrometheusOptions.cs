namespace VapiAgents.WebApi.Configurations;

/// <summary>Configuration section <c>Telemetry:Prometheus</c>: the scraping endpoint, off by default.</summary>
public sealed class PrometheusOptions
{
    public const string Section = "Telemetry:Prometheus";

    /// <summary>Serve <c>/metrics</c> in Prometheus' text format.</summary>
    public bool Enabled { get; set; }

    /// <summary>When set, <c>/metrics</c> answers only on this port (add it to ASPNETCORE_URLS).</summary>
    public int? Port { get; set; }
}
