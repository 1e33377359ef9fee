using System.Globalization;
using Connector.Hosting;
using Connector.Operations;
using Connector.Orders;
using Connector.Storage;
using Connector.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connector.MerchantPage;

/// <summary>
/// POST /api/app/actions: the page's buttons. Retry one refused or failing order, or all of them (each is read again
/// from BigCommerce and sent, its refused version no longer counting as done); put this store's failed (poison) messages
/// back to work; resync orders from a date; push all stock again. Each is recorded in the audit trail. Only the
/// session's own store is ever touched: ids come from the form, the store from the verified session.
/// </summary>
public sealed class PageActionsHandler(
    PageAccess access, StorePageRenderer renderer, StorePageBuilder builder, OrderLedger ledger, WorkQueue queue, PoisonQueues poison,
    StoreSettings settings, AuditTrail audit, TimeProvider clock, ILogger<PageActionsHandler> logger) : IHttpRequestHandler
{
    /// <summary>"Retry all" works through at most this many orders per press; the page says when more are left.</summary>
    public const int RetryAllLimit = 500;

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await access.AuthorizeAsync(request, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var storeHash = caller.Session.StoreHash;
        var action = caller.Form["action"].ToString();
        switch (action)
        {
            case PageActions.RetryOrder:
                var orderText = caller.Form["order"].ToString();
                if (!PageHandler.OrderRowKey().IsMatch(orderText) || !long.TryParse(orderText, NumberStyles.None, CultureInfo.InvariantCulture, out var orderId))
                {
                    return await renderer.RenderAsync(caller, PageSections.Status, cancellationToken, "That is not an order number.", true, status: StatusCodes.Status400BadRequest);
                }

                if (!await RetryAsync(storeHash, orderId, caller, cancellationToken))
                {
                    return await renderer.RenderAsync(caller, PageSections.Status, cancellationToken, $"Order {orderId} does not need a retry.", true);
                }

                await audit.RecordAsync(storeHash, caller.Session.Actor, [$"Retried order {orderId}"], cancellationToken);
                return await renderer.RenderAsync(caller, PageSections.Status, cancellationToken,
                    $"Order {orderId} is queued again: it will be read from BigCommerce and sent to the back office shortly.");

            case PageActions.RetryAllOrders:
                var (retried, more) = await RetryAllAsync(storeHash, caller, cancellationToken);
                await audit.RecordAsync(storeHash, caller.Session.Actor, [$"Retried {retried} order(s) needing attention"], cancellationToken);
                return await renderer.RenderAsync(caller, PageSections.Status, cancellationToken,
                    $"{retried} order(s) queued again." + (more ? " More remain: press again once these are through." : ""));

            case PageActions.RequeuePoison:
                var requeued = 0;
                foreach (var name in QueueNames.All)
                {
                    requeued += (await poison.RequeueAsync(name, storeHash, cancellationToken)).Requeued;
                }

                await audit.RecordAsync(storeHash, caller.Session.Actor, [$"Put {requeued} failed message(s) back to work"], cancellationToken);
                logger.LogInformation("Store {StoreHash}: {Actor} requeued {Requeued} poison message(s) from the app's page", storeHash, caller.Session.Actor, requeued);
                return await renderer.RenderAsync(caller, PageSections.Status, cancellationToken, $"{requeued} failed message(s) put back to work.");

            case PageActions.ResyncOrders:
                var (from, error) = SettingsForm.ReadResyncFrom(caller.Form, clock.GetUtcNow());
                if (from is null)
                {
                    var form = await builder.SettingsFormAsync(storeHash, cancellationToken) with
                    {
                        ResyncOrdersFrom = caller.Form[SettingsFields.ResyncOrdersFrom].ToString() is { Length: <= SettingsFields.MaxFieldLength } typed ? typed : "",
                        Errors = new Dictionary<string, string> { [SettingsFields.ResyncOrdersFrom] = error! },
                    };
                    return await renderer.RenderAsync(caller, PageSections.Settings, cancellationToken, "Nothing was changed: fix the field marked below.", true,
                        form: form, status: StatusCodes.Status422UnprocessableEntity);
                }

                await settings.ChangeAsync(storeHash, o => o with { ResyncFrom = from }, i => i, cancellationToken);
                await audit.RecordAsync(storeHash, caller.Session.Actor, [$"Asked to resync orders changed since {from:yyyy-MM-dd}"], cancellationToken);
                return await renderer.RenderAsync(caller, PageSections.Settings, cancellationToken,
                    $"The next order poll reads every order changed since {from:yyyy-MM-dd} again.");

            case PageActions.PushAllStock:
                await settings.ChangeAsync(storeHash, o => o, i => i with { ResyncRequestedAt = clock.GetUtcNow() }, cancellationToken);
                await audit.RecordAsync(storeHash, caller.Session.Actor, ["Asked to push all stock levels again"], cancellationToken);
                return await renderer.RenderAsync(caller, PageSections.Settings, cancellationToken, "The next stock push sends every SKU's level again.");

            default:
                return await renderer.RenderAsync(caller, PageSections.Status, cancellationToken, "Unknown action.", true, status: StatusCodes.Status400BadRequest);
        }
    }

    private async Task<bool> RetryAsync(string storeHash, long orderId, PageCaller caller, CancellationToken cancellationToken)
    {
        if (!await ledger.ReopenForRetryAsync(storeHash, orderId, cancellationToken))
        {
            return false;
        }

        // A message of its own, without a version: the handler reads the order as it is now and sends it unless the back
        // office already has that version.
        var correlationId = "retry-" + Guid.NewGuid().ToString("N");
        await queue.SendAsync(QueueNames.Orders, new OrderMessage(storeHash, orderId, null, OrderSources.Retry, correlationId), cancellationToken);
        logger.LogInformation("Store {StoreHash}: order {OrderId} queued again by {Actor} from the app's page (correlation {CorrelationId})",
            storeHash, orderId, caller.Session.Actor, correlationId);
        return true;
    }

    private async Task<(int Retried, bool More)> RetryAllAsync(string storeHash, PageCaller caller, CancellationToken cancellationToken)
    {
        var retried = 0;
        long? after = null;
        while (retried < RetryAllLimit)
        {
            var (page, next) = await ledger.ListNeedingAttentionPageAsync(storeHash, after, 100, cancellationToken);
            foreach (var entry in page.Where(e => e.Status != OrderLedgerStatus.WaitingForStore))
            {
                if (long.TryParse(entry.RowKey, NumberStyles.None, CultureInfo.InvariantCulture, out var orderId) && await RetryAsync(storeHash, orderId, caller, cancellationToken))
                {
                    retried++;
                }
            }

            if (next is null)
            {
                return (retried, false);
            }

            after = next;
        }

        return (retried, true);
    }
}
