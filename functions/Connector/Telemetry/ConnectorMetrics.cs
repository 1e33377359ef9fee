using System.Diagnostics.Metrics;

namespace Connector.Telemetry;

/// <summary>
/// The connector's metrics (<see cref="ConnectorTelemetry.MeterName"/>), tagged by store (<see cref="StoreTag"/>) or queue
/// (<see cref="QueueTag"/>). Recording costs next to nothing when nothing listens. In Azure they land in Log Analytics'
/// <c>AppMetrics</c> table under these names, which the alerts in infra/ query (a test holds them to <see cref="Names"/>).
/// </summary>
public sealed class ConnectorMetrics
{
    public const string OrdersDelivered = "connector.orders.delivered";
    public const string OrdersRejected = "connector.orders.rejected";
    public const string OrdersRetried = "connector.orders.retried";
    /// <summary>BigCommerce's <c>date_modified</c> of the version → the back office accepted it, in seconds.</summary>
    public const string OrderLatency = "connector.orders.latency";
    public const string QuotaLeft = "connector.bigcommerce.quota_left";
    public const string Throttled = "connector.bigcommerce.throttled";
    public const string SkusWritten = "connector.skus.written";
    public const string StoresMarkedForReauth = "connector.stores.reauth_required";
    public const string QueueDepth = "connector.queue.depth";
    public const string QueuePoison = "connector.queue.poison";
    public const string StoresNeedingReauth = "connector.stores.needing_reauth";

    public const string StoreTag = "store";
    public const string QueueTag = "queue";

    /// <summary>Every metric the connector emits.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        OrdersDelivered, OrdersRejected, OrdersRetried, OrderLatency, QuotaLeft, Throttled, SkusWritten, StoresMarkedForReauth,
        QueueDepth, QueuePoison, StoresNeedingReauth,
    ];

    private readonly Counter<long> _delivered;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _retried;
    private readonly Histogram<double> _latency;
    private readonly Gauge<int> _quotaLeft;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _skusWritten;
    private readonly Counter<long> _markedForReauth;

    public ConnectorMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(ConnectorTelemetry.MeterName);
        _delivered = Meter.CreateCounter<long>(OrdersDelivered, "{order}", "Order versions the back office accepted");
        _rejected = Meter.CreateCounter<long>(OrdersRejected, "{order}", "Order versions the back office refused for good");
        _retried = Meter.CreateCounter<long>(OrdersRetried, "{attempt}", "Order attempts that failed and are retried by the queue");
        _latency = Meter.CreateHistogram<double>(OrderLatency, "s", "From the order's date_modified in BigCommerce to the back office accepting it",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400] });
        _quotaLeft = Meter.CreateGauge<int>(QuotaLeft, "{request}", "X-Rate-Limit-Requests-Left of BigCommerce's last answer");
        _throttled = Meter.CreateCounter<long>(Throttled, "{response}", "BigCommerce answers 429 Too Many Requests");
        _skusWritten = Meter.CreateCounter<long>(SkusWritten, "{sku}", "SKU stock levels written to BigCommerce");
        _markedForReauth = Meter.CreateCounter<long>(StoresMarkedForReauth, "{store}", "Times a store's token was refused and the store marked as needing re-authorization");
    }

    /// <summary>The meter, for the observable gauges (<see cref="QueueBacklogGauges"/>).</summary>
    public Meter Meter { get; }

    public void OrderDelivered(string storeHash, DateTimeOffset modifiedAt, DateTimeOffset acceptedAt)
    {
        var store = Store(storeHash);
        var seconds = Math.Max(0, (acceptedAt - modifiedAt).TotalSeconds);
        _delivered.Add(1, store);
        _latency.Record(seconds, store);
        // Also on the queue hop's span, for a percentile over deliveries (SpanTags.OrderLatencySeconds).
        System.Diagnostics.Activity.Current?.SetTag(SpanTags.OrderLatencySeconds, Math.Round(seconds, 3));
    }

    public void OrderRejected(string storeHash) => _rejected.Add(1, Store(storeHash));

    public void OrderRetried(string storeHash) => _retried.Add(1, Store(storeHash));

    public void BigCommerceAnswered(string storeHash, int? requestsLeft, bool throttled)
    {
        if (requestsLeft is { } left)
        {
            _quotaLeft.Record(left, Store(storeHash));
        }

        if (throttled)
        {
            _throttled.Add(1, Store(storeHash));
        }
    }

    public void SkuWritten(string storeHash) => _skusWritten.Add(1, Store(storeHash));

    public void StoreMarkedForReauth(string storeHash) => _markedForReauth.Add(1, Store(storeHash));

    private static KeyValuePair<string, object?> Store(string storeHash) => new(StoreTag, storeHash);
}
