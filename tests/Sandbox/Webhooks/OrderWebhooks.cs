using Sandbox.BigCommerce;

namespace Sandbox.Webhooks;

/// <summary>
/// The order events BigCommerce fires: <c>store/order/created</c> for a new order; for a change
/// <c>store/order/updated</c>, and also <c>store/order/statusUpdated</c> when the status moved.
/// </summary>
public sealed class OrderWebhooks(WebhookDispatcher dispatcher, TimeProvider clock)
{
    public void Created(Store store, IEnumerable<long> orderIds)
    {
        var now = clock.GetUtcNow();
        foreach (var id in orderIds)
        {
            dispatcher.Publish(WebhookEvent.Order(store.Hash, WebhookScopes.OrderCreated, id, now));
        }
    }

    public void Changed(Store store, StoredOrder previous, StoredOrder updated)
    {
        var now = clock.GetUtcNow();
        dispatcher.Publish(WebhookEvent.Order(store.Hash, WebhookScopes.OrderUpdated, updated.Id, now));
        if (previous.StatusId != updated.StatusId)
        {
            dispatcher.Publish(WebhookEvent.OrderStatus(store.Hash, updated.Id, previous.StatusId, updated.StatusId, now));
        }
    }
}
