using System.Globalization;
using System.Text;
using Connector.Hosting;
using Connector.Orders;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connector.Installations;

/// <summary>
/// GET /api/bigcommerce/load: a user opens the app in the control panel. Shows the store's connection and
/// how its order flow is doing. A user BigCommerce sends here that the connector has not seen yet was
/// authorized by the store owner (users.mdx), so they are provisioned.
/// </summary>
public sealed class LoadCallbackHandler(SignedCallback callback, AppUsers users, SyncCursors cursors, OrderLedger ledger, ILogger<LoadCallbackHandler> logger)
    : IHttpRequestHandler
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await callback.VerifyAsync(request, "load", html: true, CallbackUse.Repeatable, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var (payload, installation) = caller;
        if (payload.UserId != installation.OwnerId && !await users.ExistsAsync(payload.StoreHash, payload.UserId, cancellationToken))
        {
            await users.AddAsync(payload.StoreHash, payload.UserId, isOwner: false, cancellationToken);
            logger.LogInformation("Store {StoreHash}: user {UserId} opened the app for the first time", payload.StoreHash, payload.UserId);
        }

        var cursor = await cursors.FindAsync(payload.StoreHash, SyncCursors.OrdersFlow, cancellationToken);
        var attention = await ledger.ListNeedingAttentionAsync(payload.StoreHash, 20, cancellationToken);
        return AppPages.Page("Back-office connector", StatusHtml(installation, cursor, attention));
    }

    private static string StatusHtml(InstallationRecord installation, SyncCursor? cursor, IReadOnlyList<OrderLedgerEntry> attention)
    {
        var html = new StringBuilder();
        var status = installation.Status == InstallationStatus.NeedsReauth
            ? "<span class=\"bad\">needs re-authorizing: BigCommerce refused the connector's access. Reinstall the app to restore it.</span>"
            : AppPages.Encode(installation.Status);
        html.Append(CultureInfo.InvariantCulture,
            $"<table><tr><th>Store</th><td>{AppPages.Encode(installation.PartitionKey)}</td></tr>" +
            $"<tr><th>Connection</th><td>{AppPages.Encode(installation.ConnectionMode)}, {status}</td></tr>" +
            $"<tr><th>Connected since</th><td>{installation.InstalledAt:yyyy-MM-dd HH:mm} UTC</td></tr>" +
            $"<tr><th>Last order sync</th><td>{(cursor?.LastRunAt is { } at ? $"{at:yyyy-MM-dd HH:mm:ss} UTC" : "not yet")}</td></tr>" +
            $"<tr><th>Result</th><td>{AppPages.Encode(cursor?.LastResult ?? "")}</td></tr>" +
            $"<tr><th>Orders changed up to</th><td>{(cursor?.Watermark is { } mark ? $"{mark:yyyy-MM-dd HH:mm:ss} UTC" : "")}</td></tr></table>");
        foreach (var problem in FlowScopeProblems.Of(installation))
        {
            var flow = problem.Flow.Length == 0 ? problem.Flow : char.ToUpperInvariant(problem.Flow[0]) + problem.Flow[1..];
            html.Append(CultureInfo.InvariantCulture,
                $"<p class=\"bad\">{AppPages.Encode(flow)} flow stopped since {problem.Since:yyyy-MM-dd HH:mm} UTC: BigCommerce refused it for lack of the scope {AppPages.Encode(problem.Scope)}. {AppPages.Encode(problem.Action)}</p>");
        }

        html.Append(attention.Count == 0
            ? "<p>No order needs attention.</p>"
            : "<h2>Orders needing attention</h2><table><tr><th>Order</th><th>State</th><th>Attempts</th><th>Last error</th></tr>");
        foreach (var entry in attention)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{AppPages.Encode(entry.RowKey)}</td><td>{AppPages.Encode(entry.Status)}</td><td>{entry.Attempts}</td><td>{AppPages.Encode(entry.LastError)}</td></tr>");
        }

        if (attention.Count > 0)
        {
            html.Append("</table>");
        }

        return html.ToString();
    }
}
