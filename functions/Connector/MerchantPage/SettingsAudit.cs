using System.Globalization;
using Connector.Inventory;
using Connector.Orders;

namespace Connector.MerchantPage;

/// <summary>What a save changed, one line per setting, in the words the page uses: the audit trail's text.</summary>
public static class SettingsAudit
{
    public static IReadOnlyList<string> Describe(
        OrderSettings before, OrderSettings after, InventorySettings beforeInventory, InventorySettings afterInventory, Func<int, string> statusName)
    {
        var lines = new List<string>();
        void Compare(string what, string old, string now)
        {
            if (old != now)
            {
                lines.Add($"{what}: {old} → {now}");
            }
        }

        string Statuses(IEnumerable<int> ids) => ids.Any() ? string.Join(", ", ids.Order().Select(statusName)) : "none";
        static string OnOff(bool on) => on ? "on" : "off";
        static string Day(DateTimeOffset? at) => at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "since connecting";

        Compare("Order flow", OnOff(before.Enabled), OnOff(after.Enabled));
        Compare("Order statuses to pull", Statuses(before.StatusIds), Statuses(after.StatusIds));
        Compare("Incomplete orders", OnOff(before.IncludeIncomplete), OnOff(after.IncludeIncomplete));
        Compare("Orders created after", Day(before.ExcludeCreatedBefore), Day(after.ExcludeCreatedBefore));
        Compare("Status write-back",
            before.WriteBackStatusId is { } b ? $"{Statuses(before.WriteBackFromStatusIds)} to {statusName(b)}" : "off",
            after.WriteBackStatusId is { } a ? $"{Statuses(after.WriteBackFromStatusIds)} to {statusName(a)}" : "off");
        Compare("Stock levels flow", OnOff(beforeInventory.Enabled), OnOff(afterInventory.Enabled));
        Compare("Location map", Map(beforeInventory.LocationMap), Map(afterInventory.LocationMap));
        Compare("SKU filter", Skus(beforeInventory.OnlySkus), Skus(afterInventory.OnlySkus));
        return lines;
    }

    private static string Map(IReadOnlyDictionary<string, long> map) =>
        map.Count == 0 ? "none" : string.Join(", ", map.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key} → location {m.Value}"));

    private static string Skus(IReadOnlyList<string> skus) => skus.Count switch
    {
        0 => "all SKUs",
        <= 5 => "only " + string.Join(", ", skus),
        _ => $"only {skus.Count} SKUs ({string.Join(", ", skus.Take(3))}, …)",
    };
}
