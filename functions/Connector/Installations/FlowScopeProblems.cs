using System.Text.Json;

namespace Connector.Installations;

/// <summary>
/// One flow of a store that BigCommerce refused for a missing scope (403): which scope it needs and what the merchant
/// or operator must do. The store's other flows go on; this one stops until its next run succeeds.
/// </summary>
public sealed record FlowScopeProblem(string Flow, string Scope, string Action, string Detail, DateTimeOffset Since);

/// <summary>The flows lacking their scope, kept as JSON on the store's <see cref="InstallationRecord"/>.</summary>
public static class FlowScopeProblems
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The scope each flow's BigCommerce calls need, as the app asks for it (<c>BigCommerce:RequiredScopes</c>).</summary>
    public static string ScopeOf(string flow) => flow switch
    {
        Orders.SyncCursors.InventoryFlow => "store_inventory (and store_v2_products_read_only)",
        Catalog.CatalogPollOptions.Flow => "store_v2_products_read_only",
        CatalogPush.CatalogPushJob.Flow => "store_v2_products",
        _ => "store_v2_orders",
    };

    public static IReadOnlyList<FlowScopeProblem> Of(InstallationRecord record) =>
        string.IsNullOrEmpty(record.FlowsLackingScope) ? [] : JsonSerializer.Deserialize<List<FlowScopeProblem>>(record.FlowsLackingScope, Json) ?? [];

    /// <summary>What to do, in the terms of how the store is connected.</summary>
    public static string ActionFor(string flow, string connectionMode) => connectionMode == ConnectionModes.ApiAccount
        ? $"Give the store's API account the scope {ScopeOf(flow)} (Settings › API › Store-level API accounts); the {flow} flow resumes at its next run."
        : $"Re-authorize the app with the scope {ScopeOf(flow)} (open it from the control panel and approve the permissions it asks for); the {flow} flow resumes at its next run.";

    internal static string? With(InstallationRecord record, FlowScopeProblem problem)
    {
        var problems = Of(record).Where(p => p.Flow != problem.Flow).Append(problem).ToList();
        return JsonSerializer.Serialize(problems, Json);
    }

    internal static string? Without(InstallationRecord record, string flow)
    {
        var problems = Of(record).Where(p => p.Flow != flow).ToList();
        return problems.Count == 0 ? null : JsonSerializer.Serialize(problems, Json);
    }
}
