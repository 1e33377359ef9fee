using Azure.Storage.Queues.Models;
using Connector.Hosting;
using Connector.Shipments;
using Connector.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Functions.Shipments;

/// <summary>
/// Shipments and cancellations back office → BigCommerce: the poll fans out one store-sync message (flow shipments) per
/// store, each store's feed read queues one message per record, a push queues them too, and each is written on its own.
/// The other way, shipments made in BigCommerce reach the back office one message each (webhook, or the same poll).
/// Names, queues, routes and the schedule setting are TriggerCatalog's (a test holds them to it).
/// </summary>
public sealed class ShipmentFunctions
{
    [Function("ShipmentPoll")]
    public Task ShipmentPoll([TimerTrigger("%ShipmentPollSchedule%")] TimerInfo timer, FunctionContext context) =>
        context.RunTimerAsync<ShipmentPollTimer>(timer);

    [Function("ProcessShipment")]
    public Task ProcessShipment([QueueTrigger(QueueNames.Shipments, Connection = StorageConnection.Setting)] QueueMessage message, FunctionContext context) =>
        context.HandleQueueAsync<ProcessShipmentHandler>(message, QueueNames.Shipments);

    /// <summary>A shipment made in BigCommerce (webhook or the poll): the connector's own is recorded, another delivered to the back office.</summary>
    [Function("ProcessBigCommerceShipment")]
    public Task ProcessBigCommerceShipment(
        [QueueTrigger(QueueNames.BigCommerceShipments, Connection = StorageConnection.Setting)] QueueMessage message, FunctionContext context) =>
        context.HandleQueueAsync<ProcessBigCommerceShipmentHandler>(message, QueueNames.BigCommerceShipments);

    [Function("BackOfficeShipmentsPush")]
    public Task<IResult> Push([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "backoffice/shipments")] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<ShipmentPushHandler>(request);
}
