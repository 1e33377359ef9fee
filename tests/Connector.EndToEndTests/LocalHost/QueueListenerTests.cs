using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;
using Connector.LocalHost;
using Connector.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.EndToEndTests.LocalHost;

/// <summary>The queue listener against real Azurite: the Functions queue trigger's semantics.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class QueueListenerTests(AzuriteFixture azurite)
{
    // Short enough that retries and polls keep the suite quick (the service rounds to whole seconds, so 0 s here).
    private static readonly Dictionary<string, string> FastQueues = new()
    {
        ["extensions:queues:visibilityTimeout"] = "00:00:00.200",
        ["extensions:queues:maxPollingInterval"] = "00:00:00.200",
        ["extensions:queues:maxDequeueCount"] = "5",
    };

    [Fact]
    public async Task A_message_that_succeeds_is_handled_once_and_deleted()
    {
        var (queueName, probe) = NewQueue();
        await using var host = await StartAsync(queueName, probe);
        var queue = Queue(host, queueName);

        var body = """{"storeHash":"abc123","orderId":42}""";
        var sent = await queue.SendMessageAsync(body);

        await Eventually.TrueAsync(() => probe.Succeeded == 1, "the handler to succeed");
        await Eventually.TrueAsync(async () => await CountAsync(queue) == 0, "the message to be deleted");

        var call = Assert.Single(probe.Calls);
        Assert.Equal(sent.Value.MessageId, call.MessageId);
        Assert.Equal(body, call.Body);
        Assert.Equal(1, call.DequeueCount);
        Assert.NotNull(call.InsertedOn);
        Assert.Equal(0, await CountAsync(Queue(host, QueueNames.PoisonOf(queueName))));
    }

    [Fact]
    public async Task A_message_whose_handler_keeps_throwing_moves_to_poison_after_exactly_five_attempts_with_its_body_and_last_error()
    {
        var (queueName, probe) = NewQueue();
        probe.Behavior = (_, _) => throw new InvalidOperationException("back office says no");
        await using var host = await StartAsync(queueName, probe);
        var queue = Queue(host, queueName);
        var poison = Queue(host, QueueNames.PoisonOf(queueName));

        var body = """{"storeHash":"abc123","orderId":7,"note":"ünïcødé & <xml>"}""";
        var sent = await queue.SendMessageAsync(body);

        await Eventually.TrueAsync(async () => await CountAsync(poison) == 1, "the message to reach the poison queue");
        await Eventually.TrueAsync(async () => await CountAsync(queue) == 0, "the message to leave its queue");

        Assert.Equal([1L, 2L, 3L, 4L, 5L], probe.Calls.Select(c => c.DequeueCount));
        Assert.All(probe.Calls, c => Assert.Equal(body, c.Body));

        // The body as it was, plus what the last attempt knew.
        var poisoned = Assert.Single((await poison.PeekMessagesAsync(10)).Value).Body.ToString();
        var (original, details) = PoisonEnvelope.Unwrap(poisoned);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(original)), original);
        Assert.Equal(new PoisonDetails(queueName, "InvalidOperationException: back office says no", 5, details!.FailedAt, sent.Value.MessageId), details);

        // On the wire it is base64, as the Functions host writes (and reads) poison messages.
        var raw = new QueueClient(azurite.ConnectionString, QueueNames.PoisonOf(queueName));
        var rawText = Assert.Single((await raw.PeekMessagesAsync(10)).Value).Body.ToString();
        Assert.Equal(poisoned, Encoding.UTF8.GetString(Convert.FromBase64String(rawText)));

        // Nothing further happens to it.
        Assert.Equal(5, probe.Calls.Count);
    }

    [Fact]
    public async Task A_failing_message_that_is_not_JSON_is_moved_to_poison_by_the_host_exactly_as_it_was()
    {
        var (queueName, probe) = NewQueue();
        probe.Behavior = (_, _) => throw new InvalidOperationException("cannot read it");
        await using var host = await StartAsync(queueName, probe);
        var poison = Queue(host, QueueNames.PoisonOf(queueName));

        await Queue(host, queueName).SendMessageAsync("not json at all");

        await Eventually.TrueAsync(async () => await CountAsync(poison) == 1, "the message to reach the poison queue");
        Assert.Equal("not json at all", Assert.Single((await poison.PeekMessagesAsync(10)).Value).Body.ToString());
        Assert.Equal(5, probe.Calls.Count);
    }

    [Fact]
    public async Task A_message_that_fails_twice_then_succeeds_is_processed_once_successfully_and_not_poisoned()
    {
        var (queueName, probe) = NewQueue();
        probe.Behavior = (message, _) => message.DequeueCount <= 2
            ? throw new HttpRequestException("transient")
            : Task.CompletedTask;
        await using var host = await StartAsync(queueName, probe);
        var queue = Queue(host, queueName);

        await queue.SendMessageAsync("retry me");

        await Eventually.TrueAsync(() => probe.Succeeded == 1, "the third attempt to succeed");
        await Eventually.TrueAsync(async () => await CountAsync(queue) == 0, "the message to be deleted");

        Assert.Equal([1L, 2L, 3L], probe.Calls.Select(c => c.DequeueCount));
        Assert.Single(probe.Calls.Select(c => c.MessageId).Distinct());
        Assert.Equal(1, probe.Succeeded);
        Assert.Equal(0, await CountAsync(Queue(host, QueueNames.PoisonOf(queueName))));
    }

    [Fact]
    public async Task Messages_run_concurrently_up_to_batch_size_plus_new_batch_threshold()
    {
        var (queueName, probe) = NewQueue();
        probe.Behavior = (_, ct) => Task.Delay(300, ct);
        var settings = new Dictionary<string, string>(FastQueues)
        {
            ["extensions:queues:batchSize"] = "4",
            ["extensions:queues:newBatchThreshold"] = "2",
        };
        // Queued before the host starts, so the first receive finds a full batch.
        var queue = new QueueClient(azurite.ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        await Task.WhenAll(Enumerable.Range(1, 16).Select(i => queue.SendMessageAsync($"message {i}")));
        await using var host = await StartAsync(queueName, probe, settings);

        await Eventually.TrueAsync(() => probe.Succeeded == 16, "all 16 messages to be handled");
        await Eventually.TrueAsync(async () => await CountAsync(queue) == 0, "all messages to be deleted");

        Assert.Equal(16, probe.Calls.Select(c => c.MessageId).Distinct().Count());
        // 4 received, then 4 more once in-flight fell to 2: never more than 6 at once.
        Assert.InRange(probe.MaxConcurrent, 4, 6);
    }

    [Fact]
    public async Task A_handler_that_outlives_the_lease_keeps_its_message_hidden()
    {
        var (queueName, probe) = NewQueue();
        probe.Behavior = (_, ct) => Task.Delay(TimeSpan.FromSeconds(3), ct);
        var settings = new Dictionary<string, string>(FastQueues) { ["LocalHost:MessageLease"] = "00:00:01" };
        await using var host = await StartAsync(queueName, probe, settings);
        var queue = Queue(host, queueName);

        await queue.SendMessageAsync("slow");

        await Eventually.TrueAsync(() => probe.Succeeded == 1, "the slow handler to finish");
        await Eventually.TrueAsync(async () => await CountAsync(queue) == 0, "the message to be deleted");
        Assert.Single(probe.Calls);
    }

    [Fact]
    public async Task Shutdown_lets_in_flight_messages_finish()
    {
        var (queueName, probe) = NewQueue();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        probe.Behavior = async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(TimeSpan.FromMilliseconds(700), ct);
        };
        var host = await StartAsync(queueName, probe);
        var queue = Queue(host, queueName);
        await queue.SendMessageAsync("finish me");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await host.DisposeAsync();

        Assert.Equal(1, probe.Succeeded);
        Assert.Equal(0, probe.Cancelled);
        Assert.Equal(0, await CountAsync(new QueueClient(azurite.ConnectionString, queueName)));
    }

    [Fact]
    public async Task A_queue_function_disabled_as_the_Functions_host_disables_one_leaves_its_messages_queued()
    {
        var (queueName, probe) = NewQueue();
        await using (var host = await StartAsync(queueName, probe, new Dictionary<string, string>(FastQueues) { ["AzureWebJobs.TestQueue.Disabled"] = "true" }))
        {
            await Queue(host, queueName).SendMessageAsync("""{"storeHash":"abc123","orderId":1}""");
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Empty(probe.Calls);
            Assert.Equal(1, await CountAsync(Queue(host, queueName)));
        }

        // Enabled again, it takes the message that waited.
        await using var enabled = await StartAsync(queueName, probe);
        await Eventually.TrueAsync(() => probe.Succeeded == 1, "the waiting message handled");
    }

    private static (string QueueName, QueueProbe Probe) NewQueue() => ($"e2e-{Guid.NewGuid():N}", new QueueProbe());

    private Task<InProcessLocalHost> StartAsync(string queueName, QueueProbe probe, IReadOnlyDictionary<string, string>? settings = null) =>
        InProcessLocalHost.StartAsync(
            azurite,
            new LocalHostTriggers([new QueueTrigger("TestQueue", queueName, typeof(ProbeQueueHandler))], []),
            settings ?? FastQueues,
            builder => builder.Services.AddSingleton(probe));

    private static QueueClient Queue(InProcessLocalHost host, string name) =>
        host.Services.GetRequiredService<ConnectorStorage>().Queue(name);

    /// <summary>The service's count includes messages hidden by a lease, so 0 means deleted.</summary>
    private static async Task<int> CountAsync(QueueClient queue) =>
        (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
}
