namespace Connector.Shipments;

/// <summary>How a shipment names its carrier to BigCommerce (orders.v2 orderShipment_Post).</summary>
public sealed record CarrierFields(string ShippingProvider, string TrackingCarrier, string? ShippingMethod);

/// <summary>
/// The back office's carrier name → BigCommerce's <c>shipping_provider</c> and <c>tracking_carrier</c>. The store's own map
/// comes first, then BigCommerce's integrated providers by their usual names. An unknown carrier is never a refusal: the
/// provider stays empty, the tracking number and any tracking link are kept, and the carrier's name goes into
/// <c>shipping_method</c> so the shopper and the merchant still see who carries the parcel.
/// </summary>
public static class CarrierMapping
{
    /// <summary>The <c>shipping_provider</c> values the spec lists (besides "" and <c>carrier_{id}</c>).</summary>
    public static readonly IReadOnlyList<string> Providers =
        ["auspost", "canadapost", "endicia", "usps", "fedex", "ups", "upsready", "upsonline", "shipperhq", "royalmail"];

    private static readonly Dictionary<string, string> CommonNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["australia post"] = "auspost",
        ["canada post"] = "canadapost",
        ["royal mail"] = "royalmail",
        ["fed ex"] = "fedex",
        ["united states postal service"] = "usps",
        ["united parcel service"] = "ups",
    };

    public static CarrierFields Map(string? carrier, string? shippingMethod, IReadOnlyDictionary<string, CarrierChoice> storeMap)
    {
        if (string.IsNullOrWhiteSpace(carrier))
        {
            return new CarrierFields("", "", shippingMethod);
        }

        var name = carrier.Trim();
        if (storeMap.FirstOrDefault(m => string.Equals(m.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { } chosen)
        {
            return new CarrierFields(chosen.ShippingProvider ?? "", chosen.TrackingCarrier ?? "", shippingMethod);
        }

        if (Providers.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase)) is { } provider)
        {
            return new CarrierFields(provider, "", shippingMethod);
        }

        if (CommonNames.TryGetValue(name, out var common))
        {
            return new CarrierFields(common, "", shippingMethod);
        }

        return new CarrierFields("", "", shippingMethod is null ? name : $"{shippingMethod} ({name})");
    }

    /// <summary>Whether a store's map entry names a provider BigCommerce takes: one of the list, "" or <c>carrier_{id}</c>.</summary>
    public static bool IsAcceptableProvider(string? provider) =>
        string.IsNullOrEmpty(provider) || Providers.Contains(provider, StringComparer.Ordinal)
        || (provider.StartsWith("carrier_", StringComparison.Ordinal) && provider.Length > "carrier_".Length);
}

/// <summary>A store's choice for one back-office carrier: BigCommerce's provider, and/or an AfterShip tracking carrier slug.</summary>
public sealed record CarrierChoice(string? ShippingProvider, string? TrackingCarrier);
