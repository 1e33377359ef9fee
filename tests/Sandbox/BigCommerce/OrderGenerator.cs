namespace Sandbox.BigCommerce;

/// <summary>
/// Makes plausible demo orders: a customer, one US address used for billing and shipping, and
/// 1–4 lines from a small catalog. Seeded per store so demo data is stable between runs.
/// Not thread-safe (<see cref="Random"/> isn't); the owning store calls it under its lock.
/// </summary>
public sealed class OrderGenerator(int seed)
{
    private const decimal TaxRate = 0.0825m;
    private const decimal FlatShipping = 8.00m;

    private readonly Random _random = new(seed);

    private sealed record CatalogItem(long ProductId, long VariantId, string Sku, string Name, string Brand, decimal Price, decimal Weight);

    private static readonly CatalogItem[] Catalog =
    [
        new(77, 101, "TOWEL-BEIGE", "Fog Linen Chambray Towel - Beige Stripe", "Fog Linen", 49.00m, 1.0m),
        new(80, 110, "MUG-GRY", "BigCommerce Coffee Mug", "BigCommerce", 12.50m, 0.8m),
        new(81, 111, "POSTER-A2", "BigCommerce Poster", "BigCommerce", 10.00m, 0.3m),
        new(86, 120, "OFS-GRN", "Orbit Terrarium - Large", "Common Good", 109.00m, 4.0m),
        new(88, 125, "CC3C-BLU", "Chemex Coffeemaker 3 Cup", "Chemex", 49.50m, 2.0m),
        new(93, 130, "SLCTBS-S", "Small Cotton Tote Bag", "Sagaform", 18.99m, 0.4m),
        new(93, 131, "SLCTBS-L", "Large Cotton Tote Bag", "Sagaform", 24.99m, 0.6m),
        new(97, 140, "TWB-RED", "Tiered Wire Basket - Red", "OFS", 119.95m, 3.5m),
        new(98, 145, "OTS-BLK", "Oak Cheese Grater", "OFS", 34.95m, 0.7m),
        new(103, 150, "DPB-OAK", "Dustpan & Brush", "Iris Hantverk", 34.95m, 0.9m),
        new(104, 160, "CANV-XL", "Canvas Laundry Cart", "Common Good", 200.00m, 6.0m),
        new(107, 170, "ABS-WHT", "Able Brewing System", "Able", 225.00m, 3.0m),
    ];

    private static readonly string[] FirstNames = ["Jane", "John", "Maria", "Wei", "Aisha", "Lukas", "Priya", "Carlos", "Emma", "Noah", "Olivia", "Mateo", "Sofia", "Liam", "Yuki", "Fatima"];
    private static readonly string[] LastNames = ["Doe", "Smith", "Garcia", "Chen", "Khan", "Müller", "Patel", "Rossi", "Johnson", "Nguyen", "Brown", "Silva", "Kowalski", "O'Brien"];
    private static readonly string[] Streets = ["Main Street", "Sussex St", "Congress Ave", "Oak Lane", "Lamar Blvd", "Elm Street", "Pine Road", "Cedar Court"];
    private static readonly (string City, string State, string Zip)[] Cities =
    [
        ("Austin", "Texas", "78751"), ("San Antonio", "Texas", "78251"), ("Denver", "Colorado", "80202"),
        ("Portland", "Oregon", "97205"), ("Chicago", "Illinois", "60601"), ("Boston", "Massachusetts", "02108"),
        ("Seattle", "Washington", "98101"), ("Miami", "Florida", "33131"),
    ];
    private static readonly string[] Companies = ["", "", "", "Acme Pty Ltd", "Laser Ltd", "Globex"];
    private static readonly string[] PaymentMethods = ["Credit Card", "Test Payment Gateway", "Cash", "PayPal"];
    private static readonly string[] ShippingMethods = ["Flat Rate", "Free Shipping", "UPS Ground", "USPS Priority"];

    /// <summary>Status mix for seeded history: mostly awaiting fulfillment, some of everything the filters care about.</summary>
    public int SeedStatus()
    {
        var roll = _random.Next(100);
        return roll switch
        {
            < 65 => OrderStatuses.AwaitingFulfillment,
            < 75 => OrderStatuses.AwaitingPayment,
            < 80 => OrderStatuses.Incomplete,
            < 87 => 9,  // Awaiting Shipment
            < 93 => 10, // Completed
            < 97 => OrderStatuses.Shipped,
            _ => 5,     // Cancelled
        };
    }

    public TimeSpan NextJitter(TimeSpan max) => TimeSpan.FromSeconds(_random.Next((int)Math.Max(1, max.TotalSeconds)));

    /// <param name="lineCount">Exact number of lines, or null for 1–4.</param>
    public StoredOrder Generate(long orderId, long addressId, Func<long> nextLineId, DateTimeOffset created, DateTimeOffset modified, int statusId, int? lineCount)
    {
        var first = Pick(FirstNames);
        var last = Pick(LastNames);
        var (city, state, zip) = Pick(Cities);
        var email = $"{Ascii(first)}.{Ascii(last)}{_random.Next(1, 999)}@example.com".ToLowerInvariant();
        var address = new StoredAddress(
            first, last, Pick(Companies), $"{_random.Next(1, 9999)} {Pick(Streets)}", "", city, state, zip,
            "United States", "US", $"512-555-{_random.Next(1000, 9999)}", email);

        var count = lineCount ?? _random.Next(1, 5);
        var lines = new List<StoredLine>(count);
        var start = _random.Next(Catalog.Length);
        for (var i = 0; i < count; i++)
        {
            var item = Catalog[(start + i) % Catalog.Length];
            // Past one lap of the catalog, make each line a distinct variant so big orders still have unique SKUs.
            var lap = i / Catalog.Length;
            var sku = lap == 0 ? item.Sku : $"{item.Sku}-{lap + 1}";
            var variantId = item.VariantId + (lap * 1000);
            var quantity = count > 4 ? 1 : _random.Next(1, 4);
            var shipped = statusId == OrderStatuses.Shipped ? quantity : 0;
            lines.Add(new StoredLine(nextLineId(), item.ProductId, variantId, addressId, item.Name, sku, item.Brand,
                quantity, shipped, item.Price, Math.Round(item.Price * TaxRate, 2, MidpointRounding.AwayFromZero), item.Weight));
        }

        var shippingMethod = Pick(ShippingMethods);
        var shippingEx = shippingMethod == "Free Shipping" ? 0m : FlatShipping;
        var shipping = new StoredShipping(addressId, address, shippingMethod, shippingEx, Math.Round(shippingEx * TaxRate, 2, MidpointRounding.AwayFromZero));
        var guest = _random.Next(10) == 0;

        return new StoredOrder(
            orderId,
            guest ? 0 : _random.Next(1, 500),
            created,
            modified,
            statusId == OrderStatuses.Shipped ? modified : null,
            statusId,
            address,
            shipping,
            lines,
            Pick(PaymentMethods),
            statusId is OrderStatuses.AwaitingPayment or OrderStatuses.Incomplete ? "pending" : "captured",
            "USD",
            "",
            _random.Next(5) == 0 ? "Please leave the parcel at the back door." : "",
            1,
            null,
            "en",
            NextGuid().ToString(),
            $"203.0.113.{_random.Next(1, 255)}",
            TaxRate);
    }

    private Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private static string Ascii(string name) => new(name.Where(char.IsAsciiLetter).ToArray());
}
