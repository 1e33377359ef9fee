namespace Connector.Orders;

/// <summary>
/// A store's order flow settings (the peers' "pull orders" flow and its filters). Statuses are ids,
/// never labels: merchants rename labels. Stored as JSON in the Settings table.
/// </summary>
public sealed record OrderSettings
{
    /// <summary>Statuses of a paid order on its way to the customer (orders.v2 order_statuses).</summary>
    public static readonly IReadOnlyList<int> PaidStatuses = [11, 9, 8, 3, 2, 10];

    public const int IncompleteStatus = 0;

    public bool Enabled { get; init; } = true;

    /// <summary>Which new orders enter the back office. Once an order is there, its later changes all follow (a cancellation matters).</summary>
    public IReadOnlyList<int> StatusIds { get; init; } = PaidStatuses;

    /// <summary>Incomplete orders are abandoned checkouts; off unless asked for.</summary>
    public bool IncludeIncomplete { get; init; }

    /// <summary>Orders created earlier are left alone. Null means the moment the store was connected.</summary>
    public DateTimeOffset? ExcludeCreatedBefore { get; init; }

    /// <summary>When not empty, only these orders flow: for trying the connection before going live.</summary>
    public IReadOnlyList<long> OnlyOrderIds { get; init; } = [];

    /// <summary>Once the back office has an order in one of <see cref="WriteBackFromStatusIds"/>, move it to this status (null: never).</summary>
    public int? WriteBackStatusId { get; init; }

    public IReadOnlyList<int> WriteBackFromStatusIds { get; init; } = [11];

    /// <summary>
    /// Send the back office the order versions the connector's own shipments and cancellations made (status Shipped,
    /// Partially Shipped, Cancelled). Off: the back office caused them and knows; sending them would only echo.
    /// </summary>
    public bool SendOwnShipmentUpdates { get; init; }

    /// <summary>
    /// How long text that may quote a customer (the back office's reasons for refusing or failing an order, kept on the
    /// order's ledger row for the merchant) is kept; the store's housekeeping clears it after that (0: at the next poll).
    /// </summary>
    public int DataRetentionDays { get; init; } = 30;

    /// <summary>An action: pull again every order modified since this date, then clear it.</summary>
    public DateTimeOffset? ResyncFrom { get; init; }
}
