namespace Connector.CatalogPush;

/// <summary>One change of one SKU from the back office's catalog-changes feed, to write to BigCommerce (catalog-push queue).</summary>
public sealed record CatalogPushMessage(string StoreHash, CatalogChange Change, string CorrelationId);
