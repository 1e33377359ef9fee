using System.Globalization;
using Connector.BigCommerce;
using Connector.Hosting;
using Connector.Orders;
using Connector.Storage;
using Connector.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Shipments;

/// <summary>
/// The safety net under <c>store/shipment/created</c> webhooks, run by the shipments store-sync: the orders modified
/// since the watermark (SyncCursors row <c>bigcommerce-shipments</c>, less <see cref="PullPoll.Overlap"/>), keyset-paged
/// like the order poll; for an order with more units shipped than its settled shipments hold, its shipments (one call)
/// and one <c>bigcommerce-shipments</c> message per shipment not settled yet. The watermark moves only once a page's
/// messages are queued.
/// </summary>
public sealed class BigCommerceShipmentPoll(
    BigCommerceOrdersClient orders,
    BigCommerceShipmentsClient shipments,
    PulledShipments pulled,
    SyncCursors cursors,
    WorkQueue queue,
    IOptions<BigCommerceOptions> bigCommerceOptions,
    TimeProvider clock,
    ILogger<BigCommerceShipmentPoll> logger)
{
    /// <summary>The SyncCursors row holding this poll's watermark and last result.</summary>
    public const string CursorRow = "bigcommerce-shipments";

    /// <summary>A run reads at most this many pages of orders; the next run goes on from the watermark.</summary>
    public const int MaxPagesPerRun = 40;

    public sealed record Result(int Pages, int OrdersRead, int ShipmentListsRead, int Queued);

    public async Task<Result> RunAsync(StoreConnection store, string correlationId, CancellationToken cancellationToken)
    {
        var storeHash = store.StoreHash;
        var watermark = (await cursors.FindAsync(storeHash, CursorRow, cancellationToken))?.Watermark;
        var request = OrderPaging.Start(watermark, PullPoll.Overlap, PullPoll.FirstFrom(store.ConnectedAt, clock.GetUtcNow()));
        var seen = new HashSet<(long Id, DateTimeOffset ModifiedAt)>();
        int pages = 0, lists = 0, queued = 0;
        while (pages < MaxPagesPerRun)
        {
            var page = await orders.ListOrdersAsync(storeHash, request, cancellationToken);
            pages++;
            if (page.Count == 0)
            {
                break;
            }

            foreach (var order in page.Where(o => seen.Add((o.Id, o.DateModified!.Value)) && PullPoll.HasShipped(o)))
            {
                var settled = await pulled.SettledAsync(storeHash, order.Id, cancellationToken);
                if (!PullPoll.MayHaveNewShipments(order, settled))
                {
                    continue;
                }

                lists++;
                foreach (var shipment in PullPoll.Unsettled(await shipments.ListAsync(storeHash, order.Id, cancellationToken) ?? [], settled))
                {
                    await queue.SendAsync(QueueNames.BigCommerceShipments,
                        new BigCommerceShipmentMessage(storeHash, order.Id, shipment.Id, BigCommerceShipmentMessage.Poll, correlationId), cancellationToken);
                    queued++;
                }
            }

            var newest = OrderPaging.Newest(page);
            if (watermark is null || newest > watermark)
            {
                await cursors.AdvanceAsync(storeHash, CursorRow, newest, cancellationToken);
                watermark = newest;
            }

            if (OrderPaging.Next(request, page, bigCommerceOptions.Value.OrdersPageSize) is not { } next)
            {
                break;
            }

            request = next;
        }

        var result = new Result(pages, seen.Count, lists, queued);
        await cursors.RecordRunAsync(storeHash, CursorRow, clock.GetUtcNow(),
            string.Create(CultureInfo.InvariantCulture,
                $"ok: {result.OrdersRead} orders read in {result.Pages} pages, shipments of {result.ShipmentListsRead} read, {result.Queued} shipments queued"),
            cancellationToken);
        logger.LogInformation(
            "BigCommerce shipments poll of store {StoreHash}: {OrdersRead} orders read in {Pages} pages, shipments of {Lists} orders read, {Queued} queued (correlation {CorrelationId})",
            storeHash, result.OrdersRead, result.Pages, result.ShipmentListsRead, result.Queued, correlationId);
        return result;
    }
}
