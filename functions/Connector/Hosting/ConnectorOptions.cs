namespace Connector.Hosting;

public sealed class ConnectorOptions
{
    public const string Section = "Connector";

    /// <summary>Where BigCommerce reaches the connector: the base of the app callbacks and webhooks.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Guards the operator endpoints (registering an API-account store). Unset: those endpoints are off.</summary>
    public string? AdminApiKey { get; set; }
}
