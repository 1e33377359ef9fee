using System.Diagnostics.Metrics;
using Connector.Hosting;
using Connector.Installations;
using Connector.Storage;
using Microsoft.Extensions.Logging;

namespace Connector.Telemetry;

/// <summary>
/// The gauges read from storage: each queue's backlog and poison count (what /api/health shows) and the stores needing
/// re-authorization. An exporter collects gauges synchronously, so the callbacks return the last reading and, when it is
/// older than <see cref="RefreshAfter"/>, start a new one in the background: storage is asked at most once a
/// <see cref="RefreshAfter"/> per process, and only while an exporter collects (nothing listens: nothing is read).
/// </summary>
public sealed class QueueBacklogGauges
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(30);

    private readonly ConnectorStorage _storage;
    private readonly HostedQueues _queues;
    private readonly InstallationRegistry _installations;
    private readonly TimeProvider _clock;
    private readonly ILogger<QueueBacklogGauges> _logger;
    private Reading _last = new(DateTimeOffset.MinValue, [], [], []);
    private int _refreshing;

    public QueueBacklogGauges(
        ConnectorMetrics metrics, ConnectorStorage storage, HostedQueues queues, InstallationRegistry installations, TimeProvider clock,
        ILogger<QueueBacklogGauges> logger)
    {
        (_storage, _queues, _installations, _clock, _logger) = (storage, queues, installations, clock, logger);
        metrics.Meter.CreateObservableGauge(ConnectorMetrics.QueueDepth, () => Current().Depths, "{message}", "Messages waiting in each queue (approximate)");
        metrics.Meter.CreateObservableGauge(ConnectorMetrics.QueuePoison, () => Current().Poison, "{message}", "Messages in each queue's poison queue (approximate)");
        metrics.Meter.CreateObservableGauge(ConnectorMetrics.StoresNeedingReauth, () => Current().NeedingReauth, "{store}",
            "1 for each store whose token BigCommerce refused, until it is authorized again");
    }

    private sealed record Reading(
        DateTimeOffset ReadAt, Measurement<int>[] Depths, Measurement<int>[] Poison, Measurement<int>[] NeedingReauth);

    private Reading Current()
    {
        var last = _last;
        if (_clock.GetUtcNow() - last.ReadAt >= RefreshAfter && Interlocked.Exchange(ref _refreshing, 1) == 0)
        {
            _ = Task.Run(RefreshAsync);
        }

        return last;
    }

    /// <summary>Reads everything now; the gauges report it from the next collection on.</summary>
    public async Task RefreshAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var counts = await Task.WhenAll(_queues.Names.Select(async name =>
            {
                var main = _storage.Queue(name).GetPropertiesAsync(timeout.Token);
                var poison = _storage.Queue(QueueNames.PoisonOf(name)).GetPropertiesAsync(timeout.Token);
                var queue = new KeyValuePair<string, object?>(ConnectorMetrics.QueueTag, name);
                return (Depth: new Measurement<int>((await main).Value.ApproximateMessagesCount, queue),
                    Poison: new Measurement<int>((await poison).Value.ApproximateMessagesCount, queue));
            }));
            var needingReauth = await _installations.ListNeedingReauthAsync(timeout.Token);
            _last = new Reading(_clock.GetUtcNow(), [.. counts.Select(c => c.Depth)], [.. counts.Select(c => c.Poison)],
                [.. needingReauth.Select(store => new Measurement<int>(1, new KeyValuePair<string, object?>(ConnectorMetrics.StoreTag, store)))]);
        }
        catch (Exception ex)
        {
            // The last reading stays; the next collection tries again.
            _logger.LogWarning(ex, "Queue and store gauges: storage did not answer");
        }
        finally
        {
            Interlocked.Exchange(ref _refreshing, 0);
        }
    }
}
