using Azure.Storage.Queues.Models;
using Connector.Catalog;
using Connector.Hosting;
using Connector.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Functions.Catalog;

/// <summary>
/// The catalog BigCommerce → back office: the poll timer fans out one catalog store-sync per store whose catalog flow is
/// on (the StoreSync function runs it), and each product version or deletion is delivered on its own.
/// Names, queues and the schedule setting are TriggerCatalog's (a test holds them to it).
/// </summary>
public sealed class CatalogFunctions
{
    [Function("CatalogPoll")]
    public Task CatalogPoll([TimerTrigger("%CatalogPollSchedule%")] TimerInfo timer, FunctionContext context) =>
        context.RunTimerAsync<CatalogPollTimer>(timer);

    [Function("ProcessProduct")]
    public Task ProcessProduct([QueueTrigger(QueueNames.Products, Connection = StorageConnection.Setting)] QueueMessage message, FunctionContext context) =>
        context.HandleQueueAsync<ProcessProductHandler>(message, QueueNames.Products);
}
