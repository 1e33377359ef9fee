using Azure;
using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.Orders;

/// <summary>How far one flow of one store has got: everything modified up to the watermark is enqueued.</summary>
public sealed class SyncCursor : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset? Watermark { get; set; }
    /// <summary>Where a feed read from the back office resumes (shipments flow): the back office's opaque cursor.</summary>
    public string? FeedCursor { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }
    public string? LastResult { get; set; }

    /// <summary>The store's reactivation whose undelivered orders were queued again (orders flow; <see cref="UndeliveredOrderRecovery"/>).</summary>
    public DateTimeOffset? RecoveredReactivationAt { get; set; }

    /// <summary>When the flow's ledger rows needing attention were first copied into its index (<see cref="AttentionIndex"/>, <c>SkuAttentionIndex</c>); once.</summary>
    public DateTimeOffset? AttentionIndexedAt { get; set; }

    /// <summary>When the newest run that finished had started: a request made before then is covered by it.</summary>
    public DateTimeOffset? CompletedRunStartedAt { get; set; }

    /// <summary>The run going on now: which run (its id, else its message's) holds it, since when, and until when its worker is presumed alive.</summary>
    public string? RunningBy { get; set; }
    public DateTimeOffset? RunningSince { get; set; }
    public DateTimeOffset? RunningUntil { get; set; }
}

/// <summary>The SyncCursors table: partition = store hash, row = flow name.</summary>
public sealed class SyncCursors(ConnectorStorage storage)
{
    public const string OrdersFlow = "orders";
    public const string InventoryFlow = "inventory";
    public const string ShipmentsFlow = "shipments";

    private TableClient Table => storage.Table(TableNames.SyncCursors);

    public async Task<SyncCursor?> FindAsync(string storeHash, string flow, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<SyncCursor>(storeHash, flow, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Moves the watermark forward only: a late or duplicate run can never move it back.</summary>
    public Task AdvanceAsync(string storeHash, string flow, DateTimeOffset watermark, CancellationToken cancellationToken) =>
        Change(storeHash, flow, c =>
        {
            if (c.Watermark >= watermark)
            {
                return false;
            }

            c.Watermark = watermark;
            return true;
        }, cancellationToken);

    /// <summary>Remembers where the back office's feed resumes; called once a page's records are queued.</summary>
    public Task SetFeedCursorAsync(string storeHash, string flow, string cursor, CancellationToken cancellationToken) =>
        Change(storeHash, flow, c =>
        {
            if (c.FeedCursor == cursor)
            {
                return false;
            }

            c.FeedCursor = cursor;
            return true;
        }, cancellationToken);

    /// <summary>Sets the watermark to a point in the past, for a forced resync.</summary>
    public Task RewindAsync(string storeHash, string flow, DateTimeOffset watermark, CancellationToken cancellationToken) =>
        Change(storeHash, flow, c =>
        {
            c.Watermark = watermark;
            return true;
        }, cancellationToken);

    /// <summary>Moves the watermark back to <paramref name="watermark"/> if it is past it, never forward: what changed since is read again.</summary>
    public Task RewindToAtMostAsync(string storeHash, string flow, DateTimeOffset watermark, CancellationToken cancellationToken) =>
        Change(storeHash, flow, c =>
        {
            if (c.Watermark is null || c.Watermark <= watermark)
            {
                return false;
            }

            c.Watermark = watermark;
            return true;
        }, cancellationToken);

    /// <summary>Remembers that the orders owed since the store's reactivation at <paramref name="reactivatedAt"/> were queued again (forward only).</summary>
    public Task RecordRecoveryAsync(string storeHash, DateTimeOffset reactivatedAt, CancellationToken cancellationToken) =>
        Change(storeHash, OrdersFlow, c =>
        {
            if (c.RecoveredReactivationAt >= reactivatedAt)
            {
                return false;
            }

            c.RecoveredReactivationAt = reactivatedAt;
            return true;
        }, cancellationToken);

    public Task RecordAttentionIndexedAsync(string storeHash, string flow, DateTimeOffset at, CancellationToken cancellationToken) =>
        Change(storeHash, flow, c =>
        {
            c.AttentionIndexedAt ??= at;
            return true;
        }, cancellationToken);

    public Task RecordRunAsync(string storeHash, string flow, DateTimeOffset at, string result, CancellationToken cancellationToken) =>
        Change(storeHash, flow, c =>
        {
            c.LastRunAt = at;
            c.LastResult = result;
            return true;
        }, cancellationToken);

    /// <summary>
    /// Whether a sync requested at <paramref name="requestedAt"/> still needs a run of its own. A run is complete (it reads
    /// everything changed since the watermark), so one that started after the request covers it: one that finished, or
    /// one going on now, whose own message keeps it going until it finishes. Timers, delivery exceptions and resyncs can
    /// ask for many syncs at once; they cost one run. Otherwise this run is recorded as going on, held by <paramref name="holder"/>.
    /// </summary>
    public async Task<bool> TryStartRunAsync(
        string storeHash, string flow, DateTimeOffset requestedAt, string holder, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var start = true;
        await Change(storeHash, flow, c =>
        {
            var coveredByFinished = c.CompletedRunStartedAt >= requestedAt;
            var coveredByRunning = c.RunningBy is { } by && by != holder && c.RunningUntil > now && c.RunningSince >= requestedAt;
            start = !coveredByFinished && !coveredByRunning;
            if (!start)
            {
                return false;
            }

            c.RunningBy = holder;
            c.RunningSince = now;
            c.RunningUntil = now + lease;
            return true;
        }, cancellationToken);
        return start;
    }

    /// <summary>Records a run that finished, started at <paramref name="startedAt"/>, and ends its hold.</summary>
    public Task CompleteRunAsync(string storeHash, string flow, string holder, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        Change(storeHash, flow, c =>
        {
            if (c.CompletedRunStartedAt is null || startedAt > c.CompletedRunStartedAt)
            {
                c.CompletedRunStartedAt = startedAt;
            }

            if (c.RunningBy == holder)
            {
                c.RunningBy = null;
                c.RunningSince = null;
                c.RunningUntil = null;
            }

            return true;
        }, cancellationToken);

    /// <summary>Ends <paramref name="holder"/>'s hold without recording a finished run: a failed run covers nothing.</summary>
    public Task ReleaseRunAsync(string storeHash, string flow, string holder, CancellationToken cancellationToken) =>
        Change(storeHash, flow, c =>
        {
            if (c.RunningBy != holder)
            {
                return false;
            }

            c.RunningBy = null;
            c.RunningSince = null;
            c.RunningUntil = null;
            return true;
        }, cancellationToken);

    private Task Change(string storeHash, string flow, Func<SyncCursor, bool> change, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<SyncCursor>(Table, storeHash, flow, current =>
        {
            var cursor = current ?? new SyncCursor();
            return change(cursor) ? cursor : null;
        }, cancellationToken);
}
