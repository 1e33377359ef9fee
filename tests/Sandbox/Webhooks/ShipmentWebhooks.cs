using Sandbox.BigCommerce;

namespace Sandbox.Webhooks;

/// <summary>
/// The events of a shipment write: <c>store/shipment/created</c> (or <c>deleted</c>), then the order's
/// own events for the change it caused (<c>store/order/updated</c>, and <c>statusUpdated</c> when the
/// status moved to Shipped or Partially Shipped), as for any other change of the order.
/// </summary>
public sealed class ShipmentWebhooks(WebhookDispatcher dispatcher, OrderWebhooks orders, TimeProvider clock)
{
    public void Created(Store store, ShipmentOutcome.Applied created) => Publish(store, WebhookScopes.ShipmentCreated, created);

    public void Deleted(Store store, ShipmentOutcome.Applied deleted) => Publish(store, WebhookScopes.ShipmentDeleted, deleted);

    private void Publish(Store store, string scope, ShipmentOutcome.Applied applied)
    {
        dispatcher.Publish(WebhookEvent.Shipment(store.Hash, scope, applied.Shipment.Id, applied.Shipment.OrderId, clock.GetUtcNow()));
        orders.Changed(store, applied.Previous, applied.Updated);
    }
}
