using Azure;
using Azure.Data.Tables;

namespace Connector.Storage;

/// <summary>
/// Group commit of <see cref="OptimisticUpdate"/>s, per partition: read-modify-writes of different rows asked for at the
/// same moment share one entity-group transaction (up to 100 rows, all in one partition) instead of a write each, and read
/// their rows together (point reads, a few at once: never a scan of the partition, which holds the whole ledger). Each caller still gets its own row back, and the
/// same guarantee: its change applied to the row as it was, under the row's ETag.
/// <para>
/// While a partition has <c>maxInFlight</c> groups under way, new updates wait in the next group, so a group grows with
/// the load and a lone update goes at once (as a plain <see cref="OptimisticUpdate"/>). A transaction is all or nothing:
/// when one row lost its race (409 on add, 412 on update) the service names it; that one is done again on its own (read
/// anew, change applied again) and the rest are sent again without it.
/// </para>
/// </summary>
public sealed class TableGroupCommit<T>(Func<TableClient> table, int maxInFlight = 4) where T : class, ITableEntity, new()
{
    /// <summary>Azure Tables: at most 100 operations in one entity-group transaction.</summary>
    public const int MaxTransactionActions = 100;

    private readonly Dictionary<string, Partition> _partitions = new(StringComparer.Ordinal);

    /// <summary>As <see cref="OptimisticUpdate.ApplyAsync{T}"/>: <paramref name="change"/> may run more than once (each on a fresh row).</summary>
    public Task<T?> ApplyAsync(string partitionKey, string rowKey, Func<T?, T?> change, CancellationToken cancellationToken, Known<T>? known = null)
    {
        var pending = new Pending(rowKey, change, known);
        Partition? partition;
        List<Group> ready;
        lock (_partitions)
        {
            if (!_partitions.TryGetValue(partitionKey, out partition))
            {
                _partitions[partitionKey] = partition = new Partition(partitionKey);
            }

            // A row is at most once in a transaction: a second update of it goes in a later group.
            var group = partition.Forming.FirstOrDefault(g => g.Items.Count < MaxTransactionActions && !g.Keys.Contains(rowKey));
            if (group is null)
            {
                partition.Forming.Add(group = new Group());
            }

            group.Add(pending);
            ready = TakeReady(partition);
        }

        Send(partition, ready);
        // The caller may stop waiting (shutdown); the group is still written for the others in it.
        return pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    private List<Group> TakeReady(Partition partition)
    {
        var taken = new List<Group>();
        while (partition.InFlight < maxInFlight && partition.Forming.Count > 0)
        {
            taken.Add(partition.Forming[0]);
            partition.Forming.RemoveAt(0);
            partition.InFlight++;
        }

        if (partition.InFlight == 0 && partition.Forming.Count == 0)
        {
            _partitions.Remove(partition.Key);
        }

        return taken;
    }

    private void Send(Partition partition, List<Group> groups)
    {
        foreach (var group in groups)
        {
            _ = CommitAndContinueAsync(partition, group);
        }
    }

    private async Task CommitAndContinueAsync(Partition partition, Group group)
    {
        try
        {
            await CommitAsync(partition.Key, group.Items).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            foreach (var item in group.Items)
            {
                item.Outcome.TrySetException(ex);
            }
        }

        List<Group> next;
        lock (_partitions)
        {
            partition.InFlight--;
            next = TakeReady(partition);
        }

        Send(partition, next);
    }

    private async Task CommitAsync(string partitionKey, List<Pending> items)
    {
        if (items.Count == 1)
        {
            await AloneAsync(partitionKey, items[0]).ConfigureAwait(false);
            return;
        }

        var rows = await ReadAsync(partitionKey, [.. items.Where(i => i.Known is null).Select(i => i.RowKey)]).ConfigureAwait(false);
        var writes = new List<Write>();
        foreach (var item in items)
        {
            var current = item.Known is { } known ? known.Row : rows.GetValueOrDefault(item.RowKey);
            var updated = item.Change(current);
            if (updated is null)
            {
                item.Outcome.TrySetResult(current);
                continue;
            }

            updated.PartitionKey = partitionKey;
            updated.RowKey = item.RowKey;
            writes.Add(new Write(item, current, updated));
        }

        while (writes.Count > 1)
        {
            try
            {
                var response = await table().SubmitTransactionAsync(writes.Select(w => w.Action()), CancellationToken.None).ConfigureAwait(false);
                for (var i = 0; i < writes.Count; i++)
                {
                    writes[i].Updated.ETag = response.Value[i].Headers.ETag ?? default;
                    writes[i].Item.Outcome.TrySetResult(writes[i].Updated);
                }

                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // A row changed since it was read; nothing of the transaction was written. That row alone is done again.
                if (ex.FailedTransactionActionIndex is not { } index || index >= writes.Count)
                {
                    break; // not named: each row on its own
                }

                var lost = writes[index];
                writes.RemoveAt(index);
                _ = RetryAloneAsync(partitionKey, lost.Item);
            }
        }

        foreach (var write in writes)
        {
            // Its own write under its ETag, or a fresh read if it changed meanwhile.
            _ = RetryAloneAsync(partitionKey, write.Item, new Known<T>(write.Current));
        }
    }

    private async Task RetryAloneAsync(string partitionKey, Pending item, Known<T>? known = null)
    {
        try
        {
            await AloneAsync(partitionKey, item with { Known = known }).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            item.Outcome.TrySetException(ex);
        }
    }

    private async Task AloneAsync(string partitionKey, Pending item)
    {
        var result = await OptimisticUpdate.ApplyAsync(table(), partitionKey, item.RowKey, item.Change, CancellationToken.None, item.Known).ConfigureAwait(false);
        item.Outcome.TrySetResult(result);
    }

    /// <summary>The rows that exist among these keys: point reads (<see cref="TablePointReads"/>), never a scan of the partition.</summary>
    private Task<Dictionary<string, T>> ReadAsync(string partitionKey, List<string> rowKeys) =>
        TablePointReads.ReadAsync<T>(table(), partitionKey, rowKeys, CancellationToken.None);

    private sealed record Pending(string RowKey, Func<T?, T?> Change, Known<T>? Known)
    {
        public TaskCompletionSource<T?> Outcome { get; init; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record Write(Pending Item, T? Current, T Updated)
    {
        public TableTransactionAction Action() => Current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, Updated)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, Updated, Current.ETag);
    }

    private sealed class Group
    {
        public List<Pending> Items { get; } = [];
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

        public void Add(Pending pending)
        {
            Items.Add(pending);
            Keys.Add(pending.RowKey);
        }
    }

    private sealed class Partition(string key)
    {
        public string Key { get; } = key;
        public List<Group> Forming { get; } = [];
        public int InFlight { get; set; }
    }
}
