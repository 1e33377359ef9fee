using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Catalog;

/// <summary>Who made a product version: the merchant (the control panel, here the admin API) or a client of the store's API (the connector).</summary>
public static class ProductOrigin
{
    public const string ControlPanel = "control-panel";
    public const string Api = "api";
}

/// <summary>One field of one SKU an API request set, its value as text (numbers without trailing zeros).</summary>
public sealed record CatalogFieldWrite(string Sku, string Field, string Value)
{
    public static string Text(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Number => value.GetValue<decimal>().ToString("0.##########", CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.String => value.GetValue<string>(),
        _ => value?.ToJsonString() ?? "",
    };
}

/// <summary>
/// One API write request: what it set, and whether its answer reached the client (false once the request was aborted: a
/// lost response injected: known before the write, as the request's abort may be signalled after it completes; or the
/// client gone), so a soak can tell a write the client knew landed from one it had to retry.
/// </summary>
public sealed class ApiCatalogWrite(IReadOnlyList<CatalogFieldWrite> writes)
{
    private volatile bool _answered = true;

    public IReadOnlyList<CatalogFieldWrite> Writes { get; } = writes;

    public bool Answered => _answered;

    public void MarkUnanswered() => _answered = false;

    /// <summary>Marks the write unanswered when the request is aborted before its answer is complete.</summary>
    public void Watch(HttpContext http)
    {
        if (http.Items.ContainsKey(Faults.FaultInjector.LostResponseItem))
        {
            MarkUnanswered();
        }

        var registration = http.RequestAborted.Register(MarkUnanswered);
        http.Response.OnCompleted(() =>
        {
            registration.Dispose();
            return Task.CompletedTask;
        });
    }
}

/// <summary>One version of one product as the sandbox made it: when, by whom, what the product then was, what an API write set.</summary>
public sealed record ProductVersionRecord(long ProductId, DateTimeOffset Version, string Origin, bool Deleted, SandboxProduct? Product, ApiCatalogWrite? Write)
{
    public JsonObject ToJson() => new()
    {
        ["productId"] = ProductId,
        ["version"] = Version,
        ["origin"] = Origin,
        ["deleted"] = Deleted,
        ["name"] = Product?.Name,
        ["price"] = Product?.Price,
        ["isVisible"] = Product?.IsVisible,
        ["answered"] = Write?.Answered ?? true,
        ["writes"] = new JsonArray([.. (Write?.Writes ?? []).Where(w => Product is null || Owns(Product, w.Sku))
            .Select(w => (JsonNode)new JsonObject { ["sku"] = w.Sku, ["field"] = w.Field, ["value"] = w.Value })]),
    };

    private static bool Owns(SandboxProduct product, string sku) =>
        string.Equals(product.Sku, sku, StringComparison.OrdinalIgnoreCase) || product.Variants.Any(v => string.Equals(v.Sku, sku, StringComparison.OrdinalIgnoreCase));
}
