namespace Connector.Hosting;

public sealed class ConnectorOptions
{
    public const string Section = "Connector";

    /// <summary>Where BigCommerce reaches the connector: the base of the app callbacks and webhooks.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Guards the operator endpoints (registering an API-account store). Unset: those endpoints are off.</summary>
    public string? AdminApiKey { get; set; }

    /// <summary>How long start-up waits for storage (Azurite may still be starting) before the host fails to start.</summary>
    public TimeSpan StorageStartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long /api/health waits for storage before answering 503.</summary>
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
