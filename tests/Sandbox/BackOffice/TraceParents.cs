using System.Collections.Concurrent;

namespace Sandbox.BackOffice;

/// <summary>
/// The W3C <c>traceparent</c> header of every signed POST /orders the back office received (accepted, duplicate or
/// rejected), so a test can check the connector's trace reaches an integrator: the back office can join it to its own.
/// </summary>
public sealed class TraceParents
{
    public const string Header = "traceparent";

    public sealed record Received(string StoreHash, long OrderId, string? TraceParent);

    private readonly ConcurrentQueue<Received> _received = new();

    public void Record(string storeHash, long orderId, string? traceParent) => _received.Enqueue(new Received(storeHash, orderId, traceParent));

    public IReadOnlyList<Received> For(string? storeHash) => [.. _received.Where(r => storeHash is null || r.StoreHash == storeHash)];
}
