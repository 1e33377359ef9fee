using System.Text.Json;
using Connector.Hosting;

namespace Connector.Tests.Hosting;

/// <summary>
/// LocalHost runs exactly <see cref="TriggerCatalog"/>; the Azure Functions app declares its triggers in
/// attributes. These tests read the app's source (it is not built with the solution) and hold every
/// <c>[Function]</c> to the catalogue: same names, queues, schedule settings, HTTP methods and routes,
/// same handlers, nothing missing and nothing extra. So the two hosts cannot drift apart.
/// </summary>
public sealed class FunctionsCatalogDriftTests
{
    private static readonly Lazy<string> RepositoryRoot = new(FindRepositoryRoot);

    private static string FunctionsAppDirectory => Path.Combine(RepositoryRoot.Value, "functions", "Connector.Functions");

    [Fact]
    public void The_functions_app_declares_exactly_the_catalogue_triggers()
    {
        var declared = FunctionsSourceReader.ReadDirectory(FunctionsAppDirectory);

        Assert.NotEmpty(declared);
        var drift = Drift(declared);
        Assert.True(drift.Count == 0, "The Functions app and TriggerCatalog differ:\n" + string.Join("\n", drift));
    }

    [Fact]
    public void The_sample_settings_define_every_timer_schedule_setting()
    {
        // The Functions host cannot index a timer whose %Setting% is missing; LocalHost would fall back to the default.
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Value, "local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values");

        Assert.All(TriggerCatalog.Timers, timer => Assert.True(
            values.TryGetProperty(timer.ScheduleSetting, out _), $"local.settings.sample.json has no {timer.ScheduleSetting}"));
    }

    [Fact]
    public void The_reader_resolves_literals_constants_concatenation_and_nameof()
    {
        var declared = FunctionsSourceReader.Read(new Dictionary<string, string>
        {
            ["Names.cs"] = """
                static class Names { public const string Poll = nameof(OrderPoll); public const string Setting = "%" + "OrderPollSchedule" + "%"; }
                """,
            ["Functions.cs"] = """
                using Microsoft.Azure.Functions.Worker;
                class F
                {
                    [Function(Names.Poll)] public Task A([TimerTrigger(Names.Setting)] TimerInfo t) => Run<OrderPollTimer>(t);
                    [Function("ProcessOrder")] public Task B([QueueTrigger(queueName: Connector.Hosting.QueueNames.Orders)] string m) => Run<ProcessOrderHandler>(m);
                    [FunctionAttribute("BigCommerceAuth")] public Task<IResult> C([HttpTrigger(AuthorizationLevel.Anonymous, "GET", Route = "bigcommerce/" + "auth")] HttpRequest r) => Handle<AuthCallbackHandler>(r);
                    public Task NotAFunction([QueueTrigger("elsewhere")] string m) => Task.CompletedTask;
                }
                """,
        });

        Assert.Equal(["OrderPoll", "ProcessOrder", "BigCommerceAuth"], declared.Select(f => f.Name));
        Assert.Equal(new DeclaredTimer("%OrderPollSchedule%", RunOnStartup: false), declared[0].Trigger);
        Assert.Equal(new DeclaredQueue(QueueNames.Orders, Connection: null), declared[1].Trigger);
        var http = Assert.IsType<DeclaredHttp>(declared[2].Trigger);
        Assert.Equal(("Anonymous", "GET", "bigcommerce/auth"), (http.AuthLevel, Assert.Single(http.Methods), http.Route));
        Assert.Contains("AuthCallbackHandler", declared[2].NamesInBody);
    }

    [Fact]
    public void Drift_in_any_binding_or_handler_is_reported()
    {
        var declared = FunctionsSourceReader.Read(new Dictionary<string, string>
        {
            ["Functions.cs"] = """
                class F
                {
                    [Function("OrderPoll")] public Task A([TimerTrigger("0 */5 * * * *", RunOnStartup = true)] TimerInfo t) => Run<OrderPollTimer>(t);
                    [Function("StoreSync")] public Task B([QueueTrigger("orders", Connection = "Other")] QueueMessage m) => Handle<StoreSyncHandler>(m);
                    [Function("ProcessOrder")] public Task C([QueueTrigger(QueueNames.Orders)] QueueMessage m) => Handle<StoreSyncHandler>(m);
                    [Function("BigCommerceAuth")] public Task<IResult> D([HttpTrigger(AuthorizationLevel.Function, "post", Route = "bigcommerce/oauth")] HttpRequest r) => Handle<AuthCallbackHandler>(r);
                    [Function("BigCommerceLoad")] public Task<IResult> E([HttpTrigger("get")] HttpRequest r) => Handle<LoadCallbackHandler>(r);
                    [Function("Extra")] public Task<IResult> G([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "extra")] HttpRequest r) => Handle<LoadCallbackHandler>(r);
                }
                """,
        });

        var drift = Drift(declared);

        string[] expected =
        [
            "Extra: not in TriggerCatalog",
            "BigCommerceUninstall: in TriggerCatalog, but the Functions app has no such function",
            "BigCommerceRemoveUser: in TriggerCatalog, but the Functions app has no such function",
            "RegisterApiAccountStore: in TriggerCatalog, but the Functions app has no such function",
            "BigCommerceWebhook: in TriggerCatalog, but the Functions app has no such function",
            "BigCommerceDeliveryException: in TriggerCatalog, but the Functions app has no such function",
            "ListPoisonMessages: in TriggerCatalog, but the Functions app has no such function",
            "RequeuePoisonMessages: in TriggerCatalog, but the Functions app has no such function",
            "InventoryPush: in TriggerCatalog, but the Functions app has no such function",
            "ProcessInventory: in TriggerCatalog, but the Functions app has no such function",
            "OrderPoll: schedule '0 */5 * * * *', expected '%OrderPollSchedule%'",
            "OrderPoll: RunOnStartup must stay false in Azure",
            "StoreSync: queue 'orders', expected 'store-sync'",
            "StoreSync: Connection 'Other'; both hosts use AzureWebJobsStorage",
            "ProcessOrder: does not call ProcessOrderHandler",
            "ProcessOrder: calls StoreSyncHandler, another function's handler",
            "BigCommerceAuth: AuthorizationLevel.Function, expected AuthorizationLevel.Anonymous",
            "BigCommerceAuth: methods [post], expected [GET]",
            "BigCommerceAuth: route 'bigcommerce/oauth', expected 'bigcommerce/auth'",
            "BigCommerceLoad: AuthorizationLevel (default), expected AuthorizationLevel.Anonymous",
            "BigCommerceLoad: route '(none)', expected 'bigcommerce/load'",
        ];
        Assert.All(expected, problem => Assert.Contains(problem, drift));
        Assert.Equal(expected.Length, drift.Count);
    }

    /// <summary>Every way the declared functions differ from the catalogue; empty when they agree.</summary>
    private static List<string> Drift(IReadOnlyList<DeclaredFunction> declared)
    {
        var problems = new List<string>();
        var byName = declared.GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var catalogue = TriggerCatalog.Timers.Select(t => (t.FunctionName, t.Handler))
            .Concat(TriggerCatalog.Queues.Select(q => (q.FunctionName, q.Handler)))
            .Concat(TriggerCatalog.Http.Select(h => (h.FunctionName, h.Handler)))
            .ToList();

        problems.AddRange(byName.Where(g => g.Value.Count > 1).Select(g => $"{g.Key}: declared {g.Value.Count} times ({string.Join(", ", g.Value.Select(f => f.Location))})"));
        problems.AddRange(byName.Keys.Except(catalogue.Select(c => c.FunctionName)).Select(name => $"{name}: not in TriggerCatalog"));
        problems.AddRange(catalogue.Where(c => !byName.ContainsKey(c.FunctionName)).Select(c => $"{c.FunctionName}: in TriggerCatalog, but the Functions app has no such function"));

        DeclaredFunction? Find(string name) => byName.TryGetValue(name, out var found) ? found[0] : null;

        foreach (var timer in TriggerCatalog.Timers)
        {
            if (Find(timer.FunctionName) is not { } function)
            {
                continue;
            }

            if (function.Trigger is not DeclaredTimer declaredTimer)
            {
                problems.Add($"{timer.FunctionName}: expected a timer trigger, found {function.Trigger}");
                continue;
            }

            var schedule = $"%{timer.ScheduleSetting}%";
            Check(declaredTimer.Schedule == schedule, $"{timer.FunctionName}: schedule '{declaredTimer.Schedule}', expected '{schedule}'");
            Check(!declaredTimer.RunOnStartup, $"{timer.FunctionName}: RunOnStartup must stay false in Azure");
        }

        foreach (var queue in TriggerCatalog.Queues)
        {
            if (Find(queue.FunctionName) is not { } function)
            {
                continue;
            }

            if (function.Trigger is not DeclaredQueue declaredQueue)
            {
                problems.Add($"{queue.FunctionName}: expected a queue trigger, found {function.Trigger}");
                continue;
            }

            Check(declaredQueue.QueueName == queue.QueueName, $"{queue.FunctionName}: queue '{declaredQueue.QueueName}', expected '{queue.QueueName}'");
            Check(declaredQueue.Connection is null, $"{queue.FunctionName}: Connection '{declaredQueue.Connection}'; both hosts use AzureWebJobsStorage");
        }

        foreach (var http in TriggerCatalog.Http)
        {
            if (Find(http.FunctionName) is not { } function)
            {
                continue;
            }

            if (function.Trigger is not DeclaredHttp declaredHttp)
            {
                problems.Add($"{http.FunctionName}: expected an HTTP trigger, found {function.Trigger}");
                continue;
            }

            // LocalHost asks for no function key; the handlers check their own credentials (the operator ones need a key in Azure too).
            Check(declaredHttp.AuthLevel == http.AuthLevel, $"{http.FunctionName}: AuthorizationLevel{(declaredHttp.AuthLevel is { } level ? "." + level : " (default)")}, expected AuthorizationLevel.{http.AuthLevel}");
            Check(
                declaredHttp.Methods.Count == 1 && string.Equals(declaredHttp.Methods[0], http.Method, StringComparison.OrdinalIgnoreCase),
                $"{http.FunctionName}: methods [{string.Join(", ", declaredHttp.Methods)}], expected [{http.Method}]");
            Check(declaredHttp.Route == http.Route, $"{http.FunctionName}: route '{declaredHttp.Route ?? "(none)"}', expected '{http.Route}'");
        }

        foreach (var (functionName, handler) in catalogue)
        {
            if (Find(functionName) is not { } function)
            {
                continue;
            }

            Check(function.NamesInBody.Contains(handler.Name), $"{functionName}: does not call {handler.Name}");
            var others = catalogue.Select(c => c.Handler.Name).Where(n => n != handler.Name && function.NamesInBody.Contains(n)).Distinct();
            problems.AddRange(others.Select(other => $"{functionName}: calls {other}, another function's handler"));
        }

        return problems;

        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Connector.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Connector.sln above {AppContext.BaseDirectory}: cannot find the repository root.");
    }
}
