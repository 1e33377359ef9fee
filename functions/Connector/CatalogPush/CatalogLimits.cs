using System.Globalization;
using Connector.Catalog;

namespace Connector.CatalogPush;

/// <summary>What the limits made of one change: the change to write (null: refused), what was cut or left out, or why it was refused.</summary>
public sealed record LimitedChange(CatalogChange? Change, IReadOnlyList<string> Notes, string? Refusal);

/// <summary>
/// BigCommerce's limits (products_catalog.v3.yml, product-variants_catalog.v3.yml), checked before anything is sent so one
/// bad value never costs a refused batch: a name of 1 to 250 characters (also Flxpoint's attribute limit), a description
/// of at most 65,535, prices and weight with at most 4 decimals (what BigCommerce keeps). A value beyond them is cut to fit,
/// left out, or refuses the change, as the store's <see cref="LimitPolicy"/> says. An empty name is always refused.
/// </summary>
public static class CatalogLimits
{
    public const int MaxName = 250;
    public const int MaxDescription = 65_535;
    public const int MaxDecimals = 4;

    public static LimitedChange Apply(CatalogChange change, LimitPolicy policy)
    {
        var notes = new List<string>();
        string? refusal = null;
        if (change.Name is { } name && string.IsNullOrWhiteSpace(name))
        {
            return new LimitedChange(null, notes, "the name is empty");
        }

        var limited = change with
        {
            Name = Text(change.Name, MaxName, CatalogChange.Fields.Name, policy, notes, ref refusal),
            Description = Text(change.Description, MaxDescription, CatalogChange.Fields.Description, policy, notes, ref refusal),
            Price = Amount(change.Price, CatalogChange.Fields.Price, policy, notes, ref refusal),
            SalePrice = Amount(change.SalePrice, CatalogChange.Fields.SalePrice, policy, notes, ref refusal),
            CostPrice = Amount(change.CostPrice, CatalogChange.Fields.CostPrice, policy, notes, ref refusal),
            Weight = Amount(change.Weight, CatalogChange.Fields.Weight, policy, notes, ref refusal),
        };
        return refusal is null ? new LimitedChange(limited, notes, null) : new LimitedChange(null, notes, refusal);
    }

    private static string? Text(string? value, int max, string field, LimitPolicy policy, List<string> notes, ref string? refusal)
    {
        if (value is null || value.Length <= max)
        {
            return value;
        }

        var what = string.Create(CultureInfo.InvariantCulture, $"{field} has {value.Length:N0} characters, more than BigCommerce's {max:N0}");
        switch (policy)
        {
            case LimitPolicy.Truncate:
                notes.Add($"{what}: cut to {max:N0}");
                // Never split a surrogate pair: the cut text must stay valid UTF-16.
                return value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)];
            case LimitPolicy.SkipField:
                notes.Add($"{what}: left out");
                return null;
            default:
                refusal ??= what;
                return null;
        }
    }

    private static decimal? Amount(decimal? value, string field, LimitPolicy policy, List<string> notes, ref string? refusal)
    {
        if (value is not { } amount || decimal.Round(amount, MaxDecimals) == amount)
        {
            return value;
        }

        var what = string.Create(CultureInfo.InvariantCulture, $"{field} {amount} has more than {MaxDecimals} decimals");
        switch (policy)
        {
            case LimitPolicy.Truncate:
                var rounded = decimal.Round(amount, MaxDecimals, MidpointRounding.AwayFromZero);
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: rounded to {rounded}"));
                return rounded;
            case LimitPolicy.SkipField:
                notes.Add($"{what}: left out");
                return null;
            default:
                refusal ??= what;
                return null;
        }
    }
}
