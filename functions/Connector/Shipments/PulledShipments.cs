using System.Globalization;
using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.Shipments;

/// <summary>
/// What became of each shipment made in BigCommerce: rows <c>bigcommerce:{order id}:{shipment id}</c> of the Shipments
/// table (partition = store hash). Keyed by order first so that the poll reads one order's rows with one range query.
/// </summary>
public sealed class PulledShipments(ConnectorStorage storage)
{
    public const string Kind = "bigcommerce";

    private TableClient Table => storage.Table(TableNames.Shipments);

    public static string RowKey(long orderId, long shipmentId) =>
        string.Create(CultureInfo.InvariantCulture, $"{OrderPrefix(orderId)}{shipmentId}");

    private static string OrderPrefix(long orderId) => string.Create(CultureInfo.InvariantCulture, $"{Kind}:{orderId}:");

    public async Task<FulfilmentEntry?> FindAsync(string storeHash, long orderId, long shipmentId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<FulfilmentEntry>(storeHash, RowKey(orderId, shipmentId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Records an outcome unless the row is final already (two copies of a message racing: the first outcome stands).</summary>
    public Task<FulfilmentEntry?> RecordAsync(
        string storeHash, long orderId, long shipmentId, string state, Action<FulfilmentEntry> change, DateTimeOffset now, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<FulfilmentEntry>(Table, storeHash, RowKey(orderId, shipmentId), current =>
        {
            if (PulledShipmentState.IsFinal(current?.State))
            {
                return null;
            }

            var entry = current ?? new FulfilmentEntry { Kind = Kind, OrderId = orderId, BigCommerceShipmentId = shipmentId, FirstSeenAt = now };
            entry.State = state;
            entry.UpdatedAt = now;
            change(entry);
            return entry;
        }, cancellationToken);

    /// <summary>One order's shipments already settled (final rows): their ids and units, for the poll.</summary>
    public async Task<SettledShipments> SettledAsync(string storeHash, long orderId, CancellationToken cancellationToken)
    {
        var prefix = OrderPrefix(orderId);
        // ';' follows ':' in ordinal order: the range is exactly this order's rows.
        var end = prefix[..^1] + ";";
        var ids = new HashSet<long>();
        var units = 0;
        await foreach (var row in Table.QueryAsync<FulfilmentEntry>(
                           e => e.PartitionKey == storeHash && e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(end) < 0,
                           cancellationToken: cancellationToken))
        {
            if (PulledShipmentState.IsFinal(row.State) && row.BigCommerceShipmentId is { } id)
            {
                ids.Add(id);
                units += row.Quantity ?? 0;
            }
        }

        return new SettledShipments(ids, units);
    }
}

/// <summary>An order's shipments the connector is done with, and how many units they hold.</summary>
public sealed record SettledShipments(IReadOnlySet<long> Ids, int Units);
