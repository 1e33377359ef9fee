using Connector.Shipments;

namespace Connector.Tests.Shipments;

public sealed class CarrierMappingTests
{
    private static readonly IReadOnlyDictionary<string, CarrierChoice> None = new Dictionary<string, CarrierChoice>();

    [Theory]
    [InlineData("UPS", "ups")]
    [InlineData(" fedex ", "fedex")]
    [InlineData("Royal Mail", "royalmail")]
    [InlineData("Australia Post", "auspost")]
    public void Integrated_providers_are_recognised_by_their_usual_names(string carrier, string provider) =>
        Assert.Equal(new CarrierFields(provider, "", "Ground"), CarrierMapping.Map(carrier, "Ground", None));

    [Fact]
    public void The_stores_map_comes_first_ignoring_case()
    {
        var map = new Dictionary<string, CarrierChoice> { ["DHL Express"] = new(null, "dhl"), ["ups"] = new("carrier_12", null) };

        Assert.Equal(new CarrierFields("", "dhl", null), CarrierMapping.Map("dhl express", null, map));
        Assert.Equal(new CarrierFields("carrier_12", "", null), CarrierMapping.Map("UPS", null, map));
    }

    [Fact]
    public void An_unknown_carrier_is_kept_in_words_never_refused()
    {
        Assert.Equal(new CarrierFields("", "", "Acme Couriers"), CarrierMapping.Map("Acme Couriers", null, None));
        Assert.Equal(new CarrierFields("", "", "Next day (Acme Couriers)"), CarrierMapping.Map("Acme Couriers", "Next day", None));
        Assert.Equal(new CarrierFields("", "", null), CarrierMapping.Map(null, null, None));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("usps", true)]
    [InlineData("carrier_7", true)]
    [InlineData("carrier_", false)]
    [InlineData("dhl", false)]
    public void Only_providers_BigCommerce_takes_are_acceptable_in_a_stores_map(string provider, bool acceptable) =>
        Assert.Equal(acceptable, CarrierMapping.IsAcceptableProvider(provider));
}
