using System.Text.Json;
using Connector.Shipments;

namespace Connector.Tests.Shipments;

/// <summary>Feed and push records: each bad one refused on its own with a reason, nothing guessed.</summary>
public sealed class ShipmentRecordParserTests
{
    private static (IReadOnlyList<FulfilmentRecord> Accepted, IReadOnlyList<RefusedRecord> Refused) Parse(string json, string? store = "abc")
    {
        using var document = JsonDocument.Parse(json);
        return ShipmentRecordParser.ParseAll(document.RootElement.Clone(), store);
    }

    [Fact]
    public void A_full_shipment_and_a_cancellation_are_read()
    {
        var (accepted, refused) = Parse("""
            [{"type":"shipment","id":"S1","store_hash":"abc","order_id":101,"items":[{"sku":"A","quantity":1},{"order_product_id":5,"quantity":2}],
              "tracking_number":"1Z","carrier":"ups","tracking_link":"https://t.example/1Z","shipping_method":"Ground","shipped_at":"2026-11-29T10:00:00+00:00","location":"main"},
             {"type":"cancellation","id":"C1","store_hash":"abc","order_id":102,"reason":"Customer asked","cancelled_at":"2026-11-29T10:00:00Z"}]
            """);

        Assert.Empty(refused);
        var shipment = accepted[0].Shipment!;
        Assert.Equal([new ShipmentLine("A", null, 1), new ShipmentLine(null, 5, 2)], shipment.Items);
        Assert.Equal(("1Z", "ups", "https://t.example/1Z"), (shipment.TrackingNumber, shipment.Carrier, shipment.TrackingLink));
        Assert.Equal("Customer asked", accepted[1].Cancellation!.Reason);
    }

    [Theory]
    [InlineData("""{"type":"shipment","store_hash":"abc","order_id":1,"items":[{"sku":"A","quantity":1}],"shipped_at":"2026-11-29T10:00:00Z"}""", "id must be")]
    [InlineData("""{"type":"shipment","id":"S","store_hash":"other","order_id":1,"items":[{"sku":"A","quantity":1}],"shipped_at":"2026-11-29T10:00:00Z"}""", "not the store this feed is for")]
    [InlineData("""{"type":"shipment","id":"S","store_hash":"abc","order_id":"1","items":[{"sku":"A","quantity":1}],"shipped_at":"2026-11-29T10:00:00Z"}""", "order_id must be")]
    [InlineData("""{"type":"shipment","id":"S","store_hash":"abc","order_id":1,"items":[],"shipped_at":"2026-11-29T10:00:00Z"}""", "items must be")]
    [InlineData("""{"type":"shipment","id":"S","store_hash":"abc","order_id":1,"items":[{"sku":"A","quantity":0}],"shipped_at":"2026-11-29T10:00:00Z"}""", "items[0]")]
    [InlineData("""{"type":"shipment","id":"S","store_hash":"abc","order_id":1,"items":[{"sku":"A","order_product_id":3,"quantity":1}],"shipped_at":"2026-11-29T10:00:00Z"}""", "items[0]")]
    [InlineData("""{"type":"shipment","id":"S","store_hash":"abc","order_id":1,"items":[{"sku":"A","quantity":1}],"shipped_at":"2026-11-29T10:00:00"}""", "shipped_at")]
    [InlineData("""{"type":"shipment","id":"S","store_hash":"abc","order_id":1,"items":[{"sku":"A","quantity":1}],"shipped_at":"2026-11-29T10:00:00Z","tracking_number":"123456789012345678901234567890123456789012345678901"}""", "tracking_number is longer")]
    [InlineData("""{"type":"shipment","id":"S","store_hash":"abc","order_id":1,"items":[{"sku":"A","quantity":1}],"shipped_at":"2026-11-29T10:00:00Z","tracking_link":"javascript:alert(1)"}""", "tracking_link must be")]
    [InlineData("""{"type":"return","id":"S","store_hash":"abc","order_id":1}""", "type must be")]
    [InlineData("\"text\"", "not an object")]
    public void A_bad_record_is_refused_with_its_reason(string record, string reason)
    {
        var (accepted, refused) = Parse($"[{record}]");

        Assert.Empty(accepted);
        Assert.Contains(reason, Assert.Single(refused).Error);
    }

    [Fact]
    public void One_bad_record_does_not_stop_the_others()
    {
        var (accepted, refused) = Parse("""
            [{"type":"cancellation","id":"C1","store_hash":"abc","order_id":1},{"type":"cancellation","id":"C2","store_hash":"abc"},{"type":"cancellation","id":"C3","store_hash":"abc","order_id":3}]
            """);

        Assert.Equal(["C1", "C3"], accepted.Select(r => r.Id));
        Assert.Equal("record 1 (C2): order_id must be a positive whole number", Assert.Single(refused).ToString());
    }

    [Fact]
    public void A_push_names_its_store_per_record()
    {
        var (accepted, _) = Parse("""[{"type":"cancellation","id":"C1","store_hash":"xyz","order_id":1}]""", store: null);

        Assert.Equal("xyz", Assert.Single(accepted).StoreHash);
    }
}
