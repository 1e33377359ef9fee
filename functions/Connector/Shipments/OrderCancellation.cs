using Connector.BigCommerce;
using Connector.Orders;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.Shipments;

/// <summary>
/// Cancels an order in BigCommerce for the back office (<c>PUT /v2/orders/{id}</c>, status Cancelled), only when the
/// store allows it and nothing of the order has shipped, by the connector or anyone: an order shipped in part is not
/// cancelled, and the reason is recorded for the merchant. Runs under the order's lock, so no shipment of the connector
/// crosses it; the order is read just before, so a shipment made elsewhere is seen.
/// </summary>
public sealed class OrderCancellation(
    BigCommerceOrdersClient orders,
    FulfilmentLedger ledger,
    OrderLedger orderLedger,
    StoreSettings settings,
    TimeProvider clock,
    ILogger<OrderCancellation> logger)
{
    public async Task WriteAsync(BackOfficeCancellation cancellation, FulfilmentEntry? existing, OrderShippingEntry order, CancellationToken cancellationToken)
    {
        var record = new FulfilmentRecord(null, cancellation);
        var storeHash = cancellation.StoreHash;
        var options = await settings.GetShipmentSettingsAsync(storeHash, cancellationToken);
        if (!options.CancellationsAllowed)
        {
            await RefuseAsync(record, "cancelling orders is off for this store (setting: cancellations allowed)", cancellationToken);
            return;
        }

        if (order.ShipmentsStarted > 0)
        {
            await RefuseAsync(record, $"order {cancellation.OrderId} has shipments from the back office; an order shipped in part is not cancelled", cancellationToken);
            return;
        }

        try
        {
            var current = await orders.GetOrderAsync(storeHash, cancellation.OrderId, cancellationToken);
            if (current is null)
            {
                await RefuseAsync(record, $"BigCommerce has no order {cancellation.OrderId}", cancellationToken);
                return;
            }

            var facts = OrderFacts.From(current);
            if (facts.StatusId == OrderFacts.CancelledStatus)
            {
                await RecordDoneAsync(record, existing?.State == FulfilmentState.Writing ? "cancelled (the earlier attempt's answer was lost)" : "was cancelled already", cancellationToken);
                return;
            }

            if (facts.IsDeleted)
            {
                await RefuseAsync(record, $"order {cancellation.OrderId} is deleted (archived) in BigCommerce", cancellationToken);
                return;
            }

            if (facts.AnythingShipped)
            {
                await RefuseAsync(record, $"order {cancellation.OrderId} has already shipped in part in BigCommerce; not cancelled", cancellationToken);
                return;
            }

            await ledger.MoveAsync(storeHash, record, FulfilmentState.Writing, e =>
            {
                e.WriteStartedAt ??= clock.GetUtcNow();
                e.Attempts++;
            }, clock.GetUtcNow(), cancellationToken);
            await ledger.UpdateOrderAsync(storeHash, cancellation.OrderId, o => o.CancellationId = cancellation.Id, cancellationToken);

            V2Order updated;
            try
            {
                updated = await orders.UpdateOrderStatusAsync(storeHash, cancellation.OrderId, OrderFacts.CancelledStatus, cancellationToken);
            }
            catch (BigCommerceApiException ex) when (!ex.IsTransient && ex is not (StoreUnauthorizedException or StoreScopeMissingException))
            {
                await RefuseAsync(record, $"BigCommerce refused to cancel the order: {ex.Message}", cancellationToken);
                return;
            }

            // The back office cancelled it: the version this made is its own doing (unless the store asks for such updates).
            var orderSettings = await settings.GetOrderSettingsAsync(storeHash, cancellationToken);
            await orderLedger.UpdateAsync(storeHash, cancellation.OrderId, e =>
            {
                if (!orderSettings.SendOwnShipmentUpdates && updated.DateModified is { } version && (e.OwnWriteModifiedAt is null || version > e.OwnWriteModifiedAt))
                {
                    e.OwnWriteModifiedAt = version;
                }

                // What the connector holds of the order must say cancelled from now on, whoever reads it next.
                if (HeldOrderFacts.FromJson(e.HeldFacts) is { } held)
                {
                    e.HeldFacts = (held with { StatusId = OrderFacts.CancelledStatus }).ToJson();
                }
            }, cancellationToken);

            await RecordDoneAsync(record, "cancelled", cancellationToken);
        }
        catch (BigCommerceApiException ex) when (ex.IsTransient)
        {
            await ledger.RecordFailureAsync(storeHash, record, ex.Message, clock.GetUtcNow(), cancellationToken);
            throw;
        }
    }

    private async Task RecordDoneAsync(FulfilmentRecord record, string how, CancellationToken cancellationToken)
    {
        await ledger.MoveAsync(record.StoreHash, record, FulfilmentState.Done, e => e.LastError = null, clock.GetUtcNow(), cancellationToken);
        logger.LogInformation("Cancellation {BackOfficeId} of order {OrderId}, store {StoreHash}: {How}", record.Id, record.OrderId, record.StoreHash, how);
    }

    private async Task RefuseAsync(FulfilmentRecord record, string reason, CancellationToken cancellationToken)
    {
        await ledger.RefuseAsync(record, reason, clock.GetUtcNow(), cancellationToken);
        logger.LogWarning("Cancellation {BackOfficeId} of order {OrderId}, store {StoreHash} refused: {Reason}", record.Id, record.OrderId, record.StoreHash, reason);
    }
}
