using Connector.BigCommerce;
using Connector.Catalog;

namespace Connector.Tests.Catalog;

public sealed class CatalogPagingTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);

    private static List<V3Product> Page(int count, DateTimeOffset at, long firstId = 1) =>
        Enumerable.Range(0, count).Select(i => new V3Product { Id = firstId + i, DateModified = at }).ToList();

    [Fact]
    public void The_first_run_imports_the_whole_catalog_and_later_runs_start_at_the_watermark_less_the_overlap()
    {
        Assert.Equal(CatalogPaging.Beginning, CatalogPaging.Start(null, TimeSpan.FromMinutes(5)).MinModified);
        Assert.Equal(T.AddMinutes(-5), CatalogPaging.Start(T, TimeSpan.FromMinutes(5)).MinModified);
    }

    [Fact]
    public void A_page_that_is_not_full_ends_the_run()
    {
        Assert.Null(CatalogPaging.Next(new ProductPageRequest(T), Page(10, T), 250));
    }

    [Fact]
    public void A_full_page_moves_on_to_its_newest_change()
    {
        var page = Page(249, T).Append(new V3Product { Id = 999, DateModified = T.AddSeconds(7) }).ToList();
        Assert.Equal(new ProductPageRequest(T.AddSeconds(7)), CatalogPaging.Next(new ProductPageRequest(T.AddSeconds(-30)), page, 250));
    }

    [Fact]
    public void A_second_holding_more_than_a_page_is_read_by_id_then_the_run_goes_on_after_it()
    {
        var crowded = CatalogPaging.Next(new ProductPageRequest(T), Page(250, T), 250);
        Assert.Equal(new ProductPageRequest(T, AfterId: 0), crowded);

        var next = CatalogPaging.Next(crowded!.Value, Page(250, T, firstId: 1), 250);
        Assert.Equal(new ProductPageRequest(T, AfterId: 250), next);

        Assert.Equal(new ProductPageRequest(T.AddSeconds(1)), CatalogPaging.Next(next!.Value, Page(3, T, firstId: 251), 250));
    }
}
