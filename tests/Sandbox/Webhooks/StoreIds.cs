namespace Sandbox.Webhooks;

/// <summary>BigCommerce's numeric store id (<c>store_id</c> in payloads): stable per hash, 7 digits.</summary>
public static class StoreIds
{
    public static string Of(string storeHash)
    {
        var h = storeHash.Aggregate(17L, (acc, c) => unchecked((acc * 31) + c));
        return (1_000_000 + (Math.Abs(h % 9_000_000))).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
