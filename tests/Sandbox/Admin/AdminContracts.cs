using System.Text.Json.Nodes;

namespace Sandbox.Admin;

// Admin JSON is camelCase (ASP.NET's web defaults); the BigCommerce API itself is snake_case.

public sealed record CreateStoreRequest(string Hash, string Token, int? Quota = null, int? WindowMs = null, int? SeedOrders = null);

public sealed record StoreSummary(string Hash, string Token, int Quota, int WindowMs, int Orders, string ApiBase);

public sealed record QuotaRequest(int Quota, int? WindowMs = null);

/// <param name="LineItems">Exact lines per order (e.g. 60 to pass the 50 embedded in consignments); default 1–4.</param>
/// <param name="CreatedAt">date_created and date_modified of the new orders; default now.</param>
public sealed record CreateOrdersRequest(int Count = 1, int? StatusId = null, int? LineItems = null, DateTimeOffset? CreatedAt = null);

public sealed record CreateOrdersResponse(IReadOnlyList<long> Ids);

public sealed record ModifyOrderRequest(int? StatusId = null, string? CustomerMessage = null, string? StaffNotes = null);

/// <param name="Order">Exactly what GET /v2/orders/{id} answers (uncorrupted, no include).</param>
/// <param name="Products">Every line, as GET /v2/orders/{id}/products pages them.</param>
/// <param name="CreatedAt">When the order was placed, full clock precision (date_created is whole seconds); for creation-to-delivery latency.</param>
public sealed record AdminOrderView(JsonObject Order, JsonArray Products, string Corruption, DateTimeOffset? CreatedAt);

public sealed record CorruptionRequest(string Kind);

public sealed record CorruptionResponse(long OrderId, string Kind);

public sealed record RejectionRequest(string? StoreHash, IReadOnlyList<long>? OrderIds, int? Status, string? Reason);

public sealed record InventoryRequest(string StoreHash, IReadOnlyList<InventoryItemRequest> Items);

public sealed record InventoryItemRequest(string Sku, int Quantity, string? Location);

public sealed record AdminError(string Error, IReadOnlyList<string>? Errors = null);

public sealed record DuplicateNextRequest(string? StoreHash, int Count);

public sealed record WebhookSettingsRequest(
    double? RetryScale = null, int? TimeoutMs = null, bool? Enabled = null,
    bool? Blocklist = null, int? BlocklistWindowMs = null, int? BlocklistMs = null, int? BlocklistMinRequests = null);

/// <summary>The scopes a store's token lacks: <c>store_v2_orders</c>, <c>store_v2_products</c>, <c>store_inventory</c>.</summary>
public sealed record DeniedScopesRequest(IReadOnlyList<string>? Denied);
