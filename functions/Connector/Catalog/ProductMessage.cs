using Connector.BigCommerce;

namespace Connector.Catalog;

/// <summary>
/// One product to bring to the back office (products queue). <see cref="ModifiedAt"/>: the version the poll's page had,
/// which it carries (<see cref="Carried"/>) when small enough, so the worker needs no read; a webhook's message has
/// neither and the worker reads the product. <see cref="Deleted"/>: BigCommerce reported the product deleted, at
/// <see cref="EventAt"/>.
/// </summary>
public sealed record ProductMessage(
    string StoreHash, long ProductId, DateTimeOffset? ModifiedAt, string Source, string CorrelationId,
    bool Deleted = false, DateTimeOffset? EventAt = null, V3Product? Carried = null)
{
    /// <summary>As for orders: a queue message holds 48 KiB of JSON, less room for the retry and poison envelopes.</summary>
    public const int MaxCarriedBytes = 44 * 1024;

    public const string Poll = "poll";
    public const string Webhook = "webhook";

    /// <summary>The deletion check found the product no longer listed (<see cref="CatalogDeletionCheck"/>): the worker reads it.</summary>
    public const string DeletionCheck = "deletion-check";

    public V3Product? CarriedVersion() =>
        Carried is { DateModified: { } version } product && product.Id == ProductId && version == ModifiedAt ? product : null;

    public ProductMessage Carrying(V3Product product)
    {
        var carrying = this with { Carried = product };
        return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(carrying, Storage.WorkQueue.Json).Length <= MaxCarriedBytes ? carrying : this;
    }
}
