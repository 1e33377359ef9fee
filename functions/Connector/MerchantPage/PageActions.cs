namespace Connector.MerchantPage;

/// <summary>The values of the actions form's <c>action</c> field.</summary>
public static class PageActions
{
    public const string RetryOrder = "retry-order";
    public const string RetryAllOrders = "retry-all-orders";
    public const string RequeuePoison = "requeue-poison";
    public const string ResyncOrders = "resync-orders";
    public const string PushAllStock = "push-all-stock";
}
