using Connector.BigCommerce;

namespace Connector.Tests.BigCommerce;

/// <summary>The store's quota window every instance shares: each case of the decision.</summary>
public sealed class QuotaWindowTests
{
    private const int Reserve = 2;
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static QuotaObservation Answer(double atSeconds, int left, double resetSeconds, int quota = 150, bool rateLimited = false) =>
        new(T0.AddSeconds(atSeconds), left, quota, TimeSpan.FromSeconds(resetSeconds), rateLimited);

    /// <summary>A window whose quota and end are known: 150 per window, 30 s from T0.</summary>
    private static QuotaWindow Known() =>
        QuotaWindow.Opening(T0, null).Claim(T0, 1, Reserve, []).Window.Observe(Answer(0.1, left: 149, resetSeconds: 29.9));

    [Fact]
    public void Until_an_answer_tells_the_quota_one_request_probes()
    {
        var (window, first) = QuotaWindow.Opening(T0, null).Claim(T0, 10, Reserve, []);
        var (_, second) = window.Claim(T0.AddMilliseconds(10), 10, Reserve, []);

        Assert.Equal(1, first.Granted);
        Assert.Equal(0, second.Granted);
        Assert.Equal(T0.AddMilliseconds(10) + QuotaWindow.ProbeInterval, second.RetryAt);
    }

    [Fact]
    public void The_probes_answer_travels_with_the_next_claim_and_opens_the_quota()
    {
        var (window, _) = QuotaWindow.Opening(T0, null).Claim(T0, 1, Reserve, []);

        var (after, grant) = window.Claim(T0.AddSeconds(0.2), 10, Reserve, [Answer(0.1, left: 149, resetSeconds: 29.9)]);

        Assert.Equal(10, grant.Granted);
        Assert.Equal(T0.AddSeconds(30), grant.ValidUntil);
        Assert.Equal(11, after.Granted);
    }

    [Fact]
    public void Instances_claiming_in_turn_never_get_more_than_the_quota_less_the_reserve_in_one_window()
    {
        var window = Known();
        var granted = 0;
        for (var claim = 0; claim < 100; claim++)
        {
            (window, var grant) = window.Claim(T0.AddSeconds(1 + claim * 0.1), 10, Reserve, []);
            granted += grant.Granted;
        }

        // The probe's one request, and the rest of 150 less the reserve.
        Assert.Equal(150 - Reserve - 1, granted);
        var (_, refused) = window.Claim(T0.AddSeconds(20), 1, Reserve, []);
        Assert.Equal(0, refused.Granted);
        Assert.Equal(T0.AddSeconds(30), refused.RetryAt);
    }

    [Fact]
    public void What_other_apps_spent_lowers_what_is_granted()
    {
        var (window, _) = Known().Claim(T0.AddSeconds(1), 10, Reserve, []);

        // 11 granted so far, yet BigCommerce says only 20 are left: others spent the rest.
        var (_, grant) = window.Claim(T0.AddSeconds(2), 50, Reserve, [Answer(1.5, left: 20, resetSeconds: 28.5)]);

        Assert.Equal(20 - Reserve, grant.Granted);
    }

    [Fact]
    public void A_late_answer_claiming_more_was_left_does_not_raise_it()
    {
        var (window, _) = Known().Claim(T0.AddSeconds(1), 10, Reserve, [Answer(0.9, left: 12, resetSeconds: 29.1)]);

        var (_, grant) = window.Claim(T0.AddSeconds(2), 50, Reserve, [Answer(0.5, left: 140, resetSeconds: 29.5)]);

        Assert.Equal(12 - Reserve - 10, grant.Granted);
    }

    [Fact]
    public void A_429_closes_the_window_for_every_instance_until_it_resets()
    {
        var (window, grant) = Known().Claim(T0.AddSeconds(5), 10, Reserve, [Answer(4, left: 100, resetSeconds: 26, rateLimited: true)]);

        Assert.Equal(0, grant.Granted);
        Assert.Equal(T0.AddSeconds(30), grant.RetryAt);
        var (_, later) = window.Claim(T0.AddSeconds(29.9), 10, Reserve, []);
        Assert.Equal(0, later.Granted);
    }

    [Fact]
    public void A_429_naming_an_earlier_reset_is_believed_and_answers_arriving_after_it_do_not_extend_it()
    {
        // Under platform load BigCommerce answers 429 "ask again in a second" while the window has long to run.
        var (closed, refused) = Known().Claim(T0.AddSeconds(5.5), 10, Reserve, [Answer(5, left: 0, resetSeconds: 1, rateLimited: true)]);
        var (stillClosed, stillRefused) = closed.Claim(T0.AddSeconds(5.9), 10, Reserve, [Answer(5.8, left: 100, resetSeconds: 24.2)]);
        var (_, granted) = stillClosed.Claim(T0.AddSeconds(6), 10, Reserve, []);

        Assert.Equal(0, refused.Granted);
        Assert.Equal(T0.AddSeconds(6), refused.RetryAt);
        Assert.Equal(0, stillRefused.Granted);
        Assert.Equal(T0.AddSeconds(6), stillRefused.RetryAt);
        Assert.Equal(10, granted.Granted);
    }

    [Fact]
    public void After_the_reset_a_new_window_opens_with_the_known_quota_until_an_answer_says_when_it_ends()
    {
        var (window, _) = Known().Claim(T0.AddSeconds(1), 10, Reserve, [Answer(0.9, left: 0, resetSeconds: 29.1, rateLimited: true)]);

        var (next, grant) = window.Claim(T0.AddSeconds(30), 10, Reserve, []);

        Assert.Equal(10, grant.Granted);
        Assert.Equal(T0.AddSeconds(30), next.StartedAt);
        Assert.False(next.EndKnown);
        Assert.Equal(T0.AddSeconds(30) + QuotaWindow.Provisional, grant.ValidUntil);
    }

    [Fact]
    public void Once_answers_told_the_window_length_a_new_window_is_assumed_that_long_until_an_answer_says_when_it_ends()
    {
        var known = Known().Observe(Answer(0.2, left: 148, resetSeconds: 29.8) with { Window = TimeSpan.FromSeconds(30) });

        var (next, grant) = known.Claim(T0.AddSeconds(31), 10, Reserve, []);
        var (told, _) = next.Claim(T0.AddSeconds(32), 1, Reserve, [Answer(31.5, left: 140, resetSeconds: 28.5)]);

        Assert.Equal(T0.AddSeconds(61), grant.ValidUntil);
        Assert.Equal(T0.AddSeconds(60), told.EndsAt);
    }

    [Fact]
    public void An_answer_from_before_the_window_began_is_ignored()
    {
        var (window, _) = Known().Claim(T0.AddSeconds(30), 10, Reserve, []);

        // Sent in the old window, it says almost nothing was left: true then, not now.
        var (_, grant) = window.Claim(T0.AddSeconds(30.5), 10, Reserve, [Answer(29.9, left: 1, resetSeconds: 0.1)]);

        Assert.Equal(10, grant.Granted);
    }

    [Fact]
    public void The_latest_end_any_answer_reported_is_kept()
    {
        var window = Known().Observe(Answer(1, left: 140, resetSeconds: 28.9));

        Assert.Equal(T0.AddSeconds(30), window.EndsAt);
        Assert.Equal(T0.AddSeconds(30.5), window.Observe(Answer(2, left: 139, resetSeconds: 28.5)).EndsAt);
    }
}
