using Azure.Storage.Queues.Models;
using Connector.Hosting;
using Connector.Storage;
using Connector.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Functions.Webhooks;

/// <summary>
/// BigCommerce's webhook callbacks: order events, and delivery exceptions on their own destination. Anonymous at the
/// Functions level (BigCommerce sends no function key); each handler checks the Standard Webhooks signature and the
/// store's secret header itself. Accepted callbacks are worked off in batches from the webhooks queue.
/// </summary>
public sealed class WebhookFunctions
{
    [Function("BigCommerceWebhook")]
    public Task<IResult> Webhook([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/bigcommerce")] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<BigCommerceWebhookHandler>(request);

    [Function("BigCommerceDeliveryException")]
    public Task<IResult> DeliveryException(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/bigcommerce/delivery-exception")] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<DeliveryExceptionHandler>(request);

    [Function("ProcessWebhooks")]
    public Task ProcessWebhooks([QueueTrigger(QueueNames.Webhooks, Connection = StorageConnection.Setting)] QueueMessage message, FunctionContext context) =>
        context.HandleQueueAsync<ProcessWebhookBatchHandler>(message, QueueNames.Webhooks);
}
