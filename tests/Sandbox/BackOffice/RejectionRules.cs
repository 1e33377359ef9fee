namespace Sandbox.BackOffice;

/// <summary>
/// Orders the back office refuses, to exercise the connector's "permanent failure for this
/// order version" path (or, with a 5xx status, a failure that never heals).
/// </summary>
/// <param name="StoreHash">Only this store's orders; null = any store.</param>
/// <param name="Status">Answered status (400–599); null = the configured default (422).</param>
public sealed record RejectionRule(string? StoreHash, IReadOnlyList<long> OrderIds, int? Status, string? Reason);

public sealed class RejectionRules(int defaultStatus)
{
    private readonly Lock _gate = new();
    private List<RejectionRule> _rules = [];

    public sealed record Match(int Status, string Reason);

    public IReadOnlyList<RejectionRule> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    public static IEnumerable<string> Validate(RejectionRule rule)
    {
        if (rule.OrderIds is null || rule.OrderIds.Count == 0)
        {
            yield return "orderIds must list at least one order id.";
        }
        if (rule.Status is < 400 or > 599)
        {
            yield return "status must be between 400 and 599.";
        }
    }

    /// <summary>Replaces every rule with this one (PUT).</summary>
    public void Set(RejectionRule rule)
    {
        lock (_gate)
        {
            _rules = [rule];
        }
    }

    /// <summary>Adds a rule next to the existing ones (POST).</summary>
    public void Add(RejectionRule rule)
    {
        lock (_gate)
        {
            _rules = [.. _rules, rule];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules = [];
        }
    }

    public Match? Find(string storeHash, long orderId)
    {
        lock (_gate)
        {
            var rule = _rules.FirstOrDefault(r =>
                (r.StoreHash is null || string.Equals(r.StoreHash, storeHash, StringComparison.Ordinal)) && r.OrderIds.Contains(orderId));
            return rule is null ? null : new Match(rule.Status ?? defaultStatus, rule.Reason ?? "Rejected by the back office.");
        }
    }
}
