namespace Connector.CatalogPush;

/// <summary>How the push groups writes (section <c>Connector:CatalogPush</c>).</summary>
public sealed class CatalogPushOptions
{
    public const string Section = "Connector:CatalogPush";

    /// <summary>Changes handled at the same moment share requests; off, each change is looked up and written on its own.</summary>
    public bool BatchWrites { get; set; } = true;

    /// <summary>
    /// How long a batch waits for more changes after its last one joined: while changes keep coming (a feed page's messages
    /// reach the worker over a second or two) the batch fills up to 50; a lone change goes after this.
    /// </summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest a batch waits for more changes, however steadily they come.</summary>
    public TimeSpan MaxLinger { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Batches of one store under way at once (each a lookup, then its writes one after the other).</summary>
    public int MaxConcurrentSends { get; set; } = 2;
}
