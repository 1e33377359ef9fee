using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Connector.Storage;
using Connector.Tests.TestSupport;
using Connector.Webhooks;
using Microsoft.Extensions.Logging;
using Moq;

namespace Connector.Tests.Webhooks;

public sealed class WebhookReceiptsTests
{
    private const string Store = "abc123";

    [Fact]
    public async Task A_receipt_storage_could_not_mark_done_is_reported_with_its_error_and_the_work_still_counts()
    {
        var busy = new RequestFailedException(503, "The server is busy.");
        var table = new Mock<TableClient>();
        table.Setup(t => t.AddEntityAsync(It.IsAny<TableEntity>(), It.IsAny<CancellationToken>())).ReturnsAsync(new NoContent());
        table.Setup(t => t.UpdateEntityAsync(It.IsAny<TableEntity>(), It.IsAny<ETag>(), TableUpdateMode.Replace, It.IsAny<CancellationToken>())).ThrowsAsync(busy);
        var tables = new Mock<TableServiceClient>();
        tables.Setup(t => t.GetTableClient(TableNames.WebhookReceipts)).Returns(table.Object);
        var logger = new RecordingLogger<WebhookReceipts>();
        var receipts = new WebhookReceipts(new ConnectorStorage(tables.Object, Mock.Of<QueueServiceClient>()), TimeProvider.System, logger);
        var worked = 0;

        var acted = await receipts.ActOnceAsync(Store, "wh-1", null, "copy-1", "store/order/created", 100, _ => { worked++; return Task.CompletedTask; }, CancellationToken.None);

        Assert.True(acted);
        Assert.Equal(1, worked);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Same(busy, entry.Exception);
        Assert.Contains("wh-1", entry.Message, StringComparison.Ordinal);
        Assert.Contains(Store, entry.Message, StringComparison.Ordinal);
    }

    /// <summary>The table service's answer to an insert: 204, no headers.</summary>
    private sealed class NoContent : Response
    {
        public override int Status => 204;
        public override string ReasonPhrase => "No Content";
        public override Stream? ContentStream { get; set; }
        public override string ClientRequestId { get; set; } = "";

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<Azure.Core.HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
        {
            value = null;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = null;
            return false;
        }
    }
}
