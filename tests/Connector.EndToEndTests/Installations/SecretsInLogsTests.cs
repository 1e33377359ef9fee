using Connector.EndToEndTests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Connector.EndToEndTests.Installations;

/// <summary>
/// A whole app life (install, webhooks subscribed, orders delivered, the app opened, a user removed, uninstall, reinstall)
/// logged at Trace: no line carries a callback JWT, an OAuth code, a store's token or any of the app's secrets.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SecretsInLogsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task No_log_line_carries_a_jwt_a_code_a_token_or_a_secret()
    {
        var logs = new CapturedLogs();
        await using var system = await ConnectorSystem.StartAsync(azurite, new()
        {
            ConnectStore = false,
            Webhooks = true,
            // Everything at Trace, including the categories host.json and the test host's appsettings.json turn down:
            // an operator chasing a problem may do the same, and nothing secret may appear then either.
            Settings = new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.AspNetCore.Hosting.Diagnostics", "System.Net.Http.HttpClient", "Azure.Core", "Polly" }
                .ToDictionary(category => $"Logging:LogLevel:{category}", _ => "Trace"),
            Configure = b => b.Logging.AddProvider(logs),
        });
        var store = system.StoreHash;
        var secrets = new List<(string What, string Value)>
        {
            ("client secret", system.Sandbox.Options.App.ClientSecret),
            ("back-office signing secret", system.Sandbox.Options.BackOffice.SigningSecret),
            ("Key Vault development token", system.Sandbox.Options.KeyVault.AccessToken),
            ("admin key", ConnectorSystem.AdminKey),
        };

        var install = await system.Admin.InstallAsync(store, Url(system, "auth"), userId: 700, ownerId: 700);
        Assert.Equal(200, install["callbackStatus"]!.GetValue<int>());
        secrets.Add(("OAuth code", install["code"]!.GetValue<string>()));
        secrets.Add(("store token", await system.Admin.StoreTokenAsync(store)));
        var order = (await system.Admin.CreateOrdersAsync(store, 1)).Single();
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(store)).Order(order) is not null, "the order delivered", TimeSpan.FromSeconds(60));
        foreach (var (kind, path, user) in new[] { ("load", "load", 701L), ("load", "load", 700L), ("remove_user", "remove-user", 701L), ("uninstall", "uninstall", 700L) })
        {
            var callback = await system.Admin.CallbackAsync(store, kind, Url(system, path), userId: user);
            Assert.Equal(200, callback["status"]!.GetValue<int>());
            secrets.Add(($"{kind} JWT", callback["jwt"]!.GetValue<string>()));
        }

        var reinstall = await system.Admin.InstallAsync(store, Url(system, "auth"), userId: 700, ownerId: 700);
        Assert.Equal(200, reinstall["callbackStatus"]!.GetValue<int>());
        secrets.Add(("second OAuth code", reinstall["code"]!.GetValue<string>()));
        secrets.Add(("second store token", await system.Admin.StoreTokenAsync(store)));
        await system.RunOrderPollAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));

        var lines = logs.Lines.ToList();
        Assert.Contains(lines, l => l.StartsWith("Trace", StringComparison.Ordinal) || l.StartsWith("Debug", StringComparison.Ordinal));
        // The requests are still logged: their path, status and duration, without the query.
        Assert.Contains(lines, l => l.Contains("HttpLogging", StringComparison.Ordinal) && l.Contains("/api/bigcommerce/uninstall", StringComparison.Ordinal));
        var leaks = secrets
            .SelectMany(secret => lines.Where(l => l.Contains(secret.Value, StringComparison.Ordinal))
                .Select(l => l.Replace(secret.Value, $"<{secret.What}>", StringComparison.Ordinal)))
            .Select(l => l[..Math.Min(300, l.Length)])
            .ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log lines carry a secret:\n{string.Join("\n", leaks.Distinct().Take(20))}");
    }

    private static Uri Url(ConnectorSystem system, string callback) => new(system.Connector.BaseAddress, $"api/bigcommerce/{callback}");
}
