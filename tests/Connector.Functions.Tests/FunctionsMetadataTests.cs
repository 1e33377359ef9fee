using Connector.Functions.Tests.Infrastructure;
using Connector.Hosting;

namespace Connector.Functions.Tests;

/// <summary>
/// What Azure will run is what the Worker SDK wrote into functions.metadata at build time. LocalHost runs
/// <see cref="TriggerCatalog"/>; these tests hold the one to the other, binding by binding, so the two hosts cannot drift.
/// </summary>
public sealed class FunctionsMetadataTests
{
    [Fact]
    public void The_built_app_has_exactly_the_catalogue_functions()
    {
        var catalogue = TriggerCatalog.Timers.Select(t => t.FunctionName)
            .Concat(TriggerCatalog.Queues.Select(q => q.FunctionName))
            .Concat(TriggerCatalog.Http.Select(h => h.FunctionName));

        Assert.Equal(catalogue.Order(StringComparer.Ordinal), BuiltFunctionsApp.Functions.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_timer_is_scheduled_by_its_setting()
    {
        Assert.All(TriggerCatalog.Timers, timer =>
        {
            var function = BuiltFunctionsApp.Function(timer.FunctionName);
            Assert.Equal("timerTrigger", function.TriggerType);
            Assert.Equal($"%{timer.ScheduleSetting}%", function.Property("schedule"));
            // RunOnStartup stays off in Azure: a scale-out or restart would otherwise run the poll again.
            Assert.Null(function.Trigger["runOnStartup"]);
        });
    }

    [Fact]
    public void Each_queue_function_binds_its_queue_on_the_storage_connection()
    {
        Assert.All(TriggerCatalog.Queues, queue =>
        {
            var function = BuiltFunctionsApp.Function(queue.FunctionName);
            Assert.Equal("queueTrigger", function.TriggerType);
            Assert.Equal(queue.QueueName, function.Property("queueName"));
            Assert.Equal(queue.Connection, function.Property("connection"));
        });
    }

    [Fact]
    public void Each_http_function_has_the_catalogue_route_method_and_auth_level()
    {
        Assert.All(TriggerCatalog.Http, http =>
        {
            var function = BuiltFunctionsApp.Function(http.FunctionName);
            Assert.Equal("httpTrigger", function.TriggerType);
            Assert.Equal(http.Route, function.Property("route"));
            Assert.Equal([http.Method], function.Methods.Select(m => m.ToUpperInvariant()));
            Assert.Equal(http.AuthLevel, function.Property("authLevel"));
            Assert.DoesNotContain(http.Route.Split('/')[0], HttpTrigger.ReservedFirstSegments);
        });
    }

    [Fact]
    public void Operator_endpoints_want_a_function_key_and_only_signed_callers_and_the_apps_page_are_anonymous()
    {
        var anonymous = BuiltFunctionsApp.Functions.Where(f => f.TriggerType == "httpTrigger" && f.Property("authLevel") == "Anonymous")
            .Select(f => f.Property("route")!).Order(StringComparer.Ordinal);

        // BigCommerce's callbacks (signed JWTs and webhook signatures) and the back office's push (signed with its secret).
        Assert.Equal(
            // The page's routes take the page session its handlers check: a browser in the control panel's iframe has no function key.
            // The operator console signs in with the admin key in its form, for the same reason. The back office's push is signed with its secret.
            ["app/actions", "app/console", "app/console", "app/console/store", "app/page", "app/settings", "backoffice/catalog-changes", "backoffice/shipments",
             "bigcommerce/auth", "bigcommerce/load", "bigcommerce/remove-user", "bigcommerce/uninstall", "webhooks/bigcommerce", "webhooks/bigcommerce/delivery-exception"],
            anonymous);
        Assert.Equal("Function", BuiltFunctionsApp.Function("RegisterApiAccountStore").Property("authLevel"));
        Assert.Equal("Function", BuiltFunctionsApp.Function("Health").Property("authLevel"));
    }

    [Fact]
    public void Every_entry_point_is_a_method_of_the_app_that_hands_its_trigger_to_the_catalogue_handler()
    {
        Assert.All(BuiltFunctionsApp.Functions, function =>
        {
            var method = BuiltFunctionsApp.EntryPoint(function);
            Assert.True(typeof(Task).IsAssignableFrom(method.ReturnType), $"{function.Name} returns a Task");
            Assert.Contains(method.GetParameters(), p => p.Name == function.Trigger["name"]!.GetValue<string>());
        });
    }

    [Fact]
    public void The_host_loads_the_storage_queues_extension()
    {
        var names = BuiltFunctionsApp.Extensions["extensions"]!.AsArray().Select(e => e!["name"]!.GetValue<string>());

        Assert.Contains("AzureStorageQueues", names);
        var queues = BuiltFunctionsApp.Extensions["extensions"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "AzureStorageQueues")!;
        Assert.StartsWith("Microsoft.Azure.WebJobs.Extensions.Storage.AzureStorageQueuesWebJobsStartup", queues["typeName"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_timer_schedule_setting_is_in_the_sample_settings()
    {
        // The host cannot index a timer whose %Setting% is missing.
        var sample = AppSettings.FromSample(new Dictionary<string, string>());
        Assert.All(TriggerCatalog.Timers, timer => Assert.True(sample.ContainsKey(timer.ScheduleSetting), $"local.settings.sample.json has no {timer.ScheduleSetting}"));
    }

    [Fact]
    public void The_built_host_json_holds_only_settings_that_work_in_OpenTelemetry_mode()
    {
        var hostJson = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "built-app", "host.json")))!;

        Assert.Equal("OpenTelemetry", hostJson["telemetryMode"]!.GetValue<string>());
        // Application Insights' own SDK settings (sampling among them) do nothing once the host exports through OpenTelemetry.
        Assert.Null(hostJson["logging"]!["applicationInsights"]);
        Assert.Equal(5, hostJson["extensions"]!["queues"]!["maxDequeueCount"]!.GetValue<int>());
    }
}
