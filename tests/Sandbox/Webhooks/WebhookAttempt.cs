namespace Sandbox.Webhooks;

/// <summary>
/// One POST to a destination. <paramref name="EventId"/> is the <c>webhook-id</c> header: one per
/// event and hook, the same on every retry and duplicate. <paramref name="Status"/> is the HTTP
/// status, 0 when there was none (<paramref name="Error"/> says why: <c>timeout</c> or the transport error).
/// <paramref name="Attempt"/> is 1 for the first delivery, 2… for the retries.
/// </summary>
public sealed record WebhookAttempt(
    string StoreHash,
    string EventId,
    long HookId,
    string Scope,
    long? OrderId,
    string Destination,
    int Attempt,
    bool Duplicate,
    int Status,
    string? Error,
    bool Succeeded,
    double DurationMs,
    DateTimeOffset At,
    long EventCreatedAt);
