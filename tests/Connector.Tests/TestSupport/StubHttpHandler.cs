using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace Connector.Tests.TestSupport;

/// <summary>What the stub saw of one request, copied while the request was still alive.</summary>
public sealed record CapturedRequest(
    HttpMethod Method,
    Uri Uri,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    string? ContentType,
    TimeSpan At)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// The primary handler under the code being tested: answers each request with the next responder in
/// line (the last one repeats), and records what it was sent. It stands where the network would be.
/// </summary>
public sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> respond;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<CapturedRequest> requests = new();
    private int calls;

    /// <param name="respond">Gets the request, its 0-based call number and the cancellation token.</param>
    public StubHttpHandler(Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> respond) =>
        this.respond = respond;

    public IReadOnlyList<CapturedRequest> Requests => [.. requests];

    public int Calls => Volatile.Read(ref calls);

    /// <summary>Answers the calls in order with these responses; the last one answers any further calls.</summary>
    public static StubHttpHandler Sequence(params Func<HttpResponseMessage>[] responses) =>
        new((_, call, _) => Task.FromResult(responses[Math.Min(call, responses.Length - 1)]()));

    public static StubHttpHandler Always(Func<HttpResponseMessage> response) => Sequence(response);

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    public static HttpResponseMessage Text(HttpStatusCode status, string text, string mediaType = "text/plain") =>
        new(status) { Content = new StringContent(text, Encoding.UTF8, mediaType) };

    public static HttpResponseMessage Status(HttpStatusCode status) => new(status);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref calls) - 1;
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers
            .Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        requests.Enqueue(new CapturedRequest(request.Method, request.RequestUri!, headers, body,
            request.Content?.Headers.ContentType?.MediaType, clock.Elapsed));

        var response = await respond(request, call, cancellationToken);
        response.RequestMessage ??= request;
        return response;
    }
}

public static class HttpResponseMessageExtensions
{
    public static HttpResponseMessage WithHeader(this HttpResponseMessage response, string name, string value)
    {
        response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }
}
