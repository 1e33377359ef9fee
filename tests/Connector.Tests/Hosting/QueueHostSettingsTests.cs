using System.Text.Json;
using Connector.Hosting;

namespace Connector.Tests.Hosting;

/// <summary>
/// The Functions host reads host.json; the isolated worker cannot, and knows MaxDequeueCount only from app settings
/// or its default. If the two disagreed, the worker would poison too early or leave the host to move messages bare.
/// </summary>
public sealed class QueueHostSettingsTests
{
    [Fact]
    public void Host_json_max_dequeue_count_is_the_default_the_code_uses()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "host.json")));
        var maxDequeueCount = hostJson.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32();

        Assert.Equal(QueueHostOptions.DefaultMaxDequeueCount, maxDequeueCount);
        Assert.Equal(maxDequeueCount, new QueueHostOptions().MaxDequeueCount);
    }

    [Fact]
    public void No_http_route_is_in_the_space_the_Functions_host_reserves()
    {
        // The host refuses to index such a function ("The specified route conflicts with one or more built in routes").
        Assert.All(TriggerCatalog.Http, trigger => Assert.DoesNotContain(
            trigger.Route.Split('/')[0], HttpTrigger.ReservedFirstSegments, StringComparer.OrdinalIgnoreCase));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Connector.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Connector.sln above {AppContext.BaseDirectory}.");
    }
}
