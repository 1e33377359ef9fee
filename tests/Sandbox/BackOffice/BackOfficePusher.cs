using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Sandbox.BackOffice;

/// <summary>How a push is signed: as the contract says, with a well-formed but wrong HMAC, or not at all.</summary>
public enum PushSignature { Valid, Bad, None }

/// <param name="Status">The connector's HTTP status; 0 when no answer came (<paramref name="Error"/> says why).</param>
/// <param name="Body">The connector's answer as text.</param>
public sealed record PushOutcome(int Status, string? Body, string? Error);

/// <summary>
/// The back office calling one of the connector's push endpoints (<c>POST {connector}/api/backoffice/shipments</c> or
/// <c>…/catalog-changes</c>) as a real one would: <c>{"records": […]}</c> signed over the raw body with the shared secret.
/// </summary>
public sealed class BackOfficePusher(SignatureVerifier signatures) : IDisposable
{
    // Well above the connector's 1 MiB request limit; its answers are far smaller.
    private const int MaxAnswerBytes = 1024 * 1024;

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(10) })
    {
        Timeout = TimeSpan.FromSeconds(60),
        MaxResponseContentBufferSize = MaxAnswerBytes,
    };

    /// <param name="records">Sent as given, malformed ones included, so the connector's refusals can be tested.</param>
    /// <param name="url">The connector's push endpoint.</param>
    public async Task<PushOutcome> PushAsync(Uri url, JsonArray records, PushSignature signature, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["records"] = records.DeepClone() }.ToJsonString(SandboxJson.Options));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", "Sandbox-BackOffice/1.0");
        if (signature != PushSignature.None)
        {
            var valid = signatures.Sign(body);
            request.Headers.TryAddWithoutValidation(SignatureVerifier.Header, signature == PushSignature.Valid ? valid : Spoil(valid));
        }

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new PushOutcome((int)response.StatusCode, text, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new PushOutcome(0, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The right format with the last hex digit changed: a receiver must compare the HMAC, not only its shape.</summary>
    private static string Spoil(string signature) => signature[..^1] + (signature[^1] == '0' ? '1' : '0');
}
