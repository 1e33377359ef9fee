using Connector.Catalog;
using Connector.CatalogPush;

namespace Connector.Tests.CatalogPush;

public sealed class CatalogLimitsTests
{
    private static readonly CatalogChange TooLong = new("A", DateTimeOffset.UnixEpoch, Price: 1.23456m, Name: new string('n', 251), Weight: 2m);

    [Fact]
    public void Truncate_cuts_the_name_to_250_and_rounds_prices_to_4_decimals_with_notes()
    {
        var limited = CatalogLimits.Apply(TooLong, LimitPolicy.Truncate);

        Assert.Equal(250, limited.Change!.Name!.Length);
        Assert.Equal(1.2346m, limited.Change.Price);
        Assert.Equal(2m, limited.Change.Weight);
        Assert.Equal(2, limited.Notes.Count);
        Assert.Null(limited.Refusal);
    }

    [Fact]
    public void Skip_field_leaves_the_values_beyond_the_limits_out_and_writes_the_rest()
    {
        var limited = CatalogLimits.Apply(TooLong, LimitPolicy.SkipField);

        Assert.Null(limited.Change!.Name);
        Assert.Null(limited.Change.Price);
        Assert.Equal(2m, limited.Change.Weight);
        Assert.All(limited.Notes, n => Assert.EndsWith("left out", n, StringComparison.Ordinal));
    }

    [Fact]
    public void Fail_product_refuses_the_whole_change_naming_the_first_limit()
    {
        var limited = CatalogLimits.Apply(TooLong, LimitPolicy.FailProduct);

        Assert.Null(limited.Change);
        Assert.Equal("name has 251 characters, more than BigCommerce's 250", limited.Refusal);
    }

    [Fact]
    public void A_change_within_the_limits_is_unchanged() =>
        Assert.Equal(new LimitedChange(new CatalogChange("A", DateTimeOffset.UnixEpoch, Price: 1.2345m, Name: "Fine"), [], null),
            CatalogLimits.Apply(new CatalogChange("A", DateTimeOffset.UnixEpoch, Price: 1.2345m, Name: "Fine"), LimitPolicy.FailProduct) with { Notes = [] });

    [Fact]
    public void An_empty_name_is_refused_whatever_the_policy() =>
        Assert.Equal("the name is empty", CatalogLimits.Apply(new CatalogChange("A", DateTimeOffset.UnixEpoch, Name: " "), LimitPolicy.Truncate).Refusal);

    [Fact]
    public void Truncating_never_splits_a_surrogate_pair()
    {
        var name = new string('n', 249) + "😀";

        var limited = CatalogLimits.Apply(new CatalogChange("A", DateTimeOffset.UnixEpoch, Name: name + "x"), LimitPolicy.Truncate);

        Assert.Equal(249, limited.Change!.Name!.Length);
    }
}
