namespace Sandbox.BigCommerce;

/// <summary>
/// <c>shipping_provider</c> values for order shipments: the spec's shipping_provider_standard enum, or
/// <c>carrier_{id}</c> for a third-party shipping provider (the create operation's list of acceptable values).
/// </summary>
public static class ShippingProviders
{
    public const string CustomPrefix = "carrier_";

    /// <summary>The enum, with the names BigCommerce shows (<c>shipping_provider_display_name</c>).</summary>
    private static readonly Dictionary<string, string> DisplayNames = new(StringComparer.Ordinal)
    {
        [""] = "",
        ["auspost"] = "Australia Post",
        ["canadapost"] = "Canada Post",
        ["endicia"] = "Endicia",
        ["usps"] = "USPS",
        ["fedex"] = "FedEx",
        ["ups"] = "UPS",
        ["upsready"] = "UPS Ready",
        ["upsonline"] = "UPS Online",
        ["shipperhq"] = "ShipperHQ",
        ["royalmail"] = "Royal Mail",
    };

    public static IReadOnlyCollection<string> Standard => DisplayNames.Keys;

    /// <summary>
    /// The schema's anyOf also allows a free "custom" string, but its only documented form is
    /// <c>carrier_{id}</c>; anything else is refused so a connector inventing provider names finds out here.
    /// </summary>
    public static bool IsAcceptable(string provider) =>
        DisplayNames.ContainsKey(provider) ||
        (provider.StartsWith(CustomPrefix, StringComparison.Ordinal) && provider.Length > CustomPrefix.Length && !provider.Any(char.IsWhiteSpace));

    public static string DisplayName(string provider) =>
        DisplayNames.TryGetValue(provider, out var name) ? name : provider[CustomPrefix.Length..];

    /// <summary>
    /// A stand-in for <c>generated_tracking_link</c>: BigCommerce links to the provider or AfterShip when
    /// a tracking number comes with a provider or carrier, and leaves it empty when a custom
    /// <c>tracking_link</c> was given. The URL shape is the sandbox's, not BigCommerce's.
    /// </summary>
    public static string GeneratedTrackingLink(StoredShipment s)
    {
        var carrier = s.TrackingCarrier.Length > 0 ? s.TrackingCarrier : s.ShippingProvider;
        return s.TrackingLink.Length > 0 || s.TrackingNumber.Length == 0 || carrier.Length == 0
            ? ""
            : $"https://track.aftership.com/{Uri.EscapeDataString(carrier)}/{Uri.EscapeDataString(s.TrackingNumber)}";
    }
}
