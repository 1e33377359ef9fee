namespace Sandbox.Admin;

/// <param name="Skus">SKUs to add; <c>trackedBy</c> is <c>variant</c> (default) or <c>product</c>; variant SKUs naming the same <c>product</c> share one.</param>
/// <param name="Count">How many more SKUs to generate (<c>SKU-00001</c>…, variant-tracked, two per product).</param>
public sealed record CatalogSeedRequest(IReadOnlyList<CatalogSeedSku>? Skus, int? Count);

public sealed record CatalogSeedSku(string Sku, string? TrackedBy, string? Product);

public sealed record LocationRequest(string Code, string? Label);

public sealed record FeedSettingsRequest(int? PageSize);

/// <param name="Kind"><c>none</c>, <c>malformed-page</c>, <c>negative</c>, <c>non-numeric</c>, <c>duplicate-sku</c> or <c>fail-page</c>.</param>
/// <param name="Page">1-based page it hits; 1 by default.</param>
/// <param name="Times">How many reads of that page it hits; every one by default.</param>
public sealed record FeedCorruptionRequest(string Kind, int? Page, int? Times);
