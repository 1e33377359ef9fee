namespace Connector.Testing.Soak;

/// <summary>One thing the soak does to the system at a moment of the load phase.</summary>
public abstract record SoakEvent(TimeSpan At)
{
    /// <summary>Faults on BigCommerce and the back office for a while (sandbox fault injection; null = none).</summary>
    public sealed record FaultWindow(TimeSpan At, TimeSpan Length, string Name, object? BigCommerce, object? BackOffice) : SoakEvent(At);

    /// <summary>The next events of a store arrive twice (same webhook-id) or held and released newest first.</summary>
    public sealed record WebhookChaos(TimeSpan At, int Store, string Kind, int Count) : SoakEvent(At);

    /// <summary>BigCommerce deactivates every hook of a store (as after failed deliveries).</summary>
    public sealed record DeactivateHooks(TimeSpan At, int Store) : SoakEvent(At);

    /// <summary>A LocalHost process killed hard (SIGKILL), then started again after <paramref name="Down"/>.</summary>
    public sealed record KillLocalHost(TimeSpan At, TimeSpan Down, int Instance = 0) : SoakEvent(At);

    public sealed record RestartAzurite(TimeSpan At) : SoakEvent(At);

    /// <summary>
    /// The back office goes down; while orders pile up for it, BigCommerce revokes the store's token (the API account
    /// deleted, or the app reinstalled elsewhere); after <paramref name="Away"/> the operator registers the store again with
    /// its new token, and the back office comes back. Every order must still arrive once.
    /// </summary>
    public sealed record RevokeDuringOutage(TimeSpan At, int Store, TimeSpan Away) : SoakEvent(At);
}

/// <summary>
/// The soak's timeline, drawn from a seed so a run can be repeated: fault windows back to back (each a
/// BigCommerce and a back-office profile, then a quiet gap), webhook chaos, hook deactivations, hard kills
/// of LocalHost and one Azurite restart, all inside the load phase.
/// </summary>
public static class SoakFaultPlan
{
    private static readonly (string Name, object? Faults)[] BigCommerceProfiles =
    [
        ("bc 429s", new { tooManyRequestsRate = 0.25, retryAfterMs = 1000 }),
        ("bc 5xx", new { errorRate = 0.2 }),
        ("bc slow", new { latencyMs = 1500 }),
        ("bc drops", new { dropRate = 0.1, lostResponseRate = 0.05 }),
        ("bc timeouts", new { timeoutRate = 0.03, timeoutMs = 25_000 }),
        ("bc ok", null),
    ];

    private static readonly (string Name, object? Faults)[] BackOfficeProfiles =
    [
        ("back office 5xx", new { errorRate = 0.25 }),
        ("back office timeouts", new { timeoutRate = 0.1, timeoutMs = 20_000 }),
        ("back office drops", new { dropRate = 0.1, lostResponseRate = 0.1 }),
        ("back office slow", new { latencyMs = 800 }),
        ("back office ok", null),
    ];

    public static IReadOnlyList<SoakEvent> Draw(SoakOptions options)
    {
        var random = new Random(options.Seed);
        var events = new List<SoakEvent>();
        var length = options.LoadDuration;
        var window = TimeSpan.FromSeconds(Math.Clamp(length.TotalSeconds / 12, 5, 30));

        if (options.Faults)
        {
            for (var at = TimeSpan.FromSeconds(window.TotalSeconds / 2); at + window < length; at += window * 1.5)
            {
                var bc = BigCommerceProfiles[random.Next(BigCommerceProfiles.Length)];
                var bo = BackOfficeProfiles[random.Next(BackOfficeProfiles.Length)];
                events.Add(new SoakEvent.FaultWindow(at, window, $"{bc.Name} + {bo.Name}", bc.Faults, bo.Faults));
                var store = random.Next(options.Stores);
                events.Add(new SoakEvent.WebhookChaos(at + window / 3, store, random.Next(2) == 0 ? "duplicate" : "reorder", 5 + random.Next(20)));
            }

            for (var store = 0; store < options.Stores; store++)
            {
                events.Add(new SoakEvent.DeactivateHooks(length * ((store + 1.0) / (options.Stores + 1)), store));
            }
        }

        var azuriteAt = length / 2;
        if (options.RestartAzurite)
        {
            events.Add(new SoakEvent.RestartAzurite(azuriteAt));
        }

        // One revocation and re-registration during a back-office outage, a third of the way in.
        if (options.Faults && options.Revocations > 0)
        {
            events.Add(new SoakEvent.RevokeDuringOutage(length * 0.3, random.Next(options.Stores), TimeSpan.FromSeconds(Math.Clamp(length.TotalSeconds / 30, 5, 20))));
        }

        // Kills spread over 10 %…90 % of the load, each in its own slice, kept clear of the Azurite restart.
        for (var k = 0; k < options.Kills; k++)
        {
            var sliceStart = length * 0.1 + length * 0.8 * k / options.Kills;
            var slice = length * 0.8 / options.Kills;
            var at = sliceStart + slice * (0.2 + 0.6 * random.NextDouble());
            if (options.RestartAzurite && (at - azuriteAt).Duration() < TimeSpan.FromSeconds(10))
            {
                at += TimeSpan.FromSeconds(12);
            }

            var down = TimeSpan.FromMilliseconds(500 + random.Next(2500));
            events.Add(new SoakEvent.KillLocalHost(at, down, options.Instances > 1 ? random.Next(options.Instances) : 0));
        }

        return [.. events.OrderBy(e => e.At)];
    }
}
