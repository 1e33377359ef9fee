using System.Text.Json;
using Connector.BigCommerce;
using Connector.Orders;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.Shipments;

/// <summary>
/// Writes one back-office shipment to BigCommerce, exactly once. BigCommerce has no idempotency key for shipments, so
/// the record's row says <c>writing</c> before the POST; an attempt that finds it so (a timeout, a lost answer, a worker
/// that died after the POST) looks for the shipment on the order before posting again. Runs under the order's lock.
/// </summary>
public sealed class ShipmentWriter(
    BigCommerceOrdersClient orders,
    BigCommerceShipmentsClient bigCommerce,
    FulfilmentLedger ledger,
    OrderLedger orderLedger,
    StoreSettings settings,
    TimeProvider clock,
    ILogger<ShipmentWriter> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task WriteAsync(BackOfficeShipment shipment, FulfilmentEntry? existing, OrderShippingEntry order, long attempt, CancellationToken cancellationToken)
    {
        var record = new FulfilmentRecord(shipment, null);
        var storeHash = shipment.StoreHash;
        var options = await settings.GetShipmentSettingsAsync(storeHash, cancellationToken);
        if (!options.Enabled)
        {
            await RefuseAsync(record, "shipments are off for this store", cancellationToken);
            return;
        }

        try
        {
            if (existing?.State == FulfilmentState.Writing && await FindWrittenAsync(shipment, existing, cancellationToken) is { } found)
            {
                await RecordCreatedAsync(record, found, "found on the order after an earlier attempt's outcome was lost", cancellationToken);
                return;
            }

            // What the connector holds of the order first (no read); what BigCommerce says now when the held facts refuse
            // the shipment, or BigCommerce refuses what they planned: held facts may be behind, a refusal must not be.
            // An order the back office asked to cancel is always read: whether that cancellation went through decides.
            var held = order.CancellationId is null ? (await orderLedger.FindAsync(storeHash, shipment.OrderId, cancellationToken))?.CurrentHeldFacts() : null;
            for (var fresh = held is null; ; fresh = true)
            {
                var facts = fresh ? await ReadOrderAsync(storeHash, shipment.OrderId, cancellationToken) : OrderFacts.From(shipment.OrderId, held!);
                if (facts is null)
                {
                    await RefuseAsync(record, $"BigCommerce has no order {shipment.OrderId}", cancellationToken);
                    return;
                }

                var (plan, refusal) = ShipmentPlan.Decide(facts, shipment.Items);
                if (plan is null && fresh)
                {
                    await RefuseAsync(record, refusal!, cancellationToken);
                    return;
                }

                if (plan is not null && await PostAsync(record, plan, options, order, refuseForGood: fresh, cancellationToken))
                {
                    return;
                }

                logger.LogInformation("Shipment {BackOfficeId} of order {OrderId}: the held order facts did not fit; reading the order", shipment.Id, shipment.OrderId);
            }
        }
        catch (BigCommerceApiException ex) when (ex.IsTransient && ex is not StoreUnauthorizedException)
        {
            await ledger.RecordFailureAsync(storeHash, record, ex.Message, clock.GetUtcNow(), cancellationToken);
            logger.LogWarning(ex, "Shipment {BackOfficeId} of order {OrderId}, store {StoreHash}: BigCommerce failed (attempt {Attempt}); retried",
                shipment.Id, shipment.OrderId, storeHash, attempt);
            throw;
        }
    }

    /// <param name="refuseForGood">False when the plan came from held facts: a refusal then is not recorded, the caller reads the order.</param>
    /// <returns>False when BigCommerce refused and <paramref name="refuseForGood"/> is false: nothing was stored, try with fresh facts.</returns>
    private async Task<bool> PostAsync(
        FulfilmentRecord record, PlannedShipment plan, ShipmentSettings options, OrderShippingEntry order, bool refuseForGood, CancellationToken cancellationToken)
    {
        var shipment = record.Shipment!;
        var storeHash = shipment.StoreHash;
        var carrier = CarrierMapping.Map(shipment.Carrier, shipment.ShippingMethod, options.CarrierMap);
        var request = new V2ShipmentRequest
        {
            OrderAddressId = plan.OrderAddressId,
            Items = plan.Lines.Select(l => new V2ShipmentItem { OrderProductId = l.OrderProductId, Quantity = l.Quantity }).ToList(),
            TrackingNumber = shipment.TrackingNumber ?? "",
            ShippingProvider = carrier.ShippingProvider,
            TrackingCarrier = carrier.TrackingCarrier,
            TrackingLink = shipment.TrackingLink,
            ShippingMethod = carrier.ShippingMethod,
            Comments = shipment.Comments,
        };

        var startedAt = clock.GetUtcNow();
        // First: a crash after it leaves the order naming a shipment that never began, which costs nothing.
        await ledger.RecordShipmentStartedAsync(storeHash, shipment.OrderId, record.Id, cancellationToken);
        await ledger.MoveAsync(storeHash, record, FulfilmentState.Writing, e =>
        {
            e.TrackingNumber = shipment.TrackingNumber;
            e.PostedLines = JsonSerializer.Serialize(plan.Lines, Json);
            e.WriteStartedAt ??= startedAt;
            e.Attempts++;
        }, startedAt, cancellationToken);
        await orderLedger.UpdateAsync(storeHash, shipment.OrderId, e =>
        {
            e.OwnWriteFrom = startedAt;
            e.OwnWriteUntil = null;
        }, cancellationToken);

        V2Shipment? created;
        try
        {
            created = await bigCommerce.CreateAsync(storeHash, shipment.OrderId, request, cancellationToken);
        }
        catch (BigCommerceApiException ex) when (!ex.IsTransient && ex is not (StoreUnauthorizedException or StoreScopeMissingException))
        {
            // A refusal (400: more than remains, an address): BigCommerce stored nothing, and the same request would be refused again.
            await EndOwnWriteAsync(storeHash, shipment.OrderId, null, cancellationToken);
            if (!refuseForGood)
            {
                return false;
            }

            await RefuseAsync(record, $"BigCommerce refused the shipment: {ex.Message}", cancellationToken);
            return true;
        }

        await EndOwnWriteAsync(storeHash, shipment.OrderId, created is null ? null : plan, cancellationToken);
        if (created is null)
        {
            await RefuseAsync(record, $"BigCommerce has no order {shipment.OrderId}", cancellationToken);
            return true;
        }

        await RecordCreatedAsync(record, created, "created", cancellationToken);
        return true;
    }

    /// <summary>The order's shipments made since this record's write began that carry its tracking number and exactly its lines.</summary>
    private async Task<V2Shipment?> FindWrittenAsync(BackOfficeShipment shipment, FulfilmentEntry entry, CancellationToken cancellationToken)
    {
        var lines = entry.PostedLines is { } json ? JsonSerializer.Deserialize<List<PlannedLine>>(json, Json) ?? [] : [];
        var onOrder = await bigCommerce.ListAsync(shipment.StoreHash, shipment.OrderId, cancellationToken) ?? [];
        return ShipmentMatching.FindOurs(onOrder, entry.TrackingNumber, lines, entry.WriteStartedAt);
    }

    private async Task<OrderFacts?> ReadOrderAsync(string storeHash, long orderId, CancellationToken cancellationToken)
    {
        var order = await orders.GetOrderAsync(storeHash, orderId, cancellationToken);
        if (order is null)
        {
            return null;
        }

        // The same rule as delivering it: the embedded lines, unless V2 may have left some out.
        return CanonicalOrderMapper.NeedsFullLineItems(order, CanonicalOrderMapper.EmbeddedLines(order))
            ? OrderFacts.From(order, await orders.ListOrderProductsAsync(storeHash, orderId, cancellationToken))
            : OrderFacts.From(order);
    }

    /// <summary>Ends the write's window; a shipment made adds its quantities to the held facts, so the next parcel needs no read either.</summary>
    private Task EndOwnWriteAsync(string storeHash, long orderId, PlannedShipment? shipped, CancellationToken cancellationToken) =>
        orderLedger.UpdateAsync(storeHash, orderId, e =>
        {
            e.OwnWriteUntil = clock.GetUtcNow();
            // Unless the order's read of the version this shipment made came first: its facts have the quantities already.
            var readAlready = e.OwnWriteModifiedAt >= e.OwnWriteFrom - OrderLedgerEntry.OwnWriteMargin;
            if (shipped is not null && !readAlready && HeldOrderFacts.FromJson(e.HeldFacts) is { } held)
            {
                e.HeldFacts = held.WithShipped(shipped.Lines.ToDictionary(l => l.OrderProductId, l => l.Quantity)).ToJson();
            }
        }, cancellationToken);

    private async Task RecordCreatedAsync(FulfilmentRecord record, V2Shipment created, string how, CancellationToken cancellationToken)
    {
        await ledger.MoveAsync(record.StoreHash, record, FulfilmentState.Done, e =>
        {
            e.BigCommerceShipmentId = created.Id;
            e.LastError = null;
        }, clock.GetUtcNow(), cancellationToken);
        logger.LogInformation("Shipment {BackOfficeId} of order {OrderId}, store {StoreHash}: BigCommerce shipment {ShipmentId} {How}",
            record.Id, record.OrderId, record.StoreHash, created.Id, how);
    }

    private async Task RefuseAsync(FulfilmentRecord record, string reason, CancellationToken cancellationToken)
    {
        await ledger.RefuseAsync(record, reason, clock.GetUtcNow(), cancellationToken);
        logger.LogWarning("Shipment {BackOfficeId} of order {OrderId}, store {StoreHash} refused: {Reason}", record.Id, record.OrderId, record.StoreHash, reason);
    }
}
