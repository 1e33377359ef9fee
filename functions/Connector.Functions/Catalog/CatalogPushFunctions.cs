using Azure.Storage.Queues.Models;
using Connector.CatalogPush;
using Connector.Hosting;
using Connector.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Functions.Catalog;

/// <summary>
/// The catalog back office → BigCommerce: the push timer fans out one catalog-push store-sync per store whose push is on
/// (the StoreSync function reads the feed), a push queues its changes too, and each change is written on its own, sharing
/// requests with its neighbours. Names, queues, routes and the schedule setting are TriggerCatalog's (a test holds them to it).
/// </summary>
public sealed class CatalogPushFunctions
{
    [Function("CatalogPush")]
    public Task CatalogPush([TimerTrigger("%CatalogPushSchedule%")] TimerInfo timer, FunctionContext context) =>
        context.RunTimerAsync<CatalogPushTimer>(timer);

    [Function("ProcessCatalogChange")]
    public Task ProcessCatalogChange([QueueTrigger(QueueNames.CatalogPush, Connection = StorageConnection.Setting)] QueueMessage message, FunctionContext context) =>
        context.HandleQueueAsync<ProcessCatalogChangeHandler>(message, QueueNames.CatalogPush);

    [Function("BackOfficeCatalogChangesPush")]
    public Task<IResult> Push([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "backoffice/catalog-changes")] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<CatalogChangesPushHandler>(request);
}
