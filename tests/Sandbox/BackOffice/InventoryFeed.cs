using System.Globalization;
using System.Text;

namespace Sandbox.BackOffice;

/// <summary>The back office's stock levels per store, served in pages to the (later) inventory flow.</summary>
public sealed class InventoryFeed
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, IReadOnlyList<InventoryItem>> _byStore = new(StringComparer.Ordinal);

    public sealed record InventoryItem(string Sku, int Quantity, string? Location);

    public sealed record Page(IReadOnlyList<InventoryItem> Items, string? NextCursor);

    public void Set(string storeHash, IReadOnlyList<InventoryItem> items)
    {
        lock (_gate)
        {
            _byStore[storeHash] = [.. items];
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _byStore.Clear();
        }
    }

    /// <summary>Cursors are opaque to clients (base64url of an offset) so the back office is free to change them.</summary>
    public bool TryRead(string storeHash, string? cursor, int limit, out Page page)
    {
        page = new Page([], null);
        var offset = 0;
        if (!string.IsNullOrEmpty(cursor) && !TryDecode(cursor, out offset))
        {
            return false;
        }

        IReadOnlyList<InventoryItem> items;
        lock (_gate)
        {
            items = _byStore.GetValueOrDefault(storeHash) ?? [];
        }

        var slice = items.Skip(offset).Take(limit).ToList();
        var next = offset + slice.Count < items.Count ? Encode(offset + slice.Count) : null;
        page = new Page(slice, next);
        return true;
    }

    private static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("o:" + offset.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            return text.StartsWith("o:", StringComparison.Ordinal) &&
                int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
