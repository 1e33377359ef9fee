using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Sandbox.Faults;

namespace Sandbox.BackOffice;

/// <summary>
/// The merchant back office the connector delivers to (docs/back-office.openapi.yaml):
/// POST /orders, GET /inventory, GET /shipments and POST /bigcommerce-shipments under <c>/backoffice</c>. Injected faults apply here;
/// the admin routes live elsewhere so they never fail.
/// </summary>
public static class BackOfficeEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string StoreHashHeader = "X-Store-Hash";
    public const string CorrelationIdHeader = "X-Correlation-Id";
    private const int MaxBodyBytes = 10 * 1024 * 1024;

    private static readonly JsonSerializerOptions SnakeCase = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = SandboxJson.Options.Encoder,
    };

    public static IEndpointRouteBuilder MapBackOffice(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/backoffice").AddEndpointFilter(async (context, next) =>
        {
            var faults = context.HttpContext.RequestServices.GetRequiredService<FaultInjector>();
            return await faults.InvokeAsync(FaultTarget.BackOffice, context.HttpContext, BackOfficeFaultResponder.Instance, null, () => next(context));
        });

        group.MapPost("/orders", ReceiveOrder);
        group.MapGet("/inventory", ReadInventory);
        group.MapGet("/shipments", ReadShipments);
        group.MapPost("/bigcommerce-shipments", ReceiveBigCommerceShipment);
        group.MapPost("/products", ProductInboxEndpoints.ReceiveProduct);
        group.MapGet("/catalog-changes", CatalogChangeFeedEndpoints.Read);
        return app;
    }

    private static async Task<IResult> ReceiveOrder(
        HttpContext http, DeliveryLedger ledger, RejectionRules rules, SignatureVerifier signatures, TraceParents traceParents)
    {
        var (delivery, refusal) = await ReadSignedDeliveryAsync(http, signatures, "Orders", "Invalid canonical order",
            (json, errors) => CanonicalOrderValidator.Validate(json, errors), o => o.StoreHash, ledger.CountInvalidSignature, ledger.CountInvalidRequest);
        if (delivery is null)
        {
            return refusal!;
        }

        var (key, order, body) = (delivery.Key, delivery.Item, delivery.Body);
        var correlationId = http.Request.Headers[CorrelationIdHeader].ToString();
        traceParents.Record(order.StoreHash, order.OrderId, http.Request.Headers[TraceParents.Header].FirstOrDefault());
        var (outcome, rejection) = ledger.Receive(
            key, order.StoreHash, order.OrderId, order.ModifiedAt, Encoding.UTF8.GetString(body),
            string.IsNullOrEmpty(correlationId) ? null : correlationId, rules);

        return outcome switch
        {
            DeliveryLedger.Outcome.Accepted => Results.Json(new { received = key }, statusCode: StatusCodes.Status201Created),
            DeliveryLedger.Outcome.Duplicate => Results.Problem(
                title: "Already received",
                detail: $"An order with Idempotency-Key '{key}' was already received; nothing was changed.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["received"] = key }),
            _ => Results.Problem(title: "Order rejected", detail: rejection!.Reason, statusCode: rejection.Status),
        };
    }

    /// <summary>
    /// A shipment someone made in BigCommerce, from the connector: signed and keyed like an order. 401 bad signature (checked
    /// before anything is parsed), 400 bad headers or body, 201 received, 409 the key was received before, or a rejection rule's status.
    /// </summary>
    private static async Task<IResult> ReceiveBigCommerceShipment(HttpContext http, BigCommerceShipmentInbox inbox, RejectionRules rules, SignatureVerifier signatures)
    {
        var (delivery, refusal) = await ReadSignedDeliveryAsync(http, signatures, "Shipments", "Invalid BigCommerce shipment",
            (json, errors) => BigCommerceShipmentValidator.Validate(json, errors), sh => sh.StoreHash, inbox.CountInvalidSignature, inbox.CountInvalidRequest);
        if (delivery is null)
        {
            return refusal!;
        }

        var (key, shipment, body) = (delivery.Key, delivery.Item, delivery.Body);
        var correlationId = http.Request.Headers[CorrelationIdHeader].ToString();
        var (outcome, rejection) = inbox.Receive(key, shipment.StoreHash, shipment.OrderId, shipment.ShipmentId, Encoding.UTF8.GetString(body),
            string.IsNullOrEmpty(correlationId) ? null : correlationId, rules);
        return outcome switch
        {
            BigCommerceShipmentInbox.Outcome.Accepted => Results.Json(new { received = key }, statusCode: StatusCodes.Status201Created),
            BigCommerceShipmentInbox.Outcome.Duplicate => Results.Problem(
                title: "Already received",
                detail: $"A shipment with Idempotency-Key '{key}' was already received; nothing was changed.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["received"] = key }),
            _ => Results.Problem(title: "Shipment rejected", detail: rejection!.Reason, statusCode: rejection.Status),
        };
    }

    /// <summary>One page of stock levels; <c>next_cursor</c> is null on the last page.</summary>
    private static IResult ReadInventory(HttpContext http, InventoryFeed feed, SignatureVerifier signatures, string? store, string? cursor, int? limit)
    {
        if (InvalidTargetSignature(http, signatures) is { } unauthorized)
        {
            return unauthorized;
        }
        if (string.IsNullOrWhiteSpace(store))
        {
            return Results.Problem(title: "Invalid request", detail: "The store query parameter is required.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (limit is < 1)
        {
            return Results.Problem(title: "Invalid request", detail: "limit must be at least 1.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (!feed.TryRead(store, cursor, Math.Min(limit ?? InventoryFeed.DefaultLimit, InventoryFeed.MaxLimit), out var page, out var pageNumber))
        {
            return Results.Problem(title: "Invalid cursor", detail: "Start again without a cursor.", statusCode: StatusCodes.Status400BadRequest);
        }
        var corruption = feed.TakeCorruption(pageNumber);
        if (corruption == FeedCorruptionKind.None)
        {
            return Results.Json(page, SnakeCase);
        }
        if (corruption == FeedCorruptionKind.FailPage)
        {
            return Results.Problem(title: "Internal error", detail: $"Page {pageNumber} failed (injected).", statusCode: StatusCodes.Status500InternalServerError);
        }
        var json = JsonSerializer.SerializeToNode(page, SnakeCase)!.AsObject();
        if (corruption == FeedCorruptionKind.MalformedPage)
        {
            var text = json.ToJsonString(SnakeCase);
            return Results.Text(text[..(text.Length / 2)], "application/json", Encoding.UTF8);
        }
        FeedCorruption.Apply(corruption, json);
        return Results.Text(json.ToJsonString(SnakeCase), "application/json", Encoding.UTF8);
    }

    /// <summary>
    /// One page of the append-only shipments log, signed like the inventory feed. <c>next_cursor</c> is
    /// never null: it is where the connector resumes on its next run, so records appended later are
    /// read from it. The corruption's page number is the cursor's offset / limit + 1.
    /// </summary>
    private static IResult ReadShipments(HttpContext http, ShipmentFeed feed, SignatureVerifier signatures, string? store, string? cursor, int? limit)
    {
        if (InvalidTargetSignature(http, signatures) is { } unauthorized)
        {
            feed.CountRead(store, ShipmentFeed.ReadOutcome.InvalidSignature);
            return unauthorized;
        }
        if (string.IsNullOrWhiteSpace(store))
        {
            feed.CountRead(store, ShipmentFeed.ReadOutcome.InvalidRequest);
            return Results.Problem(title: "Invalid request", detail: "The store query parameter is required.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (limit is < 1)
        {
            feed.CountRead(store, ShipmentFeed.ReadOutcome.InvalidRequest);
            return Results.Problem(title: "Invalid request", detail: "limit must be at least 1.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (!feed.TryRead(store, cursor, Math.Min(limit ?? ShipmentFeed.DefaultLimit, ShipmentFeed.MaxLimit), out var page, out var pageNumber))
        {
            feed.CountRead(store, ShipmentFeed.ReadOutcome.InvalidRequest);
            return Results.Problem(
                title: "Invalid cursor",
                detail: "This feed did not issue that cursor (or its log was reset since). Start again without a cursor; records are identified by id, so reading one again is safe.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var corruption = feed.TakeCorruption(pageNumber);
        if (corruption == ShipmentFeedCorruptionKind.FailPage)
        {
            feed.CountRead(store, ShipmentFeed.ReadOutcome.Failed);
            return Results.Problem(title: "Internal error", detail: $"Page {pageNumber} failed (injected).", statusCode: StatusCodes.Status500InternalServerError);
        }
        feed.CountRead(store, ShipmentFeed.ReadOutcome.Served, page.Records.Count);
        var json = page.ToJson();
        ShipmentFeedCorruption.Apply(corruption, json);
        var text = json.ToJsonString(SandboxJson.Options);
        if (corruption == ShipmentFeedCorruptionKind.MalformedPage)
        {
            text = text[..(text.Length / 2)];
        }
        return Results.Text(text, "application/json", Encoding.UTF8);
    }

    /// <summary>
    /// GET has no body to sign, so the signature covers the request target as sent
    /// (path and query, e.g. <c>/backoffice/shipments?store=abc&amp;cursor=xyz</c>).
    /// </summary>
    /// <returns>The 401 to answer, or null when the signature is right.</returns>
    internal static IResult? InvalidTargetSignature(HttpContext http, SignatureVerifier signatures)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.PathBase + http.Request.Path + http.Request.QueryString).ToString();
        if (signatures.IsValid(http.Request.Headers[SignatureVerifier.Header].ToString(), Encoding.UTF8.GetBytes(target)))
        {
            return null;
        }
        return Results.Problem(
            title: "Invalid signature",
            detail: $"{SignatureVerifier.Header} must be '{SignatureVerifier.Prefix}' followed by the lowercase hex HMAC-SHA256 of the request target ('{target}').",
            statusCode: StatusCodes.Status401Unauthorized);
    }

    internal sealed record SignedDelivery<T>(string Key, T Item, byte[] Body);

    /// <summary>
    /// What every signed POST from the connector goes through, in this order: size (413), the signature over the raw body
    /// before anything is parsed (401), the idempotency key and store headers and the body's shape (400), the body's store
    /// against the header (400). Counted as the caller's invalid signatures or requests.
    /// </summary>
    internal static async Task<(SignedDelivery<T>? Delivery, IResult? Refusal)> ReadSignedDeliveryAsync<T>(
        HttpContext http, SignatureVerifier signatures, string what, string invalidTitle, Func<JsonElement, List<string>, T?> validate,
        Func<T, string> storeOf, Action<string> countInvalidSignature, Action<string> countInvalidRequest) where T : class
    {
        var storeHeader = http.Request.Headers[StoreHashHeader].ToString();
        var body = await ReadBody(http);
        if (body is null)
        {
            return (null, Results.Problem(title: "Payload too large", detail: $"{what} are limited to {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        // Authenticate before looking at anything else in the request.
        if (!signatures.IsValid(http.Request.Headers[SignatureVerifier.Header].ToString(), body))
        {
            countInvalidSignature(storeHeader);
            return (null, Results.Problem(
                title: "Invalid signature",
                detail: $"{SignatureVerifier.Header} must be '{SignatureVerifier.Prefix}' followed by the lowercase hex HMAC-SHA256 of the raw body, keyed with the shared secret.",
                statusCode: StatusCodes.Status401Unauthorized));
        }

        var errors = new List<string>();
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        if (string.IsNullOrWhiteSpace(key))
        {
            errors.Add($"The {IdempotencyKeyHeader} header is required.");
        }
        if (string.IsNullOrWhiteSpace(storeHeader))
        {
            errors.Add($"The {StoreHashHeader} header is required.");
        }

        T? item = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            item = validate(document.RootElement, errors);
        }
        catch (JsonException e)
        {
            errors.Add($"The body is not valid JSON: {e.Message}");
        }

        if (item is not null && !string.IsNullOrWhiteSpace(storeHeader) && !string.Equals(storeOf(item), storeHeader, StringComparison.Ordinal))
        {
            errors.Add($"store_hash in the body must equal the {StoreHashHeader} header.");
        }

        if (errors.Count > 0 || item is null)
        {
            countInvalidRequest(storeHeader);
            return (null, Results.Problem(
                title: invalidTitle,
                detail: string.Join(" ", errors),
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["errors"] = errors }));
        }

        return (new SignedDelivery<T>(key, item, body), null);
    }

    /// <returns>The raw bytes, or null past the size limit.</returns>
    private static async Task<byte[]?> ReadBody(HttpContext http)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
