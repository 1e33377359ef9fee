using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.EndToEndTests.LocalHost;

/// <summary>LocalHost reads host.json and local.settings.json as the Functions host does.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConfigurationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Reads_host_json_and_the_values_of_local_settings_json_below_the_command_line()
    {
        var directory = Directory.CreateTempSubdirectory("connector-localsettings-");
        try
        {
            var file = Path.Combine(directory.FullName, "local.settings.json");
            await File.WriteAllTextAsync(file, """
                {
                  "IsEncrypted": false,
                  "Values": {
                    "extensions__queues__batchSize": "7",
                    "BigCommerce__ApiBaseUrl": "http://127.0.0.1:5001",
                    "OrderPollSchedule": "0 */1 * * * *",
                    "Overridden": "from the file",
                    "AsNumber": 42
                  },
                  "ConnectionStrings": { "Ignored": "yes" }
                }
                """);

            var app = InProcessLocalHost.Build(azurite, settings: new Dictionary<string, string>
            {
                ["LocalHost:LocalSettingsPath"] = file,
                ["Overridden"] = "from the command line",
            });
            await using var _ = app;
            var configuration = app.Services.GetRequiredService<IConfiguration>();

            Assert.Equal("http://127.0.0.1:5001", configuration["BigCommerce:ApiBaseUrl"]);
            Assert.Equal("0 */1 * * * *", configuration["OrderPollSchedule"]);
            Assert.Equal("from the command line", configuration["Overridden"]);
            Assert.Equal("42", configuration["AsNumber"]);
            Assert.Null(configuration["Ignored"]);
            // host.json is loaded too (its version key has no other source).
            Assert.Equal("2.0", configuration["version"]);

            var queues = app.Services.GetRequiredService<IOptions<QueueHostOptions>>().Value;
            Assert.Equal(7, queues.BatchSize);
            Assert.Equal(5, queues.MaxDequeueCount);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_queue_setting_outside_the_Functions_limits_fails_the_start()
    {
        var app = InProcessLocalHost.Build(azurite, settings: new Dictionary<string, string> { ["extensions:queues:batchSize"] = "64" });
        await using var _ = app;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("batchSize", error.Message, StringComparison.Ordinal);
    }
}
