using System.Text;
using System.Text.Json.Nodes;
using Sandbox.BackOffice;

namespace Sandbox.Admin;

/// <param name="Records">Raw JSON objects, appended as they are (<c>{sku, changed_at, price?, …}</c>; anything goes, for bad-input tests).</param>
public sealed record AppendCatalogChangesRequest(IReadOnlyList<JsonNode?>? Records);

/// <param name="Kind">none, bad-signature, fail-page or malformed-page.</param>
public sealed record CatalogFeedCorruptionRequest(string? Kind, int? Page, int? Remaining);

/// <summary>The back office's catalog changes under <c>/_admin/backoffice</c>: append records, corrupt a page, read counts, push. Never faulted.</summary>
public static class CatalogChangeFeedAdminEndpoints
{
    public static IEndpointRouteBuilder MapCatalogChangeFeedAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_admin/backoffice");
        admin.MapPost("/stores/{hash}/catalog-changes", (CatalogChangeFeed feed, string hash, AppendCatalogChangesRequest body) =>
        {
            if (body.Records is null || body.Records.Any(r => r is not JsonObject))
            {
                return Results.BadRequest(new AdminError("records is required: an array of JSON objects."));
            }

            var (appended, total) = feed.Append(hash, [.. body.Records.Cast<JsonObject>()]);
            return Results.Ok(new { appended, total });
        });
        admin.MapGet("/stores/{hash}/catalog-changes", (CatalogChangeFeed feed, string hash) =>
            Results.Text(new JsonArray([.. feed.Records(hash)]).ToJsonString(SandboxJson.Options), "application/json", Encoding.UTF8));
        admin.MapPut("/catalog-changes/corruption", (CatalogChangeFeed feed, CatalogFeedCorruptionRequest body) =>
        {
            if (!CatalogFeedCorruption.TryParseKind(body.Kind, out var kind) || body.Page is < 1 || body.Remaining is < 1)
            {
                return Results.BadRequest(new AdminError($"kind must be {CatalogFeedCorruption.Kinds}; page and remaining at least 1."));
            }

            feed.Corruption = new CatalogFeedCorruption(kind, body.Page ?? 1, body.Remaining);
            return Results.Ok(new { kind = body.Kind, page = body.Page ?? 1, remaining = body.Remaining });
        });
        admin.MapDelete("/catalog-changes/corruption", (CatalogChangeFeed feed) =>
        {
            feed.Corruption = null;
            return Results.NoContent();
        });
        admin.MapGet("/catalog-changes/stats", (CatalogChangeFeed feed) => Results.Ok(feed.Snapshot()));
        // The back office POSTing catalog-change records (each with its store_hash) to a connector's push endpoint.
        admin.MapPost("/catalog-changes/push", (BackOfficePusher pusher, PushRecordsRequest body, CancellationToken cancellationToken) =>
            PushAdmin.HandleAsync(pusher, body, answered: null, cancellationToken));
        return app;
    }
}
