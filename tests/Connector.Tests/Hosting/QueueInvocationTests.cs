using System.Text.Json;
using Connector.Hosting;
using Connector.Orders;
using Connector.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Connector.Tests.Hosting;

public sealed class QueueInvocationTests
{
    private const string Body = """{"storeHash":"abc123","orderId":42,"modifiedAt":null,"source":"poll","correlationId":"c1"}""";
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly Mock<IPoisonQueue> poison = new();
    private readonly Mock<IQueueMessageHandler> handler = new();

    private QueueInvocation Invocation() =>
        new(poison.Object, Options.Create(new QueueHostOptions()), new FakeTimeProvider(Now), NullLogger<QueueInvocation>.Instance);

    private static QueueWorkItem Attempt(long dequeueCount, string body = Body) => new("m-1", body, dequeueCount, Now.AddMinutes(-5));

    private void HandlerThrows(Exception ex) =>
        handler.Setup(h => h.HandleAsync(It.IsAny<QueueWorkItem>(), It.IsAny<CancellationToken>())).ThrowsAsync(ex);

    [Fact]
    public async Task A_handler_that_returns_completes_and_sends_nothing()
    {
        var outcome = await Invocation().RunAsync(QueueNames.Orders, handler.Object, Attempt(5), CancellationToken.None);

        Assert.Equal(QueueRunOutcome.Completed, outcome);
        poison.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task An_earlier_attempt_that_fails_rethrows_for_the_queue_to_retry(long attempt)
    {
        var failure = new InvalidOperationException("back office says no");
        HandlerThrows(failure);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Invocation().RunAsync(QueueNames.Orders, handler.Object, Attempt(attempt), CancellationToken.None));

        Assert.Same(failure, thrown);
        poison.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task The_last_attempt_that_fails_sends_the_body_with_the_poison_details_and_completes()
    {
        HandlerThrows(new InvalidOperationException("The back office answered 500: down for maintenance"));
        string? sent = null;
        poison.Setup(p => p.SendAsync(QueueNames.Orders, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, CancellationToken>((_, body, _) => sent = body)
            .Returns(Task.CompletedTask);

        var outcome = await Invocation().RunAsync(QueueNames.Orders, handler.Object, Attempt(5), CancellationToken.None);

        Assert.Equal(QueueRunOutcome.Poisoned, outcome);
        using var json = JsonDocument.Parse(sent!);
        Assert.Equal("abc123", json.RootElement.GetProperty("storeHash").GetString());
        Assert.Equal(42, json.RootElement.GetProperty("orderId").GetInt64());
        var details = json.RootElement.GetProperty("poison");
        Assert.Equal("orders", details.GetProperty("queue").GetString());
        Assert.Equal("InvalidOperationException: The back office answered 500: down for maintenance", details.GetProperty("lastError").GetString());
        Assert.Equal(5, details.GetProperty("attempts").GetInt64());
        Assert.Equal(Now, details.GetProperty("failedAt").GetDateTimeOffset());
        Assert.Equal("m-1", details.GetProperty("originalMessageId").GetString());

        // The handler still reads the enveloped body, and requeue gives back the original.
        Assert.Equal(42, WorkQueue.Read<OrderMessage>(sent!).OrderId);
        Assert.Equal(JsonDocument.Parse(Body).RootElement.ToString(), JsonDocument.Parse(PoisonEnvelope.Unwrap(sent!).Body).RootElement.ToString());
    }

    [Fact]
    public async Task An_invalid_message_on_its_last_attempt_is_poisoned_with_its_error_like_any_other()
    {
        HandlerThrows(new InvalidMessageException("An inventory message needs a store, a SKU and quantities from 0 up."));
        string? sent = null;
        poison.Setup(p => p.SendAsync(QueueNames.Inventory, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, CancellationToken>((_, body, _) => sent = body)
            .Returns(Task.CompletedTask);

        var outcome = await Invocation().RunAsync(QueueNames.Inventory, handler.Object, Attempt(5, """{"storeHash":"abc123","sku":"SKU-1"}"""), CancellationToken.None);

        Assert.Equal(QueueRunOutcome.Poisoned, outcome);
        Assert.Contains("InvalidMessageException: An inventory message needs", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_poison_send_fails_the_original_exception_is_rethrown_so_the_host_moves_the_message()
    {
        var failure = new InvalidOperationException("back office says no");
        HandlerThrows(failure);
        poison.Setup(p => p.SendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("storage unreachable"));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Invocation().RunAsync(QueueNames.Orders, handler.Object, Attempt(5), CancellationToken.None));

        Assert.Same(failure, thrown);
    }

    [Fact]
    public async Task A_body_that_is_not_a_JSON_object_is_left_to_the_host_to_move_as_it_is()
    {
        var failure = new InvalidMessageException("The message body is not a OrderMessage");
        HandlerThrows(failure);

        var thrown = await Assert.ThrowsAsync<InvalidMessageException>(() => Invocation().RunAsync(QueueNames.Orders, handler.Object, Attempt(5, "not json"), CancellationToken.None));

        Assert.Same(failure, thrown);
        poison.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_run_cancelled_by_shutdown_on_the_last_attempt_is_not_poisoned()
    {
        using var shutdown = new CancellationTokenSource();
        await shutdown.CancelAsync();
        HandlerThrows(new OperationCanceledException(shutdown.Token));

        await Assert.ThrowsAsync<OperationCanceledException>(() => Invocation().RunAsync(QueueNames.Orders, handler.Object, Attempt(5), shutdown.Token));

        poison.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_long_error_is_cut_and_carries_no_stack()
    {
        HandlerThrows(new InvalidOperationException(new string('x', 5000)));
        string? sent = null;
        poison.Setup(p => p.SendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, CancellationToken>((_, body, _) => sent = body)
            .Returns(Task.CompletedTask);

        await Invocation().RunAsync(QueueNames.Orders, handler.Object, Attempt(5), CancellationToken.None);

        var lastError = JsonDocument.Parse(sent!).RootElement.GetProperty("poison").GetProperty("lastError").GetString()!;
        Assert.Equal(PoisonEnvelope.MaxErrorLength, lastError.Length);
        Assert.DoesNotContain(" at ", lastError, StringComparison.Ordinal);
    }
}
