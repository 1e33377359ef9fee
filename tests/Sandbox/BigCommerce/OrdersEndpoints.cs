using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sandbox.BigCommerce;

/// <summary>
/// The V2 Orders API under <c>/stores/{store_hash}/v2</c>, shaped as orders.v2.oas2.yml says.
/// An empty page answers 204 with no body, as V2 does.
/// </summary>
public static class OrdersEndpoints
{
    public static IEndpointRouteBuilder MapBigCommerceOrders(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/stores/{storeHash}/v2");

        v2.MapGet("/orders", ListOrders).StoreApi(StoreEndpoints.ListOrders);
        v2.MapGet("/orders/{id:long}", GetOrder).StoreApi(StoreEndpoints.GetOrder);
        v2.MapPut("/orders/{id:long}", UpdateOrder).StoreApi(StoreEndpoints.UpdateOrder);
        v2.MapGet("/orders/{id:long}/products", ListProducts).StoreApi(StoreEndpoints.ListOrderProducts);
        // The path in the spec is shipping_addresses; the resource links it hands out say shippingaddresses. Serve both.
        v2.MapGet("/orders/{id:long}/shipping_addresses", ListShippingAddresses).StoreApi(StoreEndpoints.ListShippingAddresses);
        v2.MapGet("/orders/{id:long}/shippingaddresses", ListShippingAddresses).StoreApi(StoreEndpoints.ListShippingAddresses);
        v2.MapGet("/order_statuses", ListStatuses).StoreApi(StoreEndpoints.ListOrderStatuses);

        return app;
    }

    public static string ApiBase(HttpRequest request, string storeHash) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/stores/{storeHash}/v2";

    private static IResult ListOrders(HttpContext http)
    {
        var store = StoreApiFilter.CurrentStore(http);
        if (!OrderQuery.TryParse(http.Request.Query, out var query, out var error))
        {
            return BigCommerceErrors.BadRequest(error);
        }

        var page = store.Query(query);
        if (page.Count == 0)
        {
            return Results.NoContent();
        }

        var apiBase = ApiBase(http.Request, store.Hash);
        var json = new JsonArray();
        foreach (var order in page)
        {
            json.Add(OrderJson.Order(order, apiBase, query.Include));
        }
        return Json(json);
    }

    private static IResult GetOrder(HttpContext http, long id)
    {
        var store = StoreApiFilter.CurrentStore(http);
        if (store.Find(id) is not { } order)
        {
            return BigCommerceErrors.NotFound();
        }

        var corruption = store.CorruptionOf(id);
        if (corruption == OrderCorruption.Html)
        {
            return Results.Content("<html><body>Service Unavailable</body></html>", "text/html", statusCode: StatusCodes.Status200OK);
        }

        var json = OrderJson.Order(order, ApiBase(http.Request, store.Hash), OrderQuery.ParseInclude(http.Request.Query));
        switch (corruption)
        {
            case OrderCorruption.MissingFields:
                json.Remove("id");
                json.Remove("date_modified");
                break;
            case OrderCorruption.WrongTypes:
                json["id"] = "abc";
                json["date_modified"] = 123;
                break;
        }
        return Json(json);
    }

    private static IResult ListProducts(HttpContext http, long id)
    {
        var store = StoreApiFilter.CurrentStore(http);
        if (store.Find(id) is not { } order)
        {
            return BigCommerceErrors.NotFound();
        }

        var error = "";
        if (!OrderQuery.TryPaging(http.Request.Query, out var page, out var limit, ref error))
        {
            return BigCommerceErrors.BadRequest(error);
        }

        var lines = order.Lines.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * limit)).Take(limit).ToList();
        if (lines.Count == 0)
        {
            return Results.NoContent();
        }
        return Json(new JsonArray(lines.Select(l => (JsonNode)OrderJson.Product(order, l)).ToArray()));
    }

    private static IResult ListShippingAddresses(HttpContext http, long id)
    {
        var store = StoreApiFilter.CurrentStore(http);
        if (store.Find(id) is not { } order)
        {
            return BigCommerceErrors.NotFound();
        }

        var error = "";
        if (!OrderQuery.TryPaging(http.Request.Query, out var page, out _, ref error))
        {
            return BigCommerceErrors.BadRequest(error);
        }
        // Sandbox orders ship to one address, so only page 1 has anything.
        return page > 1
            ? Results.NoContent()
            : Json(new JsonArray(OrderJson.ShippingAddress(order, ApiBase(http.Request, store.Hash))));
    }

    private static IResult ListStatuses() =>
        Json(new JsonArray(OrderStatuses.All.Select(s => (JsonNode)new JsonObject
        {
            ["id"] = s.Id,
            ["name"] = s.Name,
            ["system_label"] = s.Name,
            ["custom_label"] = s.Name,
            ["system_description"] = s.Description,
            ["order"] = s.Order,
        }).ToArray()));

    /// <summary>
    /// Supports the fields an integration plausibly writes back: status_id, staff_notes,
    /// customer_message, external_order_id. Anything else is refused explicitly rather than
    /// silently ignored, so a connector relying on it finds out here and not in production.
    /// </summary>
    private static async Task<IResult> UpdateOrder(HttpContext http, long id)
    {
        var store = StoreApiFilter.CurrentStore(http);
        if (store.Find(id) is null)
        {
            return BigCommerceErrors.NotFound();
        }

        var (body, refusal) = await JsonRequestBody.ReadObjectAsync(http);
        if (body is null)
        {
            return refusal!;
        }

        string[] supported = ["status_id", "staff_notes", "customer_message", "external_order_id"];
        var unsupported = body.Select(p => p.Key).Where(k => !supported.Contains(k, StringComparer.Ordinal)).ToList();
        if (unsupported.Count > 0)
        {
            return BigCommerceErrors.BadRequest($"The sandbox can't update: {string.Join(", ", unsupported)}. Supported: {string.Join(", ", supported)}.");
        }
        if (body.Count == 0)
        {
            return BigCommerceErrors.BadRequest("Nothing to update.");
        }

        int? statusId = null;
        if (body["status_id"] is { } statusNode)
        {
            if (statusNode.GetValueKind() != JsonValueKind.Number || !statusNode.AsValue().TryGetValue<int>(out var s) || !OrderStatuses.IsKnown(s))
            {
                return BigCommerceErrors.BadRequest("The field 'status_id' is invalid. Use an id from GET /v2/order_statuses (0-14).");
            }
            statusId = s;
        }
        if (!TryOptionalString(body, "staff_notes", out var staffNotes) ||
            !TryOptionalString(body, "customer_message", out var customerMessage) ||
            !TryOptionalString(body, "external_order_id", out var externalOrderId))
        {
            return BigCommerceErrors.BadRequest("staff_notes, customer_message and external_order_id must be strings.");
        }

        var change = store.Change(id, o => o with
        {
            StatusId = statusId ?? o.StatusId,
            StaffNotes = body.ContainsKey("staff_notes") ? staffNotes ?? "" : o.StaffNotes,
            CustomerMessage = body.ContainsKey("customer_message") ? customerMessage ?? "" : o.CustomerMessage,
            ExternalOrderId = body.ContainsKey("external_order_id") ? externalOrderId : o.ExternalOrderId,
        });
        if (change is not { } c)
        {
            return BigCommerceErrors.NotFound();
        }
        http.RequestServices.GetRequiredService<Webhooks.OrderWebhooks>().Changed(store, c.Previous, c.Updated);
        return Json(OrderJson.Order(c.Updated, ApiBase(http.Request, store.Hash), ConsignmentInclude.None));
    }

    private static bool TryOptionalString(JsonObject body, string name, out string? value)
    {
        value = null;
        var node = body[name];
        if (node is null)
        {
            return true;
        }
        if (node.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }
        value = node.GetValue<string>();
        return true;
    }

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(SandboxJson.Options), "application/json", System.Text.Encoding.UTF8);
}
