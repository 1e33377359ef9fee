using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Connector.BigCommerce;

namespace Connector.Testing.Soak;

/// <summary>
/// The soak's back office shipping and cancelling: a share of the orders (never changed again by the load) is set
/// aside as they are created; once the back office has received one, it publishes that order's case
/// (<see cref="SoakFulfilmentPlan"/>) through its shipments feed and by pushing to a live LocalHost, trying another
/// instance when the one it called is down (killed) or answers 5xx, as a real back office retries.
/// </summary>
public sealed class SoakShipmentsBackOffice(SoakOptions options, SandboxAdmin admin, IReadOnlyList<string> stores, IReadOnlyList<LocalHostProcess> instances, Action<string> note)
{
    private static readonly TimeSpan PushDeadline = TimeSpan.FromMinutes(3);

    // Two generators: the load's thread draws designations, the publisher draws cases, each from the seed.
    private readonly Random _designation = new(options.Seed + 14);
    private readonly Random _cases = new(options.Seed + 1400);
    private readonly HashSet<(string Store, long Id)> _designated = [];
    private readonly ConcurrentQueue<(string Store, long Id)> _candidates = new();
    private readonly List<(string Store, long Id)> _waiting = [];
    private readonly Dictionary<(string Store, long Id), SoakFulfilmentOrder> _published = [];
    private DateTimeOffset _lastNote = DateTimeOffset.MinValue;

    public IReadOnlyCollection<SoakFulfilmentOrder> Published => _published.Values;

    /// <summary>Set aside but not yet published (the back office has not received the order yet).</summary>
    public int NotYetPublished => _candidates.Count + _waiting.Count;

    public int FeedRows { get; private set; }
    public int Pushes { get; private set; }
    public int PushesSentAgain { get; private set; }
    public List<string> PushFailures { get; } = [];

    /// <summary>Called by the load for each new order: true when the back office will ship or cancel it (the load leaves it alone).</summary>
    public bool Designate(string store, long orderId)
    {
        if (options.FulfilmentShare <= 0 || _designation.NextDouble() >= options.FulfilmentShare)
        {
            return false;
        }

        _designated.Add((store, orderId));
        _candidates.Enqueue((store, orderId));
        return true;
    }

    public bool IsDesignated(string store, long orderId) => _designated.Contains((store, orderId));

    /// <summary>The version the back office received before it shipped or cancelled the order (what its later versions need not reach it past).</summary>
    public DateTimeOffset? PublishedVersion(string store, long orderId) =>
        _published.TryGetValue((store, orderId), out var order) ? order.Version : null;

    /// <summary>Publishes every few seconds until <paramref name="cancellationToken"/> ends the load.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                await PublishReadyAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Publishes the cases of the set-aside orders the back office has received by now. Called by <see cref="RunAsync"/>
    /// during the load, then by the drain: never two at once.
    /// </summary>
    public async Task PublishReadyAsync(CancellationToken cancellationToken)
    {
        while (_candidates.TryDequeue(out var candidate))
        {
            _waiting.Add(candidate);
        }

        var before = _published.Count;
        foreach (var (store, id) in _waiting.ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await admin.ReceivedOrderAsync(store, id) is null)
            {
                continue;
            }

            // Not cancelled midway: an order half published would be half known to the audit.
            _waiting.Remove((store, id));
            _published[(store, id)] = await PublishAsync(store, id);
        }

        // A line a minute at most, so the timeline stays readable.
        if (_published.Count > before && DateTimeOffset.UtcNow - _lastNote >= TimeSpan.FromMinutes(1))
        {
            _lastNote = DateTimeOffset.UtcNow;
            note($"back office: {_published.Count} orders shipped or cancelled so far ({FeedRows} feed rows, {Pushes} pushes)");
        }
    }

    private async Task<SoakFulfilmentOrder> PublishAsync(string store, long orderId)
    {
        var view = await admin.GetOrderAsync(store, orderId);
        var version = Rfc2822Date.Parse(view["order"]!["date_modified"]!.GetValue<string>());
        var lines = view["products"]!.AsArray().Select(p => new SoakOrderLine(
            p!["id"]!.GetValue<long>(), p["sku"]!.GetValue<string>(), p["quantity"]!.GetValue<int>())).ToList();
        var order = SoakFulfilmentPlan.Build(_cases, store, IndexOf(store), orderId, version, SoakFulfilmentPlan.Draw(_cases), lines);
        if (order.FeedRows.Count > 0)
        {
            await admin.AppendBackOfficeShipmentsAsync(store, [.. order.FeedRows]);
            FeedRows += order.FeedRows.Count;
        }

        foreach (var record in order.Pushed)
        {
            await PushAsync(record);
        }

        return order;
    }

    /// <summary>
    /// POST /api/backoffice/shipments to a live instance; on no answer (a killed instance), a 5xx (storage restarting) or
    /// "store not connected" (its token revoked until the operator registers it again) the next instance, a moment later.
    /// An answer lost after the connector queued the record makes a second copy: harmless by design, and counted.
    /// </summary>
    private async Task PushAsync(JsonObject record)
    {
        var deadline = DateTimeOffset.UtcNow + PushDeadline;
        var at = Random.Shared.Next(instances.Count);
        for (var attempt = 0; ; attempt++)
        {
            var url = new Uri(instances[(at + attempt) % instances.Count].BaseAddress, "/api/backoffice/shipments");
            int status;
            string body;
            try
            {
                (status, body) = await admin.PushShipmentsAsync(url.ToString(), [record]);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // No answer within the sandbox's 60 s (a connector busy with storage): as unanswered, sent again.
                (status, body) = (0, ex.Message);
            }

            Pushes++;
            PushesSentAgain += attempt == 0 ? 0 : 1;
            if (status == 202)
            {
                return;
            }

            var retry = status is 0 or >= 500 || (status == 400 && body.Contains("is not connected", StringComparison.Ordinal));
            if (!retry || DateTimeOffset.UtcNow > deadline)
            {
                PushFailures.Add($"{record["id"]}: {status} {body}");
                note($"back office: push of {record["id"]} given up: {status} {body}");
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private int IndexOf(string store)
    {
        for (var i = 0; i < stores.Count; i++)
        {
            if (stores[i] == store)
            {
                return i;
            }
        }

        return 0;
    }
}
