using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;
using Connector.LocalHost;
using Connector.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.EndToEndTests.LocalHost;

[Collection(EndToEndCollection.Name)]
public sealed class HealthEndpointTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Reports_ok_with_the_backlog_and_poison_count_of_every_queue()
    {
        var queueName = $"e2e-{Guid.NewGuid():N}";
        await using var host = await InProcessLocalHost.StartAsync(
            azurite,
            new LocalHostTriggers([new QueueTrigger("TestQueue", queueName, typeof(ProbeQueueHandler))], []),
            configure: builder => builder.Services.AddSingleton(new QueueProbe()));
        var storage = host.Services.GetRequiredService<ConnectorStorage>();
        // Hidden for a minute, so the listener leaves them alone while they are counted.
        await storage.Queue(queueName).SendMessageAsync(new BinaryData("one"), TimeSpan.FromMinutes(1));
        await storage.Queue(queueName).SendMessageAsync(new BinaryData("two"), TimeSpan.FromMinutes(1));
        await storage.Queue(QueueNames.PoisonOf(queueName)).SendMessageAsync("dead");

        using var response = await host.Http.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        var queues = json.RootElement.GetProperty("queues");
        Assert.Equal(2, queues.GetProperty(queueName).GetProperty("approximateMessages").GetInt32());
        Assert.Equal(1, queues.GetProperty(queueName).GetProperty("poison").GetInt32());
        foreach (var connectorQueue in QueueNames.All)
        {
            Assert.True(queues.TryGetProperty(connectorQueue, out _), $"{connectorQueue} is reported");
        }
    }

    /// <summary>Storage going away answers 503, the listener survives it, and work resumes after.</summary>
    [Fact]
    public async Task A_storage_outage_answers_503_and_the_host_recovers_when_storage_returns()
    {
        var queueName = $"e2e-{Guid.NewGuid():N}";
        var probe = new QueueProbe();
        await using var host = await InProcessLocalHost.StartAsync(
            azurite,
            new LocalHostTriggers([new QueueTrigger("TestQueue", queueName, typeof(ProbeQueueHandler))], []),
            new Dictionary<string, string>
            {
                ["Connector:HealthTimeout"] = "00:00:02",
                ["extensions:queues:maxPollingInterval"] = "00:00:00.200",
            },
            builder => builder.Services.AddSingleton(probe));

        try
        {
            await azurite.StopAsync();

            using var down = await host.Http.GetAsync(new Uri("/api/health", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            using var json = JsonDocument.Parse(await down.Content.ReadAsStringAsync());
            Assert.Equal("unavailable", json.RootElement.GetProperty("status").GetString());
        }
        finally
        {
            await azurite.StartAsync();
        }

        await Eventually.TrueAsync(
            async () =>
            {
                using var up = await host.Http.GetAsync(new Uri("/api/health", UriKind.Relative));
                return up.StatusCode == HttpStatusCode.OK;
            },
            "health to recover");

        // The listener kept retrying through the outage and picks up new work.
        await host.Services.GetRequiredService<ConnectorStorage>().Queue(queueName).SendMessageAsync("after the outage");
        await Eventually.TrueAsync(() => probe.Succeeded == 1, "the message sent after the outage to be handled", TimeSpan.FromSeconds(60));
    }
}
