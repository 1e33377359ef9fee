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

    private readonly Mock<IRetryQueue> retry = new();

    private QueueInvocation Invocation(int rounds = 0) =>
        new(poison.Object, retry.Object, Options.Create(new QueueHostOptions()), Options.Create(new QueueRetryOptions { Rounds = rounds }),
            new FakeTimeProvider(Now), NullLogger<QueueInvocation>.Instance);

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
    public async Task With_rounds_left_the_last_attempt_sends_the_message_back_later_marked_with_its_round()
    {
        HandlerThrows(new InvalidOperationException("back office down"));
        string? sent = null;
        TimeSpan delay = default;
        retry.Setup(r => r.SendLaterAsync(QueueNames.Orders, It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, TimeSpan, CancellationToken>((_, body, d, _) => (sent, delay) = (body, d))
            .Returns(Task.CompletedTask);

        var outcome = await Invocation(rounds: 3).RunAsync(QueueNames.Orders, handler.Object, Attempt(5), CancellationToken.None);

        Assert.Equal(QueueRunOutcome.RetryLater, outcome);
        Assert.Equal(TimeSpan.FromMinutes(1), delay);
        var round = RetryRounds.Of(sent!)!;
        Assert.Equal(1, round.Round);
        Assert.Contains("back office down", round.LastError);
        Assert.Equal(42, WorkQueue.Read<OrderMessage>(sent!).OrderId);
        poison.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_message_whose_worker_died_on_its_last_attempt_is_not_run_again_but_sent_back_for_a_later_round()
    {
        string? sent = null;
        retry.Setup(r => r.SendLaterAsync(QueueNames.Orders, It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, TimeSpan, CancellationToken>((_, body, _, _) => sent = body)
            .Returns(Task.CompletedTask);

        var outcome = await Invocation(rounds: 3).RunAsync(QueueNames.Orders, handler.Object, Attempt(6), CancellationToken.None);

        Assert.Equal(QueueRunOutcome.RetryLater, outcome);
        handler.VerifyNoOtherCalls();
        poison.VerifyNoOtherCalls();
        var round = RetryRounds.Of(sent!)!;
        Assert.Equal(1, round.Round);
        Assert.Contains("stopped before it finished", round.LastError);
        Assert.Equal(42, WorkQueue.Read<OrderMessage>(sent!).OrderId);
    }

    [Fact]
    public async Task Without_rounds_left_a_message_whose_worker_died_on_its_last_attempt_goes_to_poison_saying_so()
    {
        string? poisoned = null;
        poison.Setup(p => p.SendAsync(QueueNames.Orders, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, CancellationToken>((_, body, _) => poisoned = body)
            .Returns(Task.CompletedTask);

        var outcome = await Invocation(rounds: 0).RunAsync(QueueNames.Orders, handler.Object, Attempt(6), CancellationToken.None);

        Assert.Equal(QueueRunOutcome.Poisoned, outcome);
        handler.VerifyNoOtherCalls();
        Assert.Contains("stopped before it finished", poisoned);
    }

    [Fact]
    public async Task Each_round_waits_twice_as_long_up_to_the_ceiling_and_after_the_last_round_the_message_is_poisoned()
    {
        var options = new QueueRetryOptions { FirstDelay = TimeSpan.FromMinutes(1), MaxDelay = TimeSpan.FromMinutes(5) };
        Assert.Equal([1, 2, 4, 5, 5], Enumerable.Range(1, 5).Select(r => options.DelayBefore(r).TotalMinutes));

        HandlerThrows(new InvalidOperationException("still down"));
        var lastRound = RetryRounds.Mark(Body, new RetryRound(3, "down", Now.AddHours(-1)))!;
        string? poisoned = null;
        poison.Setup(p => p.SendAsync(QueueNames.Orders, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, CancellationToken>((_, body, _) => poisoned = body).Returns(Task.CompletedTask);

        var outcome = await Invocation(rounds: 3).RunAsync(QueueNames.Orders, handler.Object, Attempt(5, lastRound), CancellationToken.None);

        Assert.Equal(QueueRunOutcome.Poisoned, outcome);
        Assert.Equal(20, PoisonEnvelope.Unwrap(poisoned!).Details!.Attempts);
        retry.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_message_that_cannot_be_read_goes_to_poison_without_rounds()
    {
        HandlerThrows(new InvalidMessageException("not an order"));
        poison.Setup(p => p.SendAsync(QueueNames.Orders, It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var outcome = await Invocation(rounds: 3).RunAsync(QueueNames.Orders, handler.Object, Attempt(5), CancellationToken.None);

        Assert.Equal(QueueRunOutcome.Poisoned, outcome);
        retry.VerifyNoOtherCalls();
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
