using Connector.Hosting;

namespace Connector.MerchantPage;

/// <summary>The page's routes below <c>api/</c>, as the trigger catalogue declares them, and the paths its forms post to.</summary>
public static class PageRoutes
{
    public const string PageRoute = "app/page";
    public const string SettingsRoute = "app/settings";
    public const string ActionsRoute = "app/actions";
    public const string ConsoleRoute = "app/console";
    public const string ConsoleStoreRoute = "app/console/store";

    public const string Page = "/" + HttpTrigger.RoutePrefix + "/" + PageRoute;
    public const string Settings = "/" + HttpTrigger.RoutePrefix + "/" + SettingsRoute;
    public const string Actions = "/" + HttpTrigger.RoutePrefix + "/" + ActionsRoute;
    public const string Console = "/" + HttpTrigger.RoutePrefix + "/" + ConsoleRoute;
    public const string ConsoleStore = "/" + HttpTrigger.RoutePrefix + "/" + ConsoleStoreRoute;
}
