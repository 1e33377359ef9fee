using Connector.Catalog;
using Microsoft.AspNetCore.Http;

namespace Connector.MerchantPage;

/// <summary>
/// Settings › Catalog, back office → BigCommerce: the push on or off, whether it creates products, and what a value beyond
/// BigCommerce's limits does. The two choices are fixed lists; a value not on them keeps the current choice.
/// </summary>
public static class CatalogPushForm
{
    public static IReadOnlyList<(ProductCreation Value, string Label)> Creations { get; } =
    [
        (ProductCreation.Off, "Update existing products only (an unknown SKU is refused)"),
        (ProductCreation.CreateOnly, "Create only: create a product for an unknown SKU, leave existing ones alone"),
        (ProductCreation.CreateAndUpdate, "Create and overwrite: create unknown SKUs and update existing ones"),
    ];

    public static IReadOnlyList<(LimitPolicy Value, string Label)> LimitChoices { get; } =
    [
        (LimitPolicy.Truncate, "Cut it to fit (names to 250 characters, prices to 4 decimals)"),
        (LimitPolicy.SkipField, "Leave that field out, write the rest"),
        (LimitPolicy.FailProduct, "Refuse the whole change"),
    ];

    public static CatalogSettings Read(IFormCollection form, CatalogSettings current) => current with
    {
        PushEnabled = form[SettingsFields.CatalogPushEnabled].ToString() == "on",
        Creation = Enum.TryParse<ProductCreation>(form[SettingsFields.CatalogCreation].ToString(), out var creation) && Enum.IsDefined(creation) ? creation : current.Creation,
        Limits = Enum.TryParse<LimitPolicy>(form[SettingsFields.CatalogLimits].ToString(), out var limits) && Enum.IsDefined(limits) ? limits : current.Limits,
    };

    /// <summary>The push's changes, for the audit trail.</summary>
    public static IEnumerable<string> Describe(CatalogSettings before, CatalogSettings after)
    {
        if (before.PushEnabled != after.PushEnabled)
        {
            yield return $"Catalog push: {(before.PushEnabled ? "on" : "off")} → {(after.PushEnabled ? "on" : "off")}";
        }

        if (before.Creation != after.Creation)
        {
            yield return $"Catalog push creates products: {before.Creation} → {after.Creation}";
        }

        if (before.Limits != after.Limits)
        {
            yield return $"Catalog push beyond BigCommerce's limits: {before.Limits} → {after.Limits}";
        }
    }
}
