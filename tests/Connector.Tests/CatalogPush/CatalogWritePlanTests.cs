using Connector.Catalog;
using Connector.CatalogPush;

namespace Connector.Tests.CatalogPush;

public sealed class CatalogWritePlanTests
{
    private static readonly CatalogChange Full = new("SKU-1", DateTimeOffset.UnixEpoch, Price: 10m, SalePrice: 8m, CostPrice: 4m, Name: "Name",
        Description: "D", Weight: 1m, IsVisible: true, Availability: "disabled");

    [Fact]
    public void A_product_sku_updates_every_field_of_the_product()
    {
        var step = Assert.IsType<WriteStep.UpdateProduct>(CatalogWritePlan.StepFor(Full, new SkuMatch.Product(7), ProductCreation.Off));

        Assert.Equal(7, step.Write.Id);
        Assert.Equal(("Name", "D", 10m, 8m, 4m, 1m, true, "disabled"),
            (step.Write.Name, step.Write.Description, step.Write.Price, step.Write.SalePrice, step.Write.CostPrice, step.Write.Weight, step.Write.IsVisible, step.Write.Availability));
    }

    [Fact]
    public void A_variant_sku_takes_prices_weight_and_availability_and_notes_the_product_fields_it_cannot()
    {
        var step = Assert.IsType<WriteStep.UpdateVariant>(CatalogWritePlan.StepFor(Full, new SkuMatch.Variant(7, 70), ProductCreation.Off));

        Assert.Equal((70L, 10m, 8m, 4m, 1m, (bool?)true), (step.Write.Id, step.Write.Price, step.Write.SalePrice, step.Write.CostPrice, step.Write.Weight, step.Write.PurchasingDisabled));
        Assert.Contains("description, is_visible, name not written", Assert.Single(step.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_variant_sku_with_only_product_fields_is_refused() =>
        Assert.IsType<WriteStep.Refuse>(CatalogWritePlan.StepFor(new CatalogChange("V", DateTimeOffset.UnixEpoch, Name: "N"), new SkuMatch.Variant(1, 2), ProductCreation.Off));

    [Theory]
    [InlineData(ProductCreation.Off, typeof(WriteStep.Refuse))]
    [InlineData(ProductCreation.CreateOnly, typeof(WriteStep.Create))]
    [InlineData(ProductCreation.CreateAndUpdate, typeof(WriteStep.Create))]
    public void An_unknown_sku_is_created_only_when_the_store_allows_it(ProductCreation creation, Type expected) =>
        Assert.IsType(expected, CatalogWritePlan.StepFor(Full, new SkuMatch.Unknown(), creation));

    [Fact]
    public void A_new_product_is_a_hidden_simple_physical_product_with_the_changes_sku()
    {
        var step = Assert.IsType<WriteStep.Create>(CatalogWritePlan.StepFor(Full with { IsVisible = null, Weight = null }, new SkuMatch.Unknown(), ProductCreation.CreateAndUpdate));

        Assert.Equal(("physical", "SKU-1", 0m, false), (step.Write.Type, step.Write.Sku, step.Write.Weight, step.Write.IsVisible));
    }

    [Fact]
    public void A_creation_without_a_name_or_price_is_refused() =>
        Assert.IsType<WriteStep.Refuse>(CatalogWritePlan.StepFor(Full with { Name = null }, new SkuMatch.Unknown(), ProductCreation.CreateAndUpdate));

    [Fact]
    public void Create_only_leaves_an_existing_sku_alone() =>
        Assert.IsType<WriteStep.Skip>(CatalogWritePlan.StepFor(Full, new SkuMatch.Product(1), ProductCreation.CreateOnly));

    [Fact]
    public void A_duplicate_is_refused_naming_where_it_was_found() =>
        Assert.Contains("product 1, product 2", Assert.IsType<WriteStep.Refuse>(
            CatalogWritePlan.StepFor(Full, new SkuMatch.Duplicate("product 1, product 2"), ProductCreation.CreateAndUpdate)).Reason, StringComparison.Ordinal);

    [Fact]
    public void Updates_go_in_requests_of_at_most_the_specs_limit()
    {
        var requests = CatalogWritePlan.Requests(Enumerable.Range(0, 23).ToList(), 10);

        Assert.Equal([10, 10, 3], requests.Select(r => r.Count));
    }

    [Theory]
    [InlineData(WriteOutcome.Written, CatalogPushStatus.Written)]
    [InlineData(WriteOutcome.Created, CatalogPushStatus.Created)]
    [InlineData(WriteOutcome.Refused, CatalogPushStatus.Refused)]
    [InlineData(WriteOutcome.Skipped, CatalogPushStatus.Skipped)]
    [InlineData(WriteOutcome.Failing, CatalogPushStatus.Failing)]
    public void Each_outcome_moves_the_sku_to_its_state(WriteOutcome outcome, string status) =>
        Assert.Equal(status, CatalogPushStatus.AfterWrite(outcome));

    [Fact]
    public void A_claim_makes_a_sku_pending_unless_it_is_failing()
    {
        Assert.Equal(CatalogPushStatus.Pending, CatalogPushStatus.AfterClaim(CatalogPushStatus.Refused));
        Assert.Equal(CatalogPushStatus.Failing, CatalogPushStatus.AfterClaim(CatalogPushStatus.Failing));
        Assert.True(CatalogPushStatus.NeedsAttention(CatalogPushStatus.Refused));
        Assert.False(CatalogPushStatus.NeedsAttention(CatalogPushStatus.Skipped));
    }

    [Fact]
    public void An_older_changes_outcome_never_replaces_a_newer_changes_status()
    {
        var entry = new CatalogPushEntry();
        Assert.True(entry.SetStatus(CatalogPushStatus.Refused, DateTimeOffset.UnixEpoch.AddMinutes(2), "name too long", null));

        Assert.False(entry.SetStatus(CatalogPushStatus.Written, DateTimeOffset.UnixEpoch.AddMinutes(1), null, null));
        Assert.Equal((CatalogPushStatus.Refused, "name too long"), (entry.Status, entry.LastError));
        Assert.True(entry.SetStatus(CatalogPushStatus.Written, DateTimeOffset.UnixEpoch.AddMinutes(3), null, null));
        Assert.Equal(CatalogPushStatus.Written, entry.Status);
    }
}
