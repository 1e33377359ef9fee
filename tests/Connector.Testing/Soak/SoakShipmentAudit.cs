using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Connector.Hosting;
using Connector.Shipments;
using Connector.Storage;

namespace Connector.Testing.Soak;

/// <summary>Counts <see cref="SoakShipmentFigures"/> at the end of a run, and how many records are not settled yet while it drains.</summary>
public sealed partial class SoakShipmentAudit(SandboxAdmin admin, string storageConnectionString)
{
    private const int CancelledStatus = 5;

    /// <summary>Records of published orders without a final row (done or refused) in the Shipments table; -1 when storage cannot say.</summary>
    public async Task<int> UnsettledAsync(IReadOnlyCollection<SoakFulfilmentOrder> published)
    {
        try
        {
            var rows = await RowsAsync(published.Select(o => o.Store).Distinct());
            return published.SelectMany(o => o.Records).Count(r => !FulfilmentState.IsFinal(rows.GetValueOrDefault((r.Store, r.Kind, r.Id))?.State));
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            return -1;
        }
    }

    public async Task<SoakShipmentFigures> CountAsync(SoakShipmentsBackOffice backOffice, IReadOnlyList<string> stores, IReadOnlyList<PoisonedMessage> poison)
    {
        var published = backOffice.Published;
        var rows = await RowsAsync(stores);
        var byTracking = new Dictionary<string, int>(StringComparer.Ordinal);
        var bigCommerceShipments = 0;
        foreach (var store in stores)
        {
            foreach (var shipment in await admin.StoreShipmentsAsync(store))
            {
                var tracking = shipment!["tracking_number"]?.GetValue<string>() ?? "";
                byTracking[tracking] = byTracking.GetValueOrDefault(tracking) + 1;
                bigCommerceShipments++;
            }
        }

        var problems = new List<string>();
        var duplicates = new List<string>();
        var lost = new List<string>();
        var cancelledWithShipment = new List<string>();
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        int expected = 0, present = 0, cancellationsDone = 0, cancellationsRefused = 0, racesShipped = 0, racesCancelled = 0, intended = 0;
        var ours = new HashSet<string>(StringComparer.Ordinal);
        foreach (var order in published)
        {
            var cancelled = (await admin.GetOrderAsync(order.Store, order.OrderId))["order"]!["status_id"]!.GetValue<int>() == CancelledStatus;
            var shippedAny = false;
            foreach (var record in order.Records)
            {
                var row = rows.GetValueOrDefault((record.Store, record.Kind, record.Id));
                var name = $"{record.Store}/{record.Id} ({order.Kind})";
                if (row?.State == FulfilmentState.Refused)
                {
                    reasons[Reason(row.LastError)] = reasons.GetValueOrDefault(Reason(row.LastError)) + 1;
                }

                if (!FulfilmentState.IsFinal(row?.State))
                {
                    problems.Add($"{name}: not settled ({row?.State ?? "no row"}{(row?.LastError is { } e ? ": " + e : "")})");
                }

                if (record.Kind == "cancellation")
                {
                    cancellationsDone += row?.State == FulfilmentState.Done ? 1 : 0;
                    cancellationsRefused += row?.State == FulfilmentState.Refused ? 1 : 0;
                    if (row?.State == FulfilmentState.Done && !cancelled)
                    {
                        problems.Add($"{name}: recorded done, but the order is not cancelled");
                    }

                    if (record.Expect == SoakExpectation.Cancel && !cancelled)
                    {
                        problems.Add($"{name}: the order is not cancelled ({row?.State ?? "no row"}: {row?.LastError})");
                    }

                    intended += record.Expect == SoakExpectation.Race && row?.State == FulfilmentState.Refused ? 1 : 0;
                    continue;
                }

                ours.Add(record.TrackingNumber!);
                var count = byTracking.GetValueOrDefault(record.TrackingNumber!);
                shippedAny |= count > 0;
                present += count > 0 ? 1 : 0;
                if (count > 1)
                {
                    duplicates.Add($"{name}: {count} BigCommerce shipments");
                }

                if (row?.State == FulfilmentState.Done && count == 0)
                {
                    problems.Add($"{name}: recorded done, but BigCommerce has no shipment with its tracking number");
                }

                if (row?.State == FulfilmentState.Refused && count > 0)
                {
                    problems.Add($"{name}: recorded refused ({row.LastError}), but BigCommerce has its shipment");
                }

                switch (record.Expect)
                {
                    case SoakExpectation.Ship:
                        expected++;
                        if (count == 0 && row?.State == FulfilmentState.Refused)
                        {
                            problems.Add($"{name}: refused, not intended: {row.LastError}");
                        }
                        else if (count == 0)
                        {
                            lost.Add($"{name}: no BigCommerce shipment ({row?.State ?? "no row"}: {row?.LastError})");
                        }

                        break;
                    case SoakExpectation.Race:
                        expected += cancelled ? 0 : 1;
                        intended += row?.State == FulfilmentState.Refused ? 1 : 0;
                        break;
                    case SoakExpectation.Refuse:
                        intended += row?.State == FulfilmentState.Refused ? 1 : 0;
                        if (count > 0)
                        {
                            problems.Add($"{name}: more than was ordered, yet shipped");
                        }

                        break;
                }
            }

            if (cancelled && shippedAny)
            {
                cancelledWithShipment.Add($"{order.Store}/{order.OrderId} ({order.Kind})");
            }

            if (order.Kind == SoakFulfilmentKind.Race)
            {
                racesShipped += shippedAny && !cancelled ? 1 : 0;
                racesCancelled += cancelled && !shippedAny ? 1 : 0;
                if (!shippedAny && !cancelled)
                {
                    lost.Add($"{order.Store}/{order.OrderId} (Race): neither shipped nor cancelled");
                }
            }
        }

        var strangers = byTracking.Where(t => !ours.Contains(t.Key)).Sum(t => t.Value);
        if (strangers > 0)
        {
            problems.Add($"{strangers} BigCommerce shipments with a tracking number of no back-office shipment");
        }

        problems.AddRange(backOffice.PushFailures.Select(f => "push given up: " + f));
        if (backOffice.NotYetPublished > 0)
        {
            problems.Add($"{backOffice.NotYetPublished} orders set aside were never received by the back office, so never shipped or cancelled");
        }

        return new SoakShipmentFigures
        {
            Cases = published.GroupBy(o => o.Kind).ToDictionary(g => g.Key, g => g.Count()),
            ShipmentRecords = published.Sum(o => o.Records.Count(r => r.Kind == "shipment")),
            CancellationRecords = published.Sum(o => o.Records.Count(r => r.Kind == "cancellation")),
            FeedRows = backOffice.FeedRows,
            Pushes = backOffice.Pushes,
            PushesSentAgain = backOffice.PushesSentAgain,
            ShipmentsExpected = expected,
            ShipmentsPresent = present,
            BigCommerceShipments = bigCommerceShipments,
            Duplicates = duplicates,
            Lost = lost,
            CancelledWithShipment = cancelledWithShipment,
            CancellationsDone = cancellationsDone,
            CancellationsRefused = cancellationsRefused,
            RacesShipped = racesShipped,
            RacesCancelled = racesCancelled,
            RefusedAsIntended = intended,
            RefusalReasons = reasons,
            Problems = problems,
            Poison = poison.Count(p => p.Queue == QueueNames.PoisonOf(QueueNames.Shipments)),
        };
    }

    /// <summary>The Shipments table's record rows of the stores (not the order rows), by store, kind and back-office id.</summary>
    private async Task<Dictionary<(string Store, string Kind, string Id), FulfilmentEntry>> RowsAsync(IEnumerable<string> stores)
    {
        var table = new TableClient(storageConnectionString, TableNames.Shipments);
        var rows = new Dictionary<(string, string, string), FulfilmentEntry>();
        foreach (var store in stores)
        {
            try
            {
                await foreach (var entry in table.QueryAsync<FulfilmentEntry>(e => e.PartitionKey == store))
                {
                    if (entry.Kind.Length > 0)
                    {
                        rows[(store, entry.Kind, entry.BackOfficeId)] = entry;
                    }
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // No table yet: nothing was recorded.
            }
        }

        return rows;
    }

    /// <summary>A refusal's reason with its numbers taken out, so alike ones count together.</summary>
    private static string Reason(string? error) => Numbers().Replace(error ?? "(no reason)", "N");

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Numbers();
}
