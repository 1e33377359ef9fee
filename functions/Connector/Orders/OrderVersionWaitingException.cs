namespace Connector.Orders;

/// <summary>
/// This order version may not be sent yet (an older version's POST is under way, or its claim went to another worker):
/// the queue brings the message back, and by then the order's ledger row says what to do.
/// </summary>
public sealed class OrderVersionWaitingException(string message) : Exception(message);
