using Connector.Installations;
using Connector.Operations;
using Connector.Orders;

namespace Connector.MerchantPage;

/// <summary>The page's sections.</summary>
public static class PageSections
{
    public const string Status = "status";
    public const string Settings = "settings";

    public static string Of(string? value) => value == Settings ? Settings : Status;
}

/// <summary>Everything one rendering of a store's page shows. Built per request; nothing in it is cached between users.</summary>
public sealed record StorePageModel
{
    public required string Session { get; init; }
    public required PageSession Caller { get; init; }
    public required string Section { get; init; }
    public required InstallationRecord Installation { get; init; }
    public required IReadOnlyList<FlowScopeProblem> ScopeProblems { get; init; }
    public IReadOnlyList<FlowStatusView> Flows { get; init; } = [];
    public QuotaView? Quota { get; init; }
    /// <summary>The last 24 hours in numbers (kept counts), and how many orders need attention now (from its index, up to a cap).</summary>
    public Activity.ActivityTotals? LastDay { get; init; }
    public int AttentionCount { get; init; }
    public IReadOnlyList<OrderLedgerEntry> Attention { get; init; } = [];
    /// <summary>The order id the attention list starts after (null: the first page), and the one the next page starts after.</summary>
    public long? AttentionAfter { get; init; }
    public long? AttentionNext { get; init; }
    /// <summary>Everything else needing attention (SKUs, and whatever other flows register), one list per source.</summary>
    public IReadOnlyList<AttentionGroup> OtherAttention { get; init; } = [];
    public IReadOnlyList<PoisonMessageView> Poison { get; init; } = [];
    public int PoisonTotal { get; init; }
    public IReadOnlyList<AuditEntry> Audit { get; init; } = [];
    public SettingsFormModel? Settings { get; init; }
    /// <summary>What the last action did, in words; <see cref="NoticeIsError"/> when it could not.</summary>
    public string? Notice { get; init; }
    public bool NoticeIsError { get; init; }
}
