using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace Connector.EndToEndTests.Infrastructure;

/// <summary>A table service client on Azurite that records the address of every request it sends: what a test reads to tell point reads from scans.</summary>
public sealed class RecordedTables
{
    private readonly ConcurrentQueue<Uri> _requests = new();

    public RecordedTables(string connectionString)
    {
        var options = new TableClientOptions();
        options.AddPolicy(new Record(_requests), HttpPipelinePosition.PerCall);
        Client = new TableServiceClient(connectionString, options);
    }

    public TableServiceClient Client { get; }

    public IReadOnlyList<Uri> Requests => [.. _requests];

    /// <summary>Requests that carried a <c>$filter</c>: queries, which the service may answer by scanning.</summary>
    public IReadOnlyList<Uri> Queries => [.. _requests.Where(uri => Uri.UnescapeDataString(uri.Query).Contains("$filter", StringComparison.Ordinal))];

    public void Clear() => _requests.Clear();

    private sealed class Record(ConcurrentQueue<Uri> requests) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => requests.Enqueue(message.Request.Uri.ToUri());
    }
}
