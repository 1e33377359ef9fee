using Azure.Storage.Queues.Models;
using Connector.Hosting;
using Connector.Orders;
using Connector.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Functions.Orders;

/// <summary>
/// Orders BigCommerce → back office: the poll timer fans out one store-sync message per store, each
/// store sync enqueues one message per changed order, and each order is delivered on its own.
/// Names, queues and the schedule setting are TriggerCatalog's (a test holds them to it).
/// </summary>
public sealed class OrderFunctions
{
    [Function("OrderPoll")]
    public Task OrderPoll([TimerTrigger("%OrderPollSchedule%")] TimerInfo timer, FunctionContext context) =>
        context.RunTimerAsync<OrderPollTimer>(timer);

    [Function("StoreSync")]
    public Task StoreSync([QueueTrigger(QueueNames.StoreSync, Connection = StorageConnection.Setting)] QueueMessage message, FunctionContext context) =>
        context.HandleQueueAsync<StoreSyncHandler>(message, QueueNames.StoreSync);

    [Function("ProcessOrder")]
    public Task ProcessOrder([QueueTrigger(QueueNames.Orders, Connection = StorageConnection.Setting)] QueueMessage message, FunctionContext context) =>
        context.HandleQueueAsync<ProcessOrderHandler>(message, QueueNames.Orders);
}
