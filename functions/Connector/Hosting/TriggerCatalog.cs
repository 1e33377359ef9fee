using Connector.Installations;
using Connector.Inventory;
using Connector.MerchantPage;
using Connector.Operations;
using Connector.Orders;
using Connector.Shipments;
using Connector.Storage;
using Connector.Webhooks;

namespace Connector.Hosting;

/// <summary>A timer: its function name, the app setting holding its NCRONTAB schedule, and that setting's default.</summary>
public sealed record TimerTrigger(string FunctionName, string ScheduleSetting, string DefaultSchedule, Type Handler);

/// <summary>
/// A queue-triggered function: its name, the queue it binds to, the handler it delegates to, and the app setting
/// naming the storage account (the connector's tables and queues share the host's account).
/// </summary>
public sealed record QueueTrigger(string FunctionName, string QueueName, Type Handler, string Connection = StorageConnection.Setting);

/// <summary>
/// An HTTP function: its name, method and route below the <c>api/</c> prefix (Functions' default
/// routePrefix, which LocalHost applies too), and its handler. <see cref="AuthLevel"/> is the Functions
/// AuthorizationLevel: Anonymous where BigCommerce calls (it sends no function key), Function for the
/// operator endpoints, which then need a function key in Azure on top of their admin key. LocalHost asks for no key.
/// </summary>
public sealed record HttpTrigger(string FunctionName, string Method, string Route, Type Handler, string AuthLevel = HttpTrigger.Anonymous)
{
    public const string RoutePrefix = "api";

    public const string Anonymous = "Anonymous";
    public const string FunctionKey = "Function";

    /// <summary>The Functions host refuses routes starting with these (its own admin API), whatever the routePrefix.</summary>
    public static IReadOnlyList<string> ReservedFirstSegments { get; } = ["admin", "runtime"];

    public string Path => $"/{RoutePrefix}/{Route}";
}

/// <summary>
/// Every trigger the connector has, in one place, so that LocalHost and the Azure Functions app
/// cannot drift apart: LocalHost runs exactly this list, and a test holds the Functions app's generated
/// functions.metadata (what Azure runs) to it.
/// </summary>
public static class TriggerCatalog
{
    public static IReadOnlyList<TimerTrigger> Timers { get; } =
    [
        new("OrderPoll", "OrderPollSchedule", "0 */15 * * * *", typeof(OrderPollTimer)),
        new("InventoryPush", "InventoryPushSchedule", "0 0 * * * *", typeof(InventoryPushTimer)),
        new("ShipmentPoll", "ShipmentPollSchedule", "0 */15 * * * *", typeof(ShipmentPollTimer)),
        new("CatalogPoll", "CatalogPollSchedule", "0 */15 * * * *", typeof(Catalog.CatalogPollTimer)),
        new("CatalogPush", "CatalogPushSchedule", "0 */15 * * * *", typeof(CatalogPush.CatalogPushTimer)),
    ];

    /// <summary>Storage reachable, backlog and poison per queue: for operators and probes.</summary>
    public static HttpTrigger Health { get; } = new("Health", "GET", "health", typeof(HealthHandler), HttpTrigger.FunctionKey);

    /// <summary>HTTP functions; the BigCommerce app profile points its callbacks at these routes.</summary>
    public static IReadOnlyList<HttpTrigger> Http { get; } =
    [
        new("BigCommerceAuth", "GET", "bigcommerce/auth", typeof(AuthCallbackHandler)),
        new("BigCommerceLoad", "GET", "bigcommerce/load", typeof(LoadCallbackHandler)),
        new("BigCommerceUninstall", "GET", "bigcommerce/uninstall", typeof(UninstallCallbackHandler)),
        new("BigCommerceRemoveUser", "GET", "bigcommerce/remove-user", typeof(RemoveUserCallbackHandler)),
        // The app's page: anonymous at the Functions level (a browser in the control panel's iframe has no function key);
        // every request carries the page's session token, which the handlers check (PageAccess).
        new("MerchantPage", "POST", PageRoutes.PageRoute, typeof(PageHandler)),
        new("MerchantPageSettings", "POST", PageRoutes.SettingsRoute, typeof(SaveSettingsHandler)),
        new("MerchantPageActions", "POST", PageRoutes.ActionsRoute, typeof(PageActionsHandler)),
        // The operator console: anonymous for a browser too, guarded by the admin key it signs in with (ConsoleHandler).
        new("OperatorConsole", "GET", PageRoutes.ConsoleRoute, typeof(ConsoleHandler)),
        new("OperatorConsoleSignIn", "POST", PageRoutes.ConsoleRoute, typeof(ConsoleHandler)),
        new("OperatorConsoleStore", "POST", PageRoutes.ConsoleStoreRoute, typeof(ConsoleStoreHandler)),
        // An operator endpoint: the admin key, and in Azure a function key as well.
        new("RegisterApiAccountStore", "POST", "stores", typeof(RegisterApiAccountHandler), HttpTrigger.FunctionKey),
        new("BigCommerceWebhook", "POST", WebhookScopes.OrdersRoute, typeof(BigCommerceWebhookHandler)),
        new("BigCommerceDeliveryException", "POST", WebhookScopes.DeliveryExceptionRoute, typeof(DeliveryExceptionHandler)),
        // The back office calls it, signed with the back-office secret (it has no function key to send).
        new("BackOfficeShipmentsPush", "POST", "backoffice/shipments", typeof(ShipmentPushHandler)),
        new("BackOfficeCatalogChangesPush", "POST", "backoffice/catalog-changes", typeof(CatalogPush.CatalogChangesPushHandler)),
        // operations/, not admin/: the Functions host keeps admin/ for itself.
        new("ListPoisonMessages", "GET", "operations/poison", typeof(ListPoisonMessagesHandler), HttpTrigger.FunctionKey),
        new("RequeuePoisonMessages", "POST", "operations/poison/requeue", typeof(RequeuePoisonMessagesHandler), HttpTrigger.FunctionKey),
        Health,
    ];

    public static IReadOnlyList<QueueTrigger> Queues { get; } =
    [
        new("StoreSync", QueueNames.StoreSync, typeof(StoreSyncHandler)),
        new("ProcessWebhooks", QueueNames.Webhooks, typeof(ProcessWebhookBatchHandler)),
        new("ProcessOrder", QueueNames.Orders, typeof(ProcessOrderHandler)),
        new("ProcessInventory", QueueNames.Inventory, typeof(ProcessInventoryHandler)),
        new("ProcessShipment", QueueNames.Shipments, typeof(ProcessShipmentHandler)),
        new("ProcessBigCommerceShipment", QueueNames.BigCommerceShipments, typeof(ProcessBigCommerceShipmentHandler)),
        new("ProcessProduct", QueueNames.Products, typeof(Catalog.ProcessProductHandler)),
        new("ProcessCatalogChange", QueueNames.CatalogPush, typeof(CatalogPush.ProcessCatalogChangeHandler)),
    ];
}
