namespace Connector.Hosting;

public static class RequestBodies
{
    /// <summary>The body, or null when it is longer than <paramref name="max"/> (a missing or lying Content-Length included).</summary>
    public static async Task<byte[]?> ReadLimitedAsync(Stream body, int max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
