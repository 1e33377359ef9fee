using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Testing;

/// <summary>The sandbox's admin API over HTTP, as tests and benchmarks drive it.</summary>
public sealed class SandboxAdmin(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // The back office's records are snake_case, as the contract (docs/back-office.openapi.yaml) spells them.
    private static readonly JsonSerializerOptions SnakeCase = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<IReadOnlyList<long>> CreateOrdersAsync(string store, int count, int? statusId = null, int? lineItems = null)
    {
        var response = await http.PostAsJsonAsync($"_admin/stores/{store}/orders", new { count, statusId, lineItems }, Json);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
        return body!["ids"]!.AsArray().Select(id => id!.GetValue<long>()).ToList();
    }

    /// <summary>Adds SKUs to the store's catalog (variant-tracked unless <paramref name="trackedByProduct"/> holds them).</summary>
    public async Task SeedCatalogAsync(string store, IEnumerable<string> skus, IEnumerable<string>? trackedByProduct = null)
    {
        var byProduct = new HashSet<string>(trackedByProduct ?? []);
        var body = new { skus = skus.Select(s => new { sku = s, trackedBy = byProduct.Contains(s) ? "product" : "variant", product = s }).ToList() };
        (await http.PostAsJsonAsync($"_admin/stores/{store}/catalog", body, Json)).EnsureSuccessStatusCode();
    }

    /// <summary>The store's catalog: SKU → its product id (and variant id), as BigCommerce would answer.</summary>
    public async Task<IReadOnlyDictionary<string, (long ProductId, long VariantId)>> CatalogAsync(string store)
    {
        var items = await http.GetFromJsonAsync<JsonArray>($"_admin/stores/{store}/catalog", Json);
        return items!.ToDictionary(i => i!["sku"]!.GetValue<string>(), i => (i!["productId"]!.GetValue<long>(), i["variantId"]!.GetValue<long>()));
    }

    /// <summary>How many calls the store's API got per endpoint (e.g. "PUT /v3/inventory/adjustments/absolute"), 0 for one never called.</summary>
    public async Task<Func<string, long>> CallsByEndpointAsync(string store)
    {
        var byEndpoint = (await InventoryStatsAsync(store))["byEndpoint"]?.AsObject();
        return endpoint => byEndpoint?[endpoint]?.GetValue<long>() ?? 0;
    }

    /// <summary>Replaces the back office's stock levels for a store.</summary>
    public async Task SetBackOfficeInventoryAsync(string store, IEnumerable<(string Sku, int Quantity)> items) =>
        (await http.PutAsJsonAsync("backoffice/_admin/inventory",
            new { storeHash = store, items = items.Select(i => new { sku = i.Sku, quantity = i.Quantity }).ToList() }, Json)).EnsureSuccessStatusCode();

    /// <summary>
    /// Appends records to the back office's shipments log for <paramref name="store"/>, as given: a
    /// <see cref="JsonNode"/> goes as it is, anything else is serialized with snake_case names. Nothing is
    /// checked, so malformed records (or another store's) can be appended on purpose.
    /// </summary>
    /// <returns>How many were appended and how many the store's log holds now.</returns>
    public async Task<(int Appended, int Total)> AppendBackOfficeShipmentsAsync(string store, params object[] records)
    {
        var array = new JsonArray([.. records.Select(r => r is JsonNode node ? node.DeepClone() : JsonSerializer.SerializeToNode(r, SnakeCase))]);
        var body = await PostAsync($"_admin/backoffice/stores/{Uri.EscapeDataString(store)}/shipments", new { records = array });
        return (body["appended"]!.GetValue<int>(), body["total"]!.GetValue<int>());
    }

    /// <summary>The back office's shipments log for the store, the raw records in order.</summary>
    public async Task<JsonArray> BackOfficeShipmentsAsync(string store) =>
        (await http.GetFromJsonAsync<JsonArray>($"_admin/backoffice/stores/{Uri.EscapeDataString(store)}/shipments", Json))!;

    /// <summary>Spoils page <paramref name="page"/> (default 1) of the shipments feed on its next <paramref name="remaining"/> reads (default every one): malformed-page, fail-page, missing-field or duplicate-row.</summary>
    public async Task SetShipmentFeedCorruptionAsync(string kind, int? page = null, int? remaining = null) =>
        (await http.PutAsJsonAsync("_admin/backoffice/shipments/corruption", new { kind, page, remaining }, Json)).EnsureSuccessStatusCode();

    public async Task ClearShipmentFeedCorruptionAsync() => (await http.DeleteAsync("_admin/backoffice/shipments/corruption")).EnsureSuccessStatusCode();

    /// <summary><c>{requests, pages, records, invalidSignature, invalidRequests, pushes, pushesUnanswered, byStore}</c> of the shipments feed.</summary>
    public async Task<JsonObject> ShipmentFeedStatsAsync(string? store = null) =>
        (await http.GetFromJsonAsync<JsonObject>("_admin/backoffice/shipments/stats" + (store is null ? "" : "?store=" + Uri.EscapeDataString(store)), Json))!;

    /// <summary>
    /// The back office POSTing <c>{"records": …}</c> to the connector's push endpoint, signed
    /// (<c>valid</c>), wrongly signed (<c>bad</c>) or unsigned (<c>none</c>).
    /// </summary>
    /// <returns>The connector's status and answer; status 0 and the reason when it could not be reached.</returns>
    public Task<(int Status, string Body)> PushShipmentsAsync(string connectorUrl, IEnumerable<JsonObject> records, string signature = "valid") =>
        PushAsync("_admin/backoffice/shipments/push", connectorUrl, records, signature);

    /// <summary>
    /// A valid shipment record of the back office's feed. Items name a line by <c>sku</c>
    /// (<paramref name="items"/>) or by BigCommerce <c>order_product_id</c> (<paramref name="orderProductItems"/>);
    /// at least one is needed. Optional fields left null are omitted; <c>shipped_at</c> defaults to now.
    /// </summary>
    public static JsonObject ShipmentRecord(
        string store,
        string id,
        long orderId,
        IEnumerable<(string Sku, int Quantity)>? items = null,
        string? trackingNumber = null,
        string? carrier = null,
        IEnumerable<(long OrderProductId, int Quantity)>? orderProductItems = null,
        string? trackingLink = null,
        string? shippingMethod = null,
        string? location = null,
        string? comments = null,
        DateTimeOffset? shippedAt = null)
    {
        var lines = new JsonArray([
            .. (items ?? []).Select(i => (JsonNode)new JsonObject { ["sku"] = i.Sku, ["quantity"] = i.Quantity }),
            .. (orderProductItems ?? []).Select(i => (JsonNode)new JsonObject { ["order_product_id"] = i.OrderProductId, ["quantity"] = i.Quantity }),
        ]);
        if (lines.Count == 0)
        {
            throw new ArgumentException("A shipment needs at least one item: give items (by SKU) or orderProductItems.", nameof(items));
        }
        var record = new JsonObject
        {
            ["type"] = "shipment",
            ["id"] = id,
            ["store_hash"] = store,
            ["order_id"] = orderId,
            ["items"] = lines,
        };
        AddIfSet(record, "tracking_number", trackingNumber);
        AddIfSet(record, "carrier", carrier);
        AddIfSet(record, "tracking_link", trackingLink);
        AddIfSet(record, "shipping_method", shippingMethod);
        record["shipped_at"] = Iso(shippedAt ?? DateTimeOffset.UtcNow);
        AddIfSet(record, "location", location);
        AddIfSet(record, "comments", comments);
        return record;
    }

    /// <summary>A valid cancellation record of the back office's feed; <c>cancelled_at</c> defaults to now, <c>reason</c> is omitted unless given.</summary>
    public static JsonObject CancellationRecord(string store, string id, long orderId, string? reason = null, DateTimeOffset? cancelledAt = null)
    {
        var record = new JsonObject
        {
            ["type"] = "cancellation",
            ["id"] = id,
            ["store_hash"] = store,
            ["order_id"] = orderId,
        };
        AddIfSet(record, "reason", reason);
        record["cancelled_at"] = Iso(cancelledAt ?? DateTimeOffset.UtcNow);
        return record;
    }

    /// <summary>How long each absolute adjustment of the store takes to answer.</summary>
    public async Task SetAdjustmentLatencyAsync(string store, TimeSpan latency) =>
        (await http.PutAsJsonAsync($"_admin/stores/{store}/inventory/latency", new { ms = (int)latency.TotalMilliseconds }, Json)).EnsureSuccessStatusCode();

    public async Task SetFeedPageSizeAsync(int? pageSize) =>
        (await http.PutAsJsonAsync("backoffice/_admin/inventory/settings", new { pageSize }, Json)).EnsureSuccessStatusCode();

    /// <summary>Corrupts the feed: malformed-page, negative, non-numeric, duplicate-sku or fail-page.</summary>
    public async Task CorruptFeedAsync(string kind, int? page = null, int? times = null) =>
        (await http.PutAsJsonAsync("backoffice/_admin/inventory/corruption", new { kind, page, times }, Json)).EnsureSuccessStatusCode();

    public async Task ClearFeedCorruptionAsync() => (await http.DeleteAsync("backoffice/_admin/inventory/corruption")).EnsureSuccessStatusCode();

    /// <summary>The store's stock level per SKU at its first (default) location, with how many writes each SKU got.</summary>
    public async Task<IReadOnlyDictionary<string, (long Quantity, long Writes)>> StockLevelsAsync(string store)
    {
        var levels = await http.GetFromJsonAsync<JsonArray>($"_admin/stores/{store}/inventory", Json);
        return levels!.ToDictionary(l => l!["sku"]!.GetValue<string>(), l =>
        {
            var perLocation = l!["levels"]!.AsObject();
            return (perLocation.First().Value!.GetValue<long>(), l["writes"]!.GetValue<long>());
        });
    }

    public async Task<JsonObject> InventoryStatsAsync(string store) =>
        (await http.GetFromJsonAsync<JsonObject>($"_admin/stores/{store}/inventory/stats", Json))!;

    public async Task<JsonObject> ModifyOrderAsync(string store, long orderId, int? statusId = null, string? customerMessage = null)
    {
        var response = await http.PatchAsJsonAsync($"_admin/stores/{store}/orders/{orderId}", new { statusId, customerMessage }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Json))!;
    }

    /// <summary>The order as the sandbox store holds it (<c>order</c>, <c>products</c>).</summary>
    public async Task<JsonObject> GetOrderAsync(string store, long orderId) =>
        (await http.GetFromJsonAsync<JsonObject>($"_admin/stores/{store}/orders/{orderId}", Json))!;

    /// <summary>The order's shipments as GET /v2/orders/{id}/shipments would answer them, unpaged, without quota or faults ([] for none).</summary>
    public async Task<JsonArray> ShipmentsAsync(string store, long orderId) =>
        (await http.GetFromJsonAsync<JsonArray>($"_admin/stores/{store}/orders/{orderId}/shipments", Json))!;

    /// <summary>Every shipment of the store, by shipment id: one parcel shipped twice shows up here as two entries.</summary>
    public async Task<JsonArray> StoreShipmentsAsync(string store) =>
        (await http.GetFromJsonAsync<JsonArray>($"_admin/stores/{store}/shipments", Json))!;

    public async Task CorruptOrderAsync(string store, long orderId, string kind) =>
        (await http.PutAsJsonAsync($"_admin/stores/{store}/orders/{orderId}/corruption", new { kind }, Json)).EnsureSuccessStatusCode();

    public async Task<JsonObject> StoreStatsAsync(string store) =>
        (await http.GetFromJsonAsync<JsonObject>($"_admin/stores/{store}/stats", Json))!;

    public async Task ResetStatsAsync() => (await http.PostAsync("_admin/stats/reset", null)).EnsureSuccessStatusCode();

    public async Task SetQuotaAsync(string store, int quota, int windowMs) =>
        (await http.PutAsJsonAsync($"_admin/stores/{store}/quota", new { quota, windowMs }, Json)).EnsureSuccessStatusCode();

    /// <param name="target"><c>bigcommerce</c> or <c>backoffice</c>.</param>
    public async Task SetFaultsAsync(string target, object faults) =>
        (await http.PutAsJsonAsync($"_admin/faults/{target}", faults, Json)).EnsureSuccessStatusCode();

    public async Task ClearFaultsAsync(string target) =>
        (await http.DeleteAsync($"_admin/faults/{target}")).EnsureSuccessStatusCode();

    public async Task<BackOfficeDeliveries> DeliveriesAsync(string store) =>
        (await http.GetFromJsonAsync<BackOfficeDeliveries>($"backoffice/_admin/deliveries?store={store}", Json))!;

    /// <summary>The <c>traceparent</c> header of every POST /orders the back office received for the store, in arrival order.</summary>
    public async Task<IReadOnlyList<BackOfficeTraceParent>> TraceParentsAsync(string store) =>
        (await http.GetFromJsonAsync<List<BackOfficeTraceParent>>($"backoffice/_admin/traceparents?store={store}", Json))!;

    /// <summary>The shipments made in BigCommerce that the back office received for the store (POST /backoffice/bigcommerce-shipments).</summary>
    public async Task<BackOfficeBigCommerceShipments> BigCommerceShipmentsReceivedAsync(string store) =>
        (await http.GetFromJsonAsync<BackOfficeBigCommerceShipments>($"backoffice/_admin/bigcommerce-shipments?store={store}", Json))!;

    /// <summary>The last order version the back office accepted, as it received it.</summary>
    public async Task<JsonObject?> ReceivedOrderAsync(string store, long orderId)
    {
        var response = await http.GetAsync($"backoffice/_admin/orders/{store}/{orderId}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Json))!["last"]!.AsObject();
    }

    /// <summary>A merchant clicking Install: the sandbox issues a code and calls the app's auth callback as the browser.</summary>
    public async Task<JsonObject> InstallAsync(string store, Uri callbackUrl, string? scope = null, long? userId = null, long? ownerId = null) =>
        await PostAsync("_admin/installs", new { storeHash = store, callbackUrl, scope, userId, ownerId });

    /// <summary>Only a one-time code for an install, and the callback query BigCommerce would send with it.</summary>
    public async Task<JsonObject> IssueCodeAsync(string store, Uri redirectUri, string? scope = null) =>
        await PostAsync("_admin/installs/code", new { storeHash = store, redirectUri, scope });

    /// <summary>A signed_payload_jwt; the fields override what BigCommerce would put in it.</summary>
    public async Task<string> JwtAsync(object fields) => (await PostAsync("_admin/jwt", fields))["jwt"]!.GetValue<string>();

    /// <summary>BigCommerce calling the load, uninstall or remove_user callback with a fresh JWT.</summary>
    public async Task<JsonObject> CallbackAsync(string store, string kind, Uri url, long? userId = null) =>
        await PostAsync("_admin/callbacks", new { storeHash = store, kind, url, userId });

    /// <summary>The Key Vault stand-in's secrets: names, versions and value hashes, never values.</summary>
    public async Task<JsonArray> KeyVaultSecretsAsync() => (await http.GetFromJsonAsync<JsonArray>("_admin/keyvault/secrets", Json))!;

    /// <summary>
    /// BigCommerce revoking the store's token, as when the merchant deletes the API account or the app is reinstalled
    /// elsewhere: every call with it gets 401 from now on. <see cref="StoreTokenAsync"/> then answers the new one.
    /// </summary>
    public async Task RevokeTokenAsync(string store) =>
        (await http.PostAsync($"_admin/stores/{store}/token/revoke", null)).EnsureSuccessStatusCode();

    /// <summary>The store's token lacks these scopes (e.g. "store_inventory"): the endpoints needing one answer 403.</summary>
    public async Task DenyScopesAsync(string store, params string[] scopes) =>
        (await http.PutAsJsonAsync($"_admin/stores/{store}/scopes", new { denied = scopes }, Json)).EnsureSuccessStatusCode();

    public async Task<string> StoreTokenAsync(string store) =>
        (await http.GetFromJsonAsync<JsonObject>($"_admin/stores/{store}", Json))!["token"]!.GetValue<string>();

    private static void AddIfSet(JsonObject record, string name, string? value)
    {
        if (value is not null)
        {
            record[name] = value;
        }
    }

    /// <summary>ISO-8601 with an offset, whole seconds: <c>2026-11-29T10:00:00+00:00</c>.</summary>
    private static string Iso(DateTimeOffset at) => at.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'sszzz", CultureInfo.InvariantCulture);

    private async Task<JsonObject> PostAsync(string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Json))!;
    }

    /// <summary>The store's webhook subscriptions as the sandbox holds them (id, scope, destination, headers, isActive, status).</summary>
    public async Task<JsonArray> WebhooksAsync(string store) =>
        (await http.GetFromJsonAsync<JsonArray>($"_admin/stores/{store}/webhooks", Json))!;

    /// <summary>Every webhook delivery attempt to the store's destinations, oldest first.</summary>
    public async Task<IReadOnlyList<WebhookAttemptView>> WebhookDeliveriesAsync(string store, string? scope = null, long? orderId = null)
    {
        var query = $"_admin/stores/{store}/webhooks/deliveries?{(scope is null ? "" : "scope=" + Uri.EscapeDataString(scope) + "&")}{(orderId is null ? "" : "orderId=" + orderId)}";
        return (await http.GetFromJsonAsync<List<WebhookAttemptView>>(query, Json))!;
    }

    /// <summary>BigCommerce deactivating a hook after its retries failed.</summary>
    public async Task DeactivateWebhookAsync(string store, long hookId) =>
        (await http.PostAsync($"_admin/stores/{store}/webhooks/{hookId}/deactivate", null)).EnsureSuccessStatusCode();

    /// <summary>The next <paramref name="count"/> events of the store are delivered twice (same webhook-id).</summary>
    public async Task DuplicateNextWebhooksAsync(string store, int count) =>
        (await http.PostAsJsonAsync("_admin/webhooks/duplicate-next", new { storeHash = store, count }, Json)).EnsureSuccessStatusCode();

    /// <summary>The next <paramref name="count"/> events of the store are held, then released newest first.</summary>
    public async Task ReorderNextWebhooksAsync(string store, int count) =>
        (await http.PostAsJsonAsync("_admin/webhooks/reorder-next", new { storeHash = store, count }, Json)).EnsureSuccessStatusCode();

    /// <summary><c>{stats: {events, deliveries, attempts, succeeded, failed, retriesScheduled, deactivated, …}}</c>.</summary>
    public async Task<JsonObject> WebhookStatsAsync() => (await http.GetFromJsonAsync<JsonObject>("_admin/webhooks/stats", Json))!;

    /// <summary>A fault target's settings and what it injected so far (<c>injected</c>).</summary>
    public async Task<JsonObject> FaultStatusAsync(string target) => (await http.GetFromJsonAsync<JsonObject>($"_admin/faults/{target}", Json))!;

    public async Task SetWebhookSettingsAsync(double? retryScale = null, int? timeoutMs = null, bool? enabled = null) =>
        (await http.PutAsJsonAsync("_admin/webhooks/settings", new { retryScale, timeoutMs, enabled }, Json)).EnsureSuccessStatusCode();

    /// <summary>Fires an order event as BigCommerce would, without changing the order.</summary>
    public async Task FireOrderEventAsync(string store, string scope, long orderId) =>
        (await http.PostAsJsonAsync($"_admin/stores/{store}/webhooks/events", new { scope, orderId }, Json)).EnsureSuccessStatusCode();

    public async Task RejectOrdersAsync(string store, IEnumerable<long> orderIds, int status, string reason) =>
        (await http.PostAsJsonAsync("backoffice/_admin/rejections", new { storeHash = store, orderIds, status, reason }, Json)).EnsureSuccessStatusCode();

    public async Task ClearRejectionsAsync() => (await http.DeleteAsync("backoffice/_admin/rejections")).EnsureSuccessStatusCode();

    /// <summary>New catalog products (each firing store/product/created); their ids.</summary>
    public async Task<IReadOnlyList<long>> CreateProductsAsync(string store, int count, int? variants = null) =>
        (await PostAsync($"_admin/stores/{store}/products", new { count, variants }))["ids"]!.AsArray().Select(i => i!.GetValue<long>()).ToList();

    /// <summary>A new version of a product (store/product/updated, or store/sku/updated with <paramref name="skuEvent"/>).</summary>
    public async Task<JsonObject> UpdateProductAsync(string store, long productId, string? name = null, decimal? price = null, bool skuEvent = false, bool? isVisible = null)
    {
        var response = await http.PutAsJsonAsync($"_admin/stores/{store}/products/{productId}", new { name, price, skuEvent, isVisible }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Json))!;
    }

    public async Task DeleteProductAsync(string store, long productId) =>
        (await http.DeleteAsync($"_admin/stores/{store}/products/{productId}")).EnsureSuccessStatusCode();

    /// <summary>What the back office received of the store's catalog (POST /backoffice/products).</summary>
    public async Task<JsonObject> ProductsReceivedAsync(string store) =>
        (await http.GetFromJsonAsync<JsonObject>($"backoffice/_admin/products?store={store}", Json))!;

    /// <summary>Simple products with exactly these SKUs (duplicates allowed); their ids.</summary>
    public async Task<IReadOnlyList<long>> CreateProductsWithSkusAsync(string store, IEnumerable<string> skus) =>
        (await PostAsync($"_admin/stores/{store}/products", new { skus = skus.ToList() }))["ids"]!.AsArray().Select(i => i!.GetValue<long>()).ToList();

    /// <summary>The store's catalog as the sandbox holds it: id, name, sku, prices, weight, description, availability, visibility, variants.</summary>
    public async Task<IReadOnlyList<JsonObject>> ProductsAsync(string store) =>
        (await http.GetFromJsonAsync<JsonArray>($"_admin/stores/{store}/products", Json))!.Select(p => p!.AsObject()).ToList();

    /// <summary>Every product version the store's catalog made, oldest first: who made it (control-panel or api), the product then, what an API write set.</summary>
    public async Task<IReadOnlyList<JsonObject>> ProductHistoryAsync(string store) =>
        (await http.GetFromJsonAsync<JsonArray>($"_admin/stores/{store}/products/history", Json))!.Select(p => p!.AsObject()).ToList();

    /// <summary>
    /// Has the sandbox back office POST catalog-change records (each with its <c>store_hash</c>) to the connector's push
    /// endpoint, signed as the contract says (<c>valid</c>), wrongly (<c>bad</c>) or not at all (<c>none</c>).
    /// </summary>
    /// <returns>The connector's status and answer; status 0 and the reason when it could not be reached.</returns>
    public Task<(int Status, string Body)> PushCatalogChangesAsync(string connectorUrl, IEnumerable<JsonObject> records, string signature = "valid") =>
        PushAsync("_admin/backoffice/catalog-changes/push", connectorUrl, records, signature);

    private async Task<(int Status, string Body)> PushAsync(string adminPath, string connectorUrl, IEnumerable<JsonObject> records, string signature)
    {
        var array = new JsonArray([.. records.Select(r => r.DeepClone())]);
        using var response = await http.PostAsJsonAsync(adminPath, new { url = connectorUrl, records = array, signature }, Json);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(Json))!;
        if (response.StatusCode == System.Net.HttpStatusCode.BadGateway)
        {
            return (0, body["error"]!.GetValue<string>());
        }

        response.EnsureSuccessStatusCode();
        return (body["status"]!.GetValue<int>(), body["body"]?.GetValue<string>() ?? "");
    }

    /// <summary>Appends records to the back office's catalog-changes feed of the store (raw JSON objects: anything goes).</summary>
    public async Task AppendCatalogChangesAsync(string store, IEnumerable<object> records) =>
        (await http.PostAsJsonAsync($"_admin/backoffice/stores/{store}/catalog-changes", new { records = records.ToList() }, Json)).EnsureSuccessStatusCode();

    /// <summary>Spoils reads of one page of the catalog-changes feed: bad-signature, fail-page or malformed-page.</summary>
    public async Task CorruptCatalogFeedAsync(string kind, int page, int? remaining = null) =>
        (await http.PutAsJsonAsync("_admin/backoffice/catalog-changes/corruption", new { kind, page, remaining }, Json)).EnsureSuccessStatusCode();

    public async Task ClearCatalogFeedCorruptionAsync() =>
        (await http.DeleteAsync("_admin/backoffice/catalog-changes/corruption")).EnsureSuccessStatusCode();

    public async Task RejectProductsAsync(string store, IEnumerable<long> productIds, int status, string reason) =>
        (await http.PostAsJsonAsync("backoffice/_admin/products/rejections", new { storeHash = store, productIds, status, reason }, Json)).EnsureSuccessStatusCode();
}

/// <summary>One webhook POST the sandbox made (Status 0: no answer).</summary>
public sealed record WebhookAttemptView(
    string StoreHash, string EventId, long HookId, string Scope, long? OrderId, string Destination, int Attempt, bool Duplicate,
    int Status, string? Error, bool Succeeded, double DurationMs, DateTimeOffset At, long EventCreatedAt);

/// <summary>What the sandbox back office received for one store.</summary>
public sealed record BackOfficeDeliveries(
    int Accepted,
    int DuplicateAttempts,
    int Rejected,
    int InvalidSignature,
    int InvalidRequests,
    int OrdersDeliveredMoreThanOnceWithDifferentKeysForSameVersion,
    IReadOnlyList<BackOfficeDelivery> Deliveries,
    IReadOnlyList<BackOfficeOrder> Orders,
    IReadOnlyList<BackOfficeRejection> Rejections)
{
    public BackOfficeOrder? Order(long orderId) => Orders.FirstOrDefault(o => o.OrderId == orderId);
}

public sealed record BackOfficeDelivery(string Key, string StoreHash, long OrderId, DateTimeOffset ModifiedAt, int Attempts)
{
    /// <summary>When the back office first received this version.</summary>
    public DateTimeOffset? FirstReceivedAt { get; init; }
}

/// <summary>One order at the back office: how many versions it accepted and how many deliveries (one per key).</summary>
public sealed record BackOfficeOrder(string StoreHash, long OrderId, int Deliveries, int Versions, DateTimeOffset LastModifiedAt);

public sealed record BackOfficeRejection(string Key, string StoreHash, long OrderId, int Status, string Reason);

/// <summary>What the sandbox back office received on POST /bigcommerce-shipments for one store.</summary>
public sealed record BackOfficeBigCommerceShipments(
    int Accepted,
    int DuplicateAttempts,
    int Rejected,
    int InvalidSignature,
    int InvalidRequests,
    IReadOnlyList<BackOfficeBigCommerceShipment> Shipments,
    IReadOnlyList<BackOfficeBigCommerceShipmentRejection> Rejections);

/// <summary>One BigCommerce shipment at the back office: its key, how often it was sent, and the first body (snake_case JSON).</summary>
public sealed record BackOfficeBigCommerceShipment(
    string Key, string StoreHash, long OrderId, long ShipmentId, int Attempts, bool SameBodyOnEveryAttempt, string? CorrelationId, JsonObject? Body);

public sealed record BackOfficeBigCommerceShipmentRejection(string Key, string StoreHash, long OrderId, long ShipmentId, int Status, string Reason);

/// <summary>The W3C trace context the back office received with one order.</summary>
public sealed record BackOfficeTraceParent(string StoreHash, long OrderId, string? TraceParent);
