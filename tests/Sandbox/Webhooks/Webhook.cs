namespace Sandbox.Webhooks;

/// <summary>Who last turned a hook off: <c>inactive</c> = the API client, <c>deactivated</c> = BigCommerce after failed deliveries.</summary>
public enum WebhookStatus { Active, Inactive, Deactivated }

/// <summary>One subscription, immutable; the registry swaps records under its lock.</summary>
public sealed record Webhook(
    long Id,
    string ClientId,
    string StoreHash,
    string Scope,
    string Destination,
    IReadOnlyDictionary<string, string>? Headers,
    WebhookStatus Status,
    bool? EventsHistoryEnabled,
    long CreatedAt,
    long UpdatedAt)
{
    public bool IsActive => Status == WebhookStatus.Active;

    public string StatusName => Status switch
    {
        WebhookStatus.Active => "active",
        WebhookStatus.Inactive => "inactive",
        _ => "deactivated",
    };
}

/// <summary>What a POST or PUT asks for; null = not given.</summary>
public sealed record WebhookDraft(
    string? Scope,
    string? Destination,
    bool? IsActive,
    bool? EventsHistoryEnabled,
    bool HeadersGiven,
    IReadOnlyDictionary<string, string>? Headers);
