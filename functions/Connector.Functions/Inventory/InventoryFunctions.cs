using Azure.Storage.Queues.Models;
using Connector.Hosting;
using Connector.Inventory;
using Connector.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Functions.Inventory;

/// <summary>
/// Inventory back office → BigCommerce: the hourly push fans out one store-sync message (flow inventory) per
/// store, each store scan enqueues one message per changed SKU, and each SKU is set on its own.
/// Names, queues and the schedule setting are TriggerCatalog's (a test holds them to it).
/// </summary>
public sealed class InventoryFunctions
{
    [Function("InventoryPush")]
    public Task InventoryPush([TimerTrigger("%InventoryPushSchedule%")] TimerInfo timer, FunctionContext context) =>
        context.RunTimerAsync<InventoryPushTimer>(timer);

    [Function("ProcessInventory")]
    public Task ProcessInventory([QueueTrigger(QueueNames.Inventory, Connection = StorageConnection.Setting)] QueueMessage message, FunctionContext context) =>
        context.HandleQueueAsync<ProcessInventoryHandler>(message, QueueNames.Inventory);
}
