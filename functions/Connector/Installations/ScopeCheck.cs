namespace Connector.Installations;

/// <summary>Whether the scopes a merchant granted cover what the connector needs.</summary>
public static class ScopeCheck
{
    /// <returns>The required scopes the grant does not cover; empty when it covers them all.</returns>
    public static IReadOnlyList<string> Missing(string granted, IEnumerable<string> required)
    {
        var grantedSet = granted.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return required.Where(scope => !Covers(grantedSet, scope)).ToList();
    }

    /// <summary>A modify scope covers its read-only twin.</summary>
    private static bool Covers(HashSet<string> granted, string scope) =>
        granted.Contains(scope)
        || (scope.EndsWith("_read_only", StringComparison.Ordinal) && granted.Contains(scope[..^"_read_only".Length]));
}
