namespace Connector.MerchantPage;

/// <summary>
/// Who a page session belongs to: a BigCommerce user of one store (opened through the load callback), or the operator
/// (opened from the console with the admin key, for stores connected by API account). Bound to one store.
/// </summary>
public sealed record PageSession(string StoreHash, long? UserId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    public bool IsOperator => UserId is null;

    /// <summary>How the audit trail names who acted: a BigCommerce user id (never an email), or "operator".</summary>
    public string Actor => UserId is { } id ? $"user {id.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "operator";
}

/// <summary>The operator signed in to the console with the admin key; bound to the key, not to a store.</summary>
public sealed record ConsoleSession(DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
