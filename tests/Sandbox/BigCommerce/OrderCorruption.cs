namespace Sandbox.BigCommerce;

/// <summary>
/// Ways GET /orders/{id} can lie, to prove the connector rejects a malformed order instead of
/// delivering garbage or crashing the worker.
/// </summary>
public enum OrderCorruption
{
    None,
    /// <summary>JSON without <c>id</c> and <c>date_modified</c>.</summary>
    MissingFields,
    /// <summary><c>"id":"abc"</c>, <c>"date_modified":123</c>, <c>"status_id":"eleven"</c>.</summary>
    WrongTypes,
    /// <summary>200 with a text/html error page, as a misbehaving proxy would answer.</summary>
    Html,
}

public static class OrderCorruptionNames
{
    public static string Key(this OrderCorruption kind) => kind switch
    {
        OrderCorruption.None => "none",
        OrderCorruption.MissingFields => "missing-fields",
        OrderCorruption.WrongTypes => "wrong-types",
        OrderCorruption.Html => "html",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? text, out OrderCorruption kind)
    {
        foreach (var candidate in Enum.GetValues<OrderCorruption>())
        {
            if (string.Equals(candidate.Key(), text, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        kind = OrderCorruption.None;
        return false;
    }
}
