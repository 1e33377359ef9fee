using Connector.BigCommerce;
using Connector.Storage;

namespace Connector.MerchantPage;

/// <summary>The store's BigCommerce quota as the connector last saw it: its shared window (one point read).</summary>
public sealed record QuotaView(int? Quota, TimeSpan? Length, int Granted, int? Left, DateTimeOffset StartedAt, DateTimeOffset EndsAt, bool Closed);

public sealed class QuotaSeen(ConnectorStorage storage)
{
    /// <summary>Null before the connector's first BigCommerce call for the store (or with the shared quota off).</summary>
    public async Task<QuotaView?> ReadAsync(string storeHash, CancellationToken cancellationToken)
    {
        var found = await storage.Table(TableNames.QuotaWindows).GetEntityIfExistsAsync<QuotaWindowRow>(storeHash, SharedQuota.RowKey, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row)
        {
            return null;
        }

        return new QuotaView(row.Quota, row.LengthMs is long ms ? TimeSpan.FromMilliseconds(ms) : null, row.Granted, row.Left, row.StartedAt, row.EndsAt, row.Closed);
    }
}
