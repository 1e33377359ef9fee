using System.Text.Json;
using Connector.BigCommerce;
using Connector.Shipments;

namespace Connector.Tests.Shipments;

public sealed class OwnShipmentsTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly DateTimeOffset WriteStarted = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static V2Shipment Shipment(long id = 77, string tracking = "T-1", string created = "Sat, 01 Mar 2025 10:00:01 +0000", params (long Product, int Quantity)[] items) => new()
    {
        Id = id,
        OrderId = 100,
        TrackingNumber = tracking,
        DateCreated = created,
        Items = [.. (items.Length == 0 ? [(11L, 2)] : items).Select(i => new V2ShipmentItem { OrderProductId = i.Product, Quantity = i.Quantity })],
    };

    private static FulfilmentEntry Entry(string state, long? bigCommerceId = null, string tracking = "T-1", params (long Product, int Quantity)[] lines) => new()
    {
        Kind = "shipment",
        BackOfficeId = "BO-1",
        OrderId = 100,
        State = state,
        TrackingNumber = tracking,
        PostedLines = JsonSerializer.Serialize((lines.Length == 0 ? [(11L, 2)] : lines).Select(l => new PlannedLine(l.Product, l.Quantity)).ToList(),
            Json),
        WriteStartedAt = WriteStarted,
        BigCommerceShipmentId = bigCommerceId,
    };

    [Fact]
    public void A_shipment_recorded_as_written_by_its_id_is_the_connectors()
    {
        Assert.Equal("BO-1", OwnShipments.MadeBy(Shipment(), [Entry(FulfilmentState.Done, 77)])?.BackOfficeId);
    }

    [Fact]
    public void A_written_back_office_shipment_with_another_id_does_not_claim_it_even_with_the_same_parcel()
    {
        // The merchant keyed the same parcel in again: a second shipment in BigCommerce, and not the connector's.
        Assert.Null(OwnShipments.MadeBy(Shipment(), [Entry(FulfilmentState.Done, 76)]));
    }

    [Fact]
    public void A_shipment_whose_write_is_under_way_is_recognised_by_tracking_number_and_lines()
    {
        Assert.NotNull(OwnShipments.MadeBy(Shipment(), [Entry(FulfilmentState.Writing)]));
        Assert.NotNull(OwnShipments.MadeBy(Shipment(items: [(12, 1), (11, 2)]), [Entry(FulfilmentState.Writing, lines: [(11, 2), (12, 1)])]));
    }

    [Theory]
    [InlineData("T-2", 11, 2)] // another tracking number
    [InlineData("T-1", 11, 1)] // fewer units
    [InlineData("T-1", 12, 2)] // another order product
    public void A_shipment_that_differs_from_the_write_under_way_is_someone_elses(string tracking, long product, int quantity)
    {
        Assert.Null(OwnShipments.MadeBy(Shipment(tracking: tracking, items: [(product, quantity)]), [Entry(FulfilmentState.Writing)]));
    }

    [Fact]
    public void A_shipment_made_before_the_write_began_is_someone_elses()
    {
        Assert.Null(OwnShipments.MadeBy(Shipment(created: "Sat, 01 Mar 2025 09:50:00 +0000"), [Entry(FulfilmentState.Writing)]));
    }

    [Theory]
    [InlineData(FulfilmentState.Failing)]
    [InlineData(FulfilmentState.Refused)]
    public void A_back_office_shipment_that_never_reached_BigCommerce_claims_nothing(string state)
    {
        Assert.Null(OwnShipments.MadeBy(Shipment(), [Entry(state, 77)]));
    }

    [Fact]
    public void With_no_back_office_shipments_on_the_order_it_is_someone_elses()
    {
        Assert.Null(OwnShipments.MadeBy(Shipment(), []));
    }
}
