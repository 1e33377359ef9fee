namespace Connector.Testing.Soak;

/// <summary>
/// What became of the back office's shipments and cancellations, counted from BigCommerce's side (the store's shipments,
/// the orders' statuses) and the connector's Shipments table. <see cref="Passed"/>: no back-office shipment twice in
/// BigCommerce, none lost, no cancelled order with a shipment, and nothing else out of place.
/// </summary>
public sealed record SoakShipmentFigures
{
    public static SoakShipmentFigures None { get; } = new();

    /// <summary>Orders the back office shipped or cancelled, per case.</summary>
    public IReadOnlyDictionary<SoakFulfilmentKind, int> Cases { get; init; } = new Dictionary<SoakFulfilmentKind, int>();
    public int ShipmentRecords { get; init; }
    public int CancellationRecords { get; init; }
    public int FeedRows { get; init; }
    public int Pushes { get; init; }
    public int PushesSentAgain { get; init; }

    /// <summary>Back-office shipments that must be in BigCommerce: every valid one, and each race the shipment won.</summary>
    public int ShipmentsExpected { get; init; }

    /// <summary>Back-office shipments with at least one BigCommerce shipment (matched by tracking number).</summary>
    public int ShipmentsPresent { get; init; }
    public int BigCommerceShipments { get; init; }

    /// <summary>Back-office shipments with more than one BigCommerce shipment.</summary>
    public IReadOnlyList<string> Duplicates { get; init; } = [];

    /// <summary>Valid back-office shipments with no BigCommerce shipment and no refusal.</summary>
    public IReadOnlyList<string> Lost { get; init; } = [];
    public IReadOnlyList<string> CancelledWithShipment { get; init; } = [];
    public int CancellationsDone { get; init; }
    public int CancellationsRefused { get; init; }
    public int RacesShipped { get; init; }
    public int RacesCancelled { get; init; }

    /// <summary>Refusals the run asked for: the losers of races and the shipments of more than was ordered.</summary>
    public int RefusedAsIntended { get; init; }

    /// <summary>Refusal reasons (order ids taken out) and how many records each.</summary>
    public IReadOnlyDictionary<string, int> RefusalReasons { get; init; } = new Dictionary<string, int>();

    /// <summary>Anything else out of place: an unintended refusal, a cancellation not made, a race nobody won, a record never settled, a push given up.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
    public int Poison { get; init; }

    public bool Passed => Duplicates.Count == 0 && Lost.Count == 0 && CancelledWithShipment.Count == 0 && Problems.Count == 0 && Poison == 0;
}
