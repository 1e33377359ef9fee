namespace Connector.Shipments;

/// <summary>
/// Where one back-office shipment or cancellation stands, and the only moves between those states:
/// <code>
/// (new) ─┬─► failing ──┐     nothing was written to BigCommerce yet; the queue retries
///        │             ▼
///        ├──────────► writing ──► done       the POST (shipment) or PUT (cancel) started: its outcome is unknown until
///        │             │  ▲                  recorded, so a later attempt looks at the order first (its shipments, its
///        │             │  └─ (retry)         status) and records what it finds instead of writing twice
///        └──────────► refused ◄──┘           for good, with the reason the merchant reads
/// </code>
/// A record can also go straight to <c>done</c> when BigCommerce already shows it (an order cancelled already).
/// <c>done</c> and <c>refused</c> are final: the same record arriving again (feed and push, a page read twice) changes
/// nothing and costs no BigCommerce call.
/// </summary>
public static class FulfilmentState
{
    public const string Failing = "failing";
    public const string Writing = "writing";
    public const string Done = "done";
    public const string Refused = "refused";

    public static bool IsFinal(string? state) => state is Done or Refused;

    /// <summary>Whether <paramref name="from"/> (null: no row yet) may move to <paramref name="to"/>.</summary>
    public static bool CanMove(string? from, string to) => (from, to) switch
    {
        (Done or Refused, _) => false,
        // Once a write began, its outcome stays unknown until recorded: never back to "nothing written".
        (_, Failing) => from is null or Failing,
        (_, Writing or Refused or Done) => true,
        _ => false,
    };
}
