using System.Text;
using System.Text.Json.Nodes;
using Sandbox.BackOffice;

namespace Sandbox.Admin;

/// <summary>
/// The back office's shipments and cancellations under <c>/_admin/backoffice</c>: its feed's log,
/// corruption and read counts, and the back office pushing records to a connector. Never faulted.
/// </summary>
public static class BackOfficeShipmentAdminEndpoints
{
    public static IEndpointRouteBuilder MapBackOfficeShipmentAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_admin/backoffice");

        admin.MapPost("/stores/{hash}/shipments", (ShipmentFeed feed, string hash, AppendShipmentsRequest body) =>
        {
            if (body.Records is null)
            {
                return Results.BadRequest(new AdminError("records is required: an array of JSON objects."));
            }
            var notObjects = body.Records.Select((r, i) => (r, i)).Where(x => x.r is not JsonObject).Select(x => $"records[{x.i}] is not a JSON object.").ToList();
            if (notObjects.Count > 0)
            {
                return Results.BadRequest(new AdminError("Every record must be a JSON object (its fields may be anything).", notObjects));
            }
            var (appended, total) = feed.Append(hash, [.. body.Records.Cast<JsonObject>()]);
            return Results.Ok(new { appended, total });
        });

        admin.MapGet("/stores/{hash}/shipments", (ShipmentFeed feed, string hash) =>
            Results.Text(new JsonArray([.. feed.Records(hash)]).ToJsonString(SandboxJson.Options), "application/json", Encoding.UTF8));

        admin.MapGet("/shipments/corruption", (ShipmentFeed feed) => Results.Ok(CorruptionView(feed.Corruption)));
        admin.MapPut("/shipments/corruption", (ShipmentFeed feed, ShipmentCorruptionRequest body) =>
        {
            if (!ShipmentFeedCorruption.TryParseKind(body.Kind, out var kind) || body.Page is < 1 || body.Remaining is < 1)
            {
                return Results.BadRequest(new AdminError($"kind must be {ShipmentFeedCorruption.Kinds}; page and remaining at least 1."));
            }
            feed.Corruption = new ShipmentFeedCorruption(kind, body.Page ?? 1, body.Remaining);
            return Results.Ok(CorruptionView(feed.Corruption));
        });
        admin.MapDelete("/shipments/corruption", (ShipmentFeed feed) =>
        {
            feed.Corruption = null;
            return Results.NoContent();
        });

        admin.MapGet("/shipments/stats", (ShipmentFeed feed, string? store) => Results.Ok(feed.Snapshot(store)));

        admin.MapPost("/shipments/push", Push);
        return app;
    }

    /// <summary>The back office POSTing its shipment records to a connector: see <see cref="PushAdmin"/>.</summary>
    private static async Task<IResult> Push(BackOfficePusher pusher, ShipmentFeed feed, PushRecordsRequest body, CancellationToken cancellationToken) =>
        await PushAdmin.HandleAsync(pusher, body, answered => feed.CountPush(answered), cancellationToken);

    private static object CorruptionView(ShipmentFeedCorruption? c) =>
        new { kind = ShipmentFeedCorruption.Name(c?.Kind ?? ShipmentFeedCorruptionKind.None), page = c?.Page, remaining = c?.Remaining };
}
