using System.Text.Json.Serialization;

namespace Connector.BigCommerce;

/// <summary>A webhook subscription as <c>/v3/hooks</c> returns it (webhook_Full).</summary>
public sealed record V3Webhook
{
    public long Id { get; init; }
    public string Scope { get; init; } = "";
    public string Destination { get; init; } = "";
    public bool IsActive { get; init; }
    public Dictionary<string, string>? Headers { get; init; }
    public string? Status { get; init; }
}

/// <summary>The body of POST and PUT <c>/v3/hooks</c> (webhook_Base / webhook_Put).</summary>
public sealed record V3WebhookWrite(
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("destination")] string Destination,
    [property: JsonPropertyName("is_active")] bool IsActive,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string> Headers);

/// <summary>A destination BigCommerce stopped sending to for a while (GET /v3/hooks/admin's blocked_domains).</summary>
public sealed record V3BlockedDomain
{
    public string Destination { get; init; } = "";
    public long? TimeLeft { get; init; }
}

public sealed record V3HooksAdmin
{
    public List<V3Webhook> HooksList { get; init; } = [];
    public List<V3BlockedDomain> BlockedDomains { get; init; } = [];
}

internal sealed record V3Envelope<T>
{
    public T? Data { get; init; }
}
