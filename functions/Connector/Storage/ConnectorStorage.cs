using Azure.Data.Tables;
using Azure.Storage.Queues;
using Connector.Hosting;

namespace Connector.Storage;

/// <summary>The connector's tables and queues in one storage account.</summary>
public sealed class ConnectorStorage(TableServiceClient tables, QueueServiceClient queues)
{
    public TableClient Table(string name) => tables.GetTableClient(name);

    public QueueClient Queue(string name) => queues.GetQueueClient(name);

    /// <summary>Creates every table and queue (and each queue's poison twin) that does not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var table in TableNames.All)
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }

        foreach (var queue in QueueNames.All)
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await queues.GetQueueClient(QueueNames.PoisonOf(queue)).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
