using Azure;

namespace Connector.Storage;

public static class StorageFaults
{
    /// <summary>
    /// Storage could not be reached or refused for now: a service error, a cancelled call, or the Azure SDK's
    /// AggregateException once its own retries over transport errors (storage down, connection refused) ran out.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RequestFailedException or OperationCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(e => e is RequestFailedException or HttpRequestException or IOException
            or OperationCanceledException or System.Net.Sockets.SocketException),
        _ => false,
    };
}
