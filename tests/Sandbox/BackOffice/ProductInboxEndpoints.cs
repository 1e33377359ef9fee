using System.Text;

namespace Sandbox.BackOffice;

public sealed record ProductRejectionRequest(string? StoreHash, IReadOnlyList<long> ProductIds, int? Status, string? Reason);

/// <summary>
/// <c>POST /backoffice/products</c> (signed and keyed like an order: 401 bad signature, 400 bad headers or body, 201
/// received, 409 the key was received before, or a rejection rule's status) and its admin routes.
/// </summary>
public static class ProductInboxEndpoints
{
    public static async Task<IResult> ReceiveProduct(HttpContext http, ProductInbox inbox, SignatureVerifier signatures)
    {
        var (delivery, refusal) = await BackOfficeEndpoints.ReadSignedDeliveryAsync(http, signatures, "Products", "Invalid canonical product",
            (json, errors) => CanonicalProductValidator.Validate(json, errors), p => p.StoreHash, _ => { }, _ => { });
        if (delivery is null)
        {
            return refusal!;
        }

        var (key, product) = (delivery.Key, delivery.Item);
        var (outcome, rejection) = inbox.Receive(key, product.StoreHash, product.ProductId, product.Version, product.Deleted, Encoding.UTF8.GetString(delivery.Body));
        return outcome switch
        {
            ProductInbox.Outcome.Accepted => Results.Json(new { received = key }, statusCode: StatusCodes.Status201Created),
            ProductInbox.Outcome.Duplicate => Results.Problem(title: "Already received",
                detail: $"A product with Idempotency-Key '{key}' was already received; nothing was changed.", statusCode: StatusCodes.Status409Conflict),
            _ => Results.Problem(title: "Product rejected", detail: rejection!.Reason, statusCode: rejection.Status),
        };
    }

    public static IEndpointRouteBuilder MapProductInboxAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/backoffice/_admin/products", (ProductInbox inbox, string? store) => Results.Json(inbox.View(store)));
        app.MapPost("/backoffice/_admin/products/rejections", (ProductInbox inbox, ProductRejectionRequest body) =>
        {
            if (body.ProductIds is null || body.ProductIds.Count == 0 || body.Status is < 400 or > 599)
            {
                return Results.BadRequest(new Admin.AdminError("productIds must list at least one id; status must be 400–599."));
            }

            inbox.SetRule(body.StoreHash, body.ProductIds, body.Status ?? 422, body.Reason ?? "Rejected by the back office.");
            return Results.NoContent();
        });
        app.MapDelete("/backoffice/_admin/products/rejections", (ProductInbox inbox) =>
        {
            inbox.ClearRules();
            return Results.NoContent();
        });
        return app;
    }
}
