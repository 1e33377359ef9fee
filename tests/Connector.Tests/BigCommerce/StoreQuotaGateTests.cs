using Connector.BigCommerce;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.BigCommerce;

/// <summary>
/// The gate runs on a fake clock: a waiter can only be released by advancing it. "Still waiting" is
/// checked right after an advance that fires no timer; the real-time bound only lets continuations run.
/// </summary>
public sealed class StoreQuotaGateTests
{
    private static readonly TimeSpan LetContinuationsRun = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));

    private static Task Acquire(StoreQuotaGate gate, string store, CancellationToken cancellationToken = default) =>
        gate.AcquireAsync(store, cancellationToken).AsTask();

    private static RateLimitHeaders Window(int left, int quota, TimeSpan reset) => new(left, quota, reset);

    [Fact]
    public async Task The_first_request_of_a_store_goes_at_once()
    {
        var gate = new StoreQuotaGate(clock, reserve: 2);

        var first = Acquire(gate, "s1");

        Assert.True(first.IsCompletedSuccessfully);
        await first;
    }

    [Fact]
    public async Task Until_the_quota_is_known_one_probe_at_a_time()
    {
        var gate = new StoreQuotaGate(clock, reserve: 2);
        await Acquire(gate, "s1");

        var second = Acquire(gate, "s1");
        Assert.False(second.IsCompleted);

        gate.Release("s1", null, rateLimited: false);
        clock.Advance(TimeSpan.FromMilliseconds(50));
        await second.WaitAsync(LetContinuationsRun);
    }

    [Fact]
    public async Task Keeps_the_reserve_and_waits_for_the_window_to_reset()
    {
        var gate = new StoreQuotaGate(clock, reserve: 2);
        await Acquire(gate, "s1");
        gate.Release("s1", Window(left: 3, quota: 150, reset: TimeSpan.FromSeconds(10)), rateLimited: false);

        var oneMore = Acquire(gate, "s1");
        var next = Acquire(gate, "s1");

        Assert.True(oneMore.IsCompletedSuccessfully);
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        await next.WaitAsync(LetContinuationsRun);
    }

    [Fact]
    public async Task A_429_stops_the_store_until_the_reset_whatever_the_headers_said_was_left()
    {
        var gate = new StoreQuotaGate(clock, reserve: 2);
        await Acquire(gate, "s1");
        gate.Release("s1", Window(left: 100, quota: 150, reset: TimeSpan.FromSeconds(5)), rateLimited: true);

        var next = Acquire(gate, "s1");

        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1.1));
        await next.WaitAsync(LetContinuationsRun);
    }

    [Fact]
    public async Task The_same_headers_without_a_429_let_the_next_request_go()
    {
        var gate = new StoreQuotaGate(clock, reserve: 2);
        await Acquire(gate, "s1");
        gate.Release("s1", Window(left: 100, quota: 150, reset: TimeSpan.FromSeconds(5)), rateLimited: false);

        Assert.True(Acquire(gate, "s1").IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_stale_answer_from_the_same_window_does_not_raise_what_is_left()
    {
        var gate = new StoreQuotaGate(clock, reserve: 2);
        await Acquire(gate, "s1");
        gate.Release("s1", Window(left: 3, quota: 150, reset: TimeSpan.FromSeconds(10)), rateLimited: false);
        await Acquire(gate, "s1");
        // An answer sent earlier in the same window arrives late, claiming more was left.
        gate.Release("s1", Window(left: 40, quota: 150, reset: TimeSpan.FromSeconds(9.5)), rateLimited: false);

        var oneMore = Acquire(gate, "s1");
        var next = Acquire(gate, "s1");

        Assert.True(oneMore.IsCompletedSuccessfully);
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(10.1));
        await next.WaitAsync(LetContinuationsRun);
    }

    [Fact]
    public async Task One_store_waiting_does_not_hold_up_another()
    {
        var gate = new StoreQuotaGate(clock, reserve: 2);
        await Acquire(gate, "s1");
        gate.Release("s1", Window(left: 0, quota: 150, reset: TimeSpan.FromSeconds(30)), rateLimited: true);
        var probeOfS3 = Acquire(gate, "s3");

        var s1 = Acquire(gate, "s1");
        var s2 = Acquire(gate, "s2");
        var s3Second = Acquire(gate, "s3");

        Assert.True(probeOfS3.IsCompletedSuccessfully);
        Assert.False(s1.IsCompleted);
        Assert.False(s3Second.IsCompleted);
        Assert.True(s2.IsCompletedSuccessfully);
        await s2;
    }

    [Fact]
    public async Task A_waiter_gives_up_when_its_work_is_cancelled()
    {
        var gate = new StoreQuotaGate(clock, reserve: 2);
        await Acquire(gate, "s1");
        gate.Release("s1", Window(left: 0, quota: 150, reset: TimeSpan.FromSeconds(30)), rateLimited: false);
        using var stop = new CancellationTokenSource();

        var waiting = Acquire(gate, "s1", stop.Token);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(LetContinuationsRun));
    }

    [Fact]
    public async Task After_the_reset_a_store_whose_quota_was_never_reported_gets_a_request_through()
    {
        var gate = new StoreQuotaGate(clock, reserve: 2);
        await Acquire(gate, "s1");
        gate.Release("s1", new RateLimitHeaders(RequestsLeft: 0, RequestsQuota: null, TimeToReset: TimeSpan.FromSeconds(5)), rateLimited: false);

        var next = Acquire(gate, "s1");
        for (var i = 0; i < 10 && !next.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(6));
            await Task.WhenAny(next, Task.Delay(50));
        }

        Assert.True(next.IsCompletedSuccessfully, "a minute after the reset the store was still blocked");
    }
}
