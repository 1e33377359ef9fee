namespace Sandbox.Faults;

/// <summary>What an injected fault did to a request; the names are the keys of <c>injectedFaults</c> in stats.</summary>
public enum FaultKind
{
    Error,
    TooManyRequests,
    Drop,
    Timeout,
    LostResponse,
    Latency,
}

public static class FaultKindNames
{
    public static string Key(this FaultKind kind) => kind switch
    {
        FaultKind.Error => "error",
        FaultKind.TooManyRequests => "tooManyRequests",
        FaultKind.Drop => "drop",
        FaultKind.Timeout => "timeout",
        FaultKind.LostResponse => "lostResponse",
        FaultKind.Latency => "latency",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
